"""The administration blueprint and what its pages share."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from app.db import db
from app.enums import Role
from app.staff.auth import roles_required
from app.staff.models import User

bp = Blueprint("admin", __name__, url_prefix="/<lang:lang>/staff/admin")


def actor() -> User:
    user: User = current_user._get_current_object()
    return user


def get_or_404(model: type, identifier: int) -> Any:
    found = db.session.get(model, identifier)
    if found is None:
        abort(404)
    return found


@bp.get("/")
@roles_required(Role.ADMIN)
def index() -> Response:
    return redirect(url_for(".user_list"))
