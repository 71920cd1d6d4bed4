"""Forms of the administration pages. Bilingual fields come in pairs: wherever one language
is required or given, the other is too."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import EmailField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from app.db import plausible_year
from app.forms import (
    TOO_LONG,
    ChoiceField,
    MultiChoiceField,
    readable_text,
    strip,
    year_range_message,
)
from app.staff.passwords import password_rules

# Offered in this order; the U.S. and Mexican zones a dialogue's calls are likely to use.
TIMEZONES = (
    "America/Mexico_City",
    "America/Monterrey",
    "America/Cancun",
    "America/Chihuahua",
    "America/Hermosillo",
    "America/Mazatlan",
    "America/Tijuana",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "UTC",
)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LOCAL_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")


def line_feeds(value: Any) -> Any:
    """Browsers send a text area's line breaks as CRLF; the stored texts (seeded or typed)
    use LF, so a page sent back unchanged changes nothing."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _text(label: Any, max_length: int, required: Any = None, area: bool = False) -> Any:
    field_class = TextAreaField if area else StringField
    first = DataRequired(message=required) if required else Optional()
    return field_class(
        label,
        filters=[strip, line_feeds] if area else [strip],
        validators=[first, Length(max=max_length, message=TOO_LONG), readable_text],
    )


def both_or_neither(other: str, message: Any) -> Any:
    """An optional bilingual pair: given in one language, it is needed in the other."""

    def check(form: FlaskForm, field: Any) -> None:
        if not field.data and form[other].data:
            raise ValidationError(message)

    return check


def parse_local(value: str) -> datetime | None:
    for pattern in LOCAL_FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern)  # noqa: DTZ007 - a wall time
        except ValueError:
            continue
    return None


def local_to_utc(local: datetime, zone: str) -> datetime | None:
    """A wall-clock time in `zone` as UTC; None when that time does not exist there (the hour
    skipped when clocks go forward)."""
    tz = ZoneInfo(zone)
    aware = local.replace(tzinfo=tz)
    utc = aware.astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) != local:
        return None
    return utc


def utc_to_local_text(value: datetime, zone: str) -> str:
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


# --- accounts -------------------------------------------------------------------------------


def _invitee_email() -> EmailField:
    """The address an invitation goes to (a staff member's or a stakeholder's)."""
    return EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter the e-mail address of the person to invite.")),
            Length(max=254, message=TOO_LONG),
            readable_text,
        ],
    )


class InviteForm(FlaskForm):
    email = _invitee_email()
    role = ChoiceField(_l("Role"), validators=[DataRequired(message=_l("Choose a role."))])
    language = ChoiceField(
        _l("Language of the invitation and of their pages"),
        validators=[DataRequired(message=_l("Choose a language."))],
    )


class StakeholderInvitationForm(FlaskForm):
    """A named stakeholder to invite to a consultation (not a staff member: InviteForm)."""

    consultation = ChoiceField(
        _l("Consultation"), validators=[DataRequired(message=_l("Choose a consultation."))]
    )
    organization = StringField(
        _l("Organization"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter the name of the organization to invite.")),
            Length(max=200, message=TOO_LONG),
            readable_text,
        ],
    )
    sector = ChoiceField(_l("Sector"), validators=[DataRequired(message=_l("Choose a sector."))])
    email = _invitee_email()
    language = ChoiceField(
        _l("Language of the invitation"),
        validators=[DataRequired(message=_l("Choose a language."))],
    )


class RoleForm(FlaskForm):
    role = ChoiceField(_l("Role"), validators=[DataRequired(message=_l("Choose a role."))])


