"""Consultations: the list, the form to create or edit one, its preview, closing,
archiving and deleting."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.admin import services
from app.admin.forms import TIMEZONES, ConsultationForm, add_sector_intros, utc_to_local_text
from app.admin.services import ConsultationData, Refused
from app.admin.views.base import actor, bp, get_or_404
from app.db import db
from app.enums import Language, Role
from app.i18n import force_language, named_choices, timezone_name
from app.staff.auth import roles_required
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation


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
            else f"{timezone_name(zone)} ({zone})",
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
            # What the form offers, also when it names none (every active pillar and topic).
            offered = taxonomy_queries.offered_pillars(db.session, consultation)
            form.pillars.data = [p.code for p in offered]
            form.topics.data = [t.code for p in offered for t in p.topics]
            for intro in consultation.sector_intros:
                if f"intro_{intro.sector_id}_en" in form:
                    form[f"intro_{intro.sector_id}_en"].data = intro.intro_en
                    form[f"intro_{intro.sector_id}_es"].data = intro.intro_es
        else:
            form.timezone.data = TIMEZONES[0]
            # Every pillar with every topic, as the seeded consultation offers: pillars
            # ticked without their topics would offer a form with no topic to choose.
            form.pillars.data = [p.code for p in pillars]
            form.topics.data = [t.code for p in pillars for t in p.topics if not t.retired_at]
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
            db.session, actor(), consultation, _consultation_data(form, context)
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
    return _edit_consultation(get_or_404(Consultation, consultation_id))


@bp.get("/consultations/<int:consultation_id>/preview/<preview_lang>")
@roles_required(Role.ADMIN)
def preview_consultation(consultation_id: int, preview_lang: str) -> str:
    """The public page exactly as visitors will see it, in either language, before opening."""
    consultation = get_or_404(Consultation, consultation_id)
    if preview_lang not in {lang.value for lang in Language}:
        abort(404)
    with force_language(preview_lang):
        return render_template(
            "intake/consultation.html",
            consultation=consultation,
            pillars=taxonomy_queries.offered_pillars(db.session, consultation),
            preview=True,
            lang=preview_lang,
        )


def _consultation_action(consultation_id: int, change: Any, message: Any) -> Response:
    consultation = get_or_404(Consultation, consultation_id)
    slug = consultation.slug
    try:
        change(db.session, actor(), consultation)
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
