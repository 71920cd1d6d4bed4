"""Spanish for the packets area (merged with scripts/fill_translations.py)."""

ES = {
    "Choose a language.": "Elija un idioma.",
    "Audience": "Destinatarios",
    "Anonymous": "Anónimo",
    # The packet's own words (app/packets/document.py)
    "Agenda packet": "Carpeta informativa",
    "Internal — includes comments not for publication": (
        "Uso interno — incluye comentarios no autorizados para publicación"
    ),
    "Public version: only comments whose authors consented to publication": (
        "Versión pública: solo comentarios cuyos autores autorizaron su publicación"
    ),
    "Level": "Nivel",
    "Date": "Fecha",
    "Place": "Lugar",
    "Prepared by the Secretariat": "Elaborado por el Secretariado",
    "Summary": "Resumen",
    "Contents": "Índice",
    "Index of organizations": "Índice de organizaciones",
    "Organizations that agreed to be named, with the numbers of their comments.": (
        "Organizaciones que aceptaron ser nombradas, con los números de sus comentarios."
    ),
    "Comments in this packet": "Comentarios en esta carpeta",
    "By pillar": "Por pilar",
    "By sector": "Por sector",
    "By country": "Por país",
    "By state or region": "Por estado o región",
    "Comments": "Comentarios",
    "Comments by pillar": "Comentarios por pilar",
    "Comments by sector": "Comentarios por sector",
    "Chart drawn from the counts in the tables below.": (
        "Gráfica elaborada con las cifras de las tablas siguientes."
    ),
    "Written in": "Escrito en",
    "Reference": "Referencia",
    "Not for publication": "No autorizado para publicación",
    "Highlighted by the Secretariat": "Destacado por el Secretariado",
    "No comments were placed on this item.": "No se asignaron comentarios a este punto.",
    "Summary by the Secretariat": "Resumen del Secretariado",
    "Form letter": "Carta colectiva",
    "Signed by": "Firmada por",
    "Page": "Página",
    "of": "de",
    "%(count)s comment": ("%(count)s comentario", "%(count)s comentarios"),
    "Sent by %(count)s person or organization": (
        "Enviada por %(count)s persona u organización",
        "Enviada por %(count)s personas u organizaciones",
    ),
    "and %(count)s who asked not to be named": (
        "y %(count)s persona que pidió no ser nombrada",
        "y %(count)s personas que pidieron no ser nombradas",
    ),
    # The meeting's packets page
    "Format": "Formato",
    "Choose a format.": "Elija un formato.",
    "Choose who the packet is for.": "Elija a quién va dirigida la carpeta.",
    "PDF": "PDF",
    "Word (DOCX)": "Word (DOCX)",
    "Printable web page": "Página web para imprimir",
    "English and Spanish": "Inglés y español",
    "Public: consented comments only": "Pública: solo comentarios con autorización",
    "Internal: every approved comment": "Interna: todos los comentarios aprobados",
    "Waiting": "En espera",
    "Building": "En elaboración",
    "Ready": "Lista",
    "Failed": "Falló",
    "Interrupted: build it again": "Interrumpida: vuelva a generarla",
    "Laying out the pages": "Componiendo las páginas",
    "%(done)s of %(total)s comments": "%(done)s de %(total)s comentarios",
    "The packet %(name)s is ready.": "La carpeta %(name)s está lista.",
    "The packet could not be built: %(error)s": "No se pudo generar la carpeta: %(error)s",
    "The packet is being built; this page shows its progress.": (
        "La carpeta se está generando; esta página muestra su avance."
    ),
    "Download": "Descargar",
    "Back to the meeting's packets": "Volver a las carpetas de la reunión",
    "Refresh": "Actualizar",
    "Packets": "Carpetas",
    "Back to the meeting": "Volver a la reunión",
    "Agenda packets": "Carpetas informativas",
    "The public packet holds %(num)s comment: approved, placed on the agenda and consented "
    "to publication.": (
        "La carpeta pública contiene %(num)s comentario: aprobado, asignado a la agenda y con"
        " autorización para publicarse.",
        "La carpeta pública contiene %(num)s comentarios: aprobados, asignados a la agenda y"
        " con autorización para publicarse.",
    ),
    "The internal packet holds %(num)s comment, including those not for publication.": (
        "La carpeta interna contiene %(num)s comentario, incluidos los no autorizados para"
        " publicación.",
        "La carpeta interna contiene %(num)s comentarios, incluidos los no autorizados para"
        " publicación.",
    ),
    "Large packets are built in the background: this page shows their progress and keeps "
    "the finished files.": (
        "Las carpetas grandes se generan en segundo plano: esta página muestra su avance y"
        " conserva los archivos terminados."
    ),
    "Build the packet": "Generar la carpeta",
    "Built packets": "Carpetas generadas",
    "File": "Archivo",
    "Requested": "Solicitada",
    "%(num)s page": ("%(num)s página", "%(num)s páginas"),
    "Check progress": "Ver el avance",
    "Refresh this list": "Actualizar esta lista",
    "No packet has been built for this meeting yet.": (
        "Todavía no se ha generado ninguna carpeta para esta reunión."
    ),
}
