"""Exports: what each audience gets, in every format, and that spreadsheets never see a
formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from app.db import db
from app.enums import Audience, Role, SubmissionStatus
from app.exports import queries
from app.exports.formats import neutralise
from app.exports.schema import COLUMNS, column_names
from app.moderation.queries import QueueFilters
from tests.exports.helpers import Corpus, build_corpus
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")
URL = "/en/staff/exports/submissions"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus(app: Flask) -> Corpus:
    return build_corpus(app)


@pytest.fixture
def secretariat(app: Flask, corpus: Corpus) -> FlaskClient:
    return signed_in(app, Role.SECRETARIAT)


def csv_rows(client: FlaskClient, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"{URL}.csv{query}")
    assert response.status_code == 200
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def json_rows(client: FlaskClient, query: str = "") -> list[dict]:
    response = client.get(f"{URL}.json{query}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return json.loads(response.get_data(as_text=True))


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {row["tracking_code"]: row for row in rows}


def test_csv_has_bom_header_and_keeps_accents(secretariat: FlaskClient, corpus: Corpus) -> None:
    response = secretariat.get(f"{URL}.csv")
    assert response.is_streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="all-submissions-public-')
    assert response.headers["Cache-Control"] == "no-store"
    rows = csv_rows(secretariat)
    assert list(rows[0]) == column_names(Audience.PUBLIC)
    named = by_code(rows)[corpus.named]
    assert named["title"] == "Educación técnica en Nuevo León"
    assert named["body"] == "Año tras año, la formación dual crece. ¿Señales? ¡Sí!"
    assert named["organization"] == "Cámara de Comercio de Nuevo León"
    assert named["name"] == "Ana López Muñoz"
    assert named["topics"] == "supply_chain_resilience; semiconductors"
    assert named["pillar"] == "building_back_together"
    assert named["secondary_pillar"] == "southern_mexico_central_america"
    assert named["state"] == "MX-NLE"
    assert named["country"] == "MX"
    assert named["attachment_count"] == "1"
    assert named["campaign_size"] == "2"
    assert named["language"] == "es"
    assert named["submitted_at"].endswith("Z")
    assert named["consultation"] == "hled-2026"


def test_public_export_holds_only_approved_consented_and_no_email(
    secretariat: FlaskClient, corpus: Corpus
) -> None:
    for fmt in ("csv", "json", "ndjson", "xlsx"):
        body = secretariat.get(f"{URL}.{fmt}").get_data()
        if fmt != "xlsx":
            assert b"@example.org" not in body, fmt
            assert b"Carla" not in body, fmt
            assert b"pendiente" not in body, fmt
    rows = by_code(json_rows(secretariat))
    assert set(rows) == {corpus.named, corpus.anonymous, corpus.hostile, corpus.redacted,
                         corpus.english}  # fmt: skip
    assert all("email" not in row for row in rows.values())
    anonymous = rows[corpus.anonymous]
    assert anonymous["name"] is None
    assert anonymous["organization"] is None
    assert "Bruno" not in json.dumps(rows)
    assert "Discreta" not in json.dumps(rows)


def test_public_export_ignores_a_status_filter(secretariat: FlaskClient, corpus: Corpus) -> None:
    everything_public = json_rows(secretariat)
    assert len(everything_public) == 5
    assert json_rows(secretariat, "?status=pending") == everything_public
    assert json_rows(secretariat, "?status=") == everything_public


def test_internal_export_has_emails_and_every_approved_comment(
    secretariat: FlaskClient, corpus: Corpus
) -> None:
    rows = by_code(json_rows(secretariat, "?audience=internal"))
    assert corpus.unconsented in rows
    assert corpus.pending not in rows
    assert rows[corpus.unconsented]["email"] == "carla@example.org"
    assert rows[corpus.anonymous]["name"] == "Bruno Oculto"
    assert list(rows[corpus.named]) == column_names(Audience.INTERNAL)
    every = by_code(json_rows(secretariat, "?audience=internal&status="))
    assert corpus.pending in every
    pending = by_code(json_rows(secretariat, "?audience=internal&status=pending"))
    assert set(pending) == {corpus.pending}


def test_redacted_version_is_exported(secretariat: FlaskClient, corpus: Corpus) -> None:
    for audience in ("public", "internal"):
        row = by_code(json_rows(secretariat, f"?audience={audience}"))[corpus.redacted]
        assert row["title"] == "Título público"
        assert row["body"] == "Escríbame a [correo retirado]"
    assert b"555-1234" not in secretariat.get(f"{URL}.csv?audience=internal").get_data()


def test_csv_neutralises_formulas(secretariat: FlaskClient, corpus: Corpus) -> None:
    rows = by_code(csv_rows(secretariat))
    hostile = rows[corpus.hostile]
    assert hostile["title"] == "'=1+1"
    assert hostile["body"] == '\'=HYPERLINK("http://x","y")'
    assert hostile["organization"] == "'+SUM(A1:A9)"
    assert hostile["name"] == "'@cmd"
    assert rows[corpus.english]["body"] == "'-Faster cargo."
    # JSON is data, not a spreadsheet: the text is exactly what was approved.
    assert by_code(json_rows(secretariat))[corpus.hostile]["title"] == "=1+1"


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_every_formula_trigger_is_neutralised(trigger: str) -> None:
    assert neutralise(f"{trigger}cmd") == f"'{trigger}cmd"


@pytest.mark.parametrize("text", ["", "plain", "a=b", " =1", "'quoted", "Año"])
def test_other_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_xlsx_reopened_has_no_formula_cell(
    secretariat: FlaskClient, corpus: Corpus, tmp_path: Path
) -> None:
    response = secretariat.get(f"{URL}.xlsx?audience=internal")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.get_data())
    workbook = load_workbook(path)
    sheet = workbook.active
    rows = list(sheet.iter_rows())
    # Headers for people (tests/exports/test_xlsx_for_people.py), one per column.
    assert len(rows[0]) == len(column_names(Audience.INTERNAL))
    assert rows[0][0].value == "Tracking code"
    assert all(cell.data_type != "f" for row in rows for cell in row)
    values = {row[0].value: [c.value for c in row] for row in rows[1:]}
    title = column_names(Audience.INTERNAL).index("title")
    assert values[corpus.hostile][title] == "'=1+1"
    assert values[corpus.named][title] == "Educación técnica en Nuevo León"
    assert len(values) == 6  # every approved comment, consented or not
    workbook.close()


def test_xlsx_writes_error_codes_and_control_characters_as_text(
    app: Flask, corpus: Corpus, tmp_path: Path
) -> None:
    from app.exports.formats import write_xlsx

    record = ["#N/A", "=2+2", "a\x01b", 3, None, ["x", "y"]]
    path = tmp_path / "hostile.xlsx"
    with path.open("wb") as target, app.test_request_context():
        write_xlsx([[tuple(record) + ("",) * (len(COLUMNS) - 7)]], Audience.PUBLIC, target)
    cells = list(load_workbook(path).active.iter_rows(min_row=2))[0]
    assert [c.value for c in cells[:6]] == ["#N/A", "'=2+2", "ab", 3, None, "x; y"]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"]


def test_xlsx_neutralises_a_formula_hidden_behind_a_control_character(
    app: Flask, tmp_path: Path
) -> None:
    """XML cannot hold U+0001, so the workbook drops it: the cell must be judged on what is
    left ("+SUM(…)"), not on the text before the drop (found by the hostile-export test)."""
    from app.exports.formats import write_xlsx

    record = ["\x01+SUM(A1:A9)", "\x0b=1+1", "\x1f", ["\x02-x", "y"]]
    path = tmp_path / "hidden.xlsx"
    with path.open("wb") as target, app.test_request_context():
        write_xlsx([[tuple(record) + ("",) * (len(COLUMNS) - 4)]], Audience.PUBLIC, target)
    cells = list(load_workbook(path).active.iter_rows(min_row=2))[0]
    assert [c.value for c in cells[:4]] == ["'+SUM(A1:A9)", "'=1+1", None, "'-x; y"]
    assert all(c.data_type != "f" for c in cells)


def test_json_and_ndjson_match_the_schema(secretariat: FlaskClient, corpus: Corpus) -> None:
    rows = json_rows(secretariat, "?audience=internal")
    response = secretariat.get(f"{URL}.ndjson?audience=internal")
    assert response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert lines == rows
    kinds = {"string": str, "integer": int, "array": list}
    for row in rows:
        assert list(row) == column_names(Audience.INTERNAL)
        for column in COLUMNS:
            value = row[column.name]
            allowed = tuple(kinds[t] for t in column.type.split("|") if t != "null")
            assert isinstance(value, allowed) or (value is None and "null" in column.type), (
                column.name,
                value,
            )
    assert by_code(rows)[corpus.named]["topics"] == ["supply_chain_resilience", "semiconductors"]
    assert by_code(rows)[corpus.named]["campaign"] == by_code(rows)[corpus.english]["campaign"]


def test_empty_export_is_still_valid(secretariat: FlaskClient) -> None:
    assert json_rows(secretariat, "?q=nothingmatchesthis") == []
    assert secretariat.get(f"{URL}.ndjson?q=nothingmatchesthis").get_data() == b""
    assert len(csv_rows(secretariat, "?q=nothingmatchesthis")) == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?pillar=securing_tools_future_prosperity", {"english"}),
        ("?pillar=southern_mexico_central_america", {"named"}),
        ("?language=en", {"english"}),
        ("?sector=academia", {"english"}),
        ("?q=educacion", {"named"}),
        ("?topic=semiconductors", {"named"}),
        ("?attachments=yes", {"named"}),
        ("?consultation=hled-2026&region=MX-NLE&language=en", {"english"}),
        ("?consultation=hled-2026&region=US-TX", set()),
    ],
)
def test_queue_filters_apply(
    secretariat: FlaskClient, corpus: Corpus, query: str, expected: set[str]
) -> None:
    codes = {getattr(corpus, name) for name in expected}
    assert set(by_code(json_rows(secretariat, query))) == codes


def test_the_queue_query_string_works_here(secretariat: FlaskClient, corpus: Corpus) -> None:
    """An "Export this view" link carries the queue's arguments, its cursor included."""
    query = "?status=approved&language=en&after=2026-01-01T00:00:00%2B00:00~5&q="
    assert set(by_code(json_rows(secretariat, query))) == {corpus.english}
    page = secretariat.get(f"/en/staff/exports{query}").get_data(as_text=True)
    assert "1 comment matches." in page
    assert "submissions.xlsx?status=approved&amp;language=en" in page
    downloads = page.split('id="downloads-heading"')[1].split("</section>")[0]
    assert "after=" not in downloads


