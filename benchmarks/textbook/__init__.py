"""Textbook Flask apps the benchmarks measure Consulta against, served or called the same way
in the same run: `intake` (a Flask-WTF comment form) and `listing` (a list page)."""
