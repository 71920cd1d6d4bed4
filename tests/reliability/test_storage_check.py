"""`flask storage check`: orphan files, missing and damaged files, unfinished writes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from app.db import db
from app.intake.attachments import check_upload, storage_key, store
from app.models import Attachment
from tests.intake import files
from tests.intake.helpers import submit

MAX_BYTES = 10 * 1024 * 1024  # the default MAX_ATTACHMENT_BYTES


def _age(path: Path, seconds: float = 3600) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_a_clean_store_passes(seeded: Flask, client: FlaskClient, runner: FlaskCliRunner) -> None:
    assert submit(client, files=[(files.MINIMAL_PDF, "a.pdf")]).status_code == 303
    result = runner.invoke(args=["storage", "check", "--grace", "0", "--verify-hashes"])
    assert result.exit_code == 0, result.output
    assert "1 files, 1 attachment rows; 0 orphan(s), 0 missing, 0 damaged" in result.output


def test_orphans_are_reported_then_deleted_and_young_files_left_alone(
    app: Flask, runner: FlaskCliRunner
) -> None:
    upload_dir = Path(app.config["UPLOAD_DIR"])
    old_key, _ = store(upload_dir, check_upload("a.png", files.png(2, 2), max_bytes=MAX_BYTES))
    young_key, _ = store(upload_dir, check_upload("b.png", files.png(3, 3), max_bytes=MAX_BYTES))
    _age(upload_dir / old_key)
    unfinished = (upload_dir / old_key).parent / ".incoming-x1y2"
    unfinished.write_bytes(b"half a file")
    _age(unfinished)

    result = runner.invoke(args=["storage", "check"])
    assert result.exit_code == 1
    assert f"orphan: {old_key}" in result.output
    assert f"orphan: {Path(old_key).parent.as_posix()}/.incoming-x1y2" in result.output
    assert young_key not in result.output
    assert "1 too recent to judge" in result.output

    result = runner.invoke(args=["storage", "check", "--delete-orphans"])
    assert result.exit_code == 0, result.output
    assert not (upload_dir / old_key).exists()
    assert not unfinished.exists()
    assert (upload_dir / young_key).exists()


def test_missing_damaged_and_unknown_files_fail_and_are_never_deleted(
    seeded: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    upload = [(files.MINIMAL_PDF, "a.pdf"), (files.png(), "b.png")]
    assert submit(client, files=upload).status_code == 303
    with seeded.app_context():
        keys = db.session.scalars(select(Attachment.storage_key).order_by(Attachment.id)).all()
    upload_dir = Path(seeded.config["UPLOAD_DIR"])
    (upload_dir / keys[0]).unlink()
    (upload_dir / keys[1]).write_bytes(b"not the bytes that were sent")
    stranger = upload_dir / "notes.txt"
    stranger.write_text("someone's notes")

    result = runner.invoke(args=["storage", "check", "--delete-orphans", "--grace", "0"])
    assert result.exit_code == 1
    assert f"missing: {keys[0]}" in result.output
    assert f"damaged: {keys[1]}" in result.output
    assert "unknown file: notes.txt" in result.output
    assert stranger.exists()


def test_same_size_damage_needs_verify_hashes(
    seeded: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    assert submit(client, files=[(files.MINIMAL_PDF, "a.pdf")]).status_code == 303
    key = storage_key(check_upload("a.pdf", files.MINIMAL_PDF, max_bytes=MAX_BYTES).sha256)
    path = Path(seeded.config["UPLOAD_DIR"]) / key
    path.write_bytes(files.MINIMAL_PDF.replace(b"1.4", b"1.5"))
    assert runner.invoke(args=["storage", "check"]).exit_code == 0
    result = runner.invoke(args=["storage", "check", "--verify-hashes"])
    assert result.exit_code == 1
    assert f"damaged: {key}" in result.output
