"""Form widgets shared by the areas."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from operator import attrgetter
from typing import Any

from markupsafe import Markup
from wtforms.fields.choices import Choice
from wtforms.widgets import Select, html_params

# Markup's % escapes what it is given: a value or label cannot close the tag.
OPTION = Markup('<option value="%s">%s</option>')
SELECTED = Markup('<option value="%s" selected>%s</option>')


class WrittenChoices(list[Any]):
    """A select's choices (wtforms SelectChoice) whose options are written once, for a list
    kept across requests (a per-process cache of choices): PlainSelect then writes the whole
    select by picking, for each option, its written form with or without `selected`."""

    _parts: list[Any] | None = None
    _values: frozenset[str] | None = None

    def values(self) -> frozenset[str]:
        """The options' values as the field's str coercion sees them, to check a choice."""
        if self._values is None:
            self._values = frozenset(str(c.value) for c in self)
        return self._values

    def parts(self, widget: type[Select]) -> list[Any]:
        """Group openings and closings as text, each option as (value as the field's str
        coercion sees it, written, written selected); the same HTML WTForms' Select writes."""
        if self._parts is None:
            parts: list[Any] = []
            grouped = any(c.optgroup is not None for c in self)
            groups = groupby(self, key=attrgetter("optgroup")) if grouped else [(None, self)]
            for optgroup, group in groups:
                if optgroup is not None:
                    parts.append(f"<optgroup {html_params(label=optgroup)}>")
                for c in group:
                    plain, chosen = (
                        widget.render_option(Choice(c.value, c.label, selected, c.render_kw))
                        for selected in (False, True)
                    )
                    parts.append((str(c.value), str(plain), str(chosen)))
                if optgroup is not None:
                    parts.append("</optgroup>")
            self._parts = parts  # one assignment: a race writes the same list twice
        return self._parts


def choices_per_language(name: str, build: Callable[[], list[Any]]) -> WrittenChoices:
    """`build()`'s choices as WrittenChoices, built once per language per process and shared
    by every request (for choices that change only with the language, such as a decision's
    reasons): never change the list returned."""
    from flask import current_app
    from flask_babel import get_locale

    cache = current_app.extensions.setdefault("consulta.choices_per_language", {})
    key = (name, str(get_locale()))
    found: WrittenChoices | None = cache.get(key)
    if found is None:
        found = cache[key] = WrittenChoices(build())  # one assignment: thread-safe
    return found


class _NoFlags:
    """A field without flags (WTForms' Flags keeps each flag as an instance attribute)."""


_SELECT_TAGS: dict[tuple[Any, ...], str] = {}


def _select_tag(name: str, attributes: dict[str, Any]) -> str:
    """`<select name=… id=… class=…>`, written once per name and attributes (a page's
    selects are the same on every request; WTForms' html_params sorts and escapes each)."""
    key = (name, *sorted(attributes.items()))
    try:
        found = _SELECT_TAGS.get(key)
    except TypeError:  # an attribute value that cannot be a key: write it each time
        return f"<select {html_params(name=name, **attributes)}>"
    if found is None:
        found = f"<select {html_params(name=name, **attributes)}>"
        if len(_SELECT_TAGS) < 1000:  # a template's own attributes: a bounded set
            _SELECT_TAGS[key] = found
    return found


class PlainSelect(Select):
    """WTForms' select, with options written directly when they carry no extra attributes.
    The queue's filters render some 160 options on every request; WTForms' generic
    attribute builder spent about as long on them as the database spent on the page. Given
    WrittenChoices, the options are written once per process and only chosen per request."""

    def __call__(self, field: Any, **kwargs: Any) -> Markup:
        choices = field.choices
        if not isinstance(choices, WrittenChoices) or self.multiple or field.coerce is not str:
            rendered: Markup = super().__call__(field, **kwargs)
            return rendered
        kwargs.setdefault("id", field.id)
        flags = vars(getattr(field, "flags", None) or _NoFlags())
        for k in self.validation_attrs:
            if k in flags and k not in kwargs:
                kwargs[k] = flags[k]
        data = field.data
        html = [_select_tag(field.name, kwargs)]
        for part in choices.parts(type(self)):
            if isinstance(part, str):
                html.append(part)
            else:
                html.append(part[2] if part[0] == data else part[1])
        html.append("</select>")
        # Every part written escaped (render_option, html_params), as WTForms does.
        return Markup("".join(html))  # noqa: S704  # nosec B704

    @classmethod
    def render_option(cls, choice: Any, **kwargs: Any) -> Markup:
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            option: Markup = super().render_option(choice, **kwargs)
            return option
        template = SELECTED if choice.selected else OPTION
        return template % (choice.value, choice.label or choice.value)
