"""A bare Flask hello-world: the floor that gunicorn + Flask cost before Consulta adds anything.

Served as ``benchmarks.hello_app:app`` with the same gunicorn settings as the real app, so the
baseline scenario's ratio isolates what Consulta's own request handling costs.
"""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
