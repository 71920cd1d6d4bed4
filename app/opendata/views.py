"""The open data page, /<lang>/open-data, and its files."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, send_file

from app.db import db
from app.opendata import files, queries
from app.opendata.schema import FIELDS

bp = Blueprint("opendata", __name__, url_prefix="/<lang:lang>/open-data")

MAX_AGE_SECONDS = 300


@bp.get("")
def index() -> str:
    built = []
    for consultation in queries.consultations(db.session):
        manifest = files.read_manifest(consultation.slug)
        if manifest is not None:
            built.append((consultation, manifest))
    last = max((m.built for _c, m in built), default=None)
    return render_template(
        "opendata/index.html",
        built=built,
        last_update=last,
        fields=FIELDS,
        formats=list(files.FORMATS),
        license_name=current_app.config["OPEN_DATA_LICENSE"],
        license_url=current_app.config["OPEN_DATA_LICENSE_URL"],
    )


def _split(filename: str) -> tuple[str, str] | None:
    for fmt in files.FORMATS:
        if filename.endswith(f".{fmt}"):
            return filename[: -len(fmt) - 1], fmt
    return None


@bp.get("/<filename>")
def download(filename: str) -> Response:
    """A consultation's file of the last build; anything else (an unknown consultation or
    format, no build yet, a file gone) is the localized 404."""
    parts = _split(filename)
    if parts is None or not queries.consultations(db.session, parts[0]):
        abort(404)
    slug, fmt = parts
    found = files.file_path(slug, fmt)  # the slug is a consultation's: no path in it
    if found is None:
        abort(404)
    path, manifest = found
    return send_file(
        path,
        mimetype=files.FORMATS[fmt],
        as_attachment=True,
        download_name=filename,
        etag=manifest.files[fmt].sha256,
        max_age=MAX_AGE_SECONDS,
        conditional=True,
    )
