"""Spanish for the public report (issue 20, point 3): "What we heard and what we did"
(app/templates/public/report.html, _report.html, report_pdf.html, report.css)."""

ES = {
    "What we heard and what we did": "Lo que escuchamos y lo que hicimos",
    "What we heard": "Lo que escuchamos",
    "What we did": "Lo que hicimos",
    "For each pillar of %(consultation)s, the agenda items the meetings took up, how many "
    "published comments each holds by sector and by country, and what the dialogue decided. "
    "Only comments approved by the moderators and published with their authors' consent are "
    "counted.": (
        "Para cada pilar de %(consultation)s, los puntos del orden del día que trataron las "
        "reuniones, cuántos comentarios publicados reúne cada uno por sector y por país, y lo "
        "que decidió el diálogo. Solo se cuentan los comentarios aprobados por los moderadores "
        "y publicados con el consentimiento de sus autores."
    ),
    "Download the report (PDF)": "Descargar el informe (PDF)",
    "No meeting has taken up this consultation's comments yet.": (
        "Ninguna reunión ha tratado todavía los comentarios de esta consulta."
    ),
    "Other agenda items": "Otros puntos del orden del día",
    # Translators: a meeting's title, then its date ("Cabinet meeting, 10 December 2026").
    "%(meeting)s, %(date)s": "%(meeting)s, %(date)s",
    "%(num)s published comment.": (
        "%(num)s comentario publicado.",
        "%(num)s comentarios publicados.",
    ),
    "Published comments by sector": "Comentarios publicados por sector",
    "Published comments by country": "Comentarios publicados por país",
    "No published comments.": "No hay comentarios publicados.",
    "No outcome recorded yet.": "Aún no se ha registrado un resultado.",
}
