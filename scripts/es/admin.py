"""Spanish for the administration area (merged with scripts/fill_translations.py)."""

ES = {
    # forms
    "Enter the e-mail address of the person to invite.": (
        "Escriba el correo electrónico de la persona que desea invitar."
    ),
    "Role": "Rol",
    "Choose a role.": "Elija un rol.",
    "Choose a language.": "Elija un idioma.",
    "Choose a password": "Elija una contraseña",
    "The two passwords are not the same.": "Las dos contraseñas no coinciden.",
    "Lower-case letters, digits and hyphens, as in hled-2027: the page will be /en/c/hled-2027/.": (
        "Letras minúsculas, dígitos y guiones, como en hled-2027: la página será /es/c/hled-2027/."
    ),
    "Enter the address of the consultation.": "Escriba la dirección de la consulta.",
    "Title in English": "Título en inglés",
    "Enter the title in English.": "Escriba el título en inglés.",
    "Title in Spanish": "Título en español",
    "Enter the title in Spanish.": "Escriba el título en español.",
    "Description in English": "Descripción en inglés",
    "Enter the description in English.": "Escriba la descripción en inglés.",
    "Description in Spanish": "Descripción en español",
    "Enter the description in Spanish.": "Escriba la descripción en español.",
    "Enter the opening date and time.": "Escriba la fecha y hora de apertura.",
    "Enter the closing date and time.": "Escriba la fecha y hora de cierre.",
    "Time zone": "Zona horaria",
    "Choose a time zone.": "Elija una zona horaria.",
    "Choose at least one pillar.": "Elija al menos un pilar.",
    "Use only lower-case letters, digits and single hyphens between them.": (
        "Use solo letras minúsculas, dígitos y guiones sencillos entre ellos."
    ),
    "Enter a date and time like 2027-03-01 09:00.": (
        "Escriba una fecha y hora como 2027-03-01 09:00."
    ),
    "This time does not exist in that time zone (the clocks change). Choose another time.": (
        "Esa hora no existe en esa zona horaria (hay cambio de horario). Elija otra hora."
    ),
    "The closing time must be after the opening time.": (
        "La hora de cierre debe ser posterior a la de apertura."
    ),
    "Intro for %(sector)s, in English": "Introducción para %(sector)s, en inglés",
    "Intro for %(sector)s, in Spanish": "Introducción para %(sector)s, en español",
    "Name in English": "Nombre en inglés",
    "Enter the name in English.": "Escriba el nombre en inglés.",
    "Name in Spanish": "Nombre en español",
    "Enter the name in Spanish.": "Escriba el nombre en español.",
    "Choose a pillar.": "Elija un pilar.",
    # services and views
    "Your account is ready. Please sign in with your e-mail address and new password.": (
        "Su cuenta está lista. Inicie sesión con su correo electrónico y su nueva contraseña."
    ),
    "There is already a staff account for this address.": (
        "Ya existe una cuenta del personal con este correo electrónico."
    ),
    "This invitation has expired or has already been used.": (
        "Esta invitación venció o ya se usó."
    ),
    "You cannot deactivate your own account.": "No puede desactivar su propia cuenta.",
    "Another consultation already uses this address.": ("Otra consulta ya usa esta dirección."),
    "Only an open consultation can be closed.": "Solo se puede cerrar una consulta abierta.",
    "Accepted an invitation": "Aceptó una invitación",
    "Changed a role": "Cambió un rol",
    "Deactivated an account": "Desactivó una cuenta",
    "Reactivated an account": "Reactivó una cuenta",
    "Created a consultation": "Creó una consulta",
    "Edited a consultation": "Editó una consulta",
    "Closed a consultation": "Cerró una consulta",
    "Archived a consultation": "Archivó una consulta",
    "Deleted a consultation": "Eliminó una consulta",
    "Added a pillar": "Agregó un pilar",
    "Renamed a pillar": "Cambió el nombre de un pilar",
    "Moved a pillar": "Movió un pilar",
    "Added a topic": "Agregó un tema",
    "Renamed a topic": "Cambió el nombre de un tema",
    "Moved a topic": "Movió un tema",
    "Added a sector": "Agregó un sector",
    "Renamed a sector": "Cambió el nombre de un sector",
    "Moved a sector": "Movió un sector",
    "%(email)s is deactivated; their sessions have ended.": (
        "Se desactivó la cuenta %(email)s; sus sesiones terminaron."
    ),
    "%(email)s can sign in again.": "La cuenta %(email)s puede volver a iniciar sesión.",
    "The consultation %(slug)s was saved.": "Se guardó la consulta %(slug)s.",
    "%(slug)s is closed: it no longer accepts comments.": (
        "%(slug)s está cerrada: ya no recibe comentarios."
    ),
    "%(slug)s is archived.": "%(slug)s está archivada.",
    "%(slug)s was deleted.": "Se eliminó %(slug)s.",
    # templates
    "Staff accounts": "Cuentas del personal",
    "Consultations": "Consultas",
    "Taxonomy": "Taxonomía",
    "Administration trail": "Bitácora de administración",
    "Edit the consultation": "Editar la consulta",
    "New consultation": "Nueva consulta",
    "Fields marked with an asterisk (*) are required. Descriptions may use Markdown: "
    "paragraphs, *emphasis*, **bold**, lists, ### headings, > quotes and "
    "[links](https://example.org).": (
        "Los campos marcados con asterisco (*) son obligatorios. Las descripciones pueden usar "
        "Markdown: párrafos, *énfasis*, **negritas**, listas, ### encabezados, > citas y "
        "[enlaces](https://example.org)."
    ),
    "Preview the public page:": "Vista previa de la página pública:",
    "in English": "en inglés",
    "in Spanish": "en español",
    "Title and description": "Título y descripción",
    "When it takes comments": "Cuándo recibe comentarios",
    "Intro for each sector (optional)": "Introducción para cada sector (opcional)",
    "Save": "Guardar",
    "An archived consultation is off the public list and takes no comments; its page and "
    "its comments stay. A consultation with comments cannot be deleted.": (
        "Una consulta archivada sale de la lista pública y no recibe comentarios; su página y "
        "sus comentarios se conservan. Una consulta con comentarios no se puede eliminar."
    ),
    "Window": "Periodo",
    "Comments": "Comentarios",
    "Actions": "Acciones",
    "Archived": "Archivada",
    "Open for comments": "Abierta a comentarios",
    "Closed for comments": "Cerrada a comentarios",
    "Edit": "Editar",
    "Preview in English": "Vista previa en inglés",
    "Preview in Spanish": "Vista previa en español",
    "Close now": "Cerrar ahora",
    "Archive": "Archivar",
    "Delete": "Eliminar",
    "There are no consultations yet.": "Todavía no hay consultas.",
    "The chain is intact: %(num)s event checked.": (
        "La cadena está íntegra: se revisó %(num)s evento.",
        "La cadena está íntegra: se revisaron %(num)s eventos.",
    ),
    "The chain is broken at event %(id)s: the trail was changed outside the application.": (
        "La cadena está rota en el evento %(id)s: la bitácora se modificó fuera de la aplicación."
    ),
    "Opening this page does not check the chain. Verify it to check every recorded change, "
    "from the first one.": (
        "Abrir esta página no comprueba la cadena. Verifíquela para comprobar cada cambio "
        "registrado, desde el primero."
    ),
    "Verify the chain": "Verificar la cadena",
    "Administrative changes, newest first": "Cambios administrativos, los más recientes primero",
    "When": "Cuándo",
    "Who": "Quién",
    "What": "Qué",
    "Changes": "Cambios",
    "Older changes": "Cambios anteriores",
    "No administrative change has been recorded yet.": (
        "Todavía no se ha registrado ningún cambio administrativo."
    ),
    "Set up your staff account": "Configure su cuenta del personal",
    "Create my account": "Crear mi cuenta",
    "If you were not expecting this message, you can ignore it.": (
        "Si no esperaba este mensaje, puede ignorarlo."
    ),
    "This invitation cannot be used": "Esta invitación no se puede usar",
    "Send the invitation": "Enviar la invitación",
    "Rename": "Cambiar nombre",
    "Up": "Subir",
    "Down": "Bajar",
    "Pillars and their topics": "Pilares y sus temas",
    "Add a pillar": "Agregar un pilar",
    "Add a topic": "Agregar un tema",
    "Sectors": "Sectores",
    "Add a sector": "Agregar un sector",
    "Rename a pillar": "Cambiar el nombre de un pilar",
    "Rename a topic": "Cambiar el nombre de un tema",
    "Rename a sector": "Cambiar el nombre de un sector",
    "Both languages are required: the public pages show the visitor's language.": (
        "Ambos idiomas son obligatorios: las páginas públicas se muestran en el idioma de "
        "cada visitante."
    ),
    "Cancel": "Cancelar",
    "Last sign-in": "Último inicio de sesión",
    "Role of %(email)s": "Rol de %(email)s",
    "Change role": "Cambiar rol",
    "Active": "Activa",
    "Deactivated": "Desactivada",
    "Never": "Nunca",
    "Deactivate": "Desactivar",
    "Reactivate": "Reactivar",
    "Invitations waiting": "Invitaciones pendientes",
    "No invitation is waiting.": "No hay invitaciones pendientes.",
    "Preview for staff: this is how visitors see the page.": (
        "Vista previa para el personal: así verán la página los visitantes."
    ),
    "For each sector": "Para cada sector",
    "Coordinated Universal Time (UTC)": "Tiempo universal coordinado (UTC)",
}
