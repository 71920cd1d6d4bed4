"""`flask --app wsgi packet build MEETING_ID …` and `flask --app wsgi packet worker`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.db import db
from app.enums import Audience
from app.packets import queries
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file

packet_cli = AppGroup("packet", help="Agenda packets.")


@packet_cli.command("build")
@click.argument("meeting_id", type=int)
@click.option(
    "--format", "fmt", type=click.Choice([f.value for f in PacketFormat]), default="pdf",
    show_default=True, help="pdf, docx or html (printable web page).",
)  # fmt: skip
@click.option(
    "--lang", type=click.Choice([lang.value for lang in PacketLanguage]), default="both",
    show_default=True, help="en, es, or both (bilingual).",
)  # fmt: skip
@click.option("--internal", is_flag=True, help="Every approved comment, marked internal.")
@click.option(
    "--output", type=click.Path(path_type=Path, dir_okay=True), default=None,
    help="File or folder to write (default: the packet's own name, here).",
)  # fmt: skip
def build_command(
    meeting_id: int, fmt: str, lang: str, internal: bool, output: Path | None
) -> None:
    """Build a meeting's packet now, with a progress bar (done/total comments)."""
    meeting = queries.meeting(db.session, meeting_id)
    if meeting is None:
        raise click.ClickException(f"no meeting {meeting_id}")
    audience = Audience.INTERNAL if internal else Audience.PUBLIC
    total = queries.packet_size(db.session, meeting_id, internal)
    with click.progressbar(length=max(total, 1), label="Comments", show_pos=True) as bar:
        seen = {"done": 0}

        def progress(done: int, _total: int) -> None:
            bar.update(done - seen["done"])
            seen["done"] = done

        def laying_out() -> None:
            bar.update(max(total, 1) - seen["done"])
            bar.render_finish()
            click.echo("Laying out the pages…")

        built = build_packet_file(
            db.session,
            meeting,
            PacketFormat(fmt),
            PacketLanguage(lang),
            audience,
            progress,
            laying_out,
        )
    db.session.rollback()
    target = output or Path(built.file_name)
    if target.is_dir():
        target = target / built.file_name
    target.write_bytes(built.data)
    pages = f", {built.pages} pages" if built.pages else ""
    click.echo(f"Wrote {target} ({built.comments} comments{pages}, {len(built.data):,} bytes).")


@packet_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool) -> None:
    """Run an RQ worker for packet jobs (needs REDIS_URL); run as many as you like."""
    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: packets are built in the web process")
    from rq import Worker

    from app.packets.jobs import rq_queue

    queue = rq_queue(current_app)
    Worker([queue], connection=queue.connection).work(burst=burst)
