"""Spanish for issue 15: what personalised members of a campaign added to its letter."""

ES = {
    "Written by this person": "Escrito por esta persona",
    "Written by this person (not in the campaign's letter)": (
        "Escrito por esta persona (no está en la carta modelo de la campaña)"
    ),
    "Added by senders in their own words": (
        "Lo que agregaron los remitentes con sus propias palabras"
    ),
}
