"""Configuration from the environment: working defaults, a kept secret, a strict production mode."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app import create_app
from app.config import ConfigError, load_config


def test_defaults_need_no_variable_and_use_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    settings = load_config({"INSTANCE_PATH": str(tmp_path)})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'consulta.sqlite3'}"
    assert settings["UPLOAD_DIR"] == str(tmp_path / "uploads")
    assert settings["MAIL_OUTBOX"] == str(tmp_path / "outbox")
    assert settings["REDIS_URL"] is None


def test_generated_secret_key_is_private_and_survives_restarts(tmp_path: Path) -> None:
    first = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    assert first == second
    assert len(first) >= 40


def test_explicit_secret_key_writes_no_file(tmp_path: Path) -> None:
    settings = load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "from-the-environment"})
    assert settings["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {
        "INSTANCE_PATH": str(tmp_path),
        "CONSULTA_CONFIG": "production",
        "DATABASE_URL": "postgresql://db.internal/consulta",
    }
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(env)


def test_production_refuses_sqlite_unless_told_otherwise(tmp_path: Path) -> None:
    env = {
        "INSTANCE_PATH": str(tmp_path),
        "CONSULTA_CONFIG": "production",
        "SECRET_KEY": "k",
        "PUBLIC_BASE_URL": "https://consulta.example.org",
    }
    with pytest.raises(ConfigError, match="PostgreSQL"):
        load_config(env)
    allowed = load_config({**env, "ALLOW_SQLITE_IN_PRODUCTION": "1"})
    assert allowed["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")


def test_production_cookies_are_secure_with_host_prefix(tmp_path: Path) -> None:
    env = {
        "INSTANCE_PATH": str(tmp_path),
        "CONSULTA_CONFIG": "production",
        "SECRET_KEY": "k",
        "DATABASE_URL": "postgres://u@db/consulta",
        "PUBLIC_BASE_URL": "https://consulta.example.org",
    }
    settings = load_config(env)
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_NAME"] == "__Host-session"
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/consulta"


def test_flask_prefixed_variables_reach_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASK_WTF_CSRF_TIME_LIMIT", "14400")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k"})
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 14400


def test_bad_number_in_environment_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="whole number"):
        load_config({"INSTANCE_PATH": str(tmp_path), "MAIL_PORT": "smtp"})
