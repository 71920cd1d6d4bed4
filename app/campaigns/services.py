"""Changes to campaigns: detection at intake, taking a member out, one decision for every
pending member, and the rebuild of the whole index. None commits; each membership change
and each decision writes its own event in the hash-chained trail.

Concurrency. Detection runs inside the intake transaction after its 'submitted' event, so it
already holds the audit chain's lock (a PostgreSQL advisory lock; SQLite's single writer):
two web processes receiving near-identical texts at once detect one after the other, and
the second sees the first's committed fingerprint. The chain's lock is taken again here so that
stays true whoever calls. Constraints hold even without that lock: one fingerprint per
submission (primary key), one owner per band key (INSERT … ON CONFLICT DO NOTHING) and one
campaign per representative (unique), so a twin campaign fails and the loser joins the
winner's campaign instead.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import any_, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import set_committed_value

from app import audit
from app.campaigns import fingerprint as fp_module
from app.campaigns.cluster import Assignment, assign, fingerprints, sweep
from app.campaigns.models import Campaign, CampaignShingle, LshBand, SubmissionFingerprint
from app.db import table_of, utcnow
from app.enums import EventAction, RejectionReason, SubmissionStatus
from app.errors import InvalidTransition
from app.intake.models import ModerationEvent, Submission
from app.intake.trail import event_details, record_event
from app.moderation.services import Conflict, change_status, check_reason
from app.staff.models import User

log = logging.getLogger(__name__)


# --- detection at intake -------------------------------------------------------------------------


def detect_safely(session: Session, submission: Submission) -> int | None:
    """Detection that can never lose a submission: any failure is logged and undone to a
    savepoint, the submission is stored without a campaign, and `flask campaigns rebuild`
    assigns it later."""
    try:
        with session.begin_nested():
            return detect(session, submission)
    except Exception:
        log.exception("campaign detection failed for submission %s", submission.id)
        return None


def fingerprinted(session: Session, submission_ids: list[int]) -> set[int]:
    """Which of these submissions have a fingerprint already (a rebuild reached them first),
    so that queued detection (app.intake.services.detect_pending) never runs twice for one."""
    if not submission_ids:
        return set()
    return set(
        session.scalars(
            select(SubmissionFingerprint.submission_id).where(
                SubmissionFingerprint.submission_id.in_(submission_ids)
            )
        )
    )


def detect(session: Session, submission: Submission) -> int | None:
    """Fingerprint a newly flushed submission and put it in a campaign (cluster.assign says
    which, the same decision the rebuild takes): the campaign whose letter it contains, or
    of an exact copy, or of the most similar earlier text (estimated Jaccard >= THRESHOLD);
    campaigns it joins that are one letter merge. The campaign's id."""
    found = fp_module.fingerprint(submission.body)
    if found is None:
        return None
    audit.lock(session, ModerationEvent)
    session.execute(
        _FINGERPRINT_INSERT,
        {
            "submission_id": submission.id,
            "exact_hash": found.exact_hash,
            "minhash": found.signature_bytes,
            "words": found.words,
        },
    )
    target, score, target_campaign = _exact_match(session, found, submission.id)
    if target is None:
        target, score, target_campaign = _near_match(session, found, submission.id)
    _own_band_keys(session, submission.id, found.band_keys)
    return _place(session, submission.id, found, target, score, target_campaign)


def _place(
    session: Session,
    submission_id: int,
    found: fp_module.Fingerprint,
    target: int | None,
    score: float,
    target_campaign: int | None,
) -> int | None:
    """cluster.place against the database (`target_campaign`: the target's campaign)."""
    if score == 1.0 and target is not None and target_campaign is not None:
        _join(session, target_campaign, submission_id, {"matched": target, "score": score})
        return target_campaign
    qualified = _letters_contained(session, found)
    if target_campaign is not None:
        qualified.setdefault(target_campaign, score)
    if not qualified:
        if target is None:
            return None
        body = session.scalar(select(Submission.body).where(Submission.id == target)) or ""
        theirs = fp_module.fingerprint(body)
        if theirs is None or not fp_module.alike_beyond_letters(
            found.shingles, theirs.shingles, _letter_shingles(session, found, theirs)
        ):
            return None
        return _start(session, target, submission_id, found, score, theirs.shingles)
    main = next(iter(qualified))
    if len(qualified) > 1:
        sizes = dict(
            session.execute(
                select(Campaign.id, Campaign.member_count).where(Campaign.id.in_(list(qualified)))
            )
            .tuples()
            .all()
        )
        # The letter it copies best; campaigns of one letter with it merge into the largest.
        best = max(qualified, key=lambda cid: (qualified[cid], sizes.get(cid, 0), -cid))
        group = [c for c in sorted(qualified) if c == best or _one_letter(session, best, c)]
        main = max(group, key=lambda cid: (sizes.get(cid, 0), -cid))
        for other in group:
            if other != main:
                _merge(session, main, other, submission_id)
    if target is not None:
        _join(session, main, submission_id, {"matched": target, "score": score})
        if target_campaign is None:
            # The text it copies, alone until now, comes along.
            _join(session, main, target, {"matched": submission_id, "score": score})
    else:
        _join(session, main, submission_id, {"letter": main, "score": qualified[main]})
    return main


