"""Password hashing (argon2id), the rules a staff password must meet and the one text
each refusal is shown with."""

from __future__ import annotations

import enum
import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from flask_babel import gettext as _

_hasher = PasswordHasher()  # argon2id with the library's current recommended cost

# Passwords long enough to pass the length rule that still appear at the top of breach lists.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123123123123",
        "111111111111",
        "000000000000",
        "password1234",
        "password12345",
        "passwordpassword",
        "qwertyuiopas",
        "qwerty123456",
        "qwertyqwerty",
        "iloveyou1234",
        "abcdefghijkl",
        "abc123abc123",
        "letmeinletmein",
        "administrator",
        "adminadminadmin",
        "welcome12345",
        "changeme1234",
        "contraseña123",
        "contrasena123",
        "contraseña1234",
        "contrasena1234",
        "mexico123456",
    }
)


def password_limits() -> tuple[int, int]:
    """The shortest and longest password allowed (PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)."""
    return current_app.config["PASSWORD_MIN_LENGTH"], current_app.config["PASSWORD_MAX_LENGTH"]


class PasswordProblem(enum.StrEnum):
    """Why a password is refused: a stable code, whatever the limits and the language."""

    WRONG_CURRENT = "wrong_current"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_REPETITIVE = "too_repetitive"
    TOO_COMMON = "too_common"
    CONTAINS_EMAIL = "contains_email"

    @property
    def message(self) -> str:
        """The one text of each refusal (password change, invitation, `flask users create`)
        in the current language, naming the configured limits."""
        shortest, longest = password_limits()
        match self:
            case PasswordProblem.WRONG_CURRENT:
                return _("The current password is not correct.")
            case PasswordProblem.TOO_SHORT:
                return _("Use at least %(min)d characters.", min=shortest)
            case PasswordProblem.TOO_LONG:
                return _("Use at most %(max)d characters.", max=longest)
            case PasswordProblem.TOO_REPETITIVE:
                return _("This password is too repetitive.")
            case PasswordProblem.TOO_COMMON:
                return _("This password is too common; choose another.")
            case PasswordProblem.CONTAINS_EMAIL:
                return _("The password must not contain your e-mail address.")


def password_rules() -> str:
    """What a new password must be, for the forms' hints."""
    shortest, longest = password_limits()
    return _(
        "%(min)d to %(max)d characters; not a well-known password and not containing your "
        "e-mail address. A sentence of a few words works well.",
        min=shortest,
        max=longest,
    )


def password_problem(
    password: str, email: str = "", limits: tuple[int, int] | None = None
) -> PasswordProblem | None:
    """Why a password is refused, or None. `limits` (shortest, longest) defaults to the
    configured ones."""
    shortest, longest = limits or password_limits()
    if len(password) < shortest:
        return PasswordProblem.TOO_SHORT
    if len(password) > longest:
        return PasswordProblem.TOO_LONG
    if len(set(password)) < 4:
        return PasswordProblem.TOO_REPETITIVE
    if password.lower() in COMMON_PASSWORDS:
        return PasswordProblem.TOO_COMMON
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        return PasswordProblem.CONTAINS_EMAIL
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@functools.cache
def _stand_in_hash() -> str:
    """The hash of a password nobody knows, made once per process with the same cost as every
    account's."""
    return _hasher.hash(secrets.token_urlsafe(32))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` is the one `password_hash` was made from. With no hash (no such
    account, or an inactive one) a stand-in hash is verified all the same and the answer is
    False: a sign-in for an unknown address then takes as long as a wrong password, so the
    time of the answer does not tell whether an account exists."""
    if password_hash is None:
        verify_password(_stand_in_hash(), password)
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
