"""Spanish for issue 17, point 1: save the comment and finish it later (drafts)."""

ES = {
    "Save and finish later": "Guardar y terminar después",
    "This is the comment you saved. Finish it and send it, or save it again for later (you "
    "will then get a new link, and this one will stop working).": (
        "Este es el comentario que guardó. Termínelo y envíelo, o guárdelo de nuevo para "
        "después (recibirá entonces un enlace nuevo y este dejará de funcionar)."
    ),
    "Your comment is saved": "Su comentario está guardado",
    "It has not been sent. To finish it later, open this private link:": (
        "Aún no se ha enviado. Para terminarlo después, abra este enlace privado:"
    ),
    "Link to your saved comment": "Enlace a su comentario guardado",
    "Copy it now and keep it somewhere safe: it is shown only once, and anyone who has it "
    "can open your comment.": (
        "Cópielo ahora y guárdelo en un lugar seguro: solo se muestra esta vez, y cualquier "
        "persona que lo tenga puede abrir su comentario."
    ),
    "We have also sent this link to the e-mail address you gave.": (
        "También enviamos este enlace al correo electrónico que proporcionó."
    ),
    "The link works for %(num)s day after saving.": (
        "El enlace funciona durante %(num)s día después de guardar.",
        "El enlace funciona durante %(num)s días después de guardar.",
    ),
    "Back to the consultation": "Volver a la consulta",
    "The link to a saved comment may have expired, may already have been used to send it, "
    "or may have been copied only in part.": (
        "Es posible que el enlace a un comentario guardado haya vencido, que ya se haya usado "
        "para enviarlo o que se haya copiado solo en parte."
    ),
    "Saved comments cannot be found any other way, not even by the secretariat. You can "
    "start your comment again.": (
        "Los comentarios guardados no se pueden encontrar de ninguna otra forma, ni siquiera "
        "por el secretariado. Puede empezar su comentario de nuevo."
    ),
    "Start a new comment": "Empezar un comentario nuevo",
    "Your saved comment: the link to finish it": (
        "Su comentario guardado: el enlace para terminarlo"
    ),
    'You saved a comment to the public consultation "%(title)s" to finish later.': (
        "Guardó un comentario para la consulta pública “%(title)s” para terminarlo después."
    ),
    "To go on writing it, open this link:": "Para seguir escribiéndolo, abra este enlace:",
    "The link works for %(num)s day. Anyone who has it can open your comment, so do not "
    "share it.": (
        "El enlace funciona durante %(num)s día. Cualquier persona que lo tenga puede abrir su "
        "comentario, así que no lo comparta.",
        "El enlace funciona durante %(num)s días. Cualquier persona que lo tenga puede abrir "
        "su comentario, así que no lo comparta.",
    ),
    "Your comment has not been sent yet. When you have finished it, send it from the form.": (
        "Su comentario aún no se ha enviado. Cuando lo termine, envíelo desde el formulario."
    ),
}
