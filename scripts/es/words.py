"""Spanish wording after the native review of the catalogue (issue 14, points 7, 9 and 10;
/work/shared/reviews/spanish-catalog-review.md and its glossary).

Every entry the review changed lives here, and only here: the other files of scripts/es no
longer hold these msgids, so the order in which they are filled does not matter.
Glossary in short: estatus (status), ubicación / entidad federativa (place), folio (tracking
code), dar de baja / reactivar (retire / restore), separar de la campaña, turnar (escalate),
verificación en dos pasos, área de trabajo, autorización de publicación, orden del día,
carta modelo, campaña núm., roles Moderación / Secretariado / Administración, “comillas”.
"""

CTX = "\x04"  # pgettext: "context\x04msgid"

ES = {
    # --- New msgids: names, numbers and plural forms (issue 14, points 7, 9, 10) ------------
    "Use at most %(max)s characters.": "Use como máximo %(max)s caracteres.",
    "Use at least %(min)s characters.": "Use al menos %(min)s caracteres.",
    "Between %(min)s and %(max)s characters.": "Entre %(min)s y %(max)s caracteres.",
    "Write between %(min)s and %(max)s characters.": "Escriba entre %(min)s y %(max)s caracteres.",
    "%(min)s to %(max)s characters; not a well-known password and not containing the part of "
    "your e-mail address before the @. A sentence of a few words works well.": (
        "De %(min)s a %(max)s caracteres; que no sea una contraseña conocida ni contenga la "
        "parte de su correo electrónico anterior a la @. Una frase de varias palabras funciona "
        "bien."
    ),
    "%(count)s attachment": ("%(count)s archivo adjunto", "%(count)s archivos adjuntos"),
    "Status of %(count)s comment changed to “%(status)s”.": (
        "Se cambió el estatus de %(count)s comentario a “%(status)s”.",
        "Se cambió el estatus de %(count)s comentarios a “%(status)s”.",
    ),
    "Status of %(count)s comment of the campaign changed to “%(status)s”.": (
        "Se cambió el estatus de %(count)s comentario de la campaña a “%(status)s”.",
        "Se cambió el estatus de %(count)s comentarios de la campaña a “%(status)s”.",
    ),
    "and %(num)s more organization": ("y %(num)s organización más", "y %(num)s organizaciones más"),
    "filter over campaigns" + CTX + "Any": "Todas",
    "heading over a place" + CTX + "State or region": "Ubicación",
    # Time zones as people there name them (no nested parentheses).
    "Central Mexico time": "hora del centro de México",
    "Southeast Mexico time": "hora del sureste de México",
    "Mexican Pacific time": "hora del Pacífico de México",
    "Northwest Mexico time": "hora del noroeste de México",
    "U.S. Eastern time": "hora del este de EE. UU.",
    "U.S. Central time": "hora del centro de EE. UU.",
    "U.S. Mountain time": "hora de la montaña de EE. UU.",
    "Arizona time": "hora de Arizona",
    "U.S. Pacific time": "hora del Pacífico de EE. UU.",
    # --- 1. Calques ----------------------------------------------------------------------------
    "Thank you: we received your comment": "Recibimos su comentario. Gracias por participar.",
    "This consultation has comments: it cannot be deleted, only closed or archived.": (
        "Esta consulta no se puede eliminar porque ya tiene comentarios; solo puede cerrarse o "
        "archivarse."
    ),
    "This consultation is linked to a meeting: it cannot be deleted.": (
        "No se puede eliminar esta consulta porque está vinculada a una reunión."
    ),
    "Nothing was changed: some of the selected comments were changed by someone else meanwhile "
    "(%(codes)s). Review the queue again.": (
        "No se guardó ningún cambio porque otra persona modificó algunos de los comentarios "
        "seleccionados (%(codes)s) mientras usted trabajaba. Revise de nuevo la cola."
    ),
    "Nothing was changed: that decision does not apply to every selected comment.": (
        "No se guardó ningún cambio porque esa decisión no corresponde a todos los comentarios "
        "seleccionados."
    ),
    "Nothing was changed: a comment of this campaign was decided by someone else meanwhile. "
    "Review the campaign again.": (
        "No se guardó ningún cambio porque otra persona decidió sobre un comentario de esta "
        "campaña mientras usted trabajaba. Revise de nuevo la campaña."
    ),
    "Someone else changed this comment meanwhile: nothing was changed. Try again.": (
        "No se guardó ningún cambio porque otra persona modificó este comentario mientras usted "
        "trabajaba. Inténtelo de nuevo."
    ),
    "Someone else changed this comment while you were editing: nothing was saved. Here is the "
    "current version.": (
        "No se guardaron sus cambios porque otra persona modificó este comentario mientras usted "
        "lo editaba. A continuación se muestra la versión actual."
    ),
    "Someone else changed this comment while you were reading it: it is now “%(status)s”. "
    "Nothing was overwritten; review it again before deciding.": (
        "Otra persona modificó este comentario mientras usted lo leía y ahora su estatus es "
        "“%(status)s”. No se sobrescribió nada; revíselo de nuevo antes de decidir."
    ),
    "An unexpected error occurred on our side and nothing was saved. Please try again in a few "
    "minutes.": (
        "Ocurrió un error inesperado en el sistema y no se guardó ningún dato. Inténtelo de "
        "nuevo en unos minutos."
    ),
    "Please take a moment to check your comment, then send it again.": (
        "Revise su comentario y vuelva a enviarlo."
    ),
    "We send your receipt here and use it only to let you check or withdraw your comment. It is "
    "never published.": (
        "A este correo le enviaremos su acuse de recibo. Solo lo usaremos para que pueda "
        "consultar o retirar su comentario, y nunca se publicará."
    ),
    "Who is behind it": "Quiénes la respaldan",
    "What we received": "Datos recibidos",
    "New password again": "Confirme la contraseña nueva",
    "The same password again": "Confirme la contraseña",
    "Took a consultation out of the archive": "Desarchivó una consulta",
    "Take out of the archive": "Desarchivar",
    "%(slug)s is out of the archive.": "Se desarchivó %(slug)s.",
    "Organizations that agreed to be named, with the numbers of their comments.": (
        "Organizaciones que autorizaron la publicación de su nombre, con el número de cada uno "
        "de sus comentarios."
    ),
    "and %(count)s who asked not to be named": (
        "y %(count)s persona u organización que pidió no aparecer con su nombre",
        "y %(count)s personas u organizaciones que pidieron no aparecer con su nombre",
    ),
    'Thank you for your comment to the public consultation "%(title)s".': (
        "Gracias por enviar su comentario a la consulta pública “%(title)s”."
    ),
    "Some filters were not understood and were ignored.": (
        "Algunos filtros no son válidos y no se aplicaron."
    ),
    "Some filters were not understood. Correct them to download.": (
        "Algunos filtros no son válidos. Corríjalos para descargar."
    ),
    "Pillars offered": "Pilares disponibles",
    "Topics offered": "Temas disponibles",
    "Choose topics only under the pillars offered.": (
        "Elija solo temas que pertenezcan a los pilares disponibles."
    ),
    "Choose one of the options offered.": "Elija una de las opciones disponibles.",
    "Choose one of the roles offered.": "Elija uno de los roles disponibles.",
    "Opens": "Apertura",
    "Closes": "Cierre",
    "Not yet open": "Programada",
    "This consultation opens on %(start)s. Please come back then.": (
        "Esta consulta se abrirá el %(start)s. Le invitamos a volver a partir de esa fecha."
    ),
    "This consultation opens on %(start)s and closes on %(end)s.": (
        "Esta consulta estará abierta del %(start)s al %(end)s."
    ),
    "The form had expired. Please try again.": "El formulario venció. Inténtelo de nuevo.",
    "The page had expired. Please try again.": "La página venció. Inténtelo de nuevo.",
    "The page could not understand what was sent. Please go back and try again.": (
        "No fue posible procesar la información enviada. Regrese a la página anterior e "
        "inténtelo de nuevo."
    ),
    "What you sent is larger than we accept. Attachments may be at most %(size)s each; please "
    "send smaller files.": (
        "La información enviada supera el tamaño permitido. Cada archivo adjunto puede pesar "
        "como máximo %(size)s; envíe archivos más pequeños."
    ),
    "Too much data": "Envío demasiado grande",
    # --- 2. Terminology ------------------------------------------------------------------------
    "Status": "Estatus",
    "State": "Estatus",
    "Status changed": "Cambio de estatus",
    "Comments by status": "Comentarios por estatus",
    "More than %(num)s comments match these filters, so the counts per status are not shown. "
    "Narrow the filters to see them.": (
        "Más de %(num)s comentarios coinciden con estos filtros, por lo que no se muestran los "
        "totales por estatus. Acote los filtros para verlos."
    ),
    "Check status": "Consultar estatus",
    "Check the status of a comment": "Consultar el estatus de un comentario",
    "Keep this code. With it and your e-mail address you can check the status of your comment or "
    "withdraw it while it has not been reviewed.": (
        "Conserve este folio. Con él y su correo electrónico puede consultar el estatus de su "
        "comentario o retirarlo mientras no haya sido revisado."
    ),
    "You can check the status of your comment, or withdraw it while it has not been reviewed, "
    "with your tracking code and this e-mail address:": (
        "Con su folio y este correo electrónico puede consultar el estatus de su comentario o "
        "retirarlo mientras no haya sido revisado:"
    ),
    "%(code)s: %(status)s.": "Se cambió el estatus de %(code)s a “%(status)s”.",
    "That decision does not apply to this comment as it stands.": (
        "Esa decisión no corresponde al estatus actual de este comentario."
    ),
    "State or region": "Entidad federativa, estado o país",
    "By state or region": "Por ubicación",
    "Choose your state, or your country if it is not listed by state.": (
        "Elija su entidad federativa (México) o su estado (Estados Unidos); si reside en otro "
        "país, elija el país."
    ),
    "Choose your state or country.": "Elija su entidad federativa, estado o país.",
    "Retired": "Dado de baja",
    "Taken out of its campaign": "Separado de su campaña",
    "Taken out by a moderator": "Separado por el equipo de moderación",
    "Retire": "Dar de baja",
    "Offer again": "Reactivar",
    "Retired a pillar": "Dio de baja un pilar",
    "Retired a topic": "Dio de baja un tema",
    "Retired a sector": "Dio de baja un sector",
    "Restored a pillar": "Reactivó un pilar",
    "Restored a topic": "Reactivó un tema",
    "Restored a sector": "Reactivó un sector",
    "%(name)s is retired: the form no longer offers it; earlier comments keep it.": (
        "Se dio de baja “%(name)s”. Ya no aparece en el formulario, pero los comentarios que ya "
        "lo tenían lo conservan."
    ),
    "%(name)s is offered again.": "Se reactivó “%(name)s”. Vuelve a aparecer en el formulario.",
    "Retired entries are no longer offered on the form; comments already tagged with them keep "
    "their tags and still show the names.": (
        "Los elementos dados de baja ya no aparecen en el formulario; los comentarios que ya los "
        "tenían conservan esa clasificación y siguen mostrando su nombre."
    ),
    "Take out of the campaign": "Separar de la campaña",
    "%(code)s was taken out of the campaign; detection will not put it back.": (
        "%(code)s se separó de la campaña; la detección automática no lo volverá a incluir."
    ),
    "You are invited to Consulta's back office": "Le invitamos al área de trabajo de Consulta",
    "You are invited to join the back office of Consulta as %(role)s.": (
        "Le invitamos a unirse al área de trabajo de Consulta con el rol “%(role)s”."
    ),
    "Exports": "Exportar datos",
    "Escalated": "Turnado",
    "Escalate": "Turnar a revisión superior",
    "held by %(email)s": "asignado a %(email)s",
    "Cabinet": "Nivel de gabinete",
    "Sub-cabinet": "Nivel de subsecretarios",
    "Form letter": "Carta modelo",
    "The public packet holds %(num)s comment: approved, placed on the agenda and consented to "
    "publication.": (
        "La carpeta pública contiene %(num)s comentario: aprobado, incluido en el orden del día "
        "y con autorización de publicación.",
        "La carpeta pública contiene %(num)s comentarios: aprobados, incluidos en el orden del "
        "día y con autorización de publicación.",
    ),
    "%(num)s comment was placed on the agenda.": (
        "Se incluyó %(num)s comentario en el orden del día.",
        "Se incluyeron %(num)s comentarios en el orden del día.",
    ),
    "Not yet placed": "Pendientes de incluir",
    "Place them": "Incluirlos en el orden del día",
    "No comments were placed on this item.": "No se asignaron comentarios a este punto.",
    "Campaign #%(id)s": "Campaña núm. %(id)s",
    "Campaign #%(id)s: %(num)s comment": (
        "Campaña núm. %(id)s: %(num)s comentario",
        "Campaña núm. %(id)s: %(num)s comentarios",
    ),
    "Campaign no. %(id)s": "Campaña núm. %(id)s",
    # Second factor → verificación en dos pasos (feminine).
    "Second factor": "Verificación en dos pasos",
    "Second factor (authenticator app)": "Verificación en dos pasos (aplicación de autenticación)",
    "Turn on the second factor": "Activar la verificación en dos pasos",
    "Turn off the second factor": "Desactivar la verificación en dos pasos",
    "Reset second factor": "Restablecer la verificación en dos pasos",
    "Reset a second factor": "Restableció una verificación en dos pasos",
    "Your second factor is on. Sign-in will now ask for a code.": (
        "La verificación en dos pasos está activada. Al iniciar sesión se le pedirá un código."
    ),
    "Your second factor is off.": "La verificación en dos pasos está desactivada.",
    "Your second factor is on: sign-in asks for a code from your authenticator app.": (
        "La verificación en dos pasos está activada: al iniciar sesión se le pide un código de "
        "su aplicación de autenticación."
    ),
    "The second factor of %(email)s was removed; they set up a new one at their next sign-in.": (
        "Se restableció la verificación en dos pasos de %(email)s; deberá activarla de nuevo en "
        "su próximo inicio de sesión."
    ),
    "Administrators must set up a second factor before using the back office.": (
        "Las cuentas de administración deben activar la verificación en dos pasos antes de usar "
        "el área de trabajo."
    ),
    "A second factor protects your account if your password is stolen: sign-in will also ask "
    "for a six-digit code from an authenticator app on your phone.": (
        "La verificación en dos pasos protege su cuenta si alguien roba su contraseña: al "
        "iniciar sesión también se le pedirá un código de seis dígitos de una aplicación de "
        "autenticación en su teléfono."
    ),
    "To turn it off, enter a current code from your authenticator app.": (
        "Para desactivarla, escriba un código vigente de su aplicación de autenticación."
    ),
    "Enrolled": "Activada",
    "Not enrolled": "Sin activar",
    # Tracking code → folio.
    "Tracking code": "Folio",
    "Your tracking code is": "Su folio es",
    "Enter your tracking code.": "Escriba su folio.",
    "Enter the tracking code from your receipt and the e-mail address you gave.": (
        "Escriba el folio de su acuse de recibo y el correo electrónico que indicó."
    ),
    "We could not find a comment with that tracking code and e-mail address. Please check both "
    "and try again.": (
        "No encontramos ningún comentario con ese folio y ese correo electrónico. Revise ambos "
        "datos e inténtelo de nuevo."
    ),
    "Reference": "Folio",
    # Consent to publication → autorización de publicación.
    "Public: approved and consented comments only": (
        "Pública: solo comentarios aprobados con autorización de publicación"
    ),
    "Public: consented comments only": "Pública: solo comentarios con autorización de publicación",
    "Public version: only comments whose authors consented to publication": (
        "Versión pública: solo comentarios cuyos autores autorizaron la publicación"
    ),
    "Public export: approved comments whose authors consented to publication; names and "
    "organizations only where they consented to be named; no e-mail addresses; the public "
    "(edited) text.": (
        "Exportación pública: comentarios aprobados cuyos autores autorizaron su publicación; "
        "nombres y organizaciones solo cuando autorizaron que aparecieran; sin direcciones de "
        "correo electrónico; el texto público (editado)."
    ),
    "Contents": "Contenido",
    "Received": "Fecha de recepción",
    "Requested": "Fecha de solicitud",
    "That decision does not apply to this campaign.": (
        "Esa decisión no corresponde a esta campaña."
    ),
    "The two new passwords are not the same.": "Las contraseñas nuevas no coinciden.",
    # --- 3. Grammar ----------------------------------------------------------------------------
    "This is the last active administrator. Make someone else an administrator first.": (
        "Esta es la última cuenta de administración activa. Antes, asigne el rol de "
        "administración a otra persona."
    ),
    "form in %(lang)s": "formulario en %(lang)s",
    "%(email)s is now: %(role)s.": "%(email)s ahora tiene el rol “%(role)s”.",
    "%(email)s as %(role)s, valid until %(date)s": (
        "%(email)s, rol “%(role)s”, válida hasta el %(date)s"
    ),
    "Signed in as %(email)s (%(role)s).": (
        "Sesión iniciada como %(email)s, con el rol “%(role)s”."
    ),
    "Account: %(email)s (%(role)s).": "Cuenta: %(email)s, rol “%(role)s”.",
    "Write this intro in English too, or leave both empty.": (
        "Escriba esta introducción también en inglés o deje vacías las dos versiones."
    ),
    "Write this intro in Spanish too, or leave both empty.": (
        "Escriba esta introducción también en español o deje vacías las dos versiones."
    ),
    "Write the description in English too, or leave both empty.": (
        "Escriba la descripción también en inglés o deje vacías las dos versiones."
    ),
    "Write the description in Spanish too, or leave both empty.": (
        "Escriba la descripción también en español o deje vacías las dos versiones."
    ),
    "Shown on the consultation's page to visitors of that sector. Write it in both languages, "
    "or leave both empty.": (
        "Se muestra en la página de la consulta a los visitantes de ese sector. Escríbala en "
        "ambos idiomas o deje vacías las dos versiones."
    ),
    "Failed": "Con error",
    "Audience": "Versión",
    "Choose who the packet is for.": "Elija una versión.",
    "Internal export: for the secretariat only. It includes e-mail addresses and the names of "
    "people who did not consent to be named. Do not publish it.": (
        "Exportación interna: solo para el Secretariado. Incluye direcciones de correo "
        "electrónico y los nombres de personas que no autorizaron aparecer con su nombre. No la "
        "publique."
    ),
    "For moderators, the secretariat and administrators of the consultation.": (
        "Para el equipo de moderación, el Secretariado y la administración de la consulta."
    ),
    "This form was already sent and received as %(code)s. Your changes are below: send them as a "
    "new comment, or leave the page to keep only the first one.": (
        "Este formulario ya se había enviado y se registró con el folio %(code)s. Abajo se "
        "muestran sus cambios: puede enviarlos como un comentario nuevo o salir de la página "
        "para conservar solo el primero."
    ),
    "No decision applies: the submitter withdrew this comment.": (
        "La persona remitente retiró este comentario, por lo que no requiere decisión."
    ),
    "the submitter": "la persona remitente",
    "Received from": "Recibidos desde",
    "Received until": "Recibidos hasta",
    # --- 4. Register and Mexican conventions ---------------------------------------------------
    "Moderator": "Moderación",
    "Secretariat": "Secretariado",
    "Administrator": "Administración",
    "Language of the invitation and of their pages": (
        "Idioma de la invitación y de las páginas de la persona invitada"
    ),
    "We send them a link, valid for %(hours)s hour and usable once, where they choose their own "
    "password.": (
        "Enviaremos a la persona invitada un enlace, válido durante %(hours)s hora y de un solo "
        "uso, para que elija su contraseña.",
        "Enviaremos a la persona invitada un enlace, válido durante %(hours)s horas y de un solo "
        "uso, para que elija su contraseña.",
    ),
    "Invite a staff member": "Invitar a una persona al equipo",
    "Invited a staff member": "Invitó a una persona al equipo",
    "you": "su cuenta",
    "This is an automatic message; please do not reply.": (
        "Este es un mensaje automático. Por favor, no responda a este correo."
    ),
    "Something went wrong": "Ocurrió un error",
    "Hello,": "Buen día:",
    "%(name)s was added.": "Se agregó “%(name)s”.",
    "%(name)s was saved.": "Se guardó “%(name)s”.",
    "Move %(name)s up": "Subir “%(name)s”",
    "Move %(name)s down": "Bajar “%(name)s”",
    "You have signed out.": "Su sesión se cerró correctamente.",
    "Too many wrong codes. Please try again in %(minutes)s minute.": (
        "Demasiados códigos incorrectos. Inténtelo de nuevo en %(minutes)s minuto.",
        "Demasiados códigos incorrectos. Inténtelo de nuevo en %(minutes)s minutos.",
    ),
    # --- 5. Numbers, dates and text left in English --------------------------------------------
    "Date and time in the time zone below, like 2027-03-01 09:00.": (
        "Fecha y hora en la zona horaria que se indica más abajo, con el formato "
        "aaaa-mm-dd hh:mm; por ejemplo: 2027-03-01 09:00."
    ),
    "Date and time in the time zone below, like 2027-03-31 18:00.": (
        "Fecha y hora en la zona horaria que se indica más abajo, con el formato "
        "aaaa-mm-dd hh:mm; por ejemplo: 2027-03-31 18:00."
    ),
    "You hold this comment until %(time)s; colleagues see that you are on it.": (
        "Usted tiene este comentario asignado (vence: %(time)s); sus colegas ven que lo está "
        "revisando."
    ),
    "%(email)s is reviewing this comment (until %(time)s).": (
        "%(email)s está revisando este comentario (vence: %(time)s)."
    ),
    "Address (slug)": "Dirección web (identificador)",
    "social security number": "número de Seguro Social (EE. UU.)",
}
