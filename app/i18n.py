"""Locale selection (URL prefix, then the staff user's preference, then Accept-Language) and
the helpers that pick the right language of bilingual content."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, g, has_request_context, request
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BaseConverter

from app.config import DEFAULT_LANGUAGE, FORMAT_LOCALES, SUPPORTED_LANGUAGES, TIME_PATTERNS

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


class LanguageConverter(BaseConverter):
    """Matches only the languages we serve, so `/fr/…` is an ordinary 404."""

    regex = "(?:" + "|".join(SUPPORTED_LANGUAGES) + ")"


def best_accept_language() -> str:
    if not has_request_context():
        return DEFAULT_LANGUAGE
    return request.accept_languages.best_match(SUPPORTED_LANGUAGES) or DEFAULT_LANGUAGE


def format_locale(lang: str) -> str:
    """The Babel locale for a language of the URL: translations come from `es`, numbers and
    dates from `es_MX` (config.FORMAT_LOCALES)."""
    return FORMAT_LOCALES.get(lang, lang)


def select_locale() -> str:
    lang: str | None = getattr(g, "lang", None)
    if lang not in SUPPORTED_LANGUAGES:
        lang = getattr(g, "user_language", None)
    if lang not in SUPPORTED_LANGUAGES:
        lang = best_accept_language()
    return format_locale(lang)


def force_language(lang: str) -> Any:
    """`flask_babel.force_locale` for a language code, formatting as that language's pages
    do (Mexico's numbers and dates for Spanish)."""
    return force_locale(format_locale(lang))


def current_language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)[:2]


def language_name(code: str | None, lang: str | None = None) -> str:
    """A language named in the page's language as it reads inside a sentence or after a
    label: "English", "Spanish" / "inglés", "español" (Spanish writes language names in
    lower case). CLDR's names, so a detected language ("fr") is named too; an unknown code
    is shown as it is."""
    from babel import Locale, UnknownLocaleError

    if not code:
        return ""
    try:
        return Locale.parse(code).get_display_name(lang or current_language()) or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


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


def _time_pattern() -> str:
    return TIME_PATTERNS.get(current_language(), "short")


class _WhenFormat:
    """format_when and format_time_of_day for one locale, time zone and style, with Babel's
    patterns parsed once: a queue page formats fifty timestamps, and flask_babel looked up the
    locale, the time zone and the format names again for each date and each time. Same text
    as flask_babel.format_date(value, date_style) and format_time(value, time_pattern)."""

    def __init__(self, locale: Any, zone: Any, date_style: str) -> None:
        from babel.dates import get_date_format, get_time_format, parse_pattern

        time_format: Any = TIME_PATTERNS.get(str(locale)[:2], "short")  # as current_language()
        if time_format in ("full", "long", "medium", "short"):
            time_format = get_time_format(time_format, locale=locale)
        self.locale, self.zone = locale, zone
        named_style: Any = date_style  # "medium" or "long"
        self.date_pattern = parse_pattern(get_date_format(named_style, locale=locale))
        self.time_pattern = parse_pattern(time_format)
        # A page's rows share a few days: each day's text is written once (a bounded memo).
        self.dates: dict[date, str] = {}
        # The same for times of day when the pattern reads only the hour, the minute and the
        # period (config.TIME_PATTERNS do): a list page formats fifty of them.
        fields = re.findall(r"%\((\w+)\)", str(self.time_pattern.format))
        self.times: dict[tuple[int, int], str] | None = (
            {} if all(f[0] in "hHkKma" for f in fields) else None
        )
        self.minutes: dict[int, str] = {}  # when()'s text by the instant's minute (UTC)

    def _local(self, value: datetime) -> datetime:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        local = value.astimezone(self.zone)
        normalize = getattr(self.zone, "normalize", None)  # pytz, as flask_babel gives it
        return normalize(local) if normalize else local

    def time_of_day(self, value: datetime, local: datetime | None = None) -> str:
        local = local or self._local(value)
        key = (local.hour, local.minute)
        if self.times is not None and key in self.times:
            return self.times[key]
        text = str(
            self.time_pattern.apply(local.timetz(), self.locale, reference_date=value.date())
        )
        if self.times is not None:
            self.times[key] = text  # at most 1,440
        return text

    def when(self, value: datetime) -> str:
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        # With a pattern of hours and minutes the text is that of the instant's minute: a
        # bounded memo by minute spares the time zone conversion of rows seen before (the
        # queue's pages show the same rows to every moderator).
        minute = int(value.timestamp()) // 60 if self.times is not None else None
        if minute is not None:
            found = self.minutes.get(minute)
            if found is not None:
                return found
        local = self._local(value)
        day = local.date()
        date_text = self.dates.get(day)
        if date_text is None:
            if len(self.dates) > 1000:
                self.dates = {}
            date_text = self.dates[day] = str(self.date_pattern.apply(day, self.locale))
        text = f"{date_text}, {self.time_of_day(value, local)}"
        if minute is not None:
            if len(self.minutes) > 10_000:
                self.minutes = {}
            self.minutes[minute] = text
        return text


