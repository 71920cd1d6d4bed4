"""The public submission form and the status look-up form."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

TITLE_MAX = 200
BODY_MIN = 20
BODY_MAX = 20_000
NAME_MAX = 200


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def readable_text(form: FlaskForm, field: Any) -> None:
    """Refuse NUL bytes and bytes that were not valid UTF-8 (decoded as U+FFFD): stored, they
    would break exports and search later."""
    value = field.data
    if not isinstance(value, str):
        return
    if "\x00" in value:
        raise ValidationError(_l("This field contains a character that is not allowed."))
    if "\ufffd" in value or _kept_percent_encoded(value):
        raise ValidationError(
            _l("This field contains characters that could not be read. Please retype them.")
        )


def _kept_percent_encoded(value: str) -> bool:
    """True for a value Werkzeug left percent-encoded because its bytes were not UTF-8."""
    if "%" not in value or not has_request_context():
        return False
    if not getattr(request, "has_undecodable_form", lambda: False)():
        return False
    try:
        unquote_to_bytes(value).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _offered(field: Any) -> set[str]:
    return {c.value if isinstance(c, SelectChoice) else c[0] for c in field.choices or []}


class OfferedMixin:
    """Refuse a value the page never offered, with our own translated message (WTForms'
    built-in one depends on its own catalogs)."""

    def pre_validate(self, form: FlaskForm) -> None:
        values = self.data if isinstance(self.data, list) else [self.data]  # type: ignore[attr-defined]
        offered = _offered(self)
        if any(value not in offered for value in values if value):
            raise ValidationError(_l("Choose one of the options offered."))


class ChoiceField(OfferedMixin, SelectField):
    pass


class RadioChoiceField(OfferedMixin, RadioField):
    pass


class MultiChoiceField(OfferedMixin, SelectMultipleField):
    pass


class SubmissionForm(FlaskForm):
    sector = ChoiceField(
        _l("Which sector do you represent?"),
        validators=[DataRequired(message=_l("Choose the sector you represent."))],
    )
    organization = StringField(
        _l("Organization (optional)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )
    submitter_name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your name.")),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )
    email = EmailField(
        _l("E-mail address (optional)"),
        description=_l(
            "We send your receipt here and use it only to let you check or withdraw "
            "your comment. It is never published."
        ),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=254, message=_l("Use at most %(max)d characters.")),
            Email(
                message=_l("Enter an e-mail address like nombre@ejemplo.org."),
                check_deliverability=False,
            ),
        ],
    )
    location = ChoiceField(
        _l("State or region"),
        description=_l("Choose your state, or your country if it is not listed by state."),
        validators=[DataRequired(message=_l("Choose your state or country."))],
    )
    primary_pillar = RadioChoiceField(
        _l("Main pillar of your comment"),
        validators=[DataRequired(message=_l("Choose the pillar your comment is mainly about."))],
    )
    secondary_pillar = ChoiceField(_l("Second pillar (optional)"), validators=[Optional()])
    topics = MultiChoiceField(_l("Topics (optional)"), validators=[Optional()])
    title = StringField(
        _l("Title of your comment"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Give your comment a title.")),
            Length(max=TITLE_MAX, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )
    body = TextAreaField(
        _l("Your comment"),
        description=_l("Between %(min)d and %(max)d characters.", min=BODY_MIN, max=BODY_MAX),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write your comment.")),
            Length(
                min=BODY_MIN,
                max=BODY_MAX,
                message=_l("Write between %(min)d and %(max)d characters."),
            ),
            readable_text,
        ],
    )
    attachments = MultipleFileField(
        _l("Attachments (optional)"),
        description=_l("Up to 3 files: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, 10 MB each."),
    )
    consent = RadioChoiceField(
        _l("May we publish your comment?"),
        validators=[DataRequired(message=_l("Tell us whether we may publish your comment."))],
    )
    # Left empty by people; filled by many bots. Hidden with CSS, labelled for screen readers.
    website = StringField(_l("Leave this field empty"))
    started = HiddenField(validators=[Optional(), Length(max=200), readable_text])
    nonce = HiddenField(validators=[Optional(), Length(max=64), readable_text])

    def validate_secondary_pillar(self, field: Any) -> None:
        if field.data and field.data == self.primary_pillar.data:
            raise ValidationError(_l("Choose a second pillar different from the main one."))


class StatusForm(FlaskForm):
    tracking_code = StringField(
        _l("Tracking code"),
        description=_l("As shown on your receipt, for example HLED-7K3M-9QXP."),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your tracking code.")),
            Length(max=30, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )
    email = EmailField(
        _l("E-mail address"),
        description=_l("The address you gave when you sent your comment."),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your e-mail address.")),
            Length(max=254, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )


class WithdrawForm(StatusForm):
    """The same pair again, checked again: withdrawing needs proof each time."""
