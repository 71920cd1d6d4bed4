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
from app.staff.forms import SignInForm
from app.staff.passwords import verify_password

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
