"""Hostile input never breaks a page: arbitrary Unicode, NUL bytes, invalid UTF-8, 1 MB
strings, markup, SQL, LIKE and full-text metacharacters and spreadsheet formulas, at every
field of the public forms, the status look-up and the staff search and filters.

For every request: no 5xx, hostile markup never comes back unescaped; afterwards nothing
stored is longer than its limit or holds a NUL or an unreadable character.

A new form or filter is one line: add it to PUBLIC_FORMS or STAFF_FILTERS.
"""

from __future__ import annotations

import itertools
import re
import secrets
from collections.abc import Callable
from urllib.parse import quote_from_bytes, urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.db import db
from app.enums import Role
from app.intake.forms import BODY_MAX, NAME_MAX, TITLE_MAX
from app.models import Submission
from tests.intake.helpers import hidden_fields, submit, valid_answers
from tests.reliability.clients import multipart
from tests.reliability.figures import report
from tests.reliability.hostile import FIXED, hostile_values, raw_markup_echoed
from tests.staff.helpers import signed_in

PROFILE = settings.get_profile("reliability")
TRIED: dict[str, int] = {}  # target -> requests sent, printed at the end of the module


def _form_answers() -> dict[str, object]:
    return valid_answers()


def _status_answers() -> dict[str, object]:
    return {"tracking_code": "HLED-AAAA-BBBB", "email": "mfgarza@example.org"}


# (name, page holding the form's hidden fields, where it posts, valid answers, fields to attack)
PUBLIC_FORMS: list[tuple[str, str, str, Callable[[], dict[str, object]], tuple[str, ...]]] = [
    (
        "submit",
        "/es/c/hled-2026/submit",
        "/es/c/hled-2026/submit",
        _form_answers,
        (
            "sector", "organization", "submitter_name", "email", "location", "primary_pillar",
            "secondary_pillar", "topics", "title", "body", "consent", "website", "started",
            "nonce", "csrf_token",
        ),
    ),
    ("status", "/es/status", "/es/status", _status_answers, ("tracking_code", "email")),
    ("withdraw", "/es/status", "/es/status/withdraw", _status_answers,
     ("tracking_code", "email")),
]  # fmt: skip
# (path, query parameters to attack) for staff pages, fetched as the role given.
STAFF_FILTERS: list[tuple[Role, str, tuple[str, ...]]] = [
    (
        Role.MODERATOR,
        "/en/staff/queue",
        ("q", "status", "pillar", "topic", "sector", "region", "language", "attachments",
         "since", "until", "after"),
    ),
]  # fmt: skip
PUBLIC_GETS = ("/es/status", "/es/c/hled-2026/submit", "/en/c/hled-2026/")

ENCODINGS = ("urlencoded", "multipart")
BYTE_LEVEL = {"nul", "invalid_utf8", "lone_surrogate"}


def _count(target: str) -> None:
    TRIED[target] = TRIED.get(target, 0) + 1


def _check(response, what: object) -> None:
    body = response.get_data()
    assert response.status_code < 500, (what, response.status_code)
    assert not raw_markup_echoed(body), what


def _post(
    client: FlaskClient,
    form: tuple,
    hidden: dict[str, str],
    field: str,
    value: bytes,
    encoding: str,
):
    name, _page, action, answers, _fields = form
    data: dict[str, object] = {**hidden, **answers()}
    if "nonce" in hidden:
        data["nonce"] = secrets.token_urlsafe(24)  # a new submission each time
    data[field] = value
    pairs: list[tuple[str, str | bytes]] = []
    for key, item in data.items():
        for one in item if isinstance(item, list) else [item]:
            pairs.append((key, one if isinstance(one, bytes) else str(one)))
    if encoding == "multipart":
        body, content_type = multipart(pairs, [])
    else:
        body = urlencode(pairs).encode("ascii")
        content_type = "application/x-www-form-urlencoded"
    _count(name)
    return client.post(action, data=body, content_type=content_type)


def _hidden(client: FlaskClient, page: str) -> dict[str, str]:
    response = client.get(page)
    assert response.status_code == 200
    return hidden_fields(response.get_data(as_text=True))


@pytest.fixture
def hostile_app(seeded: Flask) -> Flask:
    seeded.config["RATELIMIT_STATUS"] = "100000 per minute"
    seeded.config["RATELIMIT_SUBMIT"] = "100000 per minute"
    return seeded


def _stored_within_limits(app: Flask) -> int:
    limits = {
        "title": TITLE_MAX,
        "body": BODY_MAX,
        "organization": NAME_MAX,
        "submitter_name": NAME_MAX,
        "email": 254,
    }
    with app.app_context():
        rows = db.session.scalars(select(Submission)).all()
        for row in rows:
            for column, limit in limits.items():
                value = getattr(row, column) or ""
                assert len(value) <= limit, (column, len(value))
                assert "\x00" not in value, column
                assert "\ufffd" not in value, column
                assert not re.search(r"%[89a-fA-F][0-9a-fA-F]", value), (column, value[:80])
        db.session.rollback()
        return len(rows)


# --- the public forms ----------------------------------------------------------------------


