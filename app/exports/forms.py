"""The export page's form: the moderation queue's filters, plus consultation and audience."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import Optional

from app.moderation.forms import QueueFilterForm


class ExportForm(QueueFilterForm):
    """Read from the query string like the queue's, so the queue's own query string (its
    filters) opens this page with the same view selected."""

    consultation = SelectField(_l("Consultation"), validators=[Optional()])
    audience = SelectField(_l("Audience"), validators=[Optional()])
