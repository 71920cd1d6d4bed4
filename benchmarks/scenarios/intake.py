"""Intake: sustained successful new submissions per second, next to a bare Flask hello-world.

A success is a POST of the public form answered 303 with a Location under /es/receipt/. Each
POST carries a form of its own (a fresh nonce), so every success is a new row; a re-used
nonce would also be answered 303 but store nothing, and is never sent.

The app is driven two ways, one after the other, on one gunicorn server:

- ``pair`` (the headline): every connection is a stream of new visitors. Each round GETs the
  form without a cookie (new session, CSRF token, nonce), then POSTs it with valid answers
  and that session cookie. Nobody can submit without loading the form, so the rate of
  successful POSTs in this flow is the sustained submissions/s, forms included. The target
  rows ``pair:form`` (GET) and ``pair:submit`` (POST) give each request's latency; pairs/s
  counts completed rounds, successful or not.
- ``prefetched`` (full runs only): forms are fetched before the window (untimed), then only
  POSTs are sent. That is the cost of the submission request alone, an upper bound on
  submissions/s rather than what visitors can sustain. Fetching the forms takes about as long
  as the pair run itself, which CI's ``--quick`` smoke run cannot spare.

The yardstick is ``textbook``: a textbook Flask-WTF intake app (benchmarks/textbook: CSRF,
six validated fields, one ORM insert and commit, a 303 to a receipt) on the same database,
served by the same gunicorn settings and loaded by the same pair flow, in the same run. The
goal is ``pairs_over_textbook`` >= 0.5 on both engines (Consulta's form may cost at most
twice a textbook form's); it is reported, not enforced. The hello-world, loaded inside this
scenario exactly as baseline does, gives ``*_over_hello_rps`` beside it.

Consulta is served as `make run` serves it: gunicorn and, beside it, the campaign follower
(`flask campaigns follow`, which detects new comments' campaigns outside the web workers).
``server_cpu_ms_per_pair`` is gunicorn's CPU; the follower's is reported apart
(``follower_cpu_ms_per_comment``, over the flow and the drain of what was left queued at its
end, ``detection_drain_s``), and ``cpu_ms_per_pair_with_follower`` adds both.
``BENCH_INTAKE_FOLLOWER=0`` runs without the follower: the web workers then detect after each
response, as before it existed (the before/after of that change on one commit).

Afterwards the ``submissions`` table is counted (sqlite3 or psycopg): the rows carrying this
run's marker must equal the successful POSTs counted over the whole run (warm-up and
requests finishing after the window included), with as many distinct nonces and bodies;
otherwise the scenario fails. Receipt mails go to the instance outbox (MAIL_SERVER is
cleared), a file per submission, as they would without an SMTP server.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import math
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from benchmarks.context import APP_MODULE, HELLO_MODULE, Context, Database
from benchmarks.loadgen import FlowClient, FlowResult, FlowStep, Reply
from benchmarks.server import ROOT, GunicornServer, RssSampler, cpu_seconds

NAME = "intake"
ORDER = 20
LANG = "es"
SLUG = "hled-2026"
FORM_PATH = f"/{LANG}/c/{SLUG}/submit"
RECEIPT_PREFIX = f"/{LANG}/receipt/"
# No "too fast" refusal (the client fills the form in microseconds), no rate limit, and mail
# written to the instance outbox rather than sent to whatever MAIL_SERVER the caller has set.
SERVER_ENV = {"FORM_MIN_SECONDS": "0", "FLASK_RATELIMIT_ENABLED": "false", "MAIL_SERVER": ""}
# Prefetched forms: the POST-only rate is estimated from the pair flow; fetch this many times
# what that estimate says the warm-up and window will use. A connection that runs dry anyway
# ends the window for all (see loadgen.run_flow); below MIN_WINDOW_FRACTION of the configured
# window the figure is too thin and the scenario fails.
PREFETCH_MARGIN = 1.2
MIN_WINDOW_FRACTION = 0.5
PREFETCH_MIN_PER_CONNECTION = 20
PREFETCH_MAX = 40_000
HIDDEN_FIELDS = ("csrf_token", "started", "nonce")
# The yardstick: a textbook Flask-WTF intake app (benchmarks/textbook), served the same way.
TEXTBOOK_MODULE = "benchmarks.textbook.intake:app"
TEXTBOOK_FORM_PATH = "/submit"
TEXTBOOK_RECEIPT_PREFIX = "/receipt/"
TEXTBOOK_HIDDEN = ("csrf_token",)
GOAL_OVER_TEXTBOOK = 0.5


# --- the form, as a browser fills it ------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """One GET's worth of form: its session cookie and hidden fields (picklable)."""

    cookie: str
    fields: tuple[tuple[str, str], ...]


