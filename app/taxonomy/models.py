"""The taxonomy a consultation is tagged with, and the consultation itself."""

from __future__ import annotations

from datetime import datetime
from itertools import chain
from typing import Any

from flask import g, has_request_context
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    event,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.db import Model, UTCDateTime, table_of, utcnow
from app.taxonomy.markdown import plain_text, render_markdown

# What a consultation offers on its form. None chosen (older or seeded consultations) means
# every active pillar and topic is offered; the admin page shows that offer ticked and, sent
# back unchanged, leaves the links as they are.
consultation_pillars = Table(
    "consultation_pillars",
    Model.metadata,
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True),
    Column("pillar_id", ForeignKey("pillars.id"), primary_key=True, index=True),
)
consultation_topics = Table(
    "consultation_topics",
    Model.metadata,
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id"), primary_key=True, index=True),
)


class Consultation(Model):
    """A call for input, open between `opens_at` and `closes_at` (both stored in UTC and shown
    in `timezone`)."""

    __tablename__ = "consultations"
    __table_args__ = (CheckConstraint("closes_at > opens_at", name="window_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title_en: Mapped[str] = mapped_column(String(300))
    title_es: Mapped[str] = mapped_column(String(300))
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="America/Mexico_City")
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    pillars: Mapped[list[Pillar]] = relationship(
        secondary=consultation_pillars, order_by="Pillar.position"
    )
    topics: Mapped[list[Topic]] = relationship(
        secondary=consultation_topics, order_by="Topic.position"
    )
    sector_intros: Mapped[list[SectorIntro]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan"
    )

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.archived_at is None and self.opens_at <= now < self.closes_at

    def description_html(self, lang: str) -> str:
        """The description (Markdown) in `lang`, falling back to the other language, as
        sanitised HTML safe to put in a page."""
        other = "es" if lang == "en" else "en"
        text = getattr(self, f"description_{lang}") or getattr(self, f"description_{other}")
        return render_markdown(text or "")

    def description_text(self, lang: str) -> str:
        """The description without its Markdown markup, for summaries."""
        return plain_text(self.description_html(lang))

    def __repr__(self) -> str:
        return f"<Consultation {self.slug}>"


class Pillar(Model):
    __tablename__ = "pillars"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(200))
    name_es: Mapped[str] = mapped_column(String(200))
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_es: Mapped[str] = mapped_column(Text, default="")
    # Retired pillars stay on old submissions; the form just stops offering them.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    topics: Mapped[list[Topic]] = relationship(back_populates="pillar", order_by="Topic.position")

    def __repr__(self) -> str:
        return f"<Pillar {self.code}>"


class Topic(Model):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    pillar_id: Mapped[int] = mapped_column(ForeignKey("pillars.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(200))
    name_es: Mapped[str] = mapped_column(String(200))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    pillar: Mapped[Pillar] = relationship(back_populates="topics")

    def __repr__(self) -> str:
        return f"<Topic {self.code}>"


class Sector(Model):
    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(200))
    name_es: Mapped[str] = mapped_column(String(200))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"<Sector {self.code}>"


class SectorIntro(Model):
    """A consultation's optional words to one sector, in both languages."""

    __tablename__ = "consultation_sector_intros"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), primary_key=True, index=True)
    intro_en: Mapped[str] = mapped_column(Text)
    intro_es: Mapped[str] = mapped_column(Text)

    consultation: Mapped[Consultation] = relationship(back_populates="sector_intros")
    sector: Mapped[Sector] = relationship(lazy="joined")


class Country(Model):
    """ISO 3166-1 alpha-2 countries offered on the form."""

    __tablename__ = "countries"
    __table_args__ = (CheckConstraint("length(code) = 2", name="code_length"),)

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(100))
    name_es: Mapped[str] = mapped_column(String(100))

    regions: Mapped[list[Region]] = relationship(back_populates="country", order_by="Region.code")


class Region(Model):
    """ISO 3166-2 subdivisions: U.S. states and DC, Mexico's federal entities."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_es: Mapped[str] = mapped_column(String(100))

    country: Mapped[Country] = relationship(back_populates="regions")


class TaxonomyRevision(Model):
    """One row whose number moves on in the same transaction as every change to the rows
    choices are built from (pillars, topics, sectors, countries, regions) made through the
    ORM's unit of work, whoever makes it: the admin pages, `flask seed`, a shell. Per-process
    caches of those choices compare it (one cheap read) to know when to rebuild."""

    __tablename__ = "taxonomy_revision"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(BigInteger, default=0)


REVISED_BY = (Pillar, Topic, Sector, Country, Region)


@event.listens_for(Session, "before_flush")
def _bump_taxonomy_revision(session: Session, _context: Any, _instances: Any) -> None:
    changed = chain(
        session.new,
        session.deleted,
        (row for row in session.dirty if session.is_modified(row, include_collections=False)),
    )
    if not any(isinstance(row, REVISED_BY) for row in changed):
        return
    # An upsert rather than an UPDATE: the row is there after `db upgrade`, but a table
    # emptied by hand (or between tests) must not silence every later change.
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = table_of(TaxonomyRevision)
    statement = insert(table).values(id=1, revision=1)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[table.c.id], set_={"revision": table.c.revision + 1}
        )
    )
    if has_request_context():  # the request's remembered stamp (taxonomy_stamp) is past
        g.pop("taxonomy_stamp", None)


class Organization(Model):
    """A verified organisation, listed by an administrator with its e-mail domains: a comment
    whose confirmed address is at one of them is marked verified with it
    (app.intake.confirmation)."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_es: Mapped[str] = mapped_column(String(200))
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), index=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    sector: Mapped[Sector] = relationship(lazy="joined")
    country: Mapped[Country] = relationship(lazy="joined")
    domains: Mapped[list[OrganizationDomain]] = relationship(
        back_populates="organization",
        cascade="all, delete-orphan",
        order_by="OrganizationDomain.domain",
        lazy="selectin",
    )

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name_en}>"


class OrganizationDomain(Model):
    """One e-mail domain of an organisation, normalised (app.text.normalise_domain): unique
    across every organisation, so an address verifies for one organisation at most."""

    __tablename__ = "organization_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    domain: Mapped[str] = mapped_column(String(253), unique=True)

    organization: Mapped[Organization] = relationship(back_populates="domains")