def test_every_public_field_survives_each_fixed_payload(
    hostile_app: Flask, client: FlaskClient
) -> None:
    # One test for all payloads: the set-up (a seeded database) costs more than a payload.
    for payload, form in itertools.product(sorted(FIXED), PUBLIC_FORMS):
        hidden = _hidden(client, form[1])
        for field in form[4]:
            # Both encodings where the decoding differs; the generated test mixes them too.
            encodings = ENCODINGS if payload in BYTE_LEVEL else ENCODINGS[:1]
            for encoding in encodings:
                response = _post(client, form, hidden, field, FIXED[payload], encoding)
                _check(response, (form[0], field, payload, encoding))
    assert _stored_within_limits(hostile_app) > 0  # some hostile text was accepted


@given(
    form=st.sampled_from(PUBLIC_FORMS),
    data=st.data(),
    value=hostile_values,
    encoding=st.sampled_from(ENCODINGS),
)
@settings(PROFILE, max_examples=40)
def test_public_fields_survive_generated_input(
    hostile_app: Flask, client: FlaskClient, form: tuple, data, value: bytes, encoding: str
) -> None:
    field = data.draw(st.sampled_from(form[4]), label="field")
    hidden = _hidden(client, form[1])
    response = _post(client, form, hidden, field, value, encoding)
    _check(response, (form[0], field, encoding))
    _stored_within_limits(hostile_app)


@given(value=hostile_values)
@settings(PROFILE, max_examples=25)
def test_public_pages_survive_hostile_query_strings(
    hostile_app: Flask, client: FlaskClient, value: bytes
) -> None:
    for path in PUBLIC_GETS:
        _count("public GET")
        response = client.get(f"{path}?q={quote_from_bytes(value)}&lang={quote_from_bytes(value)}")
        _check(response, path)


def test_hostile_text_accepted_by_the_form_is_stored_as_typed_and_shown_escaped(
    hostile_app: Flask, client: FlaskClient
) -> None:
    title = "=HYPERLINK(\"x\") <zqhostile> 100% _o_ \\ 'quoted'"
    response = submit(client, "es", title=title)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data()
    assert not raw_markup_echoed(page)
    assert b"&lt;zqhostile&gt;" in page
    with hostile_app.app_context():
        assert db.session.scalar(select(Submission.title)) == title


# --- staff search and filters ----------------------------------------------------------------


@pytest.fixture
def staff_with_data(hostile_app: Flask, client: FlaskClient) -> dict[Role, FlaskClient]:
    for title in ("Educación técnica en la frontera", "100% de cobertura_en salud"):
        assert submit(client, "es", title=title).status_code == 303
    return {role: signed_in(hostile_app, role) for role in {r for r, *_ in STAFF_FILTERS}}


def _staff_get(clients: dict[Role, FlaskClient], role: Role, path: str, param: str, value: bytes):
    _count(f"staff {path}")
    return clients[role].get(f"{path}?{param}={quote_from_bytes(value)}")


def test_every_staff_filter_survives_each_fixed_payload(
    staff_with_data: dict[Role, FlaskClient],
) -> None:
    for payload, (role, path, params) in itertools.product(sorted(FIXED), STAFF_FILTERS):
        # A megabyte in the query string costs a moment per request: the first filter only.
        for param in params[:1] if len(FIXED[payload]) > 10_000 else params:
            response = _staff_get(staff_with_data, role, path, param, FIXED[payload])
            _check(response, (path, param, payload))


@given(target=st.sampled_from(STAFF_FILTERS), data=st.data(), value=hostile_values)
@settings(PROFILE, max_examples=30)
def test_staff_filters_survive_generated_input(
    staff_with_data: dict[Role, FlaskClient], target: tuple, data, value: bytes
) -> None:
    role, path, params = target
    param = data.draw(st.sampled_from(params), label="param")
    response = _staff_get(staff_with_data, role, path, param, value)
    _check(response, (path, param))


@pytest.mark.parametrize(
    "query", ["fronte%", "fronte_", "educaci_n", "%ducaci%n", "e*", "' OR '1'='1", '"frontera']
)
def test_search_metacharacters_are_never_wildcards(
    staff_with_data: dict[Role, FlaskClient], query: str
) -> None:
    page = _staff_get(
        staff_with_data, Role.MODERATOR, "/en/staff/queue", "q", query.encode()
    ).get_data(as_text=True)
    words_found = "frontera" in query
    assert ("Educación técnica" in page) is words_found, query
    assert "100% de cobertura" not in page


def test_search_with_only_metacharacters_is_no_search_at_all(
    staff_with_data: dict[Role, FlaskClient],
) -> None:
    page = _staff_get(staff_with_data, Role.MODERATOR, "/en/staff/queue", "q", b"%\\'*%").get_data(
        as_text=True
    )
    assert "Educación técnica" in page
    assert "100% de cobertura" in page


def test_search_still_finds_words_next_to_metacharacters(
    staff_with_data: dict[Role, FlaskClient],
) -> None:
    page = _staff_get(
        staff_with_data, Role.MODERATOR, "/en/staff/queue", "q", b"%cobertura%"
    ).get_data(as_text=True)
    assert "100% de cobertura" in page
    assert "Educación técnica" not in page


@pytest.fixture(scope="module", autouse=True)
def _report_how_many_were_tried():
    yield
    report("hostile inputs", ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items())))
