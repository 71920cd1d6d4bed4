"""The public submission form and the status look-up form."""

from __future__ import annotations

from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import (
    EmailField,
    HiddenField,
    MultipleFileField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from app.enums import Consent
from app.forms import (
    TOO_LONG,
    ChoiceField,
    MultiChoiceField,
    NumberedMessage,
    RadioChoiceField,
    readable_text,
    strip,
)
from app.i18n import current_language, localized, named_choices
from app.intake.attachments import limits_description
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation

TITLE_MAX = 200
BODY_MIN = 20
BODY_MAX = 20_000
NAME_MAX = 200


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
            Length(max=NAME_MAX, message=TOO_LONG),
            readable_text,
        ],
    )
    submitter_name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your name.")),
            Length(max=NAME_MAX, message=TOO_LONG),
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
            Length(max=254, message=TOO_LONG),
            Email(
                message=_l("Enter an e-mail address like name@example.org."),
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
            Length(max=TITLE_MAX, message=TOO_LONG),
            readable_text,
        ],
    )
    body = TextAreaField(
        _l("Your comment"),
        description=LazyString(
            lambda: _(
                "Between %(min)s and %(max)s characters.",
                min=format_decimal(BODY_MIN),
                max=format_decimal(BODY_MAX),
            )
        ),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write your comment.")),
            Length(
                min=BODY_MIN,
                max=BODY_MAX,
                message=NumberedMessage(_l("Write between %(min)s and %(max)s characters.")),
            ),
            readable_text,
        ],
    )
    attachments = MultipleFileField(
        _l("Attachments (optional)"),
        # Built when shown: the limits come from the configuration.
        description=LazyString(limits_description),
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


def fill_choices(
    form: SubmissionForm, session: Session, consultation: Consultation
) -> list[taxonomy_queries.OfferedPillar]:
    """Options in the page's language; returns the pillars offered, which the template uses
    to group them."""
    lang = current_language()
    sectors = taxonomy_queries.active_sectors(session)
    pillars = taxonomy_queries.offered_pillars(session, consultation)
    countries = taxonomy_queries.countries_with_regions(session)
    form.sector.choices = named_choices(sectors, _("Choose…"))
    locations = [SelectChoice("", _("Choose…"))]
    other_countries = []
    for country in countries:
        if country.regions:
            group = localized(country, "name")
            regions = sorted(country.regions, key=lambda r: localized(r, "name", lang))
            locations += [
                SelectChoice(r.code, localized(r, "name"), optgroup=group) for r in regions
            ]
        else:
            other_countries.append((localized(country, "name"), country.code))
    locations += [
        SelectChoice(code, name, optgroup=_("Other countries"))
        for name, code in sorted(other_countries)
    ]
    form.location.choices = locations
    form.primary_pillar.choices = named_choices(pillars)
    form.secondary_pillar.choices = named_choices(pillars, _("None"))
    # Built per request: labels read at import time would stay in one language.
    form.consent.choices = [SelectChoice(c.value, c.label) for c in Consent]
    form.topics.choices = named_choices(t for p in pillars for t in p.topics)
    return pillars


class StatusForm(FlaskForm):
    tracking_code = StringField(
        _l("Tracking code"),
        description=_l("As shown on your receipt, for example HLED-7K3M-9QXP."),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your tracking code.")),
            Length(max=30, message=TOO_LONG),
            readable_text,
        ],
    )
    email = EmailField(
        _l("E-mail address"),
        description=_l("The address you gave when you sent your comment."),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter your e-mail address.")),
            Length(max=254, message=TOO_LONG),
            readable_text,
        ],
    )


class WithdrawForm(StatusForm):
    """The same pair again, checked again: withdrawing needs proof each time."""
