"""Spanish for the public record and the API's human page (merged with
scripts/fill_translations.py)."""

ES = {
    "Published comments": "Comentarios publicados",
    "Comments approved by the moderators and published with their authors' consent, newest "
    "first. Authors are named only when they agreed to be.": (
        "Comentarios aprobados por los moderadores y publicados con el consentimiento de sus "
        "autores, del más reciente al más antiguo. Solo aparece el nombre de quienes aceptaron "
        "que se publicara."
    ),
    "Everyone who sent the same letter as “%(title)s”.": (
        "Todas las personas que enviaron la misma carta que “%(title)s”."
    ),
    "All comments": "Todos los comentarios",
    "Comments by main pillar": "Comentarios por pilar principal",
    "Search titles and comments": "Buscar en títulos y comentarios",
    "Country": "País",
    "a state of a country\x04State": "Estado",
    "No comments have been published yet.": "Todavía no se ha publicado ningún comentario.",
    "and %(num)s other sent the same letter": (
        "y %(num)s persona más envió la misma carta",
        "y otras %(num)s personas enviaron la misma carta",
    ),
    "%(num)s other person sent the same letter": (
        "%(num)s persona más envió la misma carta",
        "Otras %(num)s personas enviaron la misma carta",
    ),
    "Author": "Autor",
    "Read the published comments": "Lea los comentarios publicados",
    "Check the status of your comment": "Consulte el estatus de su comentario",
    "Follow new comments (Atom feed)": "Siga los comentarios nuevos (canal Atom)",
    # the API's human page (/<lang>/api) and the fields it lists (app/api/openapi.py)
    "Open data API": "API de datos abiertos",
    "The published comments of every consultation, free to reuse, read-only and in JSON: the "
    "same comments, in the same public text, as the public record shows. Authors are named "
    "only when they agreed to be; e-mail addresses are never published.": (
        "Los comentarios publicados de cada consulta, de libre reutilización, de solo lectura y "
        "en JSON: los mismos comentarios, con el mismo texto público, que muestra el registro "
        "público. Solo aparece el nombre de quienes aceptaron que se publicara; los correos "
        "electrónicos nunca se publican."
    ),
    "The API's description (OpenAPI 3.1)": "La descripción de la API (OpenAPI 3.1)",
    "%(path)s lists a consultation's published comments, newest first, 50 a page. It takes "
    "the public record's filters (q, pillar, topic, sector, country, state, language, "
    "campaign); follow next for the following page. An unknown parameter is an error, not "
    "ignored.": (
        "%(path)s da los comentarios publicados de una consulta, del más reciente al más "
        "antiguo, 50 por página. Acepta los filtros del registro público (q, pillar, topic, "
        "sector, country, state, language, campaign); siga next para obtener la página "
        "siguiente. Un parámetro desconocido es un error, no se pasa por alto."
    ),
    "The fields of a comment": "Los campos de un comentario",
    "Caching and limits": "Caché y límites",
    "Every answer has an ETag: send it back in If-None-Match and an unchanged answer is a 304 "
    "with no body. Each client may make a limited number of requests a minute and an hour; the "
    "RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers say where it stands, and a "
    "429 says in Retry-After how many seconds to wait. Errors are RFC 9457 problem details "
    "(application/problem+json).": (
        "Cada respuesta lleva un ETag: envíelo de vuelta en If-None-Match y, si la respuesta no "
        "cambió, recibirá un 304 sin contenido. Cada cliente puede hacer un número limitado de "
        "solicitudes por minuto y por hora; los encabezados RateLimit-Limit, RateLimit-Remaining "
        "y RateLimit-Reset indican cuánto le queda, y un 429 indica en Retry-After cuántos "
        "segundos debe esperar. Los errores son detalles de problema RFC 9457 "
        "(application/problem+json)."
    ),
    "The comment's public id: random, permanent, never its tracking code.": (
        "El identificador público del comentario: aleatorio, permanente, nunca su código de "
        "seguimiento."
    ),
    "The address (slug) of the consultation it answers.": (
        "La dirección (slug) de la consulta a la que responde."
    ),
    "Its title as published (edited by a moderator when it held personal data).": (
        "Su título tal como se publicó (editado por un moderador cuando contenía datos personales)."
    ),
    "Its text as published, in the language it was written in.": (
        "Su texto tal como se publicó, en el idioma en que se escribió."
    ),
    "The language it was written in: en or es.": "El idioma en que se escribió: en o es.",
    "Name and organization, only when the author agreed to be named; otherwise null.": (
        "Nombre y organización, solo cuando el autor aceptó que se publicara su nombre; si no, "
        "null."
    ),
    "The code of the sector the author represents (see the taxonomy).": (
        "El código del sector que representa el autor (vea la taxonomía)."
    ),
    "The code of its main pillar.": "El código de su pilar principal.",
    "The code of its second pillar, or null.": "El código de su segundo pilar, o null.",
    "The codes of its topics.": "Los códigos de sus temas.",
    "The author's country: MX or US.": "El país del autor: MX o US.",
    "The author's state (ISO 3166-2 code), or null.": (
        "El estado del autor (código ISO 3166-2), o null."
    ),
    "When it was received (UTC, ISO 8601).": "Cuándo se recibió (UTC, ISO 8601).",
    "When others sent the same letter: the id of the comment that stands for them all and how "
    "many others sent it; otherwise null.": (
        "Cuando otras personas enviaron la misma carta: el identificador del comentario que las "
        "representa a todas y cuántas más la enviaron; si no, null."
    ),
    "This comment in the API.": "Este comentario en la API.",
    "Its page on the public record, in English and in Spanish.": (
        "Su página en el registro público, en inglés y en español."
    ),
}
