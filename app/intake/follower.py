"""The campaign follower (`flask campaigns follow`): detects the campaigns of new comments in
arrival order, in a process of its own, so that the web workers spend no CPU on it. While it
beats, they leave detection to it; when it stops they detect after the response again."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.db import db, writing
from app.intake.services import (
    FOLLOWER_BEAT_S,
    anything_queued,
    beat,
    detect_pending,
    stop_beating,
)

log = logging.getLogger(__name__)

# A failed detection is tried again this often (and at every start).
RETRY_FAILED_S = 300.0


@dataclass
class FollowSettings:
    # Seconds between two looks at the queue when it is empty: how late a campaign can appear.
    poll_s: float = 0.25
    # Comments per transaction at most, and seconds of detection per transaction at most: a
    # batch holds the audit chain's lock (SQLite's write lock), which new comments wait for.
    batch: int = 20
    budget_s: float = 0.05
    # Added to the process's niceness: under load the web workers come first.
    nice: int = 10


@dataclass
class FollowReport:
    detected: int = 0
    skipped: int = 0
    failed: int = 0


def drain(settings: FollowSettings, report: FollowReport, *, retry_failed: bool = False) -> int:
    """One transaction of detection; how many comments it took from the queue."""
    with writing():
        drained = detect_pending(
            db.session,
            limit=settings.batch,
            budget_s=settings.budget_s,
            retry_failed=retry_failed,
        )
        db.session.commit()
    report.detected += len(drained.detected)
    report.skipped += len(drained.skipped)
    report.failed += len(drained.failed)
    return drained.count


def sweep(settings: FollowSettings, report: FollowReport) -> None:
    """Everything queued, failed detections too: what a stopped follower, a web worker that
    died before its response closed, or an earlier failure left behind. It stops at a
    comment that fails again (kept queued with its failure; ordinary drains go on past it)."""
    while True:
        failed = report.failed
        if drain(settings, report, retry_failed=True) == 0 or report.failed > failed:
            return


def follow(
    settings: FollowSettings,
    stop: threading.Event,
    on_progress: Callable[[FollowReport], None] | None = None,
) -> FollowReport:
    """Sweep, then follow the queue until `stop` is set; beats while it runs and says it
    stopped when it does."""
    report = FollowReport()
    if settings.nice:
        os.nice(settings.nice)
    clock = {"beat": -float("inf"), "sweep": -float("inf")}

    def step() -> bool:
        """One look at the queue; whether there may be more to do at once."""
        now = time.monotonic()
        if now - clock["beat"] >= FOLLOWER_BEAT_S:
            with writing():
                beat(db.session)
                db.session.commit()
            clock["beat"] = now
        if now - clock["sweep"] >= RETRY_FAILED_S:
            sweep(settings, report)
            clock["sweep"] = now
            return False
        # A read first: an empty queue takes no write lock.
        waiting = anything_queued(db.session)
        db.session.rollback()
        return waiting and drain(settings, report) > 0

    try:
        while not stop.is_set():
            try:
                more = step()
            except Exception:
                db.session.rollback()
                log.exception("campaign follower: a step failed; trying again")
                more = False
            if on_progress:
                on_progress(report)
            if not more:
                stop.wait(settings.poll_s)
    finally:
        db.session.rollback()
        with writing():
            stop_beating(db.session)
            db.session.commit()
        db.session.remove()
    return report


def stop_on_signals() -> threading.Event:
    """An event set by SIGTERM and SIGINT (systemd's stop, Ctrl-C): the follower finishes its
    transaction and stops beating."""
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    return stop
