"""Command-line operations: `flask --app wsgi seed | users | translate …`.

Each command is one transaction: it commits once at the end, or rolls back and prints one
line saying what was wrong, exiting non-zero.
"""

from __future__ import annotations

import subprocess  # pybabel only (translate commands), fixed arguments  # nosec B404
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from app.db import db
from app.enums import Language, Role

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"


def _fail(message: str) -> None:
    db.session.rollback()
    raise click.ClickException(message)


@click.command("seed")
@click.option(
    "--file",
    "path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Seed file (TOML). Default: the HLED taxonomy shipped with Consulta.",
)
@with_appcontext
def seed_command(path: Path | None) -> None:
    """Load the taxonomy and the demo consultation. Safe to run again."""
    from app.taxonomy.services import HLED_SEED, SeedError, read_seed_file, seed

    try:
        data = read_seed_file(path or HLED_SEED)
        changed = seed(db.session, data)
    except SeedError as exc:
        _fail(str(exc))
    db.session.commit()
    total = sum(changed.values())
    if total:
        details = ", ".join(f"{n} {kind}" for kind, n in changed.items() if n)
        click.echo(f"Seeded: {details}.")
    else:
        click.echo("Seed data already up to date; nothing changed.")


users_cli = AppGroup("users", help="Staff accounts.")


def _read_password() -> str:
    """From a prompt on a terminal; otherwise one line from standard input (scripts, CI)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


@users_cli.command("create")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    required=True,
    help="moderator, secretariat or admin (admin may do everything).",
)
@click.option(
    "--language",
    type=click.Choice([lang.value for lang in Language]),
    default="en",
    show_default=True,
    help="Interface language of the staff pages.",
)
def create_user_command(email: str, role: str, language: str) -> None:
    """Create a staff account; the password is read from a prompt or standard input."""
    from app.staff.services import AccountError, create_user, normalise_email

    try:
        normalise_email(email)  # fail on the address before asking for a password
        password = _read_password()
        user = create_user(db.session, email, password, Role(role), Language(language))
    except AccountError as exc:
        _fail(str(exc))
    db.session.commit()
    click.echo(f"Created {user.role.value} account {user.email}.")


translate_cli = AppGroup("translate", help="Translation catalogs (pybabel).")


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    # Our own interpreter running pybabel with fixed arguments: no input from outside.
    result = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603  # nosec B603
    if result.returncode:
        raise click.ClickException(f"pybabel {args[0]} failed")


def extract_arguments(output: Path) -> list[str]:
    """pybabel's arguments that write the message template to `output`: the one list of the
    marks our code translates with (tests/test_translations.py runs the same)."""
    return [
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_pgettext:1c,2",
        "-k",
        "upgettext:1c,2",
        "--sort-by-file",
        "--no-wrap",
        "--omit-header",
        "-c",
        "Translators:",
        "-o",
        str(output),
        ".",
    ]


def _extract() -> None:
    _pybabel(*extract_arguments(TRANSLATIONS / "messages.pot"))


@translate_cli.command("extract")
def translate_extract() -> None:
    """Refresh translations/messages.pot from the source and templates."""
    _extract()


@translate_cli.command("update")
def translate_update() -> None:
    """Extract, then merge new messages into every language's .po file."""
    _extract()
    _pybabel(
        "update",
        "-i",
        str(TRANSLATIONS / "messages.pot"),
        "-d",
        str(TRANSLATIONS),
        "--no-wrap",
        "--omit-header",
        "--ignore-obsolete",
    )


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the .po files to the .mo files the app reads (kept in the repository)."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


mail_cli = AppGroup("mail", help="Outgoing mail.")


@mail_cli.command("retry")
def mail_retry() -> None:
    """Send again the messages an SMTP failure left in <outbox>/retry/."""
    from flask import current_app

    from app.mail import retry_pending

    sent, waiting = retry_pending(current_app.config)
    click.echo(f"Sent {sent}; still waiting {waiting}.")
    if waiting:
        raise SystemExit(1)


audit_cli = AppGroup("audit", help="The moderation audit trail.")


@audit_cli.command("verify")
def audit_verify() -> None:
    """Recompute the hash chains (moderation, administration, then theme events); report the
    first tampered event or say each is intact."""
    from app import audit
    from app.admin.models import AdminEvent
    from app.intake.models import ModerationEvent
    from app.themes.models import ThemeEvent

    report = audit.verify(db.session, ModerationEvent)
    admin_report = audit.verify(db.session, AdminEvent)
    theme_report = audit.verify(db.session, ThemeEvent)
    if report.intact:
        click.echo(f"Audit chain intact: {report.checked} events checked.")
    if admin_report.intact:
        click.echo(f"Admin audit chain intact: {admin_report.checked} events checked.")
    if theme_report.intact:
        click.echo(f"Theme audit chain intact: {theme_report.checked} events checked.")
    if not report.intact:
        raise click.ClickException(
            f"Audit chain broken at event {report.first_bad_id} "
            f"(after {report.checked - 1} intact events)."
        )
    if not admin_report.intact:
        raise click.ClickException(
            f"Admin audit chain broken at admin event {admin_report.first_bad_id} "
            f"(after {admin_report.checked - 1} intact events)."
        )
    if not theme_report.intact:
        raise click.ClickException(
            f"Theme audit chain broken at theme event {theme_report.first_bad_id} "
            f"(after {theme_report.checked - 1} intact events)."
        )


