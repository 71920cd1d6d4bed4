"""Reads for the theme pages: each consultation's themes by pillar and support, one theme's
breakdown by sector and country, and its comments a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from app.intake.models import Submission
from app.taxonomy.models import Consultation, Country, Pillar, Sector
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


def by_sector(session: Session, theme_id: int) -> list[tuple[Sector, int]]:
    return [
        (sector, count)
        for sector, count in session.execute(
            select(Sector, func.count())
            .join(Submission, Submission.sector_id == Sector.id)
            .join(ThemeMember, ThemeMember.submission_id == Submission.id)
            .where(ThemeMember.theme_id == theme_id)
            .group_by(Sector.id)
            .order_by(func.count().desc(), Sector.position)
        ).tuples()
    ]


def by_country(session: Session, theme_id: int) -> list[tuple[Country, int]]:
    return [
        (country, count)
        for country, count in session.execute(
            select(Country, func.count())
            .join(Submission, Submission.country_code == Country.code)
            .join(ThemeMember, ThemeMember.submission_id == Submission.id)
            .where(ThemeMember.theme_id == theme_id)
            .group_by(Country.code)
            .order_by(func.count().desc(), Country.code)
        ).tuples()
    ]


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
