"""`flask --app wsgi themes build [--consultation SLUG] [--pillar CODE]`: group the approved
comments into themes, keeping what people decided; `flask --app wsgi themes worker`: run the
rebuilds the staff pages queue on RQ."""

from __future__ import annotations

import os
import time

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from app.config import SUPPORTED_LANGUAGES
from app.db import db
from app.i18n import force_language
from app.taxonomy.models import Consultation, Pillar
from app.themes import jobs
from app.themes.services import analyse, approved_count, store

themes_cli = AppGroup("themes", help="Themes: what the approved comments ask for.")


def _default_language() -> str:
    lang = (os.environ.get("LANG") or "en")[:2]
    return lang if lang in SUPPORTED_LANGUAGES else "en"


@themes_cli.command("build")
@click.option("--consultation", "slug", default=None, help="Its slug (default: every one).")
@click.option("--pillar", "code", default=None, help="One pillar's code (default: each).")
@click.option(
    "--lang", type=click.Choice(list(SUPPORTED_LANGUAGES)), default=_default_language,
    show_default="from LANG", help="Language of the messages.",
)  # fmt: skip
def build_command(slug: str | None, code: str | None, lang: str) -> None:
    """Group each consultation's approved comments into themes, within each pillar, in
    English and Spanish together. A rebuild keeps what people decided (renamed labels,
    dismissed themes, comments placed by hand). One transaction per consultation."""
    with force_language(lang):
        session = db.session
        query = select(Consultation).order_by(Consultation.id)
        if slug is not None:
            query = query.where(Consultation.slug == slug)
        consultations = list(session.scalars(query))
        if slug is not None and not consultations:
            raise click.ClickException(_("No consultation “%(slug)s”.", slug=slug))
        pillar = None
        if code is not None:
            pillar = session.scalar(select(Pillar).where(Pillar.code == code))
            if pillar is None:
                raise click.ClickException(_("No pillar “%(code)s”.", code=code))
        for consultation in consultations:
            _build_one(consultation, pillar)


def _build_one(consultation: Consultation, pillar: Pillar | None) -> None:
    session = db.session
    slug = consultation.slug
    consultation_id = consultation.id
    total = approved_count(session, consultation, pillar)
    if total == 0:
        click.echo(_("%(slug)s: no approved comments to group; nothing was written.", slug=slug))
        return
    started = time.monotonic()
    job_id = jobs.start(session, consultation_id, pillar.id if pillar else None, total, "cli")
    if job_id is None:
        click.echo(
            _("%(slug)s: its themes are being built already; try again when that ends.", slug=slug)
        )
        return
    with click.progressbar(
        length=total, label=_("%(slug)s: reading the comments", slug=slug), show_pos=True
    ) as bar:

        def progress(step: int) -> None:
            bar.update(step)
            jobs.report_progress(job_id, bar.pos, total)

        try:
            found = analyse(session, consultation, pillar, progress)
        except Exception as exc:
            session.rollback()
            jobs.fail(job_id, exc)
            raise
    click.echo(_("Saving the themes…"))
    # The read transaction ends before the writing one starts (app/themes/jobs.py).
    session.rollback()
    try:
        report = store(session, found)
        session.commit()
    except Exception as exc:
        session.rollback()
        jobs.fail(job_id, exc)
        raise
    jobs.finish(job_id, report)
    themes = report.total("themes")
    click.echo(
        ngettext(
            "%(slug)s: %(num)d theme; %(themed)d of %(total)d comments in a theme (%(seconds)s s).",
            "%(slug)s: %(num)d themes; %(themed)d of %(total)d comments in a theme "
            "(%(seconds)s s).",
            themes,
            slug=slug,
            themed=report.total("themed"),
            total=report.comments,
            seconds=f"{time.monotonic() - started:.1f}",
        )
    )
    click.echo(
        _(
            "Kept what people decided: %(labels)d renamed, %(dismissed)d dismissed, "
            "%(made)d made by hand, %(placed)d comments placed by hand.",
            labels=report.total("kept_labels"),
            dismissed=report.total("kept_dismissed"),
            made=report.total("kept_human_themes"),
            placed=report.total("kept_placed"),
        )
    )


@themes_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool) -> None:
    """Run an RQ worker for theme builds started from the staff pages (needs REDIS_URL); run
    as many as you like."""
    from flask import current_app

    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: theme builds run in the web process")
    from rq import Worker

    queue = jobs.rq_queue(current_app)
    Worker([queue], connection=queue.connection).work(burst=burst)
