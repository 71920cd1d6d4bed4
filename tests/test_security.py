"""Security headers on every page and CSRF on every state-changing route, checked by walking
the URL map so a new route cannot slip through."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests.admin.helpers import admin_client, invite
from tests.intake.helpers import submit
from tests.staff.helpers import csrf_from

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _example_url(rule) -> str:
    values = {}
    for arg in rule.arguments:
        values[arg] = {"lang": "es", "slug": "hled-2026", "code": "HLED-AAAA-BBBB"}.get(arg, "1")
    return rule.build(values, append_unknown=False)[1]


def _rules(app: Flask, methods: set[str]):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and rule.methods and rule.methods & methods
    ]


def test_every_page_carries_the_security_headers(seeded, app: Flask, client: FlaskClient) -> None:
    rules = _rules(app, {"GET"})
    assert len(rules) >= 4
    for rule in rules:
        response = client.get(_example_url(rule))
        csp = response.headers.get("Content-Security-Policy", "")
        assert "unsafe-inline" not in csp, rule
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (rule, directive)
        assert response.headers["X-Content-Type-Options"] == "nosniff", rule
        assert response.headers["Referrer-Policy"], rule


def test_error_pages_and_static_files_carry_the_headers_too(client: FlaskClient) -> None:
    for path in ("/es/nothing-here", "/static/css/consulta.css"):
        response = client.get(path)
        assert "object-src 'none'" in response.headers["Content-Security-Policy"]
        response.close()


def test_every_state_changing_route_refuses_a_missing_csrf_token(
    seeded, app: Flask, client: FlaskClient
) -> None:
    rules = _rules(app, STATE_CHANGING)
    assert rules, "no state-changing route found: this test would prove nothing"
    for rule in rules:
        method = sorted(rule.methods & STATE_CHANGING)[0]
        response = client.open(_example_url(rule), method=method, data={"title": "x"})
        assert response.status_code == 400, rule


def test_hsts_only_over_https(client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    secure = client.get("/healthz", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_pages_use_no_inline_script_or_style(seeded, client: FlaskClient) -> None:
    for path in ("/en/", "/es/c/hled-2026/", "/es/nothing-here"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page
        assert "<script " not in page.replace("<script src=", "")
        assert " style=" not in page
        assert " onclick=" not in page


def test_session_cookie_is_httponly_and_samesite_lax(seeded, client: FlaskClient) -> None:
    response = client.get("/es/c/hled-2026/submit")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in development: a Secure cookie would be lost


def test_https_configuration_uses_a_host_prefixed_secure_cookie(
    seeded, app: Flask, app_factory, database_url: str, tmp_path
) -> None:
    secure_app = app_factory(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": str(tmp_path / "secure"),
            "SECRET_KEY": "k",
            "HTTPS": True,
        }
    )
    response = secure_app.test_client().get("/es/c/hled-2026/submit", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie
    assert "Path=/" in cookie
    assert "Domain" not in cookie


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_no_staff_page_may_be_kept_by_a_cache(seeded, app: Flask, client: FlaskClient) -> None:
    from app.staff.auth import STAFF_BLUEPRINTS

    rules = [r for r in _rules(app, {"GET"}) if r.endpoint.split(".")[0] in STAFF_BLUEPRINTS]
    assert len(rules) >= 20
    values = {"lang": "en", "fmt": "csv", "kind": "pillar", "preview_lang": "es"}
    admin = admin_client(app)
    shown = 0
    for visitor in (client, admin):
        for rule in rules:
            url = rule.build({a: values.get(a, "1") for a in rule.arguments}, False)[1]
            response = visitor.get(url)
            assert _no_store(response), (url, response.status_code)
            shown += response.status_code == 200
            response.close()
    assert shown >= 15  # real pages, not only refusals


def test_a_senders_receipt_and_status_are_never_cached(
    seeded, app: Flask, client: FlaskClient
) -> None:
    receipt = submit(client, "es").headers["Location"]
    page = client.get(receipt)
    assert "Recibimos su comentario. Gracias por participar." in page.get_data(as_text=True)
    assert _no_store(page)
    code = receipt.rsplit("/", 1)[1]
    token = csrf_from(client.get("/es/status").get_data(as_text=True))
    found = client.post(
        "/es/status",
        data={"csrf_token": token, "tracking_code": code, "email": "mfgarza@example.org"},
    )
    assert found.status_code == 200
    assert "Infraestructura fronteriza" in found.get_data(as_text=True)
    assert _no_store(found)


def test_an_invitation_page_is_never_cached(seeded, app: Flask) -> None:
    admin = admin_client(app)
    sent = invite(admin)
    assert sent.status_code == 303
    [mail] = Path(app.config["MAIL_OUTBOX"]).glob("*.eml")
    link = re.search(r"http://localhost(/\S+/invitation/\S+)", mail.read_text()).group(1)
    page = app.test_client().get(link)
    assert page.status_code == 200
    assert _no_store(page)


def test_public_pages_stay_cacheable(seeded, client: FlaskClient) -> None:
    for path in ("/es/", "/es/c/hled-2026/"):
        assert not _no_store(client.get(path)), path


def test_session_cookie_follows_the_secret_key_and_its_fallbacks(
    app: Flask, client: FlaskClient
) -> None:
    """The session's serializer is made once per key (app.security.SessionCookies): a new key
    still turns old cookies away, and a fallback still opens them."""
    with client.session_transaction() as session:
        session["kept"] = "yes"
    old_key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "a-new-key-for-this-test"
    with client.session_transaction() as session:
        assert "kept" not in session
        session["kept"] = "again"
    app.config["SECRET_KEY"] = "yet-another-key"
    app.config["SECRET_KEY_FALLBACKS"] = ["a-new-key-for-this-test", old_key]
    with client.session_transaction() as session:
        assert session["kept"] == "again"
