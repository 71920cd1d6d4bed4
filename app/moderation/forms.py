"""The moderator's decision forms (one comment, a selection, and the base the campaign's
decision shares) and the queue's filter form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.enums import RejectionReason, SubmissionStatus
from app.forms import (
    TOO_LONG,
    ChoiceField,
    MultiChoiceField,
    PlausibleDateField,
    readable_text,
    strip,
)
from app.i18n import WTFormsMessagesMeta
from app.moderation.reasons import reason_choices, reason_problem
from app.widgets import PlainSelect, WrittenChoices


class ReasonedDecisionForm(FlaskForm):
    """A decision and its reason: the reason's options and the rule they follow, the same on
    every page that decides (one comment, a selection, a campaign). A subclass declares
    `decision`."""

    class Meta(WTFormsMessagesMeta):
        pass

    reason = ChoiceField(_l("Reason"), validators=[Optional()], widget=PlainSelect())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form: labels read once at import would stay in one language.
        self.reason.choices = reason_choices()

    decision: Any  # declared by each subclass

    def validate(self, extra_validators: Any = None) -> bool:
        # Checked here, not as a field validator: Optional() stops a field's chain early.
        valid: bool = super().validate(extra_validators)
        if self.reason.errors or not self.decision.data:
            return False
        try:
            to_status = SubmissionStatus(self.decision.data)
        except ValueError:
            self.decision.errors = [*self.decision.errors, _l("Choose one of the options offered.")]
            return False
        problem = reason_problem(to_status, self.chosen_reason())
        if problem is not None:
            self.reason.errors = [*self.reason.errors, problem.message]
            return False
        return valid

    def chosen_reason(self) -> RejectionReason | None:
        return RejectionReason(self.reason.data) if self.reason.data else None


class DecisionForm(ReasonedDecisionForm):
    decision = HiddenField(validators=[DataRequired()])
    version = IntegerField(validators=[InputRequired()])
    note = TextAreaField(
        _l("Note (internal, optional)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=2000, message=TOO_LONG),
            readable_text,
        ],
    )


# SelectField's own message, translated by WTForms' catalogue (not ours: the queue never
# shows it, it reports "Some filters were not understood" instead).
WTFORMS_INVALID_CHOICE = "Not a valid choice."


class FilterSelectField(SelectField):
    """A filter's select. Given WrittenChoices (the cached options, app.moderation.filters),
    a value is checked against their set of values: WTForms built a Choice for each of the
    filters' 160 options on every request to find the one chosen. Same rule, same message."""

    def pre_validate(self, form: Any) -> None:
        choices = self.choices
        if (
            not isinstance(choices, WrittenChoices)
            or self.coerce is not str
            or self.process_errors
            or not self.validate_choice
        ):
            super().pre_validate(form)
            return
        if self.data not in choices.values():
            message = self.invalid_choice_message or self.gettext(WTFORMS_INVALID_CHOICE)
            raise ValidationError(message)


def _filter_select(label: Any) -> SelectField:
    return FilterSelectField(label, validators=[Optional()], widget=PlainSelect())


class QueueFilterForm(FlaskForm):
    """Read from the query string (GET), so a view can be bookmarked or shared."""

    class Meta(WTFormsMessagesMeta):
        csrf = False

    q = StringField(
        _l("Search title, comment and organization"),
        filters=[strip],
        validators=[Optional(), Length(max=200), readable_text],
    )
    disputed = _filter_select(_l("Reports"))
    status = _filter_select(_l("Status"))
    pillar = _filter_select(_l("Pillar"))
    topic = _filter_select(_l("Topic"))
    sector = _filter_select(_l("Sector"))
    region = _filter_select(_l("State or region"))
    language = _filter_select(_l("Language written in"))
    attachments = _filter_select(_l("Attachments"))
    campaign = _filter_select(_l("Campaigns"))
    email_confirmed = _filter_select(_l("E-mail address"))
    verified = _filter_select(_l("Verified organization"))
    # Translators: things a moderator may want to look at twice (never a verdict).
    signal = _filter_select(_l("Signals"))
    since = PlausibleDateField(_l("Received from"), validators=[Optional()])
    until = PlausibleDateField(_l("Received until"), validators=[Optional()])


class BulkDecisionForm(ReasonedDecisionForm):
    decision = SelectField(_l("Decision for the selected comments"), widget=PlainSelect())


class RedactionForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()])
    public_title = StringField(
        _l("Public title"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Give your comment a title.")),
            Length(max=200, message=TOO_LONG),
            readable_text,
        ],
    )
    public_body = TextAreaField(
        _l("Public text"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write your comment.")),
            Length(max=20_000, message=TOO_LONG),
            readable_text,
        ],
    )


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Internal note"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write the note.")),
            Length(max=2000, message=TOO_LONG),
            readable_text,
        ],
    )


class SettleDisputeForm(FlaskForm):
    """Keep a comment reported "I did not send this", with an optional word on why."""

    note = TextAreaField(
        _l("Why the comment is kept (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=TOO_LONG), readable_text],
    )


class RetagForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()])
    sector = ChoiceField(_l("Sector"), validators=[DataRequired()])
    primary_pillar = ChoiceField(_l("Main pillar"), validators=[DataRequired()])
    secondary_pillar = ChoiceField(_l("Second pillar"), validators=[Optional()])
    topics = MultiChoiceField(_l("Topics"))

    def validate_secondary_pillar(self, field: ChoiceField) -> None:
        if field.data and field.data == self.primary_pillar.data:
            raise ValidationError(_l("Choose a second pillar different from the main one."))
