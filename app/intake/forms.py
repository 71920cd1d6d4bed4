"""The public submission form and the status look-up form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
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
    PublicForm,
    RadioChoiceField,
    readable_text,
    strip,
)
from app.i18n import current_language, localized, named_choices
from app.intake.attachments import limits_description
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation
from app.widgets import PlainSelect

TITLE_MAX = 200
BODY_MIN = 20
BODY_MAX = 20_000
NAME_MAX = 200


class SubmissionForm(PublicForm):
    # Options written directly (app.widgets.PlainSelect): the location list has ~90.
    sector = ChoiceField(
        _l("Which sector do you represent?"),
        widget=PlainSelect(),
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
        widget=PlainSelect(),
        validators=[DataRequired(message=_l("Choose your state or country."))],
    )
    primary_pillar = RadioChoiceField(
        _l("Main pillar of your comment"),
        validators=[DataRequired(message=_l("Choose the pillar your comment is mainly about."))],
    )
    secondary_pillar = ChoiceField(
        _l("Second pillar (optional)"), widget=PlainSelect(), validators=[Optional()]
    )
    topics = MultiChoiceField(_l("Topics (optional)"))
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
    # The secret of the draft this form was resumed from (app.intake.drafts): sending the
    # form deletes that draft, saving it again replaces it.
    draft = HiddenField(validators=[Optional(), Length(max=64), readable_text])
    # The secret of the stakeholder invitation whose link opened this form
    # (app.intake.invitations): sending the form spends it and marks the comment verified.
    invitation = HiddenField(validators=[Optional(), Length(max=64), readable_text])

    def validate_secondary_pillar(self, field: Any) -> None:
        if field.data and field.data == self.primary_pillar.data:
            raise ValidationError(_l("Choose a second pillar different from the main one."))


def validate_as_draft(form: SubmissionForm) -> bool:
    """Validate `form` as a draft (saved to finish later): nothing is required and a body may
    be short, but what no submission may hold is refused all the same (over-long text,
    unreadable characters, an option the page never offered), by the same validators."""
    for field in form:
        field.validators = [
            Length(min=-1, max=v.max, message=v.message) if isinstance(v, Length) else v
            for v in field.validators
            if not isinstance(v, DataRequired)
        ]
    return bool(form.validate())


@dataclass(frozen=True)
class FormOptions:
    """Everything the form offers in one language: the pillars (the template groups topics
    under them) and each choice field's options, with the offer version they were built
    from (pages built from them are kept as long as it holds)."""

    version: taxonomy_queries.OfferVersion
    pillars: tuple[taxonomy_queries.OfferedPillar, ...]
    choices: dict[str, tuple[SelectChoice, ...]]
    # Row ids by the codes the choices carry, for storing what was chosen.
    sector_ids: dict[str, int]
    pillar_ids: dict[str, int]
    topic_ids: dict[str, int]
    # Location code -> (country code, region code or None).
    locations: dict[str, tuple[str, str | None]]


def fill_choices(form: SubmissionForm, session: Session, consultation: Consultation) -> FormOptions:
    """Options in the page's language; returns them (the template groups topics under the
    pillars offered).

    Built once per language, consultation and offer per process (`form_options`): building
    them read some 130 rows and made 200 options, the largest cost of showing the form."""
    options = form_options(session, consultation)
    for name, choices in options.choices.items():
        getattr(form, name).choices = list(choices)
    return options


def form_options(session: Session, consultation: Consultation) -> FormOptions:
    """The cached options, rebuilt when the taxonomy's revision or the consultation's offer
    has changed (one small query per request tells)."""
    cache: dict[tuple[str, int], tuple[Any, FormOptions]] = current_app.extensions.setdefault(
        "consulta.intake_form_options", {}
    )
    key = (current_language(), consultation.id)
    version = taxonomy_queries.offer_version(session, consultation.id)
    entry = cache.get(key)
    if entry is None or entry[0] != version:
        entry = cache[key] = (version, _build_options(session, consultation, version))
    return entry[1]


def _build_options(
    session: Session, consultation: Consultation, version: taxonomy_queries.OfferVersion
) -> FormOptions:
    lang = current_language()
    sectors = taxonomy_queries.active_sectors(session)
    pillars = taxonomy_queries.offered_pillars(session, consultation)
    countries = taxonomy_queries.countries_with_regions(session)
    locations = [SelectChoice("", _("Choose…"))]
    other_countries = []
    places: dict[str, tuple[str, str | None]] = {}
    for country in countries:
        places[country.code] = (country.code, None)
        places.update({r.code: (country.code, r.code) for r in country.regions})
        if country.regions:
            group = localized(country, "name", lang)
            regions = sorted(country.regions, key=lambda r: localized(r, "name", lang))
            locations += [
                SelectChoice(r.code, localized(r, "name", lang), optgroup=group) for r in regions
            ]
        else:
            other_countries.append((localized(country, "name", lang), country.code))
    locations += [
        SelectChoice(code, name, optgroup=_("Other countries"))
        for name, code in sorted(other_countries)
    ]
    choices = {
        "sector": named_choices(sectors, _("Choose…")),
        "location": locations,
        "primary_pillar": named_choices(pillars),
        "secondary_pillar": named_choices(pillars, _("None")),
        # Labels as text in this language: lazy ones read at import time would stay in one.
        "consent": [SelectChoice(c.value, str(c.label)) for c in Consent],
        "topics": named_choices(t for p in pillars for t in p.topics),
    }
    return FormOptions(
        version=version,
        pillars=tuple(pillars),
        choices={name: tuple(c) for name, c in choices.items()},
        sector_ids={s.code: s.id for s in sectors},
        pillar_ids={p.code: p.id for p in pillars},
        topic_ids={t.code: t.id for p in pillars for t in p.topics},
        locations=places,
    )


class StatusForm(PublicForm):
    """The tracking code with one proof beside it: the e-mail address given, or, for a
    submitter who gave none, the access code shown once on the receipt."""

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
        validators=[Optional(), Length(max=254, message=TOO_LONG), readable_text],
    )
    access_code = StringField(
        _l("Access code"),
        description=_l(
            "If you gave no e-mail address: the access code shown once on your receipt."
        ),
        filters=[strip],
        validators=[Optional(), Length(max=40, message=TOO_LONG), readable_text],
    )

    def validate_email(self, field: Any) -> None:
        if not field.data and not self.access_code.data:
            raise ValidationError(
                _("Enter your e-mail address, or the access code from your receipt.")
            )


class WithdrawForm(StatusForm):
    """The same proof again, checked again: withdrawing needs proof each time, and a second
    step on a page of its own (`confirmed`) before anything changes."""

    confirmed = HiddenField()


class LinkForm(PublicForm):
    """The button on the page a link in the receipt e-mail opens: only its CSRF token."""


class ReportForm(PublicForm):
    """'I did not send this', with an optional note for the moderators."""

    note = TextAreaField(
        _l("Note (optional)"),
        description=_l("Anything that helps the moderators, for example who might have sent it."),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=TOO_LONG), readable_text],
    )
