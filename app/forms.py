"""Fields and validators every area's forms share: trimming, refusing unreadable text, choice
fields that accept only what the page offered, dates and numbers within what the database
holds, with our own translated messages."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes

from flask import has_request_context, request
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
)
from wtforms.validators import InputRequired, NumberRange, ValidationError

from app.db import EARLIEST, LATEST, MAX_ID, plausible_year
from app.i18n import WTFormsMessagesMeta


class PublicForm(FlaskForm):
    """A form on the hot public path (the comment form, the status lookup): WTForms' own
    messages from the catalogue kept per process (app.i18n.WTFORMS_MESSAGES)."""

    class Meta(WTFormsMessagesMeta):
        pass


class NumberedMessage:
    """A validator message whose numbers read as people write them in the page's language:
    "Use at most 20,000 characters." WTForms fills a message with `message % {"max": …}`;
    this formats the numbers first, so the msgid says %(max)s, not %(max)d."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __mod__(self, values: dict[str, Any]) -> str:
        shown = {
            key: format_decimal(value) if isinstance(value, int) and not isinstance(value, bool)
            else value
            for key, value in values.items()
        }  # fmt: skip
        return str(self.message) % shown

    def __str__(self) -> str:
        return str(self.message)


TOO_LONG = NumberedMessage(_l("Use at most %(max)s characters."))


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


class Refused(ValueError):
    """A change a service will not make (an administrator's, a theme correction): `message`
    (translated lazily) says why, `field` names the form field it belongs beside, if any."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


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
    """Ticked boxes: any number of the offered values, none included. Empty values are dropped
    (no box sends one). Never give it `Optional()`: that validator looks at the first value
    sent only, and when it is empty it clears the check above, letting an unoffered value
    through after it."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata([value for value in valuelist if value])


def year_range_message() -> str:
    return str(
        _l(
            "Enter a date between the years %(first)s and %(last)s.",
            first=EARLIEST.year,
            last=LATEST.year - 1,
        )
    )


class PlausibleDateField(DateField):
    """A date (YYYY-MM-DD) in the years app.db allows: `9999-12-31` is a valid date whose next
    day, or whose midnight in another time zone, does not exist."""

    data: Any  # a date, or None

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not plausible_year(self.data.year):
            self.data = None
            raise ValueError(year_range_message())


def query_int(name: str, default: int, maximum: int = MAX_ID) -> int:
    """A whole number from the query string, from 0 to `maximum`; `default` for anything else
    (empty, signed, Unicode digits such as "²", which str.isdigit() accepts and int() does not,
    or beyond what an id can be)."""
    value = request.args.get(name, "")
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(maximum))):
        return default
    number = int(value)
    return number if number <= maximum else default


def id_field() -> IntegerField:
    """A hidden id a page carries back (the last row it showed): a number an id can be, so a
    forged one is refused by the form, not failed by the database."""
    return IntegerField(validators=[InputRequired(), NumberRange(min=0, max=MAX_ID)])
