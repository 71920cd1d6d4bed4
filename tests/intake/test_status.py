"""Receipt, status look-up and withdrawal by the submitter."""

from __future__ import annotations

import re
import sys

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app import audit
from app.db import db
from app.enums import EventAction, SubmissionStatus
from app.intake.models import ModerationEvent
from app.models import Submission
from tests.intake.helpers import hidden_fields, submit

pytestmark = pytest.mark.usefixtures("seeded")


def _sent(client: FlaskClient, lang: str = "es") -> str:
    response = submit(client, lang)
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[1]


def _status_page(client: FlaskClient, lang: str = "es") -> dict[str, str]:
    return hidden_fields(client.get(f"/{lang}/status").get_data(as_text=True))


def _look_up(client: FlaskClient, code: str, email: str, lang: str = "es"):
    data = {**_status_page(client, lang), "tracking_code": code, "email": email}
    return client.post(f"/{lang}/status", data=data)


def test_receipt_shows_the_details_only_to_the_browser_that_sent_it(
    app: Flask, client: FlaskClient
) -> None:
    code = _sent(client)
    assert "cruces fronterizos" in client.get(f"/es/receipt/{code}").get_data(as_text=True)
    stranger = app.test_client()
    page = stranger.get(f"/es/receipt/{code}").get_data(as_text=True)
    assert code in page
    assert "cruces fronterizos" not in page
    assert "mfgarza@example.org" not in page


def test_unknown_receipt_is_a_404(client: FlaskClient) -> None:
    assert client.get("/es/receipt/HLED-2222-3333").status_code == 404


def test_status_look_up_with_code_and_email(client: FlaskClient) -> None:
    code = _sent(client)
    response = _look_up(client, code.lower().replace("-", " "), "MFGarza@Example.org")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Recibido, en espera de revisión" in page
    assert "Retirar este comentario" in page


@pytest.mark.parametrize(
    ("code", "email"),
    [("HLED-2222-3333", "mfgarza@example.org"), (None, "otra@example.org")],
)
def test_wrong_pair_and_unknown_code_get_the_same_answer(
    client: FlaskClient, code: str | None, email: str
) -> None:
    real = _sent(client)
    response = _look_up(client, code or real, email)
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "No encontramos ningún comentario con ese folio" in page
    assert "Recibido" not in page


def test_submitter_withdraws_a_pending_comment(app: Flask, client: FlaskClient) -> None:
    code = _sent(client)
    page = _look_up(client, code, "mfgarza@example.org").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    proof = {"csrf_token": token, "tracking_code": code, "email": "mfgarza@example.org"}
    asked = client.post("/es/status/withdraw", data=proof)
    assert asked.status_code == 200
    assert "Sí, retirar mi comentario" in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Submission.status)) is SubmissionStatus.PENDING
    response = client.post("/es/status/withdraw", data={**proof, "confirmed": "yes"})
    assert response.status_code == 303
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Su comentario fue retirado" in receipt
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert row.status is SubmissionStatus.WITHDRAWN
        assert [e.action for e in row.events] == [EventAction.SUBMITTED, EventAction.STATUS_CHANGED]
        assert audit.verify(db.session, ModerationEvent).intact


def test_a_decided_comment_cannot_be_withdrawn(app: Flask, client: FlaskClient) -> None:
    code = _sent(client)
    with app.app_context():
        row = db.session.scalar(select(Submission))
        row.status = SubmissionStatus.APPROVED
        db.session.commit()
    page = _look_up(client, code, "mfgarza@example.org").get_data(as_text=True)
    assert "Aprobado" in page
    assert "Retirar este comentario" not in page
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        "/es/status/withdraw",
        data={
            "csrf_token": token,
            "tracking_code": code,
            "email": "mfgarza@example.org",
            "confirmed": "yes",
        },
    )
    assert response.status_code == 409
    assert "ya no se puede retirar" in response.get_data(as_text=True)


def test_an_unrelated_error_in_a_withdrawal_is_not_taken_for_a_refusal(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.intake import views

    code = _sent(client)
    page = _look_up(client, code, "mfgarza@example.org").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    def broken() -> None:
        raise ValueError("an unrelated bug")

    # The withdrawal's own module's clock, wherever the service lives.
    monkeypatch.setattr(sys.modules[views.withdraw.__module__], "utcnow", broken)
    with pytest.raises(ValueError, match="an unrelated bug"):
        client.post(
            "/es/status/withdraw",
            data={
                "csrf_token": token,
                "tracking_code": code,
                "email": "mfgarza@example.org",
                "confirmed": "yes",
            },
        )


def test_status_look_up_is_rate_limited(app: Flask, client: FlaskClient) -> None:
    app.config["RATELIMIT_STATUS"] = "3 per minute"
    codes = [_look_up(client, "HLED-2222-3333", "x@example.org").status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
