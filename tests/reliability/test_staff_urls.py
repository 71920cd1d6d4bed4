"""Odd values in staff URLs never reach a 500: every variable part of every staff page's path
and every query argument its view reads, with huge and Unicode numbers, NUL, dates at the
edges of the calendar, cursors without a time zone and garbage, requested as an admin.

A new staff page must say which query arguments it reads (QUERY_ARGS), or the walk fails.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from flask import Flask, has_request_context, request
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import ImmutableMultiDict
from wtforms.fields.core import UnboundField

from app.enums import Role
from app.exports.forms import ExportForm
from app.moderation.forms import QueueFilterForm
from app.reading.forms import ReadingFilterForm
from app.staff.auth import STAFF_BLUEPRINTS
from tests.campaigns.letters import LETTER_EN, add, campaign_of
from tests.reliability.figures import report
from tests.staff.helpers import signed_in

PROFILE = settings.get_profile("reliability")
TRIED: dict[str, int] = {}


def _fields(form: type) -> tuple[str, ...]:
    return tuple(n for n in dir(form) if isinstance(getattr(form, n, None), UnboundField))


_FILTERS, _EXPORT = _fields(QueueFilterForm), _fields(ExportForm)
_READING = _fields(ReadingFilterForm)
# endpoint -> the query arguments its view reads (forms built from request.args included).
QUERY_ARGS: dict[str, tuple[str, ...]] = {
    "moderation.queue": (*_FILTERS, "after"),
    "exports.export_page": (*_EXPORT, "after"),
    "exports.download": (*_EXPORT, "after"),
    "campaigns.index": ("page",),
    "campaigns.campaign": ("after",),
    "admin.events": ("before",),
    "admin.stakeholder_invitations": ("page",),
    "packets.job_status": ("format",),
    "staff.sign_in": ("next", "expired"),
    "reading.comments": (*_READING, "after", "comment"),
}

HUGE = (2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, 10**30)
numbers = st.one_of(
    st.sampled_from([*map(str, HUGE), "9" * 5000, "-1", "0", "²", "١٢", "1e3", " 1", "0x10"]),
    st.integers(min_value=0, max_value=2**70).map(str),
)
dates = st.one_of(
    st.sampled_from(
        ["9999-12-31", "0001-01-01", "1999-12-31", "2999-12-31", "3000-01-01", "10000-01-01",
         "2026-02-30", "２０２６-０１-０１"]
    ),
    st.dates().map(str),
)  # fmt: skip
cursors = st.one_of(
    st.sampled_from(
        ["2026-01-01T00:00:00~1", "2026-01-01T00:00:00+00:00~99999999999999999999",
         "9999-12-31T23:59:59+14:00~1", "0001-01-01T00:00:00-23:59~1", "~", "x~1"]
    ),
    st.builds(lambda d, n: f"{d.isoformat()}~{n}", st.datetimes(), numbers),
)  # fmt: skip
garbage = st.one_of(
    st.sampled_from(["\x00", "a\x00b", "%", "../", "<x>", "’", "\ufffd"]), st.text(max_size=30)
)
values = st.one_of(numbers, dates, cursors, garbage)


def _staff_rules(app: Flask) -> list:
    return sorted(
        (rule for rule in app.url_map.iter_rules()
         if rule.endpoint.split(".")[0] in STAFF_BLUEPRINTS and "GET" in (rule.methods or ())),
        key=lambda rule: rule.rule,
    )  # fmt: skip


_PART = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _path(rule, draw) -> str:
    def fill(match: re.Match[str]) -> str:
        converter, name = match.group(1) or "default", match.group(2)
        if name == "lang":
            return "en"
        value = draw(numbers if converter == "int" else values, label=name)
        return quote(value, safe="")

    return _PART.sub(fill, rule.rule)


@pytest.fixture
def admin(seeded: Flask) -> FlaskClient:
    """An admin's client, with a campaign of three letters (its page reads `after`)."""
    ids = [add(seeded, LETTER_EN.replace("Ana López", f"Person {i}")) for i in range(3)]
    seeded.config["TEST_CAMPAIGN_ID"] = campaign_of(seeded, ids[0])
    return signed_in(seeded, Role.ADMIN)


