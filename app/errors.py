"""Localized error pages. The language comes from the URL prefix when there is one, even on
a 404 (the route did not match, so the prefix is read from the path)."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from app.config import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from app.db import db
from app.i18n import current_language, format_file_size

log = logging.getLogger(__name__)


def _too_large() -> str:
    size = format_file_size(current_app.config["MAX_ATTACHMENT_BYTES"])
    return _(
        "What you sent is larger than we accept. Attachments may be at most %(size)s each; "
        "please send smaller files.",
        size=size,
    )


class InvalidTransition(Exception):
    """The state change asked for is no longer possible in the object's current state (a
    decision on a comment already decided, a withdrawal after review). Views catch this
    and explain; any other exception from a service is a bug and stays one."""


MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The page could not understand what was sent. Please go back and try again."),
    ),
    401: (_l("Sign-in required"), _l("Please sign in to see this page.")),
    403: (
        _l("Access denied"),
        _l("Your account does not have permission to see this page."),
    ),
    404: (
        _l("Page not found"),
        _l(
            "We could not find the page you asked for. Check the address, or start again "
            "from the home page."
        ),
    ),
    405: (
        _l("Method not allowed"),
        _l("This page cannot be used that way. Please go back and try again."),
    ),
    413: (
        _l("Too much data"),
        LazyString(_too_large),
    ),
    429: (
        _l("Too many requests"),
        _l(
            "You have sent too many requests in a short time. Please wait a few minutes and "
            "try again."
        ),
    ),
    500: (
        _l("Something went wrong"),
        _l(
            "An unexpected error occurred on our side and nothing was saved. Please try again "
            "in a few minutes."
        ),
    ),
    503: (
        _l("Service unavailable"),
        _l("The service is busy or under maintenance. Please try again in a few minutes."),
    ),
}


def _language_from_path() -> None:
    if getattr(g, "lang", None):
        return
    first = request.path.lstrip("/").split("/", 1)[0]
    if first in SUPPORTED_LANGUAGES:
        g.lang = first


def render_error(code: int) -> tuple[str, int]:
    """The error page, or the plain one when the page itself fails: an error handler that
    raises leaves the answer to the server (a bare 500 without our security headers)."""
    _language_from_path()
    title, message = MESSAGES.get(code, MESSAGES[500])
    try:
        return render_template("errors/error.html", code=code, title=title, message=message), code
    except Exception:
        log.exception("the error page for %s failed; sending the plain one", code)
        return _plain_page(code, title, message), code


def _plain_page(code: int, title: object, message: object) -> str:
    """No template, no URL building, no database: only the translated words."""
    try:
        lang = current_language()
        words = (str(title), str(message), _("Go to the home page"))
    except Exception:  # even the catalog failed: the English words are better than nothing
        lang = DEFAULT_LANGUAGE
        words = (
            "Something went wrong",
            "An unexpected error occurred on our side. Please try again in a few minutes.",
            "Go to the home page",
        )
    title_text, message_text, home = (escape(word) for word in words)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
        f"<title>{title_text}</title></head>\n<body>\n<h1>{title_text}</h1>\n"
        f"<p>{message_text}</p>\n<p>{code}</p>\n"
        f'<p><a href="/{lang}/">{home}</a></p>\n</body>\n</html>\n'
    )


# The read-only API (app/api) answers errors as RFC 9457 problem details, not pages.
API_PREFIX = "/api/"
PROBLEM_JSON = "application/problem+json"


def problem(code: int, detail: object = None, **extensions: object) -> Response:
    """An RFC 9457 problem: the error page's title and message as JSON, in the language the
    client asked for (Accept-Language), with `extensions` (the API's own fields) added."""
    title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    body = {"type": "about:blank", "title": str(title), "status": code}
    body["detail"] = str(detail if detail is not None else message)
    body.update(extensions)
    return Response(json.dumps(body, ensure_ascii=False), status=code, content_type=PROBLEM_JSON)


def _for_api() -> bool:
    return request.path.startswith(API_PREFIX)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int, list[tuple[str, str]]] | Response:
        code = error.code or 500
        if code not in MESSAGES:
            code = 500 if code >= 500 else 400
        # What the error itself says besides its body: a 405's Allow (RFC 9110, 15.5.6).
        own = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        if _for_api():
            response = problem(code)
            response.headers.extend(own)
            return response
        body, status = render_error(code)
        return body, status, own

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError) -> tuple[str, int] | Response:
        # Whatever the request had half-done is thrown away, never committed.
        db.session.rollback()
        log.exception("unhandled error on %s %s", request.method, request.path)
        if _for_api():
            return problem(500)
        return render_error(500)
