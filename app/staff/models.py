"""Staff accounts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Model, UTCDateTime, utcnow
from app.enums import Language, Role, enum_type


class User(Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased so that look-ups and the unique constraint ignore case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    preferred_language: Mapped[Language] = mapped_column(
        enum_type(Language, "preferred_language"), default=Language.EN
    )
    is_active: Mapped[bool] = mapped_column(default=True)
    # Bumped on sign-out, password change or deactivation: older session cookies stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # The second factor: set once enrolment is confirmed; the last accepted time step makes
    # every code single-use.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # The secret offered while enrolling, until confirmed or expired: on the server, since
    # the session cookie is signed but readable by whoever holds it.
    pending_totp_secret: Mapped[str | None] = mapped_column(String(64))
    pending_totp_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Flask-Login: the session stores "id.session_version", so bumping the version ends every
    # session of this account on the server, whatever cookies were copied.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    def can(self, *roles: Role) -> bool:
        """Admins may do everything; others only what their role names."""
        return self.is_active and (self.role is Role.ADMIN or self.role in roles)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"


class SignInAttempt(Model):
    """Every sign-in attempt, kept in the database so throttling holds across processes."""

    __tablename__ = "sign_in_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    client_address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
