"""Spanish for issue 14's page and layout points (1-5, 17): the header's language button on
staff pages, topics grouped by pillar, an empty queue."""

ES = {
    "Changes your account's language": "Cambia el idioma de su cuenta",
    "Your account now uses this language. The button at the top of the page changes it back.": (
        "Su cuenta ahora usa este idioma. Con el botón de la parte superior de la página puede "
        "volver al anterior."
    ),
    "Topics are grouped by pillar: the pillars you chose are open, and you can open any other.": (
        "Los temas están agrupados por pilar: los pilares que eligió aparecen abiertos y puede "
        "abrir cualquier otro."
    ),
    "There are no comments yet.": "Todavía no hay comentarios.",
    "No comments are waiting for a decision.": "No hay comentarios pendientes de decisión.",
}
