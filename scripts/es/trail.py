"""Spanish for issue 17 (a stakeholder's own trail: access code without an e-mail address,
confirmed e-mail, withdrawal confirmed on its own page)."""

ES = {
    "Access code": "Clave de acceso",
    "If you gave no e-mail address: the access code shown once on your receipt.": (
        "Si no dio un correo electrónico: la clave de acceso que se mostró una sola vez en su "
        "acuse de recibo."
    ),
    "Enter your e-mail address, or the access code from your receipt.": (
        "Escriba su correo electrónico o la clave de acceso de su acuse de recibo."
    ),
    "We could not find a comment with that tracking code and e-mail address or access code. "
    "Please check them and try again.": (
        "No encontramos ningún comentario con ese folio y ese correo electrónico o clave de "
        "acceso. Revise los datos e intente de nuevo."
    ),
    "Enter the tracking code from your receipt and the e-mail address you gave or, if you "
    "gave none, the access code shown on your receipt.": (
        "Escriba el folio de su acuse de recibo y el correo electrónico que proporcionó o, si "
        "no dio ninguno, la clave de acceso que aparece en su acuse de recibo."
    ),
    "Your access code": "Su clave de acceso",
    "You gave no e-mail address, so this access code is your proof that the comment is "
    "yours. Write it down or print this page now: it is shown only this once and we cannot "
    "send it to you again.": (
        "Como no proporcionó un correo electrónico, esta clave de acceso es la prueba de que "
        "el comentario es suyo. Anótela o imprima esta página ahora: solo se muestra esta vez "
        "y no podemos enviársela de nuevo."
    ),
    "With your tracking code and this access code you can check the status of your comment "
    "or withdraw it while it has not been reviewed.": (
        "Con su folio y esta clave de acceso puede consultar el estado de su comentario o "
        "retirarlo mientras no se haya revisado."
    ),
    "Keep this code. With it and the access code shown when you sent your comment you can "
    "check its status or withdraw it while it has not been reviewed.": (
        "Conserve este folio. Con él y la clave de acceso que se mostró cuando envió su "
        "comentario puede consultar su estado o retirarlo mientras no se haya revisado."
    ),
    "Withdraw comment %(code)s?": "¿Retirar el comentario %(code)s?",
    "A withdrawn comment is not reviewed, published or used in the dialogue. This cannot be "
    "undone: to take part again you would send a new comment.": (
        "Un comentario retirado no se revisa, no se publica ni se usa en el diálogo. Esto no "
        "se puede deshacer: para volver a participar tendría que enviar un comentario nuevo."
    ),
    "Yes, withdraw my comment": "Sí, retirar mi comentario",
    "No, keep my comment": "No, conservar mi comentario",
    "This link does not work": "Este enlace no funciona",
    "The link may have expired, may already have been used, or may have been copied only "
    "in part.": (
        "Es posible que el enlace haya vencido, que ya se haya usado o que se haya copiado "
        "incompleto."
    ),
    "Your comment is not affected. You can check its status with your tracking code, and "
    "if you need help, write to the secretariat of the consultation.": (
        "Esto no afecta a su comentario. Puede consultar su estado con su folio y, si necesita "
        "ayuda, escriba al secretariado de la consulta."
    ),
    "Confirm your e-mail address": "Confirme su correo electrónico",
    "Comment %(code)s: %(title)s": "Comentario %(code)s: %(title)s",
    "Confirming tells the secretariat that the owner of this address sent this comment.": (
        "Al confirmar, el secretariado sabrá que la persona titular de este correo envió el "
        "comentario."
    ),
    "I sent this comment: confirm my address": "Yo envié este comentario: confirmar mi correo",
    "E-mail address confirmed": "Correo electrónico confirmado",
    "Thank you. Comment %(code)s is now marked as sent from a confirmed address.": (
        "Gracias. El comentario %(code)s ahora aparece como enviado desde un correo confirmado."
    ),
    "Please confirm that you sent this comment by opening this link:": (
        "Por favor, confirme que usted envió este comentario abriendo este enlace:"
    ),
}
ES.update(
    {
        # Translators: the queue's filter over e-mail addresses ("Correo electrónico:
        # Confirmado").
        "Confirmed": "Confirmado",
        "Not confirmed": "Sin confirmar",
        "E-mail confirmed": "Correo confirmado",
        "Confirmed on %(time)s": "Confirmado el %(time)s",
    }
)
ES.update(
    {
        "Reported as not sent by the address's owner": (
            "Reportado como no enviado por la persona titular del correo"
        ),
        "Report settled: comment kept": "Reporte resuelto: se conserva el comentario",
        "Reports": "Reportes",
        "Reported as not sent": "Reportado como no enviado",
        "Not reported": "Sin reporte",
        "Why the comment is kept (optional)": "Por qué se conserva el comentario (opcional)",
        "The report is settled and the comment is kept.": (
            "Se resolvió el reporte y se conserva el comentario."
        ),
        "Note (optional)": "Nota (opcional)",
        "Anything that helps the moderators, for example who might have sent it.": (
            "Cualquier dato que ayude al equipo de moderación; por ejemplo, quién podría "
            "haberlo enviado."
        ),
        "Report a comment you did not send": "Reportar un comentario que usted no envió",
        "This comment was sent with your e-mail address. If you did not send it, tell us: it "
        "will be kept out of every public page and meeting packet until a moderator reviews "
        "it.": (
            "Este comentario se envió con su correo electrónico. Si usted no lo envió, "
            "avísenos: no aparecerá en ninguna página pública ni carpeta de reunión hasta que "
            "el equipo de moderación lo revise."
        ),
        "I did not send this comment": "Yo no envié este comentario",
        "Thank you for telling us": "Gracias por avisarnos",
        "Comment %(code)s is kept out of every public page and meeting packet until a "
        "moderator reviews it.": (
            "El comentario %(code)s no aparecerá en ninguna página pública ni carpeta de "
            "reunión hasta que el equipo de moderación lo revise."
        ),
        "If you did not send this comment, tell us by opening this link:": (
            "Si usted no envió este comentario, avísenos abriendo este enlace:"
        ),
        "On %(time)s the owner of the e-mail address reported that they did not send this "
        "comment. It is out of every public page, export and packet until you decide: keep it "
        "below, or reject it.": (
            "El %(time)s, la persona titular del correo reportó que no envió este comentario. "
            "Queda fuera de toda página pública, exportación y carpeta hasta que usted decida: "
            "consérvelo abajo o recházelo."
        ),
        "Keep the comment": "Conservar el comentario",
    }
)

