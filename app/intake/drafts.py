"""Comments saved to finish later: kept server-side under a random secret of which only the
hash is stored (app.security.token_digest), reached only through the link that carries it.
An expired, used, tampered or unknown secret finds nothing, the same nothing. The files
attached when a draft is saved are kept with it (DraftAttachment), checked and stored as a
submission's, and carried over to the submission when it is sent."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.enums import Language
from app.intake.attachments import CheckedFile
from app.intake.models import Draft, DraftAttachment
from app.intake.services import StoredFiles, file_columns
from app.security import token_digest
from app.taxonomy.models import Consultation

# What a draft keeps of the form: what the visitor typed or chose (never the form's
# own tokens, which a resumed form draws afresh).
DRAFT_FIELDS = (
    "sector", "organization", "submitter_name", "email", "location", "primary_pillar",
    "secondary_pillar", "topics", "title", "body", "consent",
)  # fmt: skip

# token_urlsafe(32): 43 characters, 256 bits; anything else is not a secret we issued.
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_draft_secret() -> str:
    return secrets.token_urlsafe(32)


def _cutoff(now: datetime) -> datetime:
    """Drafts saved before this have expired (DRAFT_DAYS)."""
    days: int = current_app.config["DRAFT_DAYS"]
    return now - timedelta(days=days)


def draft_for_link(
    session: Session, consultation: Consultation, secret: str, now: datetime | None = None
) -> Draft | None:
    """The draft this secret opens, for this consultation, while it has not expired."""
    if not SECRET_PATTERN.match(secret):
        return None
    draft = session.scalar(select(Draft).where(Draft.secret_hash == token_digest(secret)))
    if draft is None or draft.consultation_id != consultation.id:
        return None
    if draft.created_at <= _cutoff(now or utcnow()):
        return None
    return draft


def kept_files(
    session: Session, consultation: Consultation, secret: str | None
) -> list[DraftAttachment]:
    """The files kept with the draft a form was resumed from (none for an unknown secret)."""
    draft = draft_for_link(session, consultation, secret) if secret else None
    return list(draft.attachments) if draft is not None else []


def file_for_link(
    session: Session, consultation: Consultation, secret: str, file_id: int
) -> DraftAttachment | None:
    """One file of the draft this secret opens; nothing for anyone without the secret."""
    draft = draft_for_link(session, consultation, secret)
    if draft is None:
        return None
    return next((f for f in draft.attachments if f.id == file_id), None)


def answers_of(draft: Draft) -> dict[str, Any]:
    stored = json.loads(draft.answers)
    return {name: stored[name] for name in DRAFT_FIELDS if name in stored}


@dataclass
class SavedDraft:
    secret: str  # of the new link, shown once
    # Files the replaced draft held: the caller removes those no row names once it has
    # committed (app.intake.storage.discard_unused).
    released_keys: list[str] = field(default_factory=list)


def save_draft(
    session: Session,
    consultation: Consultation,
    answers: dict[str, Any],
    page_language: Language,
    *,
    replacing: str | None = None,
    kept: Collection[DraftAttachment] = (),
    files: Collection[CheckedFile] = (),
    stored: StoredFiles | None = None,
    invitation_id: int | None = None,
) -> SavedDraft:
    """Keep `answers` (validated as a draft) with the files `kept` from the draft it was
    resumed from and the new, checked `files` (written to disk now, listed in `stored` so a
    failed commit removes them), and return the secret of the link that opens them. The
    draft the form was resumed from (`replacing`, its secret) is replaced with its files:
    every save hands out a new link, shown once, and the old one stops working. A form opened
    from a stakeholder invitation keeps it (`invitation_id`, app.intake.invitations: by id,
    never its secret). Flushes."""
    secret = new_draft_secret()
    answered = {name: answers.get(name) for name in DRAFT_FIELDS}
    draft = Draft(
        secret_hash=token_digest(secret),
        consultation_id=consultation.id,
        page_language=page_language,
        answers=json.dumps(answered, ensure_ascii=False, sort_keys=True),
        invitation_id=invitation_id,
    )
    for old in kept:
        draft.attachments.append(DraftAttachment(**file_columns(old)))
    if files:
        if stored is None:
            raise ValueError("new files need a StoredFiles to be removed by a failed commit")
        for checked in files:
            draft.attachments.append(DraftAttachment(**stored.keep(checked)))
    session.add(draft)
    released = discard_draft(session, consultation, replacing)
    session.flush()
    return SavedDraft(secret=secret, released_keys=released)


def discard_draft(session: Session, consultation: Consultation, secret: str | None) -> list[str]:
    """Delete the draft a form was resumed from, with its files' rows, once it is sent or
    saved again; an unknown or foreign secret deletes nothing. Returns the storage keys its
    files had, for the caller to remove after its commit if no row names them any more."""
    if not secret or not SECRET_PATTERN.match(secret):
        return []
    draft_id = select(Draft.id).where(
        Draft.secret_hash == token_digest(secret),
        Draft.consultation_id == consultation.id,
    )
    return _delete_drafts(session, draft_id)


def _delete_drafts(session: Session, draft_ids: Any) -> list[str]:
    """Delete the drafts `draft_ids` (a SELECT of ids) and their files' rows; returns the
    files' storage keys. The rows are deleted here rather than left to ON DELETE CASCADE so
    that the keys are known and nothing depends on SQLite's foreign_keys pragma."""
    ids = list(session.scalars(draft_ids))
    if not ids:
        return []
    keys = list(
        session.scalars(
            select(DraftAttachment.storage_key).where(DraftAttachment.draft_id.in_(ids))
        )
    )
    session.execute(
        delete(DraftAttachment).where(DraftAttachment.draft_id.in_(ids)),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        delete(Draft).where(Draft.id.in_(ids)), execution_options={"synchronize_session": False}
    )
    # Loaded drafts and files are gone: the session must not flush or show them again.
    for obj in list(session.identity_map.values()):
        gone = (isinstance(obj, Draft) and obj.id in ids) or (
            isinstance(obj, DraftAttachment) and obj.draft_id in ids
        )
        if gone:
            session.expunge(obj)
    return keys


@dataclass
class Purged:
    drafts: int
    released_keys: list[str]


def purge_expired(session: Session, now: datetime | None = None) -> Purged:
    """Delete every expired draft and its files' rows; returns how many drafts, and the
    storage keys to remove after the commit (app.intake.storage.discard_unused). The caller
    commits."""
    expired = select(Draft.id).where(Draft.created_at <= _cutoff(now or utcnow()))
    ids = list(session.scalars(expired))
    keys = _delete_drafts(session, select(Draft.id).where(Draft.id.in_(ids))) if ids else []
    return Purged(drafts=len(ids), released_keys=keys)
