"""Spanish for issue 16 (themes: the staff pages and people's corrections). "Theme" is
"asunto" (the glossary gives "tema" to a topic); a dismissed theme is "descartado"."""

ES = {
    # Corrections (app/themes/services.py)
    "Enter the theme's label in English.": "Escriba el nombre del asunto en inglés.",
    "Enter the theme's label in Spanish.": "Escriba el nombre del asunto en español.",
    "A label may be at most %(num)s characters long.": (
        "Un nombre puede tener como máximo %(num)s caracteres."
    ),
    "This theme is already dismissed.": "Este asunto ya está descartado.",
    "That comment is not in a theme.": "Ese comentario no está en ningún asunto.",
    "A comment cannot be moved into a dismissed theme.": (
        "No se puede pasar un comentario a un asunto descartado."
    ),
    "The comment is already in that theme.": "El comentario ya está en ese asunto.",
    "A comment can only be moved to a theme of the same consultation and pillar.": (
        "Un comentario solo puede pasarse a un asunto de la misma consulta y el mismo pilar."
    ),
    "A theme cannot be merged with itself.": "Un asunto no puede fusionarse consigo mismo.",
    "Only themes of the same consultation and pillar can be merged.": (
        "Solo pueden fusionarse asuntos de la misma consulta y el mismo pilar."
    ),
    "A theme cannot be merged into a dismissed theme.": (
        "Un asunto no puede fusionarse con un asunto descartado."
    ),
}
