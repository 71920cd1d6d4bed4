"""Spanish for the lead's own strings (merged with scripts/fill_translations.py)."""

ES = {
    "Campaigns": "Campañas",
    "Meetings": "Reuniones",
    "Administration": "Administración",
    "Export this view": "Exportar esta vista",
}
