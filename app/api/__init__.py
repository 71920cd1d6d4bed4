"""The read-only JSON API of the public record, /api/v1/, and its human page."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints (called by create_app)."""
    from app.api.views import bp

    app.register_blueprint(bp)
