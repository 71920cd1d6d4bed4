"""Atom feeds: valid against RFC 4287's schema, consented comments only, each entry in the
language it was written in."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from app.db import db
from tests import factories
from tests.exports.helpers import Corpus, build_corpus

pytestmark = pytest.mark.usefixtures("seeded")
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).with_name("atom.rng"))))
NS = {"a": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def corpus(app: Flask) -> Corpus:
    return build_corpus(app)


def valid_feed(client: FlaskClient, path: str) -> etree._Element:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = etree.fromstring(response.get_data())
    assert SCHEMA.validate(root), SCHEMA.error_log
    # RFC 4287's rules that RELAX NG cannot say (its appendix B leaves them to Schematron).
    for entry in root.iterfind("a:entry", NS):
        assert entry.find("a:author", NS) is not None
        assert entry.find("a:content", NS) is not None
        assert entry.findtext("a:id", namespaces=NS).startswith("tag:")
    assert [e.get("rel") for e in root.iterfind("a:link", NS)] == ["self", "alternate"]
    return root


def titles(root: etree._Element) -> list[str]:
    return [e.findtext("a:title", namespaces=NS) for e in root.iterfind("a:entry", NS)]


def test_feed_is_valid_atom_with_consented_comments_only(
    client: FlaskClient, corpus: Corpus
) -> None:
    root = valid_feed(client, "/feeds/hled-2026.atom")
    assert root.get(XML_LANG) == "en"
    found = titles(root)
    assert set(found) == {"Educación técnica en Nuevo León", "Comentario anónimo", "=1+1",
                          "Título público", "Border crossings"}  # fmt: skip
    body = etree.tostring(root, encoding="unicode")
    for hidden in ("No publicar", "pendiente", "example.org", "Bruno", "Discreta", "555-1234"):
        assert hidden not in body


def test_entries_carry_their_language_and_consented_author(
    client: FlaskClient, corpus: Corpus
) -> None:
    root = valid_feed(client, "/feeds/hled-2026.atom")
    entries = {e.findtext("a:title", namespaces=NS): e for e in root.iterfind("a:entry", NS)}
    english = entries["Border crossings"]
    assert english.get(XML_LANG) == "en"
    assert english.findtext("a:author/a:name", namespaces=NS) == "Gil Ray"
    assert english.find("a:content", NS).get("type") == "text"
    spanish = entries["Educación técnica en Nuevo León"]
    assert spanish.get(XML_LANG) == "es"
    assert spanish.findtext("a:author/a:name", namespaces=NS) == (
        "Ana López Muñoz (Cámara de Comercio de Nuevo León)"
    )
    assert spanish.find("a:category", NS).get("label") == "Reconstruir juntos"
    anonymous = entries["Comentario anónimo"]
    assert anonymous.findtext("a:author/a:name", namespaces=NS) in ("Anonymous", "Anónimo")


def test_newest_published_first(client: FlaskClient, corpus: Corpus) -> None:
    found = titles(valid_feed(client, "/feeds/hled-2026.atom"))
    # The named comment was written first but approved last (decided_at): it leads.
    assert found[0] == "Educación técnica en Nuevo León"
    assert found[1:] == ["Border crossings", "Título público", "=1+1", "Comentario anónimo"]


def test_pillar_feed(client: FlaskClient, corpus: Corpus) -> None:
    root = valid_feed(client, "/feeds/hled-2026/securing_tools_future_prosperity.atom")
    assert titles(root) == ["Border crossings"]
    assert root.findtext("a:title", namespaces=NS).endswith(
        ": Securing the Tools for Future Prosperity"
    )
    second = valid_feed(client, "/feeds/hled-2026/southern_mexico_central_america.atom")
    assert titles(second) == ["Educación técnica en Nuevo León"]  # its second pillar
    empty = valid_feed(client, "/feeds/hled-2026/investing_in_our_people.atom")
    assert titles(empty) == []


@pytest.mark.parametrize(
    "path",
    ["/feeds/nope.atom", "/feeds/hled-2026/nope.atom", "/feeds/1.atom", "/feeds/hled-2026.rss"],
)
def test_unknown_feed_is_404(client: FlaskClient, corpus: Corpus, path: str) -> None:
    assert client.get(path).status_code == 404


def test_control_characters_do_not_break_the_feed(app: Flask, client: FlaskClient) -> None:
    from app.enums import SubmissionStatus

    with app.app_context():
        factories.submission(
            db.session,
            status=SubmissionStatus.APPROVED,
            title="Bell\x07 and form\x0cfeed",
            body="<b>bold</b> & \x1b[0m",
        )
        db.session.commit()
    root = valid_feed(client, "/feeds/hled-2026.atom")
    assert titles(root) == ["Bell and formfeed"]
    assert root.findtext("a:entry/a:content", namespaces=NS) == "<b>bold</b> & [0m"


def test_consultation_page_links_its_feed(client: FlaskClient, corpus: Corpus) -> None:
    page = client.get("/es/c/hled-2026/").get_data(as_text=True)
    assert 'rel="alternate" type="application/atom+xml" href="/feeds/hled-2026.atom"' in page
