"""Spanish for the outcomes of themes (merged with scripts/fill_translations.py). "Theme" is
"asunto" and the outcome kinds keep their words (scripts/es/outcomes.py), as the catalogue has
them."""

ES = {
    "Your comment is part of the theme “%(theme)s”.": (
        "Su comentario forma parte del asunto «%(theme)s»."
    ),
    "This comment is part of the theme “%(theme)s”.": (
        "Este comentario forma parte del asunto «%(theme)s»."
    ),
    "A dismissed theme cannot have an outcome.": (
        "Un asunto descartado no puede tener un resultado."
    ),
    "A theme with an outcome cannot be merged into another; merge the other into it.": (
        "Un asunto con resultado no puede fusionarse con otro; fusione el otro con este."
    ),
    "Only in one comment's answer: what the dialogue did with the theme that holds it "
    "(kind, note, the theme's label and its pillar's code); an empty list until then.": (
        "Solo en la respuesta de un comentario: lo que resolvió el diálogo sobre el asunto que "
        "lo incluye (tipo, nota, el nombre del asunto y el código de su pilar); una lista vacía "
        "mientras tanto."
    ),
    "%(path)s lists the same for each theme that has an outcome and at least one published "
    "comment (the theme's label in both languages and its pillar), with the ids of its "
    "published comments, 50 a page; %(parameter)s works there too. One comment's answer "
    "carries the outcome of its theme in theme_outcomes.": (
        "%(path)s da lo mismo para cada asunto que tiene un resultado y al menos un comentario "
        "publicado (el nombre del asunto en ambos idiomas y su pilar), con los identificadores "
        "de sus comentarios publicados, 50 por página; %(parameter)s también sirve allí. La "
        "respuesta de un comentario trae el resultado de su asunto en theme_outcomes."
    ),
}
ES.update(
    {
        "Your comment is part of a theme.": "Su comentario forma parte de un asunto.",
        "This comment is part of a theme.": "Este comentario forma parte de un asunto.",
    }
)
