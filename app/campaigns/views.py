"""Campaign pages for moderators: the list largest first, one campaign with its members'
differences from the representative text, one decision for all, taking a member out."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.campaigns import queries
from app.campaigns.diff import member_diff
from app.campaigns.forms import CampaignDecisionForm, TakeOutForm
from app.campaigns.models import Campaign
from app.campaigns.services import decide_campaign, take_out
from app.db import db
from app.enums import Role, SubmissionStatus
from app.errors import InvalidTransition
from app.forms import query_int
from app.moderation.services import Conflict
from app.staff.auth import roles_required

bp = Blueprint("campaigns", __name__, url_prefix="/<lang:lang>/staff/campaigns")


def _page_number() -> int:
    return query_int("page", 1, maximum=9_999) or 1


@bp.get("")
@roles_required(Role.MODERATOR)
def index() -> str:
    page = _page_number()
    rows, more = queries.largest_first(db.session, page)
    return render_template("campaigns/index.html", rows=rows, page=page, more=more)


def _campaign_or_404(campaign_id: int) -> Campaign:
    found = queries.campaign(db.session, campaign_id)
    if found is None:
        abort(404)
    return found


def _decision_form() -> CampaignDecisionForm:
    form = CampaignDecisionForm()
    form.decision.choices = [
        SelectChoice(SubmissionStatus.APPROVED.value, _("Approve")),
        SelectChoice(SubmissionStatus.REJECTED.value, _("Reject")),
    ]
    return form


def _render(
    found: Campaign, form: CampaignDecisionForm | None = None, status: int = 200
) -> tuple[str, int]:
    members, next_after = queries.members(db.session, found.id, query_int("after", 0))
    representative = found.representative
    diffs = {
        m.id: member_diff(representative.body, m.body)
        for m in members
        if representative is not None and m.id != representative.id
    }
    pending = queries.pending_members(db.session, found.id)
    form = form or _decision_form()
    form.up_to.data = pending.up_to_id
    return render_template(
        "campaigns/campaign.html",
        campaign=found,
        representative=representative,
        members=members,
        diffs=diffs,
        added=queries.additions(db.session, found, [(m.id, m.body) for m in members]),
        next_after=next_after,
        backers=queries.backers(db.session, found.id),
        pending=pending,
        form=form,
        take_out_form=TakeOutForm(formdata=None),
    ), status


@bp.get("/<int:campaign_id>")
@roles_required(Role.MODERATOR)
def campaign(campaign_id: int) -> tuple[str, int]:
    return _render(_campaign_or_404(campaign_id))


@bp.post("/<int:campaign_id>/decide")
@roles_required(Role.MODERATOR)
def decide(campaign_id: int) -> Response | tuple[str, int]:
    found = _campaign_or_404(campaign_id)
    form = _decision_form()
    if not form.validate_on_submit():
        return _render(found, form, 422)
    to_status = SubmissionStatus(form.decision.data)
    try:
        count = decide_campaign(
            db.session, found, current_user, to_status, form.chosen_reason(), form.note.data,
            form.up_to.data,
        )  # fmt: skip
        db.session.commit()
    except (Conflict, StaleDataError):
        db.session.rollback()
        flash(
            _(
                "Nothing was changed: a comment of this campaign was decided by someone else "
                "meanwhile. Review the campaign again."
            ),
            "error",
        )
        return _render(_campaign_or_404(campaign_id), status=409)
    except InvalidTransition:
        db.session.rollback()
        flash(_("That decision does not apply to this campaign."), "error")
        return _render(_campaign_or_404(campaign_id), status=409)
    flash(
        ngettext("Status of %(count)s comment of the campaign changed to “%(status)s”.",
                 "Status of %(count)s comments of the campaign changed to “%(status)s”.", count,
                 count=format_decimal(count), status=to_status.label),
        "success",
    )  # fmt: skip
    return redirect(url_for(".campaign", campaign_id=campaign_id))


@bp.post("/<int:campaign_id>/members/<int:submission_id>/take-out")
@roles_required(Role.MODERATOR)
def take_out_member(campaign_id: int, submission_id: int) -> Response | tuple[str, int]:
    found = _campaign_or_404(campaign_id)
    member = queries.member(db.session, found.id, submission_id)
    if member is None:
        abort(404)
    form = TakeOutForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        remaining = take_out(db.session, member, current_user, form.version.data)
        db.session.commit()
    except (Conflict, StaleDataError):
        db.session.rollback()
        flash(
            _("Someone else changed this comment meanwhile: nothing was changed. Try again."),
            "error",
        )
        return redirect(url_for(".campaign", campaign_id=campaign_id))
    flash(
        _("%(code)s was taken out of the campaign; detection will not put it back.",
          code=member.tracking_code),
        "success",
    )  # fmt: skip
    if remaining is None:
        return redirect(url_for(".index"))
    return redirect(url_for(".campaign", campaign_id=campaign_id))
