"""The staff navigation bar: one link per area, shown only to those the area's view lets in.

Visibility is read from the view itself (`roles_required` records `allowed_roles`), so the
menu cannot drift from the role table; an area whose blueprint is not registered is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user


def url_with_query(
    endpoint: str,
    query: Mapping[str, Any] | Iterable[tuple[str, Any]] = (),
    **values: Any,
) -> str:
    """`url_for(endpoint, **values)` followed by `query` as the query string (pairs whose
    value is None left out). A page that links to itself with the visitor's query kept must
    use this, never `url_for(endpoint, **request.args)`: there a query argument named
    `_method`, `_external`, `_scheme` or `_anchor` is a keyword of url_for (a 500, or a link
    to `javascript://…`), and one named like a view argument (`lang`, `slug`, `fmt`) changes
    the page linked to or fails to build it."""
    pairs = query.items() if isinstance(query, Mapping) else query
    kept = [(key, value) for key, value in pairs if value is not None]
    url = url_for(endpoint, **values)
    return f"{url}?{urlencode(kept)}" if kept else url


@dataclass(frozen=True)
class NavLink:
    endpoint: str
    label: object  # a lazy string, rendered in the page's language
    # Other endpoints (by prefix) under which this link is the current section.
    section: str


NAV_LINKS = (
    NavLink("staff.home", _l("Back office"), "staff."),
    NavLink("moderation.queue", _l("Moderation queue"), "moderation."),
    NavLink("campaigns.index", _l("Campaigns"), "campaigns."),
    NavLink("reading.comments", _l("Approved comments"), "reading."),
    NavLink("themes.index", _l("Themes"), "themes."),
    NavLink("agenda.meeting_list", _l("Meetings"), "agenda."),
    NavLink("exports.export_page", _l("Exports"), "exports."),
    # Before Administration: the secretariat's page on the administration blueprint.
    NavLink("admin.stakeholder_invitations", _l("Stakeholder invitations"), "admin.stakeholder_"),
    NavLink("admin.user_list", _l("Administration"), "admin."),
)


def may_use(endpoint: str) -> bool:
    """Whether the signed-in staff member may use `endpoint` (a link or a form to show), as
    its view's `roles_required` says; False when no such view is registered."""
    view = current_app.view_functions.get(endpoint)
    if view is None or not current_user.is_authenticated:
        return False
    roles = getattr(view, "allowed_roles", ())
    return not roles or bool(current_user.can(*roles))


def staff_nav() -> list[dict[str, object]]:
    """The links the signed-in staff member may follow, with the current one marked: the same
    for every request of one role on one page in one language (every staff page shows them),
    so worked out once per process for each (its links' URLs carry the language)."""
    if not current_user.is_authenticated:
        return []
    home = url_for(NAV_LINKS[0].endpoint)  # the language and the script root, as links get
    key = (current_user.role, bool(current_user.is_active), request.endpoint, home)
    cache = current_app.extensions.setdefault("consulta.staff_nav", {})
    found: list[dict[str, object]] | None = cache.get(key)
    if found is None:
        found = cache[key] = _staff_nav()  # one assignment: thread-safe
    return found


def _staff_nav() -> list[dict[str, object]]:
    links = []
    current = request.endpoint or ""
    # The most specific section wins: one link is current, not a section and its parent.
    sections = [link.section for link in NAV_LINKS if current.startswith(link.section)]
    section = max(sections, key=len, default=None)
    for link in NAV_LINKS:
        if not may_use(link.endpoint):
            continue
        links.append(
            {
                "url": url_for(link.endpoint),
                "label": link.label,  # lazy: written in the page's language
                "current": link.section == section
                and not (link.section == "staff." and current != link.endpoint),
            }
        )
    return links
