"""The public pages: open consultations, a consultation, its form, receipt and status."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from app.db import db
from app.taxonomy import queries as taxonomy_queries

bp = Blueprint("intake", __name__, url_prefix="/<lang:lang>")


@bp.get("/")
def index() -> str:
    consultations = taxonomy_queries.open_consultations(db.session)
    return render_template("intake/index.html", consultations=consultations)


@bp.get("/c/<slug>/")
def consultation(slug: str) -> str:
    found = taxonomy_queries.consultation_by_slug(db.session, slug)
    if found is None:
        abort(404)
    pillars = taxonomy_queries.active_pillars(db.session)
    return render_template("intake/consultation.html", consultation=found, pillars=pillars)
