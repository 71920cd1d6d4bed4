"""The submission page's history, told in the page's language: each event's details (stored
as canonical JSON for the audit chain) turned into short lines such as "Main pillar: A → B"."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.enums import EventAction, Language
from app.i18n import current_language, localized
from app.intake.models import ModerationEvent
from app.taxonomy.models import Pillar, Sector, Topic


@dataclass
class HistoryEntry:
    event: ModerationEvent
    lines: list[str] = field(default_factory=list)


def _details(event: ModerationEvent) -> dict[str, Any]:
    if not event.details:
        return {}
    try:
        value = json.loads(event.details)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _names(session: Session, codes: set[str]) -> dict[tuple[str, str], str]:
    """Localized names of the pillars, topics and sectors the re-tag events mention."""
    names: dict[tuple[str, str], str] = {}
    if not codes:
        return names
    for kind, model in (("pillar", Pillar), ("topic", Topic), ("sector", Sector)):
        # select() of a union of models is typed as their common base, which has no code.
        rows = session.scalars(select(model).where(model.code.in_(codes)))
        for row in cast("Iterable[Pillar | Topic | Sector]", rows):
            names[kind, row.code] = localized(row, "name")
    return names


def _retag_lines(details: dict[str, Any], names: dict[tuple[str, str], str]) -> list[str]:
    before, after = details.get("before") or {}, details.get("after") or {}
    none = _("none")

    def name(kind: str, code: str | None) -> str:
        return names.get((kind, code), code) if code else none

    def topics(codes: list[str] | None) -> str:
        return ", ".join(name("topic", code) for code in codes or []) or none

    lines = []
    for key, kind, label in (
        ("sector", "sector", _("Sector")),
        ("primary_pillar", "pillar", _("Main pillar")),
        ("secondary_pillar", "pillar", _("Second pillar")),
    ):
        if before.get(key) != after.get(key):
            lines.append(f"{label}: {name(kind, before.get(key))} → {name(kind, after.get(key))}")
    if sorted(before.get("topics") or []) != sorted(after.get("topics") or []):
        lines.append(
            f"{_('Topics')}: {topics(before.get('topics'))} → {topics(after.get('topics'))}"
        )
    return lines or [_("No change")]


def _lines(event: ModerationEvent, names: dict[tuple[str, str], str]) -> list[str]:
    details = _details(event)
    lines: list[str] = []
    action = event.action
    if event.from_status is not None and event.to_status is not None:
        lines.append(f"{event.from_status.label} → {event.to_status.label}")
    if event.reason is not None:
        lines.append(_("Reason: %(reason)s", reason=event.reason.label))
    if action is EventAction.SUBMITTED:
        count = int(details.get("attachments") or 0)
        if count:
            lines.append(
                ngettext(
                    "%(count)s attachment",
                    "%(count)s attachments",
                    count,
                    count=format_decimal(count),
                )
            )
        if details.get("page_language") in {lang.value for lang in Language}:
            lines.append(
                _("Sent from the English page")
                if details["page_language"] == "en"
                else _("Sent from the Spanish page")
            )
    elif action is EventAction.RETAGGED:
        lines.extend(_retag_lines(details, names))
    elif action is EventAction.REDACTED:
        if details.get("title_changed"):
            lines.append(_("Public title edited"))
        if details.get("body_changed"):
            lines.append(_("Public text edited"))
        if details.get("public_title") is None and details.get("public_body") is None:
            lines.append(_("The public version is the original again"))
    elif action in (EventAction.CAMPAIGN_JOINED, EventAction.CAMPAIGN_LEFT):
        if details.get("campaign_id") is not None:
            lines.append(_("Campaign no. %(id)s", id=details["campaign_id"]))
        if details.get("score") is not None:
            score = format_decimal(float(details["score"]), format="0.00")
            lines.append(_("Similarity: %(score)s", score=score))
        if details.get("dissolved"):
            lines.append(_("The campaign was dissolved"))
        if details.get("taken_out"):
            lines.append(_("Taken out by a moderator"))
        if details.get("rebuild"):
            lines.append(_("When the campaigns were rebuilt"))
    elif action is EventAction.ORGANIZATION_VERIFIED:
        name = details.get(f"name_{current_language()}") or details.get("name_en")
        if name:
            # Translators: a comment confirmed earlier, verified when its domain was listed.
            lines.append(_("Verified as %(organization)s when the domain was listed",
                           organization=name))  # fmt: skip
    return lines


def history(session: Session, events: list[ModerationEvent]) -> list[HistoryEntry]:
    """Every event, oldest first, with its details as localized lines (notes are shown
    separately, as the moderator wrote them)."""
    codes: set[str] = set()
    for event in events:
        if event.action is EventAction.RETAGGED:
            details = _details(event)
            for side in (details.get("before") or {}, details.get("after") or {}):
                codes.update(
                    code for key, code in side.items() if key != "topics" and isinstance(code, str)
                )
                codes.update(c for c in side.get("topics") or [] if isinstance(c, str))
    names = _names(session, codes)
    return [HistoryEntry(event, _lines(event, names)) for event in events]
