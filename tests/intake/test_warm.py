"""A fresh web worker warms up before its first visitor (app.intake.warm)."""

from __future__ import annotations

from flask import Flask

from app.intake import language
from app.intake.warm import warm_up


def test_warm_up_readies_what_the_first_visitor_of_the_form_needs(seeded: Flask) -> None:
    language._detector.cache_clear()
    warm_up(seeded)
    assert language._detector.cache_info().currsize == 1  # language models loaded
    pages = seeded.extensions["consulta.blank_form_pages"]
    assert set(pages) == {("en", "/en/c/hled-2026/submit"), ("es", "/es/c/hled-2026/submit")}
    assert "Enviar comentario" in pages[("es", "/es/c/hled-2026/submit")][1]
    # The templates are compiled: the next render loads nothing.
    cache = seeded.jinja_env.cache
    assert cache is not None
    assert any(key[1] == "intake/submit.html" for key in cache.keys())  # noqa: SIM118  (an LRUCache, not a dict)


def test_warm_up_without_a_database_leaves_the_work_to_the_first_request(app: Flask) -> None:
    # `app` has no tables yet: the visits fail, the worker still starts.
    warm_up(app)
    assert "consulta.blank_form_pages" not in app.extensions
