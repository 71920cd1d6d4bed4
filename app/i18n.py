"""Locale selection (URL prefix, then the staff user's preference, then Accept-Language) and
the helpers that pick the right language of bilingual content."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, g, has_request_context, request
from flask_babel import get_locale
from werkzeug.routing import BaseConverter

from app.config import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class LanguageConverter(BaseConverter):
    """Matches only the languages we serve, so `/fr/…` is an ordinary 404."""

    regex = "(?:" + "|".join(SUPPORTED_LANGUAGES) + ")"


def best_accept_language() -> str:
    if not has_request_context():
        return DEFAULT_LANGUAGE
    return request.accept_languages.best_match(SUPPORTED_LANGUAGES) or DEFAULT_LANGUAGE


def select_locale() -> str:
    lang: str | None = getattr(g, "lang", None)
    if lang in SUPPORTED_LANGUAGES:
        return lang
    user_lang: str | None = getattr(g, "user_language", None)
    if user_lang in SUPPORTED_LANGUAGES:
        return user_lang
    return best_accept_language()


def current_language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)[:2]


def other_language(lang: str) -> str:
    return "es" if lang == "en" else "en"


def localized(obj: Any, field: str, lang: str | None = None) -> str:
    """The `field_en` / `field_es` value of a bilingual object in the page's language,
    falling back to the other language rather than showing nothing."""
    lang = lang or current_language()
    value: str | None = getattr(obj, f"{field}_{lang}", None)
    if value:
        return value
    return getattr(obj, f"{field}_{other_language(lang)}", "") or ""


class LabelledEnum(enum.StrEnum):
    """A status stored as its plain value, shown by a lazily translated label.

    Subclasses define ``_labels()`` returning ``{member_value: lazy_gettext(...)}``; the label
    is looked up when rendered, so it follows the page's language.
    """

    @classmethod
    def _labels(cls) -> dict[str, Any]:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    @property
    def label(self) -> str:
        return str(self._labels()[self.value])


def reading_zone(consultations: Iterable[Any] = ()) -> ZoneInfo:
    """The time zone in which people read a date: the consultation's own (`timezone`), or
    the staff's (BABEL_DEFAULT_TIMEZONE) when there is none or the consultations disagree.
    Data columns (an export's `submitted_at`) stay in UTC; this is for what people read."""
    zones = {c.timezone for c in consultations if getattr(c, "timezone", None)}
    if len(zones) == 1:
        return ZoneInfo(zones.pop())
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def format_in_timezone(value: Any, tz_name: str) -> str:
    """A UTC timestamp shown in a consultation's own time zone, in the page's locale:
    "February 26, 2027, 6:13 AM (Mexico (Mexico City) Time)" /
    "26 de febrero de 2027, 6:13 (hora de México (Ciudad de México))"."""
    from zoneinfo import ZoneInfo

    from babel.dates import format_date, format_time, get_timezone_location

    tz = ZoneInfo(tz_name)
    locale = get_locale()
    local = value.astimezone(tz)
    return "{date}, {time} ({zone})".format(
        date=format_date(local, "long", locale=locale),
        time=format_time(local, "short", locale=locale),
        zone=get_timezone_location(tz, locale=locale),
    )


def format_file_size(size: int) -> str:
    """1 536 000 → "1.5 MB" / "1,5 MB": the number in the page's locale."""
    from flask_babel import format_decimal

    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{format_decimal(round(size / factor, 1))} {unit}"
    return f"{format_decimal(size)} B"


def named_choices(rows: Any, blank: str | None = None) -> list[Any]:
    """Select options for taxonomy rows (code → name in the page's language), optionally
    after a first empty option labelled `blank`."""
    from wtforms import SelectChoice

    first = [SelectChoice("", blank)] if blank is not None else []
    lang = current_language()  # once, not once per option
    return first + [SelectChoice(row.code, localized(row, "name", lang)) for row in rows]