def _get(client: FlaskClient, url: str) -> int:
    response = client.get(url)
    try:
        response.get_data()  # a streamed export fails while it is read, not before
    finally:
        response.close()
    return response.status_code


class _RecordingArgs(ImmutableMultiDict):
    """request.args that notes which names the view asked for, by endpoint."""

    seen: dict[str, set[str]] = {}

    def _note(self, key: object) -> None:
        if has_request_context() and request.endpoint and isinstance(key, str):
            self.seen.setdefault(request.endpoint, set()).add(key)

    def get(self, key, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._note(key)
        return super().get(key, *args, **kwargs)

    def getlist(self, key, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._note(key)
        return super().getlist(key, *args, **kwargs)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        self._note(key)
        return super().__getitem__(key)


def test_every_staff_page_says_which_query_arguments_it_reads(admin: FlaskClient) -> None:
    app = admin.application
    app.request_class = type("Recording", (app.request_class,),
                             {"parameter_storage_class": _RecordingArgs})  # fmt: skip
    ids = {"campaign_id": str(app.config["TEST_CAMPAIGN_ID"])}
    for rule in _staff_rules(app):
        path = _PART.sub(lambda m: "en" if m.group(2) == "lang" else ids.get(m.group(2), "1"),
                         rule.rule)  # fmt: skip
        _get(admin, f"{path}?x=1")
    read = {endpoint: names - {"x"} for endpoint, names in _RecordingArgs.seen.items()}
    undeclared = {e: n - set(QUERY_ARGS.get(e, ())) for e, n in read.items()}
    assert not {e: n for e, n in undeclared.items() if n}
    assert read.get("moderation.queue"), "nothing recorded: this test would prove nothing"
    assert set(QUERY_ARGS) <= {rule.endpoint for rule in _staff_rules(app)}


@given(data=st.data())
@settings(PROFILE, max_examples=200)
def test_odd_values_in_staff_paths_and_queries_are_never_a_500(admin: FlaskClient, data) -> None:
    rules = _staff_rules(admin.application)
    rule = data.draw(st.sampled_from(rules), label="rule")
    path = _path(rule, data.draw)
    names = QUERY_ARGS.get(rule.endpoint, ())
    query = {}
    if names:
        for name in data.draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
            query[name] = data.draw(values, label=name)
    url = f"{path}?{urlencode(query)}" if query else path
    TRIED[rule.endpoint] = TRIED.get(rule.endpoint, 0) + 1
    status = _get(admin, url)
    assert status < 500, (url, status)


@pytest.mark.parametrize(
    "url",
    [
        "/en/staff/queue?after=2026-01-01T00:00:00~1",
        "/en/staff/queue?until=9999-12-31",
        "/en/staff/queue?since=9999-12-31",
        "/en/staff/exports?until=9999-12-31",
        "/en/staff/exports/submissions.csv?until=9999-12-31",
        "/en/staff/exports/submissions.csv?after=2026-01-01T00:00:00~99999999999999999999",
        "/en/staff/campaigns?page=²",
        "/en/staff/campaigns/1?after=²",
        "/en/staff/campaigns/99999999999999999999",
        "/en/staff/campaigns/9223372036854775808",
        "/en/staff/meetings/9223372036854775808",
        "/en/staff/submissions/9223372036854775808",
        "/en/staff/admin/events?before=99999999999999999999",
        "/en/staff/admin/consultations/9223372036854775808/edit",
    ],
)
def test_what_the_probe_found_is_refused_not_a_500(admin: FlaskClient, url: str) -> None:
    assert _get(admin, url) in {200, 400, 404}, url


@pytest.fixture(scope="module", autouse=True)
def _report_how_many_were_tried():
    yield
    report("staff URLs", ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items())))
