"""Staff sign-in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from app.forms import readable_text, strip


class SignInForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your e-mail address.")),
            Length(max=254, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(message=_l("Enter your password.")),
            Length(max=128, message=_l("Use at most %(max)d characters.")),
        ],
    )


class PasswordChangeForm(FlaskForm):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(message=_l("Enter your current password."))],
    )
    new = PasswordField(
        _l("New password"),
        description=_l(
            "12 to 128 characters; not a well-known password and not containing your "
            "e-mail address. A sentence of a few words works well."
        ),
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
            Length(max=16, message=_l("Use at most %(max)d characters.")),
        ],
    )
