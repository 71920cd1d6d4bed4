"""Staff sign-in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from app.intake.forms import readable_text, strip


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
