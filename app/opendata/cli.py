"""`flask --app wsgi opendata publish [--consultation SLUG]`: build the open data files."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from app.config import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from app.db import db
from app.i18n import force_language

opendata_cli = AppGroup("opendata", help="Bulk open data files.")


@opendata_cli.command("publish")
@click.option("--consultation", metavar="SLUG", help="Only this consultation (default: all).")
@click.option("--lang", type=click.Choice(list(SUPPORTED_LANGUAGES)), default=DEFAULT_LANGUAGE,
              show_default=True, help="The language of the messages.")  # fmt: skip
def publish_command(consultation: str | None, lang: str) -> None:
    """Write each consultation's published comments as NDJSON.gz and CSV files, with their
    row counts and SHA-256, into OPEN_DATA_DIR (served at /<lang>/open-data). Run it after a
    moderation batch, or from cron: a comment withdrawn, rejected or disputed since the last
    build is gone from the next one."""
    from app.opendata import queries, services

    with force_language(lang):
        found = queries.consultations(db.session, consultation)
        if consultation is not None and not found:
            raise click.ClickException(
                _(
                    "No consultation has the address “%(slug)s”. Nothing was written.",
                    slug=consultation,
                )  # fmt: skip
            )
        try:
            for row in found:
                total = queries.published_count(db.session, row.id)
                label = _("%(slug)s: %(num)s comments", slug=row.slug, num=f"{total:,}")
                with click.progressbar(length=total, label=label, show_pos=True,
                                       file=sys.stderr) as bar:  # fmt: skip
                    manifest = services.publish(db.session, row, progress=bar.update)
                for fmt, entry in manifest.files.items():
                    click.echo(f"{row.slug}.{fmt}\t{manifest.rows}\t{entry.bytes}\t{entry.sha256}")
                click.echo(
                    _(
                        "%(slug)s: %(rows)s rows in %(seconds)s s.",
                        slug=row.slug,
                        rows=manifest.rows,
                        seconds=manifest.seconds,
                    )  # fmt: skip
                )
        finally:
            db.session.rollback()  # read only: end the snapshot the build read from
