"""The `verified_organization` column (issue 17, point 4): the listed organisation's English
name, empty when the comment is not verified, and in a public export only where the author may
be named; the XLSX header in the reader's language; the queue's `verified` filter."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select

from app.db import db
from app.enums import Consent, Language, Role, SubmissionStatus
from app.taxonomy.models import Organization, Sector
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")
APPROVED = SubmissionStatus.APPROVED


@pytest.fixture
def three(app: Flask, seeded: None) -> None:
    """Approved: verified and named, verified but anonymous, and self-declared."""
    with app.app_context():
        sector = db.session.scalars(select(Sector).order_by(Sector.position)).first()
        org = Organization(
            name_en="Government of Sonora", name_es="Gobierno de Sonora", sector=sector,
            country_code="MX",
        )  # fmt: skip
        factories.submission(
            db.session, title="Verified named", status=APPROVED, verified_organization=org
        )
        factories.submission(
            db.session, title="Verified anonymous", status=APPROVED, consent=Consent.ANONYMOUS,
            verified_organization=org,
        )  # fmt: skip
        factories.submission(db.session, title="Self-declared", status=APPROVED)
        db.session.commit()


def _csv(client: FlaskClient, query: str) -> dict[str, dict[str, str]]:
    raw = client.get(f"/en/staff/exports/submissions.csv{query}").get_data().decode("utf-8-sig")
    return {r["title"]: r for r in csv.DictReader(io.StringIO(raw, newline=""))}


@pytest.mark.usefixtures("three")
def test_internal_csv_names_the_organisation_in_english_and_leaves_the_rest_empty(
    app: Flask,
) -> None:
    rows = _csv(signed_in(app, Role.SECRETARIAT), "?audience=internal&status=approved")
    assert rows["Verified named"]["verified_organization"] == "Government of Sonora"
    assert rows["Verified anonymous"]["verified_organization"] == "Government of Sonora"
    assert rows["Self-declared"]["verified_organization"] == ""
    # Beside the organisation as typed.
    header = list(rows["Self-declared"])
    assert header.index("verified_organization") == header.index("organization") + 1


@pytest.mark.usefixtures("three")
def test_public_export_names_the_organisation_only_where_the_author_may_be_named(
    app: Flask,
) -> None:
    client = signed_in(app, Role.SECRETARIAT)
    rows = _csv(client, "")
    assert rows["Verified named"]["verified_organization"] == "Government of Sonora"
    assert rows["Verified anonymous"]["verified_organization"] == ""
    records = json.loads(client.get("/en/staff/exports/submissions.json").get_data())
    by_title = {r["title"]: r for r in records}
    assert by_title["Verified anonymous"]["verified_organization"] is None
    assert by_title["Self-declared"]["verified_organization"] is None


@pytest.mark.usefixtures("three")
def test_the_queue_filter_narrows_the_export(app: Flask) -> None:
    client = signed_in(app, Role.SECRETARIAT)
    query = "?audience=internal&status=approved&verified="
    assert set(_csv(client, query + "yes")) == {"Verified named", "Verified anonymous"}
    assert set(_csv(client, query + "no")) == {"Self-declared"}


@pytest.mark.usefixtures("three")
@pytest.mark.parametrize(
    ("lang", "header", "name"),
    [
        (Language.EN, "Verified organization", "Government of Sonora"),
        (Language.ES, "Organización verificada", "Gobierno de Sonora"),
    ],
)
def test_xlsx_header_and_name_are_in_the_readers_language(
    app: Flask, lang: Language, header: str, name: str
) -> None:
    client = signed_in(app, Role.SECRETARIAT, lang)
    data = client.get(f"/{lang.value}/staff/exports/submissions.xlsx?audience=internal").get_data()
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    headers = list(rows[0])
    assert header in headers
    column = headers.index(header)
    # The organisation in the reader's language too (the CSV and JSON keep the English name).
    assert {row[column] for row in rows[1:]} == {name, None}
