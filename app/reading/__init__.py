"""The secretariat's reading workspace: every approved comment of a consultation in full, with
the queue's filters and search, the theme it sits in and whether it is cleared for publication
(issue 16, point 1)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprint (called by create_app)."""
    from app.reading.views import bp

    app.register_blueprint(bp)
