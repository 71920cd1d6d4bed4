"""The public list of a consultation's comments, each comment's permalink, and the report of
what was heard and what was done (as a page and as a PDF)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import format_date

from app.agenda import queries as agenda_queries
from app.db import db
from app.errors import render_error
from app.i18n import current_language
from app.intake import publication
from app.intake.tracking import looks_like_public_id
from app.moderation.filters import cursor_text, taxonomy_names
from app.pdf import install_css_filter, pdf_from_html
from app.public import queries
from app.public.forms import BadFilters, read_filters
from app.public.report import consultation_report
from app.security import limiter
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation
from app.themes import outcomes as theme_outcomes

bp = Blueprint("public", __name__, url_prefix="/<lang:lang>/c/<slug>")


def _consultation_or_404(slug: str) -> Consultation:
    found = taxonomy_queries.consultation_by_slug(db.session, slug)
    if found is None:
        abort(404)
    return found


@bp.get("/comments")
def comments(slug: str) -> tuple[str, int] | str:
    consultation = _consultation_or_404(slug)
    try:
        form, filters = read_filters(request.args, request.query_string)
    except BadFilters:
        return render_error(400)
    page = queries.comments_page(db.session, consultation.id, filters)
    next_args = None
    if page.next_cursor:
        next_args = {**request.args.to_dict(), "after": cursor_text(page.next_cursor)}
    lead = None
    if filters.campaign:
        lead = queries.published_comment(db.session, consultation.id, filters.campaign)
    return render_template(
        "public/comments.html",
        consultation=consultation,
        form=form,
        filters=filters,
        page=page,
        next_args=next_args,
        counts=queries.pillar_counts(db.session, consultation.id, filters),
        count_cap=queries.COUNT_CAP,
        author_of=publication.author_of,
        verification_of=page.verification,
        names=taxonomy_names(),
        # Each row's permalink is this plus "/<public id>" (one url_for a page, not one a row).
        comments_url=url_for("public.comments", slug=consultation.slug),
        campaign_lead=lead,
        outcomes=agenda_queries.current_outcomes_of(db.session, [r.id for r in page.rows]),
    )


@bp.get("/comments/<public_id>")
def comment(slug: str, public_id: str) -> str:
    consultation = _consultation_or_404(slug)
    found = None
    if looks_like_public_id(public_id):
        found = queries.published_comment(db.session, consultation.id, public_id)
    if found is None:  # unknown, withdrawn, rejected or unconsented: the same 404
        abort(404)
    lead = queries.campaign_lead(db.session, found)
    others = queries.other_members(db.session, [found.campaign_id] if found.campaign_id else [])
    return render_template(
        "public/comment.html",
        consultation=consultation,
        comment=found,
        author=publication.author_of(found),
        verification=publication.public_verification(found),
        campaign_lead=lead,
        others=others.get(found.campaign_id or 0, 0),
        outcome_items=agenda_queries.items_with_outcome_of(db.session, found.id),
        outcome_themes=theme_outcomes.themes_with_outcome_of(db.session, found.id),
        format_date=format_date,
    )


@bp.get("/report")
def report(slug: str) -> str:
    consultation = _consultation_or_404(slug)
    return render_template(
        "public/report.html",
        consultation=consultation,
        sections=consultation_report(db.session, consultation.id),
        format_date=format_date,
    )


@bp.get("/report.pdf")
# Each download renders a PDF (a second or more of a worker's CPU): a public URL that costs
# that much gets its own limit per client address.
@limiter.limit(lambda: current_app.config["RATELIMIT_REPORT_PDF"])
def report_pdf(slug: str) -> Response:
    consultation = _consultation_or_404(slug)
    install_css_filter()
    html = render_template(
        "public/report_pdf.html",
        consultation=consultation,
        sections=consultation_report(db.session, consultation.id),
        format_date=format_date,
    )
    rendered = pdf_from_html(html)
    name = f"report-{consultation.slug}-{current_language()}.pdf"
    return Response(
        rendered.data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
