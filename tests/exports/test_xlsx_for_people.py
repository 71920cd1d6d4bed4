"""The XLSX is written for people (names, dates, a frozen and filtered header); the CSV stays
the machine format, with codes and UTC timestamps."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.enums import Audience, Language, Role
from app.exports.schema import column_names
from tests.exports.helpers import Corpus, build_corpus
from tests.exports.test_exports import URL, by_code, csv_rows
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")
MEXICO_CITY = ZoneInfo("America/Mexico_City")


@pytest.fixture
def corpus(app: Flask) -> Corpus:
    return build_corpus(app)


def _sheet(data: bytes) -> tuple[list[str], dict[str, dict[str, object]], object]:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    rows = list(sheet.iter_rows())
    headers = [str(cell.value) for cell in rows[0]]
    records = {str(row[0].value): dict(zip(headers, row, strict=True)) for row in rows[1:]}
    return headers, records, sheet


def test_spanish_xlsx_names_codes_and_dates_for_people(app: Flask, corpus: Corpus) -> None:
    client = signed_in(app, Role.SECRETARIAT, Language.ES)
    response = client.get("/es/staff/exports/submissions.xlsx?audience=internal")
    assert response.status_code == 200
    headers, records, sheet = _sheet(response.get_data())

    assert headers[:4] == ["Folio", headers[1], "Consulta", headers[3]]
    assert "Ciudad de México" in headers[3]  # the time zone the dates are in
    row = {h: cell.value for h, cell in records[corpus.named].items()}
    assert row["Sector"] != "private_sector"
    assert row["Sector"] in ("Sector privado", "Academia", "Sociedad civil",
                             "Representante de gobierno estatal")  # fmt: skip
    assert row["Ubicación"] == "Nuevo León"
    assert row["Pilar"] == "Reconstruir juntos"
    assert row["Temas"]
    assert "semiconductors" not in str(row["Temas"])
    assert "supply_chain" not in str(row["Temas"])
    assert row["Escrito en"] == "Español"
    assert "_" not in str(row[headers[1]])  # the status by its name, not its code

    # A real date cell, in Mexico City's time, matching the CSV's UTC instant.
    received = records[corpus.named][headers[3]]
    assert isinstance(received.value, datetime)
    assert received.is_date
    assert "yyyy" in received.number_format
    machine = by_code(csv_rows(signed_in(app, Role.ADMIN), "?audience=internal"))
    utc = datetime.strptime(machine[corpus.named]["submitted_at"], "%Y-%m-%dT%H:%M:%SZ")
    local = utc.replace(tzinfo=UTC).astimezone(MEXICO_CITY).replace(tzinfo=None)
    assert received.value == local

    # Frozen header, a filter over every row, columns wide enough to read.
    assert sheet.freeze_panes == "A2"
    last = sheet.cell(1, len(headers)).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}{len(records) + 1}"
    body = get_column_letter(column_names(Audience.INTERNAL).index("body") + 1)
    assert sheet.column_dimensions[body].width >= 60  # the comment itself
    assert all(cell.font.b for cell in next(sheet.iter_rows(max_row=1)))


def test_csv_keeps_codes_and_utc_while_the_xlsx_names_them(app: Flask, corpus: Corpus) -> None:
    client = signed_in(app, Role.SECRETARIAT)
    rows = by_code(csv_rows(client))
    assert rows[corpus.named]["sector"] in ("private_sector", "academia", "civil_society",
                                            "state_government")  # fmt: skip
    assert rows[corpus.named]["submitted_at"].endswith("Z")
    _headers, records, _sheet_ = _sheet(client.get(f"{URL}.xlsx").get_data())
    english = {h: cell.value for h, cell in records[corpus.named].items()}
    assert english["Pillar"] == "Building Back Together"
    assert english["Written in"] == "Spanish"
    assert english["Consent to publish"] == "With name"


def test_export_file_names_use_the_local_date(
    app: Flask, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 22:12 on 6 December in Mexico City is 04:12 on 7 December in UTC.
    monkeypatch.setattr(
        "app.exports.views.utcnow", lambda: datetime(2026, 12, 7, 4, 12, tzinfo=UTC)
    )
    client = signed_in(app, Role.SECRETARIAT)
    disposition = client.get(f"{URL}.csv").headers["Content-Disposition"]
    assert "-20261206-2212.csv" in disposition


def test_cli_writes_the_xlsx_in_the_language_asked(
    runner: FlaskCliRunner, corpus: Corpus, tmp_path: Path
) -> None:
    target = tmp_path / "es.xlsx"
    result = runner.invoke(args=["export", "xlsx", "-o", str(target), "--lang", "es"])
    assert result.exit_code == 0, result.output
    headers, records, _sheet_ = _sheet(target.read_bytes())
    assert "Pilar" in headers
    assert records[corpus.named][headers[headers.index("Pilar")]].value == "Reconstruir juntos"


def test_an_empty_xlsx_still_has_its_header_and_filter(app: Flask) -> None:
    client = signed_in(app, Role.SECRETARIAT)
    headers, records, sheet = _sheet(client.get(f"{URL}.xlsx").get_data())
    assert headers[0] == "Tracking code"
    assert records == {}
    assert sheet.freeze_panes == "A2"
