"""Property-based tests of the API, driven by its own OpenAPI document (Schemathesis): for every
operation, generated requests (valid and invalid parameters, odd Unicode, repeated keys,
unknown slugs and ids) against the in-process app with a seeded record (a consultation,
published comments, a campaign, comments that may not be published, an agenda with outcomes)
must get no 5xx, and every answer must hold to the document: its status, content type,
headers and body schema.

Bounded for CI: a few dozen examples per operation, derandomized (the same examples on every
run), no deadline (PostgreSQL on a shared machine is slower than SQLite)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import select

from app.agenda import services as agenda_services
from app.api import openapi
from app.db import db
from app.enums import Consent, Language, OutcomeKind, Role, SubmissionStatus
from app.models import Consultation
from app.staff.services import create_user
from app.taxonomy import queries as taxonomy_queries
from tests.packets.helpers import meeting_with_items, place
from tests.public.helpers import campaign, published
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("seeded")
HLED_SLUG = "hled-2026"  # the consultation `flask seed` loads (app/taxonomy/hled.toml)
# Per operation, for the fuzzing phase (the examples and coverage phases add their own few
# dozen): about 15 s for all the operations together, on either engine.
EXAMPLES = 50


@dataclass
class Record:
    slug: str
    public_ids: list[str]  # published comments (the campaign's lead first)
    hidden_ids: list[str]  # comments that may not be published


def _record(app: Flask) -> Record:
    with app.app_context():
        session = db.session
        slug = session.scalars(select(Consultation.slug)).one()
        assert slug == HLED_SLUG
        lead = published(session, 3, title="Letter", detected_language="en")
        campaign(session, [lead, published(session, 2, title="Letter")])
        named = published(session, 1, organization="Cámara", detected_language="es")
        anonymous = published(session, 0, consent=Consent.ANONYMOUS)
        agenda = meeting_with_items(session)
        adopted = place(session, agenda, 0, "adopted", title="Adopted one")
        referred = place(session, agenda, 1, "referred", title="Referred one", position=1)
        hidden = [
            place(session, agenda, 0, "unconsented", consent=Consent.NONE, position=2),
            published(session, 0, status=SubmissionStatus.WITHDRAWN),
            published(session, 0, status=SubmissionStatus.PENDING),
        ]
        actor = create_user(session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN)
        for item, kind in ((0, OutcomeKind.ADOPTED), (1, OutcomeKind.REFERRED)):
            agenda_services.record_outcome(
                session, actor, agenda.items[item], kind=kind, note_en="Noted.", note_es="Anotado."
            )
        session.commit()
        return Record(
            slug=slug,
            public_ids=[c.public_id for c in (lead, named, anonymous, adopted, referred)],
            hidden_ids=[c.public_id for c in hidden],
        )


# The document the app serves at /api/v1/openapi.json (its server is the test client's host);
# the first test checks they are the same.
SERVER = "http://localhost/api/v1"
DOCUMENT = openapi.document(SERVER)
# Tested with one addition: the seeded consultation as the example of every {slug}, so that
# the coverage phase (boundary values of each parameter in turn) reaches its comments too.
TESTED = copy.deepcopy(DOCUMENT)
for _path in TESTED["paths"].values():
    for _parameter in _path["get"].get("parameters", []):
        if _parameter["name"] == "slug":
            _parameter["example"] = HLED_SLUG
schema = schemathesis.openapi.from_dict(TESTED)
# What a path or query parameter may also be: filled in by the `record` fixture.
KNOWN: dict[str, list[str]] = {}


@pytest.fixture
def record(app: Flask, seeded: Flask) -> Record:
    # Thousands of requests from one client: the limits are tested elsewhere (test_api.py).
    app.config["RATELIMIT_API"] = "1000000 per minute"
    found = _record(app)
    with app.app_context():
        session = db.session
        pillars = taxonomy_queries.active_pillars(session)
        countries = taxonomy_queries.countries_with_regions(session)
        KNOWN.update(
            slug=[found.slug],
            consultation=[found.slug],
            public_id=found.public_ids + found.hidden_ids,
            campaign=found.public_ids[:1] + found.hidden_ids[:1],
            pillar=[p.code for p in pillars],
            topic=[t.code for p in pillars for t in p.topics],
            sector=[s.code for s in taxonomy_queries.active_sectors(session)],
            country=[c.code for c in countries],
            state=[r.code for c in countries for r in c.regions],
        )
    return found


LEFT_OUT = object()


def _known(values: dict[str, Any], may_leave_out: bool) -> Any:
    """Each value as generated, or one that is there (a code of the taxonomy, the seeded
    consultation, a published or a hidden comment's id), or (a query's) none at all:
    generated values alone would almost never reach a page of comments."""
    if not values:
        return st.just(values)
    choices = {}
    for key, value in values.items():
        options = [st.just(value)]
        if KNOWN.get(key):
            options.append(st.sampled_from(KNOWN[key]))
        if may_leave_out:
            options.append(st.just(LEFT_OUT))
        choices[key] = st.one_of(*options)
    return st.fixed_dictionaries(choices).map(
        lambda chosen: {k: v for k, v in chosen.items() if v is not LEFT_OUT}
    )


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> Any:
    return _known(path_parameters, may_leave_out=False)


@schema.hook
def flatmap_query(context: Any, query: dict[str, Any]) -> Any:
    return _known(query, may_leave_out=True)


def test_the_tested_document_is_the_served_one(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.get_json() == DOCUMENT


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_api_holds_to_its_openapi_document(
    case: schemathesis.Case, app: Flask, record: Record
) -> None:
    # Every check but one: the document types a filter's code or a cursor as a string of a
    # shape, and a well-shaped code that names no pillar (or a cursor that was never given) is
    # a documented 400, not a schema break.
    case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance])