_WHEN_FORMATS: dict[tuple[str, str, str], _WhenFormat] = {}


def _when_format(date_style: str) -> _WhenFormat | None:
    """The formatter of the request's locale and time zone (None outside a request)."""
    from flask_babel import get_timezone

    locale, zone = get_locale(), get_timezone()
    if locale is None or zone is None:
        return None
    key = (str(locale), str(zone), date_style)
    found = _WHEN_FORMATS.get(key)
    if found is None:
        found = _WHEN_FORMATS[key] = _WhenFormat(locale, zone, date_style)
    return found


def when_formatter(style: str = "short") -> Any:
    """format_when for many timestamps of one request: the locale and time zone looked up
    once (a queue page formats fifty)."""
    formatter = _when_format("medium" if style == "short" else "long")
    if formatter is None:
        return lambda value: format_when(value, style)

    def when(value: Any) -> str:
        if isinstance(value, datetime):
            return formatter.when(value)
        return format_when(value, style)

    return when


def format_time_of_day(value: Any, style: str = "short") -> str:
    """A time of day in the staff time zone: "9:05 AM" / "9:05 h" (`style` is accepted for
    templates written for flask_babel.format_time; the pattern is config.TIME_PATTERNS)."""
    if isinstance(value, datetime):
        formatter = _when_format("medium")
        if formatter is not None:
            return formatter.time_of_day(value)
    from flask_babel import format_time

    return str(format_time(value, _time_pattern()))


def format_when(value: Any, style: str = "short") -> str:
    """A timestamp people read, in the staff time zone, with the month spelled out (3/1/27
    is March 1 in the U.S. and January 3 in Mexico) and no seconds:
    "Mar 1, 2027, 9:05 AM" / "1 mar 2027, 9:05 h"; "medium" or "long" spell the whole month:
    "March 1, 2027, 9:05 AM" / "1 de marzo de 2027, 9:05 h"."""
    date_style = "medium" if style == "short" else "long"
    if isinstance(value, datetime):
        formatter = _when_format(date_style)
        if formatter is not None:
            return formatter.when(value)
    from flask_babel import format_date

    return f"{format_date(value, date_style)}, {format_time_of_day(value)}"


# The zones a consultation may use, named as people there name them. Babel's names nest
# parentheses ("hora de México (Ciudad de México)") and no Mexican says them.
_ZONE_NAMES = {
    "America/Mexico_City": _l("Central Mexico time"),
    "America/Monterrey": _l("Central Mexico time"),
    "America/Chihuahua": _l("Central Mexico time"),
    "America/Cancun": _l("Southeast Mexico time"),
    "America/Hermosillo": _l("Mexican Pacific time"),
    "America/Mazatlan": _l("Mexican Pacific time"),
    "America/Tijuana": _l("Northwest Mexico time"),
    "America/New_York": _l("U.S. Eastern time"),
    "America/Chicago": _l("U.S. Central time"),
    "America/Denver": _l("U.S. Mountain time"),
    "America/Phoenix": _l("Arizona time"),
    "America/Los_Angeles": _l("U.S. Pacific time"),
}


