"""Staff sign-in, sign-out and the back office's home page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale, format_decimal, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from app.db import db, utcnow
from app.enums import Language, Role
from app.security import limiter
from app.staff import queries
from app.staff.auth import (
    client_address,
    end_all_sessions,
    log,
    needs_enrolment,
    record_attempt,
    roles_required,
    sign_in_rate_limit,
    throttle_minutes,
    throttled,
)
from app.staff.forms import CodeForm, PasswordChangeForm, SignInForm
from app.staff.models import User
from app.staff.passwords import PasswordProblem, verify_password
from app.staff.services import (
    accept_totp_code,
    change_password,
    enrol_totp,
    pending_totp_secret,
    remove_totp,
    totp_uri,
)

bp = Blueprint("staff", __name__, url_prefix="/<lang:lang>/staff")

ALL_STAFF = (Role.MODERATOR, Role.SECRETARIAT, Role.ADMIN)

# The half-signed-in state between the password and the code, kept in the signed session.
PENDING_KEY = "second_factor_pending"
PENDING_SECONDS = 5 * 60


def CODE_REFUSED() -> str:  # noqa: N802 - a message, read like a constant
    return _("This code is not correct or has already been used. Enter the code your "
             "authenticator app shows now.")  # fmt: skip


def CODE_THROTTLED() -> str:  # noqa: N802
    minutes = throttle_minutes()
    return ngettext("Too many wrong codes. Please try again in %(minutes)s minute.",
                    "Too many wrong codes. Please try again in %(minutes)s minutes.",
                    minutes, minutes=format_decimal(minutes))  # fmt: skip


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another host, never a scheme-relative URL."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(sign_in_rate_limit, methods=["POST"])
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
    minutes = throttle_minutes()
    refusal = ngettext(
        "The e-mail address or password is not correct, or sign-in is paused after several "
        "failed attempts. Please try again in %(minutes)s minute.",
        "The e-mail address or password is not correct, or sign-in is paused after several "
        "failed attempts. Please try again in %(minutes)s minutes.",
        minutes, minutes=format_decimal(minutes),
    )  # fmt: skip
    if throttled(db.session, email, address):
        log.warning("sign-in throttled for %s from %s", email, address)
        flash(refusal, "error")
        return render_template("staff/sign_in.html", form=form), 429
    user = queries.active_user_by_email(db.session, email)
    # No such account: a stand-in hash is verified, so both refusals take the same time.
    stored_hash = user.password_hash if user is not None else None
    if not verify_password(stored_hash, form.password.data) or user is None:
        record_attempt(db.session, email, address, succeeded=False)
        db.session.commit()
        log.warning("failed sign-in for %s from %s", email, address)
        flash(refusal, "error")
        return render_template("staff/sign_in.html", form=form), 401
    target = _safe_next(request.args.get("next"))
    if user.totp_secret:
        # Half signed in: the password was right, but nobody is logged in until the code is.
        session.clear()
        session[PENDING_KEY] = {
            "user": user.id,
            "version": user.session_version,
            "at": utcnow().timestamp(),
            "next": target,
        }
        log.info("password accepted for %s from %s; second factor asked", email, address)
        return redirect(url_for(".second_factor"))
    record_attempt(db.session, email, address, succeeded=True)
    return _complete_sign_in(user, target)


def _complete_sign_in(user: User, target: str | None) -> Response:
    user.last_sign_in_at = utcnow()
    db.session.commit()
    # A new session at sign-in: nothing from before (fixation) survives.
    session.clear()
    login_user(user)
    now = utcnow().timestamp()
    session["since"] = session["seen"] = now
    log.info("signed in %s from %s", user.email, client_address())
    if needs_enrolment(user):
        log.info("admin %s must enrol a second factor", user.email)
        return redirect(url_for(".two_factor", lang=user.preferred_language.value))
    return redirect(target or url_for(".home", lang=user.preferred_language.value))


def _pending_user() -> tuple[User, dict] | None:
    """The account whose password was accepted in this session a few minutes ago, if any."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    age = utcnow().timestamp() - float(pending.get("at", 0))
    if age > PENDING_SECONDS:
        session.pop(PENDING_KEY, None)
        return None
    user = db.session.get(User, int(pending.get("user", 0)))
    if (
        user is None
        or not user.is_active
        or user.session_version != pending.get("version")
        or not user.totp_secret
    ):
        session.pop(PENDING_KEY, None)
        return None
    return user, pending


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(sign_in_rate_limit, methods=["POST"])
def second_factor() -> Response | tuple[str, int] | str:
    """The second step of sign-in: the code from the authenticator app."""
    if current_user.is_authenticated:
        return redirect(url_for(".home"))
    found = _pending_user()
    if found is None:
        flash(_("Please sign in with your e-mail address and password first."), "info")
        return redirect(url_for(".sign_in"))
    user, pending = found
    form = CodeForm()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("staff/second_factor.html", form=form), status
    address = client_address()
    if throttled(db.session, user.email, address):
        log.warning("second factor throttled for %s from %s", user.email, address)
        form.code.errors = [CODE_THROTTLED()]
        return render_template("staff/second_factor.html", form=form), 429
    if not accept_totp_code(db.session, user, form.code.data):
        record_attempt(db.session, user.email, address, succeeded=False)
        db.session.commit()
        log.warning("wrong or reused second-factor code for %s from %s", user.email, address)
        form.code.errors = [CODE_REFUSED()]
        return render_template("staff/second_factor.html", form=form), 401
    record_attempt(db.session, user.email, address, succeeded=True)
    log.info("second factor accepted for %s from %s", user.email, address)
    return _complete_sign_in(user, pending.get("next"))


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
    changed = user.preferred_language is not Language(choice)
    user.preferred_language = Language(choice)
    db.session.commit()
    if changed:
        # The header's button says it changes the account's language; this says it is done,
        # in the language chosen, on the page that reopens in it.
        with force_locale(choice):
            flash(
                _(
                    "Your account now uses this language. The button at the top of the page "
                    "changes it back."
                ),
                "success",
            )
    target = _safe_next(request.form.get("next")) or url_for(".home", lang=choice)
    # Same path in the chosen language: /es/staff/queue?… -> /en/staff/queue?…
    if target[:4] in ("/en/", "/es/"):
        target = f"/{choice}/" + target[4:]
    return redirect(target)


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
        field = form.current if problem is PasswordProblem.WRONG_CURRENT else form.new
        field.errors = [problem.message]
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


