"""The verification mark on public surfaces (issue 17, point 4): the public record's list and
permalinks, the API's `verified_organization` and the Atom feeds show "Verified: <organisation>"
(or "Invited: …") only for a comment whose author may be named, in the page's language; never
for a self-declared or anonymous one."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.db import db
from tests.admin.helpers import translated
from tests.exports.test_feeds import valid_feed
from tests.public.schema_check import problems
from tests.verified.helpers import INVITED, LISTED, VERIFIED_LABEL, Kinds, four_kinds

pytestmark = pytest.mark.usefixtures("seeded")
SLUG = "hled-2026"
NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def kinds(app: Flask) -> dict[str, str]:
    """The public id of each kind of comment."""
    with app.app_context():
        made: Kinds = four_kinds(db.session)
        ids = {name: getattr(made, name).public_id for name in Kinds.__dataclass_fields__}
        db.session.commit()
    return ids


@pytest.mark.parametrize("lang", ["en", "es"])
def test_public_list_marks_verified_and_invited_comments_of_named_authors(
    app: Flask, client: FlaskClient, kinds: dict[str, str], lang: str
) -> None:
    page = client.get(f"/{lang}/c/{SLUG}/comments").get_data(as_text=True)
    assert "Verified anonymous" in page  # published, but without its author
    assert page.count(VERIFIED_LABEL[lang].format(LISTED[lang])) == 1
    assert page.count(translated(app, lang, "Invited: %(name)s", name=INVITED)) == 1
    other = "es" if lang == "en" else "en"
    assert LISTED[other] not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_permalinks_show_the_mark_only_where_the_author_may_be_named(
    app: Flask, client: FlaskClient, kinds: dict[str, str], lang: str
) -> None:
    def page(kind: str) -> str:
        response = client.get(f"/{lang}/c/{SLUG}/comments/{kinds[kind]}")
        assert response.status_code == 200
        return response.get_data(as_text=True)

    verified = VERIFIED_LABEL[lang].format(LISTED[lang])
    invited = translated(app, lang, "Invited: %(name)s", name=INVITED)
    assert verified in page("verified_named")
    assert invited in page("invited")
    for kind in ("verified_anonymous", "self_declared"):
        shown = page(kind)
        assert LISTED["en"] not in shown
        assert LISTED["es"] not in shown
        assert translated(app, lang, "Verification") not in shown


def test_api_names_the_verifying_organisation_in_both_languages(
    client: FlaskClient, kinds: dict[str, str]
) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    answer = client.get(f"/api/v1/consultations/{SLUG}/comments").get_json()
    schema = document["components"]["schemas"]["Comment"]
    by_id = {item["id"]: item for item in answer["items"]}
    for item in answer["items"]:
        assert problems(item, schema, document) == []
    assert by_id[kinds["verified_named"]]["verified_organization"] == {
        "name": LISTED,
        "by": "email_domain",
    }
    assert by_id[kinds["invited"]]["verified_organization"] == {
        "name": {"en": INVITED, "es": INVITED},
        "by": "invitation",
    }
    assert by_id[kinds["verified_anonymous"]]["verified_organization"] is None
    assert by_id[kinds["self_declared"]]["verified_organization"] is None
    one = client.get(f"/api/v1/consultations/{SLUG}/comments/{kinds['verified_anonymous']}")
    assert LISTED["en"] not in json.dumps(one.get_json())
    # Documented, in the document and on the human page.
    assert "verified_organization" in schema["properties"]
    assert "verified_organization" in client.get("/en/api").get_data(as_text=True)


def test_feed_entries_carry_the_mark_in_their_own_language(
    client: FlaskClient, kinds: dict[str, str]
) -> None:
    root = valid_feed(client, f"/feeds/{SLUG}.atom")  # still valid Atom with two categories
    marks = {}
    for entry in root.iterfind("a:entry", NS):
        labels = [c.get("label") for c in entry.iterfind("a:category", NS)]
        marks[entry.findtext("a:title", namespaces=NS)] = labels
    # The comments are written in Spanish: their entries are Spanish.
    assert "Organización verificada: Gobierno de Sonora" in marks["Verified named"]
    assert any(INVITED in label for label in marks["Invited named"])
    assert not any(LISTED["es"] in label for label in marks["Verified anonymous"])
    assert len(marks["Self-declared"]) == 1  # its pillar only
