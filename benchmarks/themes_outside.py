"""An outside-style labelled corpus for the themes benchmark: the same asks as
benchmarks/themes_corpus.py (same keys, so the same metrics apply), written the way people
outside the project write, with phrasing deliberately not drawn (a few words aside) from the glossary
(app/themes/glossary.csv) or the taxonomy names the analysis matches: synonyms, paraphrases,
colloquial Mexican and U.S. phrasing, typos and missing accents, comments of one or two
sentences, comments that make two asks, near-topic distractors that use a theme's key words to
ask something else (label None), and Spanish/English code-switching.

It exists so that quality figures are not only reported on the generator the method was tuned
on (docs/themes.md, "Two corpora"). Written once, before any run of the method on it; the
method was not changed to fit it (the report names the seeds used).

    .venv/bin/python -m benchmarks.themes_corpus check --style outside --count 3000 --seed 11
"""

# The sentences below are data, one a line, so long lines are kept whole.
# ruff: noqa: E501

from __future__ import annotations

import random
from typing import Any

# ask key -> {"en": (asks, reasons), "es": (asks, reasons)}; {place} is filled in.
OUTSIDE: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "border_hours": {
        "en": (
            [
                "Keep the {place} bridge running 24/7 for the big rigs, not just until midnight.",
                "Why does the {place} garita shut down at night? Let trucks go through all night long.",
                "Please stop closing the commercial side at {place} after dark, our drivers sit there til morning.",
                "Crossings at {place} need to stay open later, weekends too.",
            ],
            [
                "Our 18-wheelers sit idle in line from 6pm till the next day.",
                "We lose a whole day every time a load misses the cutoff.",
            ],
        ),
        "es": (
            [
                "Que la garita de {place} no cierre en la noche, los traileres se quedan esperando hasta el otro dia.",
                "Urge que el puente de {place} atienda de corrido, dia y noche, a los camiones de carga.",
                "Pedimos que abran mas tarde la aduana de {place} y tambien sabado y domingo.",
                "Neta ya es hora de que {place} funcione sin cerrar, a cualquier hora.",
            ],
            [
                "Los choferes pasan la noche formados y la mercancia se echa a perder.",
                "Perdemos un dia entero cada vez que un embarque no alcanza a cruzar antes de que cierren.",
            ],
        ),
    },
    "border_joint_inspection": {
        "en": (
            [
                "Have US and Mexican officers check each load together, once, instead of twice at {place}.",
                "It makes no sense that our trailer gets opened on both sides, do one combined check.",
                "Put both countries' agents in the same building at {place} so a shipment is looked at one time.",
            ],
            [
                "Every double check adds hours and broken seals.",
                "The pilot where both agencies sat together cut our time in half.",
            ],
        ),
        "es": (
            [
                "Que revisen la mercancia una sola vez con los agentes de los dos paises juntos en {place}.",
                "No tiene sentido que abran la caja del lado mexicano y luego otra vez del lado gringo.",
                "Pongan a los de aduana de ambos lados en la misma nave para que chequen una vez y ya.",
            ],
            [
                "Cada doble revision nos cuesta horas y sellos rotos.",
                "Cuando probaron con las dos agencias juntas el tiempo bajo a la mitad.",
            ],
        ),
    },
    "border_paperless": {
        "en": (
            [
                "Let us file everything online, one portal, no more stamping the same papers three times.",
                "Customs brokers at {place} are still printing stuff, go fully digital already.",
                "One online form that both governments take would save us a ton of trouble.",
            ],
            [
                "A typo on a printed form sends the truck back to the end of the line.",
                "We spend more on printing and couriers than on the actual fees.",
            ],
        ),
        "es": (
            [
                "Que todo el papeleo de aduana se haga en linea, en un solo portal para los dos paises.",
                "Ya basta de sellar las mismas hojas tres veces en {place}, queremos todo digital.",
                "Un formato en internet que acepten ambos gobiernos nos ahorraria muchisimo.",
            ],
            [
                "Un error de dedo en una hoja impresa regresa el camion al final.",
                "Gastamos mas en copias y mensajeria que en los derechos.",
            ],
        ),
    },
    "chips_incentives": {
        "en": (
            [
                "Give tax breaks to companies that open chip assembly plants in {place}.",
                "If you want fabs and test houses here, cut their taxes for the first ten years.",
                "Make it cheaper for chipmakers to set up shop in {place}, right now Asia is cheaper.",
            ],
            [
                "Every plant that went to Malaysia could have come here.",
                "A plant brings hundreds of well paid jobs to a town.",
            ],
        ),
        "es": (
            [
                "Den exenciones de impuestos a las empresas que pongan plantas de chips en {place}.",
                "Si quieren que lleguen fabricas de microchips, que no paguen ISR los primeros años.",
                "Que salga mas barato armar circuitos aqui en {place} que en Asia.",
            ],
            [
                "Cada planta que se fue a Malasia pudo haber venido para aca.",
                "Una planta deja cientos de empleos bien pagados en el municipio.",
            ],
        ),
    },
    "chips_talent": {
        "en": (
            [
                "Teach kids at the tech colleges in {place} how to run a clean room and fix the tools.",
                "We can't hire enough techs who know chip equipment, fund programs that train them.",
                "Start two-year courses on circuit manufacturing at community colleges in {place}.",
            ],
            [
                "Our open technician jobs stay empty for six months.",
                "Graduates know theory but have never touched the equipment.",
            ],
        ),
        "es": (
            [
                "Que los tecnologicos de {place} enseñen a manejar cuartos limpios y equipo de chips.",
                "No encontramos tecnicos que sepan de circuitos, hay que pagar cursos para formarlos.",
                "Abran carreras cortas de manufactura de microchips en las escuelas tecnicas de {place}.",
            ],
            [
                "Las vacantes de tecnico duran meses sin cubrirse.",
                "Los egresados saben teoria pero nunca han tocado un equipo.",
            ],
        ),
    },
    "ev_charging": {
        "en": (
            [
                "Put plugs for electric semis every 100 miles along the I-35.",
                "There is nowhere to recharge a battery truck between Monterrey and Dallas, fix that.",
                "We want to buy e-trucks but there are zero places to plug them in near {place}.",
            ],
            [
                "Fleets will not switch if a truck can get stranded halfway.",
                "The buses in {place} could run on batteries if depots had power.",
            ],
        ),
        "es": (
            [
                "Pongan enchufes para camiones electricos cada 150 km en la carretera a la frontera.",
                "No hay donde recargar un autobus electrico entre Monterrey y {place}.",
                "Queremos comprar trocas electricas pero no hay donde conectarlas.",
            ],
            [
                "Ninguna flotilla se cambia si el camion se puede quedar tirado a medio camino.",
                "Los camiones urbanos de {place} podrian ser electricos si los patios tuvieran toma.",
            ],
        ),
    },
    "clean_grid": {
        "en": (
            [
                "Link the Texas and Mexican power systems with more high-voltage wires so sun and wind power can flow both ways.",
                "Build more lines across the border so the sunshine in Sonora can light up Arizona.",
                "Tie our electric systems together, when one side has extra power the other can use it.",
            ],
            [
                "During the 2021 freeze a stronger link would have kept lights on.",
                "Desert solar farms waste power because there is no line to carry it north.",
            ],
        ),
        "es": (
            [
                "Conecten mejor el sistema electrico de Mexico con el de Texas con mas cables de alta tension.",
                "Que el sol de Sonora pueda venderse a Arizona, hacen falta lineas que crucen.",
                "Unan las redes de luz de los dos paises para que se pasen la energia que sobra.",
            ],
            [
                "En la helada de 2021 una mejor conexion hubiera evitado apagones.",
                "Los parques de paneles en el desierto tiran energia porque no hay cable que la saque.",
            ],
        ),
    },
    "south_farmers_credit": {
        "en": (
            [
                "Small growers in {place} need cheap loans so they can sell abroad, banks won't touch them.",
                "Lend money at fair rates to the coffee and cacao families in {place}.",
                "The little farms in {place} can't get a bank loan to save their lives.",
            ],
            [
                "Loan sharks charge them 10 percent a month.",
                "Without money for seed and certification they sell to middlemen for nothing.",
            ],
        ),
        "es": (
            [
                "Los campesinos de {place} necesitan prestamos baratos, los bancos ni los pelan.",
                "Que haya lana a tasas justas para los pequeños productores de cafe de {place}.",
                "A la gente del campo en {place} nadie le presta para sembrar ni para exportar.",
            ],
            [
                "Los agiotistas les cobran el diez por ciento al mes.",
                "Sin dinero para la semilla venden su cosecha al coyote a precio de regalo.",
            ],
        ),
    },
    "south_roads": {
        "en": (
            [
                "Fix the dirt tracks to the villages in {place}, the produce rots before it reaches town.",
                "Blacktop the back roads in {place} so farmers can get their stuff to market.",
                "The way out of the mountain towns in {place} washes out every rainy season.",
            ],
            [
                "A two hour trip takes six when it rains.",
                "Trucks refuse to go up there, so people carry sacks on their backs.",
            ],
        ),
        "es": (
            [
                "Arreglen los caminos de terraceria a las comunidades de {place}, la cosecha se pudre antes de salir.",
                "Que pavimenten las brechas de {place} para sacar los productos al mercado.",
                "En temporada de lluvias los caminos de la sierra de {place} se deslavan.",
            ],
            [
                "Un viaje de dos horas se vuelve de seis cuando llueve.",
                "Las camionetas no quieren subir y la gente baja los costales en la espalda.",
            ],
        ),
    },
    "migration_visas": {
        "en": (
            [
                "Let more folks from {place} come work on US farms legally with a seasonal permit.",
                "Give more H2 slots to people from {place} so they don't have to risk the desert.",
                "Open more legal ways for workers from {place} to come for the harvest and go back home.",
            ],
            [
                "Farms in Georgia can't find hands and people in {place} want the work.",
                "A legal job offer beats paying a coyote.",
            ],
        ),
        "es": (
            [
                "Que den mas permisos de trabajo temporal en Estados Unidos a la gente de {place}.",
                "Mas lugares en el programa de jornaleros para los paisanos de {place}, para que no se arriesguen.",
                "Abran caminos legales para que la gente de {place} vaya a la pizca y regrese.",
            ],
            [
                "Los ranchos alla no encuentran quien trabaje y aqui sobra quien quiera.",
                "Es mejor un contrato legal que pagarle al pollero.",
            ],
        ),
    },
    "migration_jobs_home": {
        "en": (
            [
                "Young people leave {place} because there is no work, bring decent paying jobs there.",
                "If kids in {place} had a real paycheck at home they would not head north.",
                "Invest in factories and businesses in {place} so families can make a living without leaving.",
            ],
            [
                "Half of my classmates left before they turned twenty.",
                "Towns in {place} are full of old people and empty houses.",
            ],
        ),
        "es": (
            [
                "Los chavos se van de {place} porque no hay chamba, traigan trabajos bien pagados.",
                "Si hubiera sueldo digno aqui en {place} nadie se iria al norte.",
                "Que lleguen fabricas y negocios a {place} para que las familias vivan sin irse.",
            ],
            [
                "La mitad de mis compañeros se fueron antes de cumplir veinte.",
                "Los pueblos de {place} estan llenos de abuelitos y casas vacias.",
            ],
        ),
    },
    "south_tourism": {
        "en": (
            [
                "Help villages in {place} host visitors themselves: small seed money and hospitality classes.",
                "Back the eco-lodges and guides run by local families in {place}.",
                "Let communities in {place} run their own visitor businesses, with some start-up money.",
            ],
            [
                "Big resorts take the money and the villages get the trash.",
                "Backpackers already come, they just have nowhere to stay.",
            ],
        ),
        "es": (
            [
                "Apoyen a los pueblos de {place} para recibir visitantes, con cursos y un apoyo para arrancar.",
                "Que haya dinero para las cabañas y guias de las familias de {place}.",
                "Las comunidades de {place} pueden atender a los paseantes si les dan un empujon.",
            ],
            [
                "Los hoteles grandes se llevan la lana y al pueblo le dejan la basura.",
                "Ya llegan mochileros pero no hay donde se queden.",
            ],
        ),
    },
    "cyber_incidents": {
        "en": (
            [
                "When hackers hit a company on one side, warn the other side the same day.",
                "Set up a hotline between the two governments for computer attacks.",
                "We need a fast way to tell our Mexican partners about an intrusion before it spreads.",
            ],
            [
                "The same crew hit hospitals in both countries a week apart.",
                "We found out about a breach at a supplier from the newspaper.",
            ],
        ),
        "es": (
            [
                "Cuando hackeen a una empresa de un lado que avisen al otro lado el mismo dia.",
                "Hace falta una linea directa entre los dos gobiernos para ataques informaticos.",
                "Necesitamos una forma rapida de avisar a nuestros socios gringos de una intrusion.",
            ],
            [
                "La misma banda ataco hospitales de los dos paises con una semana de diferencia.",
                "Nos enteramos del hackeo a un proveedor por el periodico.",
            ],
        ),
    },
    "cyber_sme_training": {
        "en": (
            [
                "Mom-and-pop shops in {place} need free classes on how not to get hacked.",
                "Teach small business owners to spot phishing emails and back up their files, for free.",
                "Give little companies in {place} free antivirus and a workshop on passwords.",
            ],
            [
                "A bakery down the street lost all its records to a fake invoice email.",
                "Small firms can't pay for an IT person.",
            ],
        ),
        "es": (
            [
                "Los changarros de {place} necesitan talleres gratis para que no los hackeen.",
                "Enseñen a los dueños de negocios chiquitos a detectar correos falsos y respaldar su informacion.",
                "Denle a las empresas chicas de {place} antivirus gratis y un curso de contraseñas.",
            ],
            [
                "A una panaderia de mi colonia le secuestraron todos sus archivos con una factura falsa.",
                "Un negocio chico no puede pagar a alguien de sistemas.",
            ],
        ),
    },
    "rural_broadband": {
        "en": (
            [
                "Get fast wifi out to the ranches and small towns around {place}.",
                "Kids in the villages near {place} do homework on a phone with one bar, run fiber out there.",
                "Out in the countryside by {place} we still can't get online.",
            ],
            [
                "Telehealth means nothing if the signal drops.",
                "Farmers can't check prices or sell online without a signal.",
            ],
        ),
        "es": (
            [
                "Que llegue el wifi rapido a las rancherias y pueblitos de {place}.",
                "Los niños de las comunidades de {place} hacen la tarea con una rayita de señal, metan fibra optica.",
                "En los ranchos de {place} todavia no hay señal para conectarse.",
            ],
            [
                "La consulta medica a distancia no sirve si se cae la señal.",
                "Los productores no pueden ver precios ni vender en linea sin señal.",
            ],
        ),
    },
    "spectrum_rules": {
        "en": (
            [
                "Coordinate radio frequencies along the border so cell service on one side stops jamming the other.",
                "Phones in {place} keep roaming onto the Mexican carrier, agree on the airwaves.",
                "Both regulators should agree on who uses which frequencies near the line.",
            ],
            [
                "We pay roaming charges without ever leaving home.",
                "New towers can't go up until the interference issue is settled.",
            ],
        ),
        "es": (
            [
                "Que se pongan de acuerdo con las frecuencias en la frontera para que los celulares no se interfieran.",
                "En {place} el cel se pasa a la compañia gringa y cobran roaming, arreglen eso.",
                "Los dos reguladores deben acordar quien usa que frecuencias cerca de la linea.",
            ],
            [
                "Pagamos roaming sin salir de la casa.",
                "No se pueden poner antenas nuevas hasta que se resuelva la interferencia.",
            ],
        ),
    },
    "data_flows": {
        "en": (
            [
                "Don't force companies to keep customer info on servers inside each country.",
                "Let information move freely between the US and Mexico, no rules that lock it in local servers.",
                "Our cloud provider may have to build a second datacenter just to store Mexican files, please don't require that.",
            ],
            [
                "Storing everything twice doubles our costs.",
                "Startups can't afford a server in every country.",
            ],
        ),
        "es": (
            [
                "No obliguen a las empresas a guardar la informacion de sus clientes en servidores dentro del pais.",
                "Que la informacion pueda pasar libre entre Mexico y Estados Unidos sin exigir servidores locales.",
                "Si nos piden guardar los archivos solo en Mexico tendriamos que pagar otro centro de datos.",
            ],
            [
                "Guardar todo dos veces nos duplica los costos.",
                "Una empresa nueva no puede pagar un servidor en cada pais.",
            ],
        ),
    },
    "apprenticeships": {
        "en": (
            [
                "Let students learn on the job at plants in {place}, half in class and half on the shop floor, on both sides of the border.",
                "Pay young people to learn a trade with a mentor at companies in {place}.",
                "Set up earn-while-you-learn programs with businesses in {place} that count in both countries.",
            ],
            [
                "A welder trained on the line is hired before graduation.",
                "The diploma should be valid in El Paso and in Juarez alike.",
            ],
        ),
        "es": (
            [
                "Que los estudiantes aprendan el oficio dentro de las empresas de {place}, mitad en el aula y mitad en planta.",
                "Que les paguen a los chavos mientras aprenden un oficio con un maestro en las empresas de {place}.",
                "Programas de aprender trabajando con las empresas de {place} que valgan en los dos paises.",
            ],
            [
                "Un soldador que se forma en la linea sale contratado.",
                "El papel deberia valer igual en El Paso que en Juarez.",
            ],
        ),
    },
    "women_childcare": {
        "en": (
            [
                "Moms in {place} can't take a job because there is no daycare they can afford.",
                "Open more places to leave the little ones so mothers can go back to work.",
                "Fund nurseries near the factories in {place} so working moms don't have to quit.",
            ],
            [
                "Half the women I know quit after their first kid.",
                "Grandmas can't watch every child in the neighborhood.",
            ],
        ),
        "es": (
            [
                "Las mamas de {place} no pueden trabajar porque no hay donde dejar a los niños.",
                "Abran mas estancias para los chiquitos, asi las señoras pueden regresar a trabajar.",
                "Que pongan lugares para cuidar bebes cerca de las fabricas de {place} para que las trabajadoras no renuncien.",
            ],
            [
                "La mitad de mis amigas dejo de trabajar despues del primer hijo.",
                "Las abuelitas no pueden cuidar a todos los niños de la colonia.",
            ],
        ),
    },
    "women_finance": {
        "en": (
            [
                "Lend to businesses run by ladies in {place}, banks always ask for a husband's signature.",
                "Set up a fund that backs female-owned shops with low interest money.",
                "Women entrepreneurs in {place} can't get a business loan, change that.",
            ],
            [
                "Women repay at higher rates than men and still get turned down.",
                "My aunt runs a shop for twenty years and no bank will lend to her.",
            ],
        ),
        "es": (
            [
                "Presten a los negocios de señoras en {place}, el banco siempre pide la firma del esposo.",
                "Un fondo con intereses bajos para los negocios que llevan las mujeres.",
                "Las emprendedoras de {place} no consiguen un prestamo para su negocio, cambien eso.",
            ],
            [
                "Ellas pagan mejor que los hombres y aun asi las rechazan.",
                "Mi tia tiene su tiendita hace veinte años y ningun banco le presta.",
            ],
        ),
    },
    "labor_rights": {
        "en": (
            [
                "Workers at plants in {place} get fired for organizing, make companies respect that right.",
                "Let employees in {place} pick their own union and negotiate their contract without threats.",
                "Stop the protection contracts in {place}, workers should vote on their own deals.",
            ],
            [
                "People who speak up are on the street the next Monday.",
                "Most workers never saw the contract signed in their name.",
            ],
        ),
        "es": (
            [
                "A los obreros de las maquilas de {place} los corren por querer organizarse, que respeten ese derecho.",
                "Que los trabajadores de {place} escojan su propio sindicato y negocien su contrato sin amenazas.",
                "Acaben con los contratos de proteccion en {place}, que la gente vote su propio contrato.",
            ],
            [
                "Al que levanta la voz lo corren el lunes siguiente.",
                "La mayoria nunca vio el contrato que firmaron a su nombre.",
            ],
        ),
    },
}

