"""Spanish for the defence-in-depth pass (issue 13): revoking an invitation (merged with
scripts/fill_translations.py)."""

ES = {
    "Revoke invitation": "Revocar la invitación",
    "The invitation to %(email)s is revoked; its link no longer works.": (
        "Se revocó la invitación a %(email)s; su enlace ya no funciona."
    ),
    "Revoked an invitation": "Revocó una invitación",
    "This invitation can no longer be revoked: it was used, revoked or has expired.": (
        "Esta invitación ya no se puede revocar: se usó, se revocó o venció."
    ),
    "The link has expired, has already been used, has been revoked, or is not complete. "
    "Please ask an administrator for a new invitation.": (
        "El enlace venció, ya se usó, se revocó o está incompleto. Pida una nueva invitación a "
        "una persona administradora."
    ),
}
