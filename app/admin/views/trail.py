"""The administration trail: every change, newest first, and its hash chain checked when an
administrator asks."""

from __future__ import annotations

import json
from typing import Any

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from app.admin import audit, queries
from app.admin.views.base import bp
from app.db import db
from app.enums import Role
from app.forms import query_int
from app.staff.auth import roles_required

ACTION_LABELS = {
    "user.invited": _l("Invited a staff member"),
    "invitation.accepted": _l("Accepted an invitation"),
    "invitation.revoked": _l("Revoked an invitation"),
    "stakeholder.invited": _l("Invited a stakeholder to comment"),
    "stakeholder.revoked": _l("Revoked a stakeholder's invitation"),
    "organization.added": _l("Added a verified organization"),
    "organization.changed": _l("Edited a verified organization"),
    "organization.verified": _l("Verified comments confirmed before their domain was listed"),
    "user.role_changed": _l("Changed a role"),
    "user.deactivated": _l("Deactivated an account"),
    "user.reactivated": _l("Reactivated an account"),
    "user.second_factor_reset": _l("Reset a second factor"),
    "consultation.created": _l("Created a consultation"),
    "consultation.updated": _l("Edited a consultation"),
    "consultation.closed": _l("Closed a consultation"),
    "consultation.archived": _l("Archived a consultation"),
    "consultation.unarchived": _l("Took a consultation out of the archive"),
    "consultation.deleted": _l("Deleted a consultation"),
    "pillar.added": _l("Added a pillar"),
    "pillar.renamed": _l("Renamed a pillar"),
    "pillar.moved": _l("Moved a pillar"),
    "pillar.retired": _l("Retired a pillar"),
    "pillar.restored": _l("Restored a pillar"),
    "topic.added": _l("Added a topic"),
    "topic.renamed": _l("Renamed a topic"),
    "topic.moved": _l("Moved a topic"),
    "topic.retired": _l("Retired a topic"),
    "topic.restored": _l("Restored a topic"),
    "sector.added": _l("Added a sector"),
    "sector.renamed": _l("Renamed a sector"),
    "sector.moved": _l("Moved a sector"),
    "sector.retired": _l("Retired a sector"),
    "sector.restored": _l("Restored a sector"),
}


def _changes(event: Any) -> list[tuple[str, str, str]]:
    before = json.loads(event.before) if event.before else {}
    after = json.loads(event.after) if event.after else {}
    rows = []
    for key in sorted(before.keys() | after.keys()):
        rows.append((key, _shown(before.get(key)), _shown(after.get(key))))
    return rows


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@bp.route("/events", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def events() -> str:
    """A page of the trail. Checking the chain reads every event since the first, so it runs
    only when asked (the page's button posts here; `flask audit verify` does the same)."""
    before = query_int("before", 0) or None
    rows = queries.events_page(db.session, before)
    report = audit.verify_chain(db.session) if request.method == "POST" else None
    older = rows[-1].id if len(rows) == queries.EVENTS_PER_PAGE else None
    return render_template(
        "admin/events.html",
        events=rows,
        report=report,
        before=before,
        older=older,
        labels=ACTION_LABELS,
        changes=_changes,
    )
