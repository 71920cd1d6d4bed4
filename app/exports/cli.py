"""`flask --app wsgi export FORMAT --output PATH [--audience …] [filters …]`: the same export
as the download, written to a file with a progress bar."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import click
from flask import g
from flask.cli import with_appcontext

from app.config import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from app.db import db
from app.enums import Audience, SubmissionStatus
from app.exports import queries
from app.exports.formats import FORMATS, write_export
from app.exports.readable import readable
from app.i18n import reading_zone
from app.moderation.queries import QueueFilters
from app.taxonomy.models import Pillar, Sector, Topic

ANY_STATUS = "any"


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _check_code(
    model: type[Pillar] | type[Topic] | type[Sector], code: str | None, what: str
) -> None:
    if code and db.session.scalar(db.select(model.id).where(model.code == code)) is None:
        raise click.ClickException(f"No {what} with the code {code!r}.")


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(sorted(FORMATS)))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (replaced only once the export is complete).")  # fmt: skip
@click.option("--audience", type=click.Choice([a.value for a in Audience]), default="public",
              show_default=True,
              help="public: approved and consented only, names per consent, no e-mail; "
                   "internal: every matching comment and column.")  # fmt: skip
@click.option("--consultation", metavar="SLUG", help="Only this consultation.")
@click.option("--status", type=click.Choice([s.value for s in SubmissionStatus] + [ANY_STATUS]),
              default=SubmissionStatus.APPROVED.value, show_default=True,
              help="Internal exports only; a public export is always approved.")  # fmt: skip
@click.option("--pillar", metavar="CODE", help="Main or second pillar.")
@click.option("--topic", metavar="CODE")
@click.option("--sector", metavar="CODE")
@click.option("--country", metavar="ISO", help="Country code, e.g. MX.")
@click.option("--region", metavar="ISO", help="State or region code, e.g. MX-NLE.")
@click.option("--language", type=click.Choice(["en", "es"]), help="Language written in.")
@click.option("--attachments", type=click.Choice(["yes", "no"]))
@click.option("--since", metavar="YYYY-MM-DD", help="Received on or after (UTC).")
@click.option("--until", metavar="YYYY-MM-DD", help="Received on or before (UTC).")
@click.option("--search", metavar="WORDS", help="Words in title, comment or organization.")
@click.option("--lang", type=click.Choice(list(SUPPORTED_LANGUAGES)), default=DEFAULT_LANGUAGE,
              show_default=True,
              help="XLSX only: the language of its headers and names.")  # fmt: skip
@with_appcontext
def export_command(fmt: str, output: Path, audience: str, consultation: str | None,
                   status: str, pillar: str | None, topic: str | None, sector: str | None,
                   country: str | None, region: str | None, language: str | None,
                   attachments: str | None, since: str | None, until: str | None,
                   search: str | None, lang: str) -> None:  # fmt: skip
    """Export submissions as csv, xlsx, json or ndjson (see docs/exports.md)."""
    consultation_id = None
    if consultation:
        consultation_id = queries.consultation_id(db.session, consultation)
        if consultation_id is None:
            raise click.ClickException(f"No consultation with the slug {consultation!r}.")
    _check_code(Pillar, pillar, "pillar")
    _check_code(Topic, topic, "topic")
    _check_code(Sector, sector, "sector")
    since_date, until_date = _date(since), _date(until)
    filters = QueueFilters(
        status=None if status == ANY_STATUS else SubmissionStatus(status),
        consultation_id=consultation_id,
        pillar=pillar,
        topic=topic,
        sector=sector,
        country=country.upper() if country else None,
        region=region.upper() if region else None,
        language=language,
        has_attachment={"yes": True, "no": False}.get(attachments or ""),
        since=since_date.date() if since_date else None,
        until=until_date.date() if until_date else None,
        search=search or None,
    )
    chosen = Audience(audience)
    sheet = None
    if FORMATS[fmt].chunks is None:
        g.lang = lang  # the locale selector's choice (app.i18n.select_locale)
        consultations = [
            c
            for c in queries.consultations(db.session)
            if not consultation or c.slug == consultation
        ]
        sheet = readable(db.session, chosen, reading_zone(consultations))
    total = queries.export_count(db.session, filters, chosen)
    partial = output.with_name(f".{output.name}.partial")
    written = [0]
    try:
        with (
            click.progressbar(length=total, label=f"Exporting {total:,} rows",
                              file=sys.stderr) as bar,
            partial.open("wb") as target,
        ):  # fmt: skip

            def counted() -> Iterator[list[queries.Record]]:
                for batch in queries.record_batches(db.session, filters, chosen):
                    yield batch
                    written[0] += len(batch)
                    bar.update(len(batch))

            write_export(FORMATS[fmt], counted(), chosen, target, sheet)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
        db.session.rollback()
    click.echo(f"Wrote {written[0]:,} rows ({chosen.value}) to {output}.")
