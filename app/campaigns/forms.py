"""The campaign page's forms: one decision for every pending member, and taking one out."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.enums import RejectionReason
from app.forms import readable_text, strip


class CampaignDecisionForm(FlaskForm):
    decision = SelectField(_l("Decision for every pending comment of the campaign"))
    reason = SelectField(_l("Reason"), validators=[Optional()])
    note = TextAreaField(
        _l("Note (internal, optional; recorded on every comment)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=2000, message=_l("Use at most %(max)d characters.")),
            readable_text,
        ],
    )
    # The newest pending member shown on the page: later arrivals wait for their own look.
    up_to = IntegerField(validators=[InputRequired()])

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        if self.decision.data == "rejected" and not self.reason.data:
            self.reason.errors = [*self.reason.errors, _l("Choose why the comments are rejected.")]
            return False
        if self.reason.data and self.reason.data not in {r.value for r in RejectionReason}:
            self.reason.errors = [*self.reason.errors, _l("Choose one of the options offered.")]
            return False
        return valid


class TakeOutForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()])
