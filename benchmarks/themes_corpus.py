"""A labelled bilingual corpus for measuring themes: comments whose ask is known, in English and
Spanish, with form-letter campaigns and near-topic distractors.

    .venv/bin/python -m benchmarks.themes_corpus sample [--count N] [--seed S]
    .venv/bin/python -m benchmarks.themes_corpus check [--count N] [--seed S]   # method only
    .venv/bin/python -m benchmarks.themes_corpus load --count N --seed S --labels FILE
    .venv/bin/python -m benchmarks.themes_corpus evaluate --labels FILE
    .venv/bin/python -m benchmarks.themes_corpus assign-cost --count N --seed S

Each *ask* (what a comment asks for) belongs to a pillar and a topic; two or three asks share
each topic, so comments on the same topic that ask for different things (near-topic
distractors: longer hours at the border vs. joint inspections vs. paperless customs) must not
be merged. A comment is an opening, one of its ask's phrasings, one or two of its reasons,
often a sentence about the topic that every ask of the topic shares, sometimes a generic
sentence, and a signature; a share lose their accents or mix a sentence of the other
language. Some comments ask for nothing in particular (noise, label None). Campaigns are one
letter copied with another greeting and signature, and count once.

Metrics over *voices* (a campaign is one voice; `evaluate` gives the per-comment figures too):
purity (share of themed voices that carry their theme's majority label), coverage (share of
voices in some theme), cross-language merge rate (share of labels with voices in both
languages for which one theme holds the majority of the English voices and of the Spanish
ones), F1 after one-to-one matching of themes and labels (Hungarian, on shared voices).
"""

# The sentences below are data, one a line, so long lines are kept whole.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

