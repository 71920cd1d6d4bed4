"""Staff sign-in, sign-out and the back office's home page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from app.db import db, utcnow
from app.enums import Language, Role
from app.security import limiter, roles_required
from app.staff import queries
from app.staff.auth import client_address, end_all_sessions, log, record_attempt, throttled
from app.staff.forms import PasswordChangeForm, SignInForm
from app.staff.passwords import verify_password
from app.staff.services import change_password

bp = Blueprint("staff", __name__, url_prefix="/<lang:lang>/staff")

ALL_STAFF = (Role.MODERATOR, Role.SECRETARIAT, Role.ADMIN)


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another host, never a scheme-relative URL."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: "30 per minute", methods=["POST"])
def sign_in() -> Response | tuple[str, int] | str:
    if current_user.is_authenticated:
        return redirect(url_for(".home"))
    form = SignInForm()
    if request.args.get("expired"):
        flash(_("Your session has expired. Please sign in again."), "info")
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("staff/sign_in.html", form=form), status

    email = form.email.data.lower()
    address = client_address()
    # One message for every failure, so the page never tells whether an account exists.
    refusal = _("The e-mail address or password is not correct, or sign-in is paused after "
                "several failed attempts. Please try again in 15 minutes.")  # fmt: skip
    if throttled(db.session, email, address):
        log.warning("sign-in throttled for %s from %s", email, address)
        flash(refusal, "error")
        return render_template("staff/sign_in.html", form=form), 429
    user = queries.active_user_by_email(db.session, email)
    if user is None or not verify_password(user.password_hash, form.password.data):
        record_attempt(db.session, email, address, succeeded=False)
        db.session.commit()
        log.warning("failed sign-in for %s from %s", email, address)
        flash(refusal, "error")
        return render_template("staff/sign_in.html", form=form), 401
    record_attempt(db.session, email, address, succeeded=True)
    user.last_sign_in_at = utcnow()
    db.session.commit()
    # A new session at sign-in: nothing from before (fixation) survives.
    session.clear()
    login_user(user)
    now = utcnow().timestamp()
    session["since"] = session["seen"] = now
    log.info("signed in %s from %s", email, address)
    target = _safe_next(request.args.get("next"))
    return redirect(target or url_for(".home", lang=user.preferred_language.value))


@bp.post("/logout")
@roles_required(*ALL_STAFF)
def sign_out() -> Response:
    user = current_user._get_current_object()
    end_all_sessions(user)
    db.session.commit()
    log.info("signed out %s", user.email)
    logout_user()
    session.clear()
    flash(_("You have signed out."), "success")
    return redirect(url_for(".sign_in"))


@bp.get("/")
@roles_required(*ALL_STAFF)
def home() -> str:
    return render_template("staff/home.html")


@bp.post("/language")
@roles_required(*ALL_STAFF)
def set_language() -> Response:
    """Staff choose their interface language; the page they were on reopens in it."""
    choice = request.form.get("language", "")
    if choice not in {lang.value for lang in Language}:
        abort(400)
    user = current_user._get_current_object()
    user.preferred_language = Language(choice)
    db.session.commit()
    target = _safe_next(request.form.get("next")) or url_for(".home", lang=choice)
    # Same path in the chosen language: /es/staff/queue?… -> /en/staff/queue?…
    if target[:4] in ("/en/", "/es/"):
        target = f"/{choice}/" + target[4:]
    return redirect(target)


# The password rules' reasons (English, from app.staff.passwords) shown in the page's language.
PASSWORD_PROBLEMS = {
    "wrong current password": lambda: _("The current password is not correct."),
    "password must be at least 12 characters": lambda: _("Use at least 12 characters."),
    "password must be at most 128 characters": lambda: _("Use at most 128 characters."),
    "password is too repetitive": lambda: _("This password is too repetitive."),
    "password is too common": lambda: _("This password is too common; choose another."),
    "password must not contain the e-mail address": lambda: _(
        "The password must not contain your e-mail address."
    ),
}


@bp.route("/password", methods=["GET", "POST"])
@roles_required(*ALL_STAFF)
def change_password_view() -> Response | tuple[str, int] | str:
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("staff/password.html", form=form), status
    user = current_user._get_current_object()
    problem = change_password(user, form.current.data, form.new.data)
    if problem:
        field = form.current if problem == "wrong current password" else form.new
        field.errors = [PASSWORD_PROBLEMS[problem]()]
        return render_template("staff/password.html", form=form), 422
    db.session.commit()
    log.info("password changed for %s; other sessions ended", user.email)
    since = session.get("since")
    session.clear()
    login_user(user)  # this browser stays signed in under the new session version
    session["since"] = since or utcnow().timestamp()
    session["seen"] = utcnow().timestamp()
    flash(_("Your password was changed. Other sessions of your account have ended."), "success")
    return redirect(url_for(".home"))
