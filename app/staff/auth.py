"""Who is signed in: Flask-Login wiring, server-side session ending, idle and absolute
time-outs, and sign-in throttling kept in the database."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, current_app, g, redirect, request, session, url_for
from flask_login import LoginManager, current_user, logout_user
from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from app.db import db, utcnow
from app.enums import Role
from app.navigation import url_with_query
from app.staff.models import SignInAttempt, User

log = logging.getLogger("consulta.staff")
F = TypeVar("F", bound=Callable[..., Any])

# Blueprints whose pages are the back office: signed-in staff, in their own language.
STAFF_BLUEPRINTS = frozenset(
    {
        "staff",
        "moderation",
        "agenda",
        "packets",
        "exports",
        "campaigns",
        "themes",
        "reading",
        "admin",
    }
)
# Public pages that show one person their own things: their invitation, the comment they
# sent (receipt, status look-up, withdrawal). With the back office, never kept by a cache.
PERSONAL_ENDPOINTS = frozenset(
    {"invitations.accept", "intake.receipt", "intake.status", "intake.withdraw_submission"}
)

login_manager = LoginManager()
login_manager.login_view = "staff.sign_in"
login_manager.session_protection = None  # we end sessions ourselves (session_version)


@login_manager.user_loader
def load_user(value: str) -> User | None:
    """The cookie names an account *and* its session version: after sign-out, a password
    change or deactivation the version moves on and an old cookie loads nobody."""
    try:
        user_id, version = (int(part) for part in value.split(".", 1))
    except ValueError:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.is_active or user.session_version != version:
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized() -> Response:
    log.info("refused anonymous access to %s", request.path)
    return redirect(url_for("staff.sign_in", next=request.full_path.rstrip("?")))


def end_all_sessions(user: User) -> None:
    user.session_version += 1


def client_address() -> str:
    return (request.remote_addr or "unknown")[:64]


def sign_in_rate_limit() -> str:
    """The request rate limit of the sign-in steps (RATELIMIT_SIGN_IN), for Flask-Limiter."""
    return str(current_app.config["RATELIMIT_SIGN_IN"])


def throttle_minutes() -> int:
    """How long a throttled sign-in waits, as the refusal tells it."""
    return int(current_app.config["SIGN_IN_THROTTLE_MINUTES"])


def _lock_key(kind: str, value: str) -> int:
    """A PostgreSQL advisory lock key (signed 64 bits) for one account or one address."""
    digest = hashlib.blake2b(f"sign-in {kind}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _hold_attempts(session_: Session, email: str, address: str) -> None:
    """Make the count and the attempt's record one step: until this transaction ends (the
    attempt recorded and committed, or rolled back), every other sign-in step of this account
    or from this address waits here. Without it, simultaneous guesses all count the same
    failures and all get evaluated. The two locks are taken in one fixed order, so two steps
    never wait on each other. SQLite needs nothing: a POST's transaction takes its single
    write lock at BEGIN (app.db.use_immediate_transactions_on_sqlite)."""
    if session_.get_bind().dialect.name != "postgresql":
        return
    for key in sorted({_lock_key("account", email), _lock_key("address", address)}):
        session_.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def throttled(session_: Session, email: str, address: str) -> bool:
    """Whether this sign-in step is refused unheard. Failures within SIGN_IN_THROTTLE_MINUTES
    are counted twice: SIGN_IN_MAX_FAILURES from this address (for any account, known or not)
    pause the address; SIGN_IN_ACCOUNT_MAX_FAILURES for this account (from any address) pause
    the account. The address limit stops one guesser without locking the staff member out
    from their own address; the higher account ceiling bounds guessers spread over many
    addresses (docs/security-checks.md, "Sign-in throttling"). Other attempts of the account
    or the address wait until the caller records this one and commits (or the request ends).
    """
    _hold_attempts(session_, email, address)
    window = timedelta(minutes=throttle_minutes())
    failed = SignInAttempt.succeeded.is_(False)
    from_address, for_account = session_.execute(
        select(
            func.count().filter(SignInAttempt.client_address == address),
            func.count().filter(SignInAttempt.email == email),
        ).where(
            failed,
            SignInAttempt.created_at > utcnow() - window,
            or_(SignInAttempt.email == email, SignInAttempt.client_address == address),
        )
    ).one()
    address_limit: int = current_app.config["SIGN_IN_MAX_FAILURES"]
    account_limit: int = current_app.config["SIGN_IN_ACCOUNT_MAX_FAILURES"]
    return bool(from_address >= address_limit or for_account >= account_limit)


def record_attempt(session_: Session, email: str, address: str, succeeded: bool) -> None:
    session_.add(SignInAttempt(email=email, client_address=address, succeeded=succeeded))


def _check_session_age() -> Response | None:
    """Idle and absolute limits, checked on every staff request."""
    if not current_user.is_authenticated:
        return None
    now = utcnow().timestamp()
    idle = current_app.config["STAFF_IDLE_MINUTES"] * 60
    absolute = current_app.config["STAFF_ABSOLUTE_HOURS"] * 3600
    seen = session.get("seen", 0)
    since = session.get("since", 0)
    if now - seen > idle or now - since > absolute:
        log.info("session of %s expired", current_user.email)
        logout_user()
        session.clear()
        return redirect(url_for("staff.sign_in", next=request.full_path.rstrip("?"), expired=1))
    session["seen"] = now
    return None


# What an admin who must enrol a second factor may still reach.
ENROLMENT_ENDPOINTS = frozenset(
    {"staff.two_factor", "staff.sign_out", "staff.set_language", "staff.sign_in"}
)


def needs_enrolment(user: User) -> bool:
    """With REQUIRE_2FA_FOR_ADMINS, an admin without a second factor must enrol first."""
    return (
        bool(current_app.config.get("REQUIRE_2FA_FOR_ADMINS"))
        and user.role is Role.ADMIN
        and not user.totp_secret
    )


def init_auth(app: Flask) -> None:
    login_manager.init_app(app)

    @app.before_request
    def load_staff_user() -> Response | None:
        if request.blueprint not in STAFF_BLUEPRINTS:
            return None
        expired = _check_session_age()
        if expired is not None:
            return expired
        if not current_user.is_authenticated:
            return None
        g.user = current_user._get_current_object()
        if needs_enrolment(g.user) and request.endpoint not in ENROLMENT_ENDPOINTS:
            log.info("admin %s sent to second-factor enrolment from %s", g.user.email,
                     request.path)  # fmt: skip
            return redirect(url_for("staff.two_factor", lang=g.user.preferred_language.value))
        g.user_language = g.user.preferred_language.value
        # Staff pages speak the language the staff member chose; the URL follows it.
        if request.method == "GET" and g.user_language != g.lang and request.endpoint:
            path_args = {**(request.view_args or {}), "lang": g.user_language}
            query = request.args.items(multi=True)
            return redirect(url_with_query(request.endpoint, query, **path_args))
        return None

    @app.after_request
    def never_cache_private_pages(response: Response) -> Response:
        private = request.blueprint in STAFF_BLUEPRINTS or request.endpoint in PERSONAL_ENDPOINTS
        if private and "no-store" not in (response.headers.get("Cache-Control") or ""):
            response.headers["Cache-Control"] = "no-store"
        return response


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Refuse a staff view to anyone signed out (sent to sign-in) or without one of `roles`
    (403, logged). Admins pass every check."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.can(*roles):
                log.warning("refused %s (%s) access to %s", current_user.email,
                            current_user.role.value, request.path)  # fmt: skip
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # type: ignore[attr-defined]  # read by the role-table test
        return wrapped  # type: ignore[return-value]  # @wraps kept the view's signature

    return decorator
