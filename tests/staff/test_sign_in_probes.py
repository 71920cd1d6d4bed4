"""What an outside probe of the sign-in page can learn or do: whether an account exists (from
the time an answer takes), more guesses than the throttle allows (by racing it), and another
person's account kept locked (by failing on purpose)."""

from __future__ import annotations

import re
import statistics
import threading
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.config import load_config
from app.db import db
from app.enums import Language, Role
from app.staff.services import create_user

PASSWORD = "a long enough password for tests"
KNOWN = "known@example.org"


@pytest.fixture
def known(app: Flask, production_password_cost) -> str:
    """An account whose hash has the application's own cost: hashing must dominate the time of
    an answer for the timing comparison to mean anything."""
    app.config.update(SIGN_IN_MAX_FAILURES=1000, SIGN_IN_ACCOUNT_MAX_FAILURES=1000,
                      RATELIMIT_SIGN_IN="1000 per minute")  # fmt: skip
    with app.app_context():
        create_user(db.session, KNOWN, PASSWORD, Role.MODERATOR, Language.EN)
        db.session.commit()
    return KNOWN


def _post(client: FlaskClient, email: str, password: str, address: str = "127.0.0.1"):
    environ = {"REMOTE_ADDR": address}
    page = client.get("/en/staff/login", environ_base=environ).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return client.post(
        "/en/staff/login",
        data={"csrf_token": token, "email": email, "password": password},
        environ_base=environ,
    )


def _timed(client: FlaskClient, email: str) -> float:
    start = time.perf_counter()
    response = _post(client, email, "not the password at all")
    elapsed = time.perf_counter() - start
    assert response.status_code == 401
    return elapsed


def test_an_unknown_address_takes_as_long_as_a_wrong_password(
    known: str, client: FlaskClient
) -> None:
    """Both paths verify a password hash: the unknown address against a stand-in one. Measured
    alternately in one run, compared by median with a generous ratio (hashing dominates)."""
    _timed(client, "nobody@example.org")  # warm-up: first request, stand-in hash made
    _timed(client, known)
    known_times, unknown_times = [], []
    for i in range(5):
        known_times.append(_timed(client, known))
        unknown_times.append(_timed(client, f"nobody{i}@example.org"))
    assert statistics.median(unknown_times) >= 0.5 * statistics.median(known_times), (
        unknown_times,
        known_times,
    )


def _token(client: FlaskClient, address: str) -> str:
    page = client.get("/en/staff/login", environ_base={"REMOTE_ADDR": address})
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))[1]


def _workers(app: Flask, app_factory, count: int) -> list[Flask]:
    """`count` copies of the application on the same database, as gunicorn's workers are."""
    keys = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "SECRET_KEY", "UPLOAD_DIR", "MAIL_OUTBOX")
    config = {key: app.config[key] for key in keys}
    return [app_factory({**config, "TESTING": True, "RATELIMIT_SIGN_IN": "1000 per minute"})
            for _ in range(count)]  # fmt: skip


def _wave(workers: list[Flask], email: str, address: str = "127.0.0.1") -> list[int]:
    """One wrong password sent by each worker at the same moment."""
    clients = [worker.test_client() for worker in workers]
    tokens = [_token(client, address) for client in clients]
    start = threading.Barrier(len(clients))
    codes: list[int] = []

    def attempt(client: FlaskClient, token: str) -> None:
        start.wait()
        response = client.post(
            "/en/staff/login",
            data={"csrf_token": token, "email": email, "password": "a wrong guess, racing"},
            environ_base={"REMOTE_ADDR": address},
        )
        codes.append(response.status_code)

    threads = [
        threading.Thread(target=attempt, args=pair) for pair in zip(clients, tokens, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_simultaneous_guesses_cannot_overrun_the_throttle(app: Flask, app_factory) -> None:
    """Waves of four wrong passwords at once, one per worker: exactly SIGN_IN_MAX_FAILURES are
    evaluated (401), the rest refused unheard (429), however the requests interleave. (SQLite
    holds its one write lock from BEGIN on a POST; PostgreSQL needs the throttle's own locks.)"""
    with app.app_context():
        create_user(db.session, KNOWN, PASSWORD, Role.MODERATOR, Language.EN)
        db.session.commit()
    workers = _workers(app, app_factory, 4)
    codes = [code for _ in range(3) for code in _wave(workers, KNOWN)]
    assert sorted(codes) == [401] * 5 + [429] * 7, codes


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(app: Flask) -> None:
    """Anyone may fail five times on purpose: their own address is paused, the staff member
    signing in from elsewhere is not."""
    with app.app_context():
        create_user(db.session, KNOWN, PASSWORD, Role.MODERATOR, Language.EN)
        db.session.commit()
    attacker, owner = app.test_client(), app.test_client()
    for _ in range(5):
        assert _post(attacker, KNOWN, "a wrong guess", "203.0.113.9").status_code == 401
    assert _post(attacker, KNOWN, PASSWORD, "203.0.113.9").status_code == 429
    assert _post(attacker, "other@example.org", "a guess", "203.0.113.9").status_code == 429
    assert _post(owner, KNOWN, PASSWORD, "198.51.100.20").status_code == 302


def test_failures_from_many_addresses_reach_the_accounts_ceiling(app: Flask) -> None:
    """A guesser spreading over addresses still meets the account's own limit
    (SIGN_IN_ACCOUNT_MAX_FAILURES), which pauses the account from every address."""
    app.config["SIGN_IN_ACCOUNT_MAX_FAILURES"] = 6
    with app.app_context():
        create_user(db.session, KNOWN, PASSWORD, Role.MODERATOR, Language.EN)
        db.session.commit()
    client = app.test_client()
    for i in range(6):
        assert _post(client, KNOWN, "a wrong guess", f"203.0.113.{i // 2}").status_code == 401
    response = _post(client, KNOWN, PASSWORD, "198.51.100.20")
    assert response.status_code == 429
    assert "sign-in is paused" in response.get_data(as_text=True)
    # Another account from that fresh address is not affected.
    with app.app_context():
        create_user(db.session, "other@example.org", PASSWORD, Role.MODERATOR, Language.EN)
        db.session.commit()
    assert _post(client, "other@example.org", PASSWORD, "198.51.100.20").status_code == 302


def test_the_accounts_ceiling_is_a_setting(tmp_path) -> None:
    base = {"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k"}
    assert load_config(base)["SIGN_IN_ACCOUNT_MAX_FAILURES"] == 20
    env = {**base, "SIGN_IN_ACCOUNT_MAX_FAILURES": "50"}
    assert load_config(env)["SIGN_IN_ACCOUNT_MAX_FAILURES"] == 50
