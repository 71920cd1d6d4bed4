"""The read-only API: every answer holds to the OpenAPI document, pages follow `next`, ETags
give 304s, CORS and rate limits are announced, and bad input is a problem+json 400."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.db import db
from app.enums import Consent, SubmissionStatus
from app.public import queries
from tests.public.helpers import campaign, published
from tests.public.schema_check import problems

pytestmark = pytest.mark.usefixtures("seeded")
API = "/api/v1"
COMMENTS = f"{API}/consultations/hled-2026/comments"


@pytest.fixture
def document(client: FlaskClient) -> dict:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    found = response.get_json()
    assert found["openapi"] == "3.1.0"
    return found


def _answer(client: FlaskClient, document: dict, path: str, template: str, status: int = 200):
    response = client.get(f"{API}{path}")
    assert response.status_code == status, (path, response.get_data(as_text=True)[:300])
    operation = document["paths"][template]["get"]
    content = operation["responses"][str(status)]["content"]
    kind = "application/json" if status == 200 else "application/problem+json"
    assert response.headers["Content-Type"] == kind
    schema = content[kind]["schema"]
    assert problems(json.loads(response.get_data()), schema, document) == [], path
    return response


def test_every_answer_holds_to_the_document(
    app: Flask, client: FlaskClient, document: dict
) -> None:
    with app.app_context():
        lead = published(db.session, 3, title="Letter")
        campaign(db.session, [lead, published(db.session, 2, title="Letter")])
        named = published(db.session, 1, organization="Cámara", detected_language="es")
        published(db.session, 0, consent=Consent.ANONYMOUS, detected_language="en")
        ids = (lead.public_id, named.public_id)
        db.session.commit()
    _answer(client, document, "/", "/")
    _answer(client, document, "/consultations", "/consultations")
    _answer(client, document, "/consultations/hled-2026", "/consultations/{slug}")
    taxonomy = _answer(client, document, "/taxonomy", "/taxonomy").get_json()
    assert {"en", "es"} == set(taxonomy["pillars"][0]["name"])
    page = _answer(
        client, document, "/consultations/hled-2026/comments", "/consultations/{slug}/comments"
    ).get_json()
    assert len(page["items"]) == 3  # the campaign once
    assert page["next"] is None
    by_id = {item["id"]: item for item in page["items"]}
    assert by_id[ids[0]]["campaign"] == {"lead_id": ids[0], "others": 1}
    assert by_id[ids[1]]["author"] == {"name": "Ana López", "organization": "Cámara"}
    assert [i["author"] for i in page["items"]].count(None) == 1
    for public_id in ids:
        _answer(
            client, document, f"/consultations/hled-2026/comments/{public_id}",
            "/consultations/{slug}/comments/{public_id}",
        )  # fmt: skip
    _answer(
        client, document, "/consultations/hled-2026/comments/222222222222",
        "/consultations/{slug}/comments/{public_id}", 404,
    )  # fmt: skip
    _answer(client, document, "/consultations/nope/comments", "/consultations/{slug}/comments", 404)


def test_next_links_walk_every_comment_once(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        for n in range(queries.PAGE_SIZE * 2 + 1):
            published(db.session, n, title=f"Comment {n}")
        db.session.commit()
    seen, url, pages = [], COMMENTS, 0
    while url:
        body = client.get(url.replace("http://localhost", "")).get_json()
        seen += [item["id"] for item in body["items"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == queries.PAGE_SIZE * 2 + 1


def test_filters_and_search_match_the_public_list(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        published(db.session, title="Educación dual", detected_language="es")
        published(db.session, title="Border wait", detected_language="en")
        db.session.commit()
    titles = [i["title"] for i in client.get(f"{COMMENTS}?q=EDUCACION").get_json()["items"]]
    assert titles == ["Educación dual"]
    titles = [i["title"] for i in client.get(f"{COMMENTS}?language=en").get_json()["items"]]
    assert titles == ["Border wait"]


def test_etag_gives_a_304_and_caching_and_cors_are_said(client: FlaskClient) -> None:
    first = client.get(COMMENTS)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    assert "RateLimit-Remaining" in first.headers["Access-Control-Expose-Headers"]
    again = client.get(COMMENTS, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""


def test_rate_limit_is_announced_and_enforced(app_factory, tmp_path, database_url) -> None:
    app = app_factory(
        {
            "TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k", "RATELIMIT_API": "2 per minute",
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )  # fmt: skip
    from app.security import limiter

    with app.app_context():
        limiter.reset()
    client = app.test_client()
    first = client.get(f"{API}/taxonomy")
    assert first.headers["RateLimit-Limit"] == "2"
    assert first.headers["RateLimit-Remaining"] == "1"
    assert int(first.headers["RateLimit-Reset"]) <= 60
    client.get(f"{API}/taxonomy")
    refused = client.get(f"{API}/taxonomy")
    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.get_json()["status"] == 429
    with app.app_context():
        limiter.reset()


@pytest.mark.parametrize(
    "query",
    ["colour=red", "pillar=nonsense", "after=yesterday", "q=%ff", "q=%00", "campaign=x",
     "language=fr", "q=" + "x" * 300, "after=0001-01-01T00:00:00%2B00:00~1"],
)  # fmt: skip
def test_bad_input_is_a_problem_never_a_500(client: FlaskClient, query: str) -> None:
    response = client.get(f"{COMMENTS}?{query}", headers={"Accept-Language": "es"})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 400
    assert body["title"] == "Solicitud incorrecta"


def test_unknown_and_withdrawn_comments_are_the_same_problem(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        gone = published(db.session, status=SubmissionStatus.WITHDRAWN)
        public_id = gone.public_id
        db.session.commit()
    withdrawn = client.get(f"{COMMENTS}/{public_id}")
    unknown = client.get(f"{COMMENTS}/222222222222")
    assert withdrawn.status_code == unknown.status_code == 404
    assert withdrawn.get_data() == unknown.get_data()
    assert client.get(f"{API}/no-such-thing").headers["Content-Type"] == "application/problem+json"


def test_the_human_page_lists_the_fields_in_both_languages(client: FlaskClient) -> None:
    english = client.get("/en/api").get_data(as_text=True)
    spanish = client.get("/es/api").get_data(as_text=True)
    for page in (english, spanish):
        assert "<code>received_at</code>" in page
        assert "/api/v1/openapi.json" in page
    assert "Open data API" in english
    assert "API de datos abiertos" in spanish


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "TRACE"])
def test_a_method_the_api_does_not_take_is_a_405_that_says_which_it_does(
    client: FlaskClient, method: str
) -> None:
    """RFC 9110: a 405 names the methods the resource takes (Schemathesis found them missing:
    the error handlers dropped the exception's own headers)."""
    response = client.open(COMMENTS, method=method, headers={"Accept-Language": "es"})
    assert response.status_code == 405
    assert response.headers["Content-Type"] == "application/problem+json"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert response.get_json()["status"] == 405
    page = client.open("/es/c/hled-2026/comments", method=method)
    assert page.status_code == 405
    assert set(page.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert '<html lang="es">' in page.get_data(as_text=True)


def test_an_empty_filter_is_no_filter_as_the_document_says(
    client: FlaskClient, document: dict
) -> None:
    """A form's "Any" sends a filter empty: the API takes it as no filter, and the document
    allows it (Schemathesis found the document's patterns refused "" the API accepts)."""
    with client.application.app_context():
        published(db.session, title="One")
        db.session.commit()
    empty = {name: "" for name in ("q", "pillar", "topic", "sector", "country", "state",
                                   "language", "outcome", "campaign", "after")}  # fmt: skip
    query = "&".join(f"{name}=" for name in empty)
    response = client.get(f"{COMMENTS}?{query}")
    assert response.status_code == 200
    assert [i["title"] for i in response.get_json()["items"]] == ["One"]
    parameters = document["paths"]["/consultations/{slug}/comments"]["get"]["parameters"]
    for parameter in parameters:
        if parameter["in"] == "query":
            assert problems("", parameter["schema"], document) == [], parameter["name"]
            assert parameter["description"].endswith("Empty: no filter."), parameter["name"]
