"""A demo meeting with approved comments, for sample packets and the packet benchmark.

Deterministic (a seeded random generator): the same call builds the same meeting, so sample
packets can be rebuilt and compared. Needs the seeded HLED taxonomy and consultation.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda.models import AgendaEntry, AgendaItem, Meeting
from app.campaigns.models import Campaign
from app.db import utcnow
from app.enums import Consent, Language, MeetingLevel, SubmissionStatus
from app.intake.models import Submission
from app.taxonomy.models import Consultation, Pillar, Region, Sector

SUMMARIES = {
    "building_back_together": (
        "Participants ask for faster, more predictable border crossings and for joint work on "
        "semiconductor and medical supply chains. Several propose shared regulatory pilots.",
        "Las y los participantes piden cruces fronterizos más ágiles y previsibles, y trabajo "
        "conjunto en las cadenas de suministro de semiconductores y de insumos médicos. Varios "
        "proponen pilotos regulatorios compartidos.",
    ),
    "southern_mexico_central_america": (
        "Comments stress investment in southern Mexico's infrastructure, support for small "
        "farmers and programmes that give young people reasons to stay in their communities.",
        "Los comentarios subrayan la inversión en infraestructura del sur de México, el apoyo "
        "a pequeños productores y programas que den a las y los jóvenes razones para quedarse "
        "en sus comunidades.",
    ),
    "securing_tools_future_prosperity": (
        "Stakeholders want compatible rules for data, 5G and cybersecurity, and joint "
        "exercises to protect critical infrastructure.",
        "Las partes interesadas buscan reglas compatibles en datos, 5G y ciberseguridad, así "
        "como ejercicios conjuntos para proteger la infraestructura crítica.",
    ),
    "investing_in_our_people": (
        "Universities and state governments propose exchanges, dual training and mutual "
        "recognition of technical certificates.",
        "Universidades y gobiernos estatales proponen intercambios, formación dual y el "
        "reconocimiento mutuo de certificados técnicos.",
    ),
}

COMMENTS = {
    "building_back_together": [
        (
            "es",
            "Carriles FAST para carga de semiconductores",
            "Proponemos habilitar carriles exclusivos para carga certificada de semiconductores en "
            "los cruces de Nuevo Laredo y Colombia, con inspección conjunta.\n\nEsto reduciría los "
            "tiempos de espera de seis horas a menos de una y daría certidumbre a la inversión.",
        ),
        (
            "en",
            "Mutual recognition for medical devices",
            "A mutual recognition pilot between COFEPRIS and the FDA for class II medical devices "
            "would cut approval times and keep production in North America.\n\nWe suggest starting "
            "with sterile single-use products, where both regulators already share standards.",
        ),
        (
            "es",
            "Parques industriales cerca de la frontera",
            "Los parques industriales de Chihuahua necesitan agua, energía y vías férreas para "
            "recibir a las empresas que se relocalizan desde Asia. Pedimos un fondo binacional de "
            "infraestructura.",
        ),
        (
            "en",
            "Single window for customs data",
            "Exporters still submit the same shipment data several times. A single electronic "
            "window shared by both customs services would save time and reduce errors.",
        ),
    ],
    "southern_mexico_central_america": [
        (
            "es",
            "Caminos rurales en Chiapas",
            "Las comunidades cafetaleras de la Sierra Madre de Chiapas pierden hasta un tercio de "
            "la cosecha por caminos intransitables en temporada de lluvias.\n\nUn programa de "
            "caminos rurales con mano de obra local generaría empleo y mejores precios.",
        ),
        (
            "es",
            "Crédito para pequeños productores",
            "Solicitamos líneas de crédito con tasas accesibles para cooperativas de pequeños "
            "productores de cacao y miel en Tabasco y Campeche, con asistencia técnica.",
        ),
        (
            "en",
            "Youth employment in Central America",
            "Apprenticeship programmes tied to companies that source from Guatemala and Honduras "
            "would give young people a reason to stay. We offer our network of 40 employers.",
        ),
        (
            "es",
            "Energía solar para escuelas rurales",
            "Muchas escuelas rurales de Oaxaca no tienen electricidad confiable. Paneles solares y "
            "conectividad permitirían clases en línea y cursos técnicos por la tarde.",
        ),
    ],
    "securing_tools_future_prosperity": [
        (
            "en",
            "Joint cyber exercises for utilities",
            "Electric and water utilities on both sides of the border share risks. We propose an "
            "annual joint cybersecurity exercise with incident-sharing protocols.",
        ),
        (
            "es",
            "Compatibilidad regulatoria en 5G",
            "Las bandas de espectro para 5G deben armonizarse en la franja fronteriza para evitar "
            "interferencias y permitir servicios continuos a ambos lados.",
        ),
        (
            "en",
            "Data flows for small exporters",
            "Small firms need clear rules for moving customer data across the border. A short "
            "guide agreed by both governments would help more than new regulation.",
        ),
        (
            "es",
            "Centros de datos en el Bajío",
            "El Bajío puede albergar centros de datos si se garantiza energía limpia y agua "
            "tratada. Proponemos incentivos condicionados a eficiencia energética.",
        ),
    ],
    "investing_in_our_people": [
        (
            "es",
            "Formación dual en electromovilidad",
            "Proponemos un programa de formación dual entre universidades tecnológicas de "
            "Coahuila y plantas automotrices, con certificados reconocidos en ambos países.",
        ),
        (
            "en",
            "Reciprocal recognition of technical certificates",
            "Technicians trained in Texas and Nuevo León should have their certificates "
            "recognised on both sides. Start with welding and industrial maintenance.",
        ),
        (
            "es",
            "Becas para ingenierías",
            "Un fondo binacional de becas para mujeres en ingenierías ampliaría la base de "
            "talento que requieren los semiconductores y la industria aeroespacial.",
        ),
        (
            "en",
            "Exchange programme for teachers",
            "Short exchanges for vocational teachers would spread good practice quickly. Our "
            "college can host twenty teachers from Mexico each summer.",
        ),
    ],
}

ORGANIZATIONS = [
    "Cámara de Comercio de Nuevo Laredo",
    "Texas Border Business Council",
    "Universidad Autónoma de Chihuahua",
    "Red de Cooperativas Cafetaleras de Chiapas",
    "Arizona Manufacturers Association",
    "Secretaría de Desarrollo Económico de Coahuila",
    "Instituto Tecnológico de Oaxaca",
    "Border Health Alliance",
    "Consejo Empresarial del Bajío",
    "El Paso Community College",
    "Fundación Juventud Sur",
    "Semiconductor Supply Coalition",
]
NAMES = [
    "María Fernanda Garza", "John Whitaker", "Luis Pérez Ortega", "Ana Sofía Martínez",
    "Robert Chen", "Guadalupe Hernández", "Emily Davis", "Jorge Ramírez", "Patricia Núñez",
    "Carlos Ibáñez", "Sarah Thompson", "Verónica Castillo",
]  # fmt: skip
REGIONS = [
    "MX-NLE", "MX-CHH", "MX-CHP", "MX-OAX", "MX-COA", "MX-TAB", "MX-GUA", "MX-CMX",
    "US-TX", "US-AZ", "US-CA", "US-NM",
]  # fmt: skip
CAMPAIGN_TEXT = (
    "es",
    "Agua para la industria y las comunidades",
    "Las y los abajo firmantes pedimos que el Diálogo incluya un plan binacional de agua para "
    "la frontera norte: sin agua no habrá relocalización de empresas ni bienestar para las "
    "comunidades.\n\nSolicitamos metas concretas y un calendario público.",
)


def seed_demo_meeting(
    session: Session,
    comments: int = 40,
    seed: int = 2026,
    campaign_members: int = 5,
    level: MeetingLevel = MeetingLevel.CABINET,
) -> Meeting:
    """A meeting of the seeded consultation with `comments` approved comments placed on its
    agenda (one item per pillar), a form-letter campaign, one excluded and one comment that
    asked not to be published. Flushes; the caller commits."""
    rng = random.Random(seed)  # noqa: S311 (demo data, reproducible on purpose)  # nosec B311
    consultation = session.scalars(select(Consultation).order_by(Consultation.id)).first()
    if consultation is None:
        raise LookupError("seed the taxonomy and consultation first (flask seed)")
    pillars = list(session.scalars(select(Pillar).order_by(Pillar.position)))
    sectors = list(session.scalars(select(Sector).order_by(Sector.position)))
    regions = {r.code: r for r in session.scalars(select(Region).where(Region.code.in_(REGIONS)))}

    meeting = Meeting(
        title_en="High-Level Economic Dialogue: Cabinet Meeting",
        title_es="Diálogo Económico de Alto Nivel: Reunión de Gabinete",
        level=level,
        meeting_date=date(2026, 12, 10),
        place_en="Mexico City",
        place_es="Ciudad de México",
    )
    meeting.consultations.append(consultation)
    session.add(meeting)
    items = {}
    for position, pillar in enumerate(pillars, start=1):
        summary_en, summary_es = SUMMARIES.get(pillar.code, ("", ""))
        item = AgendaItem(
            position=position,
            pillar=pillar,
            title_en=pillar.name_en,
            title_es=pillar.name_es,
            summary_en=summary_en,
            summary_es=summary_es,
        )
        meeting.items.append(item)
        items[pillar.code] = item
    session.flush()

    now = utcnow()
    placed = 0
    positions: dict[int, int] = {}

    def add(
        pillar: Pillar, lang: str, title: str, body: str, consent: Consent, **extra: Any
    ) -> tuple[Submission, AgendaEntry]:
        nonlocal placed
        region = regions[rng.choice(REGIONS)]
        named = rng.randrange(len(NAMES))
        submission = Submission(
            tracking_code=f"HLED-{rng.randrange(16**4):04X}-{placed:04X}",
            consultation=consultation,
            sector=rng.choice(sectors),
            organization=rng.choice([*ORGANIZATIONS, None]),
            submitter_name=NAMES[named],
            email=f"person{placed}@example.org",
            country_code=region.country_code,
            region_code=region.code,
            primary_pillar=pillar,
            title=title,
            body=body,
            page_language=Language(lang),
            detected_language=lang,
            consent=consent,
            status=SubmissionStatus.APPROVED,
            created_at=now - timedelta(days=rng.randrange(1, 40), minutes=placed),
            decided_at=now,
            **extra,
        )
        session.add(submission)
        item = items[pillar.code]
        positions[item.id] = positions.get(item.id, 0) + 1
        entry = AgendaEntry(
            meeting_id=meeting.id,
            item=item,
            submission=submission,
            position=positions[item.id],
        )
        session.add(entry)
        placed += 1
        return submission, entry

    regular = max(comments - campaign_members, 0)
    for index in range(regular):
        pillar = pillars[index % len(pillars)]
        bank = COMMENTS.get(pillar.code) or COMMENTS["building_back_together"]
        lang, title, body = bank[(index // len(pillars)) % len(bank)]
        if index >= len(pillars) * len(bank):
            title = f"{title} ({index // (len(pillars) * len(bank)) + 1})"
        consent = rng.choices([Consent.NAMED, Consent.ANONYMOUS, Consent.NONE], weights=[6, 3, 1])[
            0
        ]
        _sub, entry = add(pillar, lang, title, body, consent)
        if index == 1:
            entry.pinned = True
        if index == 6:
            entry.excluded = True
            entry.item = None

    if campaign_members:
        campaign = Campaign()
        session.add(campaign)
        session.flush()
        lang, title, body = CAMPAIGN_TEXT
        for number in range(campaign_members):
            consent = Consent.ANONYMOUS if number % 3 == 2 else Consent.NAMED
            sub, _entry = add(pillars[0], lang, title, body, consent, campaign_id=campaign.id)
            if number == 0:
                session.flush()
                campaign.representative_submission_id = sub.id
    session.flush()
    return meeting
