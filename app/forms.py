"""Fields and validators every area's forms share: trimming, refusing unreadable text, and
choice fields that accept only what the page offered, with our own translated messages."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, SelectMultipleField
from wtforms.validators import ValidationError


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

    data: Any  # the value of the field this is mixed into

    def pre_validate(self, form: FlaskForm) -> None:
        values = self.data if isinstance(self.data, list) else [self.data]
        offered = _offered(self)
        if any(value not in offered for value in values if value):
            raise ValidationError(_l("Choose one of the options offered."))


class ChoiceField(OfferedMixin, SelectField):
    pass


class RadioChoiceField(OfferedMixin, RadioField):
    pass


class MultiChoiceField(OfferedMixin, SelectMultipleField):
    pass
