"""The fields of the open data files, in order, with what each means: one list serves the
files, the data dictionary on the page and the tests. The names follow the API's
(app/api/openapi.py) flattened to columns; add fields at the end, never rename one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # as the dictionary states it: string, string or null, list of strings
    meaning: Any


STRING, NULLABLE, CODES = "string", "string|null", "array"

FIELDS: tuple[Field, ...] = (
    Field("id", STRING, _l("The comment's public id: random, permanent, never its tracking code.")),
    Field("consultation", STRING, _l("The address (slug) of the consultation it answers.")),
    Field("received_at", STRING, _l("When it was received (UTC, ISO 8601).")),
    Field("language", STRING, _l("The language it was written in: en or es.")),
    Field(
        "title",
        STRING,
        _l("Its title as published (edited by a moderator when it held personal data)."),
    ),
    Field("body", STRING, _l("Its text as published, in the language it was written in.")),
    Field("author_name", NULLABLE, _l("The author's name, only when they agreed to be named.")),
    Field(
        "author_organization",
        NULLABLE,
        _l("The author's organization, only when they agreed to be named."),
    ),
    Field("sector", STRING, _l("The code of the sector the author represents (see the taxonomy).")),
    Field("pillar", STRING, _l("The code of its main pillar.")),
    Field("second_pillar", NULLABLE, _l("The code of its second pillar, or empty.")),
    Field("topics", CODES, _l("The codes of its topics (in the CSV, separated by “; ”).")),
    Field("country", STRING, _l("The author's country: MX or US.")),
    Field("state", NULLABLE, _l("The author's state (ISO 3166-2 code), or empty.")),
    Field(
        "campaign",
        NULLABLE,
        _l(
            "When others sent the same letter: the id of the comment that stands for them "
            "all; otherwise empty."
        ),
    ),
)

NAMES: list[str] = [f.name for f in FIELDS]
