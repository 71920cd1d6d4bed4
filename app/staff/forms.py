"""Staff sign-in."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.forms import TOO_LONG, readable_text, strip
from app.staff.passwords import PasswordProblem, password_limits, password_rules


class SignInForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your e-mail address.")),
            Length(max=254, message=TOO_LONG),
            readable_text,
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(message=_l("Enter your password.")),
        ],
    )

    def validate_password(self, field: PasswordField) -> None:
        # No longer than a new password may be: hashing a huge one would cost the server.
        if len(field.data) > password_limits()[1]:
            raise ValidationError(PasswordProblem.TOO_LONG.message)


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
    )
    new = PasswordField(
        _l("New password"),
        description=LazyString(password_rules),
        validators=[DataRequired(message=_l("Enter a new password."))],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(message=_l("Enter the new password again.")),
            EqualTo("new", message=_l("The two new passwords are not the same.")),
        ],
    )


class CodeForm(FlaskForm):
    """A six-digit code from the staff member's authenticator app."""

    code = StringField(
        _l("Six-digit code"),
        filters=[strip],
        description=_l("The code your authenticator app shows now."),
        validators=[
            DataRequired(message=_l("Enter the six-digit code.")),
            Length(max=16, message=TOO_LONG),
        ],
    )
