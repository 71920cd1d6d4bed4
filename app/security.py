"""Security headers and CSP on every response, CSRF, and the role check for staff views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from flask import Flask, Request, Response, abort, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from app.enums import Role

csrf = CSRFProtect()
# The client address is the socket's, or X-Forwarded-For's only behind a configured number
# of trusted proxies (ProxyFix below): a visitor must not choose their own rate-limit key.
limiter = Limiter(key_func=get_remote_address)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

F = TypeVar("F", bound=Callable[..., Any])


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    return response


def init_security(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(set_security_headers)
    proxies = app.config.get("TRUSTED_PROXY_COUNT", 0)
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    # Redis when configured (shared by every worker and machine), else this process's memory.
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_SUBMIT", "5 per minute;40 per hour")
    app.config.setdefault("RATELIMIT_STATUS", "10 per minute;60 per hour")
    limiter.init_app(app)


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Refuse a staff view to anyone signed out (sent to sign-in) or without one of `roles`
    (403, logged). Admins pass every check."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            from flask_login import current_user

            from app.staff.auth import log, login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.can(*roles):
                log.warning("refused %s (%s) access to %s", current_user.email,
                            current_user.role.value, request.path)  # fmt: skip
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # type: ignore[attr-defined]  # read by the role-table test
        return wrapped  # type: ignore[return-value]

    return decorator


class ConsultaRequest(Request):
    """Remembers whether a urlencoded body held bytes that are not UTF-8.

    Werkzeug keeps such a value percent-encoded instead of failing, so "%FF" would be saved
    as if the visitor had typed it. The form validators ask `has_undecodable_form()`."""

    def _load_form_data(self) -> None:
        if self.mimetype == "application/x-www-form-urlencoded":
            self.get_data(cache=True)  # the parser then reads the cached bytes
        super()._load_form_data()

    def has_undecodable_form(self) -> bool:
        raw = getattr(self, "_cached_data", None)
        if not raw or self.mimetype != "application/x-www-form-urlencoded":
            return False
        try:
            parse_qsl(raw.decode("latin-1"), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return True
        return False
