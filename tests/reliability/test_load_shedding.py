"""The in-app concurrency limit (app.security.LoadShedder): the surplus gets a fast, localized
503 with Retry-After; the health check and static files never do. A body is received before
a slot is taken, within MAX_CONTENT_LENGTH (tests/reliability/test_slow_clients.py shows why
with a real server)."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

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


class CountingInput(io.BytesIO):
    """A request body that counts the bytes the server read of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.taken += len(chunk)
        return chunk


def post_status(app: Flask, body: CountingInput, **environ: object) -> str:
    """The status line of a POST whose body is read from `body`, as gunicorn passes it."""
    built = EnvironBuilder(
        path="/en/status", method="POST", content_type="application/x-www-form-urlencoded"
    ).get_environ()
    built.pop("CONTENT_LENGTH", None)
    built.update({"wsgi.input": body, "wsgi.input_terminated": True}, **environ)
    app_iter, status, _ = run_wsgi_app(app.wsgi_app, built)
    app_iter.close()
    return status


def test_a_body_declared_too_long_is_refused_without_being_read(seeded: Flask) -> None:
    seeded.config["MAX_CONTENT_LENGTH"] = 1000
    body = CountingInput(b"a" * 5000)
    assert post_status(seeded, body, CONTENT_LENGTH="5000").startswith("413")
    assert body.taken == 0


def test_a_chunked_body_is_read_one_byte_past_the_limit_then_refused(seeded: Flask) -> None:
    seeded.config["MAX_CONTENT_LENGTH"] = 1000
    body = CountingInput(b"a" * 5000)
    assert post_status(seeded, body, HTTP_TRANSFER_ENCODING="chunked").startswith("413")
    assert body.taken == 1001


def test_a_chunked_body_within_the_limit_is_read_whole(seeded: Flask) -> None:
    seeded.config["WTF_CSRF_ENABLED"] = False
    body = CountingInput(b"code=" + b"A" * 500)
    assert post_status(seeded, body, HTTP_TRANSFER_ENCODING="chunked")[:3] in {"200", "422"}
    assert body.taken == 505


def test_a_body_cut_short_by_the_client_is_not_parsed(seeded: Flask) -> None:
    # Without CSRF a truncated form would be read as the visitor's (a 200 page); the buffer
    # is checked against Content-Length instead.
    seeded.config["WTF_CSRF_ENABLED"] = False
    body = CountingInput(b"code=ABC")
    assert post_status(seeded, body, CONTENT_LENGTH="100").startswith("400")
