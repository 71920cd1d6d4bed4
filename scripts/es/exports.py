"""Spanish for the exports and feeds areas (merged into the catalogue by the lead)."""

ES = {
    "All consultations": "Todas las consultas",
    "Internal: every column, e-mail included": (
        "Interna: todas las columnas, correo electrónico incluido"
    ),
    "Data exports": "Exportación de datos",
    "Choose the comments with the same filters as the moderation queue, then download them as a spreadsheet or as data.": (  # noqa: E501
        "Elija los comentarios con los mismos filtros que la cola de moderación y descárguelos "
        "como hoja de cálculo o como datos."
    ),
    "Download": "Descargar",
    "%(num)s comment matches.": (
        "%(num)s comentario coincide.",
        "%(num)s comentarios coinciden.",
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