def hidden_fields(page: str) -> dict[str, str]:
    """The form's hidden fields (as tests/intake/helpers.py reads them)."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="(csrf_token|started|nonce)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and value:
            found[name.group(1)] = html.unescape(value.group(1))
    return found


def read_form(reply: Reply | None, hidden: tuple[str, ...] = HIDDEN_FIELDS) -> Form | None:
    """The form in a GET's answer, or None when it is not a usable form page."""
    if reply is None or reply.status != 200:
        return None
    fields = hidden_fields(reply.body.decode("utf-8", errors="replace"))
    cookies = [value.split(";", 1)[0].strip() for value in reply.headers.get_all("Set-Cookie", [])]
    if set(fields) != set(hidden) or not cookies:
        return None
    return Form(cookie="; ".join(cookies), fields=tuple(sorted(fields.items())))


def is_form(reply: Reply) -> bool:
    return read_form(reply) is not None


def is_receipt(reply: Reply) -> bool:
    """A successful submission: 303 to this language's receipt page."""
    location = reply.headers.get("Location", "")
    return reply.status == 303 and urlsplit(location).path.startswith(RECEIPT_PREFIX)


def answers(tag: str) -> list[tuple[str, str]]:
    """Valid answers (tests/intake/helpers.py's `valid_answers()`), the body made unique."""
    return [
        ("sector", "state_government"),
        ("organization", "Secretaría de Economía de Nuevo León"),
        ("submitter_name", "María Fernanda Garza"),
        ("email", "mfgarza@example.org"),
        ("location", "MX-NLE"),
        ("primary_pillar", "building_back_together"),
        ("secondary_pillar", ""),
        ("topics", "semiconductors"),
        ("topics", "border_infrastructure"),
        ("title", "Infraestructura fronteriza para la industria"),
        (
            "body",
            "Proponemos ampliar los cruces fronterizos de Nuevo León y agilizar la inspección "
            f"de carga para fortalecer la cadena de suministro de semiconductores. [{tag}]",
        ),
        ("consent", "named"),
        ("website", ""),
    ]


def textbook_answers(tag: str) -> list[tuple[str, str]]:
    """The textbook form's six fields, filled like Consulta's (same text, body made unique)."""
    return [
        ("sector", "state_government"),
        ("name", "María Fernanda Garza"),
        ("email", "mfgarza@example.org"),
        ("organization", "Secretaría de Economía de Nuevo León"),
        ("title", "Infraestructura fronteriza para la industria"),
        (
            "body",
            "Proponemos ampliar los cruces fronterizos de Nuevo León y agilizar la inspección "
            f"de carga para fortalecer la cadena de suministro de semiconductores. [{tag}]",
        ),
    ]


def is_textbook_form(reply: Reply) -> bool:
    return read_form(reply, TEXTBOOK_HIDDEN) is not None


def is_textbook_receipt(reply: Reply) -> bool:
    location = reply.headers.get("Location", "")
    return reply.status == 303 and urlsplit(location).path.startswith(TEXTBOOK_RECEIPT_PREFIX)


def get_form(client: FlowClient) -> Form | None:
    return read_form(client.request("form", "GET", FORM_PATH, expect=is_form))


def post_form(client: FlowClient, form: Form, tag: str) -> None:
    client.request(
        "submit",
        "POST",
        FORM_PATH,
        body=urlencode([*form.fields, *answers(tag)]).encode(),
        headers={"Cookie": form.cookie, "Content-Type": "application/x-www-form-urlencoded"},
        expect=is_receipt,
    )


# --- the two flows (picklable factories: they run in spawned client processes) -----------------


@dataclass(frozen=True)
class PairFlow:
    """Each round: a new visitor GETs the form, then POSTs it."""

    marker: str

    def __call__(self, connection: int) -> FlowStep:
        rounds = itertools.count()

        def step(client: FlowClient) -> bool:
            form = get_form(client)
            if form is not None:
                post_form(client, form, f"{self.marker} pair c{connection} n{next(rounds)}")
                client.count("pair")
            return True

        return step


