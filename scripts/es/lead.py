"""Spanish for the lead's own strings (merged with scripts/fill_translations.py)."""

ES = {
    "This form was already sent and received as %(code)s. Your changes are below: send them"
    " as a new comment, or leave the page to keep only the first one.": (
        "Este formulario ya se envió y se recibió como %(code)s. Sus cambios están abajo:"
        " envíelos como un comentario nuevo, o salga de la página para conservar solo el"
        " primero."
    ),
    "Campaigns": "Campañas",
    "Meetings": "Reuniones",
    "Exports": "Exportaciones",
    "Administration": "Administración",
    "Export this view": "Exportar esta vista",
}
