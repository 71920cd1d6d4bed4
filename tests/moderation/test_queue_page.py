"""The queue page writes per request only what changes per request (issue 19, point 6): the
filters' options and the taxonomy's names come from a per-process cache, so these tests check
that what a moderator reads still follows the language, the choices made and the taxonomy."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.enums import Language, Role
from app.taxonomy.models import Country, Pillar, Region, Sector
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")


def _rows(app: Flask) -> None:
    with app.app_context():
        factories.submission(db.session, title="With a state")
        factories.submission(db.session, title="Without a state", region_code=None)
        db.session.commit()


def _names(app: Flask, lang: str) -> dict[str, str]:
    with app.app_context():
        pillar = db.session.scalars(select(Pillar).order_by(Pillar.position)).first()
        sector = db.session.scalars(select(Sector).order_by(Sector.position)).first()
        region, country = db.session.get(Region, "MX-NLE"), db.session.get(Country, "MX")
        return {
            key: getattr(row, f"name_{lang}")
            for key, row in (("pillar", pillar), ("sector", sector), ("region", region),
                             ("country", country))
        }  # fmt: skip


@pytest.mark.parametrize("lang", [Language.EN, Language.ES])
def test_rows_name_pillar_sector_and_place_in_the_readers_language(
    app: Flask, lang: Language
) -> None:
    _rows(app)
    names = _names(app, lang.value)
    client = signed_in(app, Role.MODERATOR, lang)
    page = client.get(f"/{lang.value}/staff/queue").get_data(as_text=True)
    assert page.count(f'">{names["pillar"]}</td>') == 2
    assert page.count(f'">{names["sector"]}</td>') == 2
    assert page.count(f'">{names["region"]}</td>') == 1
    assert page.count(f'">{names["country"]}</td>') == 1  # no state given: the country


def test_a_renamed_sector_shows_on_the_next_page(app: Flask) -> None:
    _rows(app)
    client = signed_in(app, Role.MODERATOR)
    before = client.get("/en/staff/queue").get_data(as_text=True)
    with app.app_context():
        sector = db.session.scalars(select(Sector).order_by(Sector.position)).first()
        old_name, sector.name_en = sector.name_en, "Renamed sector"
        db.session.commit()
    assert f'">{old_name}</td>' in before
    after = client.get("/en/staff/queue").get_data(as_text=True)
    assert after.count('">Renamed sector</td>') == 2
    assert f'">{old_name}</td>' not in after
    assert ">Renamed sector</option>" in after  # the filter too


def test_a_filters_choice_is_shown_on_its_own_page_only(app: Flask) -> None:
    """The options are shared by every request: one moderator's choice must not stay
    selected on the next page."""
    _rows(app)
    client = signed_in(app, Role.MODERATOR)
    chosen = client.get("/en/staff/queue?region=MX-NLE&language=es").get_data(as_text=True)
    assert '<option value="MX-NLE" selected>' in chosen
    assert '<option value="es" selected>Spanish</option>' in chosen
    plain = client.get("/en/staff/queue").get_data(as_text=True)
    assert '<option value="MX-NLE">' in plain
    assert '"MX-NLE" selected' not in plain
    assert '"es" selected' not in plain
    assert '<option value="pending" selected>' in plain  # the queue opens on what waits
