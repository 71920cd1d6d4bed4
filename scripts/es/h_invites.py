"""Spanish for issue 17, point 5 (invitations to named stakeholders) and the rest of point 4
(the verification mark in packets, the public record, the API and the feeds)."""

ES = {
    # --- the secretariat's pages ---------------------------------------------------------------
    "Stakeholder invitations": "Invitaciones a partes interesadas",
    "Invite a stakeholder": "Invitar a una parte interesada",
    "Invite a named organization to comment on a consultation. It receives a personal link, "
    "usable for one comment, that opens the form with its organization and sector filled in; "
    "the comment sent through it is marked as coming from the invited organization.": (
        "Invite a una organización determinada a comentar en una consulta. Recibirá un enlace "
        "personal, válido para un solo comentario, que abre el formulario con su organización y "
        "su sector ya llenos; el comentario enviado por ese enlace se marca como proveniente de "
        "la organización invitada."
    ),
    "We send a personal link, usable for one comment, in the language you choose. Only the "
    "organization named here is shown on the comment sent through it.": (
        "Enviamos un enlace personal, válido para un solo comentario, en el idioma que usted "
        "elija. En el comentario enviado por ese enlace solo se muestra la organización "
        "indicada aquí."
    ),
    "Choose a consultation.": "Elija una consulta.",
    "Enter the name of the organization to invite.": (
        "Escriba el nombre de la organización que desea invitar."
    ),
    "Language of the invitation": "Idioma de la invitación",
    "This consultation is closed: invite stakeholders only to one that is open or will open.": (
        "Esta consulta ya cerró: solo puede invitar a partes interesadas a una consulta abierta "
        "o que aún no abre."
    ),
    "Invitation sent to %(organization)s (%(email)s).": (
        "Se envió la invitación a %(organization)s (%(email)s)."
    ),
    "Sent": "Enviada",
    "Not sent yet": "Aún no enviado",
    "No stakeholder has been invited yet.": "Todavía no se ha invitado a ninguna parte interesada.",
    "Invited a stakeholder to comment": "Invitó a una parte interesada a comentar",
    "Sent through a stakeholder invitation": "Enviado mediante una invitación a parte interesada",
    # --- the e-mail and the public pages -------------------------------------------------------
    "Invitation to comment: %(title)s": "Invitación a comentar: %(title)s",
    'The secretariat of the public consultation "%(title)s" invites %(organization)s to send '
    "its comments.": (
        "El secretariado de la consulta pública “%(title)s” invita a %(organization)s a enviar "
        "sus comentarios."
    ),
    "To write and send your comment, open this personal link:": (
        "Para escribir y enviar su comentario, abra este enlace personal:"
    ),
    "If you did not expect this invitation, you can ignore this message.": (
        "Si no esperaba esta invitación, puede ignorar este mensaje."
    ),
    "The secretariat invited %(organization)s to comment. A comment sent from this form is "
    "shown as coming from the invited organization; the link works for one comment.": (
        "El secretariado invitó a %(organization)s a comentar. El comentario enviado desde este "
        "formulario se muestra como proveniente de la organización invitada; el enlace sirve "
        "para un solo comentario."
    ),
    "You can still send a comment without the invitation. If you need a new invitation, write "
    "to the secretariat of the consultation.": (
        "Aún puede enviar un comentario sin la invitación. Si necesita una invitación nueva, "
        "escriba al secretariado de la consulta."
    ),
    "The invitation link this form came from cannot be used: it may already have been used "
    "to send a comment. Your comment has not been sent. Everything you wrote is below: you "
    "can send it as an ordinary comment, without the invitation.": (
        "El enlace de invitación con el que se abrió este formulario no se puede usar: es "
        "posible que ya se haya usado para enviar un comentario. Su comentario no se ha "
        "enviado. Todo lo que escribió está abajo: puede enviarlo como un comentario "
        "ordinario, sin la invitación."
    ),
    # --- the verification mark -----------------------------------------------------------------
    "Invited: %(name)s": "Organización invitada: %(name)s",
    "Verification": "Verificación",
    "%(verified)s of %(total)s comment from verified organizations": (
        "%(verified)s de %(total)s comentario proviene de organizaciones verificadas",
        "%(verified)s de %(total)s comentarios provienen de organizaciones verificadas",
    ),
    "Only when the author agreed to be named: the organization that vouches for the comment, "
    "in English and in Spanish, and how (by: email_domain, an address at a listed "
    "organization's domain was confirmed; invitation, sent through the secretariat's personal "
    "invitation); otherwise null.": (
        "Solo cuando la persona autora aceptó ser nombrada: la organización que respalda el "
        "comentario, en inglés y en español, y cómo (by: email_domain, se confirmó una "
        "dirección en el dominio de una organización registrada; invitation, se envió mediante "
        "la invitación personal del secretariado); de lo contrario, null."
    ),
}
