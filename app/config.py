"""One configuration object, read from the environment with working defaults."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from werkzeug.sansio.utils import host_is_trusted

SUPPORTED_LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
# The Babel locale that formats numbers and dates for each language of the URL: the Spanish
# pages follow Mexico's conventions (1,234 · 0.87), not Spain's (1.234 · 0,87).
FORMAT_LOCALES = {"en": "en", "es": "es_MX"}
# Times people read use the 24-hour clock with "h" in Spanish (CLDR's es_MX says "9:05 a.m.").
TIME_PATTERNS = {"en": "h:mm a", "es": "H:mm 'h'"}
# Where `make run`, `flask run` and the test client are reached on a developer's machine.
DEVELOPMENT_HOSTS = ("localhost", "127.0.0.1")


class ConfigError(RuntimeError):
    """The configuration cannot run safely; the message says what to set."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str | None, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"expected a whole number, got {value!r}") from exc


def _public_base_url(value: str | None) -> str | None:
    """`https://host[:port][/path]` without a trailing slash, or None when unset."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            f"PUBLIC_BASE_URL must look like https://consulta.example.org, got {value!r}"
        )
    return value.strip().rstrip("/")


def _trusted_hosts(value: str | None, public_base_url: str | None, production: bool) -> list[str]:
    """The Host names a request may carry: TRUSTED_HOSTS (comma-separated; `.example.org`
    also allows its subdomains), else the public address's host, plus the local ones
    outside production."""
    if value:
        return [host.strip() for host in value.split(",") if host.strip()]
    hosts = [urlsplit(public_base_url).hostname or ""] if public_base_url else []
    if not production:
        hosts += [host for host in DEVELOPMENT_HOSTS if host not in hosts]
    return hosts


def instance_secret_key(instance_path: Path) -> str:
    """Return the development secret kept in the instance folder, creating it once (mode 0600).

    Several gunicorn workers start at once, so the file is created exclusively and a worker
    that loses the race reads the winner's key instead of writing its own.
    """
    path = instance_path / "secret_key"
    instance_path.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
        raise ConfigError(f"{path} is empty; delete it to generate a new key") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def load_config(
    env: dict[str, str] | None = None, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Build the settings dictionary from environment variables.

    Nothing is required on SQLite. ``CONSULTA_CONFIG=production`` turns on the checks that a
    public deployment needs: an explicit SECRET_KEY, a non-SQLite DATABASE_URL (unless
    ``ALLOW_SQLITE_IN_PRODUCTION`` says otherwise), a PUBLIC_BASE_URL, and HTTPS-only cookies.
    """
    env = dict(os.environ if env is None else env)
    overrides = overrides or {}
    instance_path = Path(
        overrides.get("INSTANCE_PATH") or env.get("INSTANCE_PATH") or "instance"
    ).resolve()
    production = env.get("CONSULTA_CONFIG", "").strip().lower() == "production"
    https = bool(overrides.get("HTTPS", _bool(env.get("HTTPS"), production)))

    database_url = (
        overrides.get("SQLALCHEMY_DATABASE_URI")
        or env.get("DATABASE_URL")
        or f"sqlite:///{instance_path / 'consulta.sqlite3'}"
    )
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgres://")
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")

    secret_key = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if production:
        if not secret_key:
            raise ConfigError("production configuration needs an explicit SECRET_KEY")
        if database_url.startswith("sqlite") and not _bool(
            env.get("ALLOW_SQLITE_IN_PRODUCTION"), False
        ):
            raise ConfigError(
                "production configuration needs a PostgreSQL DATABASE_URL "
                "(set ALLOW_SQLITE_IN_PRODUCTION=1 to run on SQLite anyway)"
            )
    public_base_url = _public_base_url(
        overrides.get("PUBLIC_BASE_URL") or env.get("PUBLIC_BASE_URL")
    )
    if production and not public_base_url:
        raise ConfigError(
            "production configuration needs PUBLIC_BASE_URL (e.g. https://consulta.example.org): "
            "links in mail and feeds must not name whatever host a request claimed"
        )
    if not secret_key:
        secret_key = instance_secret_key(instance_path)

    trusted_hosts = _trusted_hosts(env.get("TRUSTED_HOSTS"), public_base_url, production)
    mail_server = env.get("MAIL_SERVER") or None
    settings = {
        "CONSULTA_PRODUCTION": production,
        "INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # A pooled connection unused this long is pinged before use (app.db), not every one.
        "DB_PING_AFTER_IDLE_S": _int(env.get("DB_PING_AFTER_IDLE_S"), 2),
        "REDIS_URL": env.get("REDIS_URL") or None,
        "UPLOAD_DIR": env.get("UPLOAD_DIR") or str(instance_path / "uploads"),
        # Where `flask opendata publish` writes the bulk files and their manifests.
        "OPEN_DATA_DIR": env.get("OPEN_DATA_DIR") or str(instance_path / "open-data"),
        # The licence the open data page states (name and link).
        "OPEN_DATA_LICENSE": env.get("OPEN_DATA_LICENSE") or "CC BY 4.0",
        "OPEN_DATA_LICENSE_URL": env.get("OPEN_DATA_LICENSE_URL")
        or "https://creativecommons.org/licenses/by/4.0/",
        "MAIL_SERVER": mail_server,
        "MAIL_PORT": _int(env.get("MAIL_PORT"), 587),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _bool(env.get("MAIL_USE_TLS"), True),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER") or "consulta@localhost",
        "MAIL_OUTBOX": env.get("MAIL_OUTBOX") or str(instance_path / "outbox"),
        "HTTPS": https,
        "SESSION_COOKIE_NAME": "__Host-session" if https else "consulta_session",
        "SESSION_COOKIE_SECURE": https,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "MAX_CONTENT_LENGTH": _int(env.get("MAX_CONTENT_LENGTH"), 32 * 1024 * 1024),
        # People write long comments: the form token must outlive an afternoon's drafting.
        "WTF_CSRF_TIME_LIMIT": _int(env.get("WTF_CSRF_TIME_LIMIT"), 8 * 3600),
        "WTF_CSRF_SSL_STRICT": https,
        "FORM_MIN_SECONDS": _int(env.get("FORM_MIN_SECONDS"), 3),
        # Staff passwords: long enough to resist guessing, short enough to hash cheaply.
        "PASSWORD_MIN_LENGTH": _int(env.get("PASSWORD_MIN_LENGTH"), 12),
        "PASSWORD_MAX_LENGTH": _int(env.get("PASSWORD_MAX_LENGTH"), 128),
        # Attachments to one comment: how many, and how large each (the form says both).
        "MAX_ATTACHMENTS": _int(env.get("MAX_ATTACHMENTS"), 3),
        "MAX_ATTACHMENT_BYTES": _int(env.get("MAX_ATTACHMENT_BYTES"), 10 * 1024 * 1024),
        # Load shedding (app.security.LoadShedder), per process: how many requests run in the
        # application at once (0: no limit), and how long a page view and a POST may wait in
        # line for that before a "busy" answer (a comment POST gets its form back, text kept).
        "MAX_REQUESTS_IN_FLIGHT": _int(env.get("MAX_REQUESTS_IN_FLIGHT"), 2),
        "SHED_PAGE_WAIT_MS": _int(env.get("SHED_PAGE_WAIT_MS"), 2000),
        "SHED_POST_WAIT_MS": _int(env.get("SHED_POST_WAIT_MS"), 4000),
        # Request rate limits per client address (Flask-Limiter strings, read per request).
        "RATELIMIT_SUBMIT": env.get("RATELIMIT_SUBMIT") or "5 per minute;40 per hour",
        "RATELIMIT_STATUS": env.get("RATELIMIT_STATUS") or "10 per minute;60 per hour",
        # The read-only API, per client address (app/api): a client paging through a large
        # consultation at 50 comments a page reads 6,000 comments a minute.
        "RATELIMIT_API": env.get("RATELIMIT_API") or "120 per minute;3000 per hour",
        # The public report's PDF, rendered on each download (seconds of CPU each).
        "RATELIMIT_REPORT_PDF": env.get("RATELIMIT_REPORT_PDF") or "6 per minute;30 per hour",
        "RATELIMIT_SIGN_IN": env.get("RATELIMIT_SIGN_IN") or "30 per minute",
        "RATELIMIT_INVITATION": env.get("RATELIMIT_INVITATION") or "30 per minute",
        # Sign-in throttling, kept in the database: this many failures from one address
        # within the window pause that address for the rest of it (the refusal says how long),
        # and the higher account ceiling, reached from any addresses, pauses the account.
        "SIGN_IN_MAX_FAILURES": _int(env.get("SIGN_IN_MAX_FAILURES"), 5),
        "SIGN_IN_ACCOUNT_MAX_FAILURES": _int(env.get("SIGN_IN_ACCOUNT_MAX_FAILURES"), 20),
        "SIGN_IN_THROTTLE_MINUTES": _int(env.get("SIGN_IN_THROTTLE_MINUTES"), 15),
        # Staff sessions end after this long idle, and this long in all.
        "STAFF_IDLE_MINUTES": _int(env.get("STAFF_IDLE_MINUTES"), 8 * 60),
        "STAFF_ABSOLUTE_HOURS": _int(env.get("STAFF_ABSOLUTE_HOURS"), 12),
        # How long an invitation to the back office can be used.
        "INVITATION_HOURS": _int(env.get("INVITATION_HOURS"), 72),
        # How long a stakeholder's personal invitation to comment can be used (from sending).
        "INVITATION_DAYS": _int(env.get("INVITATION_DAYS"), 60),
        # How long the links in a submitter's receipt e-mail (confirm the address) work.
        "EMAIL_LINK_DAYS": _int(env.get("EMAIL_LINK_DAYS"), 30),
        # How long a comment saved to finish later (a draft) can be resumed from its link;
        # `flask drafts purge` removes older ones.
        "DRAFT_DAYS": _int(env.get("DRAFT_DAYS"), 30),
        # A signal for moderators (never a verdict): an e-mail address behind at least this
        # many comments of one consultation is flagged in the queue (app.moderation.signals).
        "SIGNAL_SAME_ADDRESS_MIN": _int(env.get("SIGNAL_SAME_ADDRESS_MIN"), 3),
        # Packets (internal and public) hold only comments whose author confirmed their
        # e-mail address; comments sent without one are then left out too.
        "PACKETS_CONFIRMED_EMAIL_ONLY": _bool(env.get("PACKETS_CONFIRMED_EMAIL_ONLY"), False),
        # Theme rebuilds from the staff pages, on RQ (with REDIS_URL): their queue, and how
        # long one may run before RQ stops it.
        "THEMES_QUEUE": env.get("THEMES_QUEUE") or "themes",
        "THEMES_JOB_TIMEOUT": _int(env.get("THEMES_JOB_TIMEOUT"), 30 * 60),
        # An optional local embedding model for the themes (docs/themes.md): only a hook; a
        # missing or corrupt directory is a logged warning and the default method.
        "THEMES_MODEL_DIR": env.get("THEMES_MODEL_DIR") or None,
        # "Propose from themes" on a meeting page: how many of a pillar's strongest themes
        # fill its agenda item.
        "THEMES_PROPOSED_PER_ITEM": _int(env.get("THEMES_PROPOSED_PER_ITEM"), 5),
        # How long the secret offered while enrolling a second factor waits for its code.
        "TOTP_ENROLMENT_MINUTES": _int(env.get("TOTP_ENROLMENT_MINUTES"), 15),
        "BABEL_DEFAULT_LOCALE": "en",
        # Staff pages show times in this zone; public pages use each consultation's own.
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE") or "America/Mexico_City",
        "BABEL_TRANSLATION_DIRECTORIES": str(
            Path(__file__).resolve().parent.parent / "translations"
        ),
        "TRUSTED_PROXY_COUNT": _int(env.get("TRUSTED_PROXY_COUNT"), 0),
        # Links that leave the request (mail, feeds) start with this; requests naming another
        # host than these get a 400 page (app/hosts.py).
        "PUBLIC_BASE_URL": public_base_url,
        "TRUSTED_HOSTS": trusted_hosts,
        # Admins without a second factor are sent to enrol it before anything else (by
        # default in production: an admin account's password alone is too little).
        "REQUIRE_2FA_FOR_ADMINS": _bool(env.get("REQUIRE_2FA_FOR_ADMINS"), production),
    }
    settings.update(overrides)
    # A refused request is answered under the public host (app.hosts): it must be trusted.
    public_host = urlsplit(public_base_url).netloc if public_base_url else None
    if public_host and not host_is_trusted(
        public_host, overrides.get("TRUSTED_HOSTS", trusted_hosts)
    ):
        raise ConfigError(f"TRUSTED_HOSTS must include the host of PUBLIC_BASE_URL ({public_host})")
    return settings
