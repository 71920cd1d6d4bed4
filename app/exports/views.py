"""The secretariat's data exports: a page to choose filters, audience and format, and the
downloads themselves, streamed."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from typing import IO

from flask import (
    Blueprint,
    Response,
    abort,
    render_template,
    request,
    stream_with_context,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.db import db, utcnow
from app.enums import Audience, Role, SubmissionStatus
from app.exports import queries, themes
from app.exports.formats import FORMATS, write_xlsx
from app.exports.forms import ExportForm
from app.exports.readable import readable
from app.exports.schema import column_names
from app.i18n import localized, reading_zone
from app.moderation.filters import fill_filter_choices, filters_from
from app.moderation.queries import QueueFilters
from app.staff.auth import roles_required

bp = Blueprint("exports", __name__, url_prefix="/<lang:lang>/staff/exports")
log = logging.getLogger("consulta.exports")

# The queue's keyset cursor means nothing to an export.
IGNORED_ARGS = ("after",)


def _form() -> ExportForm:
    form = ExportForm(request.args)
    fill_filter_choices(form)
    form.consultation.choices = [SelectChoice("", _("All consultations"))] + [
        SelectChoice(c.slug, localized(c, "title")) for c in queries.consultations(db.session)
    ]
    form.audience.choices = [
        SelectChoice(Audience.PUBLIC.value, _("Public: approved and consented comments only")),
        SelectChoice(Audience.INTERNAL.value, _("Internal: every column, e-mail included")),
    ]
    return form


def _selection(form: ExportForm) -> tuple[QueueFilters, Audience, str | None]:
    """What the form asks for. Unlike the queue (pending by default), an export without a
    status filter holds approved comments; a public one holds nothing else."""
    filters = filters_from(form)
    filters.after = None
    if "status" not in request.args:
        filters.status = SubmissionStatus.APPROVED
    slug = form.consultation.data or None
    if slug:
        found = queries.consultation_id(db.session, slug)
        # An unknown slug was refused by the form's choices; a deleted one matches nothing.
        filters.consultation_id = found if found is not None else -1
    audience = Audience(form.audience.data or Audience.PUBLIC.value)
    return filters, audience, slug


def _query_args() -> dict[str, str]:
    return {k: v for k, v in request.args.to_dict().items() if k not in IGNORED_ARGS and v}


def _file_chunks(spool: IO[bytes], size: int = 256 * 1024) -> Iterator[bytes]:
    try:
        while chunk := spool.read(size):
            yield chunk
    finally:
        spool.close()


@bp.get("")
@roles_required(Role.SECRETARIAT)
def export_page() -> str:
    form = _form()
    valid = form.validate()
    if "status" not in request.args:
        form.status.data = SubmissionStatus.APPROVED.value
    if not form.audience.data:
        form.audience.data = Audience.PUBLIC.value
    count = None
    if valid:
        filters, audience, _slug = _selection(form)
        count = queries.export_count(db.session, filters, audience)
    return render_template(
        "exports/export_page.html",
        form=form,
        count=count,
        formats=list(FORMATS),
        query_args=_query_args(),
        public_columns=column_names(Audience.PUBLIC),
        internal_columns=column_names(Audience.INTERNAL),
        themes_slug=form.consultation.data if valid else None,
    )


@bp.get("/submissions.<fmt>")
@roles_required(Role.SECRETARIAT)
def download(fmt: str) -> Response:
    export_format = FORMATS.get(fmt)
    if export_format is None:
        abort(404)
    form = _form()
    if not form.validate():
        abort(400)
    filters, audience, slug = _selection(form)
    log.info("%s exported %s (%s) with %s", current_user.email, fmt, audience.value,
             _query_args())  # fmt: skip
    chosen = [c for c in queries.consultations(db.session) if not slug or c.slug == slug]
    zone = reading_zone(chosen)
    # The file name says when, as the people who export read their clocks.
    stamp = utcnow().astimezone(zone)
    name = f"{slug or 'all'}-submissions-{audience.value}-{stamp:%Y%m%d-%H%M}.{fmt}"
    batches = queries.record_batches(db.session, filters, audience)
    if export_format.chunks is None:
        # A workbook is a zip whose directory comes last: built in a temporary file (rows go
        # to disk as they come), then sent from there.
        spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by _file_chunks)
        try:
            write_xlsx(batches, audience, spool, readable(db.session, audience, zone))
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        body: Iterator[bytes] | Iterator[str] = _file_chunks(spool)
    else:
        body = stream_with_context(export_format.chunks(batches, audience))
    response = Response(body, content_type=export_format.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    # Internal exports carry e-mail addresses; no export belongs in a shared cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/themes.<fmt>")
@roles_required(Role.SECRETARIAT)
def themes_download(fmt: str) -> Response:
    """One consultation's themes (issue 16, point 7): `?consultation=<slug>` is required."""
    media_type = themes.FORMATS.get(fmt)
    if media_type is None:
        abort(404)
    slug = request.args.get("consultation", "")
    found = queries.consultation_id(db.session, slug) if slug else None
    if found is None:
        abort(404)
    log.info("%s exported the themes of %s as %s", current_user.email, slug, fmt)
    rows = themes.theme_rows(db.session, found)
    if fmt == "csv":
        body = themes.csv_text(rows, *themes.csv_columns(db.session))
    else:
        body = themes.json_text(rows)
    chosen = [c for c in queries.consultations(db.session) if c.slug == slug]
    stamp = utcnow().astimezone(reading_zone(chosen))
    response = Response(body, content_type=media_type)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{slug}-themes-{stamp:%Y%m%d-%H%M}.{fmt}"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response
