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
        "Se movió %(num)s comentario al nuevo asunto; al volver a agrupar se queda ahí.",
        "Se movieron %(num)s comentarios al nuevo asunto; al volver a agrupar se quedan ahí.",
    ),
    "Split off": "Separar",
    "Move “%(title)s” to the new theme": "Mover “%(title)s” al nuevo asunto",
    "Split off a new theme": "Separar en un asunto nuevo",
    "Tick the comments in the list above that ask for something else, and give their new "
    "theme a label in each language. The comments move together; a rebuild keeps them there.": (
        "Marque en la lista de arriba los comentarios que piden otra cosa y dé a su nuevo "
        "asunto un nombre en cada idioma. Los comentarios se mueven juntos; al volver a "
        "agrupar se quedan ahí."
    ),
    "Move the ticked comments to a new theme": "Mover los comentarios marcados a un asunto nuevo",
    # Joined since the last review (app/templates/themes/)
    "Joined since the last review": "Nuevos desde la última revisión",
    "Not reviewed yet": "Sin revisar",
    # Propose from themes (app/agenda/views.py, templates/agenda/meeting.html)
    "Propose from themes": "Proponer a partir de los asuntos",
    "Fills each pillar's item with up to %(num)s of its strongest themes (what the comments "
    "ask for): each theme's approved comments are placed on the item together, theme after "
    "theme. What is already on the agenda stays where it is.": (
        "Completa el punto de cada pilar con hasta %(num)s de sus asuntos principales (lo que "
        "piden los comentarios): los comentarios aprobados de cada asunto se incluyen juntos en "
        "el punto, un asunto tras otro. Lo que ya está en el orden del día se queda donde está."
    ),
    "No theme to propose: the pillars of this agenda have no themes in its consultations "
    "yet. Build them on the themes page first.": (
        "No hay asuntos que proponer: los pilares de este orden del día aún no tienen "
        "asuntos en sus consultas. Primero agrúpelos en la página de asuntos."
    ),
    "The top themes' comments are all on the agenda already; nothing was added.": (
        "Los comentarios de los asuntos principales ya están todos en el orden del día; "
        "no se agregó nada."
    ),
    "Proposed from themes: items filled: %(items)s; themes: %(themes)s; comments placed: "
    "%(comments)s.": (
        "Propuesto a partir de los asuntos: puntos completados: %(items)s; asuntos: "
        "%(themes)s; comentarios incluidos: %(comments)s."
    ),
    "Themes:": "Asuntos:",
    # The command line (app/themes/cli.py)
    "%(slug)s: its themes are being built already; try again when that ends.": (
        "%(slug)s: ya se están agrupando sus asuntos; inténtelo de nuevo cuando termine."
    ),
}
