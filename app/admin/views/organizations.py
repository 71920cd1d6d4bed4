"""Verified organisations: the list, and the form to add or change one with its domains."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.admin import services
from app.admin.forms import OrganizationForm
from app.admin.services import OrganizationData, Refused
from app.admin.views.base import actor, bp, get_or_404
from app.db import db
from app.enums import Role
from app.i18n import localized, named_choices
from app.staff.auth import roles_required
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Organization
from app.text import display_domain


@bp.get("/organizations")
@roles_required(Role.ADMIN)
def organizations() -> str:
    return render_template(
        "admin/organizations.html",
        organizations=taxonomy_queries.all_organizations(db.session),
        display_domain=display_domain,
    )


def _organization_form(organization: Organization | None) -> OrganizationForm:
    form = OrganizationForm()
    sectors = taxonomy_queries.active_sectors(db.session)
    if organization is not None and organization.sector not in sectors:
        sectors.append(organization.sector)  # a retired sector stays on the form it is on
    form.sector.choices = named_choices(sectors, _("Choose…"))
    form.country.choices = named_choices(
        taxonomy_queries.countries_with_regions(db.session), _("Choose…")
    )
    if request.method == "GET" and organization is not None:
        form.name_en.data = organization.name_en
        form.name_es.data = organization.name_es
        form.sector.data = organization.sector.code
        form.country.data = organization.country_code
        form.domains.data = "\n".join(display_domain(d.domain) for d in organization.domains)
    return form


def _edit_organization(organization: Organization | None) -> Response | tuple[str, int]:
    form = _organization_form(organization)
    page = {"form": form, "organization": organization}
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("admin/organization_form.html", **page), status
    sector = next(s for s in taxonomy_queries.all_sectors(db.session) if s.code == form.sector.data)
    data = OrganizationData(
        name_en=form.name_en.data,
        name_es=form.name_es.data,
        sector_id=sector.id,
        country_code=form.country.data,
        domains=form.domains.data.split("\n"),
    )
    try:
        saved = services.save_organization(db.session, actor(), organization, data)
    except Refused as exc:
        db.session.rollback()
        form[exc.field or "domains"].errors = [str(exc.message)]
        return render_template("admin/organization_form.html", **page), 422
    db.session.commit()
    flash(_("%(name)s was saved.", name=localized(saved, "name")), "success")
    return redirect(url_for(".organizations", _anchor=f"organization-{saved.id}"), code=303)


@bp.route("/organizations/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_organization() -> Response | tuple[str, int]:
    return _edit_organization(None)


@bp.route("/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_organization(organization_id: int) -> Response | tuple[str, int]:
    return _edit_organization(get_or_404(Organization, organization_id))
