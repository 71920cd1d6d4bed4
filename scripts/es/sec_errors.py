"""Spanish for the second hardening pass (issue 13): odd values in URLs and forms."""

ES = {
    "Enter a date between the years %(first)s and %(last)s.": (
        "Escriba una fecha entre los años %(first)s y %(last)s."
    ),
}
