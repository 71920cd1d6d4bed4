"""Spanish for issue 18's shared rules: the reason a decision needs, and the messages built
from configurable limits (attachments, sign-in throttle, invitations)."""

ES = {
    # A decision's reason (app/moderation/reasons.py)
    "Choose the reason for the rejection.": "Elija el motivo del rechazo.",
    "A reason is only given when rejecting: reject, or leave the reason unselected.": (
        "Solo se indica un motivo al rechazar: rechace o deje el motivo sin elegir."
    ),
}
ES.update(
    {
        # Attachment limits (MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES)
        "At most %(count)s file: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, up to %(size)s.": (
            "Hasta %(count)s archivo: PDF, Word (.docx), Excel (.xlsx), PNG o JPEG, de %(size)s "
            "como máximo.",
            "Hasta %(count)s archivos: PDF, Word (.docx), Excel (.xlsx), PNG o JPEG, de %(size)s "
            "cada uno como máximo.",
        ),
        "You can attach at most %(count)s file.": (
            "Puede adjuntar como máximo %(count)s archivo.",
            "Puede adjuntar como máximo %(count)s archivos.",
        ),
        "Each file may be at most %(size)s.": "Cada archivo puede pesar como máximo %(size)s.",
        # Sign-in throttle (SIGN_IN_THROTTLE_MINUTES)
        "The e-mail address or password is not correct, or sign-in is paused after several "
        "failed attempts. Please try again in %(minutes)s minute.": (
            "El correo electrónico o la contraseña no son correctos, o el inicio de sesión está "
            "en pausa tras varios intentos fallidos. Inténtelo de nuevo en %(minutes)s minuto.",
            "El correo electrónico o la contraseña no son correctos, o el inicio de sesión está "
            "en pausa tras varios intentos fallidos. Inténtelo de nuevo en %(minutes)s minutos.",
        ),
        # Invitations (INVITATION_HOURS)
        "Invitation sent to %(email)s. It is valid for %(hours)s hour.": (
            "Se envió la invitación a %(email)s. Es válida durante %(hours)s hora.",
            "Se envió la invitación a %(email)s. Es válida durante %(hours)s horas.",
        ),
        "Open this link to choose your password. It can be used once, within %(hours)s hour:": (
            "Abra este enlace para elegir su contraseña. Puede usarse una sola vez, en un plazo "
            "de %(hours)s hora:",
            "Abra este enlace para elegir su contraseña. Puede usarse una sola vez, en un plazo "
            "de %(hours)s horas:",
        ),
    }
)
