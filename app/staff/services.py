"""Changes to staff accounts."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.enums import Language, Role
from app.staff.models import User
from app.staff.passwords import hash_password, password_problem, verify_password


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
        raise AccountError(problem)
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


def change_password(user: User, current: str, new: str) -> str | None:
    """Set a new password; returns the reason it was refused, or None. Every other session of
    the account ends (session_version moves on); the caller signs the current one in again."""
    if not verify_password(user.password_hash, current):
        return "wrong current password"
    problem = password_problem(new, user.email)
    if problem:
        return problem
    user.password_hash = hash_password(new)
    user.session_version += 1
    return None
