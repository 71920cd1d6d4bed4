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
    # Pages (app/templates/themes/, app/themes/views.py, app/themes/forms.py)
    "What the approved comments ask for, per consultation and pillar, in English and Spanish "
    "together. Support counts a form-letter campaign once. Open a theme to read its comments "
    "and correct it.": (
        "Lo que piden los comentarios aprobados, por consulta y pilar, en inglés y en español a "
        "la vez. El respaldo cuenta una campaña de cartas modelo una sola vez. Abra un asunto "
        "para leer sus comentarios y corregirlo."
    ),
    "Support": "Respaldo",
    "Dismissed": "Descartado",
    "No themes yet: build them with “flask themes build”.": (
        "Aún no hay asuntos: genérelos con “flask themes build”."
    ),
    "a form-letter campaign counts once": "una campaña de cartas modelo cuenta una sola vez",
    "Mark as reviewed": "Marcar como revisado",
    "Dismiss as noise": "Descartar como ruido",
    "Merge": "Fusionar",
    "Move “%(title)s” to theme": "Pasar “%(title)s” al asunto",
    "Merge this theme into": "Fusionar este asunto con",
    "The theme was renamed; a rebuild keeps both labels.": (
        "Se cambió el nombre del asunto; al regenerarlos se conservan ambos nombres."
    ),
    "The theme was dismissed as noise; a rebuild keeps it dismissed.": (
        "El asunto se descartó como ruido; al regenerarlos seguirá descartado."
    ),
    "The theme is marked as reviewed.": "El asunto quedó marcado como revisado.",
    "The two themes were merged; a rebuild keeps them together.": (
        "Se fusionaron los dos asuntos; al regenerarlos seguirán juntos."
    ),
    "Themes": "Asuntos",
    "Theme": "Asunto",
    "Reviewed": "Revisado",
    "Not yet": "Todavía no",
    "All themes": "Todos los asuntos",
    "Label in English": "Nombre en inglés",
    "Label in Spanish": "Nombre en español",
    "Share": "Proporción",
    "By country": "Por país",
    "Correct this theme": "Corregir este asunto",
    "The theme's comments, oldest first": (
        "Los comentarios del asunto, del más antiguo al más reciente"
    ),
    "Move to theme": "Pasar al asunto",
    "No comment is in this theme.": "Este asunto no tiene comentarios.",
    "The comment was moved to “%(label)s”.": "El comentario pasó a “%(label)s”.",
    # The theme page's counts and quotes (app/themes/queries.summary).
    "Counts and quotes cover the theme's approved comments.": (
        "Los conteos y las citas abarcan los comentarios aprobados del asunto."
    ),
    "Comments by state or region": "Comentarios por ubicación",
}