@dataclass(frozen=True)
class TextbookPairFlow:
    """The same rounds against the textbook app (benchmarks/textbook): GET its form, POST it."""

    marker: str

    def __call__(self, connection: int) -> FlowStep:
        rounds = itertools.count()

        def step(client: FlowClient) -> bool:
            reply = client.request("form", "GET", TEXTBOOK_FORM_PATH, expect=is_textbook_form)
            form = read_form(reply, TEXTBOOK_HIDDEN)
            if form is not None:
                tag = f"{self.marker} textbook c{connection} n{next(rounds)}"
                client.request(
                    "submit",
                    "POST",
                    TEXTBOOK_FORM_PATH,
                    body=urlencode([*form.fields, *textbook_answers(tag)]).encode(),
                    headers={
                        "Cookie": form.cookie,
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                    expect=is_textbook_receipt,
                )
                client.count("pair")
            return True

        return step


@dataclass(frozen=True)
class PrefetchedFlow:
    """Each round POSTs the next of the connection's prefetched forms; stops when none is left."""

    marker: str
    forms: tuple[tuple[Form, ...], ...]  # one tuple per connection

    def __call__(self, connection: int) -> FlowStep:
        forms = iter(self.forms[connection])
        rounds = itertools.count()

        def step(client: FlowClient) -> bool:
            form = next(forms, None)
            if form is None:
                return False
            post_form(client, form, f"{self.marker} prefetched c{connection} n{next(rounds)}")
            return True

        return step


def fetch_forms(port: int, count: int, threads: int) -> tuple[list[Form], dict[str, int]]:
    """`count` forms, each from its own cookie-less GET, over `threads` connections.

    Returns the forms and the status counts of the GETs (a GET that gave no usable form is
    retried by a later round, up to twice `count` GETs in all).
    """
    forms: list[Form] = []
    lock = threading.Lock()
    budget = itertools.count()

    def worker() -> Counter[str]:
        # A window from 0 to infinity: FlowClient counts every answer in its totals.
        client = FlowClient(port, 0.0, math.inf)
        try:
            while next(budget) < 2 * count:
                with lock:
                    if len(forms) >= count:
                        break
                form = get_form(client)
                with lock:
                    if form is not None and len(forms) < count:
                        forms.append(form)
        finally:
            client.close()
        return client.totals

    statuses: Counter[str] = Counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(worker) for _ in range(threads)]
        for future in futures:
            # result() re-raises a worker's exception here rather than losing it in a thread.
            statuses.update(future.result())
    form_statuses = {
        key.removeprefix("form "): n
        for key, n in sorted(statuses.items())
        if key.startswith("form ") and key != "form ok"
    }
    return forms, form_statuses


# --- what the database holds ---------------------------------------------------------------------


@dataclass(frozen=True)
class RowCount:
    total: int  # every row in submissions
    marked: int  # rows whose body carries this run's marker
    distinct_nonces: int  # among the marked rows
    distinct_bodies: int  # among the marked rows


def count_rows(database: Database, marker: str) -> RowCount:
    """Count `submissions` directly (not through the app) with the engine's own driver."""
    pattern = f"%[{marker} %"
    if database.kind == "sqlite":
        path = database.url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
            (total,) = conn.execute("SELECT count(*) FROM submissions").fetchone()
            marked = conn.execute(
                "SELECT count(*), count(DISTINCT form_nonce), count(DISTINCT body) "
                "FROM submissions WHERE body LIKE ?",
                (pattern,),
            ).fetchone()
    elif database.kind == "postgresql":
        import psycopg

        url = database.url.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(url, connect_timeout=10) as conn:
            (total,) = conn.execute("SELECT count(*) FROM submissions").fetchone() or (0,)
            marked = conn.execute(
                "SELECT count(*), count(DISTINCT form_nonce), count(DISTINCT body) "
                "FROM submissions WHERE body LIKE %s",
                (pattern,),
            ).fetchone()
    else:
        raise ValueError(f"unknown database kind: {database.kind!r}")
    assert marked is not None
    return RowCount(total, *marked)


