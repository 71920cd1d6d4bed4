"""A confirmed address at a listed organization's domain verifies the comment; an address
that is only typed (never confirmed) verifies nothing."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db
from app.models import Submission
from app.taxonomy.models import Organization, OrganizationDomain, Sector
from tests.intake.helpers import hidden_fields, submit
from tests.intake.test_submitter_trail import _confirm_link

pytestmark = pytest.mark.usefixtures("seeded")


def _list_example_org(app: Flask, domain: str = "example.org", other_sector: bool = False) -> int:
    with app.app_context():
        sectors = list(db.session.scalars(select(Sector).order_by(Sector.position)))
        submitted = db.session.scalar(select(Submission.sector_id))
        sector = next(s for s in sectors if (s.id != submitted) == other_sector)
        org = Organization(name_en="Example", name_es="Ejemplo", sector=sector, country_code="MX")
        org.domains = [OrganizationDomain(domain=domain)]
        db.session.add(org)
        db.session.commit()
        return org.id


def _confirm(app: Flask) -> None:
    link = _confirm_link(app)
    browser = app.test_client()
    token = hidden_fields(browser.get(link).get_data(as_text=True))["csrf_token"]
    assert browser.post(link, data={"csrf_token": token}).status_code == 200


@pytest.mark.parametrize("lang", ["en", "es"])
def test_confirmed_address_at_a_listed_domain_verifies(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    submit(client, lang)
    org_id = _list_example_org(app)
    with app.app_context():
        assert db.session.scalar(select(Submission.verified_organization_id)) is None
    _confirm(app)
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert row.verified_organization_id == org_id
        assert not row.sector_differs_from_organization


def test_sector_that_differs_from_the_organization_is_flagged(
    app: Flask, client: FlaskClient
) -> None:
    submit(client, "en")
    _list_example_org(app, other_sector=True)
    _confirm(app)
    with app.app_context():
        assert db.session.scalar(select(Submission)).sector_differs_from_organization


def test_address_at_an_unlisted_domain_is_not_verified(app: Flask, client: FlaskClient) -> None:
    submit(client, "en")
    _list_example_org(app, domain="sub.example.org")  # a subdomain does not cover its parent
    _confirm(app)
    with app.app_context():
        assert db.session.scalar(select(Submission.verified_organization_id)) is None
