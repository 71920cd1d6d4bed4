"""Routes outside the language prefix: the front door and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, url_for
from werkzeug.wrappers import Response

from app.db import db
from app.i18n import best_accept_language
from app.taxonomy import queries as taxonomy_queries

bp = Blueprint("site", __name__)


@bp.get("/")
def root() -> Response:
    """Send the visitor to /en/ or /es/ by Accept-Language. The answer depends on that header,
    so caches are told so."""
    response = redirect(url_for("intake.index", lang=best_accept_language()), code=302)
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    reachable = taxonomy_queries.database_reachable(db.session)
    body = {"status": "ok" if reachable else "error", "database": "ok" if reachable else "error"}
    return jsonify(body), 200 if reachable else 503
