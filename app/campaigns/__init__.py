"""Form-letter campaigns: near-duplicate detection, bulk decisions, shown once."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints and CLI commands (called by create_app)."""
    from app.campaigns.cli import campaigns_cli
    from app.campaigns.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(campaigns_cli)
