"""What the XLSX shows people in place of codes: names in the reader's language, and dates
as real dates in the consultation's time zone. The CSV, JSON and NDJSON keep the stable
codes and UTC timestamps (docs/exports.md); only the spreadsheet is written for reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import get_timezone_location
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.enums import Audience, SubmissionStatus
from app.exports.schema import columns
from app.i18n import current_language, localized
from app.taxonomy.models import (
    Consultation,
    Country,
    Organization,
    Pillar,
    Region,
    Sector,
    Topic,
)

# How records carry `submitted_at` and `email_confirmed` (app/exports/queries.py).
ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"
DATE_COLUMNS = ("submitted_at", "email_confirmed", "disputed")
LANGUAGE_COLUMNS = ("page_language", "detected_language", "language")


@dataclass(frozen=True)
class Readable:
    """Headers, names by code for each coded column, and the time zone of the dates."""

    headers: list[str]
    names: dict[str, dict[str, str]]
    zone: ZoneInfo

    def value(self, column: str, value: Any) -> Any:
        if value is None or value == "":
            return value
        if column in DATE_COLUMNS:
            moment = datetime.strptime(value, ISO_UTC).replace(tzinfo=UTC)
            # A spreadsheet date has no zone: the wall-clock time, named in the header.
            return moment.astimezone(self.zone).replace(tzinfo=None)
        names = self.names.get(column)
        if names is None:
            return value
        if isinstance(value, list):
            return [names.get(item, item) for item in value]
        return names.get(value, value)


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def readable(session: Session, audience: Audience, zone: ZoneInfo) -> Readable:
    """The names of every code an export can hold, in the current language."""
    lang = current_language()

    def names(model: Any, key: Any) -> dict[str, str]:
        rows = session.scalars(select(model)).all()
        return {getattr(row, key): localized(row, "name", lang) for row in rows}

    pillars = names(Pillar, "code")
    languages = {code: _capitalised(name) for code, name in Locale.parse(lang).languages.items()}
    by_column = {
        "status": {s.value: s.label for s in SubmissionStatus},
        "consultation": {
            c.slug: localized(c, "title", lang) for c in session.scalars(select(Consultation))
        },
        "sector": names(Sector, "code"),
        "country": names(Country, "code"),
        "state": names(Region, "code"),
        "pillar": pillars,
        "secondary_pillar": pillars,
        "topics": names(Topic, "code"),
        # Records carry a listed organisation's English name (an invited one's as typed).
        "verified_organization": names(Organization, "name_en"),
        "consent": {
            "named": _("With name"),
            "anonymous": _("Anonymous"),
            "none": _("Not for publication"),
        },
        **dict.fromkeys(LANGUAGE_COLUMNS, languages),
    }
    city = get_timezone_location(zone, locale=get_locale(), return_city=True)
    headers = [
        _("Received (%(city)s time)", city=city) if c.name == "submitted_at" else str(c.label)
        for c in columns(audience)
    ]
    return Readable(headers, by_column, zone)
