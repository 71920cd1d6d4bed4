"""Spanish for the exports and feeds areas (merged into the catalogue by the lead)."""

ES = {
    "Audience": "Destinatarios",
    "All consultations": "Todas las consultas",
    "Public: approved and consented comments only": (
        "Pública: solo comentarios aprobados y con consentimiento"
    ),
    "Internal: every column, e-mail included": (
        "Interna: todas las columnas, correo electrónico incluido"
    ),
    "Data exports": "Exportación de datos",
    "Choose the comments with the same filters as the moderation queue, then download them as a spreadsheet or as data.": (  # noqa: E501
        "Elija los comentarios con los mismos filtros que la cola de moderación y descárguelos "
        "como hoja de cálculo o como datos."
    ),
    "Some filters were not understood. Correct them to download.": (
        "Algunos filtros no se entendieron. Corríjalos para descargar."
    ),
    "Download": "Descargar",
    "%(num)s comment matches.": (
        "%(num)s comentario coincide.",
        "%(num)s comentarios coinciden.",
    ),
    "Public export: approved comments whose authors consented to publication; names and organizations only where they consented to be named; no e-mail addresses; the public (edited) text.": (  # noqa: E501
        "Exportación pública: comentarios aprobados cuyos autores aceptaron su publicación; "
        "nombres y organizaciones solo cuando aceptaron aparecer con su nombre; sin direcciones "
        "de correo electrónico; el texto público (editado)."
    ),
    "Internal export: for the secretariat only. It includes e-mail addresses and the names of people who did not consent to be named. Do not publish it.": (  # noqa: E501
        "Exportación interna: solo para el secretariado. Incluye direcciones de correo "
        "electrónico y los nombres de personas que no aceptaron aparecer con su nombre. "
        "No la publique."
    ),
    "CSV (opens in Excel)": "CSV (se abre en Excel)",
    "Excel workbook (XLSX)": "Libro de Excel (XLSX)",
    "JSON": "JSON",
    "NDJSON (one JSON object per line)": "NDJSON (un objeto JSON por línea)",
    "Columns:": "Columnas:",
    "Text that a spreadsheet could run as a formula (starting with =, +, -, @ or a tab or line break) is prefixed with an apostrophe.": (  # noqa: E501
        "El texto que una hoja de cálculo podría ejecutar como fórmula (el que empieza con =, +, "
        "-, @, un tabulador o un salto de línea) lleva un apóstrofo al inicio."
    ),
    "Anonymous": "Anónimo",
    "Published comments (Atom feed)": "Comentarios publicados (canal Atom)",
}
