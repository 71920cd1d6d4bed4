"""The themes export (issue 16, point 7): one consultation's themes, not dismissed, with their
counts and breakdowns, as CSV (for a spreadsheet) or JSON (as data).

Counts and convergence come from app.themes.queries.summary, the one home of both (the theme
page and packets read the same); CSV cells go through the submissions export's
spreadsheet_cell, the one place that decides what a cell may begin with.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.exports.formats import BOM, spreadsheet_cell
from app.taxonomy.models import Country, Pillar, Sector
from app.themes import queries as theme_queries
from app.themes.models import Theme

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
# The CSV's fixed columns; one column per sector code and per country code follows them
# ("sector:<code>", "country:<code>"), then the states as one compact cell.
FIXED_COLUMNS = ["id", "pillar", "label_en", "label_es", "support", "comments", "converges"]
STATE_SEPARATOR = "; "


@dataclass
class ThemeRow:
    id: int
    pillar: str
    label_en: str
    label_es: str
    support: int
    comments: int
    converges: bool
    sectors: dict[str, int]
    countries: dict[str, int]
    states: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _code(obj: Any) -> str:
    return str(obj.code)


def theme_rows(session: Session, consultation_id: int) -> list[ThemeRow]:
    """The consultation's themes that are not dismissed, in pillar order and by support."""
    themes = session.scalars(
        select(Theme)
        .join(Pillar, Pillar.id == Theme.pillar_id)
        .where(Theme.consultation_id == consultation_id, Theme.dismissed.is_(False))
        .options(joinedload(Theme.pillar))
        .order_by(Pillar.position, Pillar.id, Theme.support.desc(), Theme.id)
    ).all()
    rows = []
    for theme in themes:
        found = theme_queries.summary(session, theme, lang="en", name=_code, quotes=0)
        rows.append(
            ThemeRow(
                id=theme.id,
                pillar=theme.pillar.code,
                label_en=theme.label_en,
                label_es=theme.label_es,
                support=found.support,
                comments=found.comments,
                converges=found.converges,
                sectors=dict(found.sectors),
                countries=dict(found.countries),
                states=dict(found.states),
            )
        )
    return rows


def csv_columns(session: Session) -> tuple[list[str], list[str]]:
    """Every sector code (in the form's order, retired ones included: old comments keep
    them) and every country code, so a file's header does not depend on its data."""
    sectors = list(session.scalars(select(Sector.code).order_by(Sector.position, Sector.id)))
    countries = list(session.scalars(select(Country.code).order_by(Country.position)))
    return sectors, countries


def csv_text(rows: list[ThemeRow], sectors: list[str], countries: list[str]) -> str:
    """UTF-8 with a byte-order mark, CRLF, one header row; booleans as `true`/`false`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        FIXED_COLUMNS
        + [f"sector:{code}" for code in sectors]
        + [f"country:{code}" for code in countries]
        + ["states"]
    )
    for row in rows:
        states = STATE_SEPARATOR.join(f"{code}:{n}" for code, n in row.states.items())
        values: list[Any] = [
            row.id, row.pillar, row.label_en, row.label_es, row.support, row.comments,
            "true" if row.converges else "false",
            *(row.sectors.get(code, 0) for code in sectors),
            *(row.countries.get(code, 0) for code in countries),
            states,
        ]  # fmt: skip
        writer.writerow([spreadsheet_cell(v) for v in values])
    return BOM + buffer.getvalue()


def json_text(rows: list[ThemeRow]) -> str:
    return json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=1)
