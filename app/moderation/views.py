"""The moderation queue, a submission's page and the decisions taken on it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.db import db, utcnow, writes_on_get
from app.enums import Role, SubmissionStatus
from app.errors import InvalidTransition
from app.i18n import named_choices
from app.intake import publication
from app.intake import queries as intake_queries
from app.intake.models import Submission
from app.moderation import queries
from app.moderation.filters import ANY, fill_filter_choices, filter_fields_html, filters_from
from app.moderation.forms import (
    BulkDecisionForm,
    DecisionForm,
    NoteForm,
    QueueFilterForm,
    RedactionForm,
    RetagForm,
    SettleDisputeForm,
)
from app.moderation.history import history as moderation_history
from app.moderation.redaction import diff_segments, personal_data
from app.moderation.rows import write_rows
from app.moderation.services import (
    TRANSITIONS,
    BulkConflict,
    Conflict,
    add_note,
    bulk_change_status,
    change_status,
    claim,
    redact,
    retag,
    settle_dispute,
)
from app.moderation.signals import same_address_min, signals_for
from app.staff.auth import roles_required
from app.taxonomy import queries as taxonomy_queries
from app.widgets import choices_per_language

bp = Blueprint("moderation", __name__, url_prefix="/<lang:lang>/staff")


@bp.get("/queue")
@roles_required(Role.MODERATOR)
def queue() -> tuple[str, int] | str:
    form = QueueFilterForm(request.args)
    names = fill_filter_choices(form)
    understood = form.validate()
    if not understood:
        form = QueueFilterForm(formdata=None)
        fill_filter_choices(form)
    if "status" not in request.args:
        form.status.data = SubmissionStatus.PENDING.value
    filters = filters_from(form)
    if not understood or (request.args.get("after") and filters.after is None):
        flash(_("Some filters were not understood and were ignored."), "error")
    page = queries.queue_page(db.session, filters)
    signals = signals_for(db.session, page.rows, same_address_min())
    health = queries.queue_health(db.session, _start_of_today(), (filters, page))
    next_args = None
    if page.next_cursor:
        created, last_id = page.next_cursor
        next_args = {**request.args.to_dict(), "after": f"{created.isoformat()}~{last_id}"}
    now = utcnow()
    status_labels = {status: str(status.label) for status in SubmissionStatus}
    return render_template(
        "moderation/queue.html",
        form=form,
        filter_fields=filter_fields_html(form),
        page=page,
        rows=write_rows(page, names, signals, status_labels, now),
        next_args=next_args,
        health=health,
        bulk_form=_bulk_form(),
        now=now,
    )


def _start_of_today() -> datetime:
    """Midnight in the staff time zone (BABEL_DEFAULT_TIMEZONE), as a UTC instant."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = utcnow().astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _bulk_form() -> BulkDecisionForm:
    form = BulkDecisionForm()
    form.decision.choices = choices_per_language(
        "bulk decisions",
        lambda: [
            SelectChoice(SubmissionStatus.APPROVED.value, _("Approve")),
            SelectChoice(SubmissionStatus.REJECTED.value, _("Reject")),
        ],
    )
    return form


MAX_BULK = 200


@bp.post("/queue/bulk")
@roles_required(Role.MODERATOR)
def bulk_decide() -> Response:
    form = _bulk_form()
    back = request.form.get("back") or url_for(".queue")
    if not back.startswith("/") or back.startswith("//"):
        back = url_for(".queue")
    try:
        ids = sorted({int(value) for value in request.form.getlist("ids")})[:MAX_BULK]
    except ValueError:
        ids = []
    if not ids:
        flash(_("Select at least one comment."), "error")
        return redirect(back)
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(back)
    found = queries.submissions_by_ids(db.session, ids)
    try:
        # A version that is not a number was seen by nobody: a conflict, like a stale one.
        selected = [(s, request.form.get(f"v{s.id}", 0, type=int)) for s in found]
        to_status = SubmissionStatus(form.decision.data)
        count = bulk_change_status(
            db.session, current_user, selected, to_status, form.chosen_reason()
        )
        db.session.commit()
    except (BulkConflict, StaleDataError) as exc:
        db.session.rollback()
        codes = ", ".join(getattr(exc, "codes", [])) or "—"
        flash(
            _(
                "Nothing was changed: some of the selected comments were changed by someone "
                "else meanwhile (%(codes)s). Review the queue again.",
                codes=codes,
            ),
            "error",
        )
        return redirect(back)
    except InvalidTransition:
        db.session.rollback()
        flash(
            _("Nothing was changed: that decision does not apply to every selected comment."),
            "error",
        )
        return redirect(back)
    flash(
        ngettext("Status of %(count)s comment changed to “%(status)s”.",
                 "Status of %(count)s comments changed to “%(status)s”.", count,
                 count=format_decimal(count), status=to_status.label),
        "success",
    )  # fmt: skip
    return redirect(back)


