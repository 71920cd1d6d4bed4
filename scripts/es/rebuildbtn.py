"""Spanish for issue 16 point 2: the "Rebuild themes" button on the themes page and the status
line of the latest build. "Theme" is "asunto" (scripts/es/themes_ui.py); "build" of themes is
"agrupación" / "agrupar"."""

ES = {
    "Rebuild themes": "Volver a agrupar los asuntos",
    "Latest build:": "Última agrupación:",
    "%(percent)s%% (%(done)s of %(total)s comments); refresh this page to follow it.": (
        "%(percent)s %% (%(done)s de %(total)s comentarios); actualice esta página para "
        "seguir el avance."
    ),
    "It stopped reporting; rebuild the themes again.": (
        "Dejó de informar su avance; vuelva a agrupar los asuntos."
    ),
    "Not built yet.": "Todavía no se han agrupado.",
    "No consultations yet.": "Todavía no hay consultas.",
    "Its themes are already being rebuilt; refresh this page to follow it.": (
        "Ya se están volviendo a agrupar sus asuntos; actualice esta página para seguir el avance."
    ),
    "This consultation has no approved comments to group; nothing was written.": (
        "Esta consulta no tiene comentarios aprobados que agrupar; no se guardó nada."
    ),
    "The themes are being rebuilt; refresh this page to follow the progress.": (
        "Se están volviendo a agrupar los asuntos; actualice esta página para seguir el avance."
    ),
}
