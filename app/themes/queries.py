"""Reads for the theme pages and the outputs: each consultation's themes by pillar and support,
one theme's breakdown by sector and country, its comments a page at a time, and a theme's
summary (counts, convergence, representative quotes) that the theme page and packets share."""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.elements import ColumnElement

from app.enums import SubmissionStatus
from app.i18n import localized
from app.intake import publication
from app.intake.models import Submission
from app.taxonomy.models import Consultation, Pillar
from app.text import normalise
from app.themes import analysis, services
from app.themes.models import Theme, ThemeMember

PAGE_SIZE = 25


@dataclass
class PillarThemes:
    pillar: Pillar
    themes: list[Theme]


@dataclass
class ConsultationThemes:
    consultation: Consultation
    pillars: list[PillarThemes]


def overview(session: Session) -> list[ConsultationThemes]:
    """Every consultation that has themes, newest first; in each, its pillars in their order
    and their themes by support (dismissed ones last)."""
    themes = session.scalars(
        select(Theme)
        .join(Consultation, Consultation.id == Theme.consultation_id)
        .join(Pillar, Pillar.id == Theme.pillar_id)
        .options(joinedload(Theme.consultation), joinedload(Theme.pillar))
        .order_by(
            Consultation.opens_at.desc(),
            Consultation.id,
            Pillar.position,
            Pillar.id,
            Theme.dismissed,
            Theme.support.desc(),
            Theme.comments.desc(),
            Theme.id,
        )  # fmt: skip
    ).all()
    out: list[ConsultationThemes] = []
    for theme in themes:
        if not out or out[-1].consultation.id != theme.consultation_id:
            out.append(ConsultationThemes(theme.consultation, []))
        pillars = out[-1].pillars
        if not pillars or pillars[-1].pillar.id != theme.pillar_id:
            pillars.append(PillarThemes(theme.pillar, []))
        pillars[-1].themes.append(theme)
    return out


def theme(session: Session, theme_id: int) -> Theme | None:
    return session.get(Theme, theme_id)


def theme_of(session: Session, submission_id: int) -> int | None:
    return session.scalar(
        select(ThemeMember.theme_id).where(ThemeMember.submission_id == submission_id)
    )


def joined_since_review(session: Session, theme_ids: Collection[int]) -> dict[int, int]:
    """For each reviewed theme among `theme_ids`, how many of its comments joined it after it
    was last marked reviewed (at approval, by a rebuild that moved them, or by a person); a
    theme never reviewed is absent (all of it is unreviewed). A comment that stays in its
    theme across rebuilds keeps its joining date, so a rebuild alone adds nothing here."""
    if not theme_ids:
        return {}
    rows = session.execute(
        select(Theme.id, func.count(ThemeMember.submission_id))
        .outerjoin(
            ThemeMember,
            and_(ThemeMember.theme_id == Theme.id, ThemeMember.joined_at > Theme.reviewed_at),
        )
        .where(Theme.id.in_(sorted(theme_ids)), Theme.reviewed_at.is_not(None))
        .group_by(Theme.id)
    )
    return {theme_id: count for theme_id, count in rows}


def top(
    session: Session, consultation_ids: Collection[int], pillar_id: int, limit: int
) -> list[Theme]:
    """A pillar's strongest themes over some consultations: not dismissed, by support (a
    campaign counts once), then comments; what "Propose from themes" puts on an agenda."""
    if not consultation_ids or limit <= 0:
        return []
    return list(
        session.scalars(
            select(Theme)
            .where(
                Theme.consultation_id.in_(sorted(consultation_ids)),
                Theme.pillar_id == pillar_id,
                Theme.dismissed.is_(False),
                Theme.support > 0,
            )
            .order_by(Theme.support.desc(), Theme.comments.desc(), Theme.id)
            .limit(limit)
        )
    )


def member_ids(session: Session, theme_id: int) -> list[int]:
    """Every comment of the theme: what a split may choose from."""
    return list(
        session.scalars(
            select(ThemeMember.submission_id)
            .where(ThemeMember.theme_id == theme_id)
            .order_by(ThemeMember.submission_id)
        )
    )


