"""Spanish for the moderation area's new strings: the second factor and the history."""

ES = {
    # Second factor (TOTP)
    "Six-digit code": "Código de seis dígitos",
    "The code your authenticator app shows now.": (
        "El código que muestra ahora su aplicación de autenticación."
    ),
    "Enter the six-digit code.": "Escriba el código de seis dígitos.",
    "This code is not correct or has already been used. Enter the code your "
    "authenticator app shows now.": (
        "Este código no es correcto o ya se usó. Escriba el código que muestra ahora su "
        "aplicación de autenticación."
    ),
    "Please sign in with your e-mail address and password first.": (
        "Primero inicie sesión con su correo electrónico y su contraseña."
    ),
    "Your password was accepted. Enter the six-digit code your authenticator app shows for "
    "Consulta.": (
        "Su contraseña es correcta. Escriba el código de seis dígitos que muestra su "
        "aplicación de autenticación para Consulta."
    ),
    "Start again with your e-mail address and password": (
        "Volver a empezar con su correo electrónico y su contraseña"
    ),
    "In your authenticator app, add an account by typing this key (or open the address "
    "below on the phone):": (
        "En su aplicación de autenticación, agregue una cuenta escribiendo esta clave (o abra "
        "en el teléfono la dirección de abajo):"
    ),
    "Enter the code the app now shows, to confirm.": (
        "Para confirmar, escriba el código que la aplicación muestra ahora."
    ),
    # The submission page's history
    "none": "ninguno",
    "No change": "Sin cambios",
    "Reason: %(reason)s": "Motivo: %(reason)s",
    "Sent from the English page": "Enviado desde la página en inglés",
    "Sent from the Spanish page": "Enviado desde la página en español",
    "Public title edited": "Título público editado",
    "Public text edited": "Texto público editado",
    "The public version is the original again": "La versión pública vuelve a ser la original",
    "Similarity: %(score)s": "Similitud: %(score)s",
    "The campaign was dissolved": "La campaña se disolvió",
    "When the campaigns were rebuilt": "Al reconstruir las campañas",
    # Queue counts over the cap (a filter the tallies cannot answer)
}
