"""Outcomes on the public record: /api/v1/outcomes (the agenda items with an outcome, each
with the public ids of the published comments it holds and no others) and the "with an
outcome" filter of the public list and of the API's comments list."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.agenda import services as agenda_services
from app.db import db
from app.enums import Consent, Language, OutcomeKind, Role, SubmissionStatus
from app.staff.models import User
from app.staff.services import create_user
from tests.packets.helpers import meeting_with_items, place
from tests.public.schema_check import problems
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("seeded")
API = "/api/v1"
COMMENTS = f"{API}/consultations/hled-2026/comments"
RECORD = "/{lang}/c/hled-2026/comments"


@dataclass
class Placed:
    adopted: str  # public id of a published comment on the adopted item
    referred: str  # on the item whose outcome changed from adopted to referred
    hidden: str  # an unpublished comment on the adopted item
    no_outcome: str  # a published comment on an item without an outcome
    excluded: str  # a published comment excluded from the meeting
    items: tuple[int, int]  # the adopted item, the referred one


def _actor() -> User:
    actor = db.session.scalars(select(User)).first()
    return actor or create_user(
        db.session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN
    )


@pytest.fixture
def placed(app: Flask) -> Placed:
    with app.app_context():
        session = db.session
        agenda = meeting_with_items(session)
        adopted = place(session, agenda, 0, "adopted", title="Adopted one")
        hidden = place(
            session, agenda, 0, "hidden", title="Hidden one", consent=Consent.NONE, position=1
        )
        referred = place(session, agenda, 1, "referred", title="Referred one")
        none = place(session, agenda, 2, "none", title="No outcome")
        excluded = place(session, agenda, 0, "excluded", title="Excluded", excluded=True)
        actor = _actor()
        items = agenda.items
        for item, kind in ((items[0], OutcomeKind.ADOPTED), (items[1], OutcomeKind.ADOPTED)):
            agenda_services.record_outcome(
                session, actor, item, kind=kind, note_en="Noted.", note_es="Anotado."
            )
        agenda_services.record_outcome(
            session, actor, items[1], kind=OutcomeKind.REFERRED,
            note_en="To the working group.", note_es="Al grupo de trabajo.",
        )  # fmt: skip
        session.commit()
        return Placed(
            adopted.public_id, referred.public_id, hidden.public_id, none.public_id,
            excluded.public_id, (items[0].id, items[1].id),
        )  # fmt: skip


def _document(client: FlaskClient) -> dict:
    return client.get(f"{API}/openapi.json").get_json()


def test_outcomes_list_the_published_comments_they_touch(
    client: FlaskClient, placed: Placed
) -> None:
    response = client.get(f"{API}/outcomes")
    assert response.status_code == 200
    document = _document(client)
    schema = document["paths"]["/outcomes"]["get"]["responses"]["200"]["content"]
    body = json.loads(response.get_data())
    assert problems(body, schema["application/json"]["schema"], document) == []
    by_item = {o["agenda_item"]["id"]: o for o in body["items"]}
    assert set(by_item) == set(placed.items)
    adopted, referred = (by_item[i] for i in placed.items)
    assert adopted["kind"] == "adopted"
    assert adopted["note"] == {"en": "Noted.", "es": "Anotado."}
    assert adopted["comment_ids"] == [placed.adopted]  # not the unpublished, not the excluded
    assert referred["kind"] == "referred"  # the current outcome, not the first
    assert referred["note"]["es"] == "Al grupo de trabajo."
    assert referred["meeting"]["consultations"] == ["hled-2026"]
    assert referred["meeting"]["date"] == "2026-12-10"
    assert placed.hidden not in response.get_data(as_text=True)
    assert body["next"] is None


def test_outcomes_filter_by_consultation(client: FlaskClient, placed: Placed) -> None:
    assert len(client.get(f"{API}/outcomes?consultation=hled-2026").get_json()["items"]) == 2
    for query in ("consultation=nope", "consultation=%00", "after=x", "after=1&after=2", "x=1"):
        response = client.get(f"{API}/outcomes?{query}", headers={"Accept-Language": "es"})
        assert response.status_code == 400, query
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.get_json()["title"] == "Solicitud incorrecta"


def test_outcomes_pages_follow_next(app: Flask, client: FlaskClient, monkeypatch) -> None:
    from app.public import queries

    with app.app_context():
        agenda = meeting_with_items(db.session)
        actor = _actor()
        for item in agenda.items:
            agenda_services.record_outcome(
                db.session, actor, item, kind=OutcomeKind.ADOPTED, note_en="", note_es=""
            )
        db.session.commit()
        total = len(agenda.items)
    monkeypatch.setattr(queries, "PAGE_SIZE", 1)
    seen, url = [], f"{API}/outcomes"
    while url:
        body = client.get(url.replace("http://localhost", "")).get_json()
        seen += [o["agenda_item"]["id"] for o in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == total


def _titles(client: FlaskClient, query: str) -> tuple[set[str], str]:
    api = client.get(f"{COMMENTS}?{query}")
    page = client.get(f"{RECORD.format(lang='en')}?{query}")
    assert api.status_code == page.status_code == 200, query
    return {i["title"] for i in api.get_json()["items"]}, page.get_data(as_text=True)


def test_with_an_outcome_filter_on_the_list_and_the_api(
    client: FlaskClient, placed: Placed
) -> None:
    everything = {"Adopted one", "Referred one", "No outcome", "Excluded"}
    cases = {
        "": everything,
        "outcome=": everything,
        "outcome=any": {"Adopted one", "Referred one"},
        "outcome=adopted": {"Adopted one"},
        "outcome=referred": {"Referred one"},
        "outcome=out_of_scope": set(),
    }
    for query, expected in cases.items():
        titles, html = _titles(client, query)
        assert titles == expected, query
        for title in everything:
            assert (f">{title}</a>" in html) == (title in expected), (query, title)
    assert "Hidden one" not in _titles(client, "outcome=any")[1]
    spanish = client.get(f"{RECORD.format(lang='es')}?outcome=any").get_data(as_text=True)
    assert "Con un resultado" in spanish


@pytest.mark.parametrize("query", ["outcome=maybe", "outcome=any&outcome=adopted"])
def test_a_bad_outcome_filter_is_a_400(client: FlaskClient, query: str) -> None:
    assert client.get(f"{COMMENTS}?{query}").status_code == 400
    page = client.get(f"{RECORD.format(lang='es')}?{query}")
    assert page.status_code == 400
    assert "Solicitud incorrecta" in page.get_data(as_text=True)


def test_withdrawn_comment_leaves_the_outcome(app: Flask, client: FlaskClient, placed) -> None:
    from app.intake.models import Submission

    with app.app_context():
        row = db.session.scalar(select(Submission).where(Submission.public_id == placed.adopted))
        row.status = SubmissionStatus.WITHDRAWN
        db.session.commit()
    body = client.get(f"{API}/outcomes").get_json()
    assert all(placed.adopted not in o["comment_ids"] for o in body["items"])
    assert "Adopted one" not in _titles(client, "outcome=any")[0]


def _entries(html: str) -> dict[str, str]:
    """Each entry of the public list, by its title."""
    entries = {}
    for chunk in html.split('<li class="consulta-record__item">')[1:]:
        title = chunk.split("</a></h2>", 1)[0].rsplit(">", 1)[-1]
        entries[title] = chunk.split("</li>", 1)[0]
    return entries


@pytest.mark.parametrize(
    ("lang", "adopted", "referred"),
    [("en", "Adopted", "Referred to a working group"), ("es", "Adoptado", "Turnado a un grupo")],
)
def test_list_entries_show_their_outcome_linking_to_the_permalink(
    client: FlaskClient, placed: Placed, lang: str, adopted: str, referred: str
) -> None:
    page = client.get(RECORD.format(lang=lang))
    assert page.status_code == 200
    entries = _entries(page.get_data(as_text=True))
    assert set(entries) == {"Adopted one", "Referred one", "No outcome", "Excluded"}
    link = f'href="/{lang}/c/hled-2026/comments/{{}}#outcomes"><strong>{{}}'
    assert link.format(placed.adopted, adopted) in entries["Adopted one"]
    # The item's current outcome only: "adopted" was replaced by "referred".
    assert link.format(placed.referred, referred) in entries["Referred one"]
    assert adopted not in entries["Referred one"]
    for title in ("No outcome", "Excluded"):  # no outcome; excluded from the item that has one
        assert "#outcomes" not in entries[title], title
    # The anchor the marker links to is on the permalink, above the outcomes.
    permalink = client.get(f"{RECORD.format(lang=lang)}/{placed.adopted}").get_data(as_text=True)
    assert 'id="outcomes"' in permalink


def test_outcome_markers_cost_one_query_however_long_the_page(
    app: Flask, client: FlaskClient, placed: Placed
) -> None:
    from sqlalchemy import event

    def count() -> int:
        seen = []
        with app.app_context():
            engine = db.engine

            def note(*_args) -> None:
                seen.append(1)

            event.listen(engine, "before_cursor_execute", note)
            try:
                assert client.get(RECORD.format(lang="en")).status_code == 200
            finally:
                event.remove(engine, "before_cursor_execute", note)
        return len(seen)

    count()  # the first request of an app warms its caches
    before = count()
    with app.app_context():
        agenda = meeting_with_items(db.session)
        for n in range(6):
            place(db.session, agenda, 0, f"more{n}", title=f"More {n}")
        actor = _actor()
        agenda_services.record_outcome(
            db.session, actor, agenda.items[0], kind=OutcomeKind.OUT_OF_SCOPE,
            note_en="", note_es="",
        )  # fmt: skip
        db.session.commit()
    assert count() == before