class AcceptInvitationForm(FlaskForm):
    password = PasswordField(
        _l("Choose a password"),
        description=LazyString(password_rules),
        validators=[DataRequired(message=_l("Enter a new password."))],
    )
    confirm = PasswordField(
        _l("The same password again"),
        validators=[
            DataRequired(message=_l("Enter the new password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )


# --- consultations --------------------------------------------------------------------------


class ConsultationForm(FlaskForm):
    slug = StringField(
        _l("Address (slug)"),
        description=_l(
            "Lower-case letters, digits and hyphens, as in hled-2027: the page will be "
            "/en/c/hled-2027/."
        ),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Enter the address of the consultation.")),
            Length(max=80, message=TOO_LONG),
            readable_text,
        ],
    )
    title_en = _text(_l("Title in English"), 300, _l("Enter the title in English."))
    title_es = _text(_l("Title in Spanish"), 300, _l("Enter the title in Spanish."))
    description_en = _text(
        _l("Description in English"), 10_000, _l("Enter the description in English."), area=True
    )
    description_es = _text(
        _l("Description in Spanish"), 10_000, _l("Enter the description in Spanish."), area=True
    )
    opens_at = StringField(
        _l("Opens"),
        description=_l("Date and time in the time zone below, like 2027-03-01 09:00."),
        filters=[strip],
        validators=[DataRequired(message=_l("Enter the opening date and time."))],
    )
    closes_at = StringField(
        _l("Closes"),
        description=_l("Date and time in the time zone below, like 2027-03-31 18:00."),
        filters=[strip],
        validators=[DataRequired(message=_l("Enter the closing date and time."))],
    )
    timezone = ChoiceField(
        _l("Time zone"), validators=[DataRequired(message=_l("Choose a time zone."))]
    )
    pillars = MultiChoiceField(
        _l("Pillars offered"),
        validators=[DataRequired(message=_l("Choose at least one pillar."))],
    )
    topics = MultiChoiceField(_l("Topics offered"))

    opens_utc: datetime | None = None
    closes_utc: datetime | None = None

    def validate_slug(self, field: Any) -> None:
        if field.data and not SLUG_RE.match(field.data):
            raise ValidationError(
                _l("Use only lower-case letters, digits and single hyphens between them.")
            )

    def _when(self, field: Any) -> datetime | None:
        if not field.data or field.errors:
            return None
        local = parse_local(field.data)
        if local is None:
            field.errors.append(_l("Enter a date and time like 2027-03-01 09:00."))
            return None
        if not plausible_year(local.year):
            field.errors.append(year_range_message())
            return None
        if self.timezone.errors or self.timezone.data not in TIMEZONES:
            return None
        utc = local_to_utc(local, self.timezone.data)
        if utc is None:
            field.errors.append(
                _l(
                    "This time does not exist in that time zone (the clocks change). "
                    "Choose another time."
                )  # fmt: skip
            )
        return utc

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        self.opens_utc = self._when(self.opens_at)
        self.closes_utc = self._when(self.closes_at)
        if self.opens_utc and self.closes_utc and self.closes_utc <= self.opens_utc:
            self.closes_at.errors.append(_l("The closing time must be after the opening time."))
        return valid and not self.opens_at.errors and not self.closes_at.errors


def add_sector_intros(form_class: type[ConsultationForm], sectors: list[Any]) -> type:
    """A form class with an optional bilingual intro for each sector."""
    from app.i18n import localized

    fields: dict[str, Any] = {}
    for sector in sectors:
        # Escaped here, where the label is built: Flask-Babel's lazy strings declare
        # themselves safe HTML (`__html__`), so a name put into one unescaped would be
        # rendered as markup wherever the label is shown.
        name = escape(localized(sector, "name"))
        en, es = f"intro_{sector.id}_en", f"intro_{sector.id}_es"
        fields[en] = TextAreaField(
            _l("Intro for %(sector)s, in English", sector=name),
            filters=[strip, line_feeds],
            validators=[
                both_or_neither(es, _l("Write this intro in English too, or leave both empty.")),
                Length(max=2000, message=TOO_LONG),
                readable_text,
            ],
        )
        fields[es] = TextAreaField(
            _l("Intro for %(sector)s, in Spanish", sector=name),
            filters=[strip, line_feeds],
            validators=[
                both_or_neither(en, _l("Write this intro in Spanish too, or leave both empty.")),
                Length(max=2000, message=TOO_LONG),
                readable_text,
            ],
        )
    return type("ConsultationFormWithIntros", (form_class,), fields)


# --- the taxonomy ---------------------------------------------------------------------------


class NamesForm(FlaskForm):
    name_en = _text(_l("Name in English"), 200, _l("Enter the name in English."))
    name_es = _text(_l("Name in Spanish"), 200, _l("Enter the name in Spanish."))

    def names(self) -> dict[str, str]:
        return {"name_en": self.name_en.data, "name_es": self.name_es.data}


class PillarForm(NamesForm):
    description_en = TextAreaField(
        _l("Description in English"),
        filters=[strip, line_feeds],
        validators=[
            both_or_neither(
                "description_es", _l("Write the description in English too, or leave both empty.")
            ),
            Length(max=2000, message=TOO_LONG),
            readable_text,
        ],
    )
    description_es = TextAreaField(
        _l("Description in Spanish"),
        filters=[strip, line_feeds],
        validators=[
            both_or_neither(
                "description_en", _l("Write the description in Spanish too, or leave both empty.")
            ),
            Length(max=2000, message=TOO_LONG),
            readable_text,
        ],
    )

    def names(self) -> dict[str, str]:
        return super().names() | {
            "description_en": self.description_en.data or "",
            "description_es": self.description_es.data or "",
        }


class TopicForm(NamesForm):
    pillar = ChoiceField(_l("Pillar"), validators=[DataRequired(message=_l("Choose a pillar."))])


# --- verified organisations -----------------------------------------------------------------


class OrganizationForm(NamesForm):
    sector = ChoiceField(_l("Sector"), validators=[DataRequired(message=_l("Choose a sector."))])
    country = ChoiceField(_l("Country"), validators=[DataRequired(message=_l("Choose a country."))])
    domains = TextAreaField(
        _l("E-mail domains"),
        description=_l(
            "One per line, like sonora.gob.mx. Addresses at a subdomain (mail.sonora.gob.mx) "
            "count too."
        ),
        filters=[strip, line_feeds],
        validators=[
            DataRequired(message=_l("Enter at least one e-mail domain.")),
            Length(max=4000, message=TOO_LONG),
            readable_text,
        ],
    )
