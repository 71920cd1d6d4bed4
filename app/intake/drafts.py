"""Comments saved to finish later: kept server-side under a random secret of which only the
hash is stored (app.security.token_digest), reached only through the link that carries it.
An expired, used, tampered or unknown secret finds nothing, the same nothing. Text only: the
files attached when a draft is saved are not kept."""

from __future__ import annotations

import json
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.enums import Language
from app.intake.models import Draft
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


def answers_of(draft: Draft) -> dict[str, Any]:
    stored = json.loads(draft.answers)
    return {name: stored[name] for name in DRAFT_FIELDS if name in stored}


def save_draft(
    session: Session,
    consultation: Consultation,
    answers: dict[str, Any],
    page_language: Language,
    replacing: str | None = None,
) -> str:
    """Keep `answers` (validated as a draft) and return the secret of the link that opens
    them. The draft the form was resumed from (`replacing`, its secret) is replaced: every
    save hands out a new link, shown once, and the old one stops working. Flushes."""
    discard_draft(session, consultation, replacing)
    secret = new_draft_secret()
    kept = {name: answers.get(name) for name in DRAFT_FIELDS}
    session.add(
        Draft(
            secret_hash=token_digest(secret),
            consultation_id=consultation.id,
            page_language=page_language,
            answers=json.dumps(kept, ensure_ascii=False, sort_keys=True),
        )
    )
    session.flush()
    return secret


def discard_draft(session: Session, consultation: Consultation, secret: str | None) -> None:
    """Delete the draft a form was resumed from, once it is sent or saved again; an unknown
    or foreign secret deletes nothing."""
    if not secret or not SECRET_PATTERN.match(secret):
        return
    session.execute(
        delete(Draft).where(
            Draft.secret_hash == token_digest(secret),
            Draft.consultation_id == consultation.id,
        )
    )


def purge_expired(session: Session, now: datetime | None = None) -> int:
    """Delete every expired draft; returns how many. The caller commits."""
    result = session.execute(delete(Draft).where(Draft.created_at <= _cutoff(now or utcnow())))
    return int(getattr(result, "rowcount", 0) or 0)
