"""Public Atom feeds of a consultation's published comments, optionally for one pillar.

A feed has no page language: its own title and links are in English (the consultation's
English title; a consultation has no default language of its own), and each entry carries
xml:lang of the language its comment was written in, with its author line ("Anonymous" /
"Anónimo"), pillar label and verification ("Verified: …" / "Verificado: …", a second
category) in that language too.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request
from flask_babel import gettext as _

from app.db import db
from app.feeds import atom, queries
from app.hosts import external_url, public_hostname
from app.i18n import force_language, localized
from app.intake import publication
from app.intake.models import Submission
from app.taxonomy.models import Consultation, Pillar

bp = Blueprint("feeds", __name__, url_prefix="/feeds")

FEED_LANGUAGE = "en"
MAX_AGE_SECONDS = 300
# The feed's own words are English (see above), so not marked for translation.
SUBTITLE = "Approved comments, published with their authors' consent, newest first."


def _authority() -> str:
    """The tag: URIs' naming authority: FEED_TAG_AUTHORITY (FLASK_FEED_TAG_AUTHORITY), or
    the host of the public address (never the Host header: the feed is cached publicly)."""
    return current_app.config.get("FEED_TAG_AUTHORITY") or public_hostname()


def _author(submission: Submission, lang: str) -> str:
    author = publication.author_of(submission)
    if author.name is not None:
        return f"{author.name} ({author.organization})" if author.organization else author.name
    with force_language(lang):
        # Translators: the author of a comment published without a name (Atom feed entry).
        return _("Anonymous")


def _verified(submission: Submission, lang: str) -> tuple[str, str] | None:
    """ "Verified: <organisation>" (or "Invited: …") in the entry's language, under the
    public rule (app.intake.publication.public_verification)."""
    verification = publication.public_verification(submission, lang)
    if verification is None:
        return None
    with force_language(lang):
        label = verification.label()
    return ("invited" if verification.invited else "verified", label)


def _entry(submission: Submission, consultation: Consultation) -> atom.Entry:
    lang = submission.detected_language or submission.page_language.value
    pillar = submission.primary_pillar
    return atom.Entry(
        id=atom.tag_uri(
            _authority(), submission.created_at, f"{consultation.slug}/comments/{submission.id}"
        ),
        title=submission.published_title,
        content=submission.published_body,
        author=_author(submission, lang),
        language=lang,
        published=submission.created_at,
        updated=submission.updated_at,
        category=(pillar.code, localized(pillar, "name", lang)),
        verified=_verified(submission, lang),
    )


def _feed(consultation: Consultation, pillar: Pillar | None) -> Response:
    comments = queries.published_comments(
        db.session, consultation.id, pillar.code if pillar else None
    )
    title = localized(consultation, "title", FEED_LANGUAGE)
    specific = consultation.slug
    if pillar is not None:
        title = f"{title}: {localized(pillar, 'name', FEED_LANGUAGE)}"
        specific = f"{consultation.slug}/{pillar.code}"
    entries = [_entry(s, consultation) for s in comments]
    updated = max((e.updated for e in entries), default=consultation.updated_at)
    feed = atom.Feed(
        id=atom.tag_uri(_authority(), consultation.created_at, f"feeds/{specific}"),
        title=title,
        subtitle=SUBTITLE,
        language=FEED_LANGUAGE,
        self_url=external_url(request.endpoint or "", **(request.view_args or {})),
        page_url=external_url("intake.consultation", lang=FEED_LANGUAGE, slug=consultation.slug),
        page_language=FEED_LANGUAGE,
        updated=updated,
        author="Consulta",
        entries=entries,
    )
    response = Response(atom.render(feed), content_type="application/atom+xml; charset=utf-8")
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE_SECONDS}"
    return response


def _consultation_or_404(slug: str) -> Consultation:
    found = queries.consultation(db.session, slug)
    if found is None:
        abort(404)
    return found


@bp.get("/<slug>.atom")
def consultation(slug: str) -> Response:
    return _feed(_consultation_or_404(slug), None)


@bp.get("/<slug>/<pillar_code>.atom")
def pillar(slug: str, pillar_code: str) -> Response:
    found = _consultation_or_404(slug)
    chosen = queries.pillar(db.session, pillar_code)
    if chosen is None:
        abort(404)
    return _feed(found, chosen)
