"""A labelled corpus of consultation comments for measuring campaign detection.

    .venv/bin/python -m benchmarks.corpus sample [--count N] [--seed S]     # print a few
    .venv/bin/python -m benchmarks.corpus load --count N --labels FILE       # into the app's DB
    .venv/bin/python -m benchmarks.corpus evaluate --labels FILE             # precision/recall
    .venv/bin/python -m benchmarks.corpus intake-cost --count N              # ms per detection

The corpus mixes, in English and Spanish, unique comments and copies of form letters on the
same topics. Each campaign is a base letter; every copy gets its own greeting and signature
(another person's name, sometimes an organization, sometimes a greeting in the other
language) and, at random, realistic edits: a personal sentence added, a sentence dropped,
paragraphs reordered, typos, lost accents, case and spacing changes. Unique comments are
written from the same topic vocabulary (sentences built from slot fillers), a few quote one
sentence of a campaign letter, and some campaigns are siblings sharing one paragraph, so
"same topic, same words" is not enough to be merged.

Metrics (``evaluate``), over every comment of the corpus:

- pairwise precision: of the pairs of comments the application put in one campaign, the share
  that are copies of the same letter; pairwise recall: of the pairs of copies of the same
  letter, the share the application put in one campaign. Pairs are what a moderator deciding
  a campaign in bulk acts on, and a wrong merge of two big campaigns costs as many pairs as it
  should.
- false-merge rate: the share of unique comments that the application put in any campaign.
- member recall: the share of copies that sit in the campaign holding most of their letter's
  copies (a split campaign costs its smaller parts).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# --- vocabulary ----------------------------------------------------------------------------------

TOPICS: dict[str, dict[str, dict[str, list[str]]]] = {
    "semiconductors": {
        "en": {
            "object": [
                "semiconductor supply chains",
                "chip packaging plants",
                "wafer testing capacity",
                "advanced packaging facilities",
                "the CHIPS incentives",
                "microelectronics training",
                "clean-room construction permits",
                "the supply of specialty gases",
                "back-end assembly in Jalisco",
                "design centers in Guadalajara",
            ],
            "place": [
                "Jalisco",
                "Arizona",
                "Nuevo León",
                "Texas",
                "Baja California",
                "Chihuahua",
                "Querétaro",
                "New Mexico",
            ],
            "outcome": [
                "plants will move to Asia",
                "shortages will return",
                "investors will wait",
                "thousands of skilled jobs will be lost",
                "lead times will double",
            ],
        },
        "es": {
            "object": [
                "las cadenas de suministro de semiconductores",
                "las plantas de empaquetado de chips",
                "la capacidad de prueba de obleas",
                "el empaquetado avanzado",
                "los incentivos de CHIPS",
                "la formación en microelectrónica",
                "los permisos para salas limpias",
                "el suministro de gases especiales",
                "el ensamble en Jalisco",
                "los centros de diseño de Guadalajara",
            ],
            "place": [
                "Jalisco",
                "Arizona",
                "Nuevo León",
                "Texas",
                "Baja California",
                "Chihuahua",
                "Querétaro",
                "Nuevo México",
            ],
            "outcome": [
                "las plantas se irán a Asia",
                "volverá la escasez",
                "los inversionistas esperarán",
                "se perderán miles de empleos calificados",
                "los tiempos de entrega se duplicarán",
            ],
        },
    },
    "border": {
        "en": {
            "object": [
                "the border crossings",
                "commercial inspection lanes",
                "the Laredo bridges",
                "cargo pre-clearance",
                "rail crossings at Nogales",
                "the Otay Mesa port of entry",
                "customs staffing",
                "truck wait times",
                "binational customs data sharing",
                "the new Santa Teresa crossing",
            ],
            "place": [
                "Laredo",
                "Tijuana",
                "Ciudad Juárez",
                "Nogales",
                "El Paso",
                "Reynosa",
                "Mexicali",
                "San Diego",
            ],
            "outcome": [
                "trucks will keep waiting for hours",
                "exporters will lose contracts",
                "families will keep crossing in unsafe conditions",
                "costs will pass to consumers",
                "the corridor will lose its advantage",
            ],
        },
        "es": {
            "object": [
                "los cruces fronterizos",
                "los carriles de inspección comercial",
                "los puentes de Laredo",
                "el despacho previo de carga",
                "los cruces ferroviarios de Nogales",
                "la garita de Otay Mesa",
                "el personal de aduanas",
                "los tiempos de espera de camiones",
                "el intercambio binacional de datos aduaneros",
                "el nuevo cruce de Santa Teresa",
            ],
            "place": [
                "Laredo",
                "Tijuana",
                "Ciudad Juárez",
                "Nogales",
                "El Paso",
                "Reynosa",
                "Mexicali",
                "San Diego",
            ],
            "outcome": [
                "los camiones seguirán esperando horas",
                "los exportadores perderán contratos",
                "las familias seguirán cruzando en condiciones inseguras",
                "los costos pasarán a los consumidores",
                "el corredor perderá su ventaja",
            ],
        },
    },
    "cyber": {
        "en": {
            "object": [
                "cybersecurity standards",
                "incident reporting rules",
                "the protection of the power grid",
                "ransomware response teams",
                "security training for small firms",
                "binational threat sharing",
                "secure cloud certification",
                "critical infrastructure audits",
                "data protection for citizens",
                "the cybersecurity workforce",
            ],
            "place": ["Mexico City", "Washington", "Monterrey", "Austin", "Puebla", "Atlanta"],
            "outcome": [
                "attacks will keep hitting hospitals",
                "small firms will stay exposed",
                "trust in digital trade will erode",
                "criminals will exploit the gaps",
                "outages will become common",
            ],
        },
        "es": {
            "object": [
                "los estándares de ciberseguridad",
                "las reglas de notificación de incidentes",
                "la protección de la red eléctrica",
                "los equipos de respuesta a ransomware",
                "la capacitación en seguridad para pequeñas empresas",
                "el intercambio binacional de amenazas",
                "la certificación de nube segura",
                "las auditorías de infraestructura crítica",
                "la protección de datos de la ciudadanía",
                "el talento en ciberseguridad",
            ],
            "place": ["Ciudad de México", "Washington", "Monterrey", "Austin", "Puebla", "Atlanta"],
            "outcome": [
                "los ataques seguirán afectando hospitales",
                "las pequeñas empresas seguirán expuestas",
                "la confianza en el comercio digital se erosionará",
                "los delincuentes aprovecharán los huecos",
                "los apagones serán comunes",
            ],
        },
    },
    "workforce": {
        "en": {
            "object": [
                "technical apprenticeships",
                "English and Spanish language training",
                "scholarships for engineering students",
                "the recognition of professional degrees",
                "community college partnerships",
                "dual training programs",
                "teacher exchanges",
                "STEM programs for girls",
                "vocational schools in the south",
                "internships in factories",
            ],
            "place": [
                "Oaxaca",
                "Chiapas",
                "California",
                "Illinois",
                "Yucatán",
                "Sonora",
                "Florida",
            ],
            "outcome": [
                "young people will migrate for lack of work",
                "companies will not find technicians",
                "wages will stagnate",
                "the skills gap will widen",
                "talent will be wasted",
            ],
        },
        "es": {
            "object": [
                "los aprendizajes técnicos",
                "la enseñanza de inglés y español",
                "las becas para estudiantes de ingeniería",
                "el reconocimiento de títulos profesionales",
                "las alianzas con colegios comunitarios",
                "los programas de formación dual",
                "los intercambios de docentes",
                "los programas STEM para niñas",
                "las escuelas técnicas del sur",
                "las prácticas profesionales en fábricas",
            ],
            "place": [
                "Oaxaca",
                "Chiapas",
                "California",
                "Illinois",
                "Yucatán",
                "Sonora",
                "Florida",
            ],
            "outcome": [
                "los jóvenes migrarán por falta de trabajo",
                "las empresas no encontrarán técnicos",
                "los salarios se estancarán",
                "la brecha de habilidades crecerá",
                "se desperdiciará el talento",
            ],
        },
    },
    "energy": {
        "en": {
            "object": [
                "clean energy investment",
                "transmission lines",
                "solar parks in Sonora",
                "lithium processing",
                "electric vehicle supply chains",
                "methane reduction",
                "grid interconnection",
                "green hydrogen pilots",
                "energy efficiency in factories",
                "permits for wind farms",
            ],
            "place": ["Sonora", "Oaxaca", "Texas", "Coahuila", "Baja California", "Arizona"],
            "outcome": [
                "factories will not be able to expand",
                "emissions will keep rising",
                "power prices will climb",
                "investment will go elsewhere",
                "blackouts will continue",
            ],
        },
        "es": {
            "object": [
                "la inversión en energía limpia",
                "las líneas de transmisión",
                "los parques solares de Sonora",
                "el procesamiento de litio",
                "las cadenas de suministro de vehículos eléctricos",
                "la reducción de metano",
                "la interconexión de redes",
                "los pilotos de hidrógeno verde",
                "la eficiencia energética en fábricas",
                "los permisos para parques eólicos",
            ],
            "place": ["Sonora", "Oaxaca", "Texas", "Coahuila", "Baja California", "Arizona"],
            "outcome": [
                "las fábricas no podrán crecer",
                "las emisiones seguirán aumentando",
                "los precios de la luz subirán",
                "la inversión se irá a otro lado",
                "los apagones continuarán",
            ],
        },
    },
    "south": {
        "en": {
            "object": [
                "development in southern Mexico",
                "investment in Central America",
                "the Sembrando Vida program",
                "rural roads in Chiapas",
                "coffee cooperatives",
                "microcredit for women",
                "the Interoceanic Corridor",
                "water systems in rural towns",
                "support for indigenous producers",
                "local health clinics",
            ],
            "place": ["Chiapas", "Guatemala", "Honduras", "Tabasco", "Oaxaca", "El Salvador"],
            "outcome": [
                "forced migration will continue",
                "poverty will deepen",
                "communities will empty",
                "violence will spread",
                "the region will stay behind",
            ],
        },
        "es": {
            "object": [
                "el desarrollo del sur de México",
                "la inversión en Centroamérica",
                "el programa Sembrando Vida",
                "los caminos rurales de Chiapas",
                "las cooperativas de café",
                "el microcrédito para mujeres",
                "el Corredor Interoceánico",
                "los sistemas de agua en pueblos rurales",
                "el apoyo a productores indígenas",
                "las clínicas de salud locales",
            ],
            "place": ["Chiapas", "Guatemala", "Honduras", "Tabasco", "Oaxaca", "El Salvador"],
            "outcome": [
                "la migración forzada continuará",
                "la pobreza se profundizará",
                "las comunidades se vaciarán",
                "la violencia se extenderá",
                "la región seguirá rezagada",
            ],
        },
    },
}

PATTERNS = {
    "en": [
        "{actor} should {verb} {object} before {year}.",
        "We believe that {object} is critical for {who} in {place}.",
        "Our {org} has seen first hand how {object} affects {who} in {place}.",
        "Without real progress on {object}, {outcome}.",
        "We ask the Dialogue to {verb} {object} and to report on it every {period}.",
        "In {place}, {object} {state}, and {outcome} unless something changes.",
        "{actor} must {verb} {object}, because {outcome} otherwise.",
        "The last {period} showed that {object} {state}.",
        "We support the commitment on {object} but it needs {need}.",
        "Please consider {need} for {object} in {place}.",
        "It is time to {verb} {object} with {need}.",
        "{who} in {place} depend on {object} more than ever.",
    ],
    "es": [
        "{actor} debe {verb} {object} antes de {year}.",
        "Creemos que {object} es fundamental para {who} en {place}.",
        "Nuestra {org} ha visto de cerca cómo {object} afecta a {who} en {place}.",
        "Sin avances reales en {object}, {outcome}.",
        "Pedimos al Diálogo {verb} {object} e informar al respecto cada {period}.",
        "En {place}, {object} {state}, y {outcome} si nada cambia.",
        "{actor} tiene que {verb} {object}, porque de lo contrario {outcome}.",
        "El último {period} demostró que {object} {state}.",
        "Apoyamos el compromiso sobre {object}, pero necesita {need}.",
        "Les pedimos considerar {need} para {object} en {place}.",
        "Es momento de {verb} {object} con {need}.",
        "{who} en {place} dependen de {object} más que nunca.",
    ],
}
SLOTS = {
    "en": {
        "actor": [
            "The Dialogue",
            "Both governments",
            "The working group",
            "Congress",
            "The ministries",
            "The United States and Mexico",
            "Each pillar's team",
            "The secretariat",
        ],
        "verb": [
            "expand",
            "fund",
            "strengthen",
            "simplify",
            "prioritize",
            "review",
            "protect",
            "modernize",
            "measure",
            "accelerate",
        ],
        "year": ["2027", "2028", "2030", "the next meeting", "the end of the year"],
        "who": [
            "small businesses",
            "workers",
            "families",
            "students",
            "farmers",
            "exporters",
            "local governments",
            "young people",
            "women entrepreneurs",
        ],
        "org": [
            "association",
            "chamber",
            "university",
            "cooperative",
            "foundation",
            "network",
            "union",
            "company",
        ],
        "period": ["year", "quarter", "six months", "meeting", "decade"],
        "state": [
            "has fallen behind",
            "is underfunded",
            "keeps getting worse",
            "has improved slowly",
            "is stuck in paperwork",
            "lacks coordination",
        ],
        "need": [
            "clear targets",
            "a dedicated budget",
            "public milestones",
            "local participation",
            "binational oversight",
            "independent evaluation",
        ],
    },
    "es": {
        "actor": [
            "El Diálogo",
            "Ambos gobiernos",
            "El grupo de trabajo",
            "El Congreso",
            "Las secretarías",
            "Estados Unidos y México",
            "El equipo de cada pilar",
            "El secretariado",
        ],
        "verb": [
            "ampliar",
            "financiar",
            "fortalecer",
            "simplificar",
            "priorizar",
            "revisar",
            "proteger",
            "modernizar",
            "medir",
            "acelerar",
        ],
        "year": ["2027", "2028", "2030", "la próxima reunión", "fin de año"],
        "who": [
            "las pequeñas empresas",
            "los trabajadores",
            "las familias",
            "los estudiantes",
            "los agricultores",
            "los exportadores",
            "los gobiernos locales",
            "los jóvenes",
            "las emprendedoras",
        ],
        "org": [
            "asociación",
            "cámara",
            "universidad",
            "cooperativa",
            "fundación",
            "red",
            "organización",
            "empresa",
        ],
        "period": ["año", "trimestre", "semestre", "encuentro", "sexenio"],
        "state": [
            "se ha quedado atrás",
            "no tiene fondos suficientes",
            "sigue empeorando",
            "ha mejorado lentamente",
            "está atorado en trámites",
            "carece de coordinación",
        ],
        "need": [
            "metas claras",
            "un presupuesto propio",
            "hitos públicos",
            "participación local",
            "supervisión binacional",
            "una evaluación independiente",
        ],
    },
}
GREETINGS = {
    "en": [
        "Dear Secretary,",
        "Dear members of the Dialogue,",
        "To whom it may concern:",
        "Hello,",
        "Dear Sir or Madam,",
        "Good morning,",
        "Dear HLED team,",
        "Greetings,",
    ],
    "es": [
        "Estimada Secretaria:",
        "Estimados integrantes del Diálogo:",
        "A quien corresponda:",
        "Hola,",
        "Distinguidos señores:",
        "Buenos días,",
        "Estimado equipo del DEAN:",
        "Saludos,",
    ],
}
SIGN_OFFS = {
    "en": [
        "Sincerely,",
        "Best regards,",
        "Respectfully,",
        "Thank you,",
        "Kind regards,",
        "Regards,",
    ],
    "es": [
        "Atentamente,",
        "Saludos cordiales,",
        "Respetuosamente,",
        "Gracias,",
        "Cordialmente,",
        "Reciba un cordial saludo,",
    ],
}
FIRST = [
    "Ana",
    "Juan",
    "María",
    "José",
    "Guadalupe",
    "Luis",
    "Sofía",
    "Carlos",
    "Emily",
    "Michael",
    "Sarah",
    "David",
    "Jennifer",
    "Roberto",
    "Fernanda",
    "Alejandro",
    "Patricia",
    "James",
    "Lucía",
    "Miguel",
    "Karen",
    "Daniel",
    "Verónica",
    "Thomas",
    "Rosa",
    "Kevin",
]
LAST = [
    "López",
    "García",
    "Hernández",
    "Martínez",
    "González",
    "Pérez",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Miller",
    "Davis",
    "Núñez",
    "Castillo",
    "Ortiz",
    "Wilson",
    "Moore",
    "Gutiérrez",
    "Chávez",
    "Anderson",
]
ORGS = [
    "Cámara de Comercio de Monterrey",
    "Border Trade Alliance",
    "Universidad de Sonora",
    "Red Mujeres del Sur",
    "Texas Manufacturers Association",
    "Cooperativa Café de Altura",
    "Coparmex Jalisco",
    "Arizona State University",
    "Fundación Frontera Viva",
    "Semiconductor Workers Union",
    "Asociación de Maquiladoras",
    "Clean Energy Coalition",
]
PERSONAL = {
    "en": [
        "As a parent in {place}, this matters deeply to my family.",
        "I have worked in this field for {n} years and I see the problem every day.",
        "My own business in {place} depends on this.",
        "I am writing as a student who wants to stay in {place}.",
        "Please listen to the people of {place}.",
    ],
    "es": [
        "Como madre de familia en {place}, esto nos importa mucho.",
        "Llevo {n} años trabajando en esto y veo el problema todos los días.",
        "Mi propio negocio en {place} depende de esto.",
        "Le escribo como estudiante que quiere quedarse en {place}.",
        "Por favor escuchen a la gente de {place}.",
    ],
}
SECTORS = ["private_sector", "academia", "civil_society", "state_government"]


# --- generation ----------------------------------------------------------------------------------


def _sentence(rng: random.Random, lang: str, topic: str) -> str:
    vocab = TOPICS[topic][lang]
    slots = {key: rng.choice(values) for key, values in SLOTS[lang].items()}
    slots.update(object=rng.choice(vocab["object"]), place=rng.choice(vocab["place"]),
                 outcome=rng.choice(vocab["outcome"]))  # fmt: skip
    text = rng.choice(PATTERNS[lang]).format(**slots)
    return text[0].upper() + text[1:]


def _paragraphs(rng: random.Random, lang: str, topic: str, count: int) -> list[list[str]]:
    return [[_sentence(rng, lang, topic) for _ in range(rng.randint(2, 4))] for _ in range(count)]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _frame(rng: random.Random, lang: str, paragraphs: list[list[str]], framed: float) -> str:
    """Greeting, paragraphs, sign-off and signature (each person's own)."""
    parts: list[str] = []
    if rng.random() < framed:
        other = "es" if lang == "en" else "en"
        parts.append(rng.choice(GREETINGS[other if rng.random() < 0.15 else lang]))
    parts.extend(" ".join(p) for p in paragraphs)
    if rng.random() < framed:
        signature = [rng.choice(SIGN_OFFS[lang]), _person(rng)]
        if rng.random() < 0.4:
            signature.append(rng.choice(ORGS))
        parts.append("\n".join(signature))
    return "\n\n".join(parts)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.33:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind < 0.66:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _strip_accents(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _copy(
    rng: random.Random, lang: str, topic: str, base: list[list[str]]
) -> tuple[str, list[str]]:
    """One person's copy of a letter, with the edits people make; returns it and the edits."""
    paragraphs = [list(p) for p in base]
    edits: list[str] = []
    if rng.random() < 0.25:
        place = rng.choice(TOPICS[topic][lang]["place"])
        extra = rng.choice(PERSONAL[lang]).format(place=place, n=rng.randint(3, 30))
        where = rng.random()
        if where < 0.4:
            paragraphs[0].insert(0, extra)
        elif where < 0.8:
            paragraphs[-1].append(extra)
        else:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), [extra])
        edits.append("sentence_added")
    if rng.random() < 0.1 and sum(len(p) for p in paragraphs) >= 6:
        longest = max(paragraphs, key=len)
        longest.pop(rng.randrange(len(longest)))
        edits.append("sentence_removed")
    if rng.random() < 0.15 and len(paragraphs) >= 2:
        rng.shuffle(paragraphs)
        edits.append("paragraphs_reordered")
    return _noisy(rng, _frame(rng, lang, paragraphs, framed=0.9), edits)


