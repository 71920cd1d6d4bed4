"""Creating a submission (one transaction for the row, its attachments' metadata, its first
event and its place in the detection queue), its campaign detection after the commit (by the
follower, or after the response), and the submitter withdrawing it."""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from app import audit
from app.campaigns.services import detect, fingerprinted
from app.db import table_of, utcnow
from app.enums import Consent, EventAction, Language, SubmissionStatus
from app.errors import InvalidTransition
from app.intake.attachments import CheckedFile, store
from app.intake.confirmation import issue_secret
from app.intake.language import detect_language
from app.intake.models import (
    Attachment,
    DetectionFollower,
    DraftAttachment,
    ModerationEvent,
    PendingDetection,
    Submission,
    submission_topics,
)
from app.intake.queries import usable_nonce
from app.intake.storage import discard_unused
from app.intake.tracking import new_tracking_code
from app.intake.trail import record_event, record_event_row
from app.taxonomy.models import Consultation
from app.text import search_text_for

log = logging.getLogger(__name__)


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
    """Insert the submission and flush its attachments and its 'submitted' event; returns it
    with the one secret its sender takes away (app.intake.confirmation.issue_secret), issued
    before the INSERT so that no UPDATE follows it. Files are written before the flush and
    listed in `stored` so the caller can remove them if the commit fails."""
    email = data.email.lower() if data.email else None
    values = {
        "tracking_code": _unused_tracking_code(session, consultation.slug),
        "consultation_id": consultation.id,
        "sector_id": data.sector_id,
        "organization": data.organization or None,
        "submitter_name": data.submitter_name,
        "email": email,
        "country_code": data.country_code,
        "region_code": data.region_code,
        "primary_pillar_id": data.primary_pillar_id,
        "secondary_pillar_id": data.secondary_pillar_id,
        "title": data.title,
        "body": data.body,
        "page_language": data.page_language,
        "detected_language": detect_language(data.body),
        "consent": data.consent,
        "status": SubmissionStatus.PENDING,
        "form_nonce": data.nonce or None,
    }
    secret, secret_hash = issue_secret(email)
    values.update(secret_hash)
    # The chain's lock (taken by the 'submitted' event anyway) before the INSERT: ids are then
    # given in the order submissions commit, which is the order detection takes them in
    # (`detect_pending`). SQLite's single writer already gives that order.
    audit.lock(session, ModerationEvent)
    # A duplicate form nonce (a retried POST racing the first) fails here with IntegrityError;
    # the view then shows the receipt of the submission that won.
    submission = _inserted_submission(session, values)
    set_committed_value(submission, "consultation", consultation)
    files = [Attachment(**file_columns(kept)) for kept in data.kept_files]
    files += [Attachment(**stored.keep(checked)) for checked in data.files]
    # An empty collection, known so (not loaded by a SELECT); its files are flushed before
    # the commit.
    set_committed_value(submission, "attachments", [])
    submission.attachments.extend(files)
    queue_detection(session, submission.id)
    if data.topic_ids:
        # By id, in the same transaction: no rows loaded only to be linked.
        session.execute(
            insert(submission_topics),
            [{"submission_id": submission.id, "topic_id": t} for t in data.topic_ids],
        )
    record_event_row(
        session,
        submission.id,
        EventAction.SUBMITTED,
        to_status=SubmissionStatus.PENDING,
        details={
            "attachments": len(data.kept_files) + len(data.files),
            "page_language": data.page_language.value,
        },
    )
    # Form-letter campaigns are detected after the commit (`detect_pending`): not in the
    # submission's transaction, nor in the visitor's wait.
    return submission, secret


def _inserted_submission(session: Session, values: dict[str, Any]) -> Submission:
    """INSERT a new submission with Core (the column defaults of the model fill the rest, and
    `search_text` is what the model's before_insert listener would write) and give it back as
    the session's persistent object, every column as stored: no unit of work for one row
    (~1 ms of a comment POST's CPU), no SELECT after it."""
    values["search_text"] = search_text_for(values["title"], values["body"], values["organization"])
    row = session.execute(_INSERT_SUBMISSION, values).one()
    submission = Submission(**row._mapping)
    make_transient_to_detached(submission)
    session.add(submission)
    return submission


# --- campaign detection of new comments ------------------------------------------------------

# The follower (`flask campaigns follow`, app/intake/follower.py) beats this often; a beat older
# than FOLLOWER_FRESH_S means none is running, and the web workers detect after the response.
FOLLOWER_BEAT_S = 2.0
FOLLOWER_FRESH_S = 10.0
# How often a web process reads the beat (at most; the answer is kept in between).
FOLLOWER_CHECK_S = 2.0


def queue_detection(session: Session, submission_id: int) -> None:
    """Queue a new submission for campaign detection, in its own transaction: committed means
    detected later, whatever happens to the process in between."""
    session.execute(_QUEUE, {"submission_id": submission_id})


