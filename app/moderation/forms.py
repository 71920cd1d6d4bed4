"""The moderator's decision form and the queue's filter form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields import DateField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from app.enums import RejectionReason, SubmissionStatus
from app.forms import ChoiceField, MultiChoiceField, readable_text, strip
from app.widgets import PlainSelect


class DecisionForm(FlaskForm):
    decision = HiddenField(validators=[DataRequired()])
    version = IntegerField(validators=[InputRequired()])
    reason = SelectField(_l("Reason"), validators=[Optional()])
    note = TextAreaField(
        _l("Note (internal, optional)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=2000, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )

    def validate(self, extra_validators: Any = None) -> bool:
        # Checked here, not as a field validator: Optional() stops a field's chain early.
        valid: bool = super().validate(extra_validators)
        if self.decision.data and self.decision.data not in {s.value for s in SubmissionStatus}:
            self.decision.errors = [*self.decision.errors, _l("Choose one of the options offered.")]
            return False
        if self.decision.data == "rejected" and not self.reason.data:
            self.reason.errors = [*self.reason.errors, _l("Choose why the comment is rejected.")]
            return False
        if self.reason.data and self.reason.data not in {r.value for r in RejectionReason}:
            self.reason.errors = [*self.reason.errors, _l("Choose one of the options offered.")]
            return False
        return valid


def _filter_select(label: Any) -> SelectField:
    return SelectField(label, validators=[Optional()], widget=PlainSelect())


class QueueFilterForm(FlaskForm):
    """Read from the query string (GET), so a view can be bookmarked or shared."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Search title, comment and organization"),
        filters=[strip],
        validators=[Optional(), Length(max=200), readable_text],
    )
    status = _filter_select(_l("Status"))
    pillar = _filter_select(_l("Pillar"))
    topic = _filter_select(_l("Topic"))
    sector = _filter_select(_l("Sector"))
    region = _filter_select(_l("State or region"))
    language = _filter_select(_l("Language written in"))
    attachments = _filter_select(_l("Attachments"))
    campaign = _filter_select(_l("Campaigns"))
    since = DateField(_l("Received from"), validators=[Optional()])
    until = DateField(_l("Received until"), validators=[Optional()])


class BulkDecisionForm(FlaskForm):
    decision = SelectField(_l("Decision for the selected comments"))
    reason = SelectField(_l("Reason"), validators=[Optional()])

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        if self.decision.data == "rejected" and not self.reason.data:
            self.reason.errors = [*self.reason.errors, _l("Choose why the comments are rejected.")]
            return False
        return valid


class RedactionForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()])
    public_title = StringField(
        _l("Public title"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Give your comment a title.")),
            Length(max=200, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )
    public_body = TextAreaField(
        _l("Public text"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write your comment.")),
            Length(max=20_000, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Internal note"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write the note.")),
            Length(max=2000, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )


class RetagForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()])
    sector = ChoiceField(_l("Sector"), validators=[DataRequired()])
    primary_pillar = ChoiceField(_l("Main pillar"), validators=[DataRequired()])
    secondary_pillar = ChoiceField(_l("Second pillar"), validators=[Optional()])
    topics = MultiChoiceField(_l("Topics"), validators=[Optional()])

    def validate_secondary_pillar(self, field: ChoiceField) -> None:
        if field.data and field.data == self.primary_pillar.data:
            raise ValidationError(_l("Choose a second pillar different from the main one."))
