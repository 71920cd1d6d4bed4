"""A meeting's packets: ask for one, follow its progress, download it."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.agenda.models import Meeting
from app.db import db
from app.enums import Audience, Role
from app.packets import jobs, queries, services
from app.packets.forms import PacketForm
from app.packets.models import JobStatus, PacketFormat, PacketJob, PacketLanguage
from app.packets.render import CONTENT_TYPES
from app.staff.auth import roles_required

bp = Blueprint("packets", __name__, url_prefix="/<lang:lang>/staff/meetings/<int:meeting_id>")

# A downloaded HTML packet is a self-contained document with its own <style>; if a browser
# shows it rather than saving it, that style (and nothing else) may apply.
HTML_PACKET_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _meeting_or_404(meeting_id: int) -> Meeting:
    meeting = queries.meeting(db.session, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _job_or_404(meeting_id: int, job_id: int) -> PacketJob:
    job = queries.meeting_job(db.session, meeting_id, job_id)
    if job is None:
        abort(404)
    return job


def _status_label(job: PacketJob, status: JobStatus, stale: bool) -> str:
    if stale:
        return _("Interrupted: build it again")
    if status is JobStatus.RUNNING and job.total and job.done >= job.total:
        # Every comment is read; the PDF engine is laying out the pages (the long part).
        return _("Laying out the pages")
    return status.label


def job_state(job: PacketJob) -> dict:
    stale = jobs.is_stale(job)
    status = JobStatus.FAILED if stale else job.status
    ready = status is JobStatus.DONE and services.stored_path(job) is not None
    return {
        "id": job.id,
        "status": status.value,
        "status_label": _status_label(job, status, stale),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "progress_text": _(
            "%(done)s of %(total)s comments",
            done=format_decimal(job.done),
            total=format_decimal(job.total),
        ),
        "pages": job.pages,
        "file_name": job.file_name,
        "download_url": url_for("packets.download", meeting_id=job.meeting_id, job_id=job.id)
        if ready
        else None,
        "error": job.error if status is JobStatus.FAILED else None,
    }


@bp.get("/packets")
@roles_required(Role.SECRETARIAT)
def meeting_packets(meeting_id: int) -> tuple[str, int]:
    meeting = _meeting_or_404(meeting_id)
    return _page(meeting, PacketForm(formdata=None))


def _page(meeting: Meeting, form: PacketForm, status: int = 200) -> tuple[str, int]:
    job_rows = [(job, job_state(job)) for job in queries.meeting_jobs(db.session, meeting.id)]
    sizes = {
        "public": queries.packet_size(db.session, meeting.id, internal=False),
        "internal": queries.packet_size(db.session, meeting.id, internal=True),
    }
    body = render_template(
        "packets/meeting_packets.html",
        meeting=meeting,
        form=form,
        jobs=job_rows,
        sizes=sizes,
        format_date=format_date,
    )
    return body, status


@bp.post("/packets/build")
@roles_required(Role.SECRETARIAT)
def build(meeting_id: int) -> Response | tuple[str, int]:
    meeting = _meeting_or_404(meeting_id)
    form = PacketForm()
    if not form.validate():
        return _page(meeting, form, 422)
    job = services.request_packet(
        db.session,
        meeting,
        PacketFormat(form.format.data),
        PacketLanguage(form.language.data),
        Audience(form.audience.data),
        current_user,
    )
    job_id, runner, total = job.id, job.runner, job.total
    db.session.commit()
    jobs.dispatch(job_id, runner, total)
    db.session.refresh(job)
    if job.status is JobStatus.DONE:
        flash(_("The packet %(name)s is ready.", name=job.file_name), "success")
    elif job.status is JobStatus.FAILED:
        flash(_("The packet could not be built: %(error)s", error=job.error), "error")
    else:
        flash(_("The packet is being built; this page shows its progress."), "info")
    return redirect(url_for("packets.meeting_packets", meeting_id=meeting.id), 303)


@bp.get("/packets/<int:job_id>")
@roles_required(Role.SECRETARIAT)
def job_status(meeting_id: int, job_id: int) -> Response | str:
    job = _job_or_404(meeting_id, job_id)
    state = job_state(job)
    wants_json = request.args.get("format") == "json" or (
        request.accept_mimetypes.best_match(["application/json", "text/html"]) == "application/json"
    )
    if wants_json:
        response = jsonify(state)
        response.headers["Cache-Control"] = "no-store"
        return response
    return render_template("packets/job.html", meeting=job.meeting, job=job, state=state)


@bp.get("/packets/<int:job_id>/download")
@roles_required(Role.SECRETARIAT)
def download(meeting_id: int, job_id: int) -> Response:
    job = _job_or_404(meeting_id, job_id)
    path = services.stored_path(job) if job.status is JobStatus.DONE else None
    if path is None:
        abort(404)
    response = send_file(
        path,
        mimetype=CONTENT_TYPES[job.format],
        as_attachment=True,
        download_name=job.file_name,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    if job.format is PacketFormat.HTML:
        response.headers["Content-Security-Policy"] = HTML_PACKET_CSP
    return response
