"""Spanish for issue 19 (intake at the speed of a textbook form; load shedding that keeps
the visitor's text)."""

ES = {
    "The server is very busy right now, so your comment has not been sent yet. "
    "Everything you wrote is below: please send it again in a moment.": (
        "En este momento el servidor está muy ocupado, así que su comentario todavía no se "
        "ha enviado. Todo lo que escribió está abajo: por favor, envíelo de nuevo en un "
        "momento."
    ),
}
