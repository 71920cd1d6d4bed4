"""Entry points for jobs run by a bare `rq worker`: they build an app from the environment,
like gunicorn's, at the top of the layering where the whole application may be assembled.
(`flask packet worker` and `flask themes worker` run the same jobs inside the app they already
have.)"""

from __future__ import annotations

from collections.abc import Callable

from flask import has_app_context

from app.db import db
from app.packets.jobs import execute
from app.themes import jobs as theme_jobs


def _in_app(run: Callable[[int], None], job_id: int) -> None:
    if has_app_context():
        run(job_id)
        return
    from app import create_app

    app = create_app()
    with app.app_context():
        run(job_id)
        db.engine.dispose()


def run_packet_job(job_id: int) -> None:
    _in_app(execute, job_id)


def run_theme_build(job_id: int) -> None:
    """A theme rebuild queued by the staff pages (app.themes.jobs.launch)."""
    _in_app(theme_jobs.execute, job_id)
