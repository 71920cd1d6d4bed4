"""Spanish for the lead's own changes of 2026-12-07 (second session)."""

ES = {
    # The public list's counts per pillar stop at a cap (app/public/queries.py COUNT_CAP).
    "more than %(num)s": "más de %(num)s",
    # The saved draft's page: a button that copies its link (shown by consulta.js).
    "Copy the link": "Copiar el enlace",
    "Link copied": "Enlace copiado",
    # The administration trail (app/admin/views/trail.py).
    "Added a verified organization": "Agregó una organización verificada",
    "Edited a verified organization": "Editó una organización verificada",
    "Verified comments confirmed before their domain was listed": (
        "Verificó comentarios confirmados antes de que se registrara su dominio"
    ),
}
