"""Reading the outcomes of themes: which touch a comment (its submitter's status page, its
permalink, the public list's markers and filter) and which the public record lists. Only themes
not dismissed count; what the public sees of a theme needs one publishable comment in it (the
rule of the public report, app.public.report)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, exists, select
from sqlalchemy.orm import Session, selectinload

from app import outcomes
from app.enums import OutcomeKind
from app.intake import publication
from app.intake.models import Submission
from app.taxonomy.models import Consultation, Pillar
from app.themes import queries
from app.themes.models import Theme, ThemeMember, ThemeOutcome


@dataclass(frozen=True)
class PublicTheme:
    """A theme as the public and its submitters see it: under its public label
    (queries.public_labels: a person's label as written, else key phrases of its publishable
    comments alone), never the label built from every comment."""

    theme: Theme
    label_en: str
    label_es: str

    @property
    def id(self) -> int:
        return self.theme.id

    @property
    def outcome(self) -> ThemeOutcome | None:
        return self.theme.outcome

    @property
    def outcomes(self) -> list[ThemeOutcome]:
        return self.theme.outcomes

    @property
    def pillar(self) -> Pillar:
        return self.theme.pillar

    @property
    def consultation(self) -> Consultation:
        return self.theme.consultation


def _public(session: Session, themes: list[Theme]) -> list[PublicTheme]:
    labels = queries.public_labels(session, [theme.id for theme in themes])
    return [PublicTheme(theme, *labels.get(theme.id, ("", ""))) for theme in themes]


def themes_with_outcome_of(session: Session, submission_id: int) -> list[PublicTheme]:
    """The theme that holds this comment (a comment sits in one at most), when it is not
    dismissed and has an outcome; with its outcomes and pillar loaded."""
    stmt = (
        select(Theme)
        .join(ThemeMember, ThemeMember.theme_id == Theme.id)
        .where(
            ThemeMember.submission_id == submission_id,
            Theme.dismissed.is_(False),
            Theme.outcomes.any(),
        )
        .options(selectinload(Theme.outcomes), selectinload(Theme.pillar))
    )
    return _public(session, list(session.scalars(stmt)))


def with_outcome(kind: OutcomeKind | None = None) -> ColumnElement[bool]:
    """A submission held by a theme (not dismissed) that has an outcome: the comments whose
    status page shows one (themes_with_outcome_of). With `kind`, the theme's current outcome is
    of that kind."""
    outcome = [ThemeOutcome.theme_id == ThemeMember.theme_id]
    if kind is not None:
        outcome += [ThemeOutcome.kind == kind, outcomes.is_current(ThemeOutcome)]
    return exists().where(
        ThemeMember.submission_id == Submission.id,
        exists().where(Theme.id == ThemeMember.theme_id, Theme.dismissed.is_(False)),
        exists().where(*outcome),
    )


def current_kinds_stmt(submission_ids: BindParameter[Any]) -> Select[Any]:
    """(submission id, kind): the current outcome of the theme holding each of the comments
    `submission_ids` names (an expanding bind parameter; not dismissed), if any. A statement,
    so that a list page reads it in one round trip with its agenda items'
    (app.agenda.queries.current_outcomes_of, which builds it once per process)."""
    return (
        select(ThemeMember.submission_id, ThemeOutcome.kind)
        .join(ThemeOutcome, ThemeOutcome.theme_id == ThemeMember.theme_id)
        .join(Theme, Theme.id == ThemeMember.theme_id)
        .where(
            ThemeMember.submission_id.in_(submission_ids),
            Theme.dismissed.is_(False),
            outcomes.is_current(ThemeOutcome),
        )
    )


def _published_member() -> ColumnElement[bool]:
    return exists().where(
        ThemeMember.theme_id == Theme.id,
        Submission.id == ThemeMember.submission_id,
        *publication.publishable_conditions(),
    )


def themes_with_outcome(
    session: Session, consultation_id: int | None, after_id: int | None, size: int
) -> list[PublicTheme]:
    """Themes (not dismissed) with an outcome and at least one publishable comment, in id
    order from after `after_id`, `size` + 1 of them (the extra one says whether another page
    follows); of one consultation when given. Each with its outcomes, pillar and consultation
    loaded."""
    stmt = select(Theme).where(
        Theme.dismissed.is_(False), Theme.outcomes.any(), _published_member()
    )
    if consultation_id is not None:
        stmt = stmt.where(Theme.consultation_id == consultation_id)
    if after_id is not None:
        stmt = stmt.where(Theme.id > after_id)
    stmt = (
        stmt.options(
            selectinload(Theme.outcomes),
            selectinload(Theme.pillar),
            selectinload(Theme.consultation),
        )
        .order_by(Theme.id)
        .limit(size + 1)
    )
    return _public(session, list(session.scalars(stmt)))


def published_ids_by_theme(session: Session, theme_ids: Collection[int]) -> dict[int, list[str]]:
    """Per theme, the public ids of its publishable comments, oldest first. Nothing else of a
    theme's comments is public."""
    found: dict[int, list[str]] = {theme_id: [] for theme_id in theme_ids}
    if not theme_ids:
        return found
    stmt = (
        select(ThemeMember.theme_id, Submission.public_id)
        .join(Submission, Submission.id == ThemeMember.submission_id)
        .where(ThemeMember.theme_id.in_(sorted(theme_ids)), *publication.publishable_conditions())
        .order_by(ThemeMember.theme_id, Submission.id)
    )
    for theme_id, public_id in session.execute(stmt).tuples():
        found[theme_id].append(public_id)
    return found