def timezone_name(tz_name: str) -> str:
    """ "Central Mexico time" / "hora del centro de México"; a zone not in the list gets
    Babel's name with its inner parentheses turned into a comma."""
    if tz_name in _ZONE_NAMES:
        return str(_ZONE_NAMES[tz_name])
    if tz_name == "UTC":
        return "UTC"
    from babel.dates import get_timezone_location

    name = get_timezone_location(tz_name, locale=get_locale())
    return name.replace(" (", ", ").replace(")", "")


def reading_zone(consultations: Iterable[Any] = ()) -> ZoneInfo:
    """The time zone in which people read a date: the consultation's own (`timezone`), or
    the staff's (BABEL_DEFAULT_TIMEZONE) when there is none or the consultations disagree.
    Data columns (an export's `submitted_at`) stay in UTC; this is for what people read."""
    zones = {c.timezone for c in consultations if getattr(c, "timezone", None)}
    if len(zones) == 1:
        return ZoneInfo(zones.pop())
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def format_in_timezone(value: Any, tz_name: str, zone: bool = True) -> str:
    """A UTC timestamp shown in a consultation's own time zone, in the page's locale:
    "February 26, 2027, 6:13 AM (Central Mexico time)" /
    "26 de febrero de 2027, 6:13 h (hora del centro de México)". With `zone=False` the zone is
    left out, for the first of two times that share it ("from … until … (zone)")."""
    from zoneinfo import ZoneInfo

    from babel.dates import format_date, format_time

    locale = get_locale()
    local = value.astimezone(ZoneInfo(tz_name))
    shown = "{date}, {time}".format(
        date=format_date(local, "long", locale=locale),
        time=format_time(local, _time_pattern(), locale=locale),
    )
    return f"{shown} ({timezone_name(tz_name)})" if zone else shown


def format_file_size(size: int) -> str:
    """1 536 000 → "1.5 MB" in both languages: the number in the page's locale (es_MX)."""
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


class _WTFormsMessages:
    """WTForms' own messages ("Not a valid choice", …) in the request's language, with each
    language's catalogue loaded once per process: Flask-WTF loads it from disk again on every
    request whose form validates or renders a message (flask_wtf.i18n keeps it on the request
    only), about half a millisecond of a queue page."""

    def __init__(self) -> None:
        self._loaded: dict[str, Any] = {}

    def _catalogue(self) -> Any:
        from babel import support
        from wtforms.i18n import messages_path

        locale = get_locale() if has_request_context() else None
        if locale is None:
            return None
        key = str(locale)
        found = self._loaded.get(key)
        if found is None:
            found = support.Translations.load(messages_path(), [locale], domain="wtforms")
            self._loaded[key] = found  # one assignment: a race loads the same file twice
        return found

    def gettext(self, string: str) -> str:
        catalogue = self._catalogue()
        return string if catalogue is None else str(catalogue.ugettext(string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        catalogue = self._catalogue()
        if catalogue is None:
            return singular if n == 1 else plural
        return str(catalogue.ungettext(singular, plural, n))


WTFORMS_MESSAGES = _WTFormsMessages()


class WTFormsMessagesMeta:
    """A form's `Meta` base giving WTForms' messages from WTFORMS_MESSAGES (the same text as
    Flask-WTF's, which it replaces; WTF_I18N_ENABLED still switches them off)."""

    def get_translations(self, form: Any) -> Any:
        if not current_app.config.get("WTF_I18N_ENABLED", True):
            return super().get_translations(form)  # type: ignore[misc]
        return WTFORMS_MESSAGES
