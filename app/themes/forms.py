"""The theme page's forms: rename, move one comment, merge, split; dismiss and mark reviewed
are a button each (the CSRF token only). Emptiness and the other refusals are the services' rule
(app.themes.services.Refused), shown beside the field they concern."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from app.forms import TOO_LONG, ChoiceField, MultiChoiceField, id_field, readable_text, strip


class RenameForm(FlaskForm):
    label_en = StringField(
        _l("Label in English"),
        filters=[strip],
        validators=[Length(max=200, message=TOO_LONG), readable_text],
    )
    label_es = StringField(
        _l("Label in Spanish"),
        filters=[strip],
        validators=[Length(max=200, message=TOO_LONG), readable_text],
    )


class MoveForm(FlaskForm):
    submission_id = id_field()
    to_theme = ChoiceField(_l("Move to theme"))


class MergeForm(FlaskForm):
    into_theme = ChoiceField(_l("Merge this theme into"))


class ButtonForm(FlaskForm):
    """Dismiss, mark reviewed: nothing but the CSRF token."""


class SplitForm(FlaskForm):
    """The chosen comments (boxes ticked in the theme's comment list) and the new theme's
    labels. The choices are the theme's comments, set by the view."""

    comments = MultiChoiceField(_l("Comments to move"), choices=[])
    label_en = StringField(
        _l("New theme's label in English"),
        filters=[strip],
        validators=[Length(max=200, message=TOO_LONG), readable_text],
    )
    label_es = StringField(
        _l("New theme's label in Spanish"),
        filters=[strip],
        validators=[Length(max=200, message=TOO_LONG), readable_text],
    )
