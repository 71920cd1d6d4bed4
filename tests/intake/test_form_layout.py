"""The public form's layout rules that hold without a browser (issue 14, points 4 and 5): the
error summary's links read as the message alone, and topics are grouped under their pillar
with the chosen pillars' groups open and the others folded (no JavaScript needed)."""

from __future__ import annotations

import html
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.admin.helpers import translated
from tests.intake.helpers import submit

pytestmark = pytest.mark.usefixtures("seeded")


def _summary_links(page: str) -> list[tuple[str, str]]:
    summary = re.search(r'id="error-summary".*?</ul>', page, re.S)
    assert summary, "no error summary"
    return [
        (target, html.unescape(text))
        for target, text in re.findall(r'<a href="#([^"]+)">([^<]*)</a>', summary.group(0))
    ]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_error_summary_links_read_as_the_message_alone(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    page = submit(client, lang, sector="", title="").get_data(as_text=True)
    links = _summary_links(page)
    assert links == [
        ("sector", translated(app, lang, "Choose the sector you represent.")),
        ("title", translated(app, lang, "Give your comment a title.")),
    ]
    # The label is where the link leads, not part of its text.
    assert all(translated(app, lang, "Which sector do you represent?") not in t for _, t in links)


def _groups(page: str) -> dict[str, tuple[bool, list[str]]]:
    found = {}
    for pillar, opened, body in re.findall(
        r'<details class="consulta-topic-group" data-pillar="([^"]+)"( open)?>(.*?)</details>',
        page,
        re.S,
    ):
        found[pillar] = (bool(opened), re.findall(r'name="topics" value="([^"]+)"', body))
    return found


def test_topics_are_grouped_under_their_pillar_and_folded_before_a_choice(
    client: FlaskClient,
) -> None:
    page = client.get("/en/c/hled-2026/submit").get_data(as_text=True)
    groups = _groups(page)
    assert list(groups) == [
        "building_back_together",
        "southern_mexico_central_america",
        "securing_tools_future_prosperity",
        "investing_in_our_people",
    ]
    assert not any(opened for opened, _ in groups.values())
    assert "semiconductors" in groups["building_back_together"][1]
    assert "cybersecurity" in groups["securing_tools_future_prosperity"][1]
    assert sum(len(topics) for _, topics in groups.values()) == 38
    assert "Topics are grouped by pillar" in page


def test_sent_back_the_chosen_pillars_and_ticked_topics_are_open(client: FlaskClient) -> None:
    page = submit(
        client,
        "en",
        title="",
        primary_pillar="securing_tools_future_prosperity",
        secondary_pillar="southern_mexico_central_america",
        topics=["workforce_development"],
    ).get_data(as_text=True)
    groups = _groups(page)
    assert groups["securing_tools_future_prosperity"][0]
    assert groups["southern_mexico_central_america"][0]
    assert groups["investing_in_our_people"][0]  # a topic is ticked there
    assert not groups["building_back_together"][0]
    assert re.search(r'name="topics" value="workforce_development" checked', page)
