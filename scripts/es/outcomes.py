"""Spanish for the outcomes of agenda items (merged with scripts/fill_translations.py)."""

ES = {
    "Adopted": "Adoptado",
    "Under consideration": "En análisis",
    "Referred to a working group": "Turnado a un grupo de trabajo",
    "Outside the dialogue's scope": "Fuera del alcance del diálogo",
    "Outcome": "Resultado",
    "Choose the outcome.": "Elija el resultado.",
    "Note in English": "Nota en inglés",
    "Note in Spanish": "Nota en español",
    "The outcome was recorded.": "Se registró el resultado.",
    "Outcome: %(outcome)s": "Resultado: %(outcome)s",
    "Record an outcome": "Registrar un resultado",
    "Record the outcome": "Registrar el resultado",
    "Recorded on %(date)s by %(name)s.": "Registrado el %(date)s por %(name)s.",
    "%(num)s earlier outcome is kept in its history.": (
        "Se conserva %(num)s resultado anterior en su historial.",
        "Se conservan %(num)s resultados anteriores en su historial.",
    ),
    "Your comment is part of “%(item)s” on the agenda of the %(meeting)s of %(date)s.": (
        "Su comentario forma parte del punto «%(item)s» del orden del día de «%(meeting)s» "
        "(%(date)s)."
    ),
    "This comment is part of “%(item)s” on the agenda of the %(meeting)s of %(date)s.": (
        "Este comentario forma parte del punto «%(item)s» del orden del día de «%(meeting)s» "
        "(%(date)s)."
    ),
    "What the dialogue did": "Lo que resolvió el diálogo",
    "Only in one comment's answer: what the dialogue did with each agenda item that holds it "
    "(kind, note, item, meeting and its date); an empty list until then.": (
        "Solo en la respuesta de un comentario: lo que resolvió el diálogo sobre cada punto del "
        "orden del día que lo incluye (tipo, nota, punto, reunión y su fecha); una lista vacía "
        "mientras tanto."
    ),
}