def _one_of(dialect: str, column: Any, name: str) -> Any:
    """`column IN (:name)` with the list bound at execution; on PostgreSQL `column =
    ANY(:name)`: the same SQL text whatever the number of values, so psycopg prepares it once
    per connection and the server stops planning it again for every text (an IN list of 150
    shingles took about 1 ms to plan)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


_FINGERPRINT_INSERT = insert(table_of(SubmissionFingerprint))
_STATEMENTS: dict[tuple[str, str], Any] = {}


def _statement(session: Session, build: Callable[[str], Any]) -> Any:
    """The statement `build` makes for this session's dialect, made once per process: the
    detection's statements take their values as parameters, so building them again for each
    text (coercing every value of a 150-shingle list) was most of its CPU time."""
    dialect = session.get_bind().dialect.name
    key = (build.__name__, dialect)
    statement = _STATEMENTS.get(key)
    if statement is None:
        statement = _STATEMENTS[key] = build(dialect)
    return statement


def _letters_query(dialect: str) -> Any:
    """The settled letters a text may contain, counted over all its shingles (an upper bound
    of what counts in runs, filtered in the query with a bound a little looser than
    fingerprint.contains, which decides in Python): (campaign id, letter size, shared)."""
    counts = (
        select(CampaignShingle.campaign_id, func.count().label("shared"))
        .where(_one_of(dialect, CampaignShingle.shingle, "shingles"))
        .group_by(CampaignShingle.campaign_id)
        .having(func.count() >= bindparam("least"))
        .subquery()
    )
    return (
        select(Campaign.id, Campaign.letter_size, counts.c.shared)
        .join(counts, counts.c.campaign_id == Campaign.id)
        .where(
            # A letter two texts share is not settled yet (cluster.Assignment.containing).
            Campaign.member_count >= fp_module.LETTER_VOTERS,
            Campaign.letter_size > 0,
            counts.c.shared >= Campaign.letter_size * fp_module.CONTAINMENT - 1,
        )
    )


def _letters_contained(session: Session, found: fp_module.Fingerprint) -> dict[int, float]:
    """campaign id -> the share of its letter the text contains, for the letters it is a copy
    of (fingerprint.contains): one query counts the text's shingles in each letter; for the
    settled letters that pass that count (few texts have any), a second reads the text's
    shingles each of them holds; then the runs decide. Runs only need the letter's shingles
    the text has: no letter is read whole. (One query did both: it joined every hit to the
    counts again, about 1,650 rows a text on dev seed 8, twice the time of the two.)"""
    size = len(found.shingles)
    shingles = fp_module.to_signed(found.shingles)
    connection = session.connection()
    counted = connection.execute(
        _statement(session, _letters_query),
        {"shingles": shingles, "least": int(fp_module.LETTER_SHARE * size)},
    ).tuples()
    sizes = {
        cid: letter_size
        for cid, letter_size, shared in counted
        if fp_module.contains(letter_size, shared, size)
    }
    if not sizes:
        return {}
    letters: dict[int, list[int]] = {}
    rows = connection.execute(
        _statement(session, _quoted_shingles_query),
        {"shingles": shingles, "campaigns": list(sizes)},
    )
    for cid, _size, shingle in rows:
        letters.setdefault(cid, []).append(shingle)
    contained = {}
    for cid, values in letters.items():
        runs = fp_module.covered(fp_module.from_signed(values), found.sequence)
        if fp_module.contains(sizes[cid], runs, size):
            contained[cid] = runs / sizes[cid]
    return contained


def _quoted_by_both_query(dialect: str) -> Any:
    """The settled letters of which each of two texts has QUOTED or more (counted over all
    their shingles: an upper bound of what fingerprint.quotes counts in runs)."""
    per_text = []
    for name in ("first", "second"):
        per_text.append(
            select(CampaignShingle.campaign_id, func.count().label("shared"))
            .where(_one_of(dialect, CampaignShingle.shingle, name))
            .group_by(CampaignShingle.campaign_id)
            .subquery()
        )
    first, second = per_text
    return (
        select(Campaign.id)
        .join(first, first.c.campaign_id == Campaign.id)
        .join(second, second.c.campaign_id == Campaign.id)
        .where(
            Campaign.member_count >= fp_module.LETTER_VOTERS,
            Campaign.letter_size > 0,
            first.c.shared >= Campaign.letter_size * fp_module.QUOTED,
            second.c.shared >= Campaign.letter_size * fp_module.QUOTED,
        )
    )


def _quoted_shingles_query(dialect: str) -> Any:
    return (
        select(Campaign.id, Campaign.letter_size, CampaignShingle.shingle)
        .join(Campaign, Campaign.id == CampaignShingle.campaign_id)
        .where(
            _one_of(dialect, CampaignShingle.shingle, "shingles"),
            _one_of(dialect, CampaignShingle.campaign_id, "campaigns"),
        )
    )


def _letter_shingles(session: Session, found: fp_module.Fingerprint, theirs: Any) -> Any:
    """The shingles of the settled letters both texts quote (cluster.Assignment's
    letter_shingles against the database; `theirs`: the other text's fingerprint). The
    letters each text has enough shingles of are counted in the database first; of those,
    only the letters' shingles the texts have are read: the runs need no others."""
    connection = session.connection()
    campaigns = list(
        connection.execute(
            _statement(session, _quoted_by_both_query),
            {
                "first": fp_module.to_signed(found.shingles),
                "second": fp_module.to_signed(theirs.shingles),
            },
        ).scalars()
    )
    if not campaigns:
        return np.empty(0, dtype=np.uint32)
    wanted = np.union1d(found.shingles, theirs.shingles)
    rows = connection.execute(
        _statement(session, _quoted_shingles_query),
        {"shingles": fp_module.to_signed(wanted), "campaigns": campaigns},
    )
    letters: dict[int, tuple[int, list[int]]] = {}
    for cid, size, shingle in rows:
        letters.setdefault(cid, (size, []))[1].append(shingle)
    quoted = []
    for size, values in letters.values():
        letter = fp_module.from_signed(values)
        if fp_module.quotes(letter, found.sequence, size) and fp_module.quotes(
            letter, theirs.sequence, size
        ):
            quoted.append(letter)
    return np.unique(np.concatenate(quoted)) if quoted else np.empty(0, dtype=np.uint32)


def _start(
    session: Session, target_id: int, submission_id: int, found: fp_module.Fingerprint,
    score: float, theirs: Any,
) -> int:  # fmt: skip
    """A campaign of an earlier text and this one (`theirs`: the earlier text's shingles);
    its letter is what they share."""
    campaign_id = _campaign_around(session, target_id)
    new = session.scalar(select(Campaign.letter_size).where(Campaign.id == campaign_id)) == 0
    if new:
        _add_member(session, campaign_id, target_id, {"matched": submission_id, "score": score})
        _set_letter(session, campaign_id, fp_module.letter_of(theirs, found.shingles))
    _join(session, campaign_id, submission_id, {"matched": target_id, "score": score})
    return campaign_id


def _join(session: Session, campaign_id: int, submission_id: int, details: dict[str, Any]) -> None:
    """A member joins; the campaign's letter is settled when its third member joins (the
    shingles at least two of its three members have)."""
    count = _add_member(session, campaign_id, submission_id, details)
    if count != fp_module.LETTER_VOTERS or session.scalar(
        select(Campaign.moderator_changed).where(Campaign.id == campaign_id)
    ):
        return
    bodies = session.scalars(select(Submission.body).where(Submission.campaign_id == campaign_id))
    voters = [fp_module.shingles_of(body) for body in bodies]
    voters = [v for v in voters if len(v)]
    if len(voters) == fp_module.LETTER_VOTERS:
        _set_letter(session, campaign_id, fp_module.letter_of(*voters))


def _set_letter(session: Session, campaign_id: int, letter: Any) -> None:
    session.execute(delete(CampaignShingle).where(CampaignShingle.campaign_id == campaign_id))
    session.execute(
        insert(table_of(CampaignShingle)),
        [{"shingle": h, "campaign_id": campaign_id} for h in fp_module.to_signed(letter)],
    )
    session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id)
        .values(letter_size=len(letter))
        .execution_options(synchronize_session=False)
    )


