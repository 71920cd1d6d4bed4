"""A mail failure never loses or delays the submission; the message waits for a retry."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import db
from app.mail import retry_pending
from app.models import Submission
from tests.intake.helpers import submit


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.usefixtures("seeded")
def test_unreachable_smtp_server_keeps_the_submission_and_the_mail(
    app: Flask, client: FlaskClient
) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_closed_port(), MAIL_USE_TLS=False)
    response = submit(client, "en")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 1
    waiting = list((Path(app.config["MAIL_OUTBOX"]) / "retry").glob("*.eml"))
    assert len(waiting) == 1
    assert retry_pending(app.config) == (0, 1)
