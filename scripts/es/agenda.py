"""Spanish for the agenda area: meetings, agenda items and the placing of comments (merged
with scripts/fill_translations.py)."""

ES = {
    "The approved comments of these consultations can go on the agenda.": (
        "Los comentarios aprobados de estas consultas pueden incluirse en el orden del día."
    ),
    "The meeting was created with one agenda item per pillar.": (
        "Se creó la reunión con un punto del orden del día por cada pilar."
    ),
    "The agenda item was moved.": "Se movió el punto del orden del día.",
    "The agenda item is already at that end of the agenda.": (
        "El punto ya está en ese extremo del orden del día."
    ),
    "The agenda item was deleted.": "Se eliminó el punto del orden del día.",
    "Move or exclude the comments of this item before deleting it.": (
        "Mueva o excluya los comentarios de este punto antes de eliminarlo."
    ),
    "Add an agenda item first.": "Primero agregue un punto al orden del día.",
    "The comment is back on the agenda.": "El comentario volvió al orden del día.",
    "The comment cannot move further that way.": (
        "El comentario no puede moverse más en esa dirección."
    ),
    "The comment is no longer pinned.": "El comentario ya no está fijado.",
    "Edit the agenda item": "Editar el punto del orden del día",
    "Save the agenda item": "Guardar el punto del orden del día",
    "Pinned": "Fijado",
    "No organization": "Sin organización",
    "Back to the meetings": "Volver a las reuniones",
    "Edit the meeting": "Editar la reunión",
    "%(num)s approved comment of the linked consultations is not yet on this agenda.": (
        "%(num)s comentario aprobado de las consultas vinculadas aún no está en este orden del "
        "día.",
        "%(num)s comentarios aprobados de las consultas vinculadas aún no están en este orden "
        "del día.",
    ),
    "Each goes to the item of its main pillar, or to the first item when no item has that "
    "pillar.": (
        "Cada uno va al punto de su pilar principal, o al primer punto si ninguno corresponde a "
        "ese pilar."
    ),
    "Agenda": "Orden del día",
    "Rename or summarize": "Cambiar nombre o resumen",
    "Move item up": "Subir el punto",
    "Move item down": "Bajar el punto",
    "Delete item": "Eliminar el punto",
    "Unpin": "Dejar de fijar",
    "Pin to the top": "Fijar arriba",
    "Move": "Mover",
    "Exclude": "Excluir",
    "No comment in this item yet.": "Este punto aún no tiene comentarios.",
    "This agenda has no item yet.": "Este orden del día aún no tiene puntos.",
    "Add an agenda item": "Agregar un punto al orden del día",
    "Add the item": "Agregar el punto",
    "Excluded": "Excluidos",
    "Restore": "Restablecer",
    "No comment is excluded from this meeting.": "Ningún comentario está excluido de esta reunión.",
    "New meeting": "Nueva reunión",
    "The new meeting gets one agenda item per pillar; you can add, rename and reorder items "
    "afterwards.": (
        "La nueva reunión tendrá un punto del orden del día por cada pilar; después podrá "
        "agregar, renombrar y reordenar los puntos."
    ),
    "Save the meeting": "Guardar la reunión",
    "Create the meeting": "Crear la reunión",
    "Meeting": "Reunión",
    "No meeting has been created yet.": "Todavía no se ha creado ninguna reunión.",
    # Already in the catalogue, but only as wrong fuzzy guesses of msgmerge.
    "Choose the level of the meeting.": "Elija el nivel de la reunión.",
    "Enter the date of the meeting.": "Escriba la fecha de la reunión.",
    "Choose at least one consultation.": "Elija al menos una consulta.",
    "Summary in English": "Resumen en inglés",
    "Summary in Spanish": "Resumen en español",
    "Move to item": "Mover al punto",
    "Choose an agenda item.": "Elija un punto del orden del día.",
    "The meeting was saved.": "Se guardó la reunión.",
    "The agenda item was added.": "Se agregó el punto al orden del día.",
    "The agenda item was saved.": "Se guardó el punto del orden del día.",
    "The comment was moved.": "Se movió el comentario.",
    "The comment was excluded from this meeting.": "Se excluyó el comentario de esta reunión.",
    "The comment is pinned to the top of its item.": (
        "El comentario quedó fijado al principio de su punto."
    ),
}
