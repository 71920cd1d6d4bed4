"""The API's OpenAPI 3.1 document, and the comment fields as the human page lists them.
The field names are the contract of app/api/schema.py; tests check every answer against this
document."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.enums import OutcomeKind
from app.intake.tracking import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH
from app.public.forms import SEARCH_MAX
from app.public.queries import ANY_OUTCOME

# The comment fields, in the order of the human page (/<lang>/api).
COMMENT_FIELDS = (
    ("id", _l("The comment's public id: random, permanent, never its tracking code.")),
    ("consultation", _l("The address (slug) of the consultation it answers.")),
    ("title", _l("Its title as published (edited by a moderator when it held personal data).")),
    ("body", _l("Its text as published, in the language it was written in.")),
    ("language", _l("The language it was written in: en or es.")),
    (
        "author",
        _l("Name and organization, only when the author agreed to be named; otherwise null."),
    ),
    (
        "verified_organization",
        _l(
            "Only when the author agreed to be named: the organization that vouches for the "
            "comment, in English and in Spanish, and how (by: email_domain, an address at a "
            "listed organization's domain was confirmed; invitation, sent through the "
            "secretariat's personal invitation); otherwise null."
        ),
    ),
    ("sector", _l("The code of the sector the author represents (see the taxonomy).")),
    ("pillar", _l("The code of its main pillar.")),
    ("second_pillar", _l("The code of its second pillar, or null.")),
    ("topics", _l("The codes of its topics.")),
    ("country", _l("The author's country: MX or US.")),
    ("state", _l("The author's state (ISO 3166-2 code), or null.")),
    ("received_at", _l("When it was received (UTC, ISO 8601).")),
    (
        "campaign",
        _l(
            "When others sent the same letter: the id of the comment that stands for them all "
            "and how many others sent it; otherwise null."
        ),
    ),
    ("url", _l("This comment in the API.")),
    ("html_url", _l("Its page on the public record, in English and in Spanish.")),
    (
        "outcomes",
        _l(
            "Only in one comment's answer: what the dialogue did with each agenda item that "
            "holds it (kind, note, item, meeting and its date); an empty list until then."
        ),
    ),
    (
        "theme_outcomes",
        _l(
            "Only in one comment's answer: what the dialogue did with the theme that holds it "
            "(kind, note, the theme's label and its pillar's code); an empty list until then."
        ),
    ),
)

BILINGUAL = {
    "type": "object",
    "properties": {"en": {"type": "string"}, "es": {"type": "string"}},
    "required": ["en", "es"],
    "additionalProperties": False,
}
PUBLIC_ID = {"type": "string", "pattern": f"^[{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}}$"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


COMMENT_PROPERTIES: dict[str, Any] = {
    "id": PUBLIC_ID,
    "consultation": {"type": "string"},
    "title": {"type": "string"},
    "body": {"type": "string"},
    "language": {"type": "string"},
    "author": _nullable(
        _object(
            {
                "name": {"type": "string"},
                "organization": _nullable({"type": "string"}),
            }
        )
    ),
    "verified_organization": _nullable(
        _object({"name": BILINGUAL, "by": {"enum": ["email_domain", "invitation"]}})
    ),
    "sector": {"type": "string"},
    "pillar": {"type": "string"},
    "second_pillar": _nullable({"type": "string"}),
    "topics": {"type": "array", "items": {"type": "string"}},
    "country": {"type": "string"},
    "state": _nullable({"type": "string"}),
    "received_at": {"type": "string", "format": "date-time"},
    "campaign": _nullable(
        _object({"lead_id": PUBLIC_ID, "others": {"type": "integer", "minimum": 1}})
    ),
    "url": {"type": "string", "format": "uri"},
    "html_url": _ref("BilingualUrl"),
}

SCHEMAS: dict[str, Any] = {
    "Bilingual": BILINGUAL,
    "Consultation": _object(
        {
            "slug": {"type": "string"},
            "title": _ref("Bilingual"),
            "opens_at": {"type": "string", "format": "date-time"},
            "closes_at": {"type": "string", "format": "date-time"},
            "open": {"type": "boolean"},
            "comments_url": {"type": "string", "format": "uri"},
            "html_url": _ref("BilingualUrl"),
        }
    ),
    "BilingualUrl": {
        "type": "object",
        "properties": {
            "en": {"type": "string", "format": "uri"},
            "es": {"type": "string", "format": "uri"},
        },
        "required": ["en", "es"],
        "additionalProperties": False,
    },
    "ConsultationList": _object({"items": {"type": "array", "items": _ref("Consultation")}}),
    "Named": _object({"code": {"type": "string"}, "name": _ref("Bilingual")}),
    "Taxonomy": _object(
        {
            "pillars": {
                "type": "array",
                "items": _object(
                    {
                        "code": {"type": "string"},
                        "name": _ref("Bilingual"),
                        "topics": {"type": "array", "items": _ref("Named")},
                    }
                ),
            },
            "sectors": {"type": "array", "items": _ref("Named")},
            "countries": {
                "type": "array",
                "items": _object(
                    {
                        "code": {"type": "string"},
                        "name": _ref("Bilingual"),
                        "states": {"type": "array", "items": _ref("Named")},
                    }
                ),
            },
        }
    ),
    "Comment": _object(COMMENT_PROPERTIES),
    "Outcome": _object(
        {
            "kind": {"type": "string", "enum": [kind.value for kind in OutcomeKind]},
            "note": _ref("Bilingual"),
            "agenda_item": _ref("Bilingual"),
            "meeting": _ref("Bilingual"),
            "meeting_date": {"type": "string", "format": "date"},
            "recorded_at": {"type": "string", "format": "date-time"},
        }
    ),
    "ThemeOutcome": _object(
        {
            "kind": {"type": "string", "enum": [kind.value for kind in OutcomeKind]},
            "note": _ref("Bilingual"),
            "theme": _ref("Bilingual"),
            "pillar": {"type": "string"},
            "recorded_at": {"type": "string", "format": "date-time"},
        }
    ),
    "CommentDetail": _object(
        {
            **COMMENT_PROPERTIES,
            "outcomes": {"type": "array", "items": _ref("Outcome")},
            "theme_outcomes": {"type": "array", "items": _ref("ThemeOutcome")},
        }
    ),
    "AgendaOutcome": _object(
        {
            "kind": {"type": "string", "enum": [kind.value for kind in OutcomeKind]},
            "note": _ref("Bilingual"),
            "recorded_at": {"type": "string", "format": "date-time"},
            "agenda_item": _object({"id": {"type": "integer"}, "title": _ref("Bilingual")}),
            "meeting": _object(
                {
                    "id": {"type": "integer"},
                    "title": _ref("Bilingual"),
                    "date": {"type": "string", "format": "date"},
                    "consultations": {"type": "array", "items": {"type": "string"}},
                }
            ),
            "comment_ids": {"type": "array", "items": PUBLIC_ID},
        }
    ),
    "ThemeOutcomeEntry": _object(
        {
            "kind": {"type": "string", "enum": [kind.value for kind in OutcomeKind]},
            "note": _ref("Bilingual"),
            "recorded_at": {"type": "string", "format": "date-time"},
            "theme": _object({"id": {"type": "integer"}, "label": _ref("Bilingual")}),
            "pillar": {"type": "string"},
            "consultation": {"type": "string"},
            "comment_ids": {"type": "array", "items": PUBLIC_ID},
        }
    ),
    "ThemeOutcomePage": _object(
        {
            "items": {"type": "array", "items": _ref("ThemeOutcomeEntry")},
            "next": _nullable({"type": "string", "format": "uri"}),
        }
    ),
    "OutcomePage": _object(
        {
            "items": {"type": "array", "items": _ref("AgendaOutcome")},
            "next": _nullable({"type": "string", "format": "uri"}),
        }
    ),
    "CommentPage": _object(
        {
            "items": {"type": "array", "items": _ref("Comment")},
            "next": _nullable({"type": "string", "format": "uri"}),
        }
    ),
    "Index": _object(
        {
            "consultations_url": {"type": "string", "format": "uri"},
            "taxonomy_url": {"type": "string", "format": "uri"},
            "openapi_url": {"type": "string", "format": "uri"},
            "outcomes_url": {"type": "string", "format": "uri"},
            "theme_outcomes_url": {"type": "string", "format": "uri"},
        }
    ),
    "Problem": {
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["type", "title", "status", "detail"],
    },
}

# A filter given empty is no filter (as a form's "Any" sends it): every filter's schema allows "".
FILTER_CODE = {"type": "string", "pattern": "^[A-Za-z0-9_-]{0,64}$"}
FILTERS = [
    ("q", "Words to search for in titles, text and organizations; case and accents ignored.",
     {"type": "string", "maxLength": SEARCH_MAX}),
    ("pillar", "A pillar's code: its comments (main or second pillar).", FILTER_CODE),
    ("topic", "A topic's code.", FILTER_CODE),
    ("sector", "A sector's code.", FILTER_CODE),
    ("country", "A country's code (MX, US).", FILTER_CODE),
    ("state", "A state's ISO 3166-2 code (MX-NLE, US-TX).", FILTER_CODE),
    ("language", "The language written in.", {"type": "string", "enum": ["", "en", "es"]}),
    ("outcome", "Only comments on an agenda item or in a theme with an outcome: `any`, or the "
     "kind of the item's or the theme's current outcome.",
     {"type": "string", "enum": ["", ANY_OUTCOME, *(kind.value for kind in OutcomeKind)]}),
    ("campaign", "The id of a comment that stands for a campaign: list all its letters.",
     {"type": "string", "pattern": f"^([{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}})?$"}),
    ("after", "The cursor of the next page, as given in `next`; opaque.", {"type": "string"}),
]  # fmt: skip

HEADERS = {
    "ETag": {"schema": {"type": "string"}},
    "Cache-Control": {"schema": {"type": "string"}},
    "RateLimit-Limit": {"schema": {"type": "integer"}},
    "RateLimit-Remaining": {"schema": {"type": "integer"}},
    "RateLimit-Reset": {"schema": {"type": "integer"}},
}


def _problem(description: str) -> dict[str, Any]:
    content = {"application/problem+json": {"schema": _ref("Problem")}}
    return {"description": description, "content": content}


def _operation(op_id: str, summary: str, schema: str, params: list[Any], *codes: int) -> Any:
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "headers": HEADERS,
            "content": {"application/json": {"schema": _ref(schema)}},
        },
        "304": {"description": "Not modified (If-None-Match matched the ETag)"},
        "429": _problem("Too many requests; see Retry-After"),
    }
    for code in codes:
        responses[str(code)] = _problem({400: "Bad request", 404: "Not found"}[code])
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "parameters": params,
            "responses": responses,
        }
    }


SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
OUTCOME_FILTERS = [
    {
        "name": "consultation",
        "in": "query",
        "required": False,
        "description": "A consultation's slug: the outcomes of the meetings it is linked to, "
        "and only its comments' ids.",
        "schema": {"type": "string"},
    },
    {
        "name": "after",
        "in": "query",
        "required": False,
        "description": "The cursor of the next page, as given in `next`; opaque.",
        "schema": {"type": "string"},
    },
]


THEME_OUTCOME_FILTERS = [
    {**OUTCOME_FILTERS[0], "description": "A consultation's slug: only its themes."},
    OUTCOME_FILTERS[1],
]


def document(server: str) -> dict[str, Any]:
    filters = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": f"{text} Empty: no filter.",
            "schema": schema,
        }
        for name, text, schema in FILTERS
    ]
    comment_id = {"name": "public_id", "in": "path", "required": True, "schema": PUBLIC_ID}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Consulta public record API",
            "version": "1.0.0",
            "description": (
                "Read-only: the approved comments of each consultation that their authors let "
                "us publish, in their public (redacted) text, named only with consent. "
                "Answers carry an ETag (send If-None-Match for a 304) and RateLimit-* headers; "
                "errors are RFC 9457 problem details. Unknown parameters are refused (400)."
            ),
        },
        "servers": [{"url": server}],
        "paths": {
            "/": _operation("index", "Where to start", "Index", []),
            "/consultations": _operation(
                "listConsultations", "Every consultation", "ConsultationList", []
            ),
            "/consultations/{slug}": _operation(
                "getConsultation", "One consultation", "Consultation", [SLUG], 404
            ),
            "/taxonomy": _operation(
                "getTaxonomy",
                "Pillars and topics, sectors, countries and states, in both languages",
                "Taxonomy",
                [],
            ),
            "/consultations/{slug}/comments": _operation(
                "listComments",
                "Published comments, newest first, 50 a page; a campaign once",
                "CommentPage",
                [SLUG, *filters],
                400,
                404,
            ),
            "/consultations/{slug}/comments/{public_id}": _operation(
                "getComment",
                "One published comment, with the outcomes that touch it",
                "CommentDetail",
                [SLUG, comment_id],
                404,
            ),
            "/outcomes": _operation(
                "listOutcomes",
                "What the dialogue did with each agenda item that has an outcome (its current "
                "one), with the ids of the published comments it holds; 50 a page",
                "OutcomePage",
                OUTCOME_FILTERS,
                400,
            ),
            "/theme-outcomes": _operation(
                "listThemeOutcomes",
                "What the dialogue did with each theme that has an outcome and a published "
                "comment (its current one), with the ids of its published comments; 50 a page",
                "ThemeOutcomePage",
                THEME_OUTCOME_FILTERS,
                400,
            ),
            "/openapi.json": {
                "get": {
                    "operationId": "getOpenApi",
                    "summary": "This document",
                    "responses": {
                        "200": {"description": "OK", "content": {"application/json": {}}}
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
