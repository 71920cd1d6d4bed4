"""Security headers and CSP on every response, CSRF, rate limits and load shedding. (The role
check for staff views is app.staff.auth.roles_required.)"""

from __future__ import annotations

import hashlib
import hmac
import tempfile
import threading
import time
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, cast
from urllib.parse import parse_qsl

from flask import Flask, Request, Response, abort, request
from flask.globals import request_ctx
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from itsdangerous import URLSafeTimedSerializer
from werkzeug.datastructures import LanguageAccept
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_accept_header
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, Map
from werkzeug.wsgi import get_content_length

from app.db import MAX_ID

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

csrf = CSRFProtect()


def token_digest(token: str) -> str:
    """What is stored of a secret handed to a person (an invitation, a submitter's access code
    or e-mail link): its SHA-256, so a copy of the database opens nothing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, digest: str | None) -> bool:
    """Whether `token` is the secret stored as `digest`, compared in constant time."""
    return digest is not None and hmac.compare_digest(token_digest(token), digest)


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


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
HSTS = ("Strict-Transport-Security", "max-age=63072000; includeSubDomains")


def set_security_headers(response: Response) -> Response:
    """Each header unless the response set its own. One pass over the response's headers:
    Werkzeug's `setdefault` scanned them twice per header and raised a KeyError for each
    missing one (a third of the hooks' time after a view)."""
    headers = response.headers
    present = {name.lower() for name, _ in headers.items()}
    wanted = (*SECURITY_HEADERS, HSTS) if request.is_secure else SECURITY_HEADERS
    for name, value in wanted:
        if name.lower() not in present:
            headers.add(name, value)
    return response


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its serializer made once per secret key (and its
    fallbacks) instead of on every request that opens the session. It holds no per-request
    state, so the threads of a worker share it."""

    def __init__(self) -> None:
        self._made: tuple[Any, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._made
        if made is None or made[0] != keys:
            made = self._made = (keys, super().get_signing_serializer(app))
        return made[1]


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: ASCII digits up to app.db.MAX_ID, else the route does not
    match (404). Werkzeug's own passes any size, which PostgreSQL's INTEGER then refuses as a
    500 (and Unicode digits, a second spelling of every URL)."""

    regex = "[0-9]+"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:  # fmt: skip
        upper = MAX_ID if max is None or max > MAX_ID else max
        super().__init__(map, fixed_digits, min, upper, signed)


def refuse_unstorable_values() -> None:
    """A NUL in a path segment is no page of ours (404), in a query value a malformed request
    (400). PostgreSQL's text cannot hold NUL: the lookup it reaches would fail as a 500.
    (Ids and dates beyond what the database holds are refused by IdConverter, query_int and
    PlausibleDateField; NUL in a form field gets the form's own message.)"""
    if any(
        isinstance(value, str) and "\x00" in value for value in (request.view_args or {}).values()
    ):
        abort(404)
    # Only a query string with %00 (or a raw NUL) decodes to one: most never parse args here.
    query = request.query_string
    if (b"%00" in query or b"\x00" in query) and any(
        "\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)
    ):
        abort(400)


def init_security(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter  # before any route is added
    csrf.init_app(app)
    app.session_interface = SessionCookies()
    app.before_request(refuse_unstorable_values)
    app.after_request(set_security_headers)
    proxies = app.config.get("TRUSTED_PROXY_COUNT", 0)
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # how Flask adds middleware
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    # Redis when configured (shared by every worker and machine), else this process's memory.
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    limiter.init_app(app)
    if limiter.enabled:
        _count_only_where_limits_apply(app)
    if app.config["MAX_REQUESTS_IN_FLIGHT"] > 0:
        app.wsgi_app = LoadShedder(  # type: ignore[method-assign]  # how Flask adds middleware
            app,
            app.wsgi_app,
            limit=int(app.config["MAX_REQUESTS_IN_FLIGHT"]),
            page_wait_s=int(app.config["SHED_PAGE_WAIT_MS"]) / 1000,
            post_wait_s=int(app.config["SHED_POST_WAIT_MS"]) / 1000,
        )


def _count_only_where_limits_apply(app: Flask) -> None:
    """Flask-Limiter's before_request hook applies only the limits not written on a route
    (app-wide, default, blueprint and meta limits, or its in-memory fallback): a route's own
    `@limiter.limit` checks in its wrapper. Consulta has none of those, and the hook worked out
    on every request that there was nothing to count (a fifth of /healthz's CPU). It now runs
    when there is: a limit added later (configuration, a blueprint) turns it back on. Its
    after_request and teardown hooks only read and reset what a limit checked in this request
    left behind (its context, made on first use): they run when there is one."""
    check = limiter._check_request_limit
    manager = limiter.limit_manager

    def check_limits_not_on_routes() -> None:
        if (
            manager._application_limits
            or manager._default_limits
            or manager._blueprint_limits
            or limiter._meta_limits
            or limiter._in_memory_fallback_enabled
        ):
            check()

    def limits_were_checked() -> bool:
        return hasattr(request_ctx, "_limiter_request_context")  # the proxy asks the context

    after = next(f for f in app.after_request_funcs[None] if getattr(f, "args", ()) == (limiter,))
    release = limiter._Limiter__release_context  # type: ignore[attr-defined]  # name-mangled

    def after_limits(response: Response) -> Response:
        return cast(Response, after(response)) if limits_were_checked() else response

    def release_limits(error: BaseException | None = None) -> None:
        if limits_were_checked():
            release(error)

    hooks: list[tuple[list[Any], Any, Any]] = [
        (app.before_request_funcs[None], check, check_limits_not_on_routes),
        (app.after_request_funcs[None], after, after_limits),
        (app.teardown_request_funcs[None], release, release_limits),
    ]
    for registered, old, new in hooks:
        registered[registered.index(old)] = new


# Set in the WSGI environ of a comment POST the server is too busy to take: the form view
# shows the form again with the visitor's text and a "busy, please send again" message,
# reading only (app.db), without counting it against the visitor's rate limit.
SHED = "consulta.shed"


def was_shed() -> bool:
    return bool(request.environ.get(SHED))


class Admission:
    """Who may run now: at most `limit` requests at once; the others wait in line, writes
    (POST and the like: someone's text or decision) ahead of page views, each until its own
    deadline. A request that reaches its deadline still waiting is turned away."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.running = 0
        self.waiting_writes = 0
        self.waiting_reads = 0
        self._changed = threading.Condition()

    def enter(self, write: bool, deadline: float) -> bool:
        """Wait for a place until `deadline` (monotonic); False if it passed first."""
        with self._changed:
            if write:
                self.waiting_writes += 1
            else:
                self.waiting_reads += 1
            try:
                while self.running >= self.limit or (not write and self.waiting_writes):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    self._changed.wait(remaining)
                self.running += 1
                return True
            finally:
                if write:
                    self.waiting_writes -= 1
                else:
                    self.waiting_reads -= 1

    def leave(self) -> None:
        with self._changed:
            self.running -= 1
            self._changed.notify_all()


class LoadShedder:
    """At most `limit` requests of this process run inside the application at once; the
    others wait in line, and a request is turned away by how long it has waited (its
    queueing delay), never by how many are waiting: a page view after `page_wait_s`, a POST
    after the longer `post_wait_s`, and POSTs are let in before page views. So while the
    clients fit the server's threads nobody is refused (a request waits at most for a few
    others to finish), and under overload page views are shed first.

    A page view turned away gets a localized 503 with Retry-After at once, rendered once per
    language and process (no session, no routing, no database: refusing costs almost
    nothing). A comment POST turned away is not lost: it goes on to the form view marked
    `SHED`, which shows the form again with everything typed and a "busy, please send it
    again" message (503, Retry-After), and stores nothing. Other POSTs get the 503 page.

    With gunicorn's sync workers a process never holds more than one request and this never
    fires (requests wait in the kernel's queue instead); it matters with threaded workers
    (`--worker-class gthread --threads N`). The health check and static files are never
    refused. The wait is measured from when the trusted reverse proxy passed the request on
    (`X-Request-Start`, deploy/nginx.conf: time in gunicorn's queue counts), else from the
    moment its body has been received (`_receive_body`): a client that sends its body a few
    bytes at a time holds one of the worker's threads, never a place in line.
    (With sync workers a slow client holds the whole worker; the buffering reverse proxy of
    the README's "Behind a reverse proxy" is what absorbs those.)
    """

    RETRY_AFTER_S = 5
    EXEMPT = ("/healthz", "/static/")
    WRITES = ("POST", "PUT", "PATCH", "DELETE")
    MAX_BELIEVED_WAIT_S = 60.0
    # A received body stays in memory up to this size, then in a temporary file (the same
    # threshold as Werkzeug's form parser), so that threads receiving bodies cannot pile
    # up MAX_CONTENT_LENGTH each in memory.
    BODY_IN_MEMORY = 500 * 1024
    READ_CHUNK = 64 * 1024

    def __init__(
        self,
        app: Flask,
        wsgi_app: WSGIApplication,
        *,
        limit: int,
        page_wait_s: float,
        post_wait_s: float,
    ) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.page_wait_s = page_wait_s
        self.post_wait_s = post_wait_s
        self.admission = Admission(limit)
        self._pages: dict[str, tuple[bytes, list[tuple[str, str]]]] = {}
        self.refused = 0  # in this process, for tests and curiosity

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path: str = environ.get("PATH_INFO", "")
        if path.startswith(self.EXEMPT):
            return self.wsgi_app(environ, start_response)
        received = self._receive_body(environ)
        write = environ.get("REQUEST_METHOD", "GET") in self.WRITES
        now = time.monotonic()
        arrived = self._arrived(environ, now)
        deadline = arrived + (self.post_wait_s if write else self.page_wait_s)
        # One that waited its time already in the queues before the application (behind the
        # proxy) is not served late: its visitor has probably given up.
        too_late = arrived < now and deadline < now
        if too_late or not self.admission.enter(write, deadline):
            self.refused += 1
            if write and self._is_comment_form(environ):
                environ[SHED] = True
                try:
                    return self.wsgi_app(environ, start_response)
                finally:
                    if received is not None:
                        received.close()
            if received is not None:
                received.close()
            body, headers = self.busy_page(self._language(environ))
            start_response("503 SERVICE UNAVAILABLE", headers)
            return [body]
        # Flask does a request's work before returning its body; a streamed body's generator
        # runs after the slot is given back (held until close(), a client that never closes
        # its response, like the test client, would use the slots up).
        try:
            return self.wsgi_app(environ, start_response)
        finally:
            self.admission.leave()
            # The view has read the body by now (forms are parsed before it answers), and
            # a response streamed afterwards never reads the request's.
            if received is not None:
                received.close()

    def _arrived(self, environ: WSGIEnvironment, now: float) -> float:
        """When the request started waiting, on the monotonic clock: when the trusted proxy
        passed it on (its `X-Request-Start: t=<seconds>`, so time in gunicorn's own queue
        counts), else `now`. A visitor's own header is ignored without a trusted proxy."""
        if not self.app.config.get("TRUSTED_PROXY_COUNT"):
            return now
        stamp = environ.get("HTTP_X_REQUEST_START", "").removeprefix("t=")
        try:
            waited = time.time() - float(stamp)
        except ValueError:
            return now
        # A clock a little ahead or a stamp from long ago is not a wait we can believe.
        return now - waited if 0 < waited < self.MAX_BELIEVED_WAIT_S else now

    def _is_comment_form(self, environ: WSGIEnvironment) -> bool:
        """Whether the request is for the public comment form (which can show itself again
        with the visitor's text rather than lose it)."""
        try:
            endpoint, _ = self.app.url_map.bind_to_environ(environ).match(method="POST")
        except HTTPException:
            return False
        return bool(endpoint == "intake.submit")

    def _receive_body(self, environ: WSGIEnvironment) -> IO[bytes] | None:
        """Read the request body from the client into a buffer that replaces `wsgi.input`;
        None when there is nothing to receive or nothing that may be read.

        A declared length above MAX_CONTENT_LENGTH is not read at all: the application
        refuses it with its localized 413 page. A chunked body (no length) is read up to one
        byte past the limit and then stands as a body of the length received, as a buffering
        proxy would pass it on, so that one too long is refused the same way. (Werkzeug alone
        would cut a chunked body at the limit and parse what is left.)
        """
        limit: int | None = self.app.config.get("MAX_CONTENT_LENGTH")
        length = get_content_length(environ)
        if length is None:
            # Without a length only a server that ends the stream itself (gunicorn does, by
            # decoding the chunks) may be read; Werkzeug ignores the body otherwise.
            chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
            if not (chunked and environ.get("wsgi.input_terminated")):
                return None
            wanted = None if limit is None else limit + 1
        elif length == 0 or (limit is not None and length > limit):
            return None
        else:
            wanted = length
        source = environ["wsgi.input"]
        # Closed by __call__ once the application has answered, so no `with` here.
        buffer = tempfile.SpooledTemporaryFile(max_size=self.BODY_IN_MEMORY)  # noqa: SIM115
        received = 0
        while wanted is None or received < wanted:
            size = self.READ_CHUNK if wanted is None else min(self.READ_CHUNK, wanted - received)
            chunk = source.read(size)
            if not chunk:
                break
            buffer.write(chunk)
            received += len(chunk)
        buffer.seek(0)
        environ["wsgi.input"] = buffer
        if length is None:
            environ.pop("HTTP_TRANSFER_ENCODING")
            environ["CONTENT_LENGTH"] = str(received)
        # Werkzeug then reads Content-Length bytes and, when the client went away before
        # sending them all, answers 400 instead of parsing a truncated form.
        environ.pop("wsgi.input_terminated", None)
        return buffer

    @staticmethod
    def _language(environ: WSGIEnvironment) -> str:
        from app.config import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

        first: str = environ.get("PATH_INFO", "").lstrip("/").split("/", 1)[0]
        if first in SUPPORTED_LANGUAGES:
            return first
        accept = parse_accept_header(environ.get("HTTP_ACCEPT_LANGUAGE"), LanguageAccept)
        return accept.best_match(SUPPORTED_LANGUAGES, default=DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE

    def busy_page(self, lang: str) -> tuple[bytes, list[tuple[str, str]]]:
        page = self._pages.get(lang)
        if page is None:
            from app.errors import render_error
            from app.hosts import fallback_host

            # On a host the application answers to (TRUSTED_HOSTS), or nothing could be drawn.
            base_url = f"http://{fallback_host(self.app.config)}"
            with self.app.test_request_context(f"/{lang}/", base_url=base_url):
                response = self.app.make_response(render_error(503))
                set_security_headers(response)
                response.headers["Retry-After"] = str(self.RETRY_AFTER_S)
                response.headers["Cache-Control"] = "no-store"
                page = (response.get_data(), list(response.headers.items()))
            self._pages[lang] = page
        return page


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
