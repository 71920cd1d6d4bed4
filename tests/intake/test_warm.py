"""A fresh web worker warms up before its first visitor (app.intake.warm)."""

from __future__ import annotations

from flask import Flask

from app.intake import language
from app.intake.warm import warm_up


def test_warm_up_readies_what_the_first_visitor_of_the_form_needs(seeded: Flask) -> None:
    language._detector.cache_clear()
    warm_up(seeded)
    assert language._detector.cache_info().currsize == 1  # language models loaded
    pages = seeded.extensions["consulta.kept_pages"]
    assert set(pages) == {
        ("en", "/en/"),
        ("es", "/es/"),
        ("en", "/en/c/hled-2026/submit"),
        ("es", "/es/c/hled-2026/submit"),
    }
    assert "Enviar comentario" in pages[("es", "/es/c/hled-2026/submit")][1]
    assert set(seeded.wsgi_app._pages) == {"en", "es"}  # the load shedder's busy pages
    # The templates are compiled: the next render loads nothing.
    cache = seeded.jinja_env.cache
    assert cache is not None
    assert any(key[1] == "intake/submit.html" for key in cache.keys())  # noqa: SIM118  (an LRUCache, not a dict)


def test_warm_up_without_a_consultation_keeps_only_the_landing_pages(app: Flask) -> None:
    warm_up(app)  # `app` has its tables, nothing seeded
    assert set(app.extensions["consulta.kept_pages"]) == {("en", "/en/"), ("es", "/es/")}


def test_a_worker_whose_database_is_not_there_yet_still_starts(app_factory, tmp_path) -> None:
    unreachable = app_factory(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/such/folder/x.sqlite3",
            "INSTANCE_PATH": str(tmp_path / "i"),
            "SECRET_KEY": "x",
        }
    )
    warm_up(unreachable)  # logged, not raised: the first requests do the work
    assert "consulta.kept_pages" not in unreachable.extensions