def _one_letter(session: Session, first: int, second: int) -> bool:
    """Whether two campaigns may merge: their letters are one letter and no moderator changed
    either of them."""
    rows = session.execute(
        select(Campaign.id, Campaign.letter_size, Campaign.moderator_changed).where(
            Campaign.id.in_([first, second])
        )
    ).all()
    if len(rows) != 2 or any(row.moderator_changed for row in rows):
        return False
    mine, theirs = aliased(CampaignShingle), aliased(CampaignShingle)
    shared = session.scalar(
        select(func.count())
        .select_from(mine)
        .join(theirs, theirs.shingle == mine.shingle)
        .where(mine.campaign_id == first, theirs.campaign_id == second)
    )
    return fp_module.one_letter(rows[0].letter_size, rows[1].letter_size, shared or 0)


def _merge(session: Session, into: int, other: int, via: int) -> None:
    """Every member of `other` joins `into`; `other` is no more. Each move is an event in the
    trail; the members' moderation decisions are untouched."""
    moved = list(
        session.scalars(
            select(Submission.id).where(Submission.campaign_id == other).order_by(Submission.id)
        )
    )
    for offset in range(0, len(moved), BATCH):
        _set_campaign(session, moved[offset : offset + BATCH], into)
    session.execute(
        update(Campaign)
        .where(Campaign.id == into)
        .values(member_count=Campaign.member_count + len(moved))
        .execution_options(synchronize_session=False)
    )
    session.execute(delete(CampaignShingle).where(CampaignShingle.campaign_id == other))
    loaded = session.identity_map.get(session.identity_key(Campaign, other))
    if loaded is not None:
        session.expunge(loaded)
    session.execute(delete(Campaign).where(Campaign.id == other))
    details = {"campaign_id": into, "from_campaign_id": other, "merged": True, "via": via}
    _record_events_in_bulk(session, [(sid, EventAction.CAMPAIGN_JOINED, details) for sid in moved])


