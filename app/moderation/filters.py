"""The queue's filters, shared by the queue and the exports: their options (built once per
language and taxonomy version per process) and the QueueFilters a filled form asks for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import current_app, get_template_attribute, request
from flask_babel import format_decimal, get_locale, pgettext
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from wtforms import SelectChoice

from app.db import EARLIEST, LATEST, MAX_ID, db
from app.enums import SubmissionStatus
from app.i18n import current_language, localized, named_choices
from app.moderation import queries
from app.moderation.forms import QueueFilterForm
from app.moderation.signals import SAME_ADDRESS, UNCONFIRMED_IN_CAMPAIGN, same_address_min
from app.taxonomy import queries as taxonomy_queries
from app.widgets import WrittenChoices

ANY = ""


@dataclass(frozen=True)
class TaxonomyNames:
    """Names in one language of every pillar, sector, country and state (retired ones too: a
    comment keeps its pillar), as localized() gives them: a queue row shows three."""

    pillars: dict[int, str]
    sectors: dict[int, str]
    countries: dict[str, str]
    regions: dict[str, str]
    # The codes of pillars and sectors by id (the API names them by code).
    pillar_codes: dict[int, str]
    sector_codes: dict[int, str]

    def place(self, region_code: str | None, country_code: str) -> str:
        """The state's name, or the country's when no state was given."""
        if region_code:
            return self.regions.get(region_code, "")
        return self.countries.get(country_code, "")


def fill_filter_choices(form: QueueFilterForm) -> TaxonomyNames:
    """The filters' options, built once per language and taxonomy version per process: the
    queue is the page moderators load most, and its 160 options cost more to build than the
    database spends on the page. The options are written once too (WrittenChoices), and the
    same cache holds the taxonomy's names, returned for the queue's rows."""
    entry = _cached()
    for name, choices in entry[1].items():
        getattr(form, name).choices = choices  # shared, never changed: written once
    names: TaxonomyNames = entry[2]
    return names


def filter_fields_html(form: QueueFilterForm) -> Markup:
    """The filter fields (macros/forms.html's submission_filter_fields) as the queue shows
    them, written once per language, taxonomy version and set of values chosen: the twelve
    selects' 160 options are the same on most requests (the unfiltered queue, or a filter a
    moderator keeps). The options' identity (a new taxonomy version builds new ones) is part
    of what a written form is checked against; a form with an error message is written anew."""
    fields = list(form)
    if any(field.errors for field in fields):
        return _write_filter_fields(form)
    choices = [getattr(field, "choices", None) for field in fields]
    key = (str(get_locale()), *((field.name, field.data) for field in fields))
    cache = current_app.extensions.setdefault("consulta.queue_filter_fields", {})
    try:
        found = cache.get(key)
    except TypeError:  # a value that cannot be a key
        return _write_filter_fields(form)
    if found is not None and all(a is b for a, b in zip(found[0], choices, strict=True)):
        return found[1]  # type: ignore[no-any-return]
    html = _write_filter_fields(form)
    if len(cache) > 200:  # the usual views are few (~8 KB each); a bound against searches
        cache.clear()
    cache[key] = (choices, html)  # one assignment: thread-safe
    return html


def _write_filter_fields(form: QueueFilterForm) -> Markup:
    write = get_template_attribute("macros/forms.html", "submission_filter_fields")
    return Markup(write(form))  # noqa: S704  # nosec B704  # the macro's own escaped output


def taxonomy_names() -> TaxonomyNames:
    """The taxonomy's names in the request's language (and codes), from the same cache: for
    pages that show rows without the queue's filters (the public record, the API)."""
    names: TaxonomyNames = _cached()[2]
    return names


def _cached() -> tuple[int, dict[str, WrittenChoices], TaxonomyNames]:
    cache = current_app.extensions.setdefault("consulta.queue_filter_choices", {})
    lang, stamp = current_language(), taxonomy_queries.taxonomy_stamp(db.session)
    entry = cache.get(lang)
    if entry is None or entry[0] != stamp:
        built = (stamp, _build_filter_choices(), _build_names(lang))
        entry = cache[lang] = built  # one assignment: thread-safe
    return entry  # type: ignore[no-any-return]


def _build_names(lang: str) -> TaxonomyNames:
    from app.taxonomy.models import Country, Pillar, Region, Sector

    def named(model: type, key: str) -> dict[Any, str]:
        rows: Any = db.session.scalars(select(model))
        return {getattr(row, key): localized(row, "name", lang) for row in rows}

    def coded(model: Any) -> dict[int, str]:
        return dict(db.session.execute(select(model.id, model.code)).tuples().all())

    return TaxonomyNames(
        pillars=named(Pillar, "id"),
        sectors=named(Sector, "id"),
        countries=named(Country, "code"),
        regions=named(Region, "code"),
        pillar_codes=coded(Pillar),
        sector_codes=coded(Sector),
    )


