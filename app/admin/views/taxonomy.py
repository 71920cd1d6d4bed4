"""The taxonomy: pillars, topics and sectors added, renamed, moved, retired and restored."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.admin import services
from app.admin.forms import NamesForm, PillarForm, TopicForm
from app.admin.views.base import actor, bp, get_or_404
from app.db import db
from app.enums import Role
from app.i18n import localized, named_choices
from app.staff.auth import roles_required
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Pillar

KIND_FORMS = {"pillars": PillarForm, "topics": TopicForm, "sectors": NamesForm}


def _kind_or_404(kind: str) -> str:
    if kind not in services.KINDS:
        abort(404)
    return kind


def _item_or_404(kind: str, item_id: int) -> Any:
    return get_or_404(services.KINDS[_kind_or_404(kind)], item_id)


@bp.get("/taxonomy")
@roles_required(Role.ADMIN)
def taxonomy() -> str:
    return render_template(
        "admin/taxonomy.html",
        pillars=taxonomy_queries.all_pillars(db.session),
        sectors=taxonomy_queries.all_sectors(db.session),
    )


def _taxonomy_form(kind: str, item: Any = None) -> Any:
    form = KIND_FORMS[kind](obj=item if request.method == "GET" else None)
    if kind == "topics":
        pillars = [p for p in taxonomy_queries.all_pillars(db.session) if not p.retired_at]
        form.pillar.choices = named_choices(pillars, _("Choose…"))
    return form


def _pillar_by_code(code: str) -> Pillar:
    return next(p for p in taxonomy_queries.all_pillars(db.session) if p.code == code)


@bp.route("/taxonomy/<kind>/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def add_taxonomy_item(kind: str) -> Response | tuple[str, int]:
    kind = _kind_or_404(kind)
    form = _taxonomy_form(kind)
    if kind == "topics":
        # Not for an edit: a topic keeps its pillar (old submissions are tagged with both).
        form.pillar.flags.required = True
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("admin/taxonomy_form.html", form=form, kind=kind, item=None), status
    pillar = _pillar_by_code(form.pillar.data) if kind == "topics" else None
    item = services.add_item(db.session, actor(), kind, form.names(), pillar)
    db.session.commit()
    flash(_("%(name)s was added.", name=localized(item, "name")), "success")
    return redirect(url_for(".taxonomy", _anchor=kind), code=303)


@bp.route("/taxonomy/<kind>/<int:item_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def rename_taxonomy_item(kind: str, item_id: int) -> Response | tuple[str, int]:
    item = _item_or_404(kind, item_id)
    form_class = PillarForm if kind == "pillars" else NamesForm
    form = form_class(obj=item if request.method == "GET" else None)
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("admin/taxonomy_form.html", form=form, kind=kind, item=item), status
    services.rename_item(db.session, actor(), item, form.names())
    db.session.commit()
    flash(_("%(name)s was saved.", name=localized(item, "name")), "success")
    return redirect(url_for(".taxonomy", _anchor=kind), code=303)


@bp.post("/taxonomy/<kind>/<int:item_id>/move")
@roles_required(Role.ADMIN)
def move_taxonomy_item(kind: str, item_id: int) -> Response:
    item = _item_or_404(kind, item_id)
    services.move_item(db.session, actor(), item, request.form.get("direction", ""))
    db.session.commit()
    return redirect(url_for(".taxonomy", _anchor=f"{kind}-{item.id}"), code=303)


@bp.post("/taxonomy/<kind>/<int:item_id>/retire")
@roles_required(Role.ADMIN)
def retire_taxonomy_item(kind: str, item_id: int) -> Response:
    item = _item_or_404(kind, item_id)
    retire = request.form.get("retired", "1") == "1"
    services.set_retired(db.session, actor(), item, retire)
    db.session.commit()
    name = localized(item, "name")
    flash(
        _("%(name)s is retired: the form no longer offers it; earlier comments keep it.",
          name=name) if retire else _("%(name)s is offered again.", name=name),
        "success",
    )  # fmt: skip
    return redirect(url_for(".taxonomy", _anchor=f"{kind}-{item.id}"), code=303)
