"""Bulk open data: each consultation's published comments as NDJSON.gz and CSV files with
checksums, built by `flask opendata publish` and listed at /<lang>/open-data."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprint and CLI commands (called by create_app)."""
    from app.opendata.cli import opendata_cli
    from app.opendata.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(opendata_cli)