queue_cli = AppGroup("queue", help="The moderation queue.")


@queue_cli.command("tallies")
@click.option("--rebuild", is_flag=True, help="Recount the tallies from the submissions.")
def queue_tallies(rebuild: bool) -> None:
    """Check that the queue's and the public list's counts (kept by database triggers) agree
    with the submissions;
    with --rebuild, recount them first. Exits non-zero when they disagree."""
    from app.moderation import tallies

    if rebuild:
        tallies.rebuild(db.session)
        db.session.commit()
        click.echo("Queue tallies recounted.")
    report = tallies.check(db.session)
    db.session.rollback()
    if report.agree:
        click.echo(f"Queue tallies agree with the {report.submissions:,} submissions.")
        return
    for table, rows in report.wrong.items():
        if rows:
            click.echo(f"{table}: {rows} row(s) disagree with the submissions.")
    raise click.ClickException("Queue tallies disagree; run `flask queue tallies --rebuild`.")


drafts_cli = AppGroup("drafts", help="Comments saved to finish later.")


@drafts_cli.command("purge")
def drafts_purge() -> None:
    """Delete the drafts older than DRAFT_DAYS (their links no longer open them) and the
    files kept with them that nothing else holds."""
    from flask import current_app

    from app.intake.drafts import purge_expired
    from app.intake.storage import discard_unused

    purged = purge_expired(db.session)
    db.session.commit()
    # After the commit: a file whose row is still there is never removed.
    discard_unused(db.session, current_app.config["UPLOAD_DIR"], purged.released_keys)
    db.session.rollback()
    click.echo(f"Removed {purged.drafts} expired draft(s).")


storage_cli = AppGroup("storage", help="Attachment files under UPLOAD_DIR.")


@storage_cli.command("check")
@click.option(
    "--delete-orphans",
    is_flag=True,
    help="Remove files that no attachment row names (left by requests that never committed).",
)
@click.option(
    "--grace",
    type=click.FloatRange(min=0),
    default=None,
    help="Seconds during which a new unreferenced file is not judged (default: 600). "
    "Use 0 only while the application is stopped.",
)
@click.option("--verify-hashes", is_flag=True, help="Also re-read each file and check its SHA-256.")
def storage_check(delete_orphans: bool, grace: float | None, verify_hashes: bool) -> None:
    """Compare UPLOAD_DIR with the attachment rows: orphan files, missing or damaged files.

    Exits non-zero when a row's file is missing or damaged, when a file is not one the
    application wrote, or when orphans are found and not deleted."""
    from flask import current_app

    from app.intake.storage import DEFAULT_GRACE_SECONDS, check_storage

    report = check_storage(
        db.session,
        current_app.config["UPLOAD_DIR"],
        grace_seconds=DEFAULT_GRACE_SECONDS if grace is None else grace,
        verify_hashes=verify_hashes,
        delete_orphans=delete_orphans,
    )
    db.session.rollback()
    click.echo(
        f"{report.files} files, {report.rows} attachment rows; "
        f"{len(report.orphans)} orphan(s), {len(report.missing)} missing, "
        f"{len(report.damaged)} damaged, {len(report.strangers)} unknown file(s), "
        f"{report.recent} too recent to judge. "
        f"Of the attachment rows, {report.draft_rows} are files kept with drafts."
    )
    for label, keys in (
        ("orphan", [k for k in report.orphans if k not in report.deleted]),
        ("deleted orphan", report.deleted),
        ("missing", report.missing),
        ("damaged", report.damaged),
        ("unknown file", report.strangers),
    ):
        for key in keys:
            click.echo(f"{label}: {key}")
    if report.problems:
        raise SystemExit(1)


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(target: Path) -> None:
    """Write a consistent copy of the database to TARGET while the app keeps serving
    (SQLite's online backup; pg_dump's custom format on PostgreSQL)."""
    from flask import current_app

    from app.backup import BackupFailed, backup

    try:
        backup(current_app.config["SQLALCHEMY_DATABASE_URI"], target)
    except BackupFailed as failed:
        _fail(f"Backup failed: {failed}")
    click.echo(f"Backup written to {target}.")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(source: Path) -> None:
    """Load a backup made by `flask backup` into this app's (empty) database."""
    from flask import current_app

    from app.backup import BackupFailed, restore

    try:
        restore(source, current_app.config["SQLALCHEMY_DATABASE_URI"])
    except BackupFailed as failed:
        _fail(f"Restore failed: {failed}")
    click.echo(f"Restored {source}.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(translate_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(queue_cli)
    app.cli.add_command(storage_cli)
    app.cli.add_command(drafts_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