def _submission_or_404(submission_id: int) -> Submission:
    found = queries.submission_for_staff(db.session, submission_id)
    if found is None:
        abort(404)
    return found


def _decision_form() -> DecisionForm:
    return DecisionForm()


def _render_submission(
    submission: Submission,
    form: DecisionForm | None = None,
    status: int = 200,
    redaction: RedactionForm | None = None,
    retag_form: RetagForm | None = None,
    note_form: NoteForm | None = None,
) -> tuple[str, int]:
    form = form or _decision_form()
    form.version.data = submission.version
    if redaction is None:
        redaction = RedactionForm(formdata=None)
        redaction.public_title.data = submission.published_title
        redaction.public_body.data = submission.published_body
    redaction.version.data = submission.version
    return render_template(
        "moderation/submission.html",
        submission=submission,
        form=form,
        redaction=redaction,
        retag_form=retag_form or _retag_form(submission),
        note_form=note_form or NoteForm(formdata=None),
        dispute_form=SettleDisputeForm(formdata=None),
        pillars=taxonomy_queries.active_pillars(db.session),
        signals=signals_for(db.session, [submission], same_address_min())[submission.id],
        verification_of=publication.verification_of,
        allowed=TRANSITIONS[submission.status],
        findings=personal_data(submission.published_title + "\n" + submission.published_body),
        history=moderation_history(db.session, submission.events),
        body_diff=diff_segments(submission.body, submission.published_body)
        if submission.public_body is not None
        else None,
    ), status


def _retag_form(submission: Submission, formdata: bool = False) -> RetagForm:
    form = RetagForm() if formdata else RetagForm(formdata=None)
    pillars = taxonomy_queries.active_pillars(db.session)
    form.sector.choices = named_choices(taxonomy_queries.active_sectors(db.session))
    form.primary_pillar.choices = named_choices(pillars)
    form.secondary_pillar.choices = named_choices(pillars, _("None"))
    form.topics.choices = named_choices(t for p in pillars for t in p.topics)
    if not formdata:
        form.sector.data = submission.sector.code
        form.primary_pillar.data = submission.primary_pillar.code
        form.secondary_pillar.data = (
            submission.secondary_pillar.code if submission.secondary_pillar else ANY
        )
        form.topics.data = [t.code for t in submission.topics]
        form.version.data = submission.version
    return form


def _edit_conflict(submission_id: int) -> tuple[str, int]:
    """An edit made on a stale page: nothing saved, the current version shown."""
    db.session.rollback()
    flash(
        _(
            "Someone else changed this comment while you were editing: nothing was "
            "saved. Here is the current version."
        ),
        "error",
    )
    return _render_submission(_submission_or_404(submission_id), status=409)


@bp.post("/submissions/<int:submission_id>/retag")
@roles_required(Role.MODERATOR)
def retag_submission(submission_id: int) -> Response | tuple[str, int]:
    found = _submission_or_404(submission_id)
    form = _retag_form(found, formdata=True)
    if not form.validate_on_submit():
        return _render_submission(found, status=422, retag_form=form)
    lookups = intake_queries.form_lookups(
        db.session,
        sector=form.sector.data,
        location=found.region_code or found.country_code,
        pillars=[form.primary_pillar.data, form.secondary_pillar.data],
        topics=form.topics.data or [],
    )
    try:
        retag(
            db.session,
            found,
            current_user,
            form.version.data,
            sector=lookups.sector,
            primary_pillar=lookups.pillars[form.primary_pillar.data],
            secondary_pillar=lookups.pillars.get(form.secondary_pillar.data or ""),
            topics=lookups.topics,
        )
        db.session.commit()
    except (Conflict, StaleDataError):
        return _edit_conflict(submission_id)
    flash(_("The classification was updated."), "success")
    return redirect(url_for(".submission", submission_id=submission_id))