# (key, pillar, topic, {"en": (asks, reasons), "es": (asks, reasons)})
ASKS: list[tuple[str, str, str, dict[str, tuple[list[str], list[str]]]]] = [
    (
        "border_hours",
        "building_back_together",
        "border",
        {
            "en": (
                [
                    "We ask that the ports of entry at {place} stay open around the clock for commercial traffic.",
                    "Please extend the hours of operation at the {place} crossings, including nights and weekends.",
                    "Commercial lanes at {place} should operate 24 hours a day instead of closing at midnight.",
                ],
                [
                    "Trucks line up for hours every evening waiting for the bridge to reopen.",
                    "A night shift at the crossing would spread the traffic and cut the queues.",
                    "Exporters lose a full day when a load misses the last window before closing.",
                ],
            ),
            "es": (
                [
                    "Pedimos que los puertos de entrada de {place} operen las 24 horas para el tráfico comercial.",
                    "Solicitamos ampliar el horario de operación de los cruces de {place}, incluidas noches y fines de semana.",
                    "Los carriles comerciales de {place} deberían funcionar toda la noche en lugar de cerrar a medianoche.",
                ],
                [
                    "Los camiones hacen fila durante horas cada tarde esperando que reabra el puente.",
                    "Un turno nocturno en el cruce repartiría el tráfico y reduciría las filas.",
                    "Los exportadores pierden un día completo cuando una carga no alcanza la última ventana antes del cierre.",
                ],
            ),
        },
    ),
    (
        "border_joint_inspection",
        "building_back_together",
        "border",
        {
            "en": (
                [
                    "We propose joint inspections so cargo is checked once by both customs agencies at {place}.",
                    "Unified cargo processing at {place} would let inspectors from both countries work side by side.",
                    "Please expand pre-clearance of freight so that trucks are not inspected twice.",
                ],
                [
                    "Today the same trailer is opened on the Mexican side and again on the U.S. side.",
                    "Shared facilities for inspectors would halve the time each shipment spends at the border.",
                    "A single inspection with both agencies present has worked in pilot programs.",
                ],
            ),
            "es": (
                [
                    "Proponemos revisiones conjuntas para que ambas aduanas inspeccionen la carga una sola vez en {place}.",
                    "El procesamiento conjunto de carga en {place} permitiría que los inspectores de ambos países trabajen juntos.",
                    "Solicitamos ampliar el despacho previo de mercancías para que los camiones no se revisen dos veces.",
                ],
                [
                    "Hoy el mismo remolque se abre del lado mexicano y otra vez del lado estadounidense.",
                    "Instalaciones compartidas para los inspectores reducirían a la mitad el tiempo de cada embarque en la frontera.",
                    "Una sola inspección con ambas agencias presentes ya funcionó en programas piloto.",
                ],
            ),
        },
    ),
    (
        "border_paperless",
        "building_back_together",
        "border",
        {
            "en": (
                [
                    "Customs paperwork should move to a single window with electronic documents for every shipment.",
                    "We ask for a fully paperless customs process at {place}, with digital forms accepted by both countries.",
                    "Please adopt an electronic manifest that both customs services accept.",
                ],
                [
                    "Brokers still print and stamp the same forms three times.",
                    "Digital documents would remove errors that send trucks back to the line.",
                    "Small exporters cannot afford the brokers needed to handle so much paper.",
                ],
            ),
            "es": (
                [
                    "Los trámites aduaneros deben pasar a una ventanilla única con documentos electrónicos para cada embarque.",
                    "Pedimos un proceso aduanero sin papel en {place}, con formularios digitales aceptados por ambos países.",
                    "Solicitamos adoptar un manifiesto electrónico que acepten las dos aduanas.",
                ],
                [
                    "Los agentes aduanales todavía imprimen y sellan los mismos formularios tres veces.",
                    "Los documentos digitales eliminarían errores que regresan a los camiones a la fila.",
                    "Los pequeños exportadores no pueden pagar a los agentes necesarios para manejar tanto papel.",
                ],
            ),
        },
    ),
    (
        "chips_incentives",
        "building_back_together",
        "semiconductors",
        {
            "en": (
                [
                    "We urge tax incentives for semiconductor packaging and testing plants in {place}.",
                    "Investment incentives should reach chip assembly and test facilities, not only wafer fabs.",
                    "Please create tax credits for companies that build back-end semiconductor plants in {place}.",
                ],
                [
                    "Asia captures the assembly work because incentives there cover the whole plant.",
                    "A packaging plant needs less capital than a fab and can open within two years.",
                    "Without credits, investors choose sites overseas for testing lines.",
                ],
            ),
            "es": (
                [
                    "Pedimos incentivos fiscales para plantas de empaquetado y prueba de semiconductores en {place}.",
                    "Los incentivos a la inversión deben llegar al ensamble y prueba de chips, no solo a las fábricas de obleas.",
                    "Solicitamos créditos fiscales para las empresas que construyan plantas de semiconductores en {place}.",
                ],
                [
                    "Asia se queda con el ensamble porque allá los incentivos cubren toda la planta.",
                    "Una planta de empaquetado requiere menos capital que una fábrica de obleas y puede abrir en dos años.",
                    "Sin créditos, los inversionistas eligen sitios en el extranjero para las líneas de prueba.",
                ],
            ),
        },
    ),
    (
        "chips_talent",
        "building_back_together",
        "semiconductors",
        {
            "en": (
                [
                    "Train semiconductor technicians: fund microelectronics programs at technical schools in {place}.",
                    "We need a binational program to train engineers and technicians for chip plants.",
                    "Please fund microelectronics courses and clean-room training at universities in {place}.",
                ],
                [
                    "Plants in the corridor cannot hire enough qualified technicians.",
                    "Students finish engineering without ever seeing a clean room.",
                    "Companies spend a year training each new hire themselves.",
                ],
            ),
            "es": (
                [
                    "Formen técnicos en semiconductores: financien programas de microelectrónica en escuelas técnicas de {place}.",
                    "Necesitamos un programa binacional para capacitar ingenieros y técnicos para las plantas de chips.",
                    "Solicitamos financiar cursos de microelectrónica y capacitación en salas limpias en universidades de {place}.",
                ],
                [
                    "Las plantas del corredor no logran contratar suficientes técnicos calificados.",
                    "Los estudiantes terminan ingeniería sin haber visto una sala limpia.",
                    "Las empresas dedican un año a capacitar por su cuenta a cada persona que contratan.",
                ],
            ),
        },
    ),
    (
        "ev_charging",
        "building_back_together",
        "clean_energy",
        {
            "en": (
                [
                    "Build a charging corridor for electric trucks and buses along the border highways.",
                    "We ask for charging stations for electric vehicles at every major crossing near {place}.",
                    "Fund fast chargers on the freight routes between {place} and the interior.",
                ],
                [
                    "Fleet owners will not buy electric trucks without chargers on their routes.",
                    "Buses idling at the border pollute the air of nearby neighborhoods.",
                    "A shared standard for plugs would let vehicles charge on both sides.",
                ],
            ),
            "es": (
                [
                    "Construyan un corredor de carga para camiones y autobuses eléctricos en las carreteras fronterizas.",
                    "Pedimos estaciones de carga para vehículos eléctricos en cada cruce importante cerca de {place}.",
                    "Financien cargadores rápidos en las rutas de carga entre {place} y el interior.",
                ],
                [
                    "Los dueños de flotillas no comprarán camiones eléctricos sin cargadores en sus rutas.",
                    "Los autobuses con el motor encendido en la frontera contaminan el aire de las colonias cercanas.",
                    "Un estándar común de conectores permitiría cargar en ambos lados.",
                ],
            ),
        },
    ),
    (
        "clean_grid",
        "building_back_together",
        "clean_energy",
        {
            "en": (
                [
                    "Connect the two power grids with new transmission lines so solar and wind power can cross.",
                    "We urge cross-border interconnections to move renewable electricity from {place}.",
                    "Please invest in transmission capacity so clean energy projects can sell power across the border.",
                ],
                [
                    "Solar parks in the desert are curtailed because the lines are full.",
                    "A stronger interconnection would keep the lights on during heat waves.",
                    "Wind farms wait years for permission to connect.",
                ],
            ),
            "es": (
                [
                    "Conecten las dos redes eléctricas con nuevas líneas de transmisión para que crucen la energía solar y eólica.",
                    "Instamos a construir interconexiones transfronterizas para llevar electricidad renovable desde {place}.",
                    "Solicitamos invertir en capacidad de transmisión para que los proyectos de energía limpia vendan electricidad al otro lado.",
                ],
                [
                    "Los parques solares del desierto se recortan porque las líneas están saturadas.",
                    "Una interconexión más fuerte mantendría la luz durante las olas de calor.",
                    "Los parques eólicos esperan años el permiso para conectarse.",
                ],
            ),
        },
    ),
    (
        "south_farmers_credit",
        "southern_mexico_central_america",
        "rural",
        {
            "en": (
                [
                    "Give small farmers in {place} access to credit so they can join export supply chains.",
                    "We ask for loans and guarantees for coffee and cocoa producers in {place}.",
                    "Please create a financing program for small agricultural producers in the south.",
                ],
                [
                    "Banks do not lend to farmers without land titles.",
                    "Producers sell their harvest early and cheap because they need cash.",
                    "Cooperatives could buy equipment and certify their crops with modest loans.",
                ],
            ),
            "es": (
                [
                    "Den a los pequeños productores de {place} acceso a crédito para que se integren a las cadenas de exportación.",
                    "Pedimos préstamos y garantías para los productores de café y cacao de {place}.",
                    "Solicitamos un programa de financiamiento para los pequeños productores agrícolas del sur.",
                ],
                [
                    "Los bancos no prestan a campesinos sin títulos de propiedad.",
                    "Los productores venden su cosecha antes y barata porque necesitan efectivo.",
                    "Las cooperativas podrían comprar equipo y certificar sus cultivos con préstamos modestos.",
                ],
            ),
        },
    ),
    (
        "south_roads",
        "southern_mexico_central_america",
        "rural",
        {
            "en": (
                [
                    "Pave the rural roads that connect farming villages in {place} to markets.",
                    "We urge investment in roads and bridges so producers in {place} can reach the ports.",
                    "Please fund the road network of the south before any new industrial park.",
                ],
                [
                    "Trucks cannot reach the villages during the rainy season.",
                    "Half of the harvest spoils on the way to market.",
                    "A paved road would cut transport costs for every producer in the valley.",
                ],
            ),
            "es": (
                [
                    "Pavimenten los caminos rurales que conectan a los pueblos agrícolas de {place} con los mercados.",
                    "Instamos a invertir en carreteras y puentes para que los productores de {place} lleguen a los puertos.",
                    "Solicitamos financiar la red carretera del sur antes de cualquier nuevo parque industrial.",
                ],
                [
                    "Los camiones no llegan a los pueblos en temporada de lluvias.",
                    "La mitad de la cosecha se echa a perder camino al mercado.",
                    "Un camino pavimentado bajaría los costos de transporte de cada productor del valle.",
                ],
            ),
        },
    ),
    (
        "migration_visas",
        "southern_mexico_central_america",
        "migration",
        {
            "en": (
                [
                    "Expand temporary work visas so workers from {place} can migrate legally and safely.",
                    "We ask for more seasonal worker visas for people from Central America.",
                    "Please open legal labor mobility pathways, such as H-2A visas, for workers from {place}.",
                ],
                [
                    "Legal pathways take business away from smugglers.",
                    "Farms in the United States cannot find enough seasonal workers.",
                    "Workers who return with savings invest them in their home towns.",
                ],
            ),
            "es": (
                [
                    "Amplíen las visas de trabajo temporal para que los trabajadores de {place} migren de forma legal y segura.",
                    "Pedimos más visas para trabajadores de temporada de Centroamérica.",
                    "Solicitamos abrir vías legales de movilidad laboral, como las visas H-2A, para trabajadores de {place}.",
                ],
                [
                    "Las vías legales le quitan el negocio a los traficantes.",
                    "Las granjas de Estados Unidos no encuentran suficientes trabajadores de temporada.",
                    "Quienes regresan con ahorros los invierten en sus pueblos.",
                ],
            ),
        },
    ),
    (
        "migration_jobs_home",
        "southern_mexico_central_america",
        "migration",
        {
            "en": (
                [
                    "Create formal jobs in {place} so that young people are not forced to migrate.",
                    "We urge job creation programs in the towns people leave, to address the root causes of migration.",
                    "Please invest in employment for youth in {place} as the answer to irregular migration.",
                ],
                [
                    "Young people leave because there is no work after school.",
                    "Every factory job in the region keeps a family together.",
                    "Remittances cannot replace a local economy.",
                ],
            ),
            "es": (
                [
                    "Generen empleos formales en {place} para que los jóvenes no se vean obligados a migrar.",
                    "Instamos a crear programas de empleo en los pueblos que la gente abandona, para atender las causas estructurales de la migración.",
                    "Solicitamos invertir en empleo para jóvenes en {place} como respuesta a la migración irregular.",
                ],
                [
                    "Los jóvenes se van porque no hay trabajo después de la escuela.",
                    "Cada empleo de fábrica en la región mantiene unida a una familia.",
                    "Las remesas no pueden sustituir a una economía local.",
                ],
            ),
        },
    ),
    (
        "south_tourism",
        "southern_mexico_central_america",
        "development",
        {
            "en": (
                [
                    "Support community tourism in {place} with training and small grants.",
                    "We ask for a program that helps indigenous communities in {place} run their own tourism businesses.",
                    "Please promote sustainable tourism routes across southern Mexico and Guatemala.",
                ],
                [
                    "Tourists already come to the ruins but spend little in the villages.",
                    "Community lodges keep the income in the region.",
                    "Shared routes would make longer trips attractive to travelers.",
                ],
            ),
            "es": (
                [
                    "Apoyen el turismo comunitario en {place} con capacitación y pequeños apoyos.",
                    "Pedimos un programa que ayude a las comunidades indígenas de {place} a manejar sus propios negocios de turismo.",
                    "Solicitamos promover rutas de turismo sustentable entre el sur de México y Guatemala.",
                ],
                [
                    "Los turistas ya visitan las ruinas pero gastan poco en los pueblos.",
                    "Los hospedajes comunitarios dejan el ingreso en la región.",
                    "Rutas compartidas harían atractivos los viajes más largos para los viajeros.",
                ],
            ),
        },
    ),
    (
        "cyber_incidents",
        "securing_tools_future_prosperity",
        "cyber",
        {
            "en": (
                [
                    "Set up a binational channel to share cyber incident and threat information quickly.",
                    "We ask for a joint CSIRT so that companies in {place} can report cyberattacks once to both countries.",
                    "Please create rapid sharing of ransomware alerts between the two national response teams.",
                ],
                [
                    "A ransomware attack on a supplier stopped three plants last year.",
                    "Companies report the same incident twice in two formats.",
                    "Threat information arrives days late to the other side.",
                ],
            ),
            "es": (
                [
                    "Establezcan un canal binacional para compartir con rapidez información de incidentes y amenazas cibernéticas.",
                    "Pedimos un CSIRT conjunto para que las empresas de {place} reporten ciberataques una sola vez a ambos países.",
                    "Solicitamos un intercambio rápido de alertas de ransomware entre los dos equipos nacionales de respuesta.",
                ],
                [
                    "Un ataque de ransomware a un proveedor detuvo tres plantas el año pasado.",
                    "Las empresas reportan el mismo incidente dos veces en dos formatos.",
                    "La información de amenazas llega días tarde al otro lado.",
                ],
            ),
        },
    ),
    (
        "cyber_sme_training",
        "securing_tools_future_prosperity",
        "cyber",
        {
            "en": (
                [
                    "Offer free cybersecurity training and basic tools to small businesses in {place}.",
                    "We urge a program that helps SMEs adopt cybersecurity best practices.",
                    "Please fund cybersecurity courses for small and medium suppliers.",
                ],
                [
                    "Small suppliers are the weakest link of every supply chain.",
                    "Most small firms have no one in charge of security.",
                    "A simple checklist would stop most attacks on small companies.",
                ],
            ),
            "es": (
                [
                    "Ofrezcan capacitación gratuita en ciberseguridad y herramientas básicas a las pequeñas empresas de {place}.",
                    "Instamos a crear un programa que ayude a las pymes a adoptar mejores prácticas de ciberseguridad.",
                    "Solicitamos financiar cursos de ciberseguridad para proveedores pequeños y medianos.",
                ],
                [
                    "Los pequeños proveedores son el eslabón más débil de toda cadena de suministro.",
                    "La mayoría de las empresas pequeñas no tiene a nadie a cargo de la seguridad.",
                    "Una lista de verificación sencilla detendría la mayoría de los ataques a empresas pequeñas.",
                ],
            ),
        },
    ),
    (
        "rural_broadband",
        "securing_tools_future_prosperity",
        "telecom",
        {
            "en": (
                [
                    "Bring broadband internet to rural communities in {place}.",
                    "We ask for public investment in rural connectivity so that villages in {place} get internet access.",
                    "Please extend 5G and fiber networks to the rural areas that operators ignore.",
                ],
                [
                    "Students in rural towns do homework on a phone in the plaza.",
                    "Farmers cannot sell online without a connection.",
                    "Operators will not build towers where few customers live.",
                ],
            ),
            "es": (
                [
                    "Lleven internet de banda ancha a las comunidades rurales de {place}.",
                    "Pedimos inversión pública en conectividad rural para que los pueblos de {place} tengan acceso a internet.",
                    "Solicitamos extender las redes 5G y de fibra a las zonas rurales que los operadores ignoran.",
                ],
                [
                    "Los estudiantes de pueblos rurales hacen la tarea con un teléfono en la plaza.",
                    "Los agricultores no pueden vender en línea sin conexión.",
                    "Los operadores no construyen torres donde viven pocos clientes.",
                ],
            ),
        },
    ),
    (
        "spectrum_rules",
        "securing_tools_future_prosperity",
        "telecom",
        {
            "en": (
                [
                    "Harmonize spectrum rules along the border so 5G networks do not interfere.",
                    "We urge a common approach to spectrum allocation for 5G in the border region.",
                    "Please align the telecommunications regulations that govern spectrum and equipment certification.",
                ],
                [
                    "Networks on each side interfere with each other near the line.",
                    "Equipment must be certified twice under different standards.",
                    "Operators delay 5G near the border because of the interference.",
                ],
            ),
            "es": (
                [
                    "Armonicen las reglas del espectro en la frontera para que las redes 5G no tengan interferencias.",
                    "Instamos a un enfoque común para asignar el espectro 5G en la región fronteriza.",
                    "Solicitamos alinear las regulaciones de telecomunicaciones sobre el espectro y la certificación de equipos.",
                ],
                [
                    "Las redes de cada lado se interfieren cerca de la línea.",
                    "Los equipos deben certificarse dos veces con estándares distintos.",
                    "Los operadores retrasan el 5G cerca de la frontera por las interferencias.",
                ],
            ),
        },
    ),
    (
        "data_flows",
        "securing_tools_future_prosperity",
        "digital",
        {
            "en": (
                [
                    "Protect cross-border data flows and avoid data localization requirements.",
                    "We ask for common personal data protection rules so companies can move data across the border.",
                    "Please agree on privacy rules that allow data flows between the two countries.",
                ],
                [
                    "Storing the same data twice in two countries doubles costs.",
                    "Different privacy laws make compliance expensive for small firms.",
                    "Cloud services need to move data freely to work.",
                ],
            ),
            "es": (
                [
                    "Protejan los flujos de datos transfronterizos y eviten requisitos de localización de datos.",
                    "Pedimos reglas comunes de protección de datos personales para que las empresas muevan datos a través de la frontera.",
                    "Solicitamos acordar reglas de privacidad que permitan los flujos de datos entre los dos países.",
                ],
                [
                    "Guardar los mismos datos dos veces en dos países duplica los costos.",
                    "Las leyes de privacidad distintas encarecen el cumplimiento para las empresas pequeñas.",
                    "Los servicios en la nube necesitan mover datos con libertad para funcionar.",
                ],
            ),
        },
    ),
    (
        "apprenticeships",
        "investing_in_our_people",
        "workforce",
        {
            "en": (
                [
                    "Create binational apprenticeship programs with employers in {place}.",
                    "We urge dual training, where students learn in the classroom and on the factory floor.",
                    "Please fund apprenticeships that lead to certified technical skills.",
                ],
                [
                    "Graduates lack the practical skills that plants need.",
                    "Employers are ready to host apprentices if the paperwork is simple.",
                    "An apprentice who is paid stays in school.",
                ],
            ),
            "es": (
                [
                    "Creen programas binacionales de aprendices con empleadores de {place}.",
                    "Instamos a la formación dual, en la que los estudiantes aprenden en el aula y en la planta.",
                    "Solicitamos financiar programas de aprendices que lleven a habilidades técnicas certificadas.",
                ],
                [
                    "Los egresados no tienen las habilidades prácticas que necesitan las plantas.",
                    "Los empleadores están listos para recibir aprendices si los trámites son sencillos.",
                    "Un aprendiz que recibe pago se queda en la escuela.",
                ],
            ),
        },
    ),
    (
        "women_childcare",
        "investing_in_our_people",
        "inclusion",
        {
            "en": (
                [
                    "Fund childcare centers so that more women can take formal jobs in {place}.",
                    "We ask for public daycare near industrial parks so mothers can work.",
                    "Please invest in child care, the main barrier to women's employment.",
                ],
                [
                    "Women leave the factory when they cannot find someone to look after their children.",
                    "Daycare near the plant would cut absences.",
                    "Care work keeps millions of women out of paid jobs.",
                ],
            ),
            "es": (
                [
                    "Financien estancias infantiles para que más mujeres accedan a empleos formales en {place}.",
                    "Pedimos guarderías públicas cerca de los parques industriales para que las madres puedan trabajar.",
                    "Solicitamos invertir en cuidado infantil, la principal barrera para el empleo de las mujeres.",
                ],
                [
                    "Las mujeres dejan la fábrica cuando no encuentran quién cuide a sus hijos.",
                    "Una guardería cerca de la planta reduciría las ausencias.",
                    "Los cuidados mantienen a millones de mujeres fuera del trabajo pagado.",
                ],
            ),
        },
    ),
    (
        "women_finance",
        "investing_in_our_people",
        "inclusion",
        {
            "en": (
                [
                    "Open credit lines for businesses led by women in {place}.",
                    "We urge loans and guarantees for women entrepreneurs.",
                    "Please create a fund that finances startups founded by women.",
                ],
                [
                    "Women entrepreneurs are refused loans more often than men.",
                    "Most women-led firms grow with their own savings only.",
                    "A guarantee fund would convince banks to lend.",
                ],
            ),
            "es": (
                [
                    "Abran líneas de crédito para negocios encabezados por mujeres en {place}.",
                    "Instamos a ofrecer préstamos y garantías para mujeres emprendedoras.",
                    "Solicitamos crear un fondo que financie empresas emergentes fundadas por mujeres.",
                ],
                [
                    "A las emprendedoras se les niegan préstamos con más frecuencia que a los hombres.",
                    "La mayoría de las empresas de mujeres crecen solo con sus ahorros.",
                    "Un fondo de garantías convencería a los bancos de prestar.",
                ],
            ),
        },
    ),
    (
        "labor_rights",
        "investing_in_our_people",
        "labor",
        {
            "en": (
                [
                    "Enforce freedom of association and collective bargaining in the factories of {place}.",
                    "We ask for more labor inspections to protect workers' right to form independent unions.",
                    "Please fund labor inspectors and protect union rights across the supply chain.",
                ],
                [
                    "Workers who try to organize are fired within days.",
                    "Protection contracts are still signed without workers knowing.",
                    "Inspectors visit a plant once in ten years.",
                ],
            ),
            "es": (
                [
                    "Hagan valer la libertad sindical y la negociación colectiva en las fábricas de {place}.",
                    "Pedimos más inspecciones laborales para proteger el derecho de los trabajadores a formar sindicatos independientes.",
                    "Solicitamos financiar inspectores laborales y proteger los derechos sindicales en toda la cadena de suministro.",
                ],
                [
                    "Los trabajadores que intentan organizarse son despedidos en días.",
                    "Todavía se firman contratos de protección sin que los trabajadores lo sepan.",
                    "Los inspectores visitan una planta una vez cada diez años.",
                ],
            ),
        },
    ),
]