# (the text matched, its score, its campaign)
Match = tuple[int | None, float, int | None]


def _exact_query(dialect: str) -> Any:
    return (
        select(SubmissionFingerprint.submission_id, Submission.campaign_id)
        .join(Submission, Submission.id == SubmissionFingerprint.submission_id)
        .where(
            SubmissionFingerprint.exact_hash == bindparam("exact_hash"),
            SubmissionFingerprint.submission_id != bindparam("own_id"),
            Submission.campaign_excluded.is_(False),
        )
        .order_by(SubmissionFingerprint.submission_id)
        .limit(1)
    )


def _exact_match(session: Session, found: fp_module.Fingerprint, own_id: int) -> Match:
    # Reads of plain columns go through the connection: the ORM adds nothing to them here.
    first = (
        session.connection()
        .execute(
            _statement(session, _exact_query), {"exact_hash": found.exact_hash, "own_id": own_id}
        )
        .first()
    )
    return (first[0], 1.0, first[1]) if first else (None, 1.0, None)


def _near_query(dialect: str) -> Any:
    return (
        select(
            LshBand.key,
            LshBand.band,
            SubmissionFingerprint.submission_id,
            SubmissionFingerprint.minhash,
            Submission.campaign_id,
        )
        .join(SubmissionFingerprint, SubmissionFingerprint.submission_id == LshBand.submission_id)
        .join(Submission, Submission.id == LshBand.submission_id)
        .where(
            _one_of(dialect, LshBand.key, "keys"),
            LshBand.submission_id != bindparam("own_id"),
            Submission.campaign_excluded.is_(False),
        )
    )


def _near_match(session: Session, found: fp_module.Fingerprint, own_id: int) -> Match:
    """The most similar earlier text among the owners of the text's band keys: one query
    finds the owners with their signatures and campaigns."""
    wanted = set(enumerate(found.band_keys))
    rows = session.connection().execute(
        _statement(session, _near_query), {"keys": list(found.band_keys), "own_id": own_id}
    )
    candidates = {
        candidate: (minhash, campaign_id)
        for key, band, candidate, minhash, campaign_id in rows
        if (band, key) in wanted
    }
    best: Match = (None, 0.0, None)
    for candidate in sorted(candidates):
        minhash, campaign_id = candidates[candidate]
        score = fp_module.similarity(found.signature, fp_module.signature_from_bytes(minhash))
        if score >= fp_module.THRESHOLD and score > best[1]:
            best = (candidate, score, campaign_id)
    return best


def _own_band_keys(session: Session, submission_id: int, keys: tuple[int, ...]) -> None:
    """Claim the band keys nobody has yet (the first text with a key stays its owner)."""
    values = [{"key": key, "band": band, "submission_id": submission_id} for band, key in
              enumerate(keys)]  # fmt: skip
    # Many parameter sets for one statement: compiled once per process (a multi-row VALUES
    # is compiled again every time), sent as one statement by SQLAlchemy's insertmanyvalues.
    session.execute(_statement(session, _band_keys_insert), values)