# Near-topic distractors: a theme's key words, another matter (label None).
DISTRACTORS = {
    "en": [
        "I crossed the {place} bridge last week and the murals there are beautiful, keep them.",
        "The customs building at {place} has a broken restroom, someone should look at it.",
        "My son studies semiconductors in college and loves it, just wanted to say that.",
        "The trucks parked near my house at {place} leave trash everywhere.",
        "I read that electric cars are popular in Norway, interesting article.",
        "Our farm in {place} had a good coffee harvest this year, thank God.",
        "The internet at the {place} library is fine, but the chairs are old.",
        "Women in my church in {place} organized a bake sale for the school.",
        "My cousin got a work visa years ago and now he lives in Ohio.",
        "There was a hacking movie on TV about Mexico, it was pretty bad.",
        "The new highway sign near {place} is spelled wrong.",
        "I work at a daycare in {place} and we love our kids.",
    ],
    "es": [
        "Cruce el puente de {place} la semana pasada y los murales estan preciosos, que los cuiden.",
        "El baño del edificio de la aduana de {place} esta descompuesto, alguien que lo revise.",
        "Mi hijo estudia semiconductores en la universidad y le encanta, nada mas queria decirlo.",
        "Los camiones que se estacionan cerca de mi casa en {place} dejan basura por todos lados.",
        "Lei que los carros electricos estan de moda en Noruega, interesante nota.",
        "Nuestra finca en {place} tuvo buena cosecha de cafe este año, gracias a Dios.",
        "El internet de la biblioteca de {place} funciona bien, pero las sillas estan viejas.",
        "Las señoras de mi iglesia en {place} hicieron una kermes para la escuela.",
        "Mi primo saco visa de trabajo hace años y ahora vive en Ohio.",
        "Pasaron una pelicula de hackers en la tele sobre Mexico, estuvo bien mala.",
        "El letrero nuevo de la carretera cerca de {place} esta mal escrito.",
        "Trabajo en una guarderia en {place} y queremos mucho a nuestros niños.",
    ],
}
NOISE = {
    "en": [
        "Thanks for asking us, hope somebody reads this.",
        "Good luck to both countries, we are neighbors after all.",
        "I don't have a specific ask, just support the talks.",
        "Please put the results online when you're done.",
    ],
    "es": [
        "Gracias por preguntarnos, ojala alguien lea esto.",
        "Suerte a los dos paises, al final somos vecinos.",
        "No tengo una peticion en concreto, solo apoyo el dialogo.",
        "Por favor suban los resultados a internet cuando terminen.",
    ],
}
OPENERS = {
    "en": [
        "",
        "",
        "Hi,",
        "Hello there.",
        "I run a small business in {place}.",
        "Writing as a teacher from {place}.",
    ],
    "es": [
        "",
        "",
        "Buenas tardes.",
        "Hola.",
        "Soy comerciante de {place}.",
        "Les escribo como maestra de {place}.",
    ],
}
SIGNS = {"en": ["", "Thanks", "Cheers", "Regards"], "es": ["", "Gracias", "Saludos", "Atte."]}
TITLES = {
    "en": [
        "My comment",
        "Suggestion",
        "Please read",
        "Re: consultation",
        "Idea",
        "Comment from {place}",
    ],
    "es": [
        "Mi comentario",
        "Sugerencia",
        "Favor de leer",
        "Propuesta",
        "Idea",
        "Comentario desde {place}",
    ],
}
_ACCENTS = str.maketrans("áéíóúñÁÉÍÓÚÑü", "aeiounAEIOUNu")


