"""Changes to themes: the build of a consultation's themes (a rebuild keeps every human
decision) and the placing of a comment approved after it. None commits.

A build reads the approved comments of a consultation, groups each pillar's with
app.themes.analysis, then matches the groups it found with the themes already stored (by the
comments they share), so a theme keeps its id, its review date and whatever people decided:
a renamed theme keeps its labels, a dismissed one stays dismissed (and keeps what is found
for it, so it does not come back under another id), a theme a person made stays, and a
comment a person placed stays where they put it. Only the analysis's own placements move.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app import audit, outcomes
from app.db import table_of, utcnow
from app.enums import OutcomeKind, SubmissionStatus
from app.forms import Refused
from app.intake.models import Submission, submission_topics
from app.staff.models import User
from app.taxonomy.models import Consultation, Pillar, Topic
from app.themes import analysis, model
from app.themes.models import (
    Placement,
    Theme,
    ThemeEvent,
    ThemeMember,
    ThemeOrigin,
    ThemeOutcome,
    ThemeSpace,
)

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


# --- build ---------------------------------------------------------------------------------------


@dataclass
class PillarReport:
    pillar: str
    comments: int
    voices: int
    themes: int
    themed: int
    unthemed: int
    kept_labels: int = 0
    kept_dismissed: int = 0
    kept_placed: int = 0
    kept_human_themes: int = 0


@dataclass
class BuildReport:
    consultation: str
    comments: int = 0
    pillars: list[PillarReport] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.comments == 0

    def total(self, name: str) -> int:
        return sum(int(getattr(p, name)) for p in self.pillars)


@dataclass
class _Comment:
    id: int
    campaign_id: int | None
    pillar_id: int
    text: str
    language: str | None
    topics: tuple[str, ...] = ()


def approved_count(session: Session, consultation: Consultation, pillar: Pillar | None) -> int:
    """How many approved comments a build of `consultation` (and `pillar`) would group."""
    query = select(func.count()).where(*_scope(consultation, pillar))
    return session.scalar(query) or 0


def _scope(consultation: Consultation, pillar: Pillar | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Submission.consultation_id == consultation.id,
        Submission.status == SubmissionStatus.APPROVED,
    ]
    if pillar is not None:
        conditions.append(Submission.primary_pillar_id == pillar.id)
    return conditions


@dataclass
class _PillarAnalysis:
    pillar_id: int
    comments: int
    documents: list[analysis.Document]
    voices: dict[int, list[int]]
    idf: dict[str, float]
    found: analysis.Clustering
    background: dict[str, float]


@dataclass
class Analysis:
    """What a build found, before anything is written (analyse, then store)."""

    consultation_id: int
    report: BuildReport
    lexicon: analysis.Lexicon | None = None
    pillars: list[_PillarAnalysis] = field(default_factory=list)


def build(
    session: Session,
    consultation: Consultation,
    pillar: Pillar | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Group the approved comments of `consultation` (one pillar, or each) into themes and
    store them, keeping every human decision. Writes nothing when there is no approved
    comment (the report says so: `empty`)."""
    return store(session, analyse(session, consultation, pillar, progress))


