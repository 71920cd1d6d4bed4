"""Spanish for issue 16 (themes, foundation): who placed a comment, what a build found, and
the messages of `flask themes build`. "Theme" is "asunto" here: the glossary already gives
"tema" to a topic (pilar / tema / sector), and a theme must not read as a topic."""

ES = {
    "Found by the analysis": "Encontrado por el análisis",
    "Made by a person": "Creado por una persona",
    "Grouped by the analysis": "Agrupado por el análisis",
    "Joined when approved": "Incorporado al aprobarse",
    "Placed by a person": "Colocado por una persona",
    "No approved comments": "No hay comentarios aprobados",
    "No consultation “%(slug)s”.": "No existe la consulta “%(slug)s”.",
    "No pillar “%(code)s”.": "No existe el pilar “%(code)s”.",
    "%(slug)s: no approved comments to group; nothing was written.": (
        "%(slug)s: no hay comentarios aprobados que agrupar; no se guardó nada."
    ),
    "%(slug)s: reading the comments": "%(slug)s: lectura de los comentarios",
    "Saving the themes…": "Guardando los asuntos…",
    "%(slug)s: %(num)d theme; %(themed)d of %(total)d comments in a theme (%(seconds)s s).": (
        "%(slug)s: %(num)d asunto; %(themed)d de %(total)d comentarios en un asunto "
        "(%(seconds)s s).",
        "%(slug)s: %(num)d asuntos; %(themed)d de %(total)d comentarios en un asunto "
        "(%(seconds)s s).",
    ),
    "Kept what people decided: %(labels)d renamed, %(dismissed)d dismissed, %(made)d made "
    "by hand, %(placed)d comments placed by hand.": (
        "Se conservó lo que decidieron las personas: %(labels)d con nombre cambiado, "
        "%(dismissed)d descartados, %(made)d creados a mano, %(placed)d comentarios colocados "
        "a mano."
    ),
}
