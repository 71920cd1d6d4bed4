"""Letters for the campaign tests: one form letter in English and Spanish, copies of it with
the edits people make, and different comments on the same topic."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.campaigns.services import detect
from app.db import db
from app.models import Submission
from tests import factories

LETTER_EN = """Dear members of the Dialogue,

We urge both governments to expand the commercial inspection lanes at the Laredo bridges and
to fund binational customs data sharing before 2027. Trucks carrying semiconductors wait for
hours every day, and exporters in Nuevo León lose contracts because of it.

Small businesses on both sides of the border depend on predictable crossings. Please set clear
targets for wait times and report on them every quarter.

Sincerely,
Ana López
Border Trade Alliance"""

# The same letter sent by someone else: another greeting and signature, one sentence added,
# the paragraphs swapped and two typos.
NEAR_COPY_EN = """Hello,

Small businesses on both sides of the border depend on predictable crossings. Please set clear
targets for wait tmes and report on them every quarter.

We urge both governments to expand the commercial inspection lanes at the Laredo bridges and
to fund binational customs data sharing before 2027. Trucks carrying semiconductors wait for
hours every day, and exporters in Nuevo León lose contracts because of it. My own business in
Reynosa depends on this.

Best regards,
Michael Brown"""

LETTER_ES = """Estimada Secretaria:

Pedimos a ambos gobiernos ampliar los carriles de inspección comercial en los puentes de
Laredo y financiar el intercambio binacional de datos aduaneros antes de 2027. Los camiones
que transportan semiconductores esperan horas todos los días y los exportadores de Nuevo León
pierden contratos por ello.

Las pequeñas empresas de ambos lados de la frontera dependen de cruces predecibles. Les
pedimos fijar metas claras de tiempos de espera e informar cada trimestre.

Atentamente,
Juan Pérez"""

# The Spanish letter with an English greeting and sign-off, accents lost.
SPANISH_COPY_WITH_ENGLISH_GREETING = """Dear Secretary,

Pedimos a ambos gobiernos ampliar los carriles de inspeccion comercial en los puentes de
Laredo y financiar el intercambio binacional de datos aduaneros antes de 2027. Los camiones
que transportan semiconductores esperan horas todos los dias y los exportadores de Nuevo Leon
pierden contratos por ello.

Las pequenas empresas de ambos lados de la frontera dependen de cruces predecibles. Les
pedimos fijar metas claras de tiempos de espera e informar cada trimestre.

Thank you,
Guadalupe Ramírez, Coparmex Jalisco"""

# Different comments on the same topic, with many of the same words.
SAME_TOPIC_EN = [
    """The Laredo bridges need more customs officers, not more lanes. Inspection lanes sit
closed for hours because there is nobody to staff them, and exporters in Nuevo León know it.
Fund the people first and measure wait times every month.""",
    """Binational customs data sharing is the cheapest way to shorten wait times at the border.
If trucks carrying semiconductors were pre-cleared before they reach Laredo, small businesses
would save hours on every crossing. Please pilot it before 2027.""",
]


def add(app: Flask, body: str, **overrides) -> int:
    """Store a submission as intake does (flushed, then detection) and commit; its id."""
    with app.app_context():
        row = factories.submission(db.session, body=body, **overrides)
        detect(db.session, row)
        db.session.commit()
        return row.id


def campaign_of(app: Flask, submission_id: int) -> int | None:
    with app.app_context():
        return db.session.scalar(
            select(Submission.campaign_id).where(Submission.id == submission_id)
        )
