"""`flask users create` makes staff accounts with argon2id hashes and refuses bad input."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from app.db import db
from app.enums import Role
from app.staff.models import User
from app.staff.passwords import verify_password

GOOD = "correct horse battery staple"


def _count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_create_reads_the_password_from_stdin_and_hashes_it(
    app: Flask, runner: FlaskCliRunner
) -> None:
    result = runner.invoke(
        args=["users", "create", "Moderadora@Example.org", "--role", "moderator"],
        input=GOOD + "\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "moderadora@example.org"
        assert user.role is Role.MODERATOR
        assert user.password_hash.startswith("$argon2id$")
        assert GOOD not in user.password_hash
        assert verify_password(user.password_hash, GOOD)
        assert not verify_password(user.password_hash, GOOD + "!")


def test_duplicate_account_is_refused_whatever_the_case(app: Flask, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["users", "create", "a@example.org", "--role", "admin"], input=GOOD)
    result = runner.invoke(args=["users", "create", "A@EXAMPLE.ORG", "--role", "admin"], input=GOOD)
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert _count(app) == 1


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "at least 12"),
        ("x" * 129, "at most 128"),
        ("aaaaaaaaaaaaaaa", "repetitive"),
        ("password1234", "too common"),
        ("secretaria-2026-secretaria", "e-mail"),
    ],
)
def test_weak_passwords_are_refused(
    app: Flask, runner: FlaskCliRunner, password: str, reason: str
) -> None:
    result = runner.invoke(
        args=["users", "create", "secretaria@example.org", "--role", "secretariat"],
        input=password + "\n",
    )
    assert result.exit_code != 0
    assert reason in result.output
    assert _count(app) == 0


@pytest.mark.parametrize("email", ["not-an-address", "a@", "@example.org", "a b@example.org"])
def test_invalid_email_is_refused_in_one_line(app: Flask, runner: FlaskCliRunner, email) -> None:
    result = runner.invoke(args=["users", "create", email, "--role", "admin"], input=GOOD)
    assert result.exit_code != 0
    assert "invalid e-mail address" in result.output
    assert result.output.strip().count("\n") == 0
    assert _count(app) == 0


def test_unknown_role_is_refused(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["users", "create", "a@example.org", "--role", "king"], input=GOOD)
    assert result.exit_code != 0
    assert "king" in result.output
    assert _count(app) == 0