def siblings(session: Session, found: Theme) -> list[Theme]:
    """The other themes of its consultation and pillar, by support: where its comments may go."""
    return list(
        session.scalars(
            select(Theme)
            .where(
                Theme.consultation_id == found.consultation_id,
                Theme.pillar_id == found.pillar_id,
                Theme.id != found.id,
            )
            .order_by(Theme.dismissed, Theme.support.desc(), Theme.id)
        )
    )


def members(session: Session, theme_id: int, page: int) -> tuple[list[Submission], bool]:
    """One page of the theme's comments, oldest first, and whether another page follows."""
    rows = session.scalars(
        select(Submission)
        .join(ThemeMember, ThemeMember.submission_id == Submission.id)
        .where(ThemeMember.theme_id == theme_id)
        .options(joinedload(Submission.sector), joinedload(Submission.country))
        .order_by(Submission.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)
    ).all()
    return list(rows[:PAGE_SIZE]), len(rows) > PAGE_SIZE


# --- a theme's summary ---------------------------------------------------------------------------

# Convergence: a theme backed by at least this many sectors and by stakeholders of both
# countries of the dialogue (issue 16, point 3).
CONVERGENCE_SECTORS = 3
DIALOGUE_COUNTRIES = frozenset({"MX", "US"})
QUOTES_PER_LANGUAGE = 3
QUOTE_LANGUAGES = ("en", "es")
# A quote is one sentence: long enough to say something, short enough to read at a glance.
QUOTE_MIN_CHARS = 40
QUOTE_MAX_CHARS = 320
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[¿¡\"“(]?[A-ZÁÉÍÓÚÑ0-9])")


def converges(sectors: Iterable[Any], country_codes: Iterable[str]) -> bool:
    """The one convergence rule: at least CONVERGENCE_SECTORS distinct sectors, and
    stakeholders of every country of the dialogue."""
    return len(set(sectors)) >= CONVERGENCE_SECTORS and set(country_codes) >= DIALOGUE_COUNTRIES


@dataclass
class Quote:
    """One sentence that stands for the theme, in the language its comment was written in."""

    submission_id: int
    tracking_code: str
    lang: str
    text: str
    score: float
    # Cleared for publication (app.intake.publication.is_publishable): the theme page marks it
    # when not, as the reading workspace and the agenda do.
    publishable: bool = True


@dataclass
class ThemeSummary:
    theme: Theme
    comments: int
    # Voices: a form-letter campaign counts once.
    support: int
    sectors: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    states: list[tuple[str, int]]
    converges: bool
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    # The label to show with these counts (localized(summary, "label")): the theme's own, or
    # on a public surface its public_label().
    label_en: str = ""
    label_es: str = ""


def _comment_lang(submission: Submission) -> str:
    return submission.detected_language or submission.page_language.value


def sentences(text: str) -> list[str]:
    """The sentences of a text, each on one line."""
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        flat = " ".join(block.split())
        out += [part.strip() for part in _SENTENCE_END.split(flat) if part.strip()]
    return out


def _centre(session: Session, found: Theme) -> tuple[analysis.Lexicon, dict[str, float], dict]:
    """The space a quote is scored in: the pillar's last build and the theme's centre; for a
    theme without one (nothing built yet), its labels' terms, equally weighted."""
    space = services.pillar_space(session, found.consultation_id, found.pillar_id)
    lexicon = space.lexicon if space is not None else services.bilingual_lexicon(session)
    centre: dict[str, float] = json.loads(found.centroid) if found.centroid else {}
    if space is not None and centre:
        return lexicon, centre, space.idf
    terms = [t for t, _s in lexicon.terms(f"{found.label_en}. {found.label_es}")]
    flat = {term: 1.0 for term in terms}
    return lexicon, analysis.weights(terms, flat), flat


