"""A new consultation's form offers every pillar with all its topics, grouped under their
pillar (issue 14, point 5: it used to tick the pillars and none of the topics)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.models import Topic
from tests.admin.helpers import admin_client

pytestmark = pytest.mark.usefixtures("seeded")


def test_a_new_consultation_ticks_every_active_topic_under_its_pillar(app: Flask) -> None:
    page = admin_client(app).get("/en/staff/admin/consultations/new").get_data(as_text=True)
    with app.app_context():
        topics = {
            t.code: t.pillar.code for t in db.session.scalars(select(Topic)) if not t.retired_at
        }
    groups = re.findall(
        r'<details class="consulta-topic-group" data-pillar="([^"]+)" open>(.*?)</details>',
        page,
        re.S,
    )
    assert len(groups) == 4
    seen = {}
    for pillar, body in groups:
        for tag in re.findall(r'<input [^>]*name="topics"[^>]*>', body):
            code = re.search(r'value="([^"]+)"', tag).group(1)
            assert " checked" in tag, code
            seen[code] = pillar
    assert seen == topics
