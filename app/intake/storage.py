"""Compare the files under UPLOAD_DIR with the attachment rows that point at them (a
submission's or a draft's: the same bytes are one file, whichever rows name it), and remove a
file once no row names it.

A submission writes its files before its transaction commits (so the commit never waits on
disk), and removes them again when the commit fails. A process killed between the two leaves
an *orphan*: a file no row names, never shown to anyone. It is harmless but takes space, so
`flask storage check --delete-orphans` removes it. A row whose file is *missing* or of the
wrong size is real damage: nothing removes it, the command reports it and fails.

Files younger than a grace period are not judged: a request may be between writing its file
and committing its row at this very moment.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from app.intake.attachments import discard
from app.intake.models import Attachment, DraftAttachment

# storage_key(): "ab/cd/abcd…" (64 hex digits); anything else in the folder is not ours.
STORED_FILE = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}$")
# store() writes to a temporary name, then renames; a kill in between leaves this behind.
INCOMING_PREFIX = ".incoming-"
DEFAULT_GRACE_SECONDS = 600


@dataclass
class StorageReport:
    files: int = 0
    rows: int = 0
    draft_rows: int = 0  # of `rows`, those of drafts' attachments
    orphans: list[str] = field(default_factory=list)  # files no row names (or unfinished)
    missing: list[str] = field(default_factory=list)  # rows whose file is gone
    damaged: list[str] = field(default_factory=list)  # size or hash differs from the row
    strangers: list[str] = field(default_factory=list)  # files not written by store()
    recent: int = 0  # unreferenced files younger than the grace period, not judged
    deleted: list[str] = field(default_factory=list)

    @property
    def problems(self) -> bool:
        """Whether anything is wrong once deleted orphans are gone."""
        left = [o for o in self.orphans if o not in self.deleted]
        return bool(left or self.missing or self.damaged or self.strangers)


def keys_in_use(session: Session, keys: list[str] | None = None) -> set[str]:
    """Which of these storage keys (every key when None) a submission's or a draft's
    attachment row still names."""
    if keys is not None and not keys:
        return set()
    columns = (Attachment.storage_key, DraftAttachment.storage_key)
    selects = [
        select(column) if keys is None else select(column).where(column.in_(keys))
        for column in columns
    ]
    return set(session.scalars(union_all(*selects)))


def discard_unused(session: Session, upload_dir: str | Path, keys: list[str]) -> None:
    """Remove the files of `keys` that no row names any longer: after the commit that
    deleted their rows (a kill in between leaves an orphan, which `storage check` finds), or
    after the rollback of the request that wrote them."""
    used = keys_in_use(session, keys)
    discard(upload_dir, [key for key in dict.fromkeys(keys) if key not in used])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_storage(
    session: Session,
    upload_dir: str | Path,
    *,
    grace_seconds: float = DEFAULT_GRACE_SECONDS,
    verify_hashes: bool = False,
    delete_orphans: bool = False,
) -> StorageReport:
    """Walk `upload_dir`, compare with every attachment row (submissions' and drafts');
    optionally remove orphans."""
    root = Path(upload_dir)
    report = StorageReport()
    # Several rows may share a file (same bytes sent twice): the key is what matters.
    expected: dict[str, tuple[int, str]] = {}
    for model in (Attachment, DraftAttachment):
        for key, size, sha in session.execute(
            select(model.storage_key, model.size_bytes, model.sha256)
        ):
            report.rows += 1
            report.draft_rows += model is DraftAttachment
            expected[key] = (size, sha)

    on_disk: dict[str, Path] = {}
    if root.is_dir():
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                path = Path(dirpath, name)
                on_disk[path.relative_to(root).as_posix()] = path
    report.files = len(on_disk)
    now = time.time()

    for key, path in sorted(on_disk.items()):
        if key in expected:
            continue
        unfinished = path.name.startswith(INCOMING_PREFIX)
        if not unfinished and not STORED_FILE.match(key):
            report.strangers.append(key)
            continue
        try:
            age = now - path.stat().st_mtime
        except FileNotFoundError:
            continue  # removed by its own request's rollback while we looked
        if age < grace_seconds:
            report.recent += 1
            continue
        report.orphans.append(key)

    for key, (size, sha) in sorted(expected.items()):
        found = on_disk.get(key)
        if found is None:
            report.missing.append(key)
            continue
        if found.stat().st_size != size or (verify_hashes and _sha256(found) != sha):
            report.damaged.append(key)

    if delete_orphans:
        referenced = keys_in_use(session)
        for key in report.orphans:
            # Checked again just before removing: a row may have been committed meanwhile.
            if key not in referenced:
                on_disk[key].unlink(missing_ok=True)
                report.deleted.append(key)
    return report
