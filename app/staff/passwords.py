"""Password hashing (argon2id) and the rules a staff password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 128

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


def password_problem(password: str, email: str = "") -> str | None:
    """Why a password is refused, or None. Plain English: the CLI and the forms translate
    by mapping these cases to their own messages."""
    if len(password) < MIN_LENGTH:
        return f"password must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"password must be at most {MAX_LENGTH} characters"
    if len(set(password)) < 4:
        return "password is too repetitive"
    if password.lower() in COMMON_PASSWORDS:
        return "password is too common"
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        return "password must not contain the e-mail address"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