def _noisy(rng: random.Random, text: str, edits: list[str]) -> tuple[str, list[str]]:
    """Typos, lost accents, lower case or loose punctuation, at random."""
    if rng.random() < 0.3:
        words = text.split(" ")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(words))
            words[i] = _typo(rng, words[i])
        text = " ".join(words)
        edits.append("typos")
    noise = rng.random()
    if noise < 0.08:
        text, _ = _strip_accents(text), edits.append("accents_lost")
    elif noise < 0.14:
        text, _ = text.lower(), edits.append("lowercase")
    elif noise < 0.2:
        text, _ = text.replace(", ", " ").replace(". ", ".  "), edits.append("punctuation")
    return text, edits


def _words(paragraphs: list[list[str]]) -> int:
    return sum(len(s.split()) for p in paragraphs for s in p)


def _own_paragraphs(
    rng: random.Random, lang: str, topic: str, count: int, budget: int
) -> list[list[str]]:
    """`count` paragraphs of the writer's own (a personal sentence, then sentences on the
    topic), together at most `budget` words (at least one sentence)."""
    place = rng.choice(TOPICS[topic][lang]["place"])
    own: list[list[str]] = []
    words = 0
    for index in range(count):
        paragraph: list[str] = []
        if index == 0:
            paragraph.append(rng.choice(PERSONAL[lang]).format(place=place, n=rng.randint(3, 30)))
        for _ in range(rng.randint(1, 3)):
            paragraph.append(_sentence(rng, lang, topic))
        while paragraph and words + _words([paragraph]) > budget and (own or len(paragraph) > 1):
            paragraph.pop()
        if not paragraph:
            break
        words += _words([paragraph])
        own.append(paragraph)
    return own


