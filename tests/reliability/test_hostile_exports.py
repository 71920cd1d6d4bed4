"""Exports stay valid files whatever text the public sent: generated Unicode (control
characters, formulas, markup, right-to-left marks, astral planes) in every free-text field of
an approved comment; every format parses, keeps the row, and no spreadsheet cell is a
formula. tests/exports/ checks the fixed cases; a new format is one line in FORMATS."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.db import db
from app.enums import Consent, Role, SubmissionStatus
from app.exports.formats import FORMULA_TRIGGERS
from app.models import Submission
from tests import factories
from tests.reliability.figures import report
from tests.reliability.hostile import FIXED
from tests.staff.helpers import signed_in

URL = "/en/staff/exports/submissions"
TEXT_FIELDS = ("title", "body", "organization", "submitter_name")


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _xlsx(data: bytes) -> list[list[object]]:
    workbook = load_workbook(io.BytesIO(data))
    try:
        rows = list(workbook.active.iter_rows())
        assert all(cell.data_type != "f" for row in rows for cell in row)
        return [[cell.value for cell in row] for row in rows]
    finally:
        workbook.close()


def _json(data: bytes) -> list[dict]:
    return json.loads(data)


def _ndjson(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line]


# format -> (parse the file, rows other than a header)
FORMATS: dict[str, tuple[Callable[[bytes], list], int]] = {
    "csv": (_csv, 1),
    "xlsx": (_xlsx, 1),
    "json": (_json, 0),
    "ndjson": (_ndjson, 0),
}

# What the public form lets through (NUL and unreadable bytes are refused there).
stored_text = st.one_of(
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00\ufffd"),
        min_size=1,
        max_size=200,
    ),
    st.sampled_from(
        sorted(
            v.decode("utf-8")[:200]
            for v in FIXED.values()
            if b"\x00" not in v and v.decode("utf-8", "replace").find("\ufffd") < 0
        )
    ),
).filter(lambda text: text.strip())

TRIED = {"exports": 0}


@pytest.fixture
def secretariat_client(seeded: Flask) -> FlaskClient:
    return signed_in(seeded, Role.SECRETARIAT)


@given(texts=st.fixed_dictionaries({field: stored_text for field in TEXT_FIELDS}))
@settings(settings.get_profile("reliability"), max_examples=15)
def test_every_export_format_stays_valid_with_generated_text(
    seeded: Flask, secretariat_client: FlaskClient, texts: dict[str, str]
) -> None:
    with seeded.app_context():
        factories.submission(
            db.session, status=SubmissionStatus.APPROVED, consent=Consent.NAMED, **texts
        )
        db.session.commit()
        expected_rows = db.session.scalar(select(func.count()).select_from(Submission))
    for fmt, (parse, header_rows) in FORMATS.items():
        for audience in ("public", "internal"):
            response = secretariat_client.get(f"{URL}.{fmt}?audience={audience}")
            TRIED["exports"] += 1
            assert response.status_code == 200, (fmt, audience)
            rows = parse(response.get_data())
            assert len(rows) - header_rows == expected_rows, (fmt, audience)
            if fmt in ("csv", "xlsx"):
                for row in rows[header_rows:]:
                    for cell in row:
                        if isinstance(cell, str) and cell:
                            assert cell[0] not in FORMULA_TRIGGERS, (fmt, cell[:40])
            else:
                titles = {row.get("title") for row in rows}
                assert texts["title"] in titles, fmt
    report("hostile exports", f"{TRIED['exports']} export downloads of generated text, all valid")
