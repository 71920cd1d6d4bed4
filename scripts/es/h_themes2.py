"""Spanish for issue 16, points 2, 3, 4 and 6 (second pass): splitting a theme, the comments
that joined a theme since its last review, "Propose from themes" on a meeting page and the
rebuild's queue. "Theme" is "asunto" (the glossary gives "tema" to a topic)."""

ES = {
    # Split (app/themes/services.py, forms.py, views.py, templates/themes/theme.html)
    "Choose the comments to move to the new theme.": (
        "Elija los comentarios que pasarán al nuevo asunto."
    ),
    "Choose only comments of this theme.": "Elija solo comentarios de este asunto.",
    "Leave at least one comment in this theme; to call it something else, rename it.": (
        "Deje al menos un comentario en este asunto; si quiere llamarlo de otra manera, "
        "cámbiele el nombre."
    ),
    "Comments to move": "Comentarios que se moverán",
    "New theme's label in English": "Nombre del nuevo asunto en inglés",
    "New theme's label in Spanish": "Nombre del nuevo asunto en español",
    "%(num)s comment was moved to the new theme; a rebuild keeps it there.": (
        "Se movió %(num)s comentario al nuevo asunto; al reconstruir se conserva ahí.",
        "Se movieron %(num)s comentarios al nuevo asunto; al reconstruir se conservan ahí.",
    ),
    "Split off": "Separar",
    "Move “%(title)s” to the new theme": "Mover “%(title)s” al nuevo asunto",
    "Split off a new theme": "Separar en un asunto nuevo",
    "Tick the comments in the list above that ask for something else, and give their new "
    "theme a label in each language. The comments move together; a rebuild keeps them there.": (
        "Marque en la lista de arriba los comentarios que piden otra cosa y dé a su nuevo "
        "asunto un nombre en cada idioma. Los comentarios se mueven juntos; al reconstruir "
        "se conservan ahí."
    ),
    "Move the ticked comments to a new theme": "Mover los comentarios marcados a un asunto nuevo",
    # Joined since the last review (app/templates/themes/)
    "Joined since the last review": "Nuevos desde la última revisión",
    "Not reviewed yet": "Sin revisar",
}
