"""The open data files of each consultation and the manifest that lists them.

Why a manifest file and not a table: the manifest describes files on this disk, so it lives
beside them and is replaced with them (os.replace, atomic). A table could commit while the
files failed to land, or say a file exists on a machine that never built it; a manifest can
only be wrong together with its files. It also travels with them when the folder is copied
to a static host or a CDN, and it needs no migration.

Layout: <OPEN_DATA_DIR>/<slug>/manifest.json and the files it names. Each build writes new
file names (the build's time stamp in them), then the manifest, then removes what the new
manifest does not name: a reader always finds the files its manifest names."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app

MANIFEST = "manifest.json"
# Format -> the content type it is served with. NDJSON.gz is a gzip file to download (no
# Content-Encoding: a browser would unpack it and save NDJSON under the .gz name).
FORMATS: dict[str, str] = {
    "ndjson.gz": "application/gzip",
    "csv": "text/csv",  # Werkzeug adds "; charset=utf-8" to a text type
}


@dataclass(frozen=True)
class FileEntry:
    file: str  # its name in the consultation's folder
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    consultation: str
    built_at: str  # UTC, ISO 8601
    seconds: float  # how long the build took
    rows: int
    files: dict[str, FileEntry]

    @property
    def built(self) -> datetime:
        return datetime.fromisoformat(self.built_at.replace("Z", "+00:00"))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data: dict[str, Any] = json.loads(text)
        files = {fmt: FileEntry(**entry) for fmt, entry in data.pop("files").items()}
        return cls(files=files, **data)


def folder() -> Path:
    return Path(current_app.config["OPEN_DATA_DIR"])


def consultation_folder(slug: str) -> Path:
    return folder() / slug


def read_manifest(slug: str) -> Manifest | None:
    """The last build's manifest of this consultation, or None when there is none (or it
    cannot be read: the page then shows no files rather than an error)."""
    path = consultation_folder(slug) / MANIFEST
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_manifest(manifest: Manifest) -> None:
    """Replace the manifest atomically, then remove the files it no longer names."""
    target = consultation_folder(manifest.consultation)
    partial = target / f".{MANIFEST}.partial"
    partial.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(partial, target / MANIFEST)
    kept = {entry.file for entry in manifest.files.values()} | {MANIFEST}
    for path in target.iterdir():
        if path.name not in kept and not path.name.startswith("."):
            path.unlink(missing_ok=True)


def file_path(slug: str, fmt: str) -> tuple[Path, Manifest] | None:
    """The file of this format of the consultation's last build, when it is there."""
    manifest = read_manifest(slug)
    if manifest is None or fmt not in manifest.files:
        return None
    path = consultation_folder(slug) / manifest.files[fmt].file
    return (path, manifest) if path.is_file() else None
