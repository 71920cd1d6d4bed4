"""Spanish for the sign-in hardening (issue 13): the password policy."""

ES = {
    "The new password must be different from the current one.": (
        "La nueva contraseña debe ser distinta de la actual."
    ),
}
