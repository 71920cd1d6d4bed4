"""The read-only JSON API, /api/v1/: consultations, the taxonomy, published comments (the
public record's filters, cursor pages) and one comment, described by an OpenAPI document.

Every answer carries an ETag (a repeated request with If-None-Match gets a 304), a
Cache-Control, CORS for GET, and the client's rate limit (RateLimit-* headers; a 429 says
Retry-After). Errors are RFC 9457 problems (app.errors.problem)."""

from __future__ import annotations

import json
import math
import re
import time
from typing import Any, Protocol, TypeVar

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from app.agenda import queries as agenda_queries
from app.api import openapi, schema
from app.db import db
from app.errors import problem
from app.intake.tracking import looks_like_public_id
from app.moderation.filters import cursor_text
from app.navigation import url_with_query
from app.public import queries
from app.public.forms import BadFilters, read_filters
from app.security import limiter
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation
from app.themes import outcomes as theme_outcomes

bp = Blueprint("api", __name__)

MAX_AGE_SECONDS = 60
EXPOSED_HEADERS = "ETag, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After"


def _api_limit() -> str:
    return str(current_app.config["RATELIMIT_API"])


@bp.after_request
def _api_headers(response: Response) -> Response:
    if not request.path.startswith("/api/"):
        return response
    headers = response.headers
    headers["Access-Control-Allow-Origin"] = "*"
    headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    headers.setdefault("Cache-Control", "no-store")
    response.vary.add("Accept-Language")  # problem details are in the client's language
    current = limiter.current_limit
    if current is not None:
        # Seconds until the window resets (RateLimit-Reset is a delay, not a time).
        reset = max(0, math.ceil(current.window[0] - time.time()))
        headers["RateLimit-Limit"] = str(current.limit.amount)
        headers["RateLimit-Remaining"] = str(max(0, current.remaining))
        headers["RateLimit-Reset"] = str(reset)
        if response.status_code == 429:
            headers["Retry-After"] = str(max(1, reset))
    return response


