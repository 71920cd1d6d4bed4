"""Consulta: a bilingual stakeholder consultation platform.

`create_app()` wires configuration, extensions, blueprints, error pages and CLI commands.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, g, request, url_for
from flask_babel import Babel, format_decimal, format_timedelta
from flask_migrate import Migrate

from app.config import SUPPORTED_LANGUAGES, load_config
from app.db import db, ping_connections_left_idle, use_immediate_transactions_on_sqlite, utcnow
from app.hosts import init_hosts
from app.i18n import (
    LANGUAGE_NAMES,
    LanguageConverter,
    current_language,
    format_file_size,
    format_in_timezone,
    format_locale,
    format_time_of_day,
    format_when,
    language_name,
    localized,
    other_language,
    select_locale,
)
from app.navigation import url_with_query
from app.security import ConsultaRequest, init_security

babel = Babel()
migrate = Migrate()

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application. `config` overrides what the environment says (tests use it)."""
    settings = load_config(overrides=config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=True)
    app.request_class = ConsultaRequest
    app.config.update(settings)
    # Any Flask or extension setting may also come as FLASK_<NAME> (SPEC: set-up contract).
    app.config.from_prefixed_env()
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    app.url_map.converters["lang"] = LanguageConverter
    app.url_map.strict_slashes = True

    db.init_app(app)
    with app.app_context():
        use_immediate_transactions_on_sqlite(db.engine)
        ping_connections_left_idle(db.engine, app.config["DB_PING_AFTER_IDLE_S"])
    from app import models  # noqa: F401  (register every table before Alembic looks)

    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    babel.init_app(app, locale_selector=select_locale)
    init_hosts(app)  # first: its middleware sits inside ProxyFix, its hook runs before the others
    init_security(app)
    from app.staff.auth import init_auth

    init_auth(app)

    _register_language_prefix(app)
    _register_blueprints(app)
    from app.errors import register_error_handlers

    register_error_handlers(app)
    from app.cli import register_cli

    register_cli(app)
    _register_template_helpers(app)

    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO)
    return app


def _register_language_prefix(app: Flask) -> None:
    """Public and staff URLs start with /en/ or /es/; views never handle `lang` themselves."""

    @app.url_value_preprocessor
    def pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
        if values and "lang" in values:
            g.lang = values.pop("lang")

    @app.url_defaults
    def add_lang(endpoint: str, values: dict[str, Any]) -> None:
        if "lang" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang"):
            return
        values["lang"] = getattr(g, "lang", None) or current_language()


def _register_blueprints(app: Flask) -> None:
    from app.intake.views import bp as intake_bp
    from app.moderation.views import bp as moderation_bp
    from app.site import bp as site_bp
    from app.staff.views import bp as staff_bp

    app.register_blueprint(site_bp)
    app.register_blueprint(intake_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(moderation_bp)

    # Each later area registers its own blueprints and CLI commands.
    from app import (
        admin,
        agenda,
        api,
        campaigns,
        exports,
        feeds,
        opendata,
        packets,
        public,
        reading,
        themes,
    )

    areas = (agenda, packets, exports, feeds, public, api, opendata, campaigns, themes, reading)
    for area in (*areas, admin):
        area.init_app(app)


def switch_language_url() -> str:
    """The same page in the other language (query string kept); the other landing page when
    the current page has no route of its own (an error page)."""
    target = other_language(current_language())
    endpoint = request.endpoint
    if endpoint and request.url_rule and "lang" in request.url_rule.arguments:
        path_args = {**(request.view_args or {}), "lang": target}
        return url_with_query(endpoint, request.args.items(multi=True), **path_args)
    return url_for("intake.index", lang=target)


def _register_template_helpers(app: Flask) -> None:
    from app.navigation import may_use, staff_nav
    from app.staff.auth import STAFF_BLUEPRINTS

    @app.context_processor
    def inject_language() -> dict[str, Any]:
        lang = current_language()
        other = other_language(lang)
        return {
            "lang": lang,
            "other_lang": other,
            "other_lang_name": LANGUAGE_NAMES[other],
            "switch_language_url": switch_language_url,
            "url_with_query": url_with_query,
            "localized": localized,
            "format_in_timezone": format_in_timezone,
            "format_file_size": format_file_size,
            "now_utc": utcnow,
            "format_datetime": format_when,
            "format_number": format_decimal,
            "format_timedelta": format_timedelta,
            "format_time": format_time_of_day,
            "language_name": language_name,
            "number_locale": format_locale(lang).replace("_", "-"),
            "public_status": lambda submission: submission.status.public_label,
            "supported_languages": SUPPORTED_LANGUAGES,
            "staff_page": request.blueprint in STAFF_BLUEPRINTS if request else False,
            "staff_nav": staff_nav,
            # Whether the signed-in staff member may follow a link to that view (a page that
            # links into another area shows the link only to those it would let in).
            "may_use": may_use,
        }
