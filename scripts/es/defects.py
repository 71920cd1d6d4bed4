"""Spanish for the strings of issue 18's defect fixes (merged with scripts/fill_translations.py)."""

ES = {
    "Use at least %(min)d characters.": "Use al menos %(min)d caracteres.",
    "%(min)d to %(max)d characters; not a well-known password and not containing your e-mail"
    " address. A sentence of a few words works well.": (
        "De %(min)d a %(max)d caracteres; que no sea una contraseña conocida ni contenga su"
        " correo electrónico. Una frase de varias palabras funciona bien."
    ),
}