def _band_keys_insert(dialect: str) -> Any:
    """INSERT … ON CONFLICT (key, band) DO NOTHING."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table_of(LshBand)).on_conflict_do_nothing(index_elements=["key", "band"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table_of(LshBand)).on_conflict_do_nothing(index_elements=["key", "band"])


def _campaign_around(session: Session, representative_id: int) -> int:
    """A new campaign whose first member is `representative_id`; if a concurrent process
    made it first, the unique representative refuses ours and we use theirs."""
    try:
        with session.begin_nested():
            campaign = Campaign(
                representative_submission_id=representative_id, created_at=utcnow(),
                member_count=0,
            )  # fmt: skip
            session.add(campaign)
            session.flush()
            return campaign.id
    except IntegrityError:
        existing = session.scalar(
            select(Campaign.id).where(Campaign.representative_submission_id == representative_id)
        )
        if existing is None:
            raise
        return existing


def _set_campaign(session: Session, submission_ids: list[int], campaign_id: int | None) -> None:
    """Membership is the detector's fact, not an edit of the comment: it neither bumps the
    version a moderator's open page holds nor counts as an update. (A Core statement built
    once: the ORM's UPDATE took four times its CPU, on every join at intake.)"""
    session.execute(
        _statement(session, _campaign_update), {"ids": submission_ids, "to_campaign": campaign_id}
    )
    for submission_id in submission_ids:
        loaded = session.identity_map.get(session.identity_key(Submission, submission_id))
        if loaded is not None:
            set_committed_value(loaded, "campaign_id", campaign_id)


def _campaign_update(dialect: str) -> Any:
    submissions = table_of(Submission)
    return (
        update(submissions)
        .where(_one_of(dialect, submissions.c.id, "ids"))
        .values(campaign_id=bindparam("to_campaign"))
    )


def _add_member(
    session: Session, campaign_id: int, submission_id: int, details: dict[str, Any]
) -> int:
    """The member joins (an event in the trail); the campaign's member count after it. The
    event is appended as the rebuild's are (no ORM object, and no load of a member that is
    not in the session: the earlier text a new one copies usually is not)."""
    _set_campaign(session, [submission_id], campaign_id)
    count = session.connection().scalar(
        _statement(session, _member_count_update), {"campaign_id": campaign_id}
    )
    _record_events_in_bulk(
        session,
        [(submission_id, EventAction.CAMPAIGN_JOINED,
          {"campaign_id": campaign_id, **details, "score": round(details["score"], 3)})],
    )  # fmt: skip
    return count or 0


def _member_count_update(dialect: str) -> Any:
    campaigns = table_of(Campaign)
    return (
        update(campaigns)
        .where(campaigns.c.id == bindparam("campaign_id"))
        .values(member_count=campaigns.c.member_count + 1)
        .returning(campaigns.c.member_count)
    )


# --- a moderator's decisions ---------------------------------------------------------------------


def take_out(
    session: Session, submission: Submission, actor: User, seen_version: int
) -> Campaign | None:
    """A moderator's judgement beats the algorithm: the submission leaves its campaign and
    stays out (also through `campaigns rebuild`). A campaign left with one member is
    dissolved. Returns the campaign if it still exists."""
    if submission.version != seen_version:
        raise Conflict(submission)
    if submission.campaign_id is None:
        raise InvalidTransition("not in a campaign")
    audit.lock(session, ModerationEvent)
    campaign = session.get_one(Campaign, submission.campaign_id)
    # It stays as the moderator leaves it: detection never merges it with another campaign.
    campaign.moderator_changed = True
    submission.campaign_excluded = True
    submission.campaign_id = None
    session.flush()
    # Its band keys no longer lead to it; later copies are found through the other members.
    session.execute(delete(LshBand).where(LshBand.submission_id == submission.id))
    record_event(
        session, submission, EventAction.CAMPAIGN_LEFT, actor,
        details={"campaign_id": campaign.id, "taken_out": True},
    )  # fmt: skip
    return _settle(session, campaign)


