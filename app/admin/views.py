"""Administration pages: staff accounts, consultations, the taxonomy and the admin trail."""

from __future__ import annotations

import json
from typing import Any

from babel.dates import get_timezone_location
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.admin import audit, queries, services
from app.admin.forms import (
    TIMEZONES,
    ConsultationForm,
    InviteForm,
    NamesForm,
    PillarForm,
    RoleForm,
    TopicForm,
    add_sector_intros,
    utc_to_local_text,
)
from app.admin.models import Invitation
from app.admin.services import ConsultationData, Refused
from app.db import db
from app.enums import Language, Role
from app.i18n import localized, named_choices
from app.mail import build_message, send_after_commit
from app.staff.auth import roles_required
from app.staff.models import User
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation, Pillar

bp = Blueprint("admin", __name__, url_prefix="/<lang:lang>/staff/admin")

ACTION_LABELS = {
    "user.invited": _l("Invited a staff member"),
    "invitation.accepted": _l("Accepted an invitation"),
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


def _actor() -> User:
    return current_user._get_current_object()


def _get_or_404(model: type, identifier: int) -> Any:
    found = db.session.get(model, identifier)
    if found is None:
        abort(404)
    return found


def _refused(exc: Refused) -> Response:
    db.session.rollback()
    flash(str(exc.message), "error")
    return redirect(request.referrer if _same_site(request.referrer) else url_for(".user_list"))


def _same_site(target: str | None) -> bool:
    return bool(target) and target.startswith(request.host_url)  # type: ignore[union-attr]


@bp.get("/")
@roles_required(Role.ADMIN)
def index() -> Response:
    return redirect(url_for(".user_list"))


# --- staff accounts -------------------------------------------------------------------------


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
    with force_locale(lang):
        link = url_for("invitations.accept", lang=lang, token=token, _external=True)
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
            db.session, _actor(), form.email.data, Role(form.role.data),
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


@bp.post("/users/<int:user_id>/role")
@roles_required(Role.ADMIN)
def change_role(user_id: int) -> Response:
    user = _get_or_404(User, user_id)
    form = RoleForm(prefix=f"u{user.id}")
    form.role.choices = _role_choices()
    if not form.validate_on_submit():
        flash(_("Choose one of the roles offered."), "error")
        return redirect(url_for(".user_list"), code=303)
    try:
        services.change_role(db.session, _actor(), user, Role(form.role.data))
    except Refused as exc:
        return _refused(exc)
    db.session.commit()
    flash(_("%(email)s is now: %(role)s.", email=user.email, role=user.role.label), "success")
    return redirect(url_for(".user_list"), code=303)


def _account_action(user_id: int, change: Any, message: Any) -> Response:
    user = _get_or_404(User, user_id)
    try:
        change(db.session, _actor(), user)
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


# --- consultations --------------------------------------------------------------------------


@bp.get("/consultations")
@roles_required(Role.ADMIN)
def consultations() -> str:
    rows = taxonomy_queries.all_consultations(db.session)
    counts = {c.id: services.submission_count(db.session, c) for c in rows}
    return render_template("admin/consultations.html", consultations=rows, counts=counts)


def _consultation_form(consultation: Consultation | None) -> tuple[ConsultationForm, dict]:
    pillars = taxonomy_queries.active_pillars(db.session)
    sectors = taxonomy_queries.active_sectors(db.session)
    form_class = add_sector_intros(ConsultationForm, sectors)
    form = form_class()
    form.timezone.choices = [
        SelectChoice(
            zone,
            _("Coordinated Universal Time (UTC)")
            if zone == "UTC"
            else f"{get_timezone_location(zone, locale=get_locale())} ({zone})",
        )
        for zone in TIMEZONES
    ]
    form.pillars.choices = named_choices(pillars)
    form.topics.choices = named_choices(t for p in pillars for t in p.topics if not t.retired_at)
    if request.method == "GET":
        if consultation is not None:
            for name in ("slug", "title_en", "title_es", "description_en", "description_es"):
                form[name].data = getattr(consultation, name)
            form.timezone.data = consultation.timezone
            form.opens_at.data = utc_to_local_text(consultation.opens_at, consultation.timezone)
            form.closes_at.data = utc_to_local_text(consultation.closes_at, consultation.timezone)
            form.pillars.data = [p.code for p in consultation.pillars]
            form.topics.data = [t.code for t in consultation.topics]
            for intro in consultation.sector_intros:
                if f"intro_{intro.sector_id}_en" in form:
                    form[f"intro_{intro.sector_id}_en"].data = intro.intro_en
                    form[f"intro_{intro.sector_id}_es"].data = intro.intro_es
        else:
            form.timezone.data = TIMEZONES[0]
            form.pillars.data = [p.code for p in pillars]
    return form, {"pillars": pillars, "sectors": sectors}


def _consultation_data(form: Any, context: dict) -> ConsultationData:
    pillar_ids = {p.code: p.id for p in context["pillars"]}
    topic_ids = {t.code: t.id for p in context["pillars"] for t in p.topics}
    return ConsultationData(
        slug=form.slug.data,
        title_en=form.title_en.data,
        title_es=form.title_es.data,
        description_en=form.description_en.data,
        description_es=form.description_es.data,
        opens_at=form.opens_utc,
        closes_at=form.closes_utc,
        timezone=form.timezone.data,
        pillar_ids=[pillar_ids[code] for code in form.pillars.data or []],
        topic_ids=[topic_ids[code] for code in form.topics.data or []],
        intros={
            s.id: (form[f"intro_{s.id}_en"].data or "", form[f"intro_{s.id}_es"].data or "")
            for s in context["sectors"]
        },
    )


def _edit_consultation(consultation: Consultation | None) -> Response | tuple[str, int]:
    form, context = _consultation_form(consultation)
    page = {"form": form, "consultation": consultation, **context}
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("admin/consultation_form.html", **page), status
    try:
        saved = services.save_consultation(
            db.session, _actor(), consultation, _consultation_data(form, context)
        )
    except Refused as exc:
        db.session.rollback()
        form[exc.field or "slug"].errors = [str(exc.message)]
        return render_template("admin/consultation_form.html", **page), 422
    db.session.commit()
    flash(_("The consultation %(slug)s was saved.", slug=saved.slug), "success")
    return redirect(url_for(".consultations"), code=303)


@bp.route("/consultations/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_consultation() -> Response | tuple[str, int]:
    return _edit_consultation(None)


@bp.route("/consultations/<int:consultation_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_consultation(consultation_id: int) -> Response | tuple[str, int]:
    return _edit_consultation(_get_or_404(Consultation, consultation_id))


@bp.get("/consultations/<int:consultation_id>/preview/<preview_lang>")
@roles_required(Role.ADMIN)
def preview_consultation(consultation_id: int, preview_lang: str) -> str:
    """The public page exactly as visitors will see it, in either language, before opening."""
    consultation = _get_or_404(Consultation, consultation_id)
    if preview_lang not in {lang.value for lang in Language}:
        abort(404)
    with force_locale(preview_lang):
        return render_template(
            "intake/consultation.html",
            consultation=consultation,
            pillars=taxonomy_queries.offered_pillars(db.session, consultation),
            preview=True,
            lang=preview_lang,
        )


def _consultation_action(consultation_id: int, change: Any, message: Any) -> Response:
    consultation = _get_or_404(Consultation, consultation_id)
    slug = consultation.slug
    try:
        change(db.session, _actor(), consultation)
    except Refused as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for(".consultations"), code=303)
    db.session.commit()
    flash(message(slug), "success")
    return redirect(url_for(".consultations"), code=303)


@bp.post("/consultations/<int:consultation_id>/close")
@roles_required(Role.ADMIN)
def close_consultation(consultation_id: int) -> Response:
    return _consultation_action(
        consultation_id,
        services.close_consultation,
        lambda slug: _("%(slug)s is closed: it no longer accepts comments.", slug=slug),
    )


@bp.post("/consultations/<int:consultation_id>/archive")
@roles_required(Role.ADMIN)
def archive_consultation(consultation_id: int) -> Response:
    return _consultation_action(
        consultation_id,
        lambda session, actor, c: services.set_archived(session, actor, c, archived=True),
        lambda slug: _("%(slug)s is archived.", slug=slug),
    )


@bp.post("/consultations/<int:consultation_id>/unarchive")
@roles_required(Role.ADMIN)
def unarchive_consultation(consultation_id: int) -> Response:
    return _consultation_action(
        consultation_id,
        lambda session, actor, c: services.set_archived(session, actor, c, archived=False),
        lambda slug: _("%(slug)s is out of the archive.", slug=slug),
    )


@bp.post("/consultations/<int:consultation_id>/delete")
@roles_required(Role.ADMIN)
def delete_consultation(consultation_id: int) -> Response:
    return _consultation_action(
        consultation_id,
        services.delete_consultation,
        lambda slug: _("%(slug)s was deleted.", slug=slug),
    )


# --- the taxonomy ---------------------------------------------------------------------------

KIND_FORMS = {"pillars": PillarForm, "topics": TopicForm, "sectors": NamesForm}


def _kind_or_404(kind: str) -> str:
    if kind not in services.KINDS:
        abort(404)
    return kind


def _item_or_404(kind: str, item_id: int) -> Any:
    return _get_or_404(services.KINDS[_kind_or_404(kind)], item_id)


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
    item = services.add_item(db.session, _actor(), kind, form.names(), pillar)
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
    services.rename_item(db.session, _actor(), item, form.names())
    db.session.commit()
    flash(_("%(name)s was saved.", name=localized(item, "name")), "success")
    return redirect(url_for(".taxonomy", _anchor=kind), code=303)


@bp.post("/taxonomy/<kind>/<int:item_id>/move")
@roles_required(Role.ADMIN)
def move_taxonomy_item(kind: str, item_id: int) -> Response:
    item = _item_or_404(kind, item_id)
    services.move_item(db.session, _actor(), item, request.form.get("direction", ""))
    db.session.commit()
    return redirect(url_for(".taxonomy", _anchor=f"{kind}-{item.id}"), code=303)


@bp.post("/taxonomy/<kind>/<int:item_id>/retire")
@roles_required(Role.ADMIN)
def retire_taxonomy_item(kind: str, item_id: int) -> Response:
    item = _item_or_404(kind, item_id)
    retire = request.form.get("retired", "1") == "1"
    services.set_retired(db.session, _actor(), item, retire)
    db.session.commit()
    name = localized(item, "name")
    flash(
        _("%(name)s is retired: the form no longer offers it; earlier comments keep it.",
          name=name) if retire else _("%(name)s is offered again.", name=name),
        "success",
    )  # fmt: skip
    return redirect(url_for(".taxonomy", _anchor=f"{kind}-{item.id}"), code=303)


# --- the trail ------------------------------------------------------------------------------


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


@bp.get("/events")
@roles_required(Role.ADMIN)
def events() -> str:
    before = request.args.get("before", type=int)
    rows = queries.events_page(db.session, before)
    report = audit.verify_chain(db.session)
    older = rows[-1].id if len(rows) == queries.EVENTS_PER_PAGE else None
    return render_template(
        "admin/events.html",
        events=rows,
        report=report,
        older=older,
        labels=ACTION_LABELS,
        changes=_changes,
    )
