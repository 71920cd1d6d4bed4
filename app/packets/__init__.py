"""Agenda packets: one template rendered as HTML, PDF and DOCX, built in the background."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints and CLI commands (called by create_app)."""
    # Settings of this area; each may also come as FLASK_<NAME> (from_prefixed_env).
    app.config.setdefault(
        "PACKETS_DIR", os.environ.get("PACKETS_DIR") or str(Path(app.instance_path) / "packets")
    )
    # File names start with this (default: the consultation's slug without its year).
    app.config.setdefault("PACKET_FILE_PREFIX", os.environ.get("PACKET_FILE_PREFIX") or None)
    # Up to this many comments, the request waits for the build (in a thread of its own).
    app.config.setdefault("PACKET_INLINE_MAX", 150)
    # Shorter than gunicorn's 30 s worker timeout: past it, the page shows progress instead.
    app.config.setdefault("PACKET_INLINE_SECONDS", 20)
    app.config.setdefault("PACKET_QUEUE", "packets")
    app.config.setdefault("PACKET_JOB_TIMEOUT", 1800)

    from app.packets.cli import packet_cli
    from app.packets.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(packet_cli)
