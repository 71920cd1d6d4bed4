"""Nothing acknowledged is lost: gunicorn is killed with SIGKILL (master and workers at once)
while visitors submit with attachments, restarted, killed again and restarted; afterwards
every submission whose receipt reached its visitor is stored exactly once, with its file,
no row is half-written, the audit chain verifies, and `flask storage check` finds only orphan
files of attempts that never got a receipt, which `--delete-orphans` removes.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from collections import Counter
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app import audit
from app.db import db
from app.enums import EventAction
from app.models import Attachment, ModerationEvent, Submission
from tests.conftest import engine_kind
from tests.reliability.clients import Visitors
from tests.reliability.figures import report
from tests.reliability.server import flask_command, kill_hard, start_server

KILLS = 2
LOAD_BETWEEN_KILLS_S = 3.0
VISITORS = 4


@pytest.mark.slow
def test_acknowledged_submissions_survive_sigkill(seeded: Flask, tmp_path: Path) -> None:
    app = seeded
    marker = f"crash-{secrets.token_hex(4)}"
    server = start_server(app, tmp_path)
    visitors = Visitors(port=lambda: server.port, marker=marker, threads=VISITORS)
    visitors.start()
    killed_processes = 0
    try:
        for _ in range(KILLS):
            # Wait for load, not just time: a kill before any receipt would prove little.
            wanted = len(visitors.acknowledged) + 5
            deadline = time.monotonic() + 20
            time.sleep(LOAD_BETWEEN_KILLS_S)
            while len(visitors.acknowledged) < wanted and time.monotonic() < deadline:
                time.sleep(0.1)
            killed_processes += kill_hard(server)
            time.sleep(0.3)  # visitors meet a dead port for a moment
            server = start_server(app, tmp_path)
        time.sleep(LOAD_BETWEEN_KILLS_S)
    finally:
        visitors.stop()
        server.stop()
    assert not visitors.errors

    acknowledged = {a.tag: a for a in visitors.acknowledged}
    attempted = {a.tag: a for a in visitors.attempts}
    assert len(acknowledged) >= 10, Counter(a.outcome for a in visitors.attempts)

    with app.app_context():
        rows = db.session.scalars(select(Submission).where(Submission.body.contains(marker))).all()
        by_tag: dict[str, list[Submission]] = {}
        for row in rows:
            found = re.search(rf"\[({re.escape(marker)} v\d+ n\d+)\]", row.body)
            assert found, row.body
            by_tag.setdefault(found.group(1), []).append(row)

        # Every receipt: exactly one row, with that tracking code and its one attachment.
        for tag, attempt in acknowledged.items():
            stored = by_tag.get(tag, [])
            assert len(stored) == 1, (tag, len(stored))
            (row,) = stored
            assert row.tracking_code == attempt.code
            assert [a.sha256 for a in row.attachments] == [attempt.sha256]
        # A row without a receipt is a commit whose answer died with the server: allowed,
        # but never twice, never for something nobody sent.
        assert all(len(found) == 1 for found in by_tag.values())
        assert by_tag.keys() <= attempted.keys()

        # No half-written submission: each has its 'submitted' event and the attachment it
        # says it has, and the attachment's bytes are on disk.
        upload_dir = Path(app.config["UPLOAD_DIR"])
        for row in rows:
            events = [e for e in row.events if e.action is EventAction.SUBMITTED]
            assert len(events) == 1, row.tracking_code
            assert json.loads(events[0].details or "{}").get("attachments") == 1
            assert len(row.attachments) == 1
            path = upload_dir / row.attachments[0].storage_key
            assert hashlib.sha256(path.read_bytes()).hexdigest() == row.attachments[0].sha256
        assert db.session.query(ModerationEvent).count() >= len(rows)
        assert audit.verify(db.session, ModerationEvent).intact
        referenced = set(db.session.scalars(select(Attachment.storage_key)))
        db.session.rollback()

    # The operator's check: orphans may exist, only of attempts that got no receipt.
    check = flask_command(app, "storage", "check", "--grace", "0", "--verify-hashes")
    orphans = re.findall(r"^orphan: (\S+)$", check.stdout, re.MULTILINE)
    assert re.search(r" 0 missing, 0 damaged, 0 unknown", check.stdout), check.stdout
    assert check.returncode == (1 if orphans else 0), check.stdout + check.stderr
    unacknowledged = {a.sha256 for a in attempted.values() if not a.code}
    for key in orphans:
        name = Path(key).name
        assert key not in referenced
        if name.startswith(".incoming-"):
            continue  # a file killed while being written: no complete bytes to compare
        assert name in unacknowledged, key

    cleaned = flask_command(app, "storage", "check", "--grace", "0", "--delete-orphans")
    assert cleaned.returncode == 0, cleaned.stdout + cleaned.stderr
    again = flask_command(app, "storage", "check", "--grace", "0")
    assert again.returncode == 0, again.stdout
    assert " 0 orphan(s)" in again.stdout, again.stdout

    summary = (
        f"{KILLS} SIGKILLs ({killed_processes} processes), "
        f"{len(visitors.attempts)} attempts, {len(acknowledged)} receipts all stored once, "
        f"{len(rows) - len(acknowledged)} stored without a receipt, "
        f"{len(orphans)} orphan file(s) cleaned"
    )
    report(f"crash ({engine_kind()})", summary)
