"""A small corpus for the export and feed tests: every consent, status and hostile title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from app.db import db, utcnow
from app.enums import Consent, Language, SubmissionStatus
from app.models import Attachment, Campaign, Pillar, Sector, Topic
from tests import factories

APPROVED = SubmissionStatus.APPROVED


@dataclass
class Corpus:
    named: str
    anonymous: str
    unconsented: str
    pending: str
    hostile: str
    redacted: str
    english: str


def build_corpus(app: Flask) -> Corpus:
    """Tracking codes of: approved named (accents, topics, an attachment, in a campaign),
    approved anonymous, approved without consent, pending, approved with formulas everywhere,
    approved and redacted, approved English in another pillar and sector (same campaign)."""
    with app.app_context():
        s = db.session
        pillars = list(s.scalars(select(Pillar).order_by(Pillar.position)))
        sectors = list(s.scalars(select(Sector).order_by(Sector.position)))
        topics = {t.code: t for t in s.scalars(select(Topic))}
        campaign = Campaign()
        s.add(campaign)
        s.flush()
        start = utcnow() - timedelta(days=2)

        def make(minutes: int, **values):  # noqa: ANN202
            row = factories.submission(s, created_at=start + timedelta(minutes=minutes), **values)
            return row.tracking_code

        named = factories.submission(
            s, status=APPROVED, organization="Cámara de Comercio de Nuevo León",
            submitter_name="Ana López Muñoz", email="ana@example.org",
            title="Educación técnica en Nuevo León",
            body="Año tras año, la formación dual crece. ¿Señales? ¡Sí!",
            topics=[topics["semiconductors"], topics["supply_chain_resilience"]],
            secondary_pillar=pillars[1], campaign_id=campaign.id, detected_language="es",
            created_at=start, decided_at=start + timedelta(hours=1),
        )  # fmt: skip
        s.add(Attachment(submission=named, original_name="propuesta.pdf",
                         content_type="application/pdf", size_bytes=10, sha256="a" * 64,
                         storage_key="a" * 64))  # fmt: skip
        corpus = Corpus(
            named=named.tracking_code,
            anonymous=make(1, status=APPROVED, consent=Consent.ANONYMOUS,
                           organization="Organización Discreta", submitter_name="Bruno Oculto",
                           email="bruno@example.org", title="Comentario anónimo",
                           detected_language="es"),  # fmt: skip
            unconsented=make(2, status=APPROVED, consent=Consent.NONE,
                             submitter_name="Carla Privada", email="carla@example.org",
                             title="No publicar esto", detected_language="es"),  # fmt: skip
            pending=make(3, title="Todavía pendiente", email="dana@example.org"),
            hostile=make(4, status=APPROVED, title="=1+1", body='=HYPERLINK("http://x","y")',
                         organization="+SUM(A1:A9)", submitter_name="@cmd",
                         email="eve@example.org", detected_language="es"),  # fmt: skip
            redacted=make(5, status=APPROVED, title="Título con datos 555-1234",
                          public_title="Título público", body="Escríbame a privado@example.org",
                          public_body="Escríbame a [correo retirado]", email="fer@example.org",
                          detected_language="es"),  # fmt: skip
            english=make(6, status=APPROVED, title="Border crossings", body="-Faster cargo.",
                         page_language=Language.EN, detected_language="en",
                         primary_pillar=pillars[2], sector=sectors[1], submitter_name="Gil Ray",
                         email="gil@example.org", campaign_id=campaign.id, organization=None),
        )  # fmt: skip
        s.commit()
        return corpus
