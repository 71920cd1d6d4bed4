"""Which hosts Consulta answers to, and the public address that links leaving a request
(mail, feeds, anything cached or kept) start with: never the Host header a visitor sent.

TRUSTED_HOSTS is Flask's own setting, so `request.host` can only be a trusted name. A request
naming another host is refused with the ordinary localized 400 page: Flask's own check would
leave the request without a URL adapter and the error page could not be drawn, so
`HostCheck` looks first and hands the request on under a trusted name, marked for refusal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, has_request_context, request
from werkzeug.sansio.utils import host_is_trusted
from werkzeug.wsgi import get_host

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

REFUSED_HOST = "consulta.refused_host"


def fallback_host(config: dict[str, Any]) -> str:
    """A host the application answers to: the public address's, else the first trusted name
    (`.example.org` allows example.org itself), else localhost (every host is trusted)."""
    if public := config.get("PUBLIC_BASE_URL"):
        return urlsplit(str(public)).netloc
    trusted = config.get("TRUSTED_HOSTS") or ["localhost"]
    return str(trusted[0]).lstrip(".")


class HostCheck:
    """Marks a request for an untrusted host and passes it on under `fallback_host`, so the
    refusal is rendered like any other error page (language, security headers) and names
    only a trusted host. Sits inside ProxyFix, so it judges X-Forwarded-Host behind a
    trusted proxy."""

    def __init__(self, app: Flask, wsgi_app: WSGIApplication) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        trusted = self.app.config.get("TRUSTED_HOSTS")
        if trusted:
            host = get_host(environ)
            if not host_is_trusted(host, trusted):
                environ[REFUSED_HOST] = host
                environ["HTTP_HOST"] = fallback_host(self.app.config)
        return self.wsgi_app(environ, start_response)


def refuse_untrusted_host() -> None:
    if REFUSED_HOST in request.environ:
        abort(400)


def init_hosts(app: Flask) -> None:
    """Call before the other middleware and before_request hooks are added: the check then
    runs after ProxyFix and before anything else reads the request."""
    app.wsgi_app = HostCheck(app, app.wsgi_app)  # type: ignore[method-assign]  # how Flask adds middleware
    app.before_request(refuse_untrusted_host)


def public_base_url() -> str:
    """`scheme://host[:port][/path]` that outside links start with (no trailing slash)."""
    configured: str | None = current_app.config.get("PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/")
    trusted = current_app.config.get("TRUSTED_HOSTS")
    if has_request_context() and trusted and host_is_trusted(request.host, trusted):
        return f"{request.scheme}://{request.host}{request.script_root}"
    raise RuntimeError(
        "PUBLIC_BASE_URL is not set and no request from a trusted host says the address"
    )


def public_hostname() -> str:
    """The host name of the public address (the naming authority of the feeds' tag: URIs)."""
    return urlsplit(public_base_url()).hostname or ""


def external_url(endpoint: str, **values: Any) -> str:
    """`url_for(endpoint, **values, _external=True)`, on the public address."""
    base = urlsplit(public_base_url())
    current_app.inject_url_defaults(endpoint, values)
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)