def _build_filter_choices() -> dict[str, WrittenChoices]:
    return {name: WrittenChoices(choices) for name, choices in _filter_choices().items()}


def _filter_choices() -> dict[str, list[SelectChoice]]:
    pillars = taxonomy_queries.active_pillars(db.session)
    regions = [SelectChoice(ANY, _("Any"))]
    lang = current_language()
    for country in taxonomy_queries.countries_with_regions(db.session):
        group = localized(country, "name", lang)
        regions.append(SelectChoice(country.code, group, optgroup=group))
        names = sorted((localized(r, "name", lang), r.code) for r in country.regions)
        regions += [SelectChoice(code, name, optgroup=group) for name, code in names]
    return {
        "status": [SelectChoice(ANY, _("Any"))]
        + [SelectChoice(s.value, str(s.label)) for s in SubmissionStatus],
        "pillar": named_choices(pillars, _("Any")),
        "topic": named_choices((t for p in pillars for t in p.topics), _("Any")),
        "sector": named_choices(taxonomy_queries.active_sectors(db.session), _("Any")),
        "region": regions,
        "language": [
            SelectChoice(ANY, _("Any")),
            SelectChoice("es", _("Spanish")),
            SelectChoice("en", _("English")),
        ],
        "attachments": [
            SelectChoice(ANY, _("Any")),
            SelectChoice("yes", _("With attachments")),
            SelectChoice("no", _("Without attachments")),
        ],
        "disputed": [
            SelectChoice(ANY, _("Any")),
            SelectChoice("yes", _("Reported as not sent")),
            SelectChoice("no", _("Not reported")),
        ],
        "email_confirmed": [
            SelectChoice(ANY, _("Any")),
            SelectChoice("yes", _("Confirmed")),
            SelectChoice("no", _("Not confirmed")),
        ],
        "verified": [
            SelectChoice(ANY, _("Any")),
            SelectChoice("yes", _("With a verified organization")),
            SelectChoice("no", _("Without a verified organization")),
        ],
        "signal": [
            SelectChoice(ANY, _("Any")),
            SelectChoice(
                SAME_ADDRESS,
                _(
                    "Same e-mail address behind %(num)s or more comments",
                    num=format_decimal(same_address_min()),
                ),
            ),
            SelectChoice(UNCONFIRMED_IN_CAMPAIGN, _("Unconfirmed e-mail in a campaign")),
        ],
        "campaign": [
            # "Campañas: Todas": the word agrees with the filter's name.
            SelectChoice(ANY, pgettext("filter over campaigns", "Any")),
            SelectChoice("yes", _("In a campaign (largest first)")),
            SelectChoice("no", _("Not in a campaign")),
        ],
    }


def parse_cursor(value: str | None) -> tuple[datetime, int] | None:
    """The position a "next page" link carries ("<created_at with its offset>~<id>", as the
    queue writes it), or None: also for anything the queue could not have written (naive or
    absurd times, ids beyond app.db.MAX_ID), which the queue then reports as not understood."""
    stamp, sep, last_id = (value or "").rpartition("~")
    if not sep or not (last_id.isascii() and last_id.isdigit() and len(last_id) <= 19):
        return None
    try:
        created = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    # Compared before any conversion: astimezone() overflows near years 1 and 9999.
    if created.tzinfo is None or not EARLIEST <= created <= LATEST or int(last_id) > MAX_ID:
        return None
    return created.astimezone(UTC), int(last_id)


def cursor_text(position: tuple[datetime, int]) -> str:
    """The text of a keyset position, as parse_cursor reads it."""
    created, last_id = position
    return f"{created.isoformat()}~{last_id}"


def filters_from(form: QueueFilterForm) -> queries.QueueFilters:
    status_given = "status" in request.args
    # Only white space gets past the select's choice check (WTForms' Optional() clears it):
    # the same as "any".
    status = (form.status.data or "").strip() if status_given else SubmissionStatus.PENDING.value
    region = form.region.data or None
    return queries.QueueFilters(
        status=SubmissionStatus(status) if status else None,
        pillar=form.pillar.data or None,
        topic=form.topic.data or None,
        sector=form.sector.data or None,
        country=region if region and "-" not in region else None,
        region=region if region and "-" in region else None,
        language=form.language.data or None,
        has_attachment={"yes": True, "no": False}.get(form.attachments.data or ""),
        in_campaign={"yes": True, "no": False}.get(form.campaign.data or ""),
        email_confirmed={"yes": True, "no": False}.get(form.email_confirmed.data or ""),
        disputed={"yes": True, "no": False}.get(form.disputed.data or ""),
        verified={"yes": True, "no": False}.get(form.verified.data or ""),
        same_address_min=same_address_min() if form.signal.data == SAME_ADDRESS else None,
        unconfirmed_in_campaign=form.signal.data == UNCONFIRMED_IN_CAMPAIGN,
        since=form.since.data,
        until=form.until.data,
        search=form.q.data or None,
        after=parse_cursor(request.args.get("after")),
    )