def _personalised(
    rng: random.Random, lang: str, topic: str, base: list[list[str]]
) -> tuple[str, list[str]]:
    """The letter with one to three paragraphs of the sender's own (up to doubling its
    length), sometimes with the asks (its last paragraph) reordered or the opening (its first
    sentence) rewritten."""
    paragraphs = [list(p) for p in base]
    edits = ["personalised"]
    if rng.random() < 0.25 and len(set(paragraphs[-1])) >= 2:
        asks = paragraphs[-1]
        while asks == base[-1]:
            rng.shuffle(asks)
        edits.append("asks_reordered")
    if rng.random() < 0.25:
        paragraphs[0][0] = _sentence(rng, lang, topic)
        edits.append("opening_rewritten")
    own = _own_paragraphs(rng, lang, topic, rng.randint(1, 3), _words(base))
    for paragraph in own:
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), paragraph)
    return _noisy(rng, _frame(rng, lang, paragraphs, framed=0.9), edits)


def _lookalike(
    rng: random.Random, lang: str, topic: str, base: list[list[str]]
) -> tuple[str, list[str]]:
    """A comment of its own that reuses part of a letter: its opening (first paragraph) or
    its list of asks (last paragraph), at most 60 % of the letter's words and at most half of
    the comment."""
    part = "opening" if rng.random() < 0.5 else "asks"
    reused = list(base[0] if part == "opening" else base[-1])
    while len(reused) > 1 and _words([reused]) > 0.6 * _words(base):
        reused.pop(0 if part == "asks" else -1)
    # Its own text is at least as long as what it reuses, and none of the letter's other
    # sentences (which the vocabulary could make again by chance): the writer's own.
    letter = {sentence for paragraph in base for sentence in paragraph}
    paragraphs = [
        [s for s in p if s not in letter] or [_sentence(rng, lang, topic)]
        for p in _paragraphs(rng, lang, topic, rng.randint(1, 3))
    ]
    while _words(paragraphs) < _words([reused]):
        sentence = _sentence(rng, lang, topic)
        if sentence not in letter:
            paragraphs[-1].append(sentence)
    paragraphs.insert(0 if part == "opening" else len(paragraphs), reused)
    return _noisy(rng, _frame(rng, lang, paragraphs, framed=0.6), [f"lookalike_{part}"])