@bp.route("/two-factor", methods=["GET", "POST"])
@roles_required(*ALL_STAFF)
def two_factor() -> Response | tuple[str, int] | str:
    """The signed-in staff member's own second factor: enrol (confirmed with a code) or
    see that it is on. Acts on current_user only; there is no way to name another account."""
    user = current_user._get_current_object()
    remove_form = CodeForm(prefix="remove")
    if user.totp_secret:
        return render_template("staff/two_factor.html", enrolled=True, form=remove_form)
    secret = pending_totp_secret(user)
    db.session.commit()  # the offered secret must be the one the confirming POST finds
    form = CodeForm()
    page = {"enrolled": False, "form": form, "secret": secret, "uri": totp_uri(secret, user.email)}
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("staff/two_factor.html", **page), status
    address = client_address()
    if throttled(db.session, user.email, address):
        log.warning("second-factor enrolment throttled for %s from %s", user.email, address)
        form.code.errors = [CODE_THROTTLED()]
        return render_template("staff/two_factor.html", **page), 429
    if not enrol_totp(user, form.code.data):
        record_attempt(db.session, user.email, address, succeeded=False)
        db.session.commit()
        log.warning("second-factor enrolment refused a wrong code for %s", user.email)
        form.code.errors = [CODE_REFUSED()]
        return render_template("staff/two_factor.html", **page), 422
    db.session.commit()
    log.info("second factor enrolled for %s", user.email)
    flash(_("Your second factor is on. Sign-in will now ask for a code."), "success")
    return redirect(url_for(".two_factor"))


@bp.post("/two-factor/remove")
@roles_required(*ALL_STAFF)
def remove_two_factor() -> Response | tuple[str, int] | str:
    """Turn one's own second factor off, proven with a current code."""
    user = current_user._get_current_object()
    form = CodeForm(prefix="remove")
    if not user.totp_secret:
        return redirect(url_for(".two_factor"))
    if not form.validate_on_submit():
        return render_template("staff/two_factor.html", enrolled=True, form=form), 422
    address = client_address()
    if throttled(db.session, user.email, address):
        log.warning("second-factor removal throttled for %s from %s", user.email, address)
        form.code.errors = [CODE_THROTTLED()]
        return render_template("staff/two_factor.html", enrolled=True, form=form), 429
    if not remove_totp(db.session, user, form.code.data):
        record_attempt(db.session, user.email, address, succeeded=False)
        db.session.commit()
        log.warning("second-factor removal refused a wrong code for %s", user.email)
        form.code.errors = [CODE_REFUSED()]
        return render_template("staff/two_factor.html", enrolled=True, form=form), 422
    db.session.commit()
    log.info("second factor removed by %s", user.email)
    flash(_("Your second factor is off."), "success")
    return redirect(url_for(".two_factor"))