def _json(data: Any) -> Response:
    """A cacheable answer: strong ETag of the body, 304 for a matching If-None-Match."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    response = Response(body, content_type="application/json")
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    response.add_etag()
    response.make_conditional(request)  # in place: a 304 without the body when it matches
    return response


def _consultation_or_404(slug: str) -> Consultation:
    found = taxonomy_queries.consultation_by_slug(db.session, slug)
    if found is None:
        abort(404)
    return found


@bp.get("/api/v1/")
@limiter.limit(_api_limit)
def index() -> Response:
    return _json(
        {
            "consultations_url": url_for("api.consultations", _external=True),
            "taxonomy_url": url_for("api.taxonomy", _external=True),
            "openapi_url": url_for("api.openapi_document", _external=True),
            "outcomes_url": url_for("api.outcomes", _external=True),
            "theme_outcomes_url": url_for("api.theme_outcomes", _external=True),
        }
    )


@bp.get("/api/v1/consultations")
@limiter.limit(_api_limit)
def consultations() -> Response:
    rows = taxonomy_queries.all_consultations(db.session)
    return _json({"items": [schema.consultation(c) for c in rows]})


@bp.get("/api/v1/consultations/<slug>")
@limiter.limit(_api_limit)
def consultation(slug: str) -> Response:
    return _json(schema.consultation(_consultation_or_404(slug)))


@bp.get("/api/v1/taxonomy")
@limiter.limit(_api_limit)
def taxonomy() -> Response:
    return _json(
        schema.taxonomy(
            taxonomy_queries.active_pillars(db.session),
            taxonomy_queries.active_sectors(db.session),
            taxonomy_queries.countries_with_regions(db.session),
        )
    )


@bp.get("/api/v1/consultations/<slug>/comments")
@limiter.limit(_api_limit)
def comments(slug: str) -> Response:
    found = _consultation_or_404(slug)
    try:
        _form, filters = read_filters(request.args, request.query_string)
    except BadFilters as bad:
        return problem(400, "; ".join(bad.problems), errors=bad.problems)
    page = queries.comments_page(db.session, found.id, filters, with_topics=True)
    next_url = None
    if page.next_cursor:
        args = {**request.args.to_dict(), "after": cursor_text(page.next_cursor)}
        next_url = url_with_query("api.comments", args, slug=slug, _external=True)
    context = schema.comment_context(slug, page)
    items = []
    for row in page.rows:
        others = page.others.get(row.campaign_id or 0)
        items.append(schema.comment(row, context, others, row.public_id if others else None))
    return _json({"items": items, "next": next_url})


@bp.get("/api/v1/consultations/<slug>/comments/<public_id>")
@limiter.limit(_api_limit)
def comment(slug: str, public_id: str) -> Response:
    found = _consultation_or_404(slug)
    row = None
    if looks_like_public_id(public_id):
        row = queries.published_comment(db.session, found.id, public_id)
    if row is None:  # unknown, withdrawn, rejected or unconsented: the same 404
        abort(404)
    lead = queries.campaign_lead(db.session, row)
    others = queries.other_members(db.session, [row.campaign_id] if row.campaign_id else [])
    page = queries.PublicPage(rows=[row], next_cursor=None).fill(db.session, topics=True)
    body = schema.comment(
        row,
        schema.comment_context(slug, page),
        others.get(row.campaign_id or 0),
        lead.public_id if lead is not None else None,
    )
    items = agenda_queries.items_with_outcome_of(db.session, row.id)
    body["outcomes"] = [schema.outcome(item) for item in items]
    themes = theme_outcomes.themes_with_outcome_of(db.session, row.id)
    body["theme_outcomes"] = [schema.theme_outcome(theme) for theme in themes]
    return _json(body)


OUTCOME_PARAMETERS = ("consultation", "after")
CURSOR_DIGITS = 18
# What a slug may look like (app.admin's rule, loosely): anything else is no consultation.
SLUG_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,80}")


def _outcome_filters() -> tuple[int | None, int | None, list[str]]:
    """The consultation's id and the cursor of /api/v1/outcomes (and of theme-outcomes), and
    what is wrong with them (the comments list's rules: unknown or repeated parameters are
    refused)."""
    problems = []
    for key in request.args:
        if key not in OUTCOME_PARAMETERS:
            problems.append(f"unknown parameter: {key[:40]!r}")
        elif len(request.args.getlist(key)) > 1:
            problems.append(f"given more than once: {key}")
    consultation_id = after = None
    slug = request.args.get("consultation")
    if slug:
        found = None
        if SLUG_SHAPE.fullmatch(slug):
            found = taxonomy_queries.consultation_by_slug(db.session, slug)
        if found is None:
            problems.append("consultation: no consultation has this slug")
        else:
            consultation_id = found.id
    raw = request.args.get("after")
    if raw:
        if raw.isascii() and raw.isdigit() and len(raw) <= CURSOR_DIGITS:
            after = int(raw)
        else:
            problems.append("after: not a cursor")
    return consultation_id, after, problems


class _Keyed(Protocol):
    @property
    def id(self) -> int: ...


Keyed = TypeVar("Keyed", bound=_Keyed)


def _outcome_page(found: list[Keyed], size: int, endpoint: str) -> tuple[list[Keyed], str | None]:
    """A page of outcomes (the query read one more than `size` to know whether another page
    follows) and the link to the next one, `after` the page's last id."""
    if len(found) <= size:
        return found, None
    page = found[:size]
    args = {**request.args.to_dict(), "after": str(page[-1].id)}
    return page, url_with_query(endpoint, args, _external=True)


@bp.get("/api/v1/outcomes")
@limiter.limit(_api_limit)
def outcomes() -> Response:
    consultation_id, after, bad = _outcome_filters()
    if bad:
        return problem(400, "; ".join(bad), errors=bad)
    size = queries.PAGE_SIZE
    found = agenda_queries.items_with_outcome(db.session, consultation_id, after, size)
    items, next_url = _outcome_page(found, size, "api.outcomes")
    ids = queries.published_ids_by_item(db.session, [i.id for i in items], consultation_id)
    return _json({"items": [schema.agenda_outcome(i, ids[i.id]) for i in items], "next": next_url})


@bp.get("/api/v1/theme-outcomes", endpoint="theme_outcomes")
@limiter.limit(_api_limit)
def theme_outcomes_list() -> Response:
    consultation_id, after, bad = _outcome_filters()
    if bad:
        return problem(400, "; ".join(bad), errors=bad)
    size = queries.PAGE_SIZE
    found = theme_outcomes.themes_with_outcome(db.session, consultation_id, after, size)
    themes, next_url = _outcome_page(found, size, "api.theme_outcomes")
    ids = theme_outcomes.published_ids_by_theme(db.session, [t.id for t in themes])
    items = [schema.theme_outcome_entry(t, ids[t.id]) for t in themes]
    return _json({"items": items, "next": next_url})


@bp.get("/api/v1/openapi.json")
@limiter.limit(_api_limit)
def openapi_document() -> Response:
    return _json(openapi.document(url_for("api.index", _external=True).rstrip("/")))


@bp.get("/<lang:lang>/api")
def documentation() -> str:
    return render_template("api/documentation.html", fields=openapi.COMMENT_FIELDS)
