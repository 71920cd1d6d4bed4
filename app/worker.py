"""Entry points for jobs run by a bare `rq worker`: they build an app from the environment,
like gunicorn's, at the top of the layering where the whole application may be assembled.
(`flask packet worker` runs the same jobs inside the app it already has.)"""

from __future__ import annotations

from flask import has_app_context

from app.db import db
from app.packets.jobs import execute


def run_packet_job(job_id: int) -> None:
    if has_app_context():
        execute(job_id)
        return
    from app import create_app

    app = create_app()
    with app.app_context():
        execute(job_id)
        db.engine.dispose()
