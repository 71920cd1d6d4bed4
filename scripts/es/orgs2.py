"""Spanish for issue 17, point 4: verified organizations in the moderation queue, on the
submission page and in exports."""

ES = {
    "Verified organization": "Organización verificada",
    "With a verified organization": "Con organización verificada",
    "Without a verified organization": "Sin organización verificada",
    "Verified: %(name)s": "Organización verificada: %(name)s",
    "Sector differs from the organization": "El sector no coincide con el de la organización",
    "The sector chosen on the form, %(declared)s, is not the sector of the verified "
    "organization %(name)s (%(listed)s). Check the sector before deciding.": (
        "El sector elegido en el formulario, %(declared)s, no es el sector de la organización "
        "verificada %(name)s (%(listed)s). Revise el sector antes de decidir."
    ),
}