@bp.post("/submissions/<int:submission_id>/note")
@roles_required(Role.MODERATOR)
def note_submission(submission_id: int) -> Response | tuple[str, int]:
    found = _submission_or_404(submission_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _render_submission(found, status=422, note_form=form)
    add_note(db.session, found, current_user, form.note.data)
    db.session.commit()
    flash(_("Note added to the history."), "success")
    return redirect(url_for(".submission", submission_id=submission_id))


@bp.post("/submissions/<int:submission_id>/dispute")
@roles_required(Role.MODERATOR)
def settle_dispute_view(submission_id: int) -> Response | tuple[str, int]:
    found = _submission_or_404(submission_id)
    form = SettleDisputeForm()
    if not form.validate_on_submit():
        return _render_submission(found, status=422)
    try:
        settle_dispute(db.session, found, current_user, form.note.data)
    except InvalidTransition:
        return _render_submission(found, status=409)
    db.session.commit()
    flash(_("The report is settled and the comment is kept."), "success")
    return redirect(url_for(".submission", submission_id=submission_id))


@bp.post("/submissions/<int:submission_id>/redact")
@roles_required(Role.MODERATOR)
def redact_submission(submission_id: int) -> Response | tuple[str, int]:
    found = _submission_or_404(submission_id)
    form = RedactionForm()
    if not form.validate_on_submit():
        return _render_submission(found, status=422, redaction=form)
    try:
        redact(
            db.session,
            found,
            current_user,
            form.public_title.data,
            form.public_body.data,
            form.version.data,
        )
        db.session.commit()
    except (Conflict, StaleDataError):
        return _edit_conflict(submission_id)
    flash(_("The public version was saved; the original text is kept as written."), "success")
    return redirect(url_for(".submission", submission_id=submission_id))


@bp.get("/submissions/<int:submission_id>")
@writes_on_get
@roles_required(Role.MODERATOR)
def submission(submission_id: int) -> tuple[str, int]:
    found = _submission_or_404(submission_id)
    if found.status in (SubmissionStatus.PENDING, SubmissionStatus.ESCALATED):
        claim(db.session, found, current_user)
        db.session.commit()
    return _render_submission(found)


@bp.post("/submissions/<int:submission_id>/decide")
@roles_required(Role.MODERATOR)
def decide(submission_id: int) -> Response | tuple[str, int]:
    found = _submission_or_404(submission_id)
    form = _decision_form()
    if not form.validate_on_submit():
        return _render_submission(found, form, 422)
    try:
        to_status = SubmissionStatus(form.decision.data)
        change_status(
            db.session, found, current_user, to_status, form.version.data,
            form.chosen_reason(), form.note.data,
        )  # fmt: skip
        db.session.commit()
    except (Conflict, StaleDataError):
        db.session.rollback()
        current = _submission_or_404(submission_id)
        flash(
            _(
                "Someone else changed this comment while you were reading it: it is now "
                "“%(status)s”. Nothing was overwritten; review it again before deciding.",
                status=current.status.label,
            ),
            "error",
        )
        return _render_submission(current, status=409)
    except InvalidTransition:
        db.session.rollback()
        flash(_("That decision does not apply to this comment as it stands."), "error")
        return _render_submission(_submission_or_404(submission_id), status=409)
    flash(
        _("%(code)s: %(status)s.", code=found.tracking_code, status=found.status.label), "success"
    )
    return redirect(url_for(".queue"))


@bp.get("/attachments/<int:attachment_id>")
@roles_required(Role.MODERATOR, Role.SECRETARIAT)
def attachment(attachment_id: int) -> Response:
    found = queries.attachment_for_staff(db.session, attachment_id)
    if found is None:
        abort(404)
    path = Path(current_app.config["UPLOAD_DIR"]) / found.storage_key
    if not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.original_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