@dataclass
class Comment:
    title: str
    body: str
    language: str
    topic: str
    label: str | None  # the campaign it copies; None for a unique comment
    organization: str | None
    submitter_name: str
    sector: str
    edits: list[str]
    # verbatim / edited / personalised copy of a letter; unique / quotes_a_campaign /
    # lookalike comment of its own.
    kind: str = "unique"


TITLES = {
    "en": [
        "Comment on {t}",
        "Our view on {t}",
        "Input for the Dialogue",
        "Priorities: {t}",
        "Recommendation",
        "Please act on {t}",
    ],
    "es": [
        "Comentario sobre {t}",
        "Nuestra opinión: {t}",
        "Aportación al Diálogo",
        "Prioridades: {t}",
        "Recomendación",
        "Actúen sobre {t}",
    ],
}


def generate(count: int, seed: int = 7, campaigns: int | None = None,
             unique_share: float = 0.3, personalised_share: float = 0.3,
             lookalike_share: float = 0.15) -> list[Comment]:  # fmt: skip
    """`count` comments, shuffled as they would arrive; at least 50 campaigns of Zipf-like
    sizes (the largest thousands of copies at 100,000) and a fifth as many small ones. Of the
    copies, `personalised_share` add text of their own; of the unique comments,
    `lookalike_share` reuse part of a letter."""
    rng = random.Random(seed)
    campaigns = campaigns or max(50, count // 400)
    copies_total = int(count * (1 - unique_share))
    weights = [1 / (rank + 1) ** 0.9 for rank in range(campaigns)]
    scale = (copies_total - 3 * campaigns) / sum(weights)
    sizes = [3 + int(w * scale) for w in weights]
    # And a tail of small campaigns (3 to 9 copies), where each copy counts most.
    sizes += [rng.randint(3, 9) for _ in range(campaigns // 5)]
    campaigns = len(sizes)
    topics = list(TOPICS)
    bases: list[tuple[str, str, str, list[list[str]]]] = []
    for index in range(campaigns):
        lang = "es" if rng.random() < 0.5 else "en"
        topic = rng.choice(topics)
        paragraphs = _paragraphs(rng, lang, topic, rng.randint(2, 4))
        # Every fifth campaign is a sibling of the previous one in the same language and
        # topic: one paragraph in common, the rest its own.
        if index % 5 == 4 and bases and bases[-1][1] == lang:
            lang, topic = bases[-1][1], bases[-1][2]
            paragraphs[0] = list(bases[-1][3][0])
        bases.append((f"c{index:03d}", lang, topic, paragraphs))
    comments: list[Comment] = []
    for (label, lang, topic, base), size in zip(bases, sizes, strict=True):
        organization = rng.choice(ORGS) if rng.random() < 0.5 else None
        for _ in range(size):
            if rng.random() < personalised_share:
                body, edits = _personalised(rng, lang, topic, base)
                kind = "personalised"
            else:
                body, edits = _copy(rng, lang, topic, base)
                kind = "edited" if edits else "verbatim"
            comments.append(Comment(
                title=rng.choice(TITLES[lang]).format(t=topic), body=body, language=lang,
                topic=topic, label=label,
                organization=organization if rng.random() < 0.6 else rng.choice([None, *ORGS]),
                submitter_name=_person(rng), sector=rng.choice(SECTORS), edits=edits, kind=kind,
            ))  # fmt: skip
    quotable = [s for _, _, _, base in bases for p in base for s in p]
    while len(comments) < count:
        kind = "unique"
        if rng.random() < lookalike_share:
            # Big campaigns draw more imitators.
            _label, lang, topic, base = rng.choices(bases, weights=sizes)[0]
            body, edits = _lookalike(rng, lang, topic, base)
            kind = "lookalike"
        else:
            lang = "es" if rng.random() < 0.5 else "en"
            topic = rng.choice(topics)
            paragraphs = _paragraphs(rng, lang, topic, rng.randint(1, 3))
            edits = []
            if rng.random() < 0.05:
                paragraphs[0].insert(0, rng.choice(quotable))
                edits.append("quotes_a_campaign")
                kind = "quotes_a_campaign"
            body = _frame(rng, lang, paragraphs, framed=0.6)
        comments.append(Comment(
            title=rng.choice(TITLES[lang]).format(t=topic), body=body, language=lang,
            topic=topic, label=None, organization=rng.choice([None, None, *ORGS]),
            submitter_name=_person(rng), sector=rng.choice(SECTORS), edits=edits, kind=kind,
        ))  # fmt: skip
    rng.shuffle(comments)
    return comments[:count]


# --- metrics -------------------------------------------------------------------------------------


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


SIZES = ((3, 9), (10, 99), (100, 999), (1000, None))


def _size_bucket(size: int) -> str:
    for low, high in SIZES:
        if high is None or size <= high:
            return f"{low}+" if high is None else f"{low}-{high}"
    raise AssertionError(size)


def evaluate(
    labels: list[str | None], predicted: list[int | None], kinds: list[str] | None = None
) -> dict[str, Any]:
    """Pairwise precision and recall, false-merge rate and member recall (module docstring);
    with the comments' kinds, member recall per kind of copy, look-alikes merged, and recall
    per campaign size."""
    both = Counter((lab, pred) for lab, pred in zip(labels, predicted, strict=True)
                   if lab is not None and pred is not None)  # fmt: skip
    sizes = Counter(lab for lab in labels if lab is not None)
    true_pairs = sum(_pairs(n) for n in sizes.values())
    pred_pairs = sum(_pairs(n) for pred, n in Counter(predicted).items() if pred is not None)
    same = sum(_pairs(n) for n in both.values())
    uniques = [pred for lab, pred in zip(labels, predicted, strict=True) if lab is None]
    merged_uniques = sum(1 for pred in uniques if pred is not None)
    # Each letter's main predicted campaign: the one holding most of its copies.
    best: dict[str, tuple[int, int]] = {}
    for (lab, pred), n in both.items():
        if n > best.get(lab, (0, 0))[0] or (n == best.get(lab, (0, 0))[0] and pred < best[lab][1]):
            best[lab] = (n, pred)
    members = sum(sizes.values())
    result: dict[str, Any] = {
        "comments": len(labels),
        "campaigns_true": len(sizes),
        "campaigns_found": len({pred for pred in predicted if pred is not None}),
        "copies": members,
        "unique_comments": len(uniques),
        "pairwise_precision": round(same / pred_pairs, 4) if pred_pairs else 1.0,
        "pairwise_recall": round(same / true_pairs, 4) if true_pairs else 1.0,
        "false_merge_rate": round(merged_uniques / len(uniques), 5) if uniques else 0.0,
        "member_recall": round(sum(n for n, _ in best.values()) / members, 4) if members else 1.0,
    }
    if kinds is None:
        return result
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for lab, pred, kind in zip(labels, predicted, kinds, strict=True):
        total[kind] += 1
        if lab is None:
            found[kind] += pred is not None  # merged into some campaign: a false merge
        elif lab in best and best[lab][1] == pred:
            found[kind] += 1
    result["member_recall_by_kind"] = {
        kind: {"members": total[kind], "recall": round(found[kind] / total[kind], 4)}
        for kind in ("verbatim", "edited", "personalised") if total[kind]
    }  # fmt: skip
    result["merged_by_kind"] = {
        kind: {"comments": total[kind], "merged": found[kind]}
        for kind in ("unique", "quotes_a_campaign", "lookalike") if total[kind]
    }  # fmt: skip
    by_size: dict[str, dict[str, Any]] = {}
    pieces = Counter(lab for lab, _pred in both)
    for low, _high in SIZES:
        bucket = _size_bucket(low)
        letters = [lab for lab, n in sizes.items() if _size_bucket(n) == bucket]
        if not letters:
            continue
        pairs = sum(_pairs(sizes[lab]) for lab in letters)
        kept = sum(_pairs(n) for (lab, _pred), n in both.items() if lab in letters)
        copies = sum(sizes[lab] for lab in letters)
        by_size[bucket] = {
            "campaigns": len(letters),
            "copies": copies,
            "largest": max(sizes[lab] for lab in letters),
            "pairwise_recall": round(kept / pairs, 4),
            "member_recall": round(sum(best[lab][0] for lab in letters if lab in best) / copies, 4),
            "predicted_pieces_mean": round(sum(pieces[lab] for lab in letters) / len(letters), 2),
        }
    result["by_campaign_size"] = by_size
    return result


# --- the app's database --------------------------------------------------------------------------


def _app():  # type: ignore[no-untyped-def]
    from app import create_app

    return create_app()


def load(count: int, seed: int, labels_path: Path) -> dict[str, Any]:
    """Insert the corpus as submissions (no detection), oldest first; write the labels file."""
    from datetime import timedelta

    from sqlalchemy import insert, select

    from app.db import db, utcnow
    from app.intake.models import Submission
    from app.taxonomy.models import Consultation, Pillar, Sector
    from app.text import search_text_for

    comments = generate(count, seed)
    app = _app()
    with app.app_context():
        session = db.session
        consultation_id = session.scalar(select(Consultation.id).order_by(Consultation.id))
        pillar_id = session.scalar(select(Pillar.id).order_by(Pillar.position))
        sectors = dict(session.execute(select(Sector.code, Sector.id)).tuples().all())
        fallback = next(iter(sectors.values()))
        start = utcnow() - timedelta(days=30)
        rows = []
        for index, comment in enumerate(comments):
            rows.append({
                "tracking_code": f"BENCH-{index:07d}", "consultation_id": consultation_id,
                "sector_id": sectors.get(comment.sector, fallback),
                "organization": comment.organization, "submitter_name": comment.submitter_name,
                "email": None, "country_code": "MX", "region_code": None,
                "primary_pillar_id": pillar_id, "title": comment.title, "body": comment.body,
                "page_language": comment.language, "detected_language": comment.language,
                "consent": "named", "status": "pending", "campaign_excluded": False,
                "search_text": search_text_for(comment.title, comment.body, comment.organization),
                "created_at": start + timedelta(seconds=index), "updated_at": start,
                "version": 1,
            })  # fmt: skip
        for offset in range(0, len(rows), 5000):
            session.execute(insert(Submission.__table__), rows[offset : offset + 5000])
        session.commit()
    labels_path.write_text(
        json.dumps({f"BENCH-{i:07d}": [c.label, c.kind] for i, c in enumerate(comments)}),
        encoding="utf-8",
    )
    return {"loaded": len(rows)}


def evaluate_database(labels_path: Path) -> dict[str, Any]:
    from sqlalchemy import select

    from app.db import db
    from app.intake.models import Submission

    # code -> [the letter it copies or None, its kind]
    labels: dict[str, list[str | None]] = json.loads(labels_path.read_text(encoding="utf-8"))
    app = _app()
    with app.app_context():
        found = dict(
            db.session.execute(
                select(Submission.tracking_code, Submission.campaign_id).where(
                    Submission.tracking_code.in_(list(labels))
                    if len(labels) < 1000
                    else Submission.tracking_code.like("BENCH-%")
                )
            )
            .tuples()
            .all()
        )
    codes = sorted(labels)
    return evaluate(
        [labels[c][0] for c in codes],
        [found.get(c) for c in codes],
        [str(labels[c][1]) for c in codes],
    )


def intake_cost(count: int, seed: int) -> dict[str, Any]:
    """Time the detection step alone for `count` new submissions (copies and unique), each in
    its own transaction as intake does, against whatever the database already holds."""
    from sqlalchemy import func, select

    from app.campaigns.services import detect_safely
    from app.db import db
    from app.enums import Consent, Language, SubmissionStatus
    from app.intake.models import Submission
    from app.taxonomy.models import Consultation, Pillar, Sector

    comments = generate(max(count * 4, 400), seed + 1)[:count]
    app = _app()
    timings: list[float] = []
    # This process's CPU time (on SQLite the database's work too, not PostgreSQL's): the
    # figure a busy machine moves least.
    cpu_ms = 0.0
    with app.app_context():
        session = db.session
        stored = session.scalar(select(func.count()).select_from(Submission))
        consultation = session.scalars(select(Consultation)).first()
        pillar = session.scalars(select(Pillar).order_by(Pillar.position)).first()
        sector = session.scalars(select(Sector)).first()
        joined = 0
        for index, comment in enumerate(comments):
            submission = Submission(
                tracking_code=f"COST-{seed}-{index:05d}", consultation=consultation,
                sector=sector, submitter_name=comment.submitter_name, country_code="MX",
                primary_pillar=pillar, title=comment.title, body=comment.body,
                page_language=Language(comment.language), consent=Consent.NAMED,
                status=SubmissionStatus.PENDING,
            )  # fmt: skip
            session.add(submission)
            session.flush()
            started, cpu_started = time.perf_counter(), time.process_time()
            detect_safely(session, submission)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_ms += (time.process_time() - cpu_started) * 1000
            joined += submission.campaign_id is not None
            session.commit()
    timings.sort()
    return {
        "stored_before": stored,
        "measured": len(timings),
        "joined_a_campaign": joined,
        "mean_ms": round(sum(timings) / len(timings), 2),
        "cpu_mean_ms": round(cpu_ms / len(timings), 2),
        "p50_ms": round(timings[len(timings) // 2], 2),
        "p95_ms": round(timings[int(len(timings) * 0.95)], 2),
        "max_ms": round(timings[-1], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus")
    parser.add_argument("command", choices=("sample", "load", "evaluate", "intake-cost", "check"))
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--labels", type=Path)
    args = parser.parse_args(argv)
    if args.command == "sample":
        for comment in generate(args.count, args.seed)[:8]:
            print(json.dumps(asdict(comment), ensure_ascii=False, indent=1))
        return 0
    if args.command == "check":
        # Quality without a database: the same fingerprints and threshold, all pairs that
        # share a band checked in memory (fast feedback while tuning normalisation).
        from app.campaigns.cluster import cluster

        comments = generate(args.count, args.seed)
        started = time.perf_counter()
        assigned = cluster([(i, c.body, False) for i, c in enumerate(comments)])
        result = evaluate(
            [c.label for c in comments],
            [assigned.get(i) for i in range(len(comments))],
            [c.kind for c in comments],
        )
        result["seconds"] = round(time.perf_counter() - started, 1)
        print(json.dumps(result))
        return 0
    if args.command == "load":
        result = load(args.count, args.seed, args.labels)
    elif args.command == "evaluate":
        result = evaluate_database(args.labels)
    else:
        result = intake_cost(args.count, args.seed)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
