"""Containment: a copy that adds paragraphs of its own joins its letter's campaign; a comment
of its own that reuses part of a letter does not; two campaigns of one letter merge when a new
copy joins both, unless a moderator changed one of them."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from app import audit
from app.campaigns import services
from app.campaigns.fingerprint import (
    CLEAR_CONTAINMENT,
    CLEAR_SHARE,
    CONTAINMENT,
    LETTER_SHARE,
    THRESHOLD,
    covered,
    fingerprint,
    letter_of,
    shingles_of,
    similarity,
)
from app.db import db
from app.enums import EventAction, Language, Role, SubmissionStatus
from app.intake.trail import event_details
from app.models import Campaign, ModerationEvent, Submission
from app.moderation.services import change_status
from app.staff.services import create_user
from tests import factories
from tests.campaigns.letters import LETTER_EN, add, campaign_of
from tests.staff.helpers import PASSWORD, signed_in

pytestmark = pytest.mark.usefixtures("seeded")

OPENING, ASKS = (p.strip() for p in LETTER_EN.split("\n\n")[1:3])

OWN_PARAGRAPHS = """I run a small freight company in Reynosa with eleven trucks. Last March our
drivers spent 310 hours waiting at the Pharr bridge, and we lost two contracts with a plant in
Matamoros because our deliveries arrived late.

Please also open the lanes on weekends: our customers work on Saturdays, and the inspection
booths close at noon."""

# The letter with two paragraphs of the sender's own: almost twice as long as the letter.
PERSONALISED = LETTER_EN.replace(
    "Sincerely,\nAna López\nBorder Trade Alliance",
    f"{OWN_PARAGRAPHS}\n\nRegards,\nRoberto Núñez",
).replace("Dear members of the Dialogue,", "Good morning,")

# A comment of its own that quotes the letter's opening paragraph.
LOOKALIKE = f"""Hello,

{OPENING}

That is one view. Our association thinks the money would do more good in rail: a single freight
train replaces two hundred trucks, and the Nogales rail crossing has been waiting for a second
track for ten years. Customs officers at the rail yards work fewer hours than at the bridges, and
the pre-clearance pilot for rail cargo was never extended beyond its first six months.

Kind regards,
Thomas Wilson"""


FIRST_ASK = ASKS.split(". ")[0] + "."
SURVEY = """Our chamber counted the trucks at the Colombia bridge for a month: four in ten crossed
empty on the way back, and the drivers' hours ran out before they reached the plants in
Saltillo. A second shift of officers would do more than new lanes."""

# A comment of its own that quotes the letter's opening and the first of its asks (0.797 of
# the letter) inside text of its own (the letter 0.425 of it): past CONTAINMENT and
# LETTER_SHARE, short of CLEAR_CONTAINMENT and CLEAR_SHARE.
QUOTING_LOOKALIKE = f"""Hello,

{OPENING} {FIRST_ASK}

{OWN_PARAGRAPHS}

{SURVEY.split(": ")[0]}.