def analyse(
    session: Session,
    consultation: Consultation,
    pillar: Pillar | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """The reading half of a build: only reads. A job ends its read transaction between the
    halves, so the progress it writes meanwhile (its own short transactions) never stands in
    the way of its own writes (SQLite refuses to turn a reader into a writer once another
    connection wrote)."""
    started = time.monotonic()
    # The optional local model (THEMES_MODEL_DIR): a missing or corrupt one is a logged
    # warning and the default method, never an error.
    model.method(current_app.config.get("THEMES_MODEL_DIR") if has_app_context() else None)
    found = Analysis(consultation.id, BuildReport(consultation.slug))
    report = found.report
    rows = session.execute(
        select(
            Submission.id,
            Submission.campaign_id,
            Submission.primary_pillar_id,
            Submission.title,
            Submission.body,
            Submission.detected_language,
        )
        .where(*_scope(consultation, pillar))
        .order_by(Submission.id)
    ).all()
    report.seconds["read"] = round(time.monotonic() - started, 2)
    report.comments = len(rows)
    if not rows:
        return found
    topics = _topics(
        session,
        select(submission_topics.c.submission_id, Topic.code)
        .join(Topic, Topic.id == submission_topics.c.topic_id)
        .join(Submission, Submission.id == submission_topics.c.submission_id)
        .where(*_scope(consultation, pillar)),
    )
    by_pillar: dict[int, list[_Comment]] = defaultdict(list)
    for sid, campaign_id, pillar_id, title, body, language in rows:
        by_pillar[pillar_id].append(
            _Comment(sid, campaign_id, pillar_id, f"{title}\n{body}", language, topics.get(sid, ()))
        )
    found.lexicon = lex = bilingual_lexicon(session)
    t0 = time.monotonic()
    for pillar_id in sorted(by_pillar):
        comments = by_pillar[pillar_id]
        documents, voices = _documents(lex, comments, progress)
        idf = analysis.fit_idf(documents)
        clusters = analysis.cluster(documents, idf)
        background = analysis.truncate(_mean([analysis.weights(d.terms, idf) for d in documents]))
        found.pillars.append(
            _PillarAnalysis(pillar_id, len(comments), documents, voices, idf, clusters, background)
        )
    report.seconds["analyse"] = round(time.monotonic() - t0, 2)
    return found


def store(session: Session, found: Analysis) -> BuildReport:
    """The writing half of a build: themes, members and vector spaces, human decisions kept.
    Flushes, never commits; writes nothing for an empty analysis."""
    report = found.report
    if report.empty or found.lexicon is None:
        return report
    t0 = time.monotonic()
    codes = dict(session.execute(select(Pillar.id, Pillar.code)).tuples().all())
    for part in found.pillars:
        pillar_report = _store(
            session, found.consultation_id, part.pillar_id, found.lexicon, part.idf, part.found,
            part.documents, part.voices, part.background,
        )  # fmt: skip
        pillar_report.pillar = codes.get(part.pillar_id, str(part.pillar_id))
        pillar_report.comments = part.comments
        report.pillars.append(pillar_report)
    report.seconds["write"] = round(time.monotonic() - t0, 2)
    return report


def _documents(
    lex: analysis.Lexicon, comments: list[_Comment], progress: Progress | None
) -> tuple[list[analysis.Document], dict[int, list[int]]]:
    """One document per voice: a comment, or a campaign (its first approved text); and the
    comments of each voice, by the document's key."""
    voices: dict[int, list[int]] = {}
    campaign_key: dict[int, int] = {}
    documents = []
    done = 0
    for comment in comments:
        done += 1
        if comment.campaign_id is not None and comment.campaign_id in campaign_key:
            voices[campaign_key[comment.campaign_id]].append(comment.id)
        else:
            if comment.campaign_id is not None:
                campaign_key[comment.campaign_id] = comment.id
            voices[comment.id] = [comment.id]
            documents.append(
                analysis.document(lex, comment.id, comment.text, comment.language, comment.topics)
            )
        if progress is not None and done % 200 == 0:
            progress(200)
    if progress is not None and done % 200:
        progress(done % 200)
    return documents, voices


def _topics(session: Session, query: Any) -> dict[int, tuple[str, ...]]:
    """The codes of the topics each submission's submitter chose on the form, in code order:
    a signal the analysis reads the same in both languages (analysis.document)."""
    found: dict[int, list[str]] = defaultdict(list)
    for submission_id, code in session.execute(query):
        found[submission_id].append(code)
    return {sid: tuple(sorted(codes)) for sid, codes in found.items()}


def _mean(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for term, value in vector.items():
            total[term] += value
    return {term: value / max(1, len(vectors)) for term, value in total.items()}


def _store(
    session: Session,
    consultation_id: int,
    pillar_id: int,
    lex: analysis.Lexicon,
    idf: dict[str, float],
    found: analysis.Clustering,
    documents: list[analysis.Document],
    voices: dict[int, list[int]],
    background: dict[str, float],
) -> PillarReport:
    now = utcnow()
    existing = list(
        session.scalars(
            select(Theme).where(
                Theme.consultation_id == consultation_id, Theme.pillar_id == pillar_id
            )
        )
    )
    theme_ids = [t.id for t in existing]
    current: dict[int, tuple[int, Placement]] = {}
    if theme_ids:
        current = {
            sid: (tid, placed)
            for sid, tid, placed in session.execute(
                select(
                    ThemeMember.submission_id, ThemeMember.theme_id, ThemeMember.placed_by
                ).where(ThemeMember.theme_id.in_(theme_ids))
            ).tuples()
        }
    pinned = {sid: tid for sid, (tid, placed) in current.items() if placed is Placement.HUMAN}
    approved = {sid for members in voices.values() for sid in members}

    # Each group found: its comments (a campaign's all), and which stored theme it continues.
    groups: list[dict[int, float]] = []
    for members in found.members:
        comments: dict[int, float] = {}
        for key, similarity in members:
            for sid in voices[key]:
                comments[sid] = similarity
        groups.append(comments)
    overlaps: list[tuple[int, int, int]] = []
    stored_members: dict[int, set[int]] = defaultdict(set)
    for sid, (tid, _placed) in current.items():
        stored_members[tid].add(sid)
    for index, comments in enumerate(groups):
        counts: dict[int, int] = defaultdict(int)
        for sid in comments:
            if sid in current:
                counts[current[sid][0]] += 1
        for tid, shared in counts.items():
            if 2 * shared >= min(len(comments), len(stored_members[tid])):
                overlaps.append((shared, index, tid))
    match: dict[int, Theme] = {}
    by_id = {t.id: t for t in existing}
    taken: set[int] = set()
    for _shared, index, tid in sorted(overlaps, key=lambda o: (-o[0], o[1], o[2])):
        if index not in match and tid not in taken:
            match[index] = by_id[tid]
            taken.add(tid)

    report = PillarReport("", 0, len(documents), 0, 0, 0)
    docs_by_key = {d.key: d for d in documents}
    wanted: dict[int, tuple[int, float]] = {}
    for index, (centre, comments) in enumerate(zip(found.centres, groups, strict=True)):
        theme_docs = [docs_by_key[key] for key, _s in found.members[index]]
        label_en, label_es, key_terms = analysis.labels(lex, centre, background, theme_docs)
        theme = match.get(index)
        if theme is None:
            theme = Theme(
                consultation_id=consultation_id,
                pillar_id=pillar_id,
                label_en=label_en,
                label_es=label_es,
                origin=ThemeOrigin.BUILT,
            )
            session.add(theme)
        elif not theme.label_edited:
            theme.label_en, theme.label_es = label_en, label_es
        else:
            report.kept_labels += 1
        theme.centroid = json.dumps(centre, separators=(",", ":"))
        theme.key_terms = json.dumps(key_terms, ensure_ascii=False)
        theme.built_at = now
        session.flush()
        for sid, similarity in comments.items():
            wanted[sid] = (theme.id, similarity)
    # Stored themes no group continues: gone unless people decided something about them.
    continued = {t.id for t in match.values()}
    holding_pinned = set(pinned.values())
    deleted: set[int] = set()
    for theme in existing:
        if theme.id in continued:
            continue
        if theme.human_touched or theme.id in holding_pinned:
            theme.built_at = now
            continue
        deleted.add(theme.id)
        session.delete(theme)  # its members go with it (ON DELETE CASCADE)
    session.flush()
    current = {sid: v for sid, v in current.items() if v[0] not in deleted}
    report.kept_dismissed = sum(1 for t in existing if t.dismissed)
    report.kept_human_themes = sum(1 for t in existing if t.origin is ThemeOrigin.HUMAN)

    # Membership: people's placements stay (while the comment is approved); the rest follow
    # the build. A comment that stays in its theme keeps its joined_at.
    # Comments approved since the analysis read them (placed at approval) stay where they are.
    unapproved = _not_approved(session, [sid for sid in current if sid not in approved])
    gone = [
        sid for sid in current
        if sid in unapproved or (sid in approved and sid not in pinned and sid not in wanted)
    ]  # fmt: skip
    members_table = table_of(ThemeMember)
    for offset in range(0, len(gone), 500):
        session.execute(
            delete(members_table).where(
                members_table.c.submission_id.in_(gone[offset : offset + 500])
            )
        )
    inserts, moves, same = [], [], []
    for sid, (tid, similarity) in wanted.items():
        if sid in pinned:
            continue
        before = current.get(sid)
        row = {"submission_id": sid, "theme_id": tid, "similarity": similarity}
        if before is None:
            inserts.append({**row, "placed_by": Placement.BUILD.value, "joined_at": now})
        elif before[0] != tid:
            moves.append({**row, "placed_by": Placement.BUILD, "joined_at": now})
        else:
            same.append({**row, "placed_by": Placement.BUILD})
    if inserts:
        session.execute(insert(members_table), inserts)
    if moves or same:
        session.execute(update(ThemeMember), moves + same)
    report.kept_placed = sum(1 for sid in pinned if sid in approved)
    _recount(session, consultation_id, pillar_id)
    # A group whose every comment a person placed elsewhere (merged, moved) is no theme.
    session.execute(
        delete(Theme)
        .where(
            Theme.consultation_id == consultation_id,
            Theme.pillar_id == pillar_id,
            Theme.comments == 0,
            Theme.label_edited.is_(False),
            Theme.dismissed.is_(False),
            Theme.origin == ThemeOrigin.BUILT,
            ~Theme.outcomes.any(),
        )
        .execution_options(synchronize_session="fetch")
    )
    _store_space(session, consultation_id, pillar_id, idf, now)
    report.themes = (
        session.scalar(
            select(func.count())
            .select_from(Theme)
            .where(Theme.consultation_id == consultation_id, Theme.pillar_id == pillar_id)
        )
        or 0
    )
    report.themed = sum(1 for sid in approved if sid in wanted or sid in pinned)
    report.unthemed = len(approved) - report.themed
    return report


def _not_approved(session: Session, ids: list[int]) -> set[int]:
    out: set[int] = set()
    for offset in range(0, len(ids), 500):
        out.update(
            session.scalars(
                select(Submission.id).where(
                    Submission.id.in_(ids[offset : offset + 500]),
                    Submission.status != SubmissionStatus.APPROVED,
                )
            )
        )
    return out


def _store_space(
    session: Session, consultation_id: int, pillar_id: int, idf: dict[str, float], now: datetime
) -> None:
    space = session.scalar(
        select(ThemeSpace).where(
            ThemeSpace.consultation_id == consultation_id, ThemeSpace.pillar_id == pillar_id
        )
    )
    if space is None:
        space = ThemeSpace(consultation_id=consultation_id, pillar_id=pillar_id)
        session.add(space)
    space.idf = json.dumps({t: round(v, 5) for t, v in idf.items()}, separators=(",", ":"))
    space.method = analysis.METHOD
    space.built_at = now
    session.flush()


def _recount(session: Session, consultation_id: int, pillar_id: int | None = None,
             theme_ids: Iterable[int] | None = None) -> None:  # fmt: skip
    """Each theme's comments and support (a campaign counts once), from its members."""
    voice = func.coalesce(-Submission.campaign_id, Submission.id)
    query = (
        select(ThemeMember.theme_id, func.count(), func.count(voice.distinct()))
        .join(Submission, Submission.id == ThemeMember.submission_id)
        .group_by(ThemeMember.theme_id)
    )
    themes = select(Theme.id).where(Theme.consultation_id == consultation_id)
    if pillar_id is not None:
        themes = themes.where(Theme.pillar_id == pillar_id)
    if theme_ids is not None:
        themes = themes.where(Theme.id.in_(list(theme_ids)))
    ids = list(session.scalars(themes))
    counts = {
        tid: (c, s) for tid, c, s in session.execute(query.where(ThemeMember.theme_id.in_(ids)))
    }
    if ids:
        zero = (0, 0)
        session.execute(
            update(Theme),
            [
                {
                    "id": tid,
                    "comments": counts.get(tid, zero)[0],
                    "support": counts.get(tid, zero)[1],
                }
                for tid in ids
            ],
        )


def bilingual_lexicon(session: Session) -> analysis.Lexicon:
    """The glossary plus the taxonomy's bilingual topic and pillar names."""
    named = [
        (f"topic_{code}", en, es)
        for code, en, es in session.execute(select(Topic.code, Topic.name_en, Topic.name_es))
    ]
    named += [
        (f"pillar_{code}", en, es)
        for code, en, es in session.execute(select(Pillar.code, Pillar.name_en, Pillar.name_es))
    ]
    return analysis.lexicon(named)


# --- a comment approved after a build ------------------------------------------------------------


@dataclass
class Space:
    lexicon: analysis.Lexicon
    idf: dict[str, float]


# Parsed spaces and centres, per process, keyed by what identifies a build's version of them
# (the row id and its built_at): a new build is seen by its new key, never by a stale copy.
_spaces: dict[tuple[int, datetime], Space] = {}
_centres: dict[tuple[int, datetime | None], dict[str, float]] = {}
_cache_lock = threading.Lock()


def pillar_space(session: Session, consultation_id: int, pillar_id: int) -> Space | None:
    """The pillar's vector space from its last build (lexicon and idf), parsed once per process
    and build: what a new comment is placed in and a theme's quotes are scored in."""
    row = session.execute(
        select(ThemeSpace.id, ThemeSpace.built_at).where(
            ThemeSpace.consultation_id == consultation_id, ThemeSpace.pillar_id == pillar_id
        )
    ).first()
    if row is None:
        return None
    key = (row[0], row[1])
    cached = _spaces.get(key)
    if cached is None:
        idf = json.loads(
            session.scalar(select(ThemeSpace.idf).where(ThemeSpace.id == row[0])) or "{}"
        )
        cached = Space(bilingual_lexicon(session), idf)
        with _cache_lock:
            for old in [k for k in _spaces if k[0] == row[0]]:
                del _spaces[old]
            _spaces[key] = cached
    return cached


def _theme_centres(
    session: Session, consultation_id: int, pillar_id: int
) -> list[tuple[int, dict[str, float]]]:
    rows = session.execute(
        select(Theme.id, Theme.built_at).where(
            Theme.consultation_id == consultation_id,
            Theme.pillar_id == pillar_id,
            Theme.centroid.is_not(None),
        )
    ).all()
    missing = [tid for tid, built in rows if (tid, built) not in _centres]
    if missing:
        loaded = session.execute(
            select(Theme.id, Theme.built_at, Theme.centroid).where(Theme.id.in_(missing))
        )
        with _cache_lock:
            for tid, built, centroid in loaded:
                for old in [k for k in _centres if k[0] == tid]:
                    del _centres[old]
                _centres[(tid, built)] = json.loads(centroid)
    return [(tid, _centres[(tid, built)]) for tid, built in rows if (tid, built) in _centres]


def assign(session: Session, submission: Submission) -> int | None:
    """Place a newly approved comment in the nearest theme of its consultation and pillar, or
    none when nothing is close (the rule a build places by: analysis.nearest). A campaign's
    member joins its campaign's theme. The theme's id, or None."""
    if submission.status is not SubmissionStatus.APPROVED:
        return None
    already = session.scalar(
        select(ThemeMember.theme_id).where(ThemeMember.submission_id == submission.id)
    )
    if already is not None:
        return already
    theme_id: int | None = None
    similarity: float | None = None
    joined_campaign = False
    if submission.campaign_id is not None:
        found = session.execute(
            select(ThemeMember.theme_id, ThemeMember.similarity)
            .join(Submission, Submission.id == ThemeMember.submission_id)
            .where(Submission.campaign_id == submission.campaign_id)
            .limit(1)
        ).first()
        if found is not None:
            theme_id, similarity = found
            joined_campaign = True
    if theme_id is None:
        space = pillar_space(session, submission.consultation_id, submission.primary_pillar_id)
        if space is None:
            return None
        text = f"{submission.title}\n{submission.body}"
        chosen = _topics(
            session,
            select(submission_topics.c.submission_id, Topic.code)
            .join(Topic, Topic.id == submission_topics.c.topic_id)
            .where(submission_topics.c.submission_id == submission.id),
        ).get(submission.id, ())
        doc = analysis.document(
            space.lexicon, submission.id, text, submission.detected_language, chosen
        )
        vector = analysis.weights(doc.terms, space.idf)
        centres = _theme_centres(session, submission.consultation_id, submission.primary_pillar_id)
        theme_id, score = analysis.nearest(vector, centres)
        similarity = round(score, 4)
        if theme_id is None:
            return None
    session.execute(
        insert(table_of(ThemeMember)).values(
            submission_id=submission.id,
            theme_id=theme_id,
            placed_by=Placement.ASSIGNED.value,
            similarity=similarity,
            joined_at=utcnow(),
        )
    )
    # One more comment; one more voice unless its campaign was already there (one UPDATE,
    # not a recount: this runs inside the moderator's request).
    new_voice = 0 if joined_campaign else 1
    session.execute(
        update(Theme)
        .where(Theme.id == theme_id)
        .values(comments=Theme.comments + 1, support=Theme.support + new_voice)
        .execution_options(synchronize_session=False)
    )
    return theme_id


def leave(session: Session, submission: Submission) -> None:
    """A comment no longer approved leaves its theme."""
    theme_id = session.scalar(
        select(ThemeMember.theme_id).where(ThemeMember.submission_id == submission.id)
    )
    if theme_id is None:
        return
    session.execute(delete(ThemeMember).where(ThemeMember.submission_id == submission.id))
    _recount(session, submission.consultation_id, theme_ids=[theme_id])


def after_status_change(
    session: Session,
    submission: Submission,
    from_status: SubmissionStatus,
    to_status: SubmissionStatus,
) -> None:
    """Moderation's one call into themes (app.moderation.services.change_status): an approved
    comment joins its nearest theme, one no longer approved leaves it. Never raises: a
    failure is logged and undone to a savepoint, the decision stands, and the next build
    places the comment."""
    if to_status is not SubmissionStatus.APPROVED and from_status is not SubmissionStatus.APPROVED:
        return
    try:
        with session.begin_nested():
            if to_status is SubmissionStatus.APPROVED:
                assign(session, submission)
            else:
                leave(session, submission)
    except Exception:
        log.exception("themes: placing submission %s failed", submission.id)


# --- people's corrections ------------------------------------------------------------------------
#
# Each sets the mark a rebuild keeps (label_edited, dismissed, a member's Placement.HUMAN) and
# appends a ThemeEvent to the themes' chain: who, when, before → after.

LABEL_MAX = 200


def _record(
    session: Session,
    actor: User,
    action: str,
    theme: Theme,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    label: str | None = None,
) -> ThemeEvent:
    """Chain one correction after the last. Flushes; the caller commits."""
    event = ThemeEvent(
        actor_id=actor.id,
        created_at=utcnow(),
        action=action,
        theme_id=theme.id,
        theme_label=(label if label is not None else theme.label_en)[:300],
        before=audit.canonical(before),
        after=audit.canonical(after),
    )
    audit.append(session, event)
    return event


def _labels(label_en: str | None, label_es: str | None) -> tuple[str, str]:
    """A theme's two labels, stripped; refused when either is empty or too long."""
    label_en, label_es = (label_en or "").strip(), (label_es or "").strip()
    if not label_en:
        raise Refused(_l("Enter the theme's label in English."), "label_en")
    if not label_es:
        raise Refused(_l("Enter the theme's label in Spanish."), "label_es")
    for field_name, value in (("label_en", label_en), ("label_es", label_es)):
        if len(value) > LABEL_MAX:
            raise Refused(
                _l("A label may be at most %(num)s characters long.", num=LABEL_MAX), field_name
            )
    return label_en, label_es


def rename(session: Session, theme: Theme, actor: User, label_en: str, label_es: str) -> None:
    """Give the theme a label in each language; a rebuild keeps both. Neither may be empty."""
    label_en, label_es = _labels(label_en, label_es)
    before = {"label_en": theme.label_en, "label_es": theme.label_es}
    after = {"label_en": label_en, "label_es": label_es}
    theme.label_en, theme.label_es, theme.label_edited = label_en, label_es, True
    session.flush()
    _record(session, actor, "renamed", theme, before, after, label=before["label_en"])


def dismiss(session: Session, theme: Theme, actor: User) -> None:
    """Dismiss the theme as noise: it stays dismissed through rebuilds, so it does not return."""
    if theme.dismissed:
        raise Refused(_l("This theme is already dismissed."))
    theme.dismissed = True
    session.flush()
    _record(session, actor, "dismissed", theme, {"dismissed": False}, {"dismissed": True})


def mark_reviewed(session: Session, theme: Theme, actor: User) -> None:
    """Someone read the theme now: comments joining later count as new since review."""
    before = {"reviewed_at": theme.reviewed_at, "reviewed_by_id": theme.reviewed_by_id}
    theme.reviewed_at, theme.reviewed_by_id = utcnow(), actor.id
    session.flush()
    after = {"reviewed_at": theme.reviewed_at, "reviewed_by_id": actor.id}
    _record(session, actor, "reviewed", theme, before, after)


def record_outcome(
    session: Session,
    theme: Theme,
    actor: User,
    *,
    kind: OutcomeKind,
    note_en: str | None,
    note_es: str | None,
) -> ThemeOutcome:
    """Add the theme's new outcome (app.outcomes: the earlier ones stay as its history) and
    chain it in the themes' trail. Refused on a dismissed theme: noise has no outcome."""
    if theme.dismissed:
        raise Refused(_l("A dismissed theme cannot have an outcome."))
    before = theme.outcome
    outcome = outcomes.record(
        theme.outcomes, ThemeOutcome, actor, kind=kind, note_en=note_en, note_es=note_es
    )
    session.flush()

    def shown(row: ThemeOutcome | None) -> dict[str, Any]:
        if row is None:
            return {"outcome": None}
        return {"outcome": row.kind.value, "note_en": row.note_en, "note_es": row.note_es}

    _record(session, actor, "outcome", theme, shown(before), shown(outcome))
    return outcome


def _same_place(theme: Theme, other: Theme) -> bool:
    return theme.consultation_id == other.consultation_id and theme.pillar_id == other.pillar_id


def move(session: Session, submission_id: int, to: Theme, actor: User) -> Theme:
    """Put one comment of a theme in another theme of the same consultation and pillar; a
    rebuild leaves it there. Never into a dismissed theme. The theme it left."""
    member = session.get(ThemeMember, submission_id)
    if member is None:
        raise Refused(_l("That comment is not in a theme."), "submission_id")
    source = member.theme
    if to.dismissed:
        raise Refused(_l("A comment cannot be moved into a dismissed theme."), "to_theme")
    if to.id == source.id:
        raise Refused(_l("The comment is already in that theme."), "to_theme")
    if not _same_place(source, to):
        raise Refused(
            _l("A comment can only be moved to a theme of the same consultation and pillar."),
            "to_theme",
        )
    member.theme_id, member.placed_by = to.id, Placement.HUMAN
    member.similarity, member.joined_at = None, utcnow()
    session.flush()
    _recount(session, source.consultation_id, theme_ids=[source.id, to.id])
    session.refresh(source)
    session.refresh(to)
    _record(
        session, actor, "moved", source,
        {"submission_id": submission_id, "theme_id": source.id},
        {"submission_id": submission_id, "theme_id": to.id, "theme_label": to.label_en},
    )  # fmt: skip
    return source


def merge(session: Session, theme: Theme, into: Theme, actor: User) -> None:
    """Put every comment of `theme` in `into` (placed by a person, so a rebuild keeps them
    together) and delete `theme`. Refused with itself, across consultations or pillars, and
    into a dismissed theme."""
    if theme.id == into.id:
        raise Refused(_l("A theme cannot be merged with itself."), "into_theme")
    if not _same_place(theme, into):
        raise Refused(
            _l("Only themes of the same consultation and pillar can be merged."), "into_theme"
        )
    if into.dismissed:
        raise Refused(_l("A theme cannot be merged into a dismissed theme."), "into_theme")
    if theme.outcomes:
        # Deleting it would delete what the dialogue decided about it.
        raise Refused(
            _l("A theme with an outcome cannot be merged into another; merge the other into it."),
            "into_theme",
        )
    moved = list(
        session.scalars(
            select(ThemeMember.submission_id)
            .where(ThemeMember.theme_id == theme.id)
            .order_by(ThemeMember.submission_id)
        )
    )
    before = {
        "theme_id": theme.id,
        "label_en": theme.label_en,
        "label_es": theme.label_es,
        "comments": moved,
        "into_theme_id": into.id,
        "into_comments": into.comments,
    }
    session.execute(
        update(ThemeMember)
        .where(ThemeMember.theme_id == theme.id)
        .values(theme_id=into.id, placed_by=Placement.HUMAN, similarity=None)
        .execution_options(synchronize_session="fetch")
    )
    # Forget the members it had in memory, or deleting it would delete them (delete-orphan).
    session.expire(theme, ["members"])
    session.delete(theme)
    session.flush()
    _recount(session, into.consultation_id, theme_ids=[into.id])
    session.refresh(into)
    _record(
        session, actor, "merged", into, before,
        {"theme_id": into.id, "comments": into.comments, "support": into.support},
    )  # fmt: skip


def split(
    session: Session,
    theme: Theme,
    submission_ids: Iterable[int],
    actor: User,
    label_en: str,
    label_es: str,
) -> Theme:
    """Move the chosen comments of `theme` to a new theme of the same consultation and pillar,
    labelled in both languages by the person: a theme a person made (origin human, its labels
    edited, its comments placed by a person), so a rebuild keeps it and them. Refused with no
    comment chosen, with every comment of the theme chosen (renaming says that), with a
    comment that is not the theme's and with an empty label. A dismissed theme may be split:
    that is how good comments leave the noise (the new theme is not dismissed). The new theme."""
    chosen = sorted(set(submission_ids))
    if not chosen:
        raise Refused(_l("Choose the comments to move to the new theme."), "comments")
    label_en, label_es = _labels(label_en, label_es)
    members = set(
        session.scalars(select(ThemeMember.submission_id).where(ThemeMember.theme_id == theme.id))
    )
    if not set(chosen) <= members:
        raise Refused(_l("Choose only comments of this theme."), "comments")
    if set(chosen) == members:
        raise Refused(
            _l("Leave at least one comment in this theme; to call it something else, rename it."),
            "comments",
        )
    made = Theme(
        consultation_id=theme.consultation_id,
        pillar_id=theme.pillar_id,
        label_en=label_en,
        label_es=label_es,
        label_edited=True,
        origin=ThemeOrigin.HUMAN,
        created_at=utcnow(),
    )
    session.add(made)
    session.flush()
    now = utcnow()
    for offset in range(0, len(chosen), 500):
        session.execute(
            update(ThemeMember)
            .where(ThemeMember.submission_id.in_(chosen[offset : offset + 500]))
            .values(theme_id=made.id, placed_by=Placement.HUMAN, similarity=None, joined_at=now)
            .execution_options(synchronize_session="fetch")
        )
    session.flush()
    _recount(session, theme.consultation_id, theme_ids=[theme.id, made.id])
    session.refresh(theme)
    session.refresh(made)
    _record(
        session, actor, "split", theme,
        {"theme_id": theme.id, "comments": sorted(members)},
        {"theme_id": made.id, "label_en": label_en, "label_es": label_es, "comments": chosen},
    )  # fmt: skip
    return made
