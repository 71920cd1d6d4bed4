"""Warming a fresh web worker before it takes its first visitor: the language models, the
landing page and the form of every open consultation rendered once in each language (which
compiles their templates and builds the form's options and kept pages), and the "busy" page
the load shedder answers with. Without it the first visitor of each worker waited for all of
that (about a second for the models; 0.2–0.4 s to compile the form's templates)."""

from __future__ import annotations

import logging

from flask import Flask

from app.config import SUPPORTED_LANGUAGES
from app.db import db
from app.intake.language import warm_up as load_language_models
from app.security import LoadShedder
from app.taxonomy import queries as taxonomy_queries

log = logging.getLogger(__name__)


def warm_up(app: Flask) -> None:
    """Load, compile and fill what public pages need; a failure (the database not there yet)
    is logged and leaves the work to the first requests, as before."""
    load_language_models()
    shedder = app.wsgi_app
    if isinstance(shedder, LoadShedder):
        for lang in SUPPORTED_LANGUAGES:
            shedder.busy_page(lang)  # wanted exactly when the worker has no time to draw it
    try:
        _visit_public_pages(app)
    except Exception:
        log.exception("warming the public pages failed; the first visitors will do it")
    finally:
        # No connection is carried over into processes forked from this one (gunicorn
        # --preload); each worker opens its own.
        with app.app_context():
            db.engine.dispose()


def _visit_public_pages(app: Flask) -> None:
    """GET each language's landing page and each open consultation's form, as a visitor
    would (on the public host, so TRUSTED_HOSTS lets the request in)."""
    base_url = app.config.get("PUBLIC_BASE_URL") or "http://localhost"
    with app.app_context():
        slugs = [c.slug for c in taxonomy_queries.open_consultations(db.session)]
        db.session.remove()
    client = app.test_client()
    for lang in SUPPORTED_LANGUAGES:
        paths = [f"/{lang}/", *(f"/{lang}/c/{slug}/submit" for slug in slugs)]
        for path in paths:
            response = client.get(path, base_url=base_url)
            response.close()
            if response.status_code != 200:
                log.warning("warm-up: %s answered %s", path, response.status_code)
