"""Reads of the taxonomy and consultations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from flask import current_app, g, has_request_context
from sqlalchemy import bindparam, literal, select, text, union_all
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from app.db import utcnow
from app.taxonomy.models import (
    Consultation,
    Country,
    Organization,
    OrganizationDomain,
    Pillar,
    Sector,
    TaxonomyRevision,
    Topic,
    consultation_pillars,
    consultation_topics,
)
from app.text import email_domain

T = TypeVar("T")


def database_reachable(session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        session.rollback()
        return False
    return True


# The statements read on every public page, built once: constructing a select() and
# computing its cache key cost about as much CPU as running it on SQLite (cProfile of `/es/`);
# a statement object keeps its cache key, so only the parameters change per request.
_OPEN_CONSULTATIONS = (
    select(Consultation)
    .where(
        Consultation.archived_at.is_(None),
        Consultation.opens_at <= bindparam("now"),
        Consultation.closes_at > bindparam("now"),
    )
    .order_by(Consultation.closes_at, Consultation.id)
)
_CONSULTATION_BY_SLUG = select(Consultation).where(Consultation.slug == bindparam("slug"))


def open_consultations(session: Session, now: datetime | None = None) -> list[Consultation]:
    return list(session.scalars(_OPEN_CONSULTATIONS, {"now": now or utcnow()}))


def consultation_by_slug(session: Session, slug: str) -> Consultation | None:
    return session.scalar(_CONSULTATION_BY_SLUG, {"slug": slug})


def active_pillars(session: Session) -> list[Pillar]:
    stmt = (
        select(Pillar)
        .where(Pillar.retired_at.is_(None))
        .options(selectinload(Pillar.topics))
        .order_by(Pillar.position)
    )
    return list(session.scalars(stmt))


def active_sectors(session: Session) -> list[Sector]:
    stmt = select(Sector).where(Sector.retired_at.is_(None)).order_by(Sector.position)
    return list(session.scalars(stmt))


def taxonomy_stamp(session: Session) -> int:
    """Moves on with every change to pillars, topics, sectors, countries and regions (see
    TaxonomyRevision). One round trip, for caches of choices; once per request (a public
    list checks both its filters' cache and the taxonomy's names: on a busy PostgreSQL each
    round trip cost several milliseconds)."""
    if has_request_context() and "taxonomy_stamp" in g:
        return int(g.taxonomy_stamp)
    stamp = session.scalar(select(TaxonomyRevision.revision).where(TaxonomyRevision.id == 1))
    if has_request_context():
        g.taxonomy_stamp = stamp or 0
    return stamp or 0


def countries_with_regions(session: Session) -> list[Country]:
    stmt = select(Country).options(selectinload(Country.regions)).order_by(Country.position)
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class OfferedTopic:
    """A plain copy of an offered, active Topic: it outlives the session that read it (forms
    keep their options across requests; a commit would expire ORM rows)."""

    id: int
    code: str
    name_en: str
    name_es: str
    retired_at: None = None


@dataclass(frozen=True)
class OfferedPillar:
    """A pillar as one consultation's form offers it: only its offered, active topics."""

    id: int
    code: str
    name_en: str
    name_es: str
    description_en: str
    description_es: str
    topics: tuple[OfferedTopic, ...]


def _offered_ids(session: Session, consultation_id: int) -> tuple[set[int], set[int]]:
    """The pillar and topic ids a consultation names, in one round trip (every public page
    of a consultation asks)."""
    rows = session.execute(
        union_all(
            select(literal("p"), consultation_pillars.c.pillar_id).where(
                consultation_pillars.c.consultation_id == consultation_id
            ),
            select(literal("t"), consultation_topics.c.topic_id).where(
                consultation_topics.c.consultation_id == consultation_id
            ),
        )
    ).all()
    return {i for kind, i in rows if kind == "p"}, {i for kind, i in rows if kind == "t"}


OfferVersion = tuple[int, frozenset[int], frozenset[int]]
_OFFER_VERSION = union_all(  # built once, like _OPEN_CONSULTATIONS
    select(literal("r"), TaxonomyRevision.revision).where(TaxonomyRevision.id == 1),
    select(literal("p"), consultation_pillars.c.pillar_id).where(
        consultation_pillars.c.consultation_id == bindparam("consultation_id")
    ),
    select(literal("t"), consultation_topics.c.topic_id).where(
        consultation_topics.c.consultation_id == bindparam("consultation_id")
    ),
)