@dataclass
class Drained:
    """What one `detect_pending` did."""

    detected: list[int] = field(default_factory=list)  # detection ran (a campaign or not)
    skipped: list[int] = field(default_factory=list)  # fingerprinted already (a rebuild)
    failed: list[int] = field(default_factory=list)  # logged, kept in the queue

    @property
    def count(self) -> int:
        return len(self.detected) + len(self.skipped) + len(self.failed)


def detect_pending(
    session: Session,
    *,
    limit: int,
    budget_s: float | None = None,
    retry_failed: bool = False,
    known: tuple[Submission, ...] = (),
) -> Drained:
    """Campaign detection (app.campaigns.services.detect, unchanged) of up to `limit` queued
    comments, in arrival order: by id, the order they committed in (`create_submission`) and
    the order `flask campaigns rebuild` takes, so the decisions are those of detection inside
    each comment's own transaction. Under the audit chain's lock (SQLite: call it inside
    app.db.writing), so two drains never take the same comment. Stops after `budget_s` seconds
    of work (the lock holds new comments back meanwhile). Each detection runs in a savepoint: a
    failure is logged and the comment stays queued with `failed_at` (ordinary drains pass it
    by; `retry_failed` takes it again). `known`: rows this session holds already (no second
    read). The caller commits: dequeuing and detecting are one transaction."""
    audit.lock(session, ModerationEvent)
    statement = _QUEUED if retry_failed else _QUEUED_NOT_FAILED
    ids = list(session.scalars(statement, {"limit": limit}))
    drained = Drained()
    if not ids:
        return drained
    rows = {s.id: s for s in known if s.id in ids}
    missing = [i for i in ids if i not in rows]
    if missing:
        rows.update(
            (s.id, s) for s in session.scalars(select(Submission).where(Submission.id.in_(missing)))
        )
    already = fingerprinted(session, ids)
    started = time.monotonic()
    for submission_id in ids:
        if budget_s is not None and drained.count and time.monotonic() - started > budget_s:
            break
        submission = rows[submission_id]
        if submission_id in already or submission.campaign_id is not None:
            drained.skipped.append(submission_id)
            continue
        try:
            with session.begin_nested():
                detect(session, submission)
        except Exception:
            log.exception("campaign detection failed for submission %s", submission_id)
            drained.failed.append(submission_id)
        else:
            drained.detected.append(submission_id)
    done = drained.detected + drained.skipped
    if done:
        session.execute(delete(PendingDetection).where(PendingDetection.submission_id.in_(done)))
    if drained.failed:
        session.execute(
            update(PendingDetection)
            .where(PendingDetection.submission_id.in_(drained.failed))
            .values(failed_at=utcnow())
        )
    return drained


def anything_queued(session: Session, *, retry_failed: bool = False) -> bool:
    """Whether a comment waits for detection: a read, so a poll takes no write lock."""
    statement = _QUEUED if retry_failed else _QUEUED_NOT_FAILED
    return session.scalar(statement, {"limit": 1}) is not None


def beat(session: Session) -> None:
    """The follower is alive (its one row); the caller commits."""
    row = session.get(DetectionFollower, 1)
    if row is None:
        session.add(DetectionFollower(id=1, beat_at=utcnow()))
    else:
        row.beat_at = utcnow()


def stop_beating(session: Session) -> None:
    """The follower stops: the web workers detect after the response again at once."""
    session.execute(delete(DetectionFollower))


@dataclass
class _Seen:
    at: float
    running: bool


_SEEN: weakref.WeakKeyDictionary[Engine, _Seen] = weakref.WeakKeyDictionary()


def follower_running(session: Session) -> bool:
    """Whether a follower beat within FOLLOWER_FRESH_S: read at most every FOLLOWER_CHECK_S
    per process and database (a query every two seconds, not one per comment)."""
    engine = session.get_bind().engine
    now = time.monotonic()
    seen = _SEEN.get(engine)
    if seen is not None and now - seen.at < FOLLOWER_CHECK_S:
        return seen.running
    beat_at = session.scalar(_BEAT_AT)
    running = beat_at is not None and utcnow() - beat_at < timedelta(seconds=FOLLOWER_FRESH_S)
    _SEEN[engine] = _Seen(now, running)
    return running


def forget_follower(session: Session) -> None:
    """Read the beat again next time (tests, and a follower that has just stopped)."""
    _SEEN.pop(session.get_bind().engine, None)


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
_INSERT_SUBMISSION = insert(table_of(Submission)).returning(*table_of(Submission).c)
_CODE_TAKEN = select(Submission.id).where(Submission.tracking_code == bindparam("code"))
_QUEUE = insert(table_of(PendingDetection))
_QUEUED = (
    select(PendingDetection.submission_id)
    .order_by(PendingDetection.submission_id)
    .limit(bindparam("limit"))
)
_QUEUED_NOT_FAILED = _QUEUED.where(PendingDetection.failed_at.is_(None))
_BEAT_AT = select(DetectionFollower.beat_at).where(DetectionFollower.id == 1)


def _unused_tracking_code(session: Session, slug: str) -> str:
    while True:
        code = new_tracking_code(slug)
        taken = session.scalar(_CODE_TAKEN, {"code": code})
        if taken is None:
            return code
