"""The back office walked in Spanish: sign-in with the second factor, the queue, a decision
and the submission's history, with Spanish text (accents included) on pages and in errors."""

from __future__ import annotations

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db
from app.enums import Language, Role
from app.models import Pillar, Submission, User
from app.moderation import services
from app.staff.services import create_user
from tests import factories
from tests.staff.helpers import PASSWORD, csrf_from, signed_in
from tests.staff.spanish import spanish  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("seeded", "spanish")

SECRET = pyotp.random_base32()
EMAIL = "revisora@example.org"


@pytest.fixture
def submission_id(app: Flask) -> int:
    with app.app_context():
        row = factories.submission(db.session, title="Educación técnica en la frontera")
        db.session.commit()
        return row.id


def _sign_in_in_spanish(app: Flask) -> FlaskClient:
    with app.app_context():
        user = create_user(db.session, EMAIL, PASSWORD, Role.MODERATOR, Language.ES)
        user.totp_secret = SECRET
        db.session.commit()
    client = app.test_client()
    page = client.get("/es/staff/login").get_data(as_text=True)
    assert "Acceso del personal" in page
    assert "Iniciar sesión" in page
    wrong = client.post(
        "/es/staff/login",
        data={"csrf_token": csrf_from(page), "email": EMAIL, "password": "no es la contraseña"},
    )
    assert wrong.status_code == 401
    assert "no son correctos" in wrong.get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "email": EMAIL, "password": PASSWORD}
    right = client.post("/es/staff/login", data=data)
    assert right.headers["Location"] == "/es/staff/login/code"
    page = client.get("/es/staff/login/code").get_data(as_text=True)
    assert "Verificación en dos pasos" in page
    assert "Código de seis dígitos" in page
    token = csrf_from(page)
    empty = client.post("/es/staff/login/code", data={"csrf_token": token, "code": ""})
    assert "Escriba el código de seis dígitos." in empty.get_data(as_text=True)
    wrong = client.post("/es/staff/login/code", data={"csrf_token": token, "code": "000000"})
    assert wrong.status_code == 401
    assert "Este código no es correcto o ya se usó." in wrong.get_data(as_text=True)
    code = pyotp.TOTP(SECRET).now()
    done = client.post("/es/staff/login/code", data={"csrf_token": token, "code": code})
    assert done.headers["Location"] == "/es/staff/"
    assert "Verificación en dos pasos (aplicación de autenticación)" in client.get(
        "/es/staff/"
    ).get_data(as_text=True)
    return client


def test_sign_in_queue_and_a_decision_in_spanish(app: Flask, submission_id: int) -> None:
    client = _sign_in_in_spanish(app)
    queue = client.get("/es/staff/queue").get_data(as_text=True)
    assert "Cola de moderación" in queue
    assert "Educación técnica en la frontera" in queue
    assert "Pendiente" in queue
    found = client.get("/es/staff/queue?q=educacion").get_data(as_text=True)
    assert "Educación técnica en la frontera" in found

    page = client.get(f"/es/staff/submissions/{submission_id}").get_data(as_text=True)
    token = csrf_from(page)
    url = f"/es/staff/submissions/{submission_id}/decide"
    refused = client.post(url, data={"csrf_token": token, "decision": "rejected", "version": 1})
    assert refused.status_code == 422
    assert "Elija el motivo del rechazo." in refused.get_data(as_text=True)
    decided = client.post(
        url, data={"csrf_token": token, "decision": "rejected", "version": 1, "reason": "spam"}
    )
    assert decided.status_code == 302
    page = client.get(f"/es/staff/submissions/{submission_id}").get_data(as_text=True)
    assert "Cambio de estatus" in page
    assert "Pendiente → Rechazado" in page
    assert "Motivo: Spam" in page
    assert "{&#34;" not in page  # no raw JSON in the history


def test_enrolment_page_and_its_errors_in_spanish(app: Flask) -> None:
    client = signed_in(app, Role.MODERATOR, Language.ES)
    page = client.get("/es/staff/two-factor").get_data(as_text=True)
    assert "Activar la verificación en dos pasos" in page
    assert "aplicación de autenticación" in page
    response = client.post(
        "/es/staff/two-factor", data={"csrf_token": csrf_from(page), "code": "12"}
    )
    assert response.status_code == 422
    assert "Este código no es correcto o ya se usó." in response.get_data(as_text=True)


def test_the_history_tells_each_edit_in_the_pages_language(app: Flask, submission_id: int) -> None:
    client = signed_in(app, Role.MODERATOR, Language.ES, email=EMAIL)
    with app.app_context():
        actor = db.session.scalar(select(User).where(User.email == EMAIL))
        row = db.session.get(Submission, submission_id)
        pillars = db.session.scalars(select(Pillar).order_by(Pillar.position)).all()
        old, new = row.primary_pillar, pillars[1]
        services.retag(
            db.session, row, actor, row.version, sector=row.sector, primary_pillar=new,
            secondary_pillar=None, topics=[],
        )  # fmt: skip
        services.redact(db.session, row, actor, row.title, "Texto sin datos personales.",
                        row.version)  # fmt: skip
        services.add_note(db.session, row, actor, "Revisar con la secretaría técnica")
        db.session.commit()
        names = (old.name_es, new.name_es, old.name_en)
    page = client.get(f"/es/staff/submissions/{submission_id}").get_data(as_text=True)
    assert "Reclasificado" in page
    assert f"Pilar principal: {names[0]} → {names[1]}" in page
    assert "Versión pública editada" in page
    assert "Texto público editado" in page
    assert "Título público editado" not in page
    assert "Revisar con la secretaría técnica" in page
    assert "before" not in page
    english = signed_in(app, Role.MODERATOR, email="english@example.org")
    page = english.get(f"/en/staff/submissions/{submission_id}").get_data(as_text=True)
    assert f"Main pillar: {names[2]} →" in page
    assert "Public text edited" in page
