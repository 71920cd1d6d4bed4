"""Themes: what the approved comments ask for, found across English and Spanish within each
pillar, corrected by people, kept by rebuilds (docs/themes.md)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprint and CLI commands (called by create_app)."""
    from app.intake import followups
    from app.themes import outcomes
    from app.themes.cli import themes_cli
    from app.themes.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(themes_cli)
    # The submitter sees on the status page what the dialogue did with their comment's theme.
    followups.register(app, "theme_outcomes", outcomes.themes_with_outcome_of)