def test_unknown_format_is_404_and_bad_filter_400(secretariat: FlaskClient) -> None:
    assert secretariat.get(f"{URL}.exe").status_code == 404
    assert secretariat.get(f"{URL}.csv?pillar=nope").status_code == 400
    assert secretariat.get(f"{URL}.csv?since=yesterday").status_code == 400


def test_export_page_counts_and_offers_every_format(
    secretariat: FlaskClient, corpus: Corpus
) -> None:
    page = secretariat.get("/en/staff/exports").get_data(as_text=True)
    assert "5 comments match." in page
    for fmt in ("csv", "xlsx", "json", "ndjson"):
        assert f"/en/staff/exports/submissions.{fmt}" in page
    internal = secretariat.get("/en/staff/exports?audience=internal").get_data(as_text=True)
    assert "6 comments match." in internal
    assert "email" in internal
    broken = secretariat.get("/en/staff/exports?pillar=nope").get_data(as_text=True)
    assert "Some filters were not understood" in broken


def test_export_page_in_spanish(app: Flask, corpus: Corpus) -> None:
    from app.enums import Language

    client = signed_in(app, Role.ADMIN, Language.ES)
    response = client.get("/es/staff/exports")
    assert response.status_code == 200
    assert 'lang="es"' in response.get_data(as_text=True)


