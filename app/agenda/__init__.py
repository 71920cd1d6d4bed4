"""Meetings and their agendas: which approved submissions go before which meeting."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints and CLI commands (called by create_app)."""
    from app.agenda import queries
    from app.agenda.views import bp
    from app.intake import followups

    app.register_blueprint(bp)
    # The submitter sees on the status page what the dialogue did with their comment.
    followups.register(app, "outcomes", queries.items_with_outcome_of)
