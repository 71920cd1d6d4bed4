"""Form widgets shared by the areas."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from wtforms.widgets import Select

# Markup's % escapes what it is given: a value or label cannot close the tag.
OPTION = Markup('<option value="%s">%s</option>')
SELECTED = Markup('<option value="%s" selected>%s</option>')


class PlainSelect(Select):
    """WTForms' select, with options written directly when they carry no extra attributes.
    The queue's filters render some 160 options on every request; WTForms' generic
    attribute builder spent about as long on them as the database spent on the page."""

    @classmethod
    def render_option(cls, choice: Any, **kwargs: Any) -> Markup:
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            option: Markup = super().render_option(choice, **kwargs)
            return option
        template = SELECTED if choice.selected else OPTION
        return template % (choice.value, choice.label or choice.value)
