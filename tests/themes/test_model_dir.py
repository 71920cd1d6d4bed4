"""THEMES_MODEL_DIR, the optional local model: when it is missing or corrupt, a build (from the
command, the button or a service call) logs a warning and uses the default method; never an
error. Nothing is downloaded."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.enums import Role
from app.themes import analysis, jobs, model
from app.themes.models import BuildStatus, ThemeBuild
from app.themes.services import build
from tests.staff.helpers import signed_in
from tests.themes.test_rebuild_button import _click, _consultation_id
from tests.themes.test_themes import _consultation, _corpus, _theme_of

LOGGER = "consulta.themes"


def _corrupt(tmp_path: Path, kind: str) -> Path:
    folder = tmp_path / "model"
    if kind == "missing":
        return folder
    if kind == "a file":
        folder.write_text("not a directory")
        return folder
    folder.mkdir()
    if kind == "bad config":
        (folder / "config.json").write_text("{not json")
        (folder / "model.safetensors").write_bytes(b"\0" * 16)
    elif kind == "config not an object":
        (folder / "config.json").write_text("[1, 2]")
        (folder / "model.safetensors").write_bytes(b"\0" * 16)
    elif kind == "no weights":
        (folder / "config.json").write_text("{}")
    elif kind == "empty weights":
        (folder / "config.json").write_text("{}")
        (folder / "model.onnx").write_bytes(b"")
    elif kind == "not UTF-8":
        (folder / "config.json").write_bytes(b"\xff\xfe{")
        (folder / "model.onnx").write_bytes(b"\0")
    return folder


KINDS = [
    "missing", "a file", "bad config", "config not an object", "no weights", "empty weights",
    "not UTF-8",
]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_or_corrupt_model_dir_is_a_warning_and_the_default_method(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    folder = _corrupt(tmp_path, kind)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert model.load(folder) is None
        assert model.method(folder) == analysis.METHOD
    assert "using the default method" in caplog.text
    assert str(folder) in caplog.text


def test_not_set_is_silent(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert model.load(None) is None
        assert model.method("") == analysis.METHOD
    assert caplog.text == ""


def test_a_usable_model_dir_is_found_but_this_version_runs_the_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text('{"hidden_size": 384}')
    (folder / "model.safetensors").write_bytes(b"\0" * 32)
    found = model.load(folder)
    assert found is not None
    assert (found.config, found.weights.name) == ({"hidden_size": 384}, "model.safetensors")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert model.method(folder) == analysis.METHOD
    assert "no encoder" in caplog.text


@pytest.mark.usefixtures("seeded")
def test_a_build_with_a_corrupt_model_dir_still_groups_the_comments(
    app: Flask, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app.config["THEMES_MODEL_DIR"] = str(_corrupt(tmp_path, "bad config"))
    with app.app_context(), caplog.at_level(logging.WARNING, logger=LOGGER):
        session = db.session
        made = _corpus(session)
        report = build(session, _consultation(session))
        session.commit()
        assert report.comments == 11
        hours = {_theme_of(session, s) for s in made["hours"]}
        assert len(hours) == 1
        assert None not in hours
    assert "cannot be used" in caplog.text


@pytest.mark.usefixtures("seeded")
def test_the_button_and_the_command_with_a_missing_model_dir_never_fail(
    app: Flask, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app.config["THEMES_MODEL_DIR"] = str(tmp_path / "nowhere")
    with app.app_context():
        _corpus(db.session)
    consultation_id = _consultation_id(app)
    client = signed_in(app, Role.SECRETARIAT)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = _click(client, consultation_id)
        assert response.status_code == 303
        jobs.wait_for_threads()
        result = app.test_cli_runner().invoke(args=["themes", "build", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Kept what people decided" in result.output
    with app.app_context():
        statuses = list(db.session.scalars(select(ThemeBuild.status).order_by(ThemeBuild.id)))
    assert statuses == [BuildStatus.DONE, BuildStatus.DONE]
    assert client.get("/en/staff/themes").status_code == 200
    assert "nowhere" in caplog.text
