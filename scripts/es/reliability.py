"""Spanish for the reliability area's new messages (merged by the lead)."""

ES = {
    "This file looks like several kinds of file at once, so it cannot be accepted. "
    "Please save it again as a plain PDF, Word, Excel, PNG or JPEG file.": (
        "Este archivo parece ser de varios tipos de archivo a la vez, por lo que no se puede "
        "aceptar. Guárdelo de nuevo como un archivo PDF, Word, Excel, PNG o JPEG común."
    ),
}
