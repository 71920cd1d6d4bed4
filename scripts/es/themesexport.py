"""Spanish for issue 16, point 7: the themes export offered on the data exports page. "Theme"
is "asunto" (the glossary gives "tema" to a topic)."""

ES = {
    "The themes of the chosen consultation (not dismissed), with their support, comments, convergence and counts by sector, country and state. Counts include approved comments not cleared for publication.": (  # noqa: E501
        "Los asuntos de la consulta elegida (salvo los descartados), con su respaldo, sus "
        "comentarios, su convergencia y los conteos por sector, país y estado. Los conteos "
        "incluyen comentarios aprobados que no están autorizados para publicarse."
    ),
    "Themes as CSV (opens in Excel)": "Asuntos en CSV (se abre en Excel)",
    "Themes as JSON": "Asuntos en JSON",
    "Choose a consultation above to download its themes.": (
        "Elija una consulta arriba para descargar sus asuntos."
    ),
}
