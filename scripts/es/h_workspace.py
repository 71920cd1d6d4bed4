"""Spanish for issue 16, point 1: the reading workspace (app/reading, templates/reading) and its
links and marks on the agenda and theme pages. "Theme" is "asunto" (the glossary gives "tema"
to a topic); the public packet is "la carpeta pública", as on the packets page."""

ES = {
    # The staff menu and the page (app/navigation.py, app/templates/reading/comments.html)
    "Approved comments": "Comentarios aprobados",
    "Every approved comment in full, as its author wrote it. The public reads only the "
    "comments cleared for publication, in their public version: the others are marked here "
    "and are not in the public packet.": (
        "Cada comentario aprobado completo, tal como lo escribió su autor. El público solo lee "
        "los comentarios aptos para publicación, en su versión pública: los demás se señalan "
        "aquí y no forman parte de la carpeta pública."
    ),
    "All approved comments of %(title)s": "Todos los comentarios aprobados de %(title)s",
    "No approved comment has that number: it may have been withdrawn or sent back to moderation.": (
        "Ningún comentario aprobado tiene ese número: es posible que se haya retirado o que "
        "haya vuelto a moderación."
    ),
    "All approved comments": "Todos los comentarios aprobados",
    "There is no consultation yet.": "Todavía no hay ninguna consulta.",
    "Show": "Mostrar",
    "%(num)s approved comment matches.": (
        "%(num)s comentario aprobado coincide.",
        "%(num)s comentarios aprobados coinciden.",
    ),
    "Matching comments by pillar": "Comentarios que coinciden, por pilar",
    "Per pillar, main or second: a comment with a second pillar counts under both.": (
        "Por pilar, principal o segundo: un comentario con segundo pilar cuenta en ambos."
    ),
    "Every pillar": "Todos los pilares",
    "This consultation has no approved comments yet.": (
        "Esta consulta todavía no tiene comentarios aprobados."
    ),
    "Pillars": "Pilares",
    "Not cleared for publication": "No apto para publicación",
    "not in the public packet nor on the public record": (
        "no forma parte de la carpeta pública ni del registro público"
    ),
    "Redacted for the public": "Editado para el público",
    "Open in moderation": "Abrir en moderación",
    "Public version (what the public reads)": "Versión pública (lo que lee el público)",
    "In no theme": "En ningún asunto",
    # The filters (app/reading/forms.py, app/reading/views.py)
    "Cleared for publication": "Apto para publicación",
    "%(label)s (dismissed)": "%(label)s (descartado)",
    "Some filters were not understood and were ignored: %(names)s.": (
        "Algunos filtros no son válidos y no se aplicaron: %(names)s."
    ),
    # The meeting page (app/templates/agenda/meeting.html)
    "Not in the public packet": "Fuera de la carpeta pública",
    "%(num)s comment on this agenda is not cleared for publication: it is marked below and the "
    "public packet leaves it out.": (
        "%(num)s comentario de este orden del día no es apto para publicación: se señala abajo "
        "y la carpeta pública no lo incluye.",
        "%(num)s comentarios de este orden del día no son aptos para publicación: se señalan "
        "abajo y la carpeta pública no los incluye.",
    ),
    # The theme page (app/templates/themes/theme.html)
    "Read this theme's comments in full": "Leer completos los comentarios de este asunto",
}
