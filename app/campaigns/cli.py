"""`flask --app wsgi campaigns rebuild`: recompute fingerprints, band keys and campaigns."""

from __future__ import annotations

import os
import time

import click
from flask.cli import AppGroup

from app.db import db
from app.intake.follower import FollowSettings

campaigns_cli = AppGroup("campaigns", help="Form-letter campaigns.")


@campaigns_cli.command("rebuild")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=lambda: os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Processes that fingerprint texts (used from a few thousand texts on).",
)
def rebuild_command(jobs: int) -> None:
    """Fingerprint every submission again and regroup the campaigns, as intake would have.

    Assigns what intake could not (a detection failure), applies a change of the algorithm,
    and keeps every member a moderator took out of its campaign out. One transaction."""
    from sqlalchemy import func, select

    from app.campaigns.services import rebuild
    from app.intake.models import Submission

    started = time.monotonic()
    total = db.session.scalar(select(func.count()).select_from(Submission)) or 0
    with click.progressbar(length=total, label="Fingerprinting", show_pos=True) as bar:
        report = rebuild(db.session, jobs=jobs, progress=bar.update)
    click.echo("Committing…")
    db.session.commit()
    report.seconds["commit"] = round(time.monotonic() - started - sum(report.seconds.values()), 2)
    click.echo(
        f"{report.submissions} submissions, {report.fingerprinted} fingerprinted, "
        f"{report.band_keys} band keys; {report.campaigns} campaigns with {report.members} "
        f"members ({report.joined} joined, {report.left} left) in "
        f"{time.monotonic() - started:.1f} s."
    )
    click.echo("Seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()))
    click.echo("CPU seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in report.cpu_seconds.items()))


@campaigns_cli.command("follow")
@click.option(
    "--poll",
    type=click.FloatRange(0.01, 60),
    default=FollowSettings.poll_s,
    show_default=True,
    help="Seconds between two looks at an empty queue.",
)
@click.option(
    "--batch",
    type=click.IntRange(1, 1000),
    default=FollowSettings.batch,
    show_default=True,
    help="Comments detected per transaction at most.",
)
@click.option(
    "--budget",
    type=click.FloatRange(0.001, 10),
    default=FollowSettings.budget_s,
    show_default=True,
    help="Seconds of detection per transaction at most (new comments wait for it).",
)
@click.option(
    "--nice",
    type=click.IntRange(0, 19),
    default=FollowSettings.nice,
    show_default=True,
    help="Added to the process's niceness: the web workers come first.",
)
def follow_command(poll: float, batch: int, budget: float, nice: int) -> None:
    """Detect the campaigns of new comments as they arrive, in arrival order, in this
    process instead of the web workers; first a sweep of anything left undetected.

    While it runs (it beats every two seconds), the web workers leave detection to it; when
    it stops, they detect after the response again. Stop it with SIGTERM or Ctrl-C."""
    from app.intake.follower import follow, stop_on_signals

    settings = FollowSettings(poll_s=poll, batch=batch, budget_s=budget, nice=nice)
    click.echo(f"Following new comments (pid {os.getpid()}).")
    report = follow(settings, stop_on_signals())
    click.echo(
        f"Stopped: {report.detected} detected, {report.skipped} already detected, "
        f"{report.failed} failed (kept queued)."
    )
