"""The secretariat's meetings: create and edit them, shape their agenda items and place the
approved comments on them. Every change is a plain POST form that redirects back to the
meeting page (no JavaScript needed)."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import format_date, format_number, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.agenda import queries, services
from app.agenda.forms import (
    ActionForm,
    ItemEditForm,
    ItemForm,
    MeetingForm,
    MoveForm,
)
from app.agenda.models import AgendaEntry, AgendaItem, Meeting
from app.db import db
from app.enums import MeetingLevel, Role
from app.intake import publication
from app.outcomes import OutcomeForm
from app.staff.auth import roles_required

bp = Blueprint("agenda", __name__, url_prefix="/<lang:lang>/staff/meetings")


def _meeting_or_404(meeting_id: int) -> Meeting:
    meeting = queries.meeting(db.session, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _item_or_404(meeting_id: int, item_id: int) -> AgendaItem:
    item = queries.item(db.session, meeting_id, item_id)
    if item is None:
        abort(404)
    return item


def _entry_or_404(meeting_id: int, entry_id: int) -> AgendaEntry:
    entry = queries.entry(db.session, meeting_id, entry_id)
    if entry is None:
        abort(404)
    return entry


def _back(meeting_id: int, anchor: str | None = None) -> Response:
    return redirect(url_for("agenda.meeting", meeting_id=meeting_id, _anchor=anchor), 303)


def _valid_action() -> bool:
    """The CSRF token of a button's form; a stale one is flashed rather than failing."""
    if ActionForm().validate():
        return True
    flash(_("The form had expired. Please try again."), "error")
    return False


# Meetings -------------------------------------------------------------------------------


@bp.get("")
@roles_required(Role.SECRETARIAT)
def meeting_list() -> str:
    return render_template(
        "agenda/meeting_list.html", meetings=queries.meetings(db.session), format_date=format_date
    )


def _meeting_values(form: MeetingForm) -> dict:
    chosen = {int(value) for value in form.consultations.data}
    return {
        "title_en": form.title_en.data,
        "title_es": form.title_es.data,
        "level": MeetingLevel(form.level.data),
        "meeting_date": form.meeting_date.data,
        "place_en": form.place_en.data or "",
        "place_es": form.place_es.data or "",
        "consultations": [c for c in queries.consultations(db.session) if c.id in chosen],
    }


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.SECRETARIAT)
def meeting_new() -> Response | str | tuple[str, int]:
    form = MeetingForm(consultations=queries.consultations(db.session))
    if not form.is_submitted() and len(form.consultations.choices) == 1:
        # Nothing to choose: the only consultation is the meeting's.
        form.consultations.data = [form.consultations.choices[0].value]
    if form.validate_on_submit():
        meeting = services.create_meeting(db.session, **_meeting_values(form))
        meeting_id = meeting.id
        db.session.commit()
        flash(_("The meeting was created with one agenda item per pillar."), "success")
        return _back(meeting_id)
    status = 422 if form.is_submitted() else 200
    body = render_template("agenda/meeting_form.html", form=form, meeting=None)
    return (body, status) if status != 200 else body


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SECRETARIAT)
def meeting_edit(meeting_id: int) -> Response | str | tuple[str, int]:
    meeting = _meeting_or_404(meeting_id)
    form = MeetingForm(consultations=queries.consultations(db.session), obj=meeting)
    if not form.is_submitted():
        form.level.data = meeting.level.value
        form.consultations.data = [str(c.id) for c in meeting.consultations]
    if form.validate_on_submit():
        services.update_meeting(db.session, meeting, **_meeting_values(form))
        db.session.commit()
        flash(_("The meeting was saved."), "success")
        return _back(meeting_id)
    status = 422 if form.is_submitted() else 200
    body = render_template("agenda/meeting_form.html", form=form, meeting=meeting)
    return (body, status) if status != 200 else body


@bp.get("/<int:meeting_id>")
@roles_required(Role.SECRETARIAT)
def meeting(meeting_id: int) -> str:
    meeting = _meeting_or_404(meeting_id)
    items = sorted(meeting.items, key=lambda i: i.position)
    by_item: dict[int, list[AgendaEntry]] = defaultdict(list)
    excluded: list[AgendaEntry] = []
    for entry in queries.entries(db.session, meeting.id):
        if entry.excluded or entry.agenda_item_id is None:
            excluded.append(entry)
        else:
            by_item[entry.agenda_item_id].append(entry)
    placed = [entry for entries in by_item.values() for entry in entries]
    return render_template(
        "agenda/meeting.html",
        meeting=meeting,
        items=items,
        by_item=by_item,
        excluded=excluded,
        # What the secretariat must not be surprised by: placed comments the public packet
        # leaves out (app.intake.publication decides), each marked on the page.
        is_publishable=publication.is_publishable,
        held_back=sum(1 for entry in placed if not publication.is_publishable(entry.submission)),
        unplaced=queries.unplaced_count(db.session, meeting.id),
        item_themes=queries.item_themes(db.session, by_item),
        item_form=ItemForm(formdata=None),
        outcome_form_for=lambda item: OutcomeForm.of(item.outcome, prefix=f"o{item.id}"),
        move_form_for=lambda entry: MoveForm(
            formdata=None,
            items=items,
            data={"item": str(entry.agenda_item_id or "")},
            prefix=f"e{entry.id}",
        ),
        format_date=format_date,
    )