# What every ask of a topic may also say: shared words that must not merge different asks.
TOPIC_CONTEXT: dict[str, dict[str, list[str]]] = {
    "border": {
        "en": [
            "The border crossings at {place} handle more trade every year.",
            "Trade across the border keeps growing and the infrastructure has not kept up.",
        ],
        "es": [
            "Los cruces fronterizos de {place} manejan más comercio cada año.",
            "El comercio a través de la frontera sigue creciendo y la infraestructura no ha avanzado.",
        ],
    },
    "semiconductors": {
        "en": [
            "Semiconductor supply chains are moving closer to home.",
            "The chip industry in {place} is growing quickly.",
        ],
        "es": [
            "Las cadenas de suministro de semiconductores se están acercando.",
            "La industria de chips en {place} crece con rapidez.",
        ],
    },
    "clean_energy": {
        "en": [
            "The transition to clean energy is an opportunity for the region.",
            "Both countries have committed to cut emissions.",
        ],
        "es": [
            "La transición a las energías limpias es una oportunidad para la región.",
            "Ambos países se comprometieron a reducir las emisiones.",
        ],
    },
    "rural": {
        "en": [
            "Rural communities in the south have been left behind.",
            "Agriculture is the main source of income in {place}.",
        ],
        "es": [
            "Las comunidades rurales del sur se han quedado atrás.",
            "La agricultura es la principal fuente de ingresos en {place}.",
        ],
    },
    "migration": {
        "en": [
            "Migration from the region has reached record levels.",
            "Families in {place} depend on relatives who migrated.",
        ],
        "es": [
            "La migración desde la región ha alcanzado niveles récord.",
            "Las familias de {place} dependen de parientes que migraron.",
        ],
    },
    "development": {
        "en": [
            "Southern Mexico has enormous cultural and natural wealth.",
            "Development in {place} must reach local communities.",
        ],
        "es": [
            "El sur de México tiene una enorme riqueza cultural y natural.",
            "El desarrollo en {place} debe llegar a las comunidades locales.",
        ],
    },
    "cyber": {
        "en": [
            "Cyberattacks against companies in the region are increasing.",
            "Cybersecurity is now a supply chain issue.",
        ],
        "es": [
            "Los ciberataques contra empresas de la región van en aumento.",
            "La ciberseguridad ya es un asunto de la cadena de suministro.",
        ],
    },
    "telecom": {
        "en": [
            "Telecommunications networks are the backbone of the digital economy.",
            "The deployment of 5G is uneven across the region.",
        ],
        "es": [
            "Las redes de telecomunicaciones son la columna vertebral de la economía digital.",
            "El despliegue de 5G es desigual en la región.",
        ],
    },
    "digital": {
        "en": [
            "Digital trade between the two countries keeps growing.",
            "Companies in {place} sell more services online every year.",
        ],
        "es": [
            "El comercio digital entre los dos países sigue creciendo.",
            "Las empresas de {place} venden más servicios en línea cada año.",
        ],
    },
    "workforce": {
        "en": [
            "Companies in {place} report a shortage of skilled workers.",
            "The workforce needs new skills for the industries arriving in the region.",
        ],
        "es": [
            "Las empresas de {place} reportan escasez de trabajadores calificados.",
            "La fuerza laboral necesita nuevas habilidades para las industrias que llegan a la región.",
        ],
    },
    "inclusion": {
        "en": [
            "Women are still underrepresented in the formal economy.",
            "Economic opportunity must reach women in {place}.",
        ],
        "es": [
            "Las mujeres siguen subrepresentadas en la economía formal.",
            "Las oportunidades económicas deben llegar a las mujeres de {place}.",
        ],
    },
    "labor": {
        "en": [
            "Labor reform was a key commitment of both countries.",
            "Workers in {place} deserve decent conditions.",
        ],
        "es": [
            "La reforma laboral fue un compromiso clave de ambos países.",
            "Los trabajadores de {place} merecen condiciones dignas.",
        ],
    },
}

