"""Password hashing (argon2id), the rules a staff password must meet and the one text
each refusal is shown with."""

from __future__ import annotations

import enum
import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _

_hasher = PasswordHasher()  # argon2id with the library's current recommended cost

# Passwords that zxcvbn's list (the 30,000 most common in breaches, English-speaking) lacks:
# Spanish ones, and words of this application and its setting (ASVS 6.1.2). Compared like the
# list, lower-cased and without end decorations.
LOCAL_COMMON_PASSWORDS = (
    "contraseña", "contrasena", "contraseñas", "micontraseña", "micontrasena", "clave",
    "miclave", "secreto", "bienvenido", "bienvenida", "hola", "holamundo", "tequiero",
    "teamo", "mexico", "méxico", "cdmx", "america", "chivas", "pumas", "cruzazul",
    "administrador", "admin", "usuario", "consulta", "consultapublica", "gobierno",
    "administrator", "123456789012", "1234567890123", "12345678901234", "123123123123",
    "abcdefghijkl", "qwertyuiopas",
)  # fmt: skip

# What people add to the end of a well-known password to pass a rule ("Password123456!"):
# digits, punctuation and spaces.
DECORATION = "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~¡¿"


@functools.cache
def common_passwords() -> frozenset[str]:
    """zxcvbn's frequency list of passwords with ours, loaded once per process (on first use:
    the list is large and only password changes need it)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(LOCAL_COMMON_PASSWORDS)


def _smallest_repeat(text: str) -> str:
    """The shortest piece the text repeats ("qwerty" for "qwertyqwerty"): a well-known password
    typed twice is as well known."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


def is_common(password: str) -> bool:
    """Whether the password is a well-known one, ignoring case, what is added at its end
    (digits, punctuation, spaces) and repetition."""
    lowered = password.lower()
    core = lowered.rstrip(DECORATION)
    known = common_passwords()
    candidates = {lowered, core, _smallest_repeat(lowered), _smallest_repeat(core)}
    return any(candidate in known for candidate in candidates if candidate)


def password_limits() -> tuple[int, int]:
    """The shortest and longest password allowed (PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)."""
    return current_app.config["PASSWORD_MIN_LENGTH"], current_app.config["PASSWORD_MAX_LENGTH"]


class PasswordProblem(enum.StrEnum):
    """Why a password is refused: a stable code, whatever the limits and the language."""

    WRONG_CURRENT = "wrong_current"
    SAME_AS_CURRENT = "same_as_current"
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
            case PasswordProblem.SAME_AS_CURRENT:
                return _("The new password must be different from the current one.")
            case PasswordProblem.TOO_SHORT:
                return _("Use at least %(min)s characters.", min=format_decimal(shortest))
            case PasswordProblem.TOO_LONG:
                return _("Use at most %(max)s characters.", max=format_decimal(longest))
            case PasswordProblem.TOO_REPETITIVE:
                return _("This password is too repetitive.")
            case PasswordProblem.TOO_COMMON:
                return _("This password is too common; choose another.")
            case PasswordProblem.CONTAINS_EMAIL:
                return _(
                    "The password must not contain the part of your e-mail address before the @."
                )


def password_rules() -> str:
    """What a new password must be, for the forms' hints."""
    shortest, longest = password_limits()
    return _(
        "%(min)s to %(max)s characters; not a well-known password and not containing the part "
        "of your e-mail address before the @. A sentence of a few words works well.",
        min=format_decimal(shortest),
        max=format_decimal(longest),
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
    if is_common(password):
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
