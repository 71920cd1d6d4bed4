"""Building the open data files of a consultation: one pass over its publishable comments
(app.opendata.queries) writes the NDJSON.gz and the CSV together, then the manifest with
their row count, size and SHA-256. Nothing is kept in memory but one partition of rows."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from app.db import utcnow
from app.exports.formats import BOM, json_record, spreadsheet_cell
from app.opendata import files, queries
from app.opendata.schema import NAMES
from app.taxonomy.models import Consultation

CHUNK = 1 << 20
# zlib's default level: nine is about twice as slow for a few per cent less.
GZIP_LEVEL = 6


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def publish(
    session: Session, consultation: Consultation, progress: Callable[[int], None] | None = None
) -> files.Manifest:
    """Write the consultation's files under new names, then its manifest (which removes the
    previous build's files). A failure leaves the previous build as it was."""
    started = time.monotonic()
    built_at = utcnow()
    target = files.consultation_folder(consultation.slug)
    target.mkdir(parents=True, exist_ok=True)
    stamp = built_at.strftime("%Y%m%dT%H%M%S%fZ")
    names = {fmt: f"{consultation.slug}-{stamp}.{fmt}" for fmt in files.FORMATS}
    partials = {fmt: target / f".{name}.partial" for fmt, name in names.items()}
    rows = 0
    try:
        with (
            partials["ndjson.gz"].open("wb") as raw,
            # No name and mtime 0 in the header: the same rows give the same bytes, so the
            # same checksum, build after build.
            gzip.GzipFile("", "wb", GZIP_LEVEL, raw, mtime=0) as gz,
            io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as ndjson,
            partials["csv"].open("w", encoding="utf-8", newline="") as sheet,
        ):
            writer = csv.writer(sheet, lineterminator="\r\n")
            sheet.write(BOM)  # so that Excel reads the accents right, as the exports do
            writer.writerow(NAMES)
            for batch in queries.record_partitions(session, consultation):
                ndjson.write("".join(json_record(NAMES, record) + "\n" for record in batch))
                # Formula-safe: the exports' one rule of what a cell may begin with.
                writer.writerows([spreadsheet_cell(v) for v in record] for record in batch)
                rows += len(batch)
                if progress is not None:
                    progress(len(batch))
        entries = {}
        for fmt, partial in partials.items():
            final = target / names[fmt]
            partial.replace(final)
            entries[fmt] = files.FileEntry(names[fmt], final.stat().st_size, _sha256(final))
    finally:
        for partial in partials.values():
            partial.unlink(missing_ok=True)
    manifest = files.Manifest(
        consultation=consultation.slug,
        built_at=built_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        seconds=round(time.monotonic() - started, 3),
        rows=rows,
        files=entries,
    )
    files.write_manifest(manifest)
    return manifest
