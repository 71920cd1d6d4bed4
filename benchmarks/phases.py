"""Where a submission's time goes: CPU per phase of the form GET and the comment POST.

    INSTANCE_PATH=/tmp/consulta-phases .venv/bin/flask --app wsgi db upgrade heads
    INSTANCE_PATH=/tmp/consulta-phases .venv/bin/flask --app wsgi seed
    INSTANCE_PATH=/tmp/consulta-phases .venv/bin/python -m benchmarks.phases [N] [--wall]

Wraps the intake's steps with timers and sends N form GET + POST pairs through the app
in-process (the test client: no network, no gunicorn), after 5 unmeasured ones. CPU time
(time.process_time; --wall for wall time): SQLite runs inside the process, so on SQLite it
covers the database too, and it moves little when the machine is busy with other work.
`--no-campaigns` leaves campaign detection out (to measure the rest of the POST while it
changes elsewhere). Figures are per request, in milliseconds; phases nest
(create_submission holds the audit event, language detection and the tracking code).
Campaign detection runs once the response has been sent (when the server closes it) when no
campaign follower runs: the loop closes each POST's response as a server does and reports
that step apart, so a pair's CPU is GET + POST + after. `--follower` does as the web workers
do while `flask campaigns follow` beats (no detection after the response), then drains the
queue in the follower's batches (app.intake.follower.drain) and reports its CPU per comment
apart. The database gains N + 5 rows.
"""

from __future__ import annotations

import collections
import functools
import os
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("FORM_MIN_SECONDS", "0")
os.environ["FLASK_RATELIMIT_ENABLED"] = "false"
os.environ["MAIL_SERVER"] = ""
WALL = "--wall" in sys.argv
clock: Callable[[], float] = time.perf_counter if WALL else time.process_time
PHASES = (
    ("views", "_render_form", "form page (GET: kept page + this visitor's values)"),
    ("views", "_consultation_or_404", "GET: consultation lookup (first query)"),
    ("queries", "consultation_and_earlier", "POST: consultation + nonce (first query: BEGIN)"),
    ("views", "fill_choices", "form options (cached; offer version query)"),
    ("views", "_new_submission_from", "form → what is stored"),
    ("views", "create_submission", "create_submission (holds the next three)"),
    ("services", "record_event_row", "  audit event (hash chain)"),
    ("services", "_unused_tracking_code", "  tracking code (unique check)"),
    ("services", "detect_language", "  language detection (lingua)"),
    ("views", "commit_keeping_loaded", "commit"),
    ("views", "send_receipt", "receipt mail (render, write .eml)"),
    ("views", "detect_pending", "after the response: the queue (holds detection)"),
    ("services", "detect", "  campaign detection (app.campaigns.services.detect)"),
)


def main() -> None:
    import wsgi
    from app.intake import queries, services, views
    from benchmarks.scenarios.intake import answers, hidden_fields

    modules = {"views": views, "services": services, "queries": queries}
    spent: collections.Counter[str] = collections.Counter()

    def timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += clock() - started

        return wrapper

    if "--no-campaigns" in sys.argv:
        services.detect = lambda session, submission: None  # type: ignore[assignment]
    follower = "--follower" in sys.argv
    if follower:
        views.follower_running = lambda session: True  # type: ignore[assignment]
    for module, name, label in PHASES:
        setattr(modules[module], name, timed(getattr(modules[module], name), label))
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    count = int(numbers[0]) if numbers else 100
    get_s = post_s = after_s = 0.0
    for i in range(count + 5):
        if i == 5:
            spent.clear()
            get_s = post_s = after_s = 0.0
        client = wsgi.app.test_client()
        started = clock()
        page = client.get("/es/c/hled-2026/submit")
        get_s += clock() - started
        body = urlencode([*hidden_fields(page.get_data(as_text=True)).items(), *answers(f"p{i}")])
        started = clock()
        sent = client.post(
            "/es/c/hled-2026/submit", data=body, content_type="application/x-www-form-urlencoded"
        )
        post_s += clock() - started
        assert sent.status_code == 303, sent.status_code
        started = clock()
        sent.close()  # as the server does once the response is sent
        after_s += clock() - started
    kind = "wall" if WALL else "CPU"
    print(
        f"{kind} ms per request over {count} pairs: form GET {get_s / count * 1000:.2f}, "
        f"comment POST {post_s / count * 1000:.2f}, after the response "
        f"{after_s / count * 1000:.2f}"
    )
    for _, _, label in PHASES:
        print(f"  {label:56s} {spent[label] / count * 1000:6.2f}")
    if follower:
        from app.intake.follower import FollowReport, FollowSettings, drain

        report = FollowReport()
        with wsgi.app.app_context():
            started = clock()
            while drain(FollowSettings(nice=0), report):
                pass
            drained_s = clock() - started
        taken = report.detected + report.skipped
        print(
            f"follower: {taken} comments drained, {kind} ms per comment "
            f"{drained_s / max(taken, 1) * 1000:.2f}"
        )


if __name__ == "__main__":
    main()
