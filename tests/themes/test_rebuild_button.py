"""The "Rebuild themes" button on /<lang>/staff/themes: the secretariat starts a build in the
background (a thread here), the page shows its status and progress without JavaScript, a
second click while it runs starts nothing, moderators may not, and a consultation with no
approved comments writes nothing."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from app.db import db, utcnow
from app.enums import Language, Role
from app.themes import jobs
from app.themes.models import BuildStatus, Theme, ThemeBuild
from tests.staff.helpers import csrf_from, signed_in
from tests.themes.test_themes import _consultation, _corpus

pytestmark = pytest.mark.usefixtures("seeded")


def _consultation_id(app: Flask) -> int:
    with app.app_context():
        return _consultation(db.session).id


def _click(client: FlaskClient, consultation_id: int, lang: str = "en"):  # type: ignore[no-untyped-def]
    page = client.get(f"/{lang}/staff/themes")
    assert page.status_code == 200
    token = csrf_from(page.get_data(as_text=True))
    return client.post(
        f"/{lang}/staff/themes/consultations/{consultation_id}/rebuild", data={"csrf_token": token}
    )


def _es(text: str) -> str:
    with force_locale("es"):
        return gettext(text)


def _count(app: Flask, model: type) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_button_starts_a_build_that_completes_and_shows_ready(app: Flask) -> None:
    with app.app_context():
        _corpus(db.session)
    consultation_id = _consultation_id(app)
    client = signed_in(app, Role.SECRETARIAT)
    assert "Rebuild themes" in client.get("/en/staff/themes").get_data(as_text=True)
    response = _click(client, consultation_id)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/en/staff/themes")
    jobs.wait_for_threads()
    with app.app_context():
        (build,) = db.session.scalars(select(ThemeBuild)).all()
        assert build.runner == "thread"
        assert build.status is BuildStatus.DONE, build.error
        assert (build.done, build.total, build.percent) == (11, 11, 100)
        assert build.themes >= 2
        assert build.requested_by_id is not None
    assert _count(app, Theme) >= 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The themes are being rebuilt" in page
    assert "Ready" in page


def test_second_click_while_building_starts_nothing(app: Flask) -> None:
    with app.app_context():
        _corpus(db.session)
    consultation_id = _consultation_id(app)
    with app.app_context():
        job_id = jobs.start(db.session, consultation_id, None, 11, "thread")
        jobs.report_progress(job_id, 4, 11)
    client = signed_in(app, Role.SECRETARIAT, Language.ES, email="sec-es@example.org")
    page = client.get("/es/staff/themes").get_data(as_text=True)
    with app.test_request_context(), force_locale("es"):
        building = str(BuildStatus.RUNNING.label)
    assert building in page  # the status line, without JavaScript
    assert "(4 de 11" in page or "(4 of 11" in page
    response = _click(client, consultation_id, "es")
    assert response.status_code == 303
    assert _count(app, ThemeBuild) == 1
    assert _count(app, Theme) == 0
    again = client.get(response.headers["Location"]).get_data(as_text=True)
    with app.test_request_context():
        refused = _es("Its themes are already being rebuilt; refresh this page to follow it.")
    assert refused in again
    # A build that stopped reporting (its thread died with its process) no longer blocks.
    with app.app_context():
        jobs._update(job_id, heartbeat_at=utcnow() - jobs.STALE_THREAD_BUILD * 2)
    assert _click(client, consultation_id, "es").status_code == 303
    jobs.wait_for_threads()
    assert _count(app, ThemeBuild) == 2
    assert _count(app, Theme) >= 2


def test_moderator_sees_no_button_and_may_not_post(app: Flask) -> None:
    consultation_id = _consultation_id(app)
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/themes").get_data(as_text=True)
    assert "Rebuild themes" not in page
    token = csrf_from(page)  # the sign-out form's: a valid token, still refused
    response = client.post(
        f"/en/staff/themes/consultations/{consultation_id}/rebuild", data={"csrf_token": token}
    )
    assert response.status_code == 403
    assert _count(app, ThemeBuild) == 0


def test_without_the_csrf_token_nothing_starts(app: Flask) -> None:
    consultation_id = _consultation_id(app)
    client = signed_in(app, Role.SECRETARIAT)
    response = client.post(f"/en/staff/themes/consultations/{consultation_id}/rebuild")
    assert response.status_code == 400
    assert _count(app, ThemeBuild) == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_empty_consultation_says_so_and_writes_nothing(app: Flask, lang: str) -> None:
    consultation_id = _consultation_id(app)
    client = signed_in(app, Role.SECRETARIAT, Language(lang))
    response = _click(client, consultation_id, lang)
    assert response.status_code == 303
    with app.test_request_context(), force_locale(lang):
        said = gettext("This consultation has no approved comments to group; nothing was written.")
    assert said in client.get(response.headers["Location"]).get_data(as_text=True)
    assert _count(app, ThemeBuild) == 0
    assert _count(app, Theme) == 0