OPENINGS = {
    "en": [
        "As a {who} in {place}, we welcome this consultation.",
        "I write on behalf of a {who} based in {place}.",
        "Thank you for the opportunity to comment.",
        "Our {who} has followed the dialogue closely.",
        "",
    ],
    "es": [
        "Como {who} de {place}, celebramos esta consulta.",
        "Escribo en nombre de una {who} con sede en {place}.",
        "Gracias por la oportunidad de comentar.",
        "Nuestra {who} ha seguido de cerca el diálogo.",
        "",
    ],
}
WHO = {
    "en": [
        "business association",
        "university",
        "civil society organization",
        "state agency",
        "company",
    ],
    "es": [
        "asociación empresarial",
        "universidad",
        "organización de la sociedad civil",
        "dependencia estatal",
        "empresa",
    ],
}
GENERIC = {
    "en": [
        "We hope the dialogue produces concrete results.",
        "This matters for both countries.",
        "We are ready to work with both governments.",
        "Please take our experience into account.",
    ],
    "es": [
        "Esperamos que el diálogo dé resultados concretos.",
        "Esto importa para ambos países.",
        "Estamos listos para trabajar con ambos gobiernos.",
        "Les pedimos tomar en cuenta nuestra experiencia.",
    ],
}
# Comments that ask for nothing a theme could hold.
NOISE = {
    "en": [
        "We support the goals of the dialogue and thank both governments.",
        "This consultation is a good step; please keep the public informed.",
        "I have no specific proposal but want to register my interest in {place}.",
        "Cooperation between our countries is more important than ever.",
        "Please publish the results of this consultation in both languages.",
    ],
    "es": [
        "Apoyamos los objetivos del diálogo y agradecemos a ambos gobiernos.",
        "Esta consulta es un buen paso; mantengan informado al público.",
        "No tengo una propuesta específica pero quiero registrar mi interés en {place}.",
        "La cooperación entre nuestros países es más importante que nunca.",
        "Publiquen los resultados de esta consulta en ambos idiomas.",
    ],
}
PLACES = [
    "Laredo",
    "Nogales",
    "Tijuana",
    "Ciudad Juárez",
    "Reynosa",
    "Chiapas",
    "Oaxaca",
    "Tabasco",
    "Jalisco",
    "Nuevo León",
    "Sonora",
    "Texas",
    "Arizona",
    "Guatemala",
    "Honduras",
    "Yucatán",
]
SIGN = {
    "en": ["Sincerely", "Best regards", "Respectfully", ""],
    "es": ["Atentamente", "Saludos cordiales", "Cordialmente", ""],
}
NAMES = [
    "Ana López",
    "John Smith",
    "María Hernández",
    "Robert Johnson",
    "Luis García",
    "Emily Davis",
    "José Martínez",
    "Sarah Wilson",
    "Guadalupe Torres",
    "Michael Brown",
    "Sofía Ramírez",
    "David Miller",
]
SECTORS = ["private_sector", "academia", "civil_society", "state_government"]
ACCENTS = str.maketrans("áéíóúñÁÉÍÓÚÑü", "aeiounAEIOUNu")


