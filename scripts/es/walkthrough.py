"""Spanish for the walk-through's wording fixes (issue 14: the e-mail example, the password
rule about the e-mail address)."""

ES = {
    "Enter an e-mail address like name@example.org.": (
        "Escriba un correo electrónico como nombre@ejemplo.org."
    ),
    "The password must not contain the part of your e-mail address before the @.": (
        "La contraseña no debe contener la parte de su correo electrónico anterior a la @."
    ),
}
