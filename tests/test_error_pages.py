"""Odd URLs from an outside probe never reach a 500, and an error page never fails itself:
whatever goes wrong, the visitor gets a page in their language with the security headers."""

from __future__ import annotations

import re

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from app.enums import Role
from tests.staff.helpers import signed_in

OTHER = {"en": "es", "es": "en"}
NOT_FOUND = {"en": "Page not found", "es": "Página no encontrada"}


def _assert_protected(response, lang: str) -> str:
    page = response.get_data(as_text=True)
    assert "object-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert f'<html lang="{lang}">' in page
    return page


def _switch_links(page: str, lang: str) -> set[str]:
    return set(re.findall(rf'href="([^"]*)" hreflang="{OTHER[lang]}"', page))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "query",
    [
        "_method=x",
        "_external=1&_scheme=javascript&_anchor=x",
        "_anchor=%0Aalert(1)",
        "lang=zz",
    ],
)
def test_query_arguments_named_like_url_for_keywords_keep_the_page(
    seeded, client: FlaskClient, lang: str, query: str
) -> None:
    response = client.get(f"/{lang}/?{query}")
    assert response.status_code == 200
    page = _assert_protected(response, lang)
    links = _switch_links(page, lang)
    assert links, "no language switch on the page"
    for link in links:
        # The same page in the other language, on this site, with the query kept as a query.
        assert link.startswith(f"/{OTHER[lang]}/?"), link
        assert "#" not in link, link
        assert ":" not in link, link


def test_a_query_argument_cannot_change_which_page_the_switch_points_to(
    seeded, client: FlaskClient
) -> None:
    response = client.get("/en/c/hled-2026/?slug=other&page=2")
    assert response.status_code == 200
    assert _switch_links(response.get_data(as_text=True), "en") == {
        "/es/c/hled-2026/?slug=other&amp;page=2"
    }


def test_staff_pages_keep_odd_query_arguments_as_a_query(seeded) -> None:
    staff = signed_in(seeded, Role.ADMIN)  # English: /es/ pages redirect to /en/
    query = "_method=x&_external=1&_scheme=javascript&fmt=zz&lang=es"
    redirected = staff.get(f"/es/staff/queue?{query}")
    assert redirected.status_code == 302
    assert redirected.headers["Location"] == f"/en/staff/queue?{query}"
    for path in ("/en/staff/queue", "/en/staff/exports"):
        response = staff.get(f"{path}?{query}")
        assert response.status_code == 200, path
        page = _assert_protected(response, "en")
        assert "javascript:" not in page, path
    downloads = re.findall(r'href="([^"]*)" download', page)
    assert "/en/staff/exports/submissions.csv?" in downloads[0]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/c/%00/",
        "/{lang}/c/a%00b/submit",
        "/{lang}/receipt/HLED-%00",
        "/feeds/%00.atom",
        "/feeds/hled-2026/%00.atom",
    ],
)
def test_nul_in_a_path_is_a_localized_404_with_the_headers(
    seeded, client: FlaskClient, lang: str, path: str
) -> None:
    response = client.get(path.format(lang=lang), headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert NOT_FOUND[lang] in _assert_protected(response, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "path",
    ["/{lang}/?q=%00", "/{lang}/c/hled-2026/?page=a%00b", "/feeds/hled-2026.atom?x=%00"],
)
def test_nul_in_a_query_value_is_a_localized_400_with_the_headers(
    seeded, client: FlaskClient, lang: str, path: str
) -> None:
    response = client.get(path.format(lang=lang), headers={"Accept-Language": lang})
    assert response.status_code == 400
    _assert_protected(response, lang)


@pytest.mark.parametrize(("lang", "title"), [("en", "Something went wrong"),
                                             ("es", "Ocurrió un error")])  # fmt: skip
def test_an_error_page_that_fails_falls_back_to_a_plain_localized_page(
    app: Flask, client: FlaskClient, lang: str, title: str
) -> None:
    @app.get("/<lang:lang>/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    @app.context_processor
    def broken_on_boom() -> dict[str, object]:
        # Whatever can break a template (a helper, a lookup) breaks the error page too.
        if request.path.endswith("/boom"):
            raise RuntimeError("the error page cannot be rendered")
        return {}

    app.testing = False  # let the error handler answer instead of re-raising
    response = client.get(f"/{lang}/boom")
    assert response.status_code == 500
    page = _assert_protected(response, lang)
    assert title in page
    assert "<script" not in page