def _settle(session: Session, campaign: Campaign) -> Campaign | None:
    """Recount a campaign after a member left; the first member remaining represents it; a
    campaign of one is no campaign."""
    members = list(
        session.scalars(
            select(Submission.id)
            .where(Submission.campaign_id == campaign.id)
            .order_by(Submission.id)
        )
    )
    if len(members) < 2:
        for member_id in members:
            _set_campaign(session, [member_id], None)
            member = session.get_one(Submission, member_id)
            record_event(
                session, member, EventAction.CAMPAIGN_LEFT,
                details={"campaign_id": campaign.id, "dissolved": True},
            )  # fmt: skip
        session.delete(campaign)
        session.flush()
        return None
    campaign.member_count = len(members)
    campaign.representative_submission_id = members[0]
    session.flush()
    return campaign


DECIDABLE = (SubmissionStatus.APPROVED, SubmissionStatus.REJECTED)


def decide_campaign(
    session: Session,
    campaign: Campaign,
    actor: User,
    to_status: SubmissionStatus,
    reason: RejectionReason | None,
    note: str | None,
    up_to_id: int,
) -> int:
    """Approve or reject every pending member the moderator saw (ids up to `up_to_id`: one
    that arrived after the page was shown waits for its own look), with one reason and
    note; each member gets its own event. All or nothing: a member decided meanwhile by a
    colleague fails the whole decision (StaleDataError at flush)."""
    if to_status not in DECIDABLE:
        raise InvalidTransition(to_status.value)
    check_reason(to_status, reason)
    pending = list(
        session.scalars(
            select(Submission)
            .where(
                Submission.campaign_id == campaign.id,
                Submission.status == SubmissionStatus.PENDING,
                Submission.id <= up_to_id,
            )
            .order_by(Submission.id)
        )
    )
    for member in pending:
        change_status(session, member, actor, to_status, member.version, reason, note)
    return len(pending)


# --- rebuild -------------------------------------------------------------------------------------


@dataclass
class RebuildReport:
    submissions: int
    fingerprinted: int
    campaigns: int
    members: int
    joined: int
    left: int
    band_keys: int
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)


BATCH = 5000
# The rebuild groups the fingerprinted texts this many at a time, as they arrive.
GROUP_EVERY = 2000


def rebuild(
    session: Session, jobs: int = 1, progress: Callable[[int], None] | None = None
) -> RebuildReport:
    """Recompute every fingerprint, band key and campaign from the texts, in arrival order,
    as intake would have; members taken out by a moderator stay out. Existing campaigns
    keep their ids where they keep most of their members; every membership change is an
    event. Texts that arrive while it runs are included (read again under the lock)."""
    clock = _Clock()
    rows = session.execute(
        select(Submission.id, Submission.body, Submission.campaign_excluded).order_by(Submission.id)
    ).all()
    texts = [(sid, body) for sid, body, _out in rows]
    excluded = {sid for sid, _body, out in rows if out}
    # Members of campaigns a moderator changed: those campaigns never merge with another.
    kept = set(
        session.scalars(
            select(Submission.id)
            .join(Campaign, Campaign.id == Submission.campaign_id)
            .where(Campaign.moderator_changed.is_(True))
        )
    )
    clock.lap("read")
    # Grouped as the fingerprints arrive, in arrival order: this process groups while the
    # workers fingerprint what comes next, instead of waiting for all of them.
    state = Assignment(kept=kept)
    prints: dict[int, fp_module.Fingerprint | None] = {}
    arrived: list[int] = []

    def group_arrived() -> None:
        assign(((sid, prints[sid], sid in excluded) for sid in arrived), state)
        arrived.clear()

    for sid, found in fingerprints(texts, jobs, progress):
        prints[sid] = found
        arrived.append(sid)
        if len(arrived) >= GROUP_EVERY:
            group_arrived()
    group_arrived()
    clock.lap("fingerprint_group")
    audit.lock(session, ModerationEvent)
    last = rows[-1][0] if rows else 0
    tail = session.execute(
        select(Submission.id, Submission.body, Submission.campaign_excluded)
        .where(Submission.id > last)
        .order_by(Submission.id)
    ).all()
    excluded |= {sid for sid, _body, out in tail if out}
    for sid, found in fingerprints([(sid, body) for sid, body, _out in tail]):
        prints[sid] = found
        arrived.append(sid)
    group_arrived()
    sweep(state)
    clock.lap("group_tail_sweep")
    band_keys = _write_index(session, state)
    clock.lap("write_index")
    joined, left, campaigns = _write_campaigns(session, state, clock)
    _analyze(session)
    clock.lap("analyze")
    return RebuildReport(
        submissions=len(prints),
        fingerprinted=sum(1 for fp in prints.values() if fp is not None),
        campaigns=campaigns,
        members=len(state.representative),
        joined=joined,
        left=left,
        band_keys=band_keys,
        seconds=clock.laps,
        cpu_seconds=clock.cpu,
    )


