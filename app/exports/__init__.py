"""Data exports for the secretariat: CSV, XLSX, JSON and NDJSON, streamed."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints and CLI commands (called by create_app)."""
    from app.exports.cli import export_command
    from app.exports.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(export_command)
