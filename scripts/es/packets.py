"""Spanish for the packets area (merged with scripts/fill_translations.py)."""

ES = {
    "Choose a language.": "Elija un idioma.",
    "Anonymous": "Anónimo",
    # The packet's own words (app/packets/document.py)
    "Agenda packet": "Carpeta informativa",
    "Internal — includes comments not for publication": (
        "Uso interno — incluye comentarios no autorizados para publicación"
    ),
    "Level": "Nivel",
    "Date": "Fecha",
    "Place": "Lugar",
    "Prepared by the Secretariat": "Elaborado por el Secretariado",
    "Summary": "Resumen",
    "Index of organizations": "Índice de organizaciones",
    "Comments in this packet": "Comentarios en esta carpeta",
    "By pillar": "Por pilar",
    "By sector": "Por sector",
    "By country": "Por país",
    "Comments": "Comentarios",
    "Comments by pillar": "Comentarios por pilar",
    "Comments by sector": "Comentarios por sector",
    "Chart drawn from the counts in the tables below.": (
        "Gráfica elaborada con las cifras de las tablas siguientes."
    ),
    "Written in": "Escrito en",
    "Not for publication": "No autorizado para publicación",
    "Highlighted by the Secretariat": "Destacado por el Secretariado",
    "Summary by the Secretariat": "Resumen del Secretariado",
    "Signed by": "Firmada por",
    "Page": "Página",
    "of": "de",
    "%(count)s comment": ("%(count)s comentario", "%(count)s comentarios"),
    "Sent by %(count)s person or organization": (
        "Enviada por %(count)s persona u organización",
        "Enviada por %(count)s personas u organizaciones",
    ),
    # The meeting's packets page
    "Format": "Formato",
    "Choose a format.": "Elija un formato.",
    "PDF": "PDF",
    "Word (DOCX)": "Word (DOCX)",
    "Printable web page": "Página web para imprimir",
    "English and Spanish": "Inglés y español",
    "Internal: every approved comment": "Interna: todos los comentarios aprobados",
    "Waiting": "En espera",
    "Building": "En elaboración",
    "Ready": "Lista",
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
    "%(num)s page": ("%(num)s página", "%(num)s páginas"),
    "Check progress": "Ver el avance",
    "Refresh this list": "Actualizar esta lista",
    "No packet has been built for this meeting yet.": (
        "Todavía no se ha generado ninguna carpeta para esta reunión."
    ),
}
