"""A textbook list page: the yardstick the queue benchmark measures the moderation queue against.

`/list/<name>` runs `statements[name]` (a SQLAlchemy select of the rows to show) and renders
them in a plain Jinja table, as the Flask tutorial would. The queue benchmark gives it the
same query its page runs for the same 50 rows, on the same database, through the same test
client, so the two differ only in what the application adds (forms, filters, counts, layout).

The public record's benchmark (benchmarks/scenarios/public.py) uses `/public/<name>`, the same
kind of table over a comment's public fields, and `/json/<name>`, a textbook JSON list
(`jsonify` of the same rows' public fields).
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Flask, Response, abort, jsonify, render_template
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

    @app.get("/public/<name>")
    def public_listing(name: str) -> str:
        rows = db.session.execute(statements[name]).all()
        return render_template("public_list.html", rows=rows)

    @app.get("/json/<name>")
    def json_listing(name: str) -> Response:
        rows = db.session.execute(statements[name]).all()
        return jsonify(
            items=[
                {
                    "id": row.public_id,
                    "created_at": row.created_at.isoformat(),
                    "language": row.detected_language,
                    "title": row.public_title or row.title,
                    "text": row.public_body or row.body,
                    "organization": row.organization,
                }
                for row in rows
            ]
        )

    @app.get("/comment/<code>")
    def comment(code: str) -> str:  # linked to from each row, never visited
        abort(404)

    return app
