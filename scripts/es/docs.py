"""Spanish for the strings of the documents a ministry hands out (issue 14, points 7, 11,
13-16): the meeting's place in each language, the packet summary's tables and the XLSX."""

ES = {
    "Place in English": "Lugar en inglés",
    "Place in Spanish": "Lugar en español",
    "Comments by country": "Comentarios por país",
    "Comments by state or region": "Comentarios por ubicación",
    "Country": "País",
    "Form language": "Idioma del formulario",
    "Detected language": "Idioma detectado",
    "Consent to publish": "Autorización para publicar",
    "Comments in the campaign": "Comentarios de la campaña",
    "With name": "Con nombre",
    "Received (%(city)s time)": "Recibido (hora de %(city)s)",
}
