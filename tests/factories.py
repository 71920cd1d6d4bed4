"""Builders for test objects: each returns a flushed row with sensible defaults, overridable
by keyword."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.enums import Consent, Language, SubmissionStatus
from app.models import Consultation, Country, Pillar, Sector, Submission


def consultation(session: Session, **overrides: Any) -> Consultation:
    now = utcnow()
    values: dict[str, Any] = {
        "slug": f"test-{secrets.token_hex(3)}",
        "title_en": "Test consultation",
        "title_es": "Consulta de prueba",
        "description_en": "A consultation made by a test.",
        "description_es": "Una consulta creada por una prueba.",
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "timezone": "America/Mexico_City",
    }
    values.update(overrides)
    row = Consultation(**values)
    session.add(row)
    session.flush()
    return row


def submission(session: Session, **overrides: Any) -> Submission:
    """Needs the seeded taxonomy (the `seeded` fixture)."""
    values: dict[str, Any] = {
        "tracking_code": f"HLED-{secrets.token_hex(2).upper()}-{secrets.token_hex(2).upper()}",
        "consultation": overrides.pop("consultation", None)
        or session.scalars(select(Consultation)).first(),
        "sector": session.scalars(select(Sector).order_by(Sector.position)).first(),
        "submitter_name": "Ana López",
        "email": "ana@example.org",
        "country": session.get(Country, "MX"),
        "region_code": "MX-NLE",
        "primary_pillar": session.scalars(select(Pillar).order_by(Pillar.position)).first(),
        "title": "Cadena de suministro",
        "body": "Proponemos fortalecer la cadena de suministro de semiconductores.",
        "page_language": Language.ES,
        "consent": Consent.NAMED,
        "status": SubmissionStatus.PENDING,
    }
    values.update(overrides)
    row = Submission(**values)
    session.add(row)
    session.flush()
    return row