# Closing the gaps of issue 17: the late verification in a comment's trail, invitations that
# expire and can be revoked (with a paged list), a draft that keeps its invitation.
ES.update(
    {
        # Translators: the address was confirmed earlier; its domain was listed later.
        "Verified when its domain was listed": "Verificado al registrarse su dominio",
        "Verified as %(organization)s when the domain was listed": (
            "Verificado como %(organization)s al registrarse el dominio"
        ),
        "Revoked a stakeholder's invitation": "Revocó la invitación de una parte interesada",
        "The invitation to %(organization)s is revoked; its link no longer works.": (
            "Se revocó la invitación a %(organization)s; su enlace ya no funciona."
        ),
        "A link works for %(days)s day after it is sent, until it is used or revoked.": (
            "Un enlace funciona durante %(days)s día después de enviarse, hasta que se use o se "
            "revoque.",
            "Un enlace funciona durante %(days)s días después de enviarse, hasta que se use o se "
            "revoque.",
        ),
        "Invitation revoked": "Invitación revocada",
        "Invitation expired, not used": "Invitación vencida sin usarse",
        "The invitation this comment was saved from can no longer be used: it may have been "
        "used, revoked or have expired. Sent from here, it is an ordinary comment, not shown as "
        "coming from the invited organization.": (
            "La invitación con la que se guardó este comentario ya no se puede usar: es posible "
            "que se haya usado, que se haya revocado o que haya vencido. Si lo envía desde aquí, "
            "será un comentario ordinario y no se mostrará como proveniente de la organización "
            "invitada."
        ),
        "The form opens with your organization filled in, and a comment sent through this link "
        "is shown as coming from it. The link works for one comment, for %(days)s day and while "
        "the consultation is open; please do not share it.": (
            "El formulario se abre con su organización ya indicada, y el comentario enviado por "
            "este enlace se muestra como proveniente de ella. El enlace sirve para un solo "
            "comentario, durante %(days)s día y mientras la consulta esté abierta; por favor, no "
            "lo comparta.",
            "El formulario se abre con su organización ya indicada, y el comentario enviado por "
            "este enlace se muestra como proveniente de ella. El enlace sirve para un solo "
            "comentario, durante %(days)s días y mientras la consulta esté abierta; por favor, no "
            "lo comparta.",
        ),
        "The invitation link may already have been used to send a comment, may have expired or "
        "been withdrawn by the secretariat, or may have been copied only in part.": (
            "Es posible que el enlace de la invitación ya se haya usado para enviar un comentario, "
            "que haya vencido o que el secretariado lo haya retirado, o que se haya copiado de "
            "forma incompleta."
        ),
    }
)

# A resumed draft's files: lost when its link died between opening and sending, kept when a
# send fails.
ES.update(
    {
        "The link of the comment you saved no longer works (it has expired, or the comment was "
        "sent or saved again), so the files attached to it are no longer kept. Your comment has "
        "not been sent. Everything you wrote is below: attach the files again, or send it "
        "without them.": (
            "El enlace del comentario que guardó ya no funciona (venció, o el comentario se "
            "envió o se volvió a guardar), así que los archivos adjuntos a él ya no se "
            "conservan. Su comentario no se ha enviado. Todo lo que escribió está abajo: vuelva "
            "a adjuntar los archivos o envíelo sin ellos."
        ),
        "The files already attached to your saved comment are still kept. For your security, "
        "the files you added just now are not kept when the form is shown again: please attach "
        "them again before sending.": (
            "Los archivos que ya estaban adjuntos a su comentario guardado se conservan. Por su "
            "seguridad, los archivos que acaba de agregar no se conservan cuando el formulario "
            "se muestra de nuevo: vuelva a adjuntarlos antes de enviar."
        ),
    }
)
