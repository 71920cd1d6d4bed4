"""The public page an invitation links to: the invitee sets their own password and the
account exists from then on. Public (no account yet), so not a staff blueprint."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.admin import services
from app.admin.forms import AcceptInvitationForm
from app.admin.services import Refused
from app.db import db
from app.security import limiter
from app.staff.passwords import password_problem

bp = Blueprint("invitations", __name__, url_prefix="/<lang:lang>/invitation")


def _unusable() -> tuple[str, int]:
    return render_template("admin/invitation_invalid.html"), 410


@bp.route("/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_INVITATION"], methods=["POST"])
def accept(token: str) -> Response | tuple[str, int]:
    invitation = services.invitation_by_token(db.session, token)
    if invitation is None or not services.invitation_usable(invitation):
        return _unusable()
    form = AcceptInvitationForm()
    page = {"form": form, "invitation": invitation, "token": token}
    if not form.validate_on_submit():
        status = 422 if form.errors else 200
        return render_template("admin/invitation_accept.html", **page), status
    problem = password_problem(form.password.data, invitation.email)
    if problem:
        form.password.errors = [problem.message]
        return render_template("admin/invitation_accept.html", **page), 422
    try:
        user = services.accept_invitation(db.session, invitation, form.password.data)
    except Refused:
        db.session.rollback()
        return _unusable()
    db.session.commit()
    flash(_("Your account is ready. Please sign in with your e-mail address and new password."),
          "success")  # fmt: skip
    return redirect(url_for("staff.sign_in", lang=user.preferred_language.value), code=303)