Kind regards,
Thomas Wilson"""

# The whole letter and two paragraphs of the sender's own: the letter is only 0.435 of it.
FREIGHT = OWN_PARAGRAPHS.split("\n\n")[0]
LONG_PERSONALISED = LETTER_EN.replace(
    "Sincerely,\nAna López\nBorder Trade Alliance",
    f"{FREIGHT}\n\n{SURVEY}\n\nRegards,\nRoberto Núñez",
)


def _shares(body: str) -> tuple[float, float]:
    """(share of the settled letter the text keeps, share of the text the letter is)."""
    voters = [fingerprint(LETTER_EN.replace("Ana López", name)) for name in ("A", "B", "C")]
    letter = letter_of(*(fp.shingles for fp in voters if fp))
    found = fingerprint(body)
    assert found is not None
    runs = covered(letter, found.sequence)
    return runs / len(letter), runs / len(found.shingles)


def _campaign(app: Flask) -> tuple[int, list[int]]:
    """A campaign of three copies: its letter is settled (two texts alone never draw others in
    by containment)."""
    ids = [add(app, LETTER_EN.replace("Ana López", name)) for name in ("Ana", "Luis", "Rosa")]
    campaign_id = campaign_of(app, ids[0])
    assert campaign_id is not None
    return campaign_id, ids


def test_a_personalised_copy_joins_its_letters_campaign(app: Flask) -> None:
    campaign_id, _ids = _campaign(app)
    personalised = add(app, PERSONALISED)
    assert campaign_of(app, personalised) == campaign_id
    with app.app_context():
        event = db.session.scalar(
            select(ModerationEvent).where(
                ModerationEvent.submission_id == personalised,
                ModerationEvent.action == EventAction.CAMPAIGN_JOINED,
            )
        )
        assert f'"campaign_id": {campaign_id}' in event.details


def test_a_comment_that_reuses_the_letters_opening_stays_out(app: Flask) -> None:
    _campaign(app)
    assert campaign_of(app, add(app, LOOKALIKE)) is None
    assert campaign_of(app, add(app, f"{ASKS}\n\n{OWN_PARAGRAPHS}")) is None


def test_a_comment_quoting_the_letters_opening_in_longer_text_of_its_own_stays_out(
    app: Flask, runner: FlaskCliRunner
) -> None:
    kept, share = _shares(QUOTING_LOOKALIKE)
    # Within the bounds a copy needs, in the band where only the look-alike rule refuses it.
    assert CONTAINMENT <= kept < CLEAR_CONTAINMENT
    assert LETTER_SHARE <= share < CLEAR_SHARE
    _campaign(app)
    lookalike = add(app, QUOTING_LOOKALIKE)
    assert campaign_of(app, lookalike) is None
    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert campaign_of(app, lookalike) is None


def test_a_personalised_copy_that_adds_two_long_paragraphs_stays_in(
    app: Flask, runner: FlaskCliRunner
) -> None:
    kept, share = _shares(LONG_PERSONALISED)
    # The letter is less of it than CLEAR_SHARE, but it keeps all of the letter.
    assert kept >= CLEAR_CONTAINMENT
    assert LETTER_SHARE <= share < CLEAR_SHARE
    campaign_id, ids = _campaign(app)
    personalised = add(app, LONG_PERSONALISED)
    assert campaign_of(app, personalised) == campaign_id
    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert campaign_of(app, personalised) == campaign_of(app, ids[0]) is not None


def test_rebuild_finds_the_personalised_copy_that_came_first(
    app: Flask, runner: FlaskCliRunner
) -> None:
    personalised = add(app, PERSONALISED)
    campaign_id, ids = _campaign(app)
    lookalike = add(app, LOOKALIKE)
    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 campaigns with 4 members" in result.output
    assert campaign_of(app, personalised) == campaign_of(app, ids[0]) is not None
    assert campaign_of(app, lookalike) is None
    with app.app_context():
        assert audit.verify(db.session, ModerationEvent).intact


# Two comments of their own that quote the same opening of the letter, and whose own paragraphs
# differ in a few words: alike as wholes (estimated similarity past THRESHOLD), alike mostly
# through the letter.
OWN_RAIL = """Our association agrees on the bridges, and adds that the Nogales rail crossing has
waited for a second track for ten years while freight trains queue in the desert every night."""
TWIN_LOOKALIKES = (
    f"Hello,\n\n{OPENING}\n\n{OWN_RAIL}\n\nKind regards,\nThomas Wilson",
    f"Good morning,\n\n{OPENING}\n\n"
    + OWN_RAIL.replace("association", "chamber")
    .replace("ten years", "six years")
    .replace("freight trains queue", "empty trucks wait")
    + "\n\nBest,\nLaura Ortiz",
)


def test_two_lookalikes_of_one_opening_do_not_start_a_campaign_of_their_own(
    app: Flask, runner: FlaskCliRunner
) -> None:
    first, second = (fingerprint(body) for body in TWIN_LOOKALIKES)
    assert first is not None
    assert second is not None
    assert similarity(first.signature, second.signature) >= THRESHOLD
    campaign_id, ids = _campaign(app)
    lookalikes = [add(app, body) for body in TWIN_LOOKALIKES]
    assert [campaign_of(app, sid) for sid in lookalikes] == [None, None]
    with app.app_context():
        assert db.session.get_one(Campaign, campaign_id).member_count == 3
    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 campaigns with 3 members" in result.output
    assert [campaign_of(app, sid) for sid in lookalikes] == [None, None]


def test_the_same_two_comments_with_no_letter_about_are_a_campaign(app: Flask) -> None:
    """Without a settled letter to explain their likeness, the two are copies of each other."""
    lookalikes = [add(app, body) for body in TWIN_LOOKALIKES]
    assert campaign_of(app, lookalikes[0]) == campaign_of(app, lookalikes[1]) is not None


def test_two_copies_of_a_new_letter_that_shares_a_sentence_with_another_are_a_campaign(
    app: Flask,
) -> None:
    """Only letters both texts quote at length are set aside: one sentence in common with a
    settled letter does not keep two copies of a new letter apart."""
    _campaign(app)
    new_letter = (
        "Dear Secretary,\n\nThe rail crossing at Nogales needs a second track and a customs "
        "yard open at night, so that freight trains stop queuing in the desert. Please set "
        "clear targets for wait times and report on them every quarter.\n\nRegards,\n{name}"
    )
    copies = [add(app, new_letter.format(name=name)) for name in ("Laura Ortiz", "Tom Reyes")]
    assert campaign_of(app, copies[0]) == campaign_of(app, copies[1]) is not None


def _twin_campaign(app: Flask, approve_first: bool = True) -> tuple[int, list[int]]:
    """A second campaign of the same letter, as the detector before containment left them
    (it formed twice early), one of its members already approved."""
    with app.app_context():
        rows = [
            factories.submission(db.session, body=LETTER_EN.replace("Ana López", name))
            for name in ("Rosa Flores", "Kevin Moore", "Emily Wilson")
        ]
        for row in rows:
            db.session.execute(
                services.insert(services.table_of(services.SubmissionFingerprint)).values(
                    submission_id=row.id, exact_hash="legacy", minhash=b"", words=0
                )
            )
        campaign_id = services._start(
            db.session, rows[0].id, rows[1].id, fingerprint(rows[1].body), 1.0,
            shingles_of(rows[0].body),
        )  # fmt: skip
        services._join(db.session, campaign_id, rows[2].id, {"matched": rows[0].id, "score": 1.0})
        if approve_first:
            moderator = create_user(db.session, "mod@example.org", PASSWORD, Role.MODERATOR)
            change_status(
                db.session, rows[0], moderator, SubmissionStatus.APPROVED, rows[0].version
            )
        db.session.commit()
        return campaign_id, [row.id for row in rows]


def test_a_copy_that_joins_two_campaigns_of_one_letter_merges_them(app: Flask) -> None:
    first, first_ids = _campaign(app)
    second, second_ids = _twin_campaign(app)
    # Not an exact copy (an exact copy joins its twin's campaign straight away).
    newcomer = add(app, PERSONALISED)
    assert {campaign_of(app, i) for i in [*first_ids, *second_ids, newcomer]} == {first}
    with app.app_context():
        assert db.session.get(Campaign, second) is None
        assert db.session.get(Campaign, first).member_count == 7
        approved = db.session.get(Submission, second_ids[0])
        assert approved.status is SubmissionStatus.APPROVED
        moved = db.session.scalars(
            select(ModerationEvent.details).where(
                ModerationEvent.submission_id.in_(second_ids),
                ModerationEvent.action == EventAction.CAMPAIGN_JOINED,
            )
        ).all()
        merged = event_details(
            {"campaign_id": first, "from_campaign_id": second, "merged": True, "via": newcomer}
        )
        assert moved.count(merged) == 3
        assert audit.verify(db.session, ModerationEvent).intact


def test_a_campaign_a_moderator_took_members_out_of_is_never_merged(app: Flask) -> None:
    first, first_ids = _campaign(app)
    second, second_ids = _twin_campaign(app, approve_first=False)
    with app.app_context():
        extra = factories.submission(db.session, body=LETTER_EN.replace("Ana López", "Sofía Ruiz"))
        services._join(db.session, second, extra.id, {"matched": second_ids[0], "score": 1.0})
        moderator = create_user(db.session, "mod@example.org", PASSWORD, Role.MODERATOR)
        services.take_out(db.session, extra, moderator, extra.version)
        db.session.commit()
    newcomer = add(app, PERSONALISED)
    assert campaign_of(app, newcomer) == first
    assert {campaign_of(app, i) for i in second_ids} == {second}
    with app.app_context():
        assert db.session.get(Campaign, second).moderator_changed
        assert db.session.get(Campaign, second).member_count == 3


def test_the_campaign_page_shows_what_a_personalised_member_wrote(app: Flask) -> None:
    campaign_id, _ids = _campaign(app)
    add(app, PERSONALISED)
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/campaigns/{campaign_id}").get_data(as_text=True)
    assert page.count("Written by this person (not in the campaign") == 1
    added = page[page.index("consulta-added") :]
    assert "I run a small freight company in Reynosa" in added
    assert "the inspection booths close at noon." in added
    # Greeting, signature and the letter's own paragraphs are not quoted as the person's.
    quoted = added[: added.index("</section>")]
    for absent in ("Good morning", "Roberto Núñez", "We urge both governments"):
        assert absent not in quoted
    spanish = signed_in(app, Role.MODERATOR, Language.ES, email="es@example.org")
    assert "Escrito por esta persona" in spanish.get(f"/es/staff/campaigns/{campaign_id}").get_data(
        as_text=True
    )