# Agenda items ---------------------------------------------------------------------------


@bp.post("/<int:meeting_id>/items")
@roles_required(Role.SECRETARIAT)
def item_add(meeting_id: int) -> Response:
    meeting = _meeting_or_404(meeting_id)
    form = ItemForm()
    if not form.validate():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return _back(meeting_id, "new-item")
    item = services.add_item(db.session, meeting, form.title_en.data, form.title_es.data)
    item_id = item.id
    db.session.commit()
    flash(_("The agenda item was added."), "success")
    return _back(meeting_id, f"item-{item_id}")


@bp.route("/<int:meeting_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SECRETARIAT)
def item_edit(meeting_id: int, item_id: int) -> Response | str | tuple[str, int]:
    meeting = _meeting_or_404(meeting_id)
    item = _item_or_404(meeting_id, item_id)
    form = ItemEditForm(obj=item)
    if form.validate_on_submit():
        services.edit_item(
            db.session,
            item,
            title_en=form.title_en.data,
            title_es=form.title_es.data,
            summary_en=form.summary_en.data,
            summary_es=form.summary_es.data,
        )
        db.session.commit()
        flash(_("The agenda item was saved."), "success")
        return _back(meeting_id, f"item-{item_id}")
    status = 422 if form.is_submitted() else 200
    body = render_template("agenda/item_form.html", form=form, meeting=meeting, item=item)
    return (body, status) if status != 200 else body


@bp.post("/<int:meeting_id>/items/<int:item_id>/outcome")
@roles_required(Role.SECRETARIAT)
def item_outcome(meeting_id: int, item_id: int) -> Response:
    item = _item_or_404(meeting_id, item_id)
    form = OutcomeForm(prefix=f"o{item_id}")
    if not form.validate():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return _back(meeting_id, f"item-{item_id}")
    services.record_outcome(db.session, current_user, item, **form.chosen)
    db.session.commit()
    flash(_("The outcome was recorded."), "success")
    return _back(meeting_id, f"item-{item_id}")


def _move_item(meeting_id: int, item_id: int, step: int) -> Response:
    _meeting_or_404(meeting_id)
    item = _item_or_404(meeting_id, item_id)
    if _valid_action():
        moved = services.move_item(db.session, item, step)
        db.session.commit()
        if moved:
            flash(_("The agenda item was moved."), "success")
        else:
            flash(_("The agenda item is already at that end of the agenda."), "info")
    return _back(meeting_id, f"item-{item_id}")


@bp.post("/<int:meeting_id>/items/<int:item_id>/up")
@roles_required(Role.SECRETARIAT)
def item_up(meeting_id: int, item_id: int) -> Response:
    return _move_item(meeting_id, item_id, -1)


@bp.post("/<int:meeting_id>/items/<int:item_id>/down")
@roles_required(Role.SECRETARIAT)
def item_down(meeting_id: int, item_id: int) -> Response:
    return _move_item(meeting_id, item_id, 1)


@bp.post("/<int:meeting_id>/items/<int:item_id>/delete")
@roles_required(Role.SECRETARIAT)
def item_delete(meeting_id: int, item_id: int) -> Response:
    _meeting_or_404(meeting_id)
    item = _item_or_404(meeting_id, item_id)
    if _valid_action():
        if services.delete_item(db.session, item):
            db.session.commit()
            flash(_("The agenda item was deleted."), "success")
        else:
            flash(_("Move or exclude the comments of this item before deleting it."), "error")
            return _back(meeting_id, f"item-{item_id}")
    return _back(meeting_id)


# Agenda entries -------------------------------------------------------------------------


@bp.post("/<int:meeting_id>/place")
@roles_required(Role.SECRETARIAT)
def place(meeting_id: int) -> Response:
    meeting = _meeting_or_404(meeting_id)
    if _valid_action():
        if not meeting.items:
            flash(_("Add an agenda item first."), "error")
            return _back(meeting_id)
        count = services.place_unplaced(db.session, meeting)
        db.session.commit()
        flash(
            ngettext(
                "%(num)s comment was placed on the agenda.",
                "%(num)s comments were placed on the agenda.",
                count,
            ),
            "success",
        )
    return _back(meeting_id)


@bp.post("/<int:meeting_id>/propose")
@roles_required(Role.SECRETARIAT)
def propose(meeting_id: int) -> Response:
    """Fill each pillar's item with its strongest themes' comments (services.propose_from_themes)
    and say what was done."""
    meeting = _meeting_or_404(meeting_id)
    if not _valid_action():
        return _back(meeting_id)
    per_item = current_app.config["THEMES_PROPOSED_PER_ITEM"]
    done = services.propose_from_themes(db.session, meeting, per_item)
    db.session.commit()
    if done.themes_found == 0:
        flash(
            _(
                "No theme to propose: the pillars of this agenda have no themes in its "
                "consultations yet. Build them on the themes page first."
            ),
            "error",
        )
    elif done.comments == 0:
        flash(
            _("The top themes' comments are all on the agenda already; nothing was added."),
            "info",
        )
    else:
        flash(
            _(
                "Proposed from themes: items filled: %(items)s; themes: %(themes)s; comments "
                "placed: %(comments)s.",
                items=format_number(done.items),
                themes=format_number(done.themes),
                comments=format_number(done.comments),
            ),
            "success",
        )
    return _back(meeting_id)


@bp.post("/<int:meeting_id>/entries/<int:entry_id>/move")
@roles_required(Role.SECRETARIAT)
def entry_move(meeting_id: int, entry_id: int) -> Response:
    meeting = _meeting_or_404(meeting_id)
    entry = _entry_or_404(meeting_id, entry_id)
    form = MoveForm(items=meeting.items, prefix=f"e{entry.id}")
    if not form.validate():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return _back(meeting_id, f"entry-{entry_id}")
    target = _item_or_404(meeting_id, int(form.item.data))
    services.move_entry(db.session, entry, target)
    db.session.commit()
    flash(_("The comment was moved."), "success")
    return _back(meeting_id, f"entry-{entry_id}")


@bp.post("/<int:meeting_id>/entries/<int:entry_id>/exclude")
@roles_required(Role.SECRETARIAT)
def entry_exclude(meeting_id: int, entry_id: int) -> Response:
    _meeting_or_404(meeting_id)
    entry = _entry_or_404(meeting_id, entry_id)
    if _valid_action():
        services.exclude_entry(db.session, entry)
        db.session.commit()
        flash(_("The comment was excluded from this meeting."), "success")
    return _back(meeting_id, "excluded")


@bp.post("/<int:meeting_id>/entries/<int:entry_id>/restore")
@roles_required(Role.SECRETARIAT)
def entry_restore(meeting_id: int, entry_id: int) -> Response:
    meeting = _meeting_or_404(meeting_id)
    entry = _entry_or_404(meeting_id, entry_id)
    if _valid_action():
        if services.restore_entry(db.session, meeting, entry):
            db.session.commit()
            flash(_("The comment is back on the agenda."), "success")
        else:
            flash(_("Add an agenda item first."), "error")
    return _back(meeting_id, f"entry-{entry_id}")


def _reorder(meeting_id: int, entry_id: int, step: int) -> Response:
    _meeting_or_404(meeting_id)
    entry = _entry_or_404(meeting_id, entry_id)
    if _valid_action():
        moved = services.move_entry_within(db.session, entry, step)
        db.session.commit()
        if moved:
            flash(_("The comment was moved."), "success")
        else:
            flash(_("The comment cannot move further that way."), "info")
    return _back(meeting_id, f"entry-{entry_id}")


@bp.post("/<int:meeting_id>/entries/<int:entry_id>/up")
@roles_required(Role.SECRETARIAT)
def entry_up(meeting_id: int, entry_id: int) -> Response:
    return _reorder(meeting_id, entry_id, -1)


@bp.post("/<int:meeting_id>/entries/<int:entry_id>/down")
@roles_required(Role.SECRETARIAT)
def entry_down(meeting_id: int, entry_id: int) -> Response:
    return _reorder(meeting_id, entry_id, 1)


@bp.post("/<int:meeting_id>/entries/<int:entry_id>/pin")
@roles_required(Role.SECRETARIAT)
def entry_pin(meeting_id: int, entry_id: int) -> Response:
    _meeting_or_404(meeting_id)
    entry = _entry_or_404(meeting_id, entry_id)
    if _valid_action():
        services.set_pinned(db.session, entry, not entry.pinned)
        db.session.commit()
        if entry.pinned:
            flash(_("The comment is pinned to the top of its item."), "success")
        else:
            flash(_("The comment is no longer pinned."), "success")
    return _back(meeting_id, f"entry-{entry_id}")
