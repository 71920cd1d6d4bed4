"""Spanish for the strings of the themes4 helper (privacy of public theme labels)."""

ES = {
    "A theme without key words": "Un tema sin palabras clave",
}
