"""The queue's fifty rows, written by Python instead of Jinja (issue 19, point 6): a row took
~100 µs through the template (attribute lookups, escapes, gettext and timestamp look-ups per
cell) and is most of the page. The markup below is the row of templates/moderation/queue.html
(the rest of the page stays there); every value is escaped as Jinja's autoescape would, and
messages with variables are filled the way Jinja's newstyle gettext fills them (the
translation taken as markup, the variables escaped)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app, url_for
from flask_babel import format_decimal, get_locale, get_translations
from markupsafe import Markup, escape

from app.enums import SubmissionStatus
from app.i18n import when_formatter
from app.moderation.filters import TaxonomyNames
from app.moderation.queries import QueuePage
from app.moderation.services import TRANSITIONS
from app.moderation.signals import RowSignals

# Rows that can be picked for a bulk decision: those both bulk decisions (approve, reject)
# may move, as the transitions say (pending and escalated).
PICKABLE = frozenset(
    status.value
    for status, targets in TRANSITIONS.items()
    if {SubmissionStatus.APPROVED, SubmissionStatus.REJECTED} <= targets
)

# One row; the labels are filled once per language (RowText), the rest per row. The blank
# lines between rows are the ones the template's loop wrote.
_ROW = (
    "\n    <tr>\n"
    "      <td>{pick}</td>\n"
    '      <td data-label="{l_received}">{received}</td>\n'
    '      <td data-label="{l_title}"><a href="{path}{id}" data-row-link>{title}</a> '
    '<span class="consulta-meta consulta-nowrap">{code}</span>{marks}</td>\n'
    '      <td data-label="{l_pillar}">{pillar}</td>\n'
    '      <td data-label="{l_sector}">{sector}</td>\n'
    '      <td data-label="{l_region}">{place}</td>\n'
    '      <td data-label="{l_status}">{status}{held}</td>\n'
    "    </tr>\n  "
)
_PICK = (
    '<input type="checkbox" name="ids" value="{id}" id="pick-{id}" aria-label="{label}">'
    '<input type="hidden" name="v{id}" value="{version}">'
)
_TAG = ' <span class="usa-tag">{}</span>'
_SIGNAL = ' <span class="usa-tag consulta-signal">{}</span>'


@dataclass(frozen=True)
class RowText:
    """A row's fixed words in one language, translated and escaped once per process."""

    row: str  # _ROW with the column labels filled
    select: str  # "Select %(code)s"
    confirmed: str
    disputed: str
    unconfirmed_in_campaign: str


def _message(translated: str) -> Markup:
    """A translation taken as markup, its variables escaped when filled with %: what Jinja's
    newstyle gettext does with the template's messages (the catalogue is ours)."""
    return Markup(translated)  # noqa: S704  # nosec B704


def _text() -> RowText:
    translations = get_translations()
    cache = current_app.extensions.setdefault("consulta.queue_row_text", {})
    key = str(get_locale())
    found = cache.get(key)
    if found is not None and found[0] is translations:
        return found[1]  # type: ignore[no-any-return]
    gettext = translations.ugettext

    def label(translated: str) -> str:
        # As a label of the template: the translation is markup (newstyle gettext), and the
        # braces are doubled for the row's format string.
        return translated.replace("{", "{{").replace("}", "}}")

    row = _ROW.format(
        l_received=label(gettext("Received")),
        l_title=label(gettext("Title")),
        l_pillar=label(gettext("Main pillar")),
        l_sector=label(gettext("Sector")),
        l_region=label(translations.upgettext("heading over a place", "State or region")),
        l_status=label(gettext("Status")),
        pick="{pick}", received="{received}", path="{path}", id="{id}", title="{title}",
        code="{code}", marks="{marks}", pillar="{pillar}", sector="{sector}", place="{place}",
        status="{status}", held="{held}",
    )  # fmt: skip
    text = RowText(
        row=row,
        select=gettext("Select %(code)s"),
        confirmed=gettext("E-mail confirmed"),
        disputed=gettext("Reported as not sent"),
        unconfirmed_in_campaign=gettext("Signal: unconfirmed e-mail in a campaign"),
    )
    cache[key] = (translations, text)  # one assignment: thread-safe
    return text


def write_rows(
    page: QueuePage,
    names: TaxonomyNames,
    signals: Mapping[int, RowSignals],
    status_labels: Mapping[Any, str],
    now: datetime,
) -> Markup:
    """The `<tr>` of each row of `page`, as the queue's table body holds them."""
    text = _text()
    translations = get_translations()
    when = when_formatter("short")
    path = url_for("moderation.submission", submission_id=0)[:-1]
    campaign_path: str | None = None
    row_format = text.row.format
    out = []
    for s in page.rows:
        code = escape(s.tracking_code)
        pick = ""
        if s.status.value in PICKABLE:
            pick = _PICK.format(
                id=s.id, version=s.version, label=_message(text.select) % {"code": code}
            )
        marks = []
        if s.disputed_at:
            marks.append(_TAG.format(text.disputed))
        if s.email_confirmed_at:
            marks.append(_TAG.format(text.confirmed))
        verified = page.verifications.get(s.id)
        if verified:
            marks.append(_TAG.format(escape(verified.label())))
        signal = signals[s.id]
        if signal.same_address_count:
            count = signal.same_address_count
            message = translations.ungettext(
                "Signal: same e-mail address, %(num)s comment",
                "Signal: same e-mail address, %(num)s comments",
                count,
            )
            marks.append(_SIGNAL.format(_message(message) % {"num": format_decimal(count)}))
        if signal.unconfirmed_in_campaign:
            marks.append(_SIGNAL.format(text.unconfirmed_in_campaign))
        if s.campaign_id:
            if campaign_path is None:
                campaign_path = url_for("campaigns.campaign", campaign_id=0)[:-1]
            size = page.campaign_sizes.get(s.campaign_id, 0)
            message = translations.ungettext(
                "Campaign #%(id)s: %(num)s comment", "Campaign #%(id)s: %(num)s comments", size
            )
            words = _message(message) % {"id": s.campaign_id, "num": format_decimal(size)}
            marks.append(
                f'<br><a class="consulta-campaign" href="{campaign_path}{s.campaign_id}">'
                f"{words}</a>"
            )
        held = ""
        if s.claimed_by_id and s.claimed_until and s.claimed_until > now:
            holder = _message(translations.ugettext("held by %(email)s")) % {
                "email": page.holders.get(s.claimed_by_id, "")
            }
            held = f'<br><span class="consulta-meta">{holder}</span>'
        out.append(
            row_format(
                pick=pick,
                received=escape(when(s.created_at)),
                path=path,
                id=s.id,
                title=escape(s.title),
                code=code,
                marks="".join(marks),
                pillar=escape(names.pillars.get(s.primary_pillar_id, "")),
                sector=escape(names.sectors.get(s.sector_id, "")),
                place=escape(names.place(s.region_code, s.country_code)),
                status=escape(status_labels.get(s.status, "")),
                held=held,
            )
        )
    return Markup("".join(out))  # noqa: S704  # nosec B704  # every value escaped above
