"""/healthz tells a load balancer whether the app and its database answer."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient


def test_healthz_reports_database_reachable(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(app_factory, tmp_path: Path) -> None:
    app = app_factory(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path),
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "error"