@dataclass
class Comment:
    label: str | None  # the ask, None for noise
    pillar: str
    language: str
    title: str
    body: str
    sector: str
    country: str
    campaign: int | None  # index of the campaign it copies, None when unique
    kind: str  # unique, noise, campaign
    topics: tuple[str, ...] = ()  # the topics its submitter ticked on the form (FORM_TOPICS)


# The corpus's topics as the taxonomy's codes (app/taxonomy/hled.toml), for `load`.
TOPIC_CODES = {
    "border": "border_infrastructure",
    "semiconductors": "semiconductors",
    "clean_energy": "climate_clean_energy",
    "rural": "rural_communities_small_farmers",
    "migration": "root_causes_migration",
    "development": "development_cooperation",
    "cyber": "cybersecurity",
    "telecom": "telecommunications_5g",
    "digital": "ict_digital_economy",
    "inclusion": "economic_inclusion",
    "workforce": "workforce_development",
    "labor": "labor_rights",
}


def _form_topics(comments: list[Comment], seed: int) -> None:
    """The topics each submitter ticks on the form, imperfectly: 75 % the ask's topic, 10 % it
    and another of the pillar, 10 % none, 5 % a wrong one; noise ticks one at random (70 %) or
    none. A campaign's copies tick what its letter's first copy ticked. Drawn from a random
    stream of their own, so the texts of a seed are those of earlier versions."""
    rng = random.Random(seed * 7919 + 1)
    pool: dict[str, list[str]] = defaultdict(list)
    for _key, pillar, topic, _texts in ASKS:
        if topic not in pool[pillar]:
            pool[pillar].append(topic)
    topic_of = {a[0]: a[2] for a in ASKS}
    letters: dict[int, tuple[str, ...]] = {}
    for c in comments:
        if c.campaign is not None and c.campaign in letters:
            c.topics = letters[c.campaign]
            continue
        roll = rng.random()
        if c.label is None:
            chosen = [rng.choice(pool[c.pillar])] if roll < 0.7 else []
        elif roll < 0.75:
            chosen = [topic_of[c.label]]
        elif roll < 0.85:
            chosen = [topic_of[c.label], rng.choice(pool[c.pillar])]
        elif roll < 0.95:
            chosen = []
        else:
            chosen = [rng.choice(pool[c.pillar])]
        c.topics = tuple(dict.fromkeys(chosen))
        if c.campaign is not None:
            letters[c.campaign] = c.topics