def _quotes(
    session: Session, found: Theme, members: list[Submission], per_language: int
) -> dict[str, list[Quote]]:
    """Per language, the sentences closest to the theme's centre (TF-IDF cosine), one per
    voice: a form-letter campaign gives one quote at most, however many copies it has."""
    lexicon, centre, idf = _centre(session, found)
    best: dict[tuple[str, object], Quote] = {}
    for sub in members:
        lang = _comment_lang(sub)
        if lang not in QUOTE_LANGUAGES:
            continue
        voice = ("campaign", sub.campaign_id) if sub.campaign_id else ("comment", sub.id)
        for sentence in sentences(sub.published_body):
            if not QUOTE_MIN_CHARS <= len(sentence) <= QUOTE_MAX_CHARS:
                continue
            terms = [t for t, _s in lexicon.terms(sentence)]
            score = analysis.cosine(analysis.weights(terms, idf), centre)
            held = best.get(voice)
            if score > 0 and (held is None or score > held.score):
                best[voice] = Quote(
                    sub.id,
                    sub.tracking_code,
                    lang,
                    sentence,
                    round(score, 4),
                    publication.is_publishable(sub),
                )
    out: dict[str, list[Quote]] = {lang: [] for lang in QUOTE_LANGUAGES}
    said: set[str] = set()  # a sentence several people wrote alike is quoted once
    for quote in sorted(best.values(), key=lambda q: (-q.score, q.submission_id)):
        words = normalise(quote.text)
        if len(out[quote.lang]) < per_language and words not in said:
            out[quote.lang].append(quote)
            said.add(words)
    return out


# A public label is written from at most this many voices, spread evenly over the theme (key
# phrases of a hundred or so say what thousands do), and kept per process while neither they,
# their public text nor the theme's last build change: the public report asks for every theme's
# on every view, and writing one means reading its comments.
PUBLIC_LABEL_VOICES = 150
_T = TypeVar("_T")
_PUBLIC_LABELS_KEPT = 4096
_public_labels: dict[tuple[int, Any, int], tuple[str, str]] = {}
_public_labels_lock = threading.Lock()


def _label_sample(members: Sequence[tuple[int, int | None, _T]]) -> list[_T]:
    """(id, campaign id, item) of a theme's comments by id -> the items a public label reads:
    one per voice (a form-letter campaign once, as in a build), at most PUBLIC_LABEL_VOICES
    spread evenly."""
    voices: dict[object, _T] = {}
    for sid, campaign_id, item in members:
        voices.setdefault(("campaign", campaign_id) if campaign_id else sid, item)
    chosen = list(voices.values())
    if len(chosen) > PUBLIC_LABEL_VOICES:
        step = len(chosen) / PUBLIC_LABEL_VOICES
        chosen = [chosen[int(i * step)] for i in range(PUBLIC_LABEL_VOICES)]
    return chosen


