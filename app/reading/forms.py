"""The workspace's filters, read from the query string (GET): the moderation queue's (their
options built once per language, app.moderation.filters) plus consultation, theme, consent
and publication, whose options depend on the consultation chosen."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField
from wtforms.validators import Optional

from app.enums import Consent
from app.i18n import localized
from app.moderation.filters import ANY, fill_filter_choices
from app.moderation.forms import QueueFilterForm
from app.reading.queries import NO_THEME
from app.taxonomy.models import Consultation
from app.themes.models import Theme
from app.widgets import PlainSelect

# The fields the workspace shows and reads, in the order the page shows them. The queue's
# other filters (status, attachments, dates…) mean nothing here and are not read.
FILTERS = ("pillar", "topic", "theme", "sector", "region", "language", "consent", "cleared")


def _select(label: Any) -> SelectField:
    return SelectField(label, validators=[Optional()], widget=PlainSelect())


class ReadingFilterForm(QueueFilterForm):
    consultation = _select(_l("Consultation"))
    theme = _select(_l("Theme"))
    consent = _select(_l("Consent to publish"))
    cleared = _select(_l("Publication"))


def fill_choices(form: ReadingFilterForm, consultations: list[Consultation]) -> None:
    """Every option but the themes' (see fill_theme_choices)."""
    fill_filter_choices(form)
    form.consultation.choices = [SelectChoice(c.slug, localized(c, "title")) for c in consultations]
    form.consent.choices = [
        SelectChoice(ANY, _("Any")),
        SelectChoice(Consent.NAMED.value, _("With name")),
        SelectChoice(Consent.ANONYMOUS.value, _("Anonymous")),
        SelectChoice(Consent.NONE.value, _("Not for publication")),
    ]
    form.cleared.choices = [
        SelectChoice(ANY, _("Any")),
        SelectChoice("yes", _("Cleared for publication")),
        SelectChoice("no", _("Not cleared for publication")),
    ]
    form.theme.choices = [SelectChoice(ANY, _("Any"))]


def fill_theme_choices(form: ReadingFilterForm, themes: list[Theme]) -> None:
    """The chosen consultation's themes, grouped under their pillar."""
    choices = [SelectChoice(ANY, _("Any")), SelectChoice(NO_THEME, _("In no theme"))]
    for theme in themes:
        label = localized(theme, "label")
        if theme.dismissed:
            label = _("%(label)s (dismissed)", label=label)
        group = localized(theme.pillar, "name")
        choices.append(SelectChoice(str(theme.id), label, optgroup=group))
    form.theme.choices = choices
