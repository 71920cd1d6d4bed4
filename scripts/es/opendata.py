"""Spanish for the outcomes on the public record and API, and the open data page (merged with
scripts/fill_translations.py)."""

ES = {
    "With an outcome": "Con un resultado",
    "Outcomes": "Resultados",
    "%(path)s lists a consultation's published comments, newest first, 50 a page. It takes "
    "the public record's filters (q, pillar, topic, sector, country, state, language, outcome, "
    "campaign); follow next for the following page. An unknown parameter is an error, not "
    "ignored.": (
        "%(path)s da los comentarios publicados de una consulta, del más reciente al más "
        "antiguo, 50 por página. Acepta los filtros del registro público (q, pillar, topic, "
        "sector, country, state, language, outcome, campaign); siga next para obtener la "
        "página siguiente. Un parámetro desconocido es un error, no se pasa por alto."
    ),
    "%(path)s lists what the dialogue did with each agenda item that has an outcome (its "
    "current one: kind, note in both languages, the item and its meeting) and the ids of the "
    "published comments the item holds, 50 a page. Add %(parameter)s for one "
    "consultation's.": (
        "%(path)s da lo que resolvió el diálogo sobre cada punto del orden del día que tiene un "
        "resultado (el vigente: tipo, nota en ambos idiomas, el punto y su reunión) y los "
        "identificadores de los comentarios publicados que incluye el punto, 50 por página. "
        "Agregue %(parameter)s para los de una sola consulta."
    ),
}
