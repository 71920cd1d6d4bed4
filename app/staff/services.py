"""Changes to staff accounts."""

from __future__ import annotations

import hmac
import time
from datetime import UTC, datetime, timedelta

import pyotp
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.db import rowcount, utcnow
from app.enums import Language, Role
from app.staff.models import User
from app.staff.passwords import (
    PasswordProblem,
    hash_password,
    password_problem,
    verify_password,
)


class AccountError(ValueError):
    """An account cannot be created as asked; the message says why."""


def normalise_email(email: str) -> str:
    """Syntax check only: nothing is looked up on the network, so example.org works."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise AccountError(f"invalid e-mail address {email!r}: {exc}") from None
    return checked.normalized.lower()


def create_user(
    session: Session,
    email: str,
    password: str,
    role: Role,
    language: Language = Language.EN,
) -> User:
    address = normalise_email(email)
    problem = password_problem(password, address)
    if problem:
        raise AccountError(problem.message)
    exists = session.scalar(select(func.count()).select_from(User).where(User.email == address))
    if exists:
        raise AccountError(f"a staff account for {address} already exists")
    user = User(
        email=address,
        password_hash=hash_password(password),
        role=role,
        preferred_language=language,
    )
    session.add(user)
    session.flush()
    return user


def change_password(user: User, current: str, new: str) -> PasswordProblem | None:
    """Set a new password; returns the reason it was refused (the current password given again
    is), or None. Every other session of the account ends (session_version moves on); the
    caller signs the current one in again."""
    if not verify_password(user.password_hash, current):
        return PasswordProblem.WRONG_CURRENT
    problem = password_problem(new, user.email)
    if problem:
        return problem
    if verify_password(user.password_hash, new):
        return PasswordProblem.SAME_AS_CURRENT
    user.password_hash = hash_password(new)
    user.session_version += 1
    return None


# --- The second factor (TOTP, RFC 6238) -------------------------------------------------------

TOTP_ISSUER = "Consulta"
TOTP_STEP_SECONDS = 30


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, email: str) -> str:
    """The otpauth:// address an authenticator app reads (typed in or from a QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=TOTP_ISSUER)


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code `code` is: the current one or one either side
    (valid_window=1, for clocks a little out), or None when the code is wrong."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    step = int(now // TOTP_STEP_SECONDS)
    for candidate in (step, step - 1, step + 1):
        expected = totp.at(candidate * TOTP_STEP_SECONDS)
        if hmac.compare_digest(expected, code):
            return candidate
    return None


def accept_totp_code(session: Session, user: User, code: str, now: float | None = None) -> bool:
    """Accept a code once only: its time step must be later than the last accepted one. The
    step is moved on by one conditional UPDATE, so two requests racing with the same code
    cannot both win."""
    if not user.totp_secret:
        return False
    step = matching_step(user.totp_secret, code, now)
    if step is None:
        return False
    moved = session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if rowcount(moved) != 1:
        return False
    user.totp_last_step = step
    return True


def pending_totp_secret(user: User, now: datetime | None = None) -> str:
    """The secret offered to `user` while enrolling: the one already offered while it lasts,
    else a new one, kept on the user's row (never in the session cookie, which is signed but
    readable) until confirmed or TOTP_ENROLMENT_MINUTES have passed."""
    now = now or utcnow()
    lifetime = timedelta(minutes=int(current_app.config["TOTP_ENROLMENT_MINUTES"]))
    expires = user.pending_totp_expires_at
    if user.pending_totp_secret is None or expires is None or expires <= now:
        user.pending_totp_secret = new_totp_secret()
        user.pending_totp_expires_at = now + lifetime
    return user.pending_totp_secret


def enrol_totp(user: User, code: str, now: float | None = None) -> bool:
    """Save the pending second factor only once a code from the authenticator proves it was
    set up, and while the offer lasts."""
    secret, expires = user.pending_totp_secret, user.pending_totp_expires_at
    at = utcnow() if now is None else datetime.fromtimestamp(now, UTC)
    if secret is None or expires is None or expires <= at:
        return False
    step = matching_step(secret, code, now)
    if step is None:
        return False
    user.totp_secret = secret
    user.totp_last_step = step  # the confirming code cannot then be used to sign in
    user.pending_totp_secret = user.pending_totp_expires_at = None
    return True


def remove_totp(session: Session, user: User, code: str, now: float | None = None) -> bool:
    """Remove one's own second factor, proven with a current (unused) code."""
    if not accept_totp_code(session, user, code, now):
        return False
    user.totp_secret = None
    user.totp_last_step = None
    return True
