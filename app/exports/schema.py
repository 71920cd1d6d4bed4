"""The columns of a submissions export, in order: one list serves every format, the
documentation (docs/exports.md) and the tests that check both."""

from __future__ import annotations

from dataclasses import dataclass

from app.enums import Audience


@dataclass(frozen=True)
class Column:
    name: str
    # JSON type as documented: "string", "string|null", "integer", "integer|null", "array".
    type: str
    # Free text typed by a person: what a spreadsheet could mistake for a formula.
    free_text: bool = False
    internal_only: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("tracking_code", "string"),
    Column("status", "string"),
    Column("consultation", "string"),
    Column("submitted_at", "string"),
    Column("sector", "string"),
    Column("organization", "string|null", free_text=True),
    Column("name", "string|null", free_text=True),
    Column("country", "string"),
    Column("state", "string|null"),
    Column("pillar", "string"),
    Column("secondary_pillar", "string|null"),
    Column("topics", "array"),
    Column("page_language", "string"),
    Column("detected_language", "string|null"),
    Column("language", "string"),
    Column("title", "string", free_text=True),
    Column("body", "string", free_text=True),
    Column("consent", "string"),
    Column("campaign", "integer|null"),
    Column("campaign_size", "integer|null"),
    Column("attachment_count", "integer"),
    Column("email", "string|null", free_text=True, internal_only=True),
)


def columns(audience: Audience) -> tuple[Column, ...]:
    if audience is Audience.INTERNAL:
        return COLUMNS
    return tuple(c for c in COLUMNS if not c.internal_only)


def column_names(audience: Audience) -> list[str]:
    return [c.name for c in columns(audience)]
