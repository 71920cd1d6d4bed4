"""The meeting form and the small forms of the agenda page (each POST carries a CSRF token)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, Field, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.enums import MeetingLevel
from app.forms import TOO_LONG, ChoiceField, MultiChoiceField, readable_text, strip
from app.i18n import localized

if TYPE_CHECKING:
    from app.agenda.models import AgendaItem
    from app.taxonomy.models import Consultation

TITLE_MAX = 300
PLACE_MAX = 200
SUMMARY_MAX = 20_000


def level_choices() -> list[SelectChoice]:
    return [SelectChoice(level.value, level.label) for level in MeetingLevel]


def _title(label: Any, message: Any) -> StringField:
    return StringField(
        label,
        filters=[strip],
        validators=[
            DataRequired(message=message),
            Length(max=TITLE_MAX, message=TOO_LONG),
            readable_text,
        ],  # fmt: skip
    )


def _place(label: Any) -> StringField:
    return StringField(
        label,
        filters=[strip],
        validators=[Optional(), Length(max=PLACE_MAX, message=TOO_LONG), readable_text],
    )


class MeetingForm(FlaskForm):
    title_en = _title(_l("Title in English"), _l("Enter the title in English."))
    title_es = _title(_l("Title in Spanish"), _l("Enter the title in Spanish."))
    level = ChoiceField(
        _l("Level"), validators=[DataRequired(message=_l("Choose the level of the meeting."))]
    )
    meeting_date = DateField(
        _l("Date"),
        validators=[InputRequired(message=_l("Enter the date of the meeting."))],
    )
    place_en = _place(_l("Place in English"))
    place_es = _place(_l("Place in Spanish"))
    consultations = MultiChoiceField(
        _l("Consultations"),
        description=_l("The approved comments of these consultations can go on the agenda."),
        validators=[DataRequired(message=_l("Choose at least one consultation."))],
    )

    def __init__(
        self, *args: Any, consultations: Iterable[Consultation] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.level.choices = level_choices()
        self.consultations.choices = [
            SelectChoice(str(c.id), f"{c.slug} · {localized(c, 'title')}") for c in consultations
        ]

    def validate_consultations(self, field: Field) -> None:
        field.data = [value for value in field.data or [] if value]
        if not field.data:
            raise ValidationError(_l("Choose at least one consultation."))


class ItemForm(FlaskForm):
    """A new agenda item: its title in both languages."""

    title_en = _title(_l("Title in English"), _l("Enter the title in English."))
    title_es = _title(_l("Title in Spanish"), _l("Enter the title in Spanish."))


class ItemEditForm(ItemForm):
    summary_en = TextAreaField(
        _l("Summary in English"),
        filters=[strip],
        validators=[Optional(), Length(max=SUMMARY_MAX, message=TOO_LONG), readable_text],
    )
    summary_es = TextAreaField(
        _l("Summary in Spanish"),
        filters=[strip],
        validators=[Optional(), Length(max=SUMMARY_MAX, message=TOO_LONG), readable_text],
    )


class ActionForm(FlaskForm):
    """A button's form: nothing but the CSRF token."""


class MoveForm(FlaskForm):
    item = ChoiceField(
        _l("Move to item"), validators=[DataRequired(message=_l("Choose an agenda item."))]
    )

    def __init__(self, *args: Any, items: Iterable[AgendaItem] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item.choices = [
            SelectChoice(str(item.id), f"{item.position}. {localized(item, 'title')}")
            for item in items
        ]