def test_keyset_batches_return_every_row_once(app: Flask, corpus: Corpus) -> None:
    """Small batches over rows that share a timestamp: none lost, none repeated."""
    from sqlalchemy import update

    from app.db import utcnow
    from app.intake.models import Submission

    with app.app_context():
        db.session.execute(update(Submission).values(created_at=utcnow()))
        db.session.commit()
        filters = QueueFilters(status=None)
        batches = list(queries.record_batches(db.session, filters, Audience.INTERNAL, 2))
        assert [len(b) for b in batches] == [2, 2, 2, 1]
        codes = [record[0] for batch in batches for record in batch]
        assert len(codes) == len(set(codes)) == 7
        assert queries.export_count(db.session, filters, Audience.INTERNAL) == 7
        approved = QueueFilters(status=SubmissionStatus.APPROVED)
        assert queries.export_count(db.session, approved, Audience.PUBLIC) == 5


def test_docs_describe_every_column() -> None:
    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column.name}` | {column.type.replace('|', ' or ')} |" in text, column.name


def test_staff_menu_links_the_export_page(secretariat: FlaskClient) -> None:
    page = secretariat.get("/en/staff/exports").get_data(as_text=True)
    assert 'aria-current="page" href="/en/staff/exports"' in page


def test_ndjson_records_stay_on_one_line_whatever_the_text() -> None:
    """U+2028, U+0085 and friends are legal raw in JSON but split lines for str.splitlines()
    and older JavaScript readers: they leave escaped, and read back unchanged."""
    from app.exports.formats import ndjson_chunks

    names = column_names(Audience.INTERNAL)
    tricky = "line\u2028separator\u2029paragraph\x85next\x1cfile"
    record = tuple(tricky if name == "body" else None for name in names)
    text = "".join(ndjson_chunks([[record]], Audience.INTERNAL))
    lines = text.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["body"] == tricky