def _own_comment(
    rng: random.Random, ask: tuple[Any, ...] | None, lang: str, pillar: str
) -> tuple[str, str]:
    place = rng.choice(PLACES)
    other = "es" if lang == "en" else "en"
    parts: list[str] = []
    opening = rng.choice(OPENINGS[lang]).format(who=rng.choice(WHO[lang]), place=place)
    if opening:
        parts.append(opening)
    if ask is None:
        noise = rng.sample(NOISE[lang], 2)
        parts.extend(s.format(place=place) for s in noise)
        title = noise[0][:60]
    else:
        key, _pillar, topic, texts = ask
        asks, reasons = texts[lang]
        core = rng.choice(asks).format(place=place)
        body = [core, *rng.sample(reasons, rng.randint(1, 2))]
        if rng.random() < 0.15:  # the ask said only through its reasons
            body = reasons[:] if rng.random() < 0.5 else body[1:] + [rng.choice(reasons)]
            body = list(dict.fromkeys(body))
        if rng.random() < 0.2:  # a word for a sibling ask of the same topic
            siblings = [a for a in ASKS if a[2] == topic and a[0] != key]
            if siblings:
                body.append(rng.choice(rng.choice(siblings)[3][lang][1]))
        if rng.random() < 0.6:
            body.insert(
                rng.randint(0, len(body)),
                rng.choice(TOPIC_CONTEXT[topic][lang]).format(place=place),
            )
        if (
            rng.random() < 0.08
        ):  # a sentence of the other language (a quoted demand, a bilingual writer)
            body.append(rng.choice(texts[other][1]))
        parts.extend(body)
        title = core.split(",")[0][:80]
    if rng.random() < 0.5:
        parts.append(rng.choice(GENERIC[lang]))
    sign = rng.choice(SIGN[lang])
    text = " ".join(parts) + (f"\n\n{sign},\n{rng.choice(NAMES)}" if sign else "")
    if rng.random() < 0.15:
        text, title = text.translate(ACCENTS), title.translate(ACCENTS)
    return title, text


STYLES = ("own", "outside")


def _outside_comment(
    rng: random.Random, ask: tuple[Any, ...] | None, lang: str, pillar: str
) -> tuple[str, str]:
    from benchmarks import themes_outside

    return themes_outside.comment(rng, ask, lang, PLACES)


