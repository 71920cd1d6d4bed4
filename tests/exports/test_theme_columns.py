"""Submission exports carry the comment's theme: `theme_id` and `theme` (its English label),
empty (CSV) or null (JSON) when the comment is in none."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db
from app.enums import Audience, Role
from app.exports.schema import column_names
from app.models import Submission
from app.themes.models import Theme, ThemeMember
from tests.exports.helpers import Corpus, build_corpus
from tests.exports.test_exports import by_code, csv_rows, json_rows
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture
def corpus(app: Flask) -> Corpus:
    return build_corpus(app)


@pytest.fixture
def secretariat(app: Flask, corpus: Corpus) -> FlaskClient:
    return signed_in(app, Role.SECRETARIAT)


def _theme(app: Flask, tracking_code: str) -> int:
    with app.app_context():
        sub = db.session.scalar(select(Submission).where(Submission.tracking_code == tracking_code))
        theme = Theme(
            consultation_id=sub.consultation_id,
            pillar_id=sub.primary_pillar_id,
            label_en="Dual training, apprenticeships",
            label_es="Formación dual, aprendices",
            # A person's label: a public export shows it as written (a generated one is
            # written again from publishable comments: tests/themes/test_public_label.py).
            label_edited=True,
        )
        db.session.add(theme)
        db.session.flush()
        db.session.add(ThemeMember(submission_id=sub.id, theme_id=theme.id))
        db.session.commit()
        return theme.id


def test_exports_say_which_theme_a_comment_is_in(
    app: Flask, secretariat: FlaskClient, corpus: Corpus
) -> None:
    theme_id = _theme(app, corpus.named)
    for audience in (Audience.PUBLIC, Audience.INTERNAL):
        names = column_names(audience)
        assert names.index("theme") == names.index("theme_id") + 1
    rows = by_code(csv_rows(secretariat))
    assert rows[corpus.named]["theme_id"] == str(theme_id)
    assert rows[corpus.named]["theme"] == "Dual training, apprenticeships"
    assert rows[corpus.anonymous]["theme_id"] == ""
    assert rows[corpus.anonymous]["theme"] == ""
    records = by_code(json_rows(secretariat))
    assert records[corpus.named]["theme_id"] == theme_id
    assert records[corpus.named]["theme"] == "Dual training, apprenticeships"
    assert records[corpus.anonymous]["theme_id"] is None
    assert records[corpus.anonymous]["theme"] is None