class _Clock:
    """Wall seconds of each step, and CPU seconds of this process and of the fingerprinting
    processes it waited for (the figure a busy machine moves least)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._last = time.monotonic()
        self._last_cpu = self._cpu_now()

    @staticmethod
    def _cpu_now() -> float:
        import resource

        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    def lap(self, name: str) -> None:
        now, cpu = time.monotonic(), self._cpu_now()
        self.laps[name] = round(now - self._last, 2)
        self.cpu[name] = round(cpu - self._last_cpu, 2)
        self._last, self._last_cpu = now, cpu


def _write_index(session: Session, state: Assignment) -> int:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        session.execute(text("TRUNCATE lsh_bands, submission_fingerprints"))
    else:
        session.execute(delete(LshBand))
        session.execute(delete(SubmissionFingerprint))
    prints = [
        (sid, fp.exact_hash, fp.signature_bytes, fp.words)
        for sid, fp in sorted(state.fingerprints.items()) if fp is not None
    ]  # fmt: skip
    # In key order: each B-tree page is filled once instead of revisited at random. The
    # secondary indexes are built once at the end, faster than kept up row by row.
    keys = np.concatenate([np.fromiter(owners, np.int64, len(owners)) for owners in state.owners])
    sids = np.concatenate(
        [np.fromiter(owners.values(), np.int64, len(owners)) for owners in state.owners]
    )
    numbers = np.repeat(np.arange(len(state.owners)), [len(owners) for owners in state.owners])
    order = np.lexsort((sids, numbers, keys))
    bands = list(
        zip(keys[order].tolist(), numbers[order].tolist(), sids[order].tolist(), strict=True)
    )
    indexes = [*table_of(SubmissionFingerprint).indexes, *table_of(LshBand).indexes]
    for index in indexes:
        index.drop(bind=connection)
    _bulk_insert(session, table_of(SubmissionFingerprint), prints)
    _bulk_insert(session, table_of(LshBand), bands)
    for index in indexes:
        index.create(bind=connection)
    return len(bands)


def _analyze(session: Session) -> None:
    """Fresh planner statistics for the tables the rebuild rewrote. On PostgreSQL a truncated
    table has none until autovacuum gets to it, and with none the planner reads the whole
    band index for each text intake detects (hundreds of ms) instead of probing its keys."""
    if session.connection().dialect.name == "postgresql":
        session.execute(
            text(
                "ANALYZE lsh_bands, submission_fingerprints, campaign_shingles, campaigns, "
                "submissions"
            )
        )


def _bulk_insert(session: Session, table: Any, rows: list[tuple[Any, ...]]) -> None:
    """Many rows, in the order of the table's columns: COPY on PostgreSQL, batched
    executemany on SQLite (with a larger page cache for this connection)."""
    if not rows:
        return
    columns = [c.name for c in table.columns]
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        driver = connection.connection.driver_connection
        if driver is None:  # a pooled connection always has one; never detached here
            raise RuntimeError("no DBAPI connection to COPY through")
        cursor = driver.cursor()
        names = ", ".join(f'"{name}"' for name in columns)
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    connection.exec_driver_sql("PRAGMA cache_size = -262144")
    # The driver's executemany with plain tuples: a million rows without a dict each.
    statement = str(insert(table).compile(dialect=connection.dialect))
    connection.exec_driver_sql(statement, rows)


# A new group of member ids (the first represents it) and the old campaign whose id it keeps
# (None: a new campaign).
Plan = list[tuple[int | None, list[int]]]
MembershipEvent = tuple[int, EventAction, dict[str, Any]]


def _write_campaigns(session: Session, state: Assignment, clock: _Clock) -> tuple[int, int, int]:
    """Store the regrouping and one event per membership that changed; (joined, left,
    campaigns)."""
    old = dict(
        session.execute(
            select(Submission.id, Submission.campaign_id).where(Submission.campaign_id.is_not(None))
        )
        .tuples()
        .all()
    )
    old_ids = set(session.scalars(select(Campaign.id)))
    plan = _plan(state, old)
    # Representatives move between campaigns: clear them all first (they are unique).
    session.execute(update(Campaign).values(representative_submission_id=None))
    new_of = _campaign_of_each_member(session, plan)
    _move_members(session, old, new_of)
    # Old campaigns that kept no member.
    stale = old_ids - set(new_of.values())
    if stale:
        session.execute(delete(Campaign).where(Campaign.id.in_(stale)))
    _set_representatives(session, plan, new_of)
    _write_letters(session, plan, new_of, state)
    session.expire_all()
    clock.lap("write_campaigns")
    events = _membership_events(old, new_of, state)
    _record_events_in_bulk(session, events)
    clock.lap("write_events")
    joined = sum(1 for _sid, action, _d in events if action is EventAction.CAMPAIGN_JOINED)
    return joined, len(events) - joined, len(plan)


def _plan(state: Assignment, old: dict[int, int | None]) -> Plan:
    """Largest group first, each keeps the id of the old campaign most of its members were in
    (the lowest id on a tie) unless a larger group has taken it."""
    groups = sorted(state.campaigns().values(), key=lambda m: (-len(m), m[0]))
    used: set[int] = set()
    plan: Plan = []
    for members in groups:
        counts = Counter(old[m] for m in members if m in old and old[m] not in used)
        keep = min(counts, key=lambda cid: (-counts[cid], cid)) if counts else None
        if keep is not None:
            used.add(keep)
        plan.append((keep, members))
    return plan


def _campaign_of_each_member(session: Session, plan: Plan) -> dict[int, int]:
    """The campaign id of every member, making the campaigns that keep no old id."""
    new_of: dict[int, int] = {}
    for keep, members in plan:
        if keep is None:
            campaign = Campaign(created_at=utcnow(), member_count=0)
            session.add(campaign)
            session.flush()
            keep = campaign.id
        for member in members:
            new_of[member] = keep
    return new_of


def _move_members(session: Session, old: dict[int, int | None], new_of: dict[int, int]) -> None:
    """One UPDATE per target campaign (and per batch), only for submissions that move."""
    changed: dict[int | None, list[int]] = {}
    for sid in set(old) | set(new_of):
        if old.get(sid) != new_of.get(sid):
            changed.setdefault(new_of.get(sid), []).append(sid)
    for campaign_id, ids in changed.items():
        for offset in range(0, len(ids), BATCH):
            session.execute(
                update(Submission)
                .where(Submission.id.in_(ids[offset : offset + BATCH]))
                .values(campaign_id=campaign_id)
                .execution_options(synchronize_session=False)
            )


def _set_representatives(session: Session, plan: Plan, new_of: dict[int, int]) -> None:
    for _kept, members in plan:
        session.execute(
            update(Campaign)
            .where(Campaign.id == new_of[members[0]])
            .values(representative_submission_id=members[0], member_count=len(members))
        )


def _write_letters(session: Session, plan: Plan, new_of: dict[int, int], state: Assignment) -> None:
    session.execute(delete(CampaignShingle))
    rows: list[tuple[int, int]] = []
    sizes: dict[int, int] = {}
    for _kept, members in plan:
        letter = state.letters[state.representative[members[0]]]
        campaign_id = new_of[members[0]]
        sizes[campaign_id] = len(letter)
        rows.extend((h, campaign_id) for h in fp_module.to_signed(letter))
    rows.sort()
    _bulk_insert(session, table_of(CampaignShingle), rows)
    for campaign_id, size in sizes.items():
        session.execute(update(Campaign).where(Campaign.id == campaign_id).values(letter_size=size))


def _membership_events(
    old: dict[int, int | None], new_of: dict[int, int], state: Assignment
) -> list[MembershipEvent]:
    """In submission order: left (no campaign now), or joined (from another one, with the
    text it matched and the score when the grouping knows them)."""
    events: list[MembershipEvent] = []
    for sid in sorted(set(old) | set(new_of)):
        before, after = old.get(sid), new_of.get(sid)
        if before == after:
            continue
        if after is None:
            events.append(
                (sid, EventAction.CAMPAIGN_LEFT, {"campaign_id": before, "rebuild": True})
            )
        else:
            details: dict[str, Any] = {"campaign_id": after, "rebuild": True}
            if before is not None:
                details["from_campaign_id"] = before
            if sid in state.matched:
                details["matched"], score = state.matched[sid]
                details["score"] = round(score, 3)
            events.append((sid, EventAction.CAMPAIGN_JOINED, details))
    return events


def _record_events_in_bulk(session: Session, events: list[MembershipEvent]) -> None:
    """The same chained events record_event writes, appended in batches (app.audit)."""
    now = utcnow()
    audit.append_many(
        session,
        ModerationEvent,
        [
            {
                "submission_id": submission_id,
                "actor_id": None,
                "created_at": now,
                "action": action,
                "from_status": None,
                "to_status": None,
                "reason": None,
                "note": None,
                "details": event_details(details),
            }  # fmt: skip
            for submission_id, action, details in events
        ],
    )
