"""A textbook list page: the yardstick the queue benchmark measures the moderation queue against.

`/list/<name>` runs `statements[name]` (a SQLAlchemy select of the rows to show) and renders
them in a plain Jinja table, as the Flask tutorial would. The queue benchmark gives it the
same query its page runs for the same 50 rows, on the same database, through the same test
client, so the two differ only in what the application adds (forms, filters, counts, layout).
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Flask, abort, render_template
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_list_app(database_url: str, statements: dict[str, Any]) -> Flask:
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI=database_url, SECRET_KEY=secrets.token_hex(16))
    db.init_app(app)

    @app.get("/list/<name>")
    def listing(name: str) -> str:
        rows = db.session.execute(statements[name]).all()
        return render_template("list.html", rows=rows)

    @app.get("/comment/<code>")
    def comment(code: str) -> str:  # linked to from each row, never visited
        abort(404)

    return app
