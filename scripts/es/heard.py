"""Spanish for issue 16, points 3 and 6: a packet item's "What we heard" (its comments' themes,
counts, convergence and quotes). "Theme" is "asunto" (the glossary gives "tema" to a topic)."""

ES = {
    # The packet's own words (app/packets/document.py)
    "What we heard": "Lo que escuchamos",
    "Convergence: backed by at least three sectors and by both countries": (
        "Convergencia: respaldado por al menos tres sectores y por ambos países"
    ),
    "In their own words": "En sus propias palabras",
    # Export columns (app/exports/schema.py)
    "Theme number": "Número de asunto",
}
