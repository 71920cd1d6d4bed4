"""Creating a submission (one transaction for the row, its attachments' metadata and its
first event), its campaign detection after the commit, and the submitter withdrawing it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from app.campaigns.services import detect_safely
from app.db import utcnow
from app.enums import Consent, EventAction, Language, SubmissionStatus
from app.errors import InvalidTransition
from app.intake.attachments import CheckedFile, store
from app.intake.confirmation import issue_secret
from app.intake.language import detect_language
from app.intake.models import Attachment, DraftAttachment, Submission, submission_topics
from app.intake.queries import usable_nonce
from app.intake.storage import discard_unused
from app.intake.tracking import new_tracking_code
from app.intake.trail import record_event
from app.taxonomy.models import Consultation


@dataclass
class NewSubmission:
    """What the form gathered, already validated. Taxonomy rows by id (the form's cached
    options know them: no query per row, and the chosen topics go in by id)."""

    sector_id: int
    organization: str | None
    submitter_name: str
    email: str | None
    country_code: str
    region_code: str | None
    primary_pillar_id: int
    secondary_pillar_id: int | None
    topic_ids: list[int]
    title: str
    body: str
    consent: Consent
    page_language: Language
    nonce: str | None
    files: list[CheckedFile] = field(default_factory=list)
    # Files kept with the draft the form was resumed from, already stored: carried over.
    kept_files: list[DraftAttachment] = field(default_factory=list)


# What a stored file's row holds, the same in an Attachment and a DraftAttachment.
FILE_COLUMNS = ("original_name", "content_type", "size_bytes", "sha256", "storage_key")


def file_columns(row: Any) -> dict[str, Any]:
    """A stored file's columns, to carry it to another row (a draft's file to its comment)."""
    return {name: getattr(row, name) for name in FILE_COLUMNS}


@dataclass
class StoredFiles:
    """Files written to disk by this request, to remove if the transaction does not commit."""

    upload_dir: str
    new_keys: list[str] = field(default_factory=list)

    def keep(self, checked: CheckedFile) -> dict[str, Any]:
        """Store a checked upload (shared when its bytes are stored already) and give the
        columns its row keeps (an Attachment's, a DraftAttachment's)."""
        key, is_new = store(self.upload_dir, checked)
        if is_new:
            self.new_keys.append(key)
        return {
            "original_name": checked.original_name,
            "content_type": checked.content_type,
            "size_bytes": checked.size,
            "sha256": checked.sha256,
            "storage_key": key,
        }

    def discard_unreferenced(self, session: Session) -> None:
        if not self.new_keys:
            return
        discard_unused(session, self.upload_dir, self.new_keys)
        self.new_keys.clear()


@contextmanager
def files_kept_only_if_committed(session: Session, upload_dir: str) -> Iterator[StoredFiles]:
    """The files a submission writes, removed again if the block fails before its commit
    (the session is rolled back first, so a file another submission already holds stays)."""
    stored = StoredFiles(upload_dir)
    try:
        yield stored
    except BaseException:
        session.rollback()
        stored.discard_unreferenced(session)
        raise


def find_by_nonce(session: Session, nonce: str | None) -> Submission | None:
    nonce = usable_nonce(nonce)
    if nonce is None:
        return None
    return session.scalar(select(Submission).where(Submission.form_nonce == nonce))


def create_submission(
    session: Session,
    consultation: Consultation,
    data: NewSubmission,
    stored: StoredFiles,
) -> tuple[Submission, str]:
    """Flush the submission, its attachments and its 'submitted' event; returns it with the
    one secret its sender takes away (app.intake.confirmation.issue_secret), issued before
    the INSERT so that no UPDATE follows it. Files are written before the flush and listed in
    `stored` so the caller can remove them if the commit fails."""
    submission = Submission(
        tracking_code=_unused_tracking_code(session, consultation.slug),
        consultation=consultation,
        sector_id=data.sector_id,
        organization=data.organization or None,
        submitter_name=data.submitter_name,
        email=data.email.lower() if data.email else None,
        country_code=data.country_code,
        region_code=data.region_code,
        primary_pillar_id=data.primary_pillar_id,
        secondary_pillar_id=data.secondary_pillar_id,
        title=data.title,
        body=data.body,
        page_language=data.page_language,
        detected_language=detect_language(data.body),
        consent=data.consent,
        status=SubmissionStatus.PENDING,
        form_nonce=data.nonce or None,
    )
    for kept in data.kept_files:
        submission.attachments.append(Attachment(**file_columns(kept)))
    for checked in data.files:
        submission.attachments.append(Attachment(**stored.keep(checked)))
    secret = issue_secret(submission)
    session.add(submission)
    # A duplicate form nonce (a retried POST racing the first) fails here with IntegrityError;
    # the view then shows the receipt of the submission that won.
    session.flush()
    if data.topic_ids:
        # By id, in the same transaction: no rows loaded only to be linked.
        session.execute(
            insert(submission_topics),
            [{"submission_id": submission.id, "topic_id": t} for t in data.topic_ids],
        )
    record_event(
        session,
        submission,
        EventAction.SUBMITTED,
        to_status=SubmissionStatus.PENDING,
        details={
            "attachments": len(data.kept_files) + len(data.files),
            "page_language": data.page_language.value,
        },
    )
    # Form-letter campaigns are detected after the commit (`detect_campaign`): not in the
    # submission's transaction, nor in the visitor's wait.
    return submission, secret


def detect_campaign(session: Session, submission_id: int) -> int | None:
    """Campaign detection of a committed submission (app.campaigns.services.detect_safely),
    run after the response in a transaction of its own; the caller commits. A failure is
    logged and undone (a rebuild that fingerprinted it first is one), and the submission
    stays without a campaign until the next `flask campaigns rebuild`, which takes the same
    decision."""
    submission = session.get(Submission, submission_id)
    if submission is None or submission.campaign_id is not None:
        # Gone, or placed already (a rebuild got there first).
        return submission.campaign_id if submission else None
    return detect_safely(session, submission)


def withdraw(session: Session, submission: Submission) -> None:
    """The submitter takes back a comment no one has decided on yet."""
    if submission.status is not SubmissionStatus.PENDING:
        raise InvalidTransition("only pending submissions can be withdrawn")
    submission.status = SubmissionStatus.WITHDRAWN
    submission.decided_at = utcnow()
    record_event(
        session,
        submission,
        EventAction.STATUS_CHANGED,
        from_status=SubmissionStatus.PENDING,
        to_status=SubmissionStatus.WITHDRAWN,
        note="withdrawn by the submitter",
    )


# Built once: a statement keeps its cache key (see app.taxonomy.queries).
_CODE_TAKEN = select(Submission.id).where(Submission.tracking_code == bindparam("code"))


def _unused_tracking_code(session: Session, slug: str) -> str:
    while True:
        code = new_tracking_code(slug)
        taken = session.scalar(_CODE_TAKEN, {"code": code})
        if taken is None:
            return code
