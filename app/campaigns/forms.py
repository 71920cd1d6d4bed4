"""The campaign page's forms: one decision for every pending member, and taking one out."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.forms import TOO_LONG, id_field, readable_text, strip
from app.moderation.forms import ReasonedDecisionForm


class CampaignDecisionForm(ReasonedDecisionForm):
    decision = SelectField(_l("Decision for every pending comment of the campaign"))
    note = TextAreaField(
        _l("Note (internal, optional; recorded on every comment)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=2000, message=TOO_LONG),
            readable_text,
        ],
    )
    # The newest pending member shown on the page: later arrivals wait for their own look.
    up_to = id_field()


class TakeOutForm(FlaskForm):
    version = IntegerField(validators=[InputRequired()])
