"""Spanish for the public record's outcome markers and the report's themes (issue 20, points 1
and 3): app/templates/public/comments.html and _report.html."""

ES = {
    "Outcome:": ("Resultado:", "Resultados:"),
    "Themes of the published comments": "Asuntos de los comentarios publicados",
    "A theme gathers the comments that raise the same matter. Each is counted over its "
    "published comments only.": (
        "Un asunto reúne los comentarios que plantean la misma cuestión. En cada uno se "
        "cuentan solo sus comentarios publicados."
    ),
}
