"""Bulk open data: `flask opendata publish` writes each consultation's published comments as
NDJSON.gz and CSV with a manifest (rows, bytes, SHA-256, build time); the page lists them
in both languages with the data dictionary; the files are served with their content types;
bad input writes nothing."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from app.db import db
from app.enums import Consent, SubmissionStatus
from app.opendata import files, queries
from app.opendata.schema import NAMES
from app.taxonomy.models import Consultation
from tests.public.helpers import campaign, published

pytestmark = pytest.mark.usefixtures("seeded")
SLUG = "hled-2026"


def _folder(app: Flask) -> Path:
    return Path(app.config["OPEN_DATA_DIR"]) / SLUG


def _publish(runner: FlaskCliRunner, *args: str):
    result = runner.invoke(args=["opendata", "publish", *args])
    assert result.exit_code == 0, result.output
    return result


def _read(app: Flask) -> tuple[files.Manifest, list[dict], list[dict], bytes]:
    with app.app_context():
        manifest = files.read_manifest(SLUG)
    assert manifest is not None
    folder = _folder(app)
    raw_gz = (folder / manifest.files["ndjson.gz"].file).read_bytes()
    lines = gzip.decompress(raw_gz).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    raw_csv = (folder / manifest.files["csv"].file).read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw_csv.decode("utf-8-sig"), newline="")))
    return manifest, records, rows, raw_csv


def test_publish_writes_both_files_with_counts_and_checksums(
    app: Flask, runner: FlaskCliRunner
) -> None:
    with app.app_context():
        first = published(db.session, 3, title='=HYPERLINK("http://x")', organization="Cámara")
        campaign(db.session, [first, published(db.session, 2, title="Letter")])
        published(db.session, 1, consent=Consent.ANONYMOUS, organization="Hidden Org")
        published(db.session, 0, status=SubmissionStatus.PENDING, title="Pending one")
        lead = first.public_id
        db.session.commit()
    result = _publish(runner)
    manifest, records, rows, raw_csv = _read(app)
    assert manifest.rows == len(records) == len(rows) == 3
    assert f"{SLUG}.csv\t3\t" in result.output
    for fmt, entry in manifest.files.items():
        data = (_folder(app) / entry.file).read_bytes()
        assert entry.bytes == len(data)
        assert entry.sha256 == hashlib.sha256(data).hexdigest(), fmt
    assert list(records[0]) == NAMES
    assert list(rows[0]) == NAMES
    assert [r["title"] for r in records] == [
        '=HYPERLINK("http://x")',
        "Letter",
        "Cadena de suministro",
    ]
    assert rows[0]["title"].startswith("'=")  # formula-safe CSV; the NDJSON keeps the text
    assert records[0]["author_name"] == "Ana López"
    assert records[0]["author_organization"] == "Cámara"
    assert records[2]["author_name"] is None
    assert records[2]["author_organization"] is None
    assert rows[2]["author_name"] == ""
    assert records[0]["campaign"] == records[1]["campaign"] == lead
    assert records[2]["campaign"] is None
    assert b"Pending one" not in raw_csv
    assert b"Hidden Org" not in raw_csv
    assert b"example.org" not in raw_csv
    assert isinstance(records[0]["topics"], list)
    assert manifest.built_at.endswith("Z")


def test_a_rebuild_of_the_same_rows_has_the_same_checksums(
    app: Flask, runner: FlaskCliRunner
) -> None:
    with app.app_context():
        published(db.session)
        db.session.commit()
    _publish(runner)
    first, *_ = _read(app)
    _publish(runner, "--consultation", SLUG)
    second, *_ = _read(app)
    assert {f: e.sha256 for f, e in first.files.items()} == {
        f: e.sha256 for f, e in second.files.items()
    }
    # Only the files of the last build stay.
    names = {p.name for p in _folder(app).iterdir()}
    assert names == {files.MANIFEST, *(e.file for e in second.files.values())}


def test_partitions_stream_every_row_once(app: Flask) -> None:
    with app.app_context():
        for n in range(7):
            published(db.session, n, title=f"Comment {n}")
        db.session.commit()
        consultation = db.session.query(Consultation).filter_by(slug=SLUG).one()
        parts = list(queries.record_partitions(db.session, consultation, size=3))
        db.session.rollback()
    assert [len(p) for p in parts] == [3, 3, 1]
    titles = [record[NAMES.index("title")] for part in parts for record in part]
    assert titles == [f"Comment {n}" for n in range(6, -1, -1)]  # oldest first


@pytest.mark.parametrize(("lang", "message"), [("en", "No consultation"), ("es", "Ninguna")])
def test_unknown_consultation_is_an_error_and_writes_nothing(
    app: Flask, runner: FlaskCliRunner, lang: str, message: str
) -> None:
    result = runner.invoke(args=["opendata", "publish", "--consultation", "nope", "--lang", lang])
    assert result.exit_code != 0
    assert message in result.output
    assert "nope" in result.output
    assert not Path(app.config["OPEN_DATA_DIR"]).exists()


def test_the_page_lists_the_files_and_the_dictionary_in_both_languages(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    empty = client.get("/en/open-data")
    assert empty.status_code == 200
    assert "No files have been published yet." in empty.get_data(as_text=True)
    with app.app_context():
        published(db.session)
        db.session.commit()
    _publish(runner)
    manifest, *_ = _read(app)
    english = client.get("/en/open-data").get_data(as_text=True)
    spanish = client.get("/es/open-data").get_data(as_text=True)
    for page in (english, spanish):
        for entry in manifest.files.values():
            assert entry.sha256 in page
        assert f"/open-data/{SLUG}.csv" in page
        assert f"/open-data/{SLUG}.ndjson.gz" in page
        assert "<code>author_organization</code>" in page
        assert app.config["OPEN_DATA_LICENSE_URL"] in page
    assert "Data dictionary" in english
    assert "Diccionario de datos" in spanish
    assert "Open data" in client.get(f"/en/c/{SLUG}/").get_data(as_text=True)


def test_files_are_served_with_their_content_types(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    with app.app_context():
        published(db.session)
        db.session.commit()
    _publish(runner)
    manifest, *_ = _read(app)
    csv_file = client.get(f"/en/open-data/{SLUG}.csv")
    assert csv_file.status_code == 200
    assert csv_file.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert f"filename={SLUG}.csv" in csv_file.headers["Content-Disposition"]
    assert hashlib.sha256(csv_file.get_data()).hexdigest() == manifest.files["csv"].sha256
    csv_file.close()
    gz = client.get(f"/es/open-data/{SLUG}.ndjson.gz")
    assert gz.status_code == 200
    assert gz.headers["Content-Type"] == "application/gzip"
    assert "Content-Encoding" not in gz.headers
    assert json.loads(gzip.decompress(gz.get_data()).splitlines()[0])["consultation"] == SLUG
    gz.close()
    again = client.get(
        f"/es/open-data/{SLUG}.ndjson.gz", headers={"If-None-Match": gz.headers["ETag"]}
    )
    assert again.status_code == 304
    again.close()


@pytest.mark.parametrize(
    "name", [f"{SLUG}.xlsx", "nope.csv", f"{SLUG}.json", "..%2Fmanifest.json", f"{SLUG}"]
)
def test_a_missing_file_is_the_localized_404(client: FlaskClient, name: str) -> None:
    response = client.get(f"/es/open-data/{name}")
    assert response.status_code == 404
    assert 'lang="es"' in response.get_data(as_text=True)


def test_no_build_yet_is_a_404(client: FlaskClient) -> None:
    assert client.get(f"/en/open-data/{SLUG}.csv").status_code == 404
