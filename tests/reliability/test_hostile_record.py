"""Hostile input never breaks the public record or the API: arbitrary Unicode, NUL bytes,
invalid UTF-8, markup, SQL, LIKE and full-text metacharacters in every parameter (and in
parameters that do not exist). Every answer is a 200 or a 400, never a 5xx; the pages never
echo markup unescaped; the API answers JSON that holds to its OpenAPI document, or a
problem+json. (Property-based over the documented parameters: Schemathesis is not in the
locks yet.)"""

from __future__ import annotations

import json
from urllib.parse import quote_from_bytes

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.api import openapi
from app.api.openapi import FILTERS
from app.db import db
from app.models import Submission
from tests.public.helpers import published
from tests.public.schema_check import problems
from tests.reliability.hostile import hostile_values, raw_markup_echoed

PROFILE = settings.get_profile("reliability")
PARAMETERS = [name for name, _text, _schema in FILTERS]
LIST = "/es/c/hled-2026/comments"
API = "/api/v1/consultations/hled-2026/comments"

queries = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=10).map(str.encode)), hostile_values
    ),
    min_size=1,
    max_size=3,
)


def _query(pairs: list[tuple[object, bytes]]) -> str:
    parts = []
    for name, value in pairs:
        key = name if isinstance(name, bytes) else str(name).encode()
        parts.append(f"{quote_from_bytes(key)}={quote_from_bytes(value[:2000])}")
    return "&".join(parts)


@pytest.mark.usefixtures("seeded")
@settings(PROFILE, max_examples=60)
@given(pairs=queries)
def test_hostile_parameters_are_a_400_never_a_500(
    app: Flask, client: FlaskClient, pairs: list[tuple[object, bytes]]
) -> None:
    with app.app_context():
        if not db.session.scalar(select(func.count(Submission.id))):
            published(db.session, title="Educación dual", organization="Cámara")
            db.session.commit()
    document = openapi.document("http://localhost/api/v1")
    query = _query(pairs)
    page = client.get(f"{LIST}?{query}")
    assert page.status_code in (200, 400), query
    assert not raw_markup_echoed(page.get_data()), query
    answer = client.get(f"{API}?{query}")
    assert answer.status_code in (200, 400), query
    if answer.status_code == 200:
        schema = document["components"]["schemas"]["CommentPage"]
        assert problems(json.loads(answer.get_data()), schema, document) == [], query
    else:
        assert answer.headers["Content-Type"] == "application/problem+json", query
        assert json.loads(answer.get_data())["status"] == 400
