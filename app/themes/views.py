"""Theme pages for the secretariat: every consultation's themes by pillar and support, and one
theme with its breakdown, its comments and the corrections people make (rename, dismiss, mark
reviewed, move a comment, merge, split). Moderators read; the secretariat and admins correct."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.db import db
from app.enums import Role
from app.forms import query_int
from app.i18n import current_language, localized
from app.intake import publication
from app.navigation import may_use
from app.outcomes import OutcomeForm
from app.staff.auth import roles_required
from app.taxonomy.models import Consultation
from app.themes import jobs, queries, services
from app.themes.forms import ButtonForm, MergeForm, MoveForm, RenameForm, SplitForm
from app.themes.models import Theme

bp = Blueprint("themes", __name__, url_prefix="/<lang:lang>/staff/themes")

READERS = (Role.MODERATOR, Role.SECRETARIAT)
# The split form's fields are prefixed: its labels would otherwise share ids with rename's.
SPLIT = "split"
OUTCOME = "outcome"


@bp.get("")
@roles_required(*READERS)
def index() -> str:
    """Every consultation with its latest build's status (a refresh shows the progress) and,
    for the secretariat, a button that rebuilds its themes; then its themes by pillar."""
    session = db.session
    groups = queries.overview(session)
    themed = {group.consultation.id: group for group in groups}
    theme_ids = [t.id for group in groups for part in group.pillars for t in part.themes]
    return render_template(
        "themes/index.html",
        consultations=session.scalars(
            select(Consultation).order_by(Consultation.opens_at.desc(), Consultation.id)
        ).all(),
        themed=themed,
        joined=queries.joined_since_review(session, theme_ids),
        builds=jobs.latest(session),
        is_running=jobs.is_running,
        may_rebuild=may_use("themes.rebuild"),
        button_form=ButtonForm(formdata=None),
    )


@bp.post("/consultations/<int:consultation_id>/rebuild")
@roles_required(Role.SECRETARIAT)
def rebuild(consultation_id: int) -> Response:
    """Start a rebuild of one consultation's themes in the background (app/themes/jobs.py: RQ
    with REDIS_URL, a thread otherwise); none while one waits or runs, none when there is
    nothing to group."""
    session = db.session
    consultation = session.get(Consultation, consultation_id)
    if consultation is None:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    back = redirect(url_for(".index"), code=303)
    total = services.approved_count(session, consultation, None)
    if total == 0:
        flash(
            _("This consultation has no approved comments to group; nothing was written."),
            "error",
        )
        return back
    requested_by = current_user.id  # read before `start` ends the read transaction
    runner = jobs.runner_for(current_app)
    job_id = jobs.start(session, consultation_id, None, total, runner, requested_by)
    if job_id is None:
        flash(_("Its themes are already being rebuilt; refresh this page to follow it."), "info")
        return back
    jobs.launch(job_id, runner)
    flash(_("The themes are being rebuilt; refresh this page to follow the progress."), "success")
    return back


def _theme_or_404(theme_id: int) -> Theme:
    found = queries.theme(db.session, theme_id)
    if found is None:
        abort(404)
    return found


def _targets(found: Theme) -> list[SelectChoice]:
    """Where its comments may go: the other themes of its pillar that are not dismissed."""
    return [
        SelectChoice(str(t.id), localized(t, "label"))
        for t in queries.siblings(db.session, found)
        if not t.dismissed
    ]


def _forms(found: Theme, **given: Any) -> dict[str, Any]:
    forms: dict[str, Any] = {
        "rename_form": RenameForm(formdata=None, label_en=found.label_en, label_es=found.label_es),
        "move_form": MoveForm(formdata=None),
        "merge_form": MergeForm(formdata=None),
        "button_form": ButtonForm(formdata=None),
        "split_form": SplitForm(formdata=None, prefix=SPLIT),
        "outcome_form": OutcomeForm.of(found.outcome, prefix=OUTCOME),
    }
    forms.update(given)
    targets = _targets(found)
    forms["move_form"].to_theme.choices = targets
    forms["merge_form"].into_theme.choices = targets
    return forms


def _render(found: Theme, status: int = 200, **given: Any) -> tuple[str, int]:
    page = query_int("page", 1, maximum=9_999) or 1
    members, more = queries.members(db.session, found.id, page)
    return render_template(
        "themes/theme.html",
        theme=found,
        summary=queries.summary(db.session, found, lang=current_language()),
        joined=queries.joined_since_review(db.session, [found.id]).get(found.id),
        members=members,
        page=page,
        more=more,
        may_correct=may_use("themes.rename"),
        may_open_submission=may_use("moderation.submission"),
        is_publishable=publication.is_publishable,
        **_forms(found, **given),
    ), status


@bp.get("/<int:theme_id>")
@roles_required(*READERS)
def theme(theme_id: int) -> tuple[str, int]:
    return _render(_theme_or_404(theme_id))


def _refused(found: Theme, form: Any, name: str, exc: services.Refused) -> tuple[str, int]:
    db.session.rollback()
    field = exc.field if exc.field and exc.field in form else None
    if field is not None:
        form[field].errors = [*form[field].errors, str(exc.message)]
    else:
        flash(str(exc.message), "error")
    return _render(_theme_or_404(found.id), 422, **{name: form})


def _done(theme_id: int, message: str) -> Response:
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".theme", theme_id=theme_id), code=303)


@bp.post("/<int:theme_id>/rename")
@roles_required(Role.SECRETARIAT)
def rename(theme_id: int) -> Response | tuple[str, int]:
    found = _theme_or_404(theme_id)
    form = RenameForm()
    if not form.validate_on_submit():
        return _render(found, 422, rename_form=form)
    try:
        services.rename(db.session, found, current_user, form.label_en.data, form.label_es.data)
    except services.Refused as exc:
        return _refused(found, form, "rename_form", exc)
    return _done(theme_id, _("The theme was renamed; a rebuild keeps both labels."))


@bp.post("/<int:theme_id>/dismiss")
@roles_required(Role.SECRETARIAT)
def dismiss(theme_id: int) -> Response | tuple[str, int]:
    found = _theme_or_404(theme_id)
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.dismiss(db.session, found, current_user)
    except services.Refused as exc:
        return _refused(found, form, "button_form", exc)
    return _done(theme_id, _("The theme was dismissed as noise; a rebuild keeps it dismissed."))


@bp.post("/<int:theme_id>/review")
@roles_required(Role.SECRETARIAT)
def review(theme_id: int) -> Response:
    found = _theme_or_404(theme_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    services.mark_reviewed(db.session, found, current_user)
    return _done(theme_id, _("The theme is marked as reviewed."))


@bp.post("/<int:theme_id>/move")
@roles_required(Role.SECRETARIAT)
def move(theme_id: int) -> Response | tuple[str, int]:
    found = _theme_or_404(theme_id)
    form = MoveForm()
    form.to_theme.choices = _targets(found)
    if not form.validate_on_submit():
        return _render(found, 422, move_form=form)
    target = _theme_or_404(int(form.to_theme.data))
    if queries.theme_of(db.session, form.submission_id.data) != found.id:
        abort(404)  # not one of this theme's comments
    try:
        services.move(db.session, form.submission_id.data, target, current_user)
    except services.Refused as exc:
        return _refused(found, form, "move_form", exc)
    moved = _("The comment was moved to “%(label)s”.", label=localized(target, "label"))
    return _done(theme_id, moved)


@bp.post("/<int:theme_id>/merge")
@roles_required(Role.SECRETARIAT)
def merge(theme_id: int) -> Response | tuple[str, int]:
    found = _theme_or_404(theme_id)
    form = MergeForm()
    form.into_theme.choices = _targets(found)
    if not form.validate_on_submit():
        return _render(found, 422, merge_form=form)
    into = _theme_or_404(int(form.into_theme.data))
    try:
        services.merge(db.session, found, into, current_user)
    except services.Refused as exc:
        return _refused(found, form, "merge_form", exc)
    return _done(into.id, _("The two themes were merged; a rebuild keeps them together."))


@bp.post("/<int:theme_id>/split")
@roles_required(Role.SECRETARIAT)
def split(theme_id: int) -> Response | tuple[str, int]:
    """Move the ticked comments to a new theme with the labels given (boxes in the comment
    list, tied to this form by their `form` attribute: no JavaScript needed)."""
    found = _theme_or_404(theme_id)
    form = SplitForm(prefix=SPLIT)
    form.comments.choices = [str(sid) for sid in queries.member_ids(db.session, found.id)]
    if not form.validate_on_submit():
        return _render(found, 422, split_form=form)
    try:
        made = services.split(
            db.session,
            found,
            [int(sid) for sid in form.comments.data],
            current_user,
            form.label_en.data,
            form.label_es.data,
        )
    except services.Refused as exc:
        return _refused(found, form, "split_form", exc)
    count = len(form.comments.data)
    return _done(
        made.id,
        ngettext(
            "%(num)s comment was moved to the new theme; a rebuild keeps it there.",
            "%(num)s comments were moved to the new theme; a rebuild keeps them there.",
            count,
        ),
    )


@bp.post("/<int:theme_id>/outcome")
@roles_required(Role.SECRETARIAT)
def outcome(theme_id: int) -> Response | tuple[str, int]:
    """Record what the dialogue did with the theme (app.outcomes); the earlier ones stay."""
    found = _theme_or_404(theme_id)
    form = OutcomeForm(prefix=OUTCOME)
    if not form.validate_on_submit():
        return _render(found, 422, outcome_form=form)
    try:
        services.record_outcome(db.session, found, current_user, **form.chosen)
    except services.Refused as exc:
        return _refused(found, form, "outcome_form", exc)
    return _done(theme_id, _("The outcome was recorded."))
