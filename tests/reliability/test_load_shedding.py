"""The in-app concurrency limit (app.security.LoadShedder): the surplus gets a fast, localized
503 with Retry-After; the health check and static files never do."""

from __future__ import annotations

import pytest
from flask import Flask

from app.security import LoadShedder


@pytest.fixture
def full_app(seeded: Flask) -> Flask:
    shedder = seeded.wsgi_app
    assert isinstance(shedder, LoadShedder)
    shedder.wait_s = 0.0
    # Every slot taken, as by requests still running in other threads.
    while shedder._slots.acquire(blocking=False):
        pass
    return seeded


@pytest.mark.parametrize(
    ("path", "headers", "words"),
    [
        ("/es/c/hled-2026/submit", {}, "Servicio no disponible"),
        ("/en/status", {}, "Service unavailable"),
        ("/", {"Accept-Language": "es-MX,es;q=0.9"}, "Servicio no disponible"),
    ],
)
def test_surplus_requests_get_a_localized_503_with_retry_after(
    full_app: Flask, path: str, headers: dict, words: str
) -> None:
    response = full_app.test_client().get(path, headers=headers)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(LoadShedder.RETRY_AFTER_S)
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert words in response.get_data(as_text=True)
    assert full_app.wsgi_app.refused >= 1


def test_health_check_and_static_files_are_never_shed(full_app: Flask) -> None:
    client = full_app.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/static/css/consulta.css")
    assert response.status_code == 200
    response.close()


def test_a_slot_is_given_back_after_each_request(seeded: Flask) -> None:
    shedder = seeded.wsgi_app
    client = seeded.test_client()
    for _ in range(3 * seeded.config["MAX_REQUESTS_IN_FLIGHT"]):
        assert client.get("/en/").status_code == 200
    # All slots free again: as many acquisitions succeed as the limit allows.
    taken = 0
    while shedder._slots.acquire(blocking=False):
        taken += 1
    assert taken == seeded.config["MAX_REQUESTS_IN_FLIGHT"]


def test_zero_turns_the_limit_off(app_factory, database_url: str, tmp_path) -> None:
    made = app_factory(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path / "i"),
            "SECRET_KEY": "x",
            "MAX_REQUESTS_IN_FLIGHT": 0,
        }
    )
    assert not isinstance(made.wsgi_app, LoadShedder)