def _typos(rng: random.Random, text: str) -> str:
    """A few slips of the keyboard: a dropped, doubled or swapped letter in some words."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) > 4 and word.isalpha() and rng.random() < 0.08:
            j = rng.randrange(1, len(word) - 1)
            kind = rng.randrange(3)
            if kind == 0:
                word = word[:j] + word[j + 1 :]
            elif kind == 1:
                word = word[:j] + word[j] + word[j:]
            else:
                word = word[: j - 1] + word[j] + word[j - 1] + word[j + 1 :]
            words[i] = word
    return " ".join(words)


def _pick(rng: random.Random, key: str, lang: str, place: str) -> tuple[str, str]:
    asks, reasons = OUTSIDE[key][lang]
    return rng.choice(asks).format(place=place), rng.choice(reasons).format(place=place)


def comment(
    rng: random.Random, ask: tuple[Any, ...] | None, lang: str, places: list[str]
) -> tuple[str, str]:
    """(title, body) of one outside-style comment of `ask` (None: noise or a distractor)."""
    place = rng.choice(places)
    other = "es" if lang == "en" else "en"
    parts: list[str] = []
    opener = rng.choice(OPENERS[lang]).format(place=place)
    if opener:
        parts.append(opener)
    if ask is None:
        pool = DISTRACTORS if rng.random() < 0.6 else NOISE
        parts.extend(s.format(place=place) for s in rng.sample(pool[lang], rng.randint(1, 2)))
    else:
        key = ask[0]
        core, reason = _pick(rng, key, lang, place)
        roll = rng.random()
        if roll < 0.35:  # one sentence
            parts.append(core)
        elif roll < 0.70:  # the ask and a reason
            parts += [core, reason]
        elif roll < 0.85:  # two asks: the second of another ask (the first is the label)
            second = rng.choice([k for k in OUTSIDE if k != key])
            also = _pick(rng, second, lang, place)[0]
            parts += [
                core,
                ("Also, " if lang == "en" else "Tambien, ") + also[:1].lower() + also[1:],
            ]
        else:  # code-switched: the reason (or the ask) in the other language
            if rng.random() < 0.5:
                parts += [core, _pick(rng, key, other, place)[1]]
            else:
                parts += [_pick(rng, key, other, place)[0], reason]
    sign = rng.choice(SIGNS[lang])
    text = " ".join(parts) + (f"\n{sign}" if sign else "")
    if rng.random() < 0.35:
        text = _typos(rng, text)
    if lang == "es" and rng.random() < 0.5:
        text = text.translate(_ACCENTS)
    if rng.random() < 0.3:
        text = text.lower()
    title = rng.choice(TITLES[lang]).format(place=place)
    return title, text