def generate(count: int, seed: int, style: str = "own") -> list[Comment]:
    """`count` comments: ~6% noise, ~20% copies of campaign letters, the rest unique, in
    English and Spanish (Spanish a little more often). `style` "outside" writes them with
    benchmarks/themes_outside.py instead (its own phrasing; ~10% noise and distractors)."""
    rng = random.Random(seed)
    _comment = _outside_comment if style == "outside" else _own_comment
    noise_share = 0.10 if style == "outside" else 0.06
    comments: list[Comment] = []
    # Campaigns: one per ~400 comments, each a letter of one ask copied 5 to 60 times.
    letters: list[tuple[tuple[Any, ...], str, str, str]] = []
    for _ in range(max(2, count // 400)):
        ask = rng.choice(ASKS)
        lang = rng.choice(["en", "es"])
        title, body = _comment(rng, ask, lang, ask[1])
        letters.append((ask, lang, title, body))
    copies = int(count * 0.2)
    for index in range(copies):
        number = (
            min(len(letters) - 1, int(rng.paretovariate(1.2)) - 1)
            if rng.random() < 0.5
            else rng.randrange(len(letters))
        )
        ask, lang, title, body = letters[number]
        greeting = rng.choice(
            ["", "Dear Secretariat,\n\n", "Estimados:\n\n", "To whom it may concern,\n\n"]
        )
        signature = f"\n\n{rng.choice(NAMES)}"
        comments.append(
            Comment(
                ask[0],
                ask[1],
                lang,
                title,
                greeting + body + signature,
                rng.choice(SECTORS),
                rng.choice(["MX", "US"]),
                number,
                "campaign",
            )
        )
        del index
    while len(comments) < count:
        lang = "es" if rng.random() < 0.55 else "en"
        if rng.random() < noise_share:
            pillar = rng.choice(sorted({a[1] for a in ASKS}))
            title, body = _comment(rng, None, lang, pillar)
            comments.append(
                Comment(
                    None,
                    pillar,
                    lang,
                    title,
                    body,
                    rng.choice(SECTORS),
                    rng.choice(["MX", "US"]),
                    None,
                    "noise",
                )
            )
            continue
        ask = rng.choice(ASKS)
        title, body = _comment(rng, ask, lang, ask[1])
        comments.append(
            Comment(
                ask[0],
                ask[1],
                lang,
                title,
                body,
                rng.choice(SECTORS),
                rng.choice(["MX", "US"]),
                None,
                "unique",
            )
        )
    rng.shuffle(comments)
    _form_topics(comments, seed)
    return comments


# --- metrics -------------------------------------------------------------------------------------


def metrics(
    truth: dict[str, tuple[str | None, str, str]], themes: dict[str, int | None]
) -> dict[str, Any]:
    """Figures of a themes result against the truth. `truth`: voice key -> (label, language,
    pillar); `themes`: voice key -> theme id or None. Keys are voices (a campaign once)."""
    from scipy.optimize import linear_sum_assignment

    voices = list(truth)
    themed = [v for v in voices if themes.get(v) is not None]
    by_theme: dict[int, Counter[str | None]] = defaultdict(Counter)
    for v in themed:
        by_theme[themes[v]][truth[v][0]] += 1  # type: ignore[index]
    majority = sum(counter.most_common(1)[0][1] for counter in by_theme.values())
    purity = majority / len(themed) if themed else 0.0
    coverage = len(themed) / len(voices) if voices else 0.0
    labelled = [v for v in voices if truth[v][0] is not None]
    labelled_coverage = sum(1 for v in labelled if themes.get(v) is not None) / max(
        1, len(labelled)
    )
    noise = [v for v in voices if truth[v][0] is None]
    noise_themed = sum(1 for v in noise if themes.get(v) is not None) / max(1, len(noise))
    # Cross-language merge: a label's English and Spanish majorities are in one theme.
    merged = both = 0
    per_label: dict[str, dict[str, Counter[int | None]]] = defaultdict(lambda: defaultdict(Counter))
    for v in labelled:
        per_label[truth[v][0]][truth[v][1]][themes.get(v)] += 1  # type: ignore[index]
    split_labels = []
    for label, by_lang in per_label.items():
        if not by_lang.get("en") or not by_lang.get("es"):
            continue
        both += 1
        en_total, es_total = sum(by_lang["en"].values()), sum(by_lang["es"].values())
        ok = any(
            theme is not None
            and 2 * by_lang["en"][theme] > en_total
            and 2 * by_lang["es"][theme] > es_total
            for theme in set(by_lang["en"]) | set(by_lang["es"])
        )
        merged += ok
        if not ok:
            split_labels.append(label)
    # F1 after matching themes to labels one to one on shared voices.
    labels = sorted({truth[v][0] for v in labelled})  # type: ignore[type-var]
    theme_ids = sorted(by_theme)
    overlap = np.zeros((len(theme_ids), len(labels)))
    li = {label: i for i, label in enumerate(labels)}
    ti = {t: i for i, t in enumerate(theme_ids)}
    for v in themed:
        if truth[v][0] is not None:
            overlap[ti[themes[v]], li[truth[v][0]]] += 1  # type: ignore[index]
    rows, cols = linear_sum_assignment(-overlap) if overlap.size else ([], [])
    matched = float(overlap[rows, cols].sum()) if overlap.size else 0.0
    precision = matched / len(themed) if themed else 0.0
    recall = matched / len(labelled) if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "voices": len(voices),
        "themes": len(by_theme),
        "labels": len(labels),
        "purity": round(purity, 4),
        "coverage": round(coverage, 4),
        "labelled_coverage": round(labelled_coverage, 4),
        "noise_themed": round(noise_themed, 4),
        "cross_language_merge": round(merged / both, 4) if both else None,
        "labels_in_both_languages": both,
        "split_labels": sorted(split_labels),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _voices(
    comments: list[Comment],
) -> tuple[dict[str, tuple[str | None, str, str]], dict[int, str]]:
    """Voice keys of the corpus: "c<n>" for campaign n, "s<i>" for a unique comment i."""
    truth: dict[str, tuple[str | None, str, str]] = {}
    of_comment: dict[int, str] = {}
    for i, c in enumerate(comments):
        key = f"c{c.campaign}" if c.campaign is not None else f"s{i}"
        truth.setdefault(key, (c.label, c.language, c.pillar))
        of_comment[i] = key
    return truth, of_comment


# --- the method alone (development loop, no database) ----------------------------------------


def check(count: int, seed: int, style: str = "own") -> dict[str, Any]:
    """Run app.themes.analysis on the corpus in memory, pillar by pillar, and score it."""
    from app.themes import analysis

    comments = generate(count, seed, style)
    truth, of_comment = _voices(comments)
    lex = analysis.lexicon()
    started = time.monotonic()
    result: dict[str, int | None] = {}
    by_pillar: dict[str, list[tuple[str, Comment]]] = defaultdict(list)
    seen: set[str] = set()
    for i, c in enumerate(comments):
        key = of_comment[i]
        if key not in seen:
            seen.add(key)
            by_pillar[c.pillar].append((key, c))
    next_id = 0
    for _pillar, items in sorted(by_pillar.items()):
        docs = [
            analysis.document(lex, n, f"{c.title}\n{c.body}", c.language, c.topics)
            for n, (_k, c) in enumerate(items)
        ]
        idf = analysis.fit_idf(docs)
        found = analysis.cluster(docs, idf)
        for members in found.members:
            for n, _s in members:
                result[items[n][0]] = next_id
            next_id += 1
        for n in found.unthemed:
            result[items[n][0]] = None
    figures = metrics(truth, result)
    figures["seconds"] = round(time.monotonic() - started, 2)
    return figures


# --- against the application's database ----------------------------------------------------------


def _app():  # type: ignore[no-untyped-def]
    from app import create_app

    return create_app()


def load(count: int, seed: int, labels_path: Path, style: str = "own") -> dict[str, Any]:
    """Insert the corpus as approved submissions of the first consultation, in their pillars,
    with their campaigns (as detection would have grouped them); write the labels file."""
    from datetime import timedelta

    from sqlalchemy import insert, select

    from app.db import db, utcnow
    from app.models import (
        Campaign,
        Consultation,
        Pillar,
        Sector,
        Submission,
        Topic,
        submission_topics,
    )
    from app.text import search_text_for

    comments = generate(count, seed, style)
    app = _app()
    with app.app_context():
        session = db.session
        consultation_id = session.scalar(select(Consultation.id).order_by(Consultation.id))
        pillars = dict(session.execute(select(Pillar.code, Pillar.id)).tuples().all())
        sectors = dict(session.execute(select(Sector.code, Sector.id)).tuples().all())
        fallback = next(iter(sectors.values()))
        campaigns: dict[int, int] = {}
        for number in sorted({c.campaign for c in comments if c.campaign is not None}):
            campaign = Campaign(member_count=0)
            session.add(campaign)
            session.flush()
            campaigns[number] = campaign.id
        start = utcnow() - timedelta(days=30)
        rows = []
        for index, c in enumerate(comments):
            rows.append({
                "tracking_code": f"THEME-{index:07d}", "consultation_id": consultation_id,
                "sector_id": sectors.get(c.sector, fallback), "organization": None,
                "submitter_name": "Bench", "email": None, "country_code": c.country,
                "region_code": None, "primary_pillar_id": pillars[c.pillar], "title": c.title[:200],
                "body": c.body, "page_language": c.language, "detected_language": c.language,
                "consent": "named", "status": "approved", "campaign_excluded": False,
                "campaign_id": campaigns.get(c.campaign) if c.campaign is not None else None,
                "search_text": search_text_for(c.title, c.body, None),
                "created_at": start + timedelta(seconds=index), "updated_at": start,
                "decided_at": start, "version": 1,
            })  # fmt: skip
        for offset in range(0, len(rows), 5000):
            session.execute(insert(Submission.__table__), rows[offset : offset + 5000])
        # The topics the submitters ticked on the form (submission_topics).
        topic_ids = dict(session.execute(select(Topic.code, Topic.id)).tuples().all())
        ids = dict(
            session.execute(
                select(Submission.tracking_code, Submission.id).where(
                    Submission.tracking_code.like("THEME-%")
                )
            )
            .tuples()
            .all()
        )
        ticked = [
            {"submission_id": ids[f"THEME-{index:07d}"], "topic_id": topic_ids[TOPIC_CODES[t]]}
            for index, c in enumerate(comments)
            for t in c.topics
            if TOPIC_CODES.get(t) in topic_ids
        ]
        for offset in range(0, len(ticked), 5000):
            session.execute(insert(submission_topics), ticked[offset : offset + 5000])
        session.commit()
    labels_path.write_text(
        json.dumps({f"THEME-{i:07d}": [c.label, c.language, c.pillar, c.campaign]
                    for i, c in enumerate(comments)}),
        encoding="utf-8",
    )  # fmt: skip
    return {"loaded": len(rows), "campaigns": len(campaigns)}


def evaluate_database(labels_path: Path) -> dict[str, Any]:
    """Score the themes stored in the database against the labels file."""
    from sqlalchemy import select

    from app.db import db
    from app.models import Submission, ThemeMember

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    app = _app()
    with app.app_context():
        placed = dict(
            db.session.execute(
                select(Submission.tracking_code, ThemeMember.theme_id).join(
                    ThemeMember, ThemeMember.submission_id == Submission.id
                )
            )
            .tuples()
            .all()
        )
    truth: dict[str, tuple[str | None, str, str]] = {}
    votes: dict[str, Counter[int | None]] = defaultdict(Counter)
    comment_truth: dict[str, tuple[str | None, str, str]] = {}
    for code, (label, language, pillar, campaign) in labels.items():
        key = f"c{campaign}" if campaign is not None else code
        truth.setdefault(key, (label, language, pillar))
        votes[key][placed.get(code)] += 1
        comment_truth[code] = (label, language, pillar)
    themes = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    figures = metrics(truth, themes)
    figures["per_comment"] = {
        k: v
        for k, v in metrics(comment_truth, {c: placed.get(c) for c in labels}).items()
        if k in ("purity", "coverage", "cross_language_merge", "f1")
    }
    return figures


def assign_cost(count: int, seed: int, style: str = "own") -> dict[str, Any]:
    """Approve `count` new comments one at a time after a build and time the placing step
    alone (app.themes.services.assign), as moderation's approval runs it."""
    from sqlalchemy import select

    from app.db import db
    from app.enums import Consent, Language, SubmissionStatus
    from app.models import Consultation, Country, Pillar, Sector, Submission, Topic
    from app.themes.services import assign

    comments = [c for c in generate(count * 2, seed + 1000, style) if c.campaign is None][:count]
    app = _app()
    timings, joined = [], 0
    with app.app_context():
        session = db.session
        consultation = session.scalars(select(Consultation).order_by(Consultation.id)).first()
        pillars = {p.code: p for p in session.scalars(select(Pillar))}
        sector = session.scalars(select(Sector)).first()
        country = session.get(Country, "MX")
        topics = {t.code: t for t in session.scalars(select(Topic))}
        for index, c in enumerate(comments):
            row = Submission(
                tracking_code=f"NEWT-{index:07d}", consultation=consultation, sector=sector,
                submitter_name="Bench", country=country, primary_pillar=pillars[c.pillar],
                title=c.title[:200], body=c.body, page_language=Language(c.language),
                detected_language=c.language, consent=Consent.NAMED, status=SubmissionStatus.APPROVED,
            )  # fmt: skip
            row.topics = [topics[TOPIC_CODES[t]] for t in c.topics if TOPIC_CODES[t] in topics]
            session.add(row)
            session.flush()
            started = time.perf_counter()
            theme = assign(session, row)
            timings.append((time.perf_counter() - started) * 1000)
            joined += theme is not None
            session.commit()
    timings.sort()
    return {
        "measured": len(timings),
        "joined_a_theme": joined,
        "mean_ms": round(sum(timings) / len(timings), 2),
        "p50_ms": round(timings[len(timings) // 2], 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.themes_corpus")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("sample", "check", "load", "assign-cost"):
        p = sub.add_parser(name)
        p.add_argument("--count", type=int, default=2000)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--style", choices=STYLES, default="own")
        if name == "load":
            p.add_argument("--labels", type=Path, required=True)
    p = sub.add_parser("evaluate")
    p.add_argument("--labels", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "sample":
        for c in generate(args.count, args.seed, args.style)[:8]:
            print(f"--- {c.label} [{c.language}, {c.kind}]\n{c.title}\n{c.body}\n")
        return 0
    if args.command == "check":
        out = check(args.count, args.seed, args.style)
    elif args.command == "load":
        out = load(args.count, args.seed, args.labels, args.style)
    elif args.command == "evaluate":
        out = evaluate_database(args.labels)
    else:
        out = assign_cost(args.count, args.seed, args.style)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
