"""What the API says about each thing: the JSON of a consultation, the taxonomy and a comment.
Field names are part of the API's contract (documented in app/api/openapi.py): add fields,
never rename or remove one within /api/v1/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import url_for

from app.agenda.models import AgendaItem
from app.config import SUPPORTED_LANGUAGES
from app.intake import publication
from app.intake.models import Submission
from app.moderation.filters import TaxonomyNames, taxonomy_names
from app.public.queries import PublicPage
from app.taxonomy.models import Consultation, Country, Pillar, Sector
from app.themes.outcomes import PublicTheme


def both(obj: Any, field: str) -> dict[str, str]:
    """A bilingual field as {"en": …, "es": …}."""
    return {lang: getattr(obj, f"{field}_{lang}") for lang in SUPPORTED_LANGUAGES}


def _stamp(value: Any) -> str:
    return str(value.isoformat().replace("+00:00", "Z"))


def consultation(row: Consultation) -> dict[str, Any]:
    return {
        "slug": row.slug,
        "title": both(row, "title"),
        "opens_at": _stamp(row.opens_at),
        "closes_at": _stamp(row.closes_at),
        "open": row.is_open(),
        "comments_url": url_for("api.comments", slug=row.slug, _external=True),
        "html_url": {
            lang: url_for("intake.consultation", lang=lang, slug=row.slug, _external=True)
            for lang in SUPPORTED_LANGUAGES
        },
    }


def taxonomy(
    pillars: list[Pillar], sectors: list[Sector], countries: list[Country]
) -> dict[str, Any]:
    return {
        "pillars": [
            {
                "code": p.code,
                "name": both(p, "name"),
                "topics": [{"code": t.code, "name": both(t, "name")} for t in p.topics],
            }
            for p in pillars
        ],
        "sectors": [{"code": s.code, "name": both(s, "name")} for s in sectors],
        "countries": [
            {
                "code": c.code,
                "name": both(c, "name"),
                "states": [{"code": r.code, "name": both(r, "name")} for r in c.regions],
            }
            for c in countries
        ],
    }


@dataclass(frozen=True)
class CommentContext:
    """What every comment of one response shares, built once (comment_context): the page's
    related rows (PublicPage.fill), the taxonomy's codes, and the links' common beginnings
    (one url_for a response, not three a comment)."""

    slug: str
    page: PublicPage
    names: TaxonomyNames
    api_url: str  # the consultation's comments in the API; a comment's is this + "/<id>"
    html_urls: dict[str, str]  # the same for the public list, per language


def comment_context(slug: str, page: PublicPage) -> CommentContext:
    return CommentContext(
        slug=slug,
        page=page,
        names=taxonomy_names(),
        api_url=url_for("api.comments", slug=slug, _external=True),
        html_urls={
            lang: url_for("public.comments", lang=lang, slug=slug, _external=True)
            for lang in SUPPORTED_LANGUAGES
        },
    )


def comment(
    row: Submission, context: CommentContext, others: int | None = None, lead: str | None = None
) -> dict[str, Any]:
    """One published comment in its public (redacted) text; the author only with consent to
    be named (app.intake.publication decides, here as everywhere)."""
    author = publication.author_of(row)
    campaign = None
    if row.campaign_id is not None and others is not None and lead is not None:
        campaign = {"lead_id": lead, "others": others}
    codes = context.names.pillar_codes
    second = row.secondary_pillar_id
    return {
        "id": row.public_id,
        "consultation": context.slug,
        "title": row.published_title,
        "body": row.published_body,
        "language": row.detected_language or row.page_language.value,
        "author": (
            {"name": author.name, "organization": author.organization} if author.named else None
        ),
        "verified_organization": _verified(row, context.page),
        "sector": context.names.sector_codes[row.sector_id],
        "pillar": codes[row.primary_pillar_id],
        "second_pillar": codes[second] if second is not None else None,
        "topics": sorted(context.page.topics.get(row.id, [])),
        "country": row.country_code,
        "state": row.region_code,
        "received_at": _stamp(row.created_at),
        "campaign": campaign,
        "url": f"{context.api_url}/{row.public_id}",
        "html_url": {lang: f"{url}/{row.public_id}" for lang, url in context.html_urls.items()},
    }


def _verified(row: Submission, page: PublicPage) -> dict[str, Any] | None:
    """The organisation that vouches for a comment, under the public rule
    (app.intake.publication.public_verification), its name in both languages."""
    names = {lang: page.verification(row, lang) for lang in SUPPORTED_LANGUAGES}
    first = names[SUPPORTED_LANGUAGES[0]]
    if first is None:
        return None
    return {
        "name": {lang: v.organization for lang, v in names.items() if v is not None},
        "by": "invitation" if first.invited else "email_domain",
    }


def outcome(item: AgendaItem) -> dict[str, Any]:
    """The current outcome of an agenda item that holds a published comment."""
    current = item.outcomes[0]  # the newest; the query returns only items with one
    return {
        "kind": current.kind.value,
        "note": both(current, "note"),
        "agenda_item": both(item, "title"),
        "meeting": both(item.meeting, "title"),
        "meeting_date": item.meeting.meeting_date.isoformat(),
        "recorded_at": _stamp(current.recorded_at),
    }


def agenda_outcome(item: AgendaItem, comment_ids: list[str]) -> dict[str, Any]:
    """An agenda item's current outcome for /api/v1/outcomes, with the public ids of the
    published comments the item holds (and nothing of the others)."""
    current = item.outcomes[0]  # the newest; the query returns only items with one
    meeting = item.meeting
    return {
        "kind": current.kind.value,
        "note": both(current, "note"),
        "recorded_at": _stamp(current.recorded_at),
        "agenda_item": {"id": item.id, "title": both(item, "title")},
        "meeting": {
            "id": meeting.id,
            "title": both(meeting, "title"),
            "date": meeting.meeting_date.isoformat(),
            "consultations": sorted(c.slug for c in meeting.consultations),
        },
        "comment_ids": comment_ids,
    }


def theme_outcome(theme: PublicTheme) -> dict[str, Any]:
    """The current outcome of the theme (not dismissed) that holds a published comment."""
    current = theme.outcomes[0]  # the newest; the query returns only themes with one
    return {
        "kind": current.kind.value,
        "note": both(current, "note"),
        "theme": both(theme, "label"),
        "pillar": theme.pillar.code,
        "recorded_at": _stamp(current.recorded_at),
    }


def theme_outcome_entry(theme: PublicTheme, comment_ids: list[str]) -> dict[str, Any]:
    """A theme's current outcome for /api/v1/theme-outcomes, with the public ids of its
    published comments (and nothing of the others)."""
    current = theme.outcomes[0]  # the newest; the query returns only themes with one
    return {
        "kind": current.kind.value,
        "note": both(current, "note"),
        "recorded_at": _stamp(current.recorded_at),
        "theme": {"id": theme.id, "label": both(theme, "label")},
        "pillar": theme.pillar.code,
        "consultation": theme.consultation.slug,
        "comment_ids": comment_ids,
    }
