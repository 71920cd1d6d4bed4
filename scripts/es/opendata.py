"""Spanish for the outcomes on the public record and API, and the open data page (merged with
scripts/fill_translations.py)."""

ES = {
    "With an outcome": "Con un resultado",
    "Outcomes": "Resultados",
    "%(path)s lists a consultation's published comments, newest first, 50 a page. It takes "
    "the public record's filters (q, pillar, topic, sector, country, state, language, outcome, "
    "campaign); follow next for the following page. An unknown parameter is an error, not "
    "ignored.": (
        "%(path)s da los comentarios publicados de una consulta, del más reciente al más "
        "antiguo, 50 por página. Acepta los filtros del registro público (q, pillar, topic, "
        "sector, country, state, language, outcome, campaign); siga next para obtener la "
        "página siguiente. Un parámetro desconocido es un error, no se pasa por alto."
    ),
    "%(path)s lists what the dialogue did with each agenda item that has an outcome (its "
    "current one: kind, note in both languages, the item and its meeting) and the ids of the "
    "published comments the item holds, 50 a page. Add %(parameter)s for one "
    "consultation's.": (
        "%(path)s da lo que resolvió el diálogo sobre cada punto del orden del día que tiene un "
        "resultado (el vigente: tipo, nota en ambos idiomas, el punto y su reunión) y los "
        "identificadores de los comentarios publicados que incluye el punto, 50 por página. "
        "Agregue %(parameter)s para los de una sola consulta."
    ),
    # The open data page and `flask opendata publish`.
    "Open data": "Datos abiertos",
    "Download all published comments (open data)": (
        "Descargar todos los comentarios publicados (datos abiertos)"
    ),
    "Every published comment of each consultation, in two files to download: NDJSON "
    "compressed with gzip (one JSON object a line) and CSV (UTF-8, for spreadsheets). They "
    "hold the same comments, in the same public text, as the public record: only approved "
    "comments whose authors agreed to publication, named only when they agreed to be; e-mail "
    "addresses are never published.": (
        "Todos los comentarios publicados de cada consulta, en dos archivos para descargar: "
        "NDJSON comprimido con gzip (un objeto JSON por línea) y CSV (UTF-8, para hojas de "
        "cálculo). Contienen los mismos comentarios, con el mismo texto público, que el "
        "registro público: solo comentarios aprobados cuyos autores aceptaron su publicación, "
        "con su nombre solo cuando lo autorizaron; las direcciones de correo electrónico "
        "nunca se publican."
    ),
    "Licence:": "Licencia:",
    "Last update: %(when)s (UTC).": "Última actualización: %(when)s (UTC).",
    "The files are rebuilt after moderation: a comment withdrawn, rejected or disputed is "
    "gone from the next build. Check a download against its SHA-256 checksum (sha256sum on "
    "Linux, shasum -a 256 on macOS). To follow new comments as they are published, use the "
    "API.": (
        "Los archivos se vuelven a generar después de la moderación: un comentario retirado, "
        "rechazado o reportado como no enviado desaparece de la siguiente versión. Verifique "
        "cada descarga con su suma de verificación SHA-256 (sha256sum en Linux, shasum -a 256 "
        "en macOS). "
        "Para seguir los comentarios nuevos a medida que se publican, use la API."
    ),
    "Files": "Archivos",
    "Files of each consultation": "Archivos de cada consulta",
    "Built": "Generado",
    "No files have been published yet.": "Todavía no se ha publicado ningún archivo.",
    "Data dictionary": "Diccionario de datos",
    "One record per comment, oldest first, with these fields in this order (the CSV's "
    "columns, the NDJSON's keys). An empty CSV cell is null in the NDJSON. In the CSV, a cell "
    "that begins with =, +, -, @ or a tab begins with an apostrophe, so that no spreadsheet "
    "runs it as a formula.": (
        "Un registro por comentario, del más antiguo al más reciente, con estos campos en este "
        "orden (las columnas del CSV, las claves del NDJSON). Una celda vacía del CSV es null "
        "en el NDJSON. En el CSV, una celda que empieza con =, +, -, @ o un tabulador empieza "
        "con un apóstrofo, para que ninguna hoja de cálculo la ejecute como fórmula."
    ),
    "The author's name, only when they agreed to be named.": (
        "El nombre del autor, solo cuando aceptó que se le nombrara."
    ),
    "The author's organization, only when they agreed to be named.": (
        "La organización del autor, solo cuando aceptó que se le nombrara."
    ),
    "The code of its second pillar, or empty.": "El código de su segundo pilar, o vacío.",
    "The codes of its topics (in the CSV, separated by “; ”).": (
        "Los códigos de sus temas (en el CSV, separados por «; »)."
    ),
    "The author's state (ISO 3166-2 code), or empty.": (
        "El estado del autor (código ISO 3166-2), o vacío."
    ),
    "When others sent the same letter: the id of the comment that stands for them all; "
    "otherwise empty.": (
        "Cuando otras personas enviaron la misma carta: el identificador del comentario que "
        "las representa a todas; si no, vacío."
    ),
    "No consultation has the address “%(slug)s”. Nothing was written.": (
        "Ninguna consulta tiene la dirección «%(slug)s». No se escribió nada."
    ),
    "%(slug)s: %(num)s comments": "%(slug)s: %(num)s comentarios",
    "%(slug)s: %(rows)s rows in %(seconds)s s.": "%(slug)s: %(rows)s filas en %(seconds)s s.",
}
