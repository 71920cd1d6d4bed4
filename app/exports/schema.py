"""The columns of a submissions export, in order: one list serves every format, the
documentation (docs/exports.md) and the tests that check both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from app.enums import Audience


@dataclass(frozen=True)
class Column:
    name: str
    # JSON type as documented: "string", "string|null", "integer", "integer|null", "array".
    type: str
    # What a person reads over the column in the XLSX (the machine formats use `name`), and
    # the column's width there, in characters.
    label: Any
    width: int
    # Free text typed by a person: what a spreadsheet could mistake for a formula.
    free_text: bool = False
    internal_only: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("tracking_code", "string", _l("Tracking code"), 17),
    Column("status", "string", _l("Status"), 12),
    Column("consultation", "string", _l("Consultation"), 30),
    # The XLSX header names the time zone its dates are in (app/exports/formats.py).
    Column("submitted_at", "string", _l("Received"), 18),
    Column("sector", "string", _l("Sector"), 24),
    Column("organization", "string|null", _l("Organization"), 30, free_text=True),
    # The listed organisation the confirmed address verified (app.intake.confirmation), by its
    # English name; null when none, and in a public export where the author is not named.
    Column("verified_organization", "string|null", _l("Verified organization"), 30),
    Column("name", "string|null", _l("Name"), 24, free_text=True),
    Column("country", "string", _l("Country"), 16),
    Column("state", "string|null", lazy_pgettext("heading over a place", "State or region"), 22),
    Column("pillar", "string", _l("Pillar"), 36),
    Column("secondary_pillar", "string|null", _l("Second pillar"), 36),
    Column("topics", "array", _l("Topics"), 40),
    Column("page_language", "string", _l("Form language"), 12),
    Column("detected_language", "string|null", _l("Detected language"), 12),
    Column("language", "string", _l("Written in"), 12),
    Column("title", "string", _l("Title"), 40, free_text=True),
    Column("body", "string", _l("Comment"), 80, free_text=True),
    Column("consent", "string", _l("Consent to publish"), 18),
    Column("campaign", "integer|null", _l("Campaign"), 10),
    Column("campaign_size", "integer|null", _l("Comments in the campaign"), 12),
    Column("attachment_count", "integer", _l("Attachments"), 10),
    # The theme the comment is in (app/themes), by its English label; null when none.
    Column("theme_id", "integer|null", _l("Theme number"), 10),
    Column("theme", "string|null", _l("Theme"), 36),
    # When the author confirmed the address (the receipt's link), in UTC; null when not.
    Column(
        "email_confirmed", "string|null", _l("E-mail address confirmed"), 18, internal_only=True
    ),
    # When the address's owner reported "I did not send this" (UTC); null when no report
    # awaits a moderator. A public export never holds a disputed comment.
    Column("disputed", "string|null", _l("Reported as not sent"), 18, internal_only=True),
    Column("email", "string|null", _l("E-mail address"), 30, free_text=True, internal_only=True),
)


def columns(audience: Audience) -> tuple[Column, ...]:
    if audience is Audience.INTERNAL:
        return COLUMNS
    return tuple(c for c in COLUMNS if not c.internal_only)


def column_names(audience: Audience) -> list[str]:
    return [c.name for c in columns(audience)]
