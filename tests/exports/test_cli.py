"""`flask export`: the same export as the download, written to a file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from openpyxl import load_workbook

from app.enums import Audience
from app.exports.schema import column_names
from tests.exports.helpers import Corpus, build_corpus

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture
def corpus(app: Flask) -> Corpus:
    return build_corpus(app)


def test_cli_writes_a_public_csv(runner: FlaskCliRunner, corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "public.csv"
    result = runner.invoke(args=["export", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 5 rows (public)" in result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 5
    assert "email" not in rows[0]
    assert b"@example.org" not in raw
    assert not list(tmp_path.glob(".*partial"))


def test_cli_filters_and_internal_audience(
    runner: FlaskCliRunner, corpus: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "internal.ndjson"
    result = runner.invoke(
        args=["export", "ndjson", "-o", str(out), "--audience", "internal", "--status", "any",
              "--consultation", "hled-2026", "--language", "es", "--region", "mx-nle"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["tracking_code"] for r in rows} == {
        corpus.named,
        corpus.anonymous,
        corpus.unconsented,
        corpus.hostile,
        corpus.redacted,
    }  # fmt: skip  (the pending one has no detected language; the English one is "en")
    assert list(rows[0]) == column_names(Audience.INTERNAL)


def test_cli_writes_xlsx_and_json(runner: FlaskCliRunner, corpus: Corpus, tmp_path: Path) -> None:
    xlsx, js = tmp_path / "a.xlsx", tmp_path / "a.json"
    assert runner.invoke(args=["export", "xlsx", "-o", str(xlsx)]).exit_code == 0
    assert runner.invoke(args=["export", "json", "-o", str(js), "--pillar",
                               "securing_tools_future_prosperity"]).exit_code == 0  # fmt: skip
    workbook = load_workbook(xlsx)
    assert workbook.active.max_row == 6
    assert all(c.data_type != "f" for row in workbook.active.iter_rows() for c in row)
    workbook.close()
    assert [r["tracking_code"] for r in json.loads(js.read_text())] == [corpus.english]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--consultation", "nope"], "No consultation with the slug 'nope'"),
        (["--pillar", "nope"], "No pillar with the code 'nope'"),
        (["--since", "yesterday"], "is not a date"),
    ],
)
def test_cli_refuses_bad_filters(
    runner: FlaskCliRunner, corpus: Corpus, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "never.csv"
    result = runner.invoke(args=["export", "csv", "-o", str(out), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert not out.exists()
