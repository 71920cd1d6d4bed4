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
}