def scalar(database: Database, query: str) -> int:
    """One integer from a query without parameters, with the engine's own driver."""
    if database.kind == "sqlite":
        path = database.url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
            (found,) = conn.execute(query).fetchone()
            return int(found or 0)
    import psycopg

    url = database.url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(url, connect_timeout=10) as conn:
        (found,) = conn.execute(query).fetchone() or (0,)  # type: ignore[arg-type]
        return int(found or 0)


# --- the campaign follower, beside the server as `make run` starts it ---------------------------

FOLLOWER_START_S = 60.0
DRAIN_TIMEOUT_S = 600.0


@dataclass
class Follower:
    process: subprocess.Popen[bytes] | None

    def cpu_s(self) -> float:
        return cpu_seconds(self.process.pid) if self.process else 0.0

    def queued(self, database: Database) -> int:
        return scalar(database, "SELECT count(*) FROM pending_detections")

    def drain(self, database: Database) -> float:
        """Seconds until nothing is queued (at most DRAIN_TIMEOUT_S)."""
        started = time.monotonic()
        while self.process and self.queued(database):
            if time.monotonic() - started > DRAIN_TIMEOUT_S:
                break
            time.sleep(0.1)
        return round(time.monotonic() - started, 2)


@contextlib.contextmanager
def campaign_follower(ctx: Context, enabled: bool) -> Iterator[Follower]:
    """`flask campaigns follow` on the scenario's database until the block ends (when
    `enabled`); it has beaten once before the block starts, so the web workers see it."""
    if not enabled:
        yield Follower(None)
        return
    log = (ctx.log_dir / "campaign-follower.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "campaigns", "follow"],
        cwd=ROOT, env=ctx.env(SERVER_ENV), stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + FOLLOWER_START_S
        while not scalar(ctx.database, "SELECT count(*) FROM detection_follower"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the campaign follower did not start (see {log.name})")
            time.sleep(0.1)
        yield Follower(process)
    finally:
        process.terminate()
        try:
            process.wait(STOP_FOLLOWER_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


STOP_FOLLOWER_S = 15.0


def count_textbook_rows(database: Database, marker: str) -> int:
    """Rows of the textbook app's table that carry this run's marker, distinct bodies."""
    pattern = f"%[{marker} %"
    query = "SELECT count(DISTINCT body) FROM textbook_comments WHERE body LIKE "
    if database.kind == "sqlite":
        path = database.url.removeprefix("sqlite:///")
        with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
            (found,) = conn.execute(query + "?", (pattern,)).fetchone()
            return int(found)
    import psycopg

    url = database.url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(url, connect_timeout=10) as conn:
        (found,) = conn.execute(query + "%s", (pattern,)).fetchone() or (0,)
        return int(found)


# --- figures --------------------------------------------------------------------------------------


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 3)


def _per(cpu_s: float, pairs: int) -> float | None:
    return round(cpu_s * 1000 / pairs, 2) if pairs else None


def _non_2xx_3xx(status_counts: dict[str, int]) -> int:
    return sum(n for key, n in status_counts.items() if not key.startswith(("2", "3")))


def target(
    result: FlowResult, label: str, method: str, memory: RssSampler, workers: int
) -> dict[str, Any]:
    """One table row: a request label of a flow run, shaped like baseline's figures."""
    figures = dict(
        result.requests.get(label)
        or {"requests": 0, "requests_per_s": 0.0, "ok": 0, "unexpected": 0, "status_counts": {}}
    )
    figures.update(
        method=method,
        path=FORM_PATH,
        connections=result.connections,
        processes=result.processes,
        warmup_s=result.warmup_s,
        duration_s=result.duration_s,
        window_s=result.window_s,
        non_2xx_3xx=_non_2xx_3xx(figures["status_counts"]),
        app=APP_MODULE,
        workers=workers,
        peak_rss_mb=memory.peak_rss_mb,
        peak_pss_mb=memory.peak_pss_mb,
    )
    return figures


def answers_over_run(result: FlowResult, label: str) -> dict[str, int]:
    """Status -> count of every answer to `label` over the whole run, warm-up included."""
    prefix = f"{label} "
    return {
        key.removeprefix(prefix): n
        for key, n in result.totals.items()
        if key.startswith(prefix) and key != f"{label} ok"
    }


def check_flow(name: str, result: FlowResult, labels: tuple[str, ...]) -> list[str]:
    """Failure messages for any answer, over the whole run, that was not the expected one."""
    failures = []
    for label in labels:
        got = answers_over_run(result, label)
        ok = result.totals.get(f"{label} ok", 0)
        if not ok:
            failures.append(f"{name}:{label}: no expected answer at all {got}")
        elif sum(got.values()) != ok:
            failures.append(
                f"{name}:{label}: {sum(got.values()) - ok} unexpected answer(s) over the run {got}"
            )
    return failures


def prefetch_count(pair: FlowResult, ctx: Context) -> int:
    """How many forms the prefetched flow may use, from the pair flow's figures (generously)."""
    form = pair.requests.get("form", {})
    submit = pair.requests.get("submit", {})
    form_ms, submit_ms = form.get("mean_ms"), submit.get("mean_ms")
    floor = ctx.settings.connections * PREFETCH_MIN_PER_CONNECTION
    if not form_ms or not submit_ms or not submit.get("requests_per_s"):
        return floor
    # With the form GETs gone, each connection posts (form + submit) / submit times as often.
    posts_per_s = submit["requests_per_s"] * (form_ms + submit_ms) / submit_ms
    needed = posts_per_s * (ctx.settings.warmup_s + ctx.settings.duration_s) * PREFETCH_MARGIN
    return min(PREFETCH_MAX, max(floor, math.ceil(needed)))


@dataclass
class Prefetched:
    """The prefetched flow's run, or why it did not run."""

    count: int
    forms: int = 0
    fetch_s: float = 0.0
    fetch_status_counts: dict[str, int] | None = None
    result: FlowResult | None = None
    memory: RssSampler | None = None
    failures: list[str] | None = None

    def facts(self) -> dict[str, Any]:
        return {
            "requested": self.count,
            "fetched": self.forms,
            "fetch_s": self.fetch_s,
            "fetch_status_counts": self.fetch_status_counts,
            "posted": sum(answers_over_run(self.result, "submit").values()) if self.result else 0,
            "window_s": self.result.window_s if self.result else None,
        }


def run_prefetched(ctx: Context, server: GunicornServer, marker: str, count: int) -> Prefetched:
    """Fetch `count` forms (untimed), then POST only, from the same connections."""
    outcome = Prefetched(count=count, failures=[])
    started = time.monotonic()
    forms, outcome.fetch_status_counts = fetch_forms(server.port, count, ctx.settings.connections)
    outcome.fetch_s = round(time.monotonic() - started, 1)
    outcome.forms = len(forms)
    if len(forms) < count:
        outcome.failures = [
            f"prefetch: {len(forms)} of {count} forms ({outcome.fetch_status_counts})"
        ]
        return outcome
    connections = ctx.settings.connections
    per_connection = tuple(tuple(forms[i::connections]) for i in range(connections))
    with server.rss_sampler() as outcome.memory:
        outcome.result = ctx.flow(server, PrefetchedFlow(marker, per_connection))
    outcome.failures = check_flow("prefetched", outcome.result, ("submit",))
    window_s, duration_s = outcome.result.window_s, outcome.result.duration_s
    if window_s < MIN_WINDOW_FRACTION * duration_s:
        outcome.failures.append(
            f"prefetched: the forms ran out {window_s:.1f} s into the {duration_s:g} s window "
            "(the pair flow underestimated the POST rate); raise PREFETCH_MARGIN"
        )
    return outcome


def run(ctx: Context) -> dict[str, Any]:
    """Hello-world, then the pair and prefetched flows on one server; verify the rows."""
    hello = ctx.measure(HELLO_MODULE, "/")
    marker = f"bench-{secrets.token_hex(4)}"
    workers = ctx.settings.workers
    # The yardstick first, on the same database, with the same server settings and client.
    with (
        ctx.serve(TEXTBOOK_MODULE, ready_path=TEXTBOOK_FORM_PATH, env=SERVER_ENV) as server,
        server.rss_sampler() as textbook_memory,
    ):
        cpu_before = cpu_seconds(server.pid)
        textbook = ctx.flow(server, TextbookPairFlow(marker))
        textbook_cpu_s = cpu_seconds(server.pid) - cpu_before
    before = count_rows(ctx.database, marker)
    with_follower = os.environ.get("BENCH_INTAKE_FOLLOWER", "1") != "0"
    with (
        ctx.serve(APP_MODULE, ready_path=FORM_PATH, env=SERVER_ENV) as server,
        campaign_follower(ctx, with_follower) as follower,
    ):
        with server.rss_sampler() as pair_memory:
            cpu_before = cpu_seconds(server.pid)
            follower_cpu_before = follower.cpu_s()
            pair = ctx.flow(server, PairFlow(marker))
            pair_cpu_s = cpu_seconds(server.pid) - cpu_before
        # What the follower had not detected yet when the flow ended, and how long it takes.
        backlog = follower.queued(ctx.database)
        drain_s = follower.drain(ctx.database)
        follower_cpu_s = follower.cpu_s() - follower_cpu_before
        failures = ctx.check_2xx("hello", hello) + check_flow("pair", pair, ("form", "submit"))
        failures += check_flow("textbook", textbook, ("form", "submit"))
        # Fetching the forms costs as long as the GETs of a pair run; CI's quick smoke run
        # cannot spare that. Only worth it when the app works; the pair flow sizes it.
        prefetched = Prefetched(count=0, failures=[])
        if not failures and not ctx.quick:
            prefetched = run_prefetched(ctx, server, marker, prefetch_count(pair, ctx))
            follower.drain(ctx.database)
    failures += prefetched.failures or []
    targets = {
        "hello": hello,
        "textbook:form": target(textbook, "form", "GET", textbook_memory, workers),
        "textbook:submit": target(textbook, "submit", "POST", textbook_memory, workers),
        "pair:form": target(pair, "form", "GET", pair_memory, workers),
        "pair:submit": target(pair, "submit", "POST", pair_memory, workers),
    }
    if prefetched.result is not None and prefetched.memory is not None:
        targets["prefetched:submit"] = target(
            prefetched.result, "submit", "POST", prefetched.memory, workers
        )

    # Every successful POST over the whole run must be exactly one new row.
    submitted = pair.totals.get("submit ok", 0)
    if prefetched.result is not None:
        submitted += prefetched.result.totals.get("submit ok", 0)
    after = count_rows(ctx.database, marker)
    new_rows = after.total - before.total
    for what, found in (
        ("new rows", new_rows),
        ("rows with this run's marker", after.marked),
        ("distinct nonces among them", after.distinct_nonces),
        ("distinct bodies among them", after.distinct_bodies),
    ):
        if found != submitted:
            failures.append(f"rows: {submitted} successful POSTs but {found} {what}")
    textbook_submitted = textbook.totals.get("submit ok", 0)
    textbook_rows = count_textbook_rows(ctx.database, marker)
    if textbook_rows != textbook_submitted:
        failures.append(
            f"rows: textbook {textbook_submitted} successful POSTs but {textbook_rows} rows"
        )
    verified = not any(message.startswith("rows:") for message in failures)

    hello_rps = hello["requests_per_s"]
    submit = pair.requests.get("submit", {})
    prefetched_submit = prefetched.result.requests.get("submit", {}) if prefetched.result else {}
    textbook_submit = textbook.requests.get("submit", {})
    pairs_per_s = pair.events_per_s.get("pair", 0.0)
    textbook_pairs_per_s = textbook.events_per_s.get("pair", 0.0)
    # Server CPU per completed pair over the whole flow (warm-up included): the cost itself,
    # which other work on the machine moves far less than the rates.
    cpu_per_pair = _per(pair_cpu_s, pair.totals.get("pair", 0))
    textbook_cpu_per_pair = _per(textbook_cpu_s, textbook.totals.get("pair", 0))
    pair_comments = pair.totals.get("submit ok", 0)
    follower_cpu_per_comment = _per(follower_cpu_s, pair_comments) if with_follower else None
    with_follower_cpu = _per(pair_cpu_s + follower_cpu_s, pair.totals.get("pair", 0))
    left_queued = scalar(ctx.database, "SELECT count(*) FROM pending_detections")
    if left_queued and with_follower:
        failures.append(f"detection: {left_queued} comment(s) still queued after the drain")
    derived: dict[str, Any] = {
        "textbook_pairs_per_s": textbook_pairs_per_s,
        "textbook_server_cpu_ms_per_pair": textbook_cpu_per_pair,
        "server_cpu_ms_per_pair": cpu_per_pair,
        "textbook_over_consulta_cpu_per_pair": _ratio(textbook_cpu_per_pair, cpu_per_pair),
        "campaign_follower": "yes" if with_follower else "no",
        "follower_cpu_ms_per_comment": follower_cpu_per_comment,
        "cpu_ms_per_pair_with_follower": with_follower_cpu,
        "textbook_over_consulta_cpu_with_follower": _ratio(
            textbook_cpu_per_pair, with_follower_cpu
        ),
        "detection_backlog_at_end": backlog if with_follower else None,
        "detection_drain_s": drain_s if with_follower else None,
        "textbook_submit_p50_ms": textbook_submit.get("p50_ms"),
        "textbook_submit_p99_ms": textbook_submit.get("p99_ms"),
        "pairs_over_textbook": _ratio(pairs_per_s, textbook_pairs_per_s),
        "hello_rps": hello_rps,
        "submissions_per_s": submit.get("ok_per_s"),
        "posts_per_s": submit.get("requests_per_s"),
        "pairs_per_s": pairs_per_s,
        "submissions_over_hello_rps": _ratio(submit.get("ok_per_s"), hello_rps),
        "submit_p50_ms": submit.get("p50_ms"),
        "submit_p99_ms": submit.get("p99_ms"),
    }
    if prefetched.result is not None:
        derived.update(
            prefetched_submissions_per_s=prefetched_submit.get("ok_per_s"),
            prefetched_over_hello_rps=_ratio(prefetched_submit.get("ok_per_s"), hello_rps),
            prefetched_submit_p99_ms=prefetched_submit.get("p99_ms"),
        )
    derived.update(
        non_2xx_3xx=sum(fig.get("non_2xx_3xx", fig.get("non_2xx", 0)) for fig in targets.values()),
        rows_verified=after.marked if verified else None,
    )
    ratio = derived["pairs_over_textbook"] or 0.0
    derived["goal_met"] = "yes" if ratio >= GOAL_OVER_TEXTBOOK else "no"
    if prefetched.result is not None:
        prefetch_note = (
            f"prefetched: {prefetched.forms} forms fetched before its window in "
            f"{prefetched.fetch_s} s (untimed), then POSTs only over a "
            f"{prefetched.result.window_s:g} s window: the submission request alone, an upper "
            "bound on what visitors can sustain."
        )
    elif ctx.quick:
        prefetch_note = "prefetched: skipped in --quick (fetching its forms takes too long)."
    else:
        prefetch_note = "prefetched: not run (see the failures)."
    notes = [
        "submissions/s = POSTs answered 303 -> /es/receipt/ in the window, each with a fresh "
        "form (new nonce), so each is a new row. Pair flow (headline): every POST follows its "
        "own cookie-less form GET inside the window, the rate a server sustains forms included; "
        "pairs/s counts completed GET+POST rounds.",
        prefetch_note,
        "server_cpu_ms_per_pair: user+system CPU of the server's processes per completed "
        "GET+POST pair over the flow (warm-up included); textbook_over_consulta_cpu_per_pair "
        "is the same goal measured in CPU (>= 0.5: at most twice the textbook's cost). "
        "follower_cpu_ms_per_comment: the campaign follower's CPU (flask campaigns follow, "
        "niced, beside gunicorn as make run starts it) over the flow and the drain of its "
        "backlog (detection_backlog_at_end comments, detection_drain_s), per comment; "
        "cpu_ms_per_pair_with_follower adds it to gunicorn's. "
        "textbook: a textbook Flask-WTF intake app (benchmarks/textbook: CSRF, six validated "
        "fields, one ORM insert and commit, 303 to a receipt) on the same database, served and "
        "loaded the same way in this run; "
        f"goal: pairs_over_textbook >= {GOAL_OVER_TEXTBOOK} on both engines (reported, not "
        "enforced). *_over_hello_rps divide by the hello-world req/s loaded in this scenario.",
        f"rows: {submitted} successful POSTs over the whole run (warm-ups included) -> "
        f"{new_rows} new rows, {after.marked} with this run's marker, "
        f"{after.distinct_nonces} distinct nonces, {after.distinct_bodies} distinct bodies; "
        f"textbook: {textbook_submitted} successful POSTs -> {textbook_rows} rows "
        f"({'verified' if verified else 'MISMATCH'}).",
    ]
    return {
        "targets": targets,
        "derived": derived,
        "failures": failures,
        "notes": notes,
        "marker": marker,
        "flows": {
            "pair": pair.to_dict(),
            "textbook": textbook.to_dict(),
            "prefetched": prefetched.result.to_dict() if prefetched.result else None,
            "prefetch": prefetched.facts(),
        },
    }
