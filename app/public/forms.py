"""The public record's filters, read from the query string by the pages and the API alike: a
value that is not one of the options, a parameter we do not know, a cursor we could not have
written or text that cannot be read is refused (a 400), never guessed at or passed on."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import parse_qsl

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from app.db import db
from app.enums import OutcomeKind
from app.forms import readable_text, strip
from app.i18n import current_language, localized, named_choices
from app.intake.tracking import looks_like_public_id
from app.moderation.filters import parse_cursor
from app.moderation.forms import FilterSelectField
from app.public.queries import ANY_OUTCOME, PublicFilters
from app.taxonomy import queries as taxonomy_queries
from app.widgets import PlainSelect, WrittenChoices

SEARCH_MAX = 200


def _select(label: Any) -> SelectField:
    # The queue's filter select: a choice checked against the cached options' values.
    return FilterSelectField(label, validators=[Optional()], widget=PlainSelect())


class PublicFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(
        _l("Search titles and comments"),
        filters=[strip],
        validators=[Optional(), Length(max=SEARCH_MAX), readable_text],
    )
    pillar = _select(_l("Pillar"))
    topic = _select(_l("Topic"))
    sector = _select(_l("Sector"))
    country = _select(_l("Country"))
    state = _select(lazy_pgettext("a state of a country", "State"))
    language = _select(_l("Language written in"))
    outcome = _select(_l("Outcome"))


# Besides the form's fields: the campaign whose members to list and the keyset cursor.
EXTRA_PARAMETERS = ("campaign", "after")


@cache
def parameters() -> tuple[str, ...]:
    """Every parameter the record reads (built once: a form built to list its fields cost
    a few tenths of a millisecond a request)."""
    return (*PublicFilterForm().data.keys(), *EXTRA_PARAMETERS)


def fill_choices(form: PublicFilterForm) -> None:
    """The options, built once per language and taxonomy version per process, and written
    once too (WrittenChoices), as the queue's."""
    cache = current_app.extensions.setdefault("consulta.public_filter_choices", {})
    lang, stamp = current_language(), taxonomy_queries.taxonomy_stamp(db.session)
    entry = cache.get(lang)
    if entry is None or entry[0] != stamp:
        built = {name: WrittenChoices(choices) for name, choices in _build_choices().items()}
        entry = cache[lang] = (stamp, built)  # one assignment: thread-safe
    for name, choices in entry[1].items():
        getattr(form, name).choices = choices  # shared, never changed: written once


def _build_choices() -> dict[str, list[SelectChoice]]:
    from flask_babel import gettext as _

    pillars = taxonomy_queries.active_pillars(db.session)
    lang = current_language()
    countries = taxonomy_queries.countries_with_regions(db.session)
    states = [SelectChoice("", _("Any"))]
    for country in countries:
        group = localized(country, "name", lang)
        names = sorted((localized(r, "name", lang), r.code) for r in country.regions)
        states += [SelectChoice(code, name, optgroup=group) for name, code in names]
    return {
        "pillar": named_choices(pillars, _("Any")),
        "topic": named_choices((t for p in pillars for t in p.topics), _("Any")),
        "sector": named_choices(taxonomy_queries.active_sectors(db.session), _("Any")),
        "country": named_choices(countries, _("Any")),
        "state": states,
        "language": [
            SelectChoice("", _("Any")),
            SelectChoice("es", _("Spanish")),
            SelectChoice("en", _("English")),
        ],
        "outcome": [
            SelectChoice("", _("Any")),
            # Translators: the filter's option "comments on an agenda item or in a theme with an
            # outcome".
            SelectChoice(ANY_OUTCOME, _("With an outcome")),
            *(SelectChoice(kind.value, str(kind.label)) for kind in OutcomeKind),
        ],
    }


class BadFilters(Exception):
    """The query string asked for something the record cannot answer; `problems` name it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _undecodable(raw_query: bytes) -> bool:
    """Werkzeug keeps a value whose bytes are not UTF-8 percent-encoded ("%FF" would be
    searched for as typed): such a query string is refused instead."""
    try:
        parse_qsl(raw_query.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return True
    return False


def read_filters(
    args: MultiDict[str, str], raw_query: bytes = b""
) -> tuple[PublicFilterForm, PublicFilters]:
    """The form (for the page to show) and the filters it asks for, or BadFilters."""
    problems = ["the query string is not UTF-8"] if _undecodable(raw_query) else []
    known = parameters()
    for key in args:
        if key not in known:
            problems.append(f"unknown parameter: {key[:40]!r}")
        elif len(args.getlist(key)) > 1:
            problems.append(f"given more than once: {key}")
    form = PublicFilterForm(args)
    fill_choices(form)
    if not form.validate():
        problems += [
            f"{name}: {'; '.join(map(str, errors))}" for name, errors in form.errors.items()
        ]
    campaign = args.get("campaign") or None
    if campaign is not None and not looks_like_public_id(campaign):
        problems.append("campaign: not a public id")
    after = None
    if args.get("after"):
        after = parse_cursor(args["after"])
        if after is None:
            problems.append("after: not a cursor")
    if problems:
        raise BadFilters(problems)
    return form, PublicFilters(
        pillar=form.pillar.data or None,
        topic=form.topic.data or None,
        sector=form.sector.data or None,
        country=form.country.data or None,
        state=form.state.data or None,
        language=form.language.data or None,
        outcome=form.outcome.data or None,
        search=form.q.data or None,
        campaign=campaign,
        after=after,
    )