def offer_version(session: Session, consultation_id: int) -> OfferVersion:
    """What a consultation's form offers depends on: the taxonomy's revision and the pillar
    and topic ids the consultation names, in one round trip (for per-process caches of the
    form's options, which compare it on every request)."""
    rows = session.execute(_OFFER_VERSION, {"consultation_id": consultation_id}).all()
    stamp = next((value for kind, value in rows if kind == "r"), 0)
    return (
        stamp,
        frozenset(i for kind, i in rows if kind == "p"),
        frozenset(i for kind, i in rows if kind == "t"),
    )


def offered_pillars(session: Session, consultation: Consultation) -> list[OfferedPillar]:
    """The active pillars and topics a consultation offers, in order. A consultation that
    names no pillars (one created before they could be chosen) offers every active one with
    all its active topics; retired ones are never offered."""
    chosen_pillars, chosen_topics = _offered_ids(session, consultation.id)
    offered = []
    for pillar in active_pillars(session):
        if chosen_pillars and pillar.id not in chosen_pillars:
            continue
        topics = tuple(
            OfferedTopic(t.id, t.code, t.name_en, t.name_es)
            for t in pillar.topics
            if t.retired_at is None and (not chosen_pillars or t.id in chosen_topics)
        )
        offered.append(
            OfferedPillar(
                id=pillar.id,
                code=pillar.code,
                name_en=pillar.name_en,
                name_es=pillar.name_es,
                description_en=pillar.description_en,
                description_es=pillar.description_es,
                topics=topics,
            )
        )
    return offered


def all_pillars(session: Session) -> list[Pillar]:
    """Every pillar with every topic, retired ones included (the administration pages)."""
    stmt = select(Pillar).options(selectinload(Pillar.topics)).order_by(Pillar.position, Pillar.id)
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class PillarName:
    """A plain copy of a pillar's code and names (retired ones too), as localized() reads
    them: outlives the session that read it, for per-process caches."""

    id: int
    code: str
    name_en: str
    name_es: str


def _kept(session: Session, name: str, build: Callable[[], T]) -> T:
    """`build()`, kept per process until the taxonomy changes (taxonomy_stamp)."""
    cache = current_app.extensions.setdefault(f"consulta.{name}", {})
    stamp = taxonomy_stamp(session)
    found = cache.get(stamp)
    if found is None:
        found = build()
        cache.clear()
        cache[stamp] = found
    return found  # type: ignore[no-any-return]


def pillars_in_order(session: Session) -> tuple[PillarName, ...]:
    """Every pillar, retired ones included, in their order; read once per taxonomy version
    per process (the public list names its counts' pillars on every request)."""

    def build() -> tuple[PillarName, ...]:
        rows = session.scalars(select(Pillar).order_by(Pillar.position, Pillar.id))
        return tuple(PillarName(p.id, p.code, p.name_en, p.name_es) for p in rows)

    return _kept(session, "pillars_in_order", build)


def topic_codes(session: Session) -> dict[int, str]:
    """Every topic's code by id, retired ones included; read once per taxonomy version per
    process (the API names each comment's topics by code)."""
    return _kept(
        session,
        "topic_codes",
        lambda: dict(session.execute(select(Topic.id, Topic.code)).tuples().all()),
    )


def all_sectors(session: Session) -> list[Sector]:
    return list(session.scalars(select(Sector).order_by(Sector.position, Sector.id)))


def all_consultations(session: Session) -> list[Consultation]:
    """Newest window first; archived ones last."""
    stmt = select(Consultation).order_by(
        Consultation.archived_at.is_not(None), Consultation.opens_at.desc(), Consultation.id
    )
    return list(session.scalars(stmt))


def all_organizations(session: Session) -> list[Organization]:
    return list(session.scalars(select(Organization).order_by(Organization.name_en)))


def organization_for_email(session: Session, address: str | None) -> Organization | None:
    """The listed organisation an address belongs to: its domain, or the nearest listed
    domain it is a subdomain of ("mail.sonora.gob.mx" belongs to "sonora.gob.mx"). Callers
    ask only of a confirmed address (app.intake.confirmation)."""
    host = email_domain(address)
    if host is None:
        return None
    labels = host.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    stmt = select(OrganizationDomain).where(OrganizationDomain.domain.in_(candidates))
    found = list(session.scalars(stmt))
    if not found:
        return None
    return max(found, key=lambda d: len(d.domain)).organization
