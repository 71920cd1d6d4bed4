"""Spanish for issue 17: files kept with a saved comment (point 1) and the moderators'
signals (point 7)."""

ES = {
    "Keeps what you have written and the files you attached, without sending it, and gives "
    "you a private link to come back to it.": (
        "Guarda lo que ha escrito y los archivos que adjuntó, sin enviarlo, y le da un enlace "
        "privado para volver a él."
    ),
    "Already attached to your saved comment. Files you add here join them; tick Remove to "
    "leave one out.": (
        "Ya adjuntos a su comentario guardado. Los archivos que agregue aquí se suman a ellos; "
        "marque Quitar para dejar fuera alguno."
    ),
    "Already attached:": "Ya adjunto:",
    "Remove": "Quitar",
    "%(num)s attached file is kept with it.": (
        "Se guarda con él %(num)s archivo adjunto.",
        "Se guardan con él %(num)s archivos adjuntos.",
    ),
    "Your text is saved, but these files were refused and are not kept with it:": (
        "Su texto está guardado, pero estos archivos se rechazaron y no se guardan con él:"
    ),
    # Point 7: signals for moderators.
    "Signals": "Señales",
    "Same e-mail address behind %(num)s or more comments": (
        "Mismo correo electrónico en %(num)s comentarios o más"
    ),
    "Unconfirmed e-mail in a campaign": "Correo sin confirmar en una campaña",
    "Signal: unconfirmed e-mail in a campaign": "Señal: correo sin confirmar en una campaña",
    "Signal: same e-mail address, %(num)s comment": (
        "Señal: mismo correo electrónico, %(num)s comentario",
        "Señal: mismo correo electrónico, %(num)s comentarios",
    ),
    "Signals to look at, not verdicts: nothing is rejected because of them.": (
        "Señales para revisar, no veredictos: nada se rechaza por ellas."
    ),
    "This e-mail address is behind %(num)s comment of this consultation.": (
        "Desde este correo electrónico se envió %(num)s comentario a esta consulta.",
        "Desde este correo electrónico se enviaron %(num)s comentarios a esta consulta.",
    ),
    "This comment belongs to a campaign and its e-mail address has not been confirmed by its "
    "owner.": (
        "Este comentario forma parte de una campaña y la persona titular del correo electrónico "
        "no lo ha confirmado."
    ),
}