def public_labels(session: Session, theme_ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """public_label() of some themes, reading only the comments each label reads (a public
    export names each of its comments' themes)."""
    out: dict[int, tuple[str, str]] = {}
    for theme_id in sorted(set(theme_ids)):
        found = session.get(Theme, theme_id)
        if found is None:
            continue
        if found.label_edited:
            out[theme_id] = (found.label_en, found.label_es)
            continue
        rows = session.execute(
            select(Submission.id, Submission.campaign_id)
            .join(ThemeMember, ThemeMember.submission_id == Submission.id)
            .where(ThemeMember.theme_id == theme_id, *publication.publishable_conditions())
            .order_by(Submission.id)
        ).tuples()
        ids = _label_sample([(sid, campaign_id, sid) for sid, campaign_id in rows])
        members = list(
            session.scalars(
                select(Submission).where(Submission.id.in_(ids)).order_by(Submission.id)
            )
        )
        out[theme_id] = public_label(session, found, members)
    return out


def public_label(session: Session, found: Theme, members: list[Submission]) -> tuple[str, str]:
    """The theme's label for a public surface, given its publishable comments: a person's label
    as they wrote it; otherwise key phrases of those comments' public text alone
    (analysis.labels_of), so no word of a comment kept from the public (unconsented, withdrawn,
    disputed, redacted away) reaches it. Empty when they have no word to say it with."""
    if found.label_edited:
        return found.label_en, found.label_es
    space = services.pillar_space(session, found.consultation_id, found.pillar_id)
    chosen = _label_sample([(sub.id, sub.campaign_id, sub) for sub in members])
    key = (
        found.id,
        found.built_at,
        hash(tuple((sub.id, sub.published_title, sub.published_body) for sub in chosen)),
    )
    kept = _public_labels.get(key)
    if kept is not None:
        return kept
    lexicon = space.lexicon if space is not None else services.bilingual_lexicon(session)
    documents = [
        analysis.document(
            lexicon, sub.id, f"{sub.published_title}\n{sub.published_body}", _comment_lang(sub)
        )
        for sub in chosen
    ]
    label = analysis.labels_of(lexicon, documents, space.idf if space is not None else {})
    with _public_labels_lock:
        if len(_public_labels) >= _PUBLIC_LABELS_KEPT:
            _public_labels.clear()
        _public_labels[key] = label
    return label


def _counted(counter: Counter[Any], name: Callable[[Any], str]) -> list[tuple[str, int]]:
    rows = sorted(
        counter.items(), key=lambda kv: (-kv[1], getattr(kv[0], "position", 0), name(kv[0]))
    )
    return [(name(obj), count) for obj, count in rows]


def summary(
    session: Session,
    found: Theme,
    *,
    lang: str | None = None,
    name: Callable[[Any], str] | None = None,
    among: Collection[int] | None = None,
    publishable_only: bool = False,
    quotes: int = QUOTES_PER_LANGUAGE,
) -> ThemeSummary:
    """A theme's counts by sector, country and state, its convergence and its representative
    quotes, over its approved comments (never a disputed one), or only those in `among` (a
    packet item's), or only publishable ones (app.intake.publication) for a public surface.
    Names are in `lang` (the reader's language), or as `name` writes them (a bilingual packet
    writes both)."""
    name = name or (lambda obj: localized(obj, "name", lang))
    conditions: list[ColumnElement[bool]] = [
        ThemeMember.theme_id == found.id,
        Submission.status == SubmissionStatus.APPROVED,
        publication.not_disputed(),
    ]
    if publishable_only:
        conditions += publication.publishable_conditions()
    if among is not None:
        conditions.append(Submission.id.in_(sorted(among)))
    members = list(
        session.scalars(
            select(Submission)
            .join(ThemeMember, ThemeMember.submission_id == Submission.id)
            .where(*conditions)
            .options(
                selectinload(Submission.sector),
                selectinload(Submission.country),
                selectinload(Submission.region),
            )
            .order_by(Submission.id)
        )
    )
    sectors = Counter(sub.sector for sub in members)
    countries = Counter(sub.country for sub in members)
    states = Counter(sub.region for sub in members if sub.region is not None)
    campaigns = {sub.campaign_id for sub in members if sub.campaign_id is not None}
    label_en, label_es = (
        public_label(session, found, members)
        if publishable_only
        else (found.label_en, found.label_es)
    )
    return ThemeSummary(
        theme=found,
        comments=len(members),
        support=sum(1 for sub in members if sub.campaign_id is None) + len(campaigns),
        sectors=_counted(sectors, name),
        countries=_counted(countries, name),
        states=_counted(states, name),
        converges=converges((s.id for s in sectors), (c.code for c in countries)),
        # No quotes asked for (an export): the sentences are not scored at all.
        quotes=_quotes(session, found, members, quotes) if quotes > 0 else {},
        label_en=label_en,
        label_es=label_es,
    )


def themes_among(session: Session, submission_ids: Collection[int]) -> dict[int, list[int]]:
    """The themes (not dismissed) of some comments, with which of them each holds: what a
    packet item's comments are about."""
    if not submission_ids:
        return {}
    out: dict[int, list[int]] = {}
    for theme_id, submission_id in session.execute(
        select(ThemeMember.theme_id, ThemeMember.submission_id)
        .join(Theme, Theme.id == ThemeMember.theme_id)
        .where(ThemeMember.submission_id.in_(sorted(submission_ids)), Theme.dismissed.is_(False))
        .order_by(ThemeMember.theme_id, ThemeMember.submission_id)
    ):
        out.setdefault(theme_id, []).append(submission_id)
    return out
