"""Spanish for form-letter campaigns (merged with scripts/fill_translations.py)."""

ES = {
    # queue (app/moderation)
    "Campaigns": "Campañas",
    "In a campaign (largest first)": "En una campaña (las más grandes primero)",
    "Not in a campaign": "Fuera de campañas",
    "Campaigns, largest first": "Campañas, las más grandes primero",
    # list
    "Groups of near-identical comments (form letters), largest first. Open one to see its "
    "members' differences from the first text and to decide every pending member at once.": (
        "Grupos de comentarios casi idénticos (cartas modelo), los más grandes primero. Abra "
        "uno para ver en qué difiere cada integrante del primer texto y para decidir de una "
        "sola vez sobre todos los pendientes."
    ),
    "Campaign": "Campaña",
    "First text": "Primer texto",
    "Comments": "Comentarios",
    "Previous page": "Página anterior",
    "No campaigns: no two comments are near-identical so far.": (
        "No hay campañas: hasta ahora no hay dos comentarios casi idénticos."
    ),
    # one campaign
    "All campaigns": "Todas las campañas",
    "%(num)s comment": ("%(num)s comentario", "%(num)s comentarios"),
    "%(num)s pending": ("%(num)s pendiente", "%(num)s pendientes"),
    "First text (the campaign's representative)": "Primer texto (el que representa a la campaña)",
    "Organizations": "Organizaciones",
    "No organization given": "Sin organización",
    "Sectors": "Sectores",
    "Decide the campaign": "Decidir sobre la campaña",
    "Apply to %(num)s pending comment": (
        "Aplicar a %(num)s comentario pendiente",
        "Aplicar a los %(num)s comentarios pendientes",
    ),
    "No member is pending.": "Ningún integrante está pendiente.",
    "Members": "Integrantes",
    "Oldest first. Words that differ from the first text are marked: struck through where the "
    "first text has them, highlighted where this comment adds them.": (
        "Del más antiguo al más reciente. Las palabras que difieren del primer texto están "
        "marcadas: tachadas donde el primer texto las tiene y resaltadas donde este comentario "
        "las agrega."
    ),
    "The campaign's first text.": "El primer texto de la campaña.",
    "More members": "Más integrantes",
    # forms
    "Decision for every pending comment of the campaign": (
        "Decisión para todos los comentarios pendientes de la campaña"
    ),
    "Note (internal, optional; recorded on every comment)": (
        "Nota (interna, opcional; se registra en cada comentario)"
    ),
    # messages
}
