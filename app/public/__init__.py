"""The public record: a consultation's published comments, browsable, filterable and
searchable, each at its permalink (read only what app.intake.publication lets out)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints (called by create_app)."""
    from app.public.views import bp

    app.register_blueprint(bp)
