"""Administration: staff accounts, consultations and the taxonomy, managed in the browser."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this area's blueprints and CLI commands (called by create_app)."""
    from app.admin.invitations import bp as invitations_bp
    from app.admin.views import bp as admin_bp

    app.register_blueprint(admin_bp)
    app.register_blueprint(invitations_bp)
