"""Security headers on every page and CSRF on every state-changing route, checked by walking
the URL map so a new route cannot slip through."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

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
