"""Host header poisoning: links that leave the request (mail, feeds) name the configured public
address, never the Host a visitor sent, and requests for unknown hosts are refused."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy import func, select

from app.config import ConfigError, load_config
from app.db import db
from app.models import Submission
from tests.admin.helpers import admin_client, invite
from tests.exports.helpers import build_corpus
from tests.intake.helpers import open_form, submit

pytestmark = pytest.mark.usefixtures("seeded")

FORGED = "http://evil.example"
PUBLIC = "https://consulta.example.gob.mx"
NS = {"a": "http://www.w3.org/2005/Atom"}


def _mails(app: Flask) -> list[str]:
    folder = Path(app.config["MAIL_OUTBOX"])
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default).get_content()
        for p in sorted(folder.glob("*.eml"))
    ]


def _feed_addresses(client: FlaskClient, base_url: str) -> list[str]:
    response = client.get("/feeds/hled-2026.atom", base_url=base_url)
    assert response.status_code == 200
    root = etree.fromstring(response.get_data())
    links = [link.get("href") for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    ids = [node.text for node in root.iter("{http://www.w3.org/2005/Atom}id")]
    return links + ids


def test_unknown_host_is_refused_with_a_400_page_and_the_security_headers(
    client: FlaskClient,
) -> None:
    for path in ("/en/", "/es/c/hled-2026/submit", "/feeds/hled-2026.atom", "/healthz"):
        response = client.get(path, base_url=FORGED)
        assert response.status_code == 400, path
        assert "object-src 'none'" in response.headers["Content-Security-Policy"], path
        assert "evil.example" not in response.get_data(as_text=True), path


def test_development_hosts_are_served(client: FlaskClient) -> None:
    for base in ("http://localhost", "http://localhost:5000", "http://127.0.0.1:8000"):
        assert client.get("/en/", base_url=base).status_code == 200, base


def test_forged_host_gets_no_receipt_mail_with_its_link(app: Flask, client: FlaskClient) -> None:
    hidden = open_form(client, "es")
    # The visitor's own browser session, replayed under the forged Host.
    session = client.get_cookie("consulta_session")
    client.set_cookie(session.key, session.value, domain="evil.example")
    response = submit(client, "es", hidden=hidden, base_url=FORGED)
    assert response.status_code == 400
    assert _mails(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0


def test_receipt_mail_links_to_the_public_address_whatever_host_was_used(
    app: Flask, client: FlaskClient
) -> None:
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    assert submit(client, "es", base_url="http://127.0.0.1:8000").status_code == 303
    [mail] = _mails(app)
    assert re.search(rf"{re.escape(PUBLIC)}/es/receipt/HLED-\S+", mail)
    assert "127.0.0.1" not in mail


def test_feed_links_and_ids_name_the_public_address(app: Flask, client: FlaskClient) -> None:
    build_corpus(app)
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    addresses = _feed_addresses(client, "http://127.0.0.1:8000")
    assert addresses
    for address in addresses:
        assert "127.0.0.1" not in address
        assert address.startswith((PUBLIC + "/", "tag:consulta.example.gob.mx,")), address
    assert f"{PUBLIC}/feeds/hled-2026.atom" in addresses


def test_forged_host_gets_no_feed(app: Flask, client: FlaskClient) -> None:
    build_corpus(app)
    response = client.get("/feeds/hled-2026.atom", base_url=FORGED)
    assert response.status_code == 400
    assert b"evil.example" not in response.get_data()


def test_production_needs_a_public_base_url_and_trusts_only_its_host(tmp_path: Path) -> None:
    env = {
        "INSTANCE_PATH": str(tmp_path),
        "CONSULTA_CONFIG": "production",
        "SECRET_KEY": "k",
        "DATABASE_URL": "postgresql://db.internal/consulta",
    }
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        load_config(env)
    settings = load_config({**env, "PUBLIC_BASE_URL": PUBLIC + "/"})
    assert settings["PUBLIC_BASE_URL"] == PUBLIC
    assert settings["TRUSTED_HOSTS"] == ["consulta.example.gob.mx"]
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        load_config({**env, "PUBLIC_BASE_URL": "consulta.example.gob.mx"})


def test_trusted_hosts_must_include_the_public_address(tmp_path: Path) -> None:
    env = {"INSTANCE_PATH": str(tmp_path), "PUBLIC_BASE_URL": PUBLIC, "TRUSTED_HOSTS": "other"}
    with pytest.raises(ConfigError, match="TRUSTED_HOSTS"):
        load_config(env)
    assert load_config({**env, "TRUSTED_HOSTS": ".example.gob.mx"})["TRUSTED_HOSTS"]


def test_invitation_mail_links_to_the_public_address(app: Flask) -> None:
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    admin = admin_client(app)
    sent = invite(admin)
    assert sent.status_code == 303
    [mail] = _mails(app)
    assert re.search(rf"{re.escape(PUBLIC)}/es/invitation/\S+", mail)
    assert "localhost" not in mail


def test_trusted_hosts_come_from_the_environment(tmp_path: Path) -> None:
    settings = load_config(
        {"INSTANCE_PATH": str(tmp_path), "TRUSTED_HOSTS": "consulta.example, .gob.example"}
    )
    assert settings["TRUSTED_HOSTS"] == ["consulta.example", ".gob.example"]


def _public_app(app_factory, database_url: str, tmp_path: Path, **config) -> Flask:
    """An application that answers only to its public address, as in production."""
    return app_factory(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path / "public"),
            "SECRET_KEY": "k",
            "PUBLIC_BASE_URL": PUBLIC,
            "TRUSTED_HOSTS": ["consulta.example.gob.mx"],
            **config,
        }
    )


def test_forged_forwarded_host_is_refused_behind_a_trusted_proxy(
    app_factory, database_url: str, tmp_path: Path
) -> None:
    client = _public_app(app_factory, database_url, tmp_path, TRUSTED_PROXY_COUNT=1).test_client()
    assert client.get("/en/", base_url=PUBLIC).status_code == 200
    forged = client.get("/en/", base_url=PUBLIC, headers={"X-Forwarded-Host": "evil.example"})
    assert forged.status_code == 400
    assert b"evil.example" not in forged.get_data()


def test_busy_page_is_drawn_when_only_the_public_host_is_trusted(
    app_factory, database_url: str, tmp_path: Path
) -> None:
    busy = _public_app(
        app_factory, database_url, tmp_path, MAX_REQUESTS_IN_FLIGHT=1, SHED_PAGE_WAIT_MS=0
    )
    shedder = busy.wsgi_app
    assert shedder.admission.enter(write=False, deadline=0.0)  # another request runs
    try:
        response = busy.test_client().get("/es/", base_url=PUBLIC)
    finally:
        shedder.admission.leave()
    assert response.status_code == 503
    assert "Servicio no disponible" in response.get_data(as_text=True)
