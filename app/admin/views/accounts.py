"""Staff accounts: the list, invitations, roles, deactivation and second factors."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.admin import queries, services
from app.admin.forms import InviteForm, RoleForm
from app.admin.models import Invitation
from app.admin.services import Refused
from app.admin.views.base import actor, bp, get_or_404
from app.db import db
from app.enums import Language, Role
from app.hosts import external_url
from app.i18n import force_language
from app.mail import build_message, send_after_commit
from app.staff.auth import roles_required
from app.staff.models import User


def _refused(exc: Refused) -> Response:
    db.session.rollback()
    flash(str(exc.message), "error")
    return redirect(request.referrer if _same_site(request.referrer) else url_for(".user_list"))


def _same_site(target: str | None) -> bool:
    return bool(target) and target.startswith(request.host_url)  # type: ignore[union-attr]


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(r.value, r.label) for r in Role]


def _invite_form() -> InviteForm:
    form = InviteForm()
    form.role.choices = [SelectChoice("", _("Choose…")), *_role_choices()]
    form.language.choices = [SelectChoice(lang.value, lang.label) for lang in Language]
    return form


@bp.get("/users")
@roles_required(Role.ADMIN)
def user_list() -> str:
    accounts = queries.staff_accounts(db.session)
    role_forms = {}
    for account in accounts:
        form = RoleForm(formdata=None, prefix=f"u{account.id}")
        form.role.choices = _role_choices()
        form.role.data = account.role.value
        role_forms[account.id] = form
    return render_template(
        "admin/users.html",
        accounts=accounts,
        role_forms=role_forms,
        invitations=queries.pending_invitations(db.session),
    )


def _send_invitation(invitation: Invitation, token: str) -> None:
    lang = invitation.language.value
    with force_language(lang):
        link = external_url("invitations.accept", lang=lang, token=token)
        subject = _("You are invited to Consulta's back office")
        body = render_template(
            "admin/invitation_email.txt",
            invitation=invitation,
            link=link,
            hours=current_app.config["INVITATION_HOURS"],
            role_label=invitation.role.label,
        )
    send_after_commit(build_message(current_app, invitation.email, subject, body))


@bp.route("/users/invite", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def invite_user() -> Response | tuple[str, int] | str:
    form = _invite_form()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("admin/invite.html", form=form), status
    try:
        invitation, token = services.invite(
            db.session, actor(), form.email.data, Role(form.role.data),
            Language(form.language.data),
        )  # fmt: skip
    except Refused as exc:
        db.session.rollback()
        form[exc.field or "email"].errors = [str(exc.message)]
        return render_template("admin/invite.html", form=form), 422
    db.session.commit()
    _send_invitation(invitation, token)
    hours = current_app.config["INVITATION_HOURS"]
    flash(ngettext("Invitation sent to %(email)s. It is valid for %(hours)s hour.",
                   "Invitation sent to %(email)s. It is valid for %(hours)s hours.",
                   hours, email=invitation.email, hours=format_decimal(hours)),
          "success")  # fmt: skip
    return redirect(url_for(".user_list"), code=303)


@bp.post("/users/invitations/<int:invitation_id>/revoke")
@roles_required(Role.ADMIN)
def revoke_invitation(invitation_id: int) -> Response:
    invitation = get_or_404(Invitation, invitation_id)
    try:
        services.revoke_invitation(db.session, actor(), invitation)
    except Refused as exc:
        return _refused(exc)
    db.session.commit()
    flash(_("The invitation to %(email)s is revoked; its link no longer works.",
            email=invitation.email), "success")  # fmt: skip
    return redirect(url_for(".user_list"), code=303)


@bp.post("/users/<int:user_id>/role")
@roles_required(Role.ADMIN)
def change_role(user_id: int) -> Response:
    user = get_or_404(User, user_id)
    form = RoleForm(prefix=f"u{user.id}")
    form.role.choices = _role_choices()
    if not form.validate_on_submit():
        flash(_("Choose one of the roles offered."), "error")
        return redirect(url_for(".user_list"), code=303)
    try:
        services.change_role(db.session, actor(), user, Role(form.role.data))
    except Refused as exc:
        return _refused(exc)
    db.session.commit()
    flash(_("%(email)s is now: %(role)s.", email=user.email, role=user.role.label), "success")
    return redirect(url_for(".user_list"), code=303)


def _account_action(user_id: int, change: Any, message: Any) -> Response:
    user = get_or_404(User, user_id)
    try:
        change(db.session, actor(), user)
    except Refused as exc:
        return _refused(exc)
    db.session.commit()
    flash(message(user.email), "success")
    return redirect(url_for(".user_list"), code=303)


@bp.post("/users/<int:user_id>/deactivate")
@roles_required(Role.ADMIN)
def deactivate_user(user_id: int) -> Response:
    return _account_action(
        user_id,
        services.deactivate,
        lambda email: _("%(email)s is deactivated; their sessions have ended.", email=email),
    )


@bp.post("/users/<int:user_id>/reactivate")
@roles_required(Role.ADMIN)
def reactivate_user(user_id: int) -> Response:
    return _account_action(
        user_id,
        services.reactivate,
        lambda email: _("%(email)s can sign in again.", email=email),
    )


@bp.post("/users/<int:user_id>/reset-second-factor")
@roles_required(Role.ADMIN)
def reset_second_factor(user_id: int) -> Response:
    return _account_action(
        user_id,
        services.reset_second_factor,
        lambda email: _(
            "The second factor of %(email)s was removed; they set up a new one at their next "
            "sign-in.",
            email=email,
        ),
    )
