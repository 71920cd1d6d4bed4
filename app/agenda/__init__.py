"""Meetings and their agendas: which approved submissions go before which meeting."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints and CLI commands (called by create_app)."""
    from app.agenda.views import bp

    app.register_blueprint(bp)
