"""Building packets from the meeting page: in the request, in a worker thread, and on RQ with
the real Redis (a job that outlives the web process that queued it)."""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterator

import pytest
from docx import Document
from flask import Flask
from flask.testing import FlaskClient

from app.db import db
from app.enums import Audience, Role
from app.packets import jobs, services
from app.packets.models import JobStatus, PacketFormat, PacketJob, PacketLanguage
from tests.packets.helpers import full_agenda, pdf_pages, squash
from tests.staff.helpers import csrf_from, signed_in
from tests.workers import work_until_empty

REDIS_URL = "redis://127.0.0.1:6379/0"


def _agenda(app: Flask) -> int:
    with app.app_context():
        agenda = full_agenda(db.session)
        db.session.commit()
        return agenda.meeting.id


def _build(client: FlaskClient, meeting_id: int, **choices: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/en/staff/meetings/{meeting_id}/packets")
    assert page.status_code == 200
    data = {"csrf_token": csrf_from(page.get_data(as_text=True)), "format": "pdf",
            "language": "en", "audience": "public", **choices}  # fmt: skip
    return client.post(f"/en/staff/meetings/{meeting_id}/packets/build", data=data)


def _download(client: FlaskClient, url: str):  # type: ignore[no-untyped-def]
    """The answer with its body read and the file closed (send_file streams it)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def _only_job(app: Flask) -> PacketJob:
    with app.app_context():
        rows = db.session.scalars(db.select(PacketJob)).all()
        assert len(rows) == 1
        db.session.expunge_all()
        return rows[0]


@pytest.mark.usefixtures("seeded")
def test_small_packet_is_ready_when_the_page_comes_back(app: Flask) -> None:
    meeting_id = _agenda(app)
    client = signed_in(app, Role.SECRETARIAT)
    response = _build(client, meeting_id, format="docx", language="es", audience="internal")
    assert response.status_code == 303
    job = _only_job(app)
    assert job.status is JobStatus.DONE
    assert (job.done, job.total) == (9, 9)
    page = client.get(response.headers["Location"])
    assert page.status_code == 200, page.get_data(as_text=True)[-3000:]
    assert "hled-2026-12-cabinet-packet-internal-es.docx" in page.get_data(as_text=True)
    download = _download(client, f"/en/staff/meetings/{meeting_id}/packets/{job.id}/download")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == (
        "attachment; filename=hled-2026-12-cabinet-packet-internal-es.docx"
    )
    headings = [
        p.text
        for p in Document(io.BytesIO(download.data)).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert len(headings) == 2 + 4 + 1


@pytest.mark.usefixtures("seeded")
def test_large_packet_is_built_by_a_worker_thread_with_progress(app: Flask) -> None:
    app.config["PACKET_INLINE_MAX"] = 0  # everything counts as large
    meeting_id = _agenda(app)
    client = signed_in(app, Role.SECRETARIAT)
    assert _build(client, meeting_id).status_code == 303
    jobs.wait_for_threads()
    job = _only_job(app)
    assert job.runner == "thread"
    assert job.status is JobStatus.DONE, job.error
    state = client.get(f"/en/staff/meetings/{meeting_id}/packets/{job.id}?format=json").json
    assert state["status"] == "done"
    assert (state["done"], state["total"], state["percent"]) == (8, 8, 100)
    assert state["download_url"].endswith(f"/packets/{job.id}/download")
    html = client.get(f"/en/staff/meetings/{meeting_id}/packets/{job.id}")
    assert "text/html" in html.headers["Content-Type"]
    pdf = _download(client, state["download_url"])
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "Named comment" in squash(" ".join(pdf_pages(pdf.data)))


@pytest.fixture
def rq_queue_name() -> Iterator[str]:
    from redis import Redis
    from rq import Queue

    name = f"consulta-test-packets-{secrets.token_hex(4)}"
    yield name
    connection = Redis.from_url(REDIS_URL)
    Queue(name, connection=connection).delete(delete_jobs=True)
    connection.close()


@pytest.mark.usefixtures("seeded")
def test_rq_job_survives_the_web_process_and_is_built_by_a_worker(
    app: Flask, app_factory, rq_queue_name: str
) -> None:
    settings = {"REDIS_URL": REDIS_URL, "PACKET_QUEUE": rq_queue_name, "PACKET_INLINE_MAX": 0}
    app.config.update(settings)
    meeting_id = _agenda(app)
    client = signed_in(app, Role.SECRETARIAT)
    assert _build(client, meeting_id, language="both", audience="internal").status_code == 303
    job = _only_job(app)
    assert (job.runner, job.status) == ("rq", JobStatus.QUEUED)
    page = client.get(f"/en/staff/meetings/{meeting_id}/packets").get_data(as_text=True)
    assert "Waiting" in page

    # The web process that queued the job is gone; a worker process (another app on the
    # same database, instance folder and Redis) picks the job up.
    keep = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "SECRET_KEY", "PACKETS_DIR")
    worker_app = app_factory({**{k: app.config[k] for k in keep}, **settings, "TESTING": True})
    with worker_app.app_context():
        queue = jobs.rq_queue(worker_app)
        assert queue.count == 1
        assert work_until_empty(queue)
        queue.connection.close()

    restarted = app_factory({**{k: app.config[k] for k in keep}, **settings, "TESTING": True})
    job = _only_job(restarted)
    assert job.status is JobStatus.DONE, job.error
    assert job.file_name == "hled-2026-12-cabinet-packet-internal-en-es.pdf"
    new_client = signed_in(restarted, Role.ADMIN)
    download = _download(new_client, f"/en/staff/meetings/{meeting_id}/packets/{job.id}/download")
    assert download.status_code == 200
    pages = pdf_pages(download.data)
    assert all("Internal — includes comments not for publication" in squash(p) for p in pages)


@pytest.mark.usefixtures("seeded")
def test_a_queue_that_cannot_be_reached_fails_the_job_visibly(app: Flask) -> None:
    app.config.update(REDIS_URL="redis://127.0.0.1:1/0", PACKET_INLINE_MAX=0)
    meeting_id = _agenda(app)
    client = signed_in(app, Role.SECRETARIAT)
    response = _build(client, meeting_id)
    assert response.status_code == 303
    job = _only_job(app)
    assert job.status is JobStatus.FAILED
    assert "queue unavailable" in job.error
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "could not be built" in page


@pytest.mark.usefixtures("seeded")
def test_wrong_choices_are_refused_with_the_form_again(app: Flask) -> None:
    meeting_id = _agenda(app)
    client = signed_in(app, Role.SECRETARIAT)
    response = _build(client, meeting_id, format="exe")
    assert response.status_code == 422
    assert "Choose one of the options offered." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(db.select(PacketJob)).all() == []


@pytest.mark.usefixtures("seeded")
def test_missing_meeting_job_or_file_is_not_found(app: Flask) -> None:
    meeting_id = _agenda(app)
    client = signed_in(app, Role.SECRETARIAT)
    assert client.get("/en/staff/meetings/999/packets").status_code == 404
    assert _build(client, meeting_id).status_code == 303
    job = _only_job(app)
    assert client.get(f"/en/staff/meetings/{meeting_id}/packets/999").status_code == 404
    other = f"/en/staff/meetings/{meeting_id + 1}/packets/{job.id}/download"
    assert client.get(other).status_code == 404
    with app.app_context():
        (services.packets_dir() / job.file_path).unlink()
    gone = client.get(f"/en/staff/meetings/{meeting_id}/packets/{job.id}/download")
    assert gone.status_code == 404


@pytest.mark.usefixtures("seeded")
def test_moderators_cannot_build_packets(app: Flask) -> None:
    meeting_id = _agenda(app)
    client = signed_in(app, Role.MODERATOR)
    assert client.get(f"/en/staff/meetings/{meeting_id}/packets").status_code == 403


@pytest.mark.usefixtures("seeded")
def test_cli_builds_a_packet_with_a_progress_bar(app: Flask, tmp_path) -> None:
    meeting_id = _agenda(app)
    result = app.test_cli_runner().invoke(
        args=[
            "packet",
            "build",
            str(meeting_id),
            "--format",
            "docx",
            "--lang",
            "es",
            "--internal",
            "--output",
            str(tmp_path),
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    target = tmp_path / "hled-2026-12-cabinet-packet-internal-es.docx"
    assert f"Wrote {target} (9 comments" in result.output
    headings = [p.text for p in Document(target).paragraphs if p.style.name == "Heading 2"]
    assert any("Private comment" in h for h in headings)
    missing = app.test_cli_runner().invoke(args=["packet", "build", "999"])
    assert missing.exit_code != 0
    assert "no meeting 999" in missing.output


@pytest.mark.usefixtures("seeded")
def test_a_thread_job_that_stopped_reporting_is_shown_as_interrupted(app: Flask) -> None:
    from datetime import timedelta

    from app.db import utcnow

    meeting_id = _agenda(app)
    with app.app_context():
        job = PacketJob(meeting_id=meeting_id, format=PacketFormat.PDF,
                        language=PacketLanguage.EN, audience=Audience.PUBLIC, runner="thread",
                        status=JobStatus.RUNNING, done=3, total=8,
                        heartbeat_at=utcnow() - timedelta(minutes=11),
                        file_name="x.pdf")  # fmt: skip
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    client = signed_in(app, Role.SECRETARIAT)
    state = client.get(f"/en/staff/meetings/{meeting_id}/packets/{job_id}?format=json").json
    assert state["status"] == "failed"
    assert state["status_label"] == "Interrupted: build it again"
    assert state["download_url"] is None


@pytest.mark.usefixtures("seeded")
def test_html_packet_downloads_with_a_policy_for_its_own_style(app: Flask) -> None:
    meeting_id = _agenda(app)
    client = signed_in(app, Role.SECRETARIAT)
    assert _build(client, meeting_id, format="html", language="es").status_code == 303
    job = _only_job(app)
    download = _download(client, f"/en/staff/meetings/{meeting_id}/packets/{job.id}/download")
    assert download.headers["Content-Type"] == "text/html; charset=utf-8"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    assert "Reunión ministerial" in download.get_data(as_text=True)
