"""The form that asks for a packet: format, language and audience."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import DataRequired

from app.enums import Audience
from app.forms import RadioChoiceField
from app.packets.models import PacketFormat, PacketLanguage


def _choices(enum_cls: Any) -> list[SelectChoice]:
    return [SelectChoice(member.value, member.label) for member in enum_cls]


class PacketForm(FlaskForm):
    format = RadioChoiceField(
        _l("Format"), validators=[DataRequired(message=_l("Choose a format."))]
    )
    language = RadioChoiceField(
        _l("Language"), validators=[DataRequired(message=_l("Choose a language."))]
    )
    audience = RadioChoiceField(
        _l("Audience"), validators=[DataRequired(message=_l("Choose who the packet is for."))]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.format.choices = _choices(PacketFormat)
        self.language.choices = _choices(PacketLanguage)
        self.audience.choices = _choices(Audience)
        for field, default in ((self.format, "pdf"), (self.language, "both"),
                               (self.audience, "public")):  # fmt: skip
            if field.data is None:
                field.data = default
