"""Invitations to named stakeholders (the secretariat's): the list and the form that sends
one. Staff accounts have invitations of their own (accounts.py)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.admin import queries, services
from app.admin.forms import StakeholderInvitationForm
from app.admin.services import Refused
from app.admin.views.base import actor, bp, get_or_404
from app.db import db
from app.enums import Language, Role
from app.forms import query_int
from app.i18n import localized, named_choices
from app.intake.invitations import invitation_usable
from app.intake.models import StakeholderInvitation
from app.intake.notifications import send_stakeholder_invitation
from app.staff.auth import roles_required
from app.taxonomy import queries as taxonomy_queries


@bp.get("/stakeholder-invitations")
@roles_required(Role.SECRETARIAT)
def stakeholder_invitations() -> str:
    page = query_int("page", 1, maximum=9_999) or 1
    invitations, more = queries.stakeholder_invitations(db.session, page)
    return render_template(
        "admin/stakeholder_invitations.html",
        invitations=invitations,
        page=page,
        more=more,
        usable=invitation_usable,
    )


@bp.post("/stakeholder-invitations/<int:invitation_id>/revoke")
@roles_required(Role.SECRETARIAT)
def stakeholder_invitation_revoke(invitation_id: int) -> Response:
    """Take the link back (CSRF is checked for every POST, app.security)."""
    invitation = get_or_404(StakeholderInvitation, invitation_id)
    try:
        services.revoke_stakeholder_invitation(db.session, actor(), invitation)
    except Refused as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for(".stakeholder_invitations"), code=303)
    db.session.commit()
    flash(
        _("The invitation to %(organization)s is revoked; its link no longer works.",
          organization=invitation.organization),
        "success",
    )  # fmt: skip
    return redirect(url_for(".stakeholder_invitations"), code=303)


def _form() -> StakeholderInvitationForm:
    form = StakeholderInvitationForm()
    consultations = [
        c for c in taxonomy_queries.all_consultations(db.session) if c.archived_at is None
    ]
    form.consultation.choices = [
        SelectChoice("", _("Choose…")),
        *(SelectChoice(c.slug, localized(c, "title")) for c in consultations),
    ]
    form.sector.choices = named_choices(taxonomy_queries.active_sectors(db.session), _("Choose…"))
    form.language.choices = [SelectChoice(lang.value, lang.label) for lang in Language]
    return form


@bp.route("/stakeholder-invitations/new", methods=["GET", "POST"])
@roles_required(Role.SECRETARIAT)
def stakeholder_invitation_new() -> Response | tuple[str, int]:
    form = _form()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("admin/stakeholder_invite.html", form=form), status
    consultation = taxonomy_queries.consultation_by_slug(db.session, form.consultation.data)
    sector = next(
        s for s in taxonomy_queries.active_sectors(db.session) if s.code == form.sector.data
    )
    if consultation is None:  # offered a moment ago, deleted since
        form.consultation.errors = [_("Choose a consultation.")]
        return render_template("admin/stakeholder_invite.html", form=form), 422
    try:
        invitation, secret = services.invite_stakeholder(
            db.session, actor(), consultation, form.organization.data, sector,
            form.email.data, Language(form.language.data),
        )  # fmt: skip
    except Refused as exc:
        db.session.rollback()
        form[exc.field or "email"].errors = [str(exc.message)]
        return render_template("admin/stakeholder_invite.html", form=form), 422
    db.session.commit()
    send_stakeholder_invitation(invitation, secret)
    flash(
        _("Invitation sent to %(organization)s (%(email)s).",
          organization=invitation.organization, email=invitation.email),
        "success",
    )  # fmt: skip
    return redirect(url_for(".stakeholder_invitations"), code=303)
