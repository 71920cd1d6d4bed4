"""Spanish for the public record and the API's human page (merged with
scripts/fill_translations.py)."""

ES = {
    "Published comments": "Comentarios publicados",
    "Comments approved by the moderators and published with their authors' consent, newest "
    "first. Authors are named only when they agreed to be.": (
        "Comentarios aprobados por los moderadores y publicados con el consentimiento de sus "
        "autores, del más reciente al más antiguo. Solo aparece el nombre de quienes aceptaron "
        "que se publicara."
    ),
    "Everyone who sent the same letter as “%(title)s”.": (
        "Todas las personas que enviaron la misma carta que “%(title)s”."
    ),
    "All comments": "Todos los comentarios",
    "Comments by main pillar": "Comentarios por pilar principal",
    "Search titles and comments": "Buscar en títulos y comentarios",
    "Country": "País",
    "a state of a country\x04State": "Estado",
    "No comments have been published yet.": "Todavía no se ha publicado ningún comentario.",
    "and %(num)s other sent the same letter": (
        "y %(num)s persona más envió la misma carta",
        "y otras %(num)s personas enviaron la misma carta",
    ),
    "%(num)s other person sent the same letter": (
        "%(num)s persona más envió la misma carta",
        "Otras %(num)s personas enviaron la misma carta",
    ),
    "Author": "Autor",
    "Read the published comments": "Lea los comentarios publicados",
    "Check the status of your comment": "Consulte el estatus de su comentario",
    "Follow new comments (Atom feed)": "Siga los comentarios nuevos (canal Atom)",
}
