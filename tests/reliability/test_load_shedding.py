"""Load shedding (app.security.LoadShedder): requests wait in line for the application and are
turned away by how long they waited; a page view gets a fast, localized 503 with Retry-After,
a comment POST gets its form back with everything typed; POSTs go ahead of page views; the
health check and static files are never refused. A body is received before the request
queues, within MAX_CONTENT_LENGTH (tests/reliability/test_slow_clients.py shows why with a
real server)."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder, run_wsgi_app

from app.db import db
from app.intake.models import Submission
from app.security import LoadShedder
from tests.intake.helpers import hidden_fields, open_form, submit


def take_every_slot(shedder: LoadShedder) -> None:
    """As by requests still running in other threads."""
    while shedder.admission.enter(write=True, deadline=0.0):
        pass


@pytest.fixture
def full_app(seeded: Flask) -> Flask:
    shedder = seeded.wsgi_app
    assert isinstance(shedder, LoadShedder)
    # Nobody may wait: the first request that finds the slots taken is turned away.
    shedder.page_wait_s = shedder.post_wait_s = 0.0
    take_every_slot(shedder)
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
    # All slots free again: as many requests get in as the limit allows.
    taken = 0
    while shedder.admission.enter(write=False, deadline=0.0):
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


def test_a_comment_the_busy_server_turns_away_comes_back_with_everything_typed(
    full_app: Flask,
) -> None:
    client = full_app.test_client()
    hidden = open_form_past_the_line(full_app, client)
    body = "Proponemos un cruce fronterizo más ágil para la carga de semiconductores <b>ya</b>."
    response = submit(client, "es", hidden=hidden, body=body, title="Cruces más ágiles")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(LoadShedder.RETRY_AFTER_S)
    page = response.get_data(as_text=True)
    assert "el servidor está muy ocupado" in page
    assert "Proponemos un cruce fronterizo más ágil" in page
    assert "&lt;b&gt;ya&lt;/b&gt;" in page  # kept, and shown as text
    assert 'value="Cruces más ágiles"' in page
    assert 'value="María Fernanda Garza"' in page
    assert hidden_fields(page)["nonce"] == hidden["nonce"]
    with full_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0
    # Once the server has room, the same form sent again is stored, once.
    for _ in range(full_app.config["MAX_REQUESTS_IN_FLIGHT"]):
        full_app.wsgi_app.admission.leave()
    again = submit(client, "es", hidden=hidden_fields(page), body=body, title="Cruces más ágiles")
    assert again.status_code == 303
    with full_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 1


def open_form_past_the_line(app: Flask, client: FlaskClient) -> dict[str, str]:
    """The form as a visitor had it open before the rush (fetched while a slot was free)."""
    shedder = app.wsgi_app
    shedder.admission.leave()
    try:
        return open_form(client, "es")
    finally:
        assert shedder.admission.enter(write=True, deadline=0.0)


def test_waiting_posts_go_in_before_waiting_page_views(seeded: Flask) -> None:
    admission = LoadShedder(
        seeded, seeded.wsgi_app, limit=1, page_wait_s=5, post_wait_s=5
    ).admission
    assert admission.enter(write=False, deadline=0.0)  # a request running
    order: list[str] = []

    def wait_in_line(kind: str) -> None:
        if admission.enter(write=kind == "post", deadline=time.monotonic() + 30):
            order.append(kind)
            admission.leave()

    page = threading.Thread(target=wait_in_line, args=("page",))
    page.start()
    until(lambda: admission.waiting_reads == 1)
    post = threading.Thread(target=wait_in_line, args=("post",))
    post.start()
    until(lambda: admission.waiting_writes == 1)
    admission.leave()  # the running request ends
    page.join(30)
    post.join(30)
    assert order == ["post", "page"]


def until(condition: Callable[[], bool]) -> None:
    for _ in range(3000):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("the other thread never got there")


def test_time_waited_behind_the_proxy_counts_only_when_the_proxy_is_trusted(
    seeded: Flask,
) -> None:
    shedder = seeded.wsgi_app
    long_ago = {"HTTP_X_REQUEST_START": f"t={time.time() - 30:.3f}"}
    # Without a trusted proxy the header is anyone's: ignored.
    now = time.monotonic()
    assert shedder._arrived(long_ago, now) == now
    seeded.config["TRUSTED_PROXY_COUNT"] = 1
    assert shedder._arrived(long_ago, now) <= now - 29
    # A page that waited 30 s in the queue before the app saw it is turned away at once.
    response = seeded.test_client().get(
        "/en/", headers={"X-Request-Start": long_ago["HTTP_X_REQUEST_START"]}
    )
    assert response.status_code == 503
