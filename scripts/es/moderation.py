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
    "Too many wrong codes. Please try again in 15 minutes.": (
        "Demasiados códigos incorrectos. Vuelva a intentarlo en 15 minutos."
    ),
    "Please sign in with your e-mail address and password first.": (
        "Primero inicie sesión con su correo electrónico y su contraseña."
    ),
    "Your second factor is on. Sign-in will now ask for a code.": (
        "Su segundo factor está activado. Al iniciar sesión se le pedirá un código."
    ),
    "Your second factor is off.": "Su segundo factor está desactivado.",
    "Second factor": "Segundo factor",
    "Your password was accepted. Enter the six-digit code your authenticator app shows for "
    "Consulta.": (
        "Su contraseña es correcta. Escriba el código de seis dígitos que muestra su "
        "aplicación de autenticación para Consulta."
    ),
    "Start again with your e-mail address and password": (
        "Volver a empezar con su correo electrónico y su contraseña"
    ),
    "Your second factor is on: sign-in asks for a code from your authenticator app.": (
        "Su segundo factor está activado: al iniciar sesión se le pide un código de su "
        "aplicación de autenticación."
    ),
    "Turn off the second factor": "Desactivar el segundo factor",
    "To turn it off, enter a current code from your authenticator app.": (
        "Para desactivarlo, escriba un código vigente de su aplicación de autenticación."
    ),
    "Administrators must set up a second factor before using the back office.": (
        "Las y los administradores deben configurar un segundo factor antes de usar el "
        "área de trabajo."
    ),
    "A second factor protects your account if your password is stolen: sign-in will also "
    "ask for a six-digit code from an authenticator app on your phone.": (
        "Un segundo factor protege su cuenta si alguien roba su contraseña: al iniciar sesión "
        "también se le pedirá un código de seis dígitos de una aplicación de autenticación en "
        "su teléfono."
    ),
    "In your authenticator app, add an account by typing this key (or open the address "
    "below on the phone):": (
        "En su aplicación de autenticación, agregue una cuenta escribiendo esta clave (o abra "
        "en el teléfono la dirección de abajo):"
    ),
    "Enter the code the app now shows, to confirm.": (
        "Para confirmar, escriba el código que la aplicación muestra ahora."
    ),
    "Turn on the second factor": "Activar el segundo factor",
    "Second factor (authenticator app)": "Segundo factor (aplicación de autenticación)",
    # The submission page's history
    "none": "ninguno",
    "No change": "Sin cambios",
    "Reason: %(reason)s": "Motivo: %(reason)s",
    "%(num)d attachment": ("%(num)d archivo adjunto", "%(num)d archivos adjuntos"),
    "Sent from the English page": "Enviado desde la página en inglés",
    "Sent from the Spanish page": "Enviado desde la página en español",
    "Public title edited": "Título público editado",
    "Public text edited": "Texto público editado",
    "The public version is the original again": "La versión pública vuelve a ser la original",
    "Campaign no. %(id)s": "Campaña núm. %(id)s",
    "Similarity: %(score)s": "Similitud: %(score)s",
    "The campaign was dissolved": "La campaña se disolvió",
    "Taken out by a moderator": "Retirado por un(a) moderador(a)",
    "When the campaigns were rebuilt": "Al reconstruir las campañas",
    # Queue counts over the cap (a filter the tallies cannot answer)
    "More than %(num)s comments match these filters, so the counts per status are not "
    "shown. Narrow the filters to see them.": (
        "Más de %(num)s comentarios coinciden con estos filtros, por lo que no se muestran "
        "los totales por estado. Acote los filtros para verlos."
    ),
}
