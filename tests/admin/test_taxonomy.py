"""The taxonomy in the browser: add, rename (both languages together), reorder without
JavaScript, retire without breaking old submissions, and the form refusing retired choices."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.taxonomy.models import Pillar, Sector, Topic
from tests import factories
from tests.admin.helpers import admin_client, events, post
from tests.intake.helpers import submit, valid_answers

TAXONOMY = "/en/staff/admin/taxonomy"


def _by_code(app: Flask, model: type, code: str):
    with app.app_context():
        row = db.session.scalar(select(model).where(model.code == code))
        db.session.expunge_all()
        return row


def _codes_in_order(app: Flask, model: type, **where) -> list[str]:
    with app.app_context():
        stmt = select(model.code).order_by(model.position, model.id)
        for name, value in where.items():
            stmt = stmt.where(getattr(model, name) == value)
        return list(db.session.scalars(stmt))


@pytest.mark.parametrize("kind", ["pillars", "sectors"])
def test_add_needs_both_languages(seeded: Flask, kind: str) -> None:
    client = admin_client(seeded)
    url = f"/en/staff/admin/taxonomy/{kind}/new"
    missing = post(client, url, {"name_en": "Energy transition", "name_es": ""}, page=url)
    assert missing.status_code == 422
    page = missing.get_data(as_text=True)
    assert "Enter the name in Spanish." in page
    assert 'value="Energy transition"' in page
    assert 'id="error-summary"' in page
    other = post(client, url, {"name_en": "", "name_es": "Transición energética"}, page=url)
    assert "Enter the name in English." in other.get_data(as_text=True)
    added = post(client, url, {"name_en": "Energy transition", "name_es": "Transición energética"},
                 page=url)  # fmt: skip
    assert added.status_code == 303
    model = Pillar if kind == "pillars" else Sector
    row = _by_code(seeded, model, "energy_transition")
    assert row.name_es == "Transición energética"
    assert _codes_in_order(seeded, model)[-1] == "energy_transition"
    singular = kind[:-1]
    [event] = events(seeded, f"{singular}.added")
    assert "Transición energética" in event.after


def test_pillar_description_in_both_languages_or_neither(seeded: Flask) -> None:
    client = admin_client(seeded)
    url = "/en/staff/admin/taxonomy/pillars/new"
    response = post(client, url, {"name_en": "Energy", "name_es": "Energía",
                                  "description_en": "Power grids."}, page=url)  # fmt: skip
    assert response.status_code == 422
    assert "Write the description in Spanish too, or leave both empty." in response.get_data(
        as_text=True
    )


def test_add_a_topic_under_a_pillar_and_it_is_offered(seeded: Flask) -> None:
    client = admin_client(seeded)
    url = "/en/staff/admin/taxonomy/topics/new"
    no_pillar = post(client, url, {"name_en": "Hydrogen", "name_es": "Hidrógeno"}, page=url)
    assert "Choose a pillar." in no_pillar.get_data(as_text=True)
    added = post(client, url, {"pillar": "building_back_together", "name_en": "Hydrogen",
                               "name_es": "Hidrógeno"}, page=url)  # fmt: skip
    assert added.status_code == 303
    assert "Hidrógeno" in seeded.test_client().get("/es/c/hled-2026/submit").get_data(as_text=True)


def test_rename_requires_both_languages_and_is_recorded(seeded: Flask) -> None:
    client = admin_client(seeded)
    sector = _by_code(seeded, Sector, "academia")
    url = f"/en/staff/admin/taxonomy/sectors/{sector.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert f'value="{sector.name_en}"' in page
    half = post(client, url, {"name_en": "Universities", "name_es": ""}, page=url)
    assert half.status_code == 422
    assert _by_code(seeded, Sector, "academia").name_en == sector.name_en
    done = post(client, url, {"name_en": "Universities", "name_es": "Universidades"}, page=url)
    assert done.status_code == 303
    assert _by_code(seeded, Sector, "academia").name_es == "Universidades"
    [event] = events(seeded, "sector.renamed")
    assert sector.name_en in event.before
    assert "Universities" in event.after


def test_reorder_up_and_down_without_javascript(seeded: Flask) -> None:
    client = admin_client(seeded)
    before = _codes_in_order(seeded, Pillar)
    second = _by_code(seeded, Pillar, before[1])
    move = f"/en/staff/admin/taxonomy/pillars/{second.id}/move"
    assert post(client, move, {"direction": "up"}, page=TAXONOMY).status_code == 303
    assert _codes_in_order(seeded, Pillar) == [before[1], before[0], *before[2:]]
    post(client, move, {"direction": "up"}, page=TAXONOMY)  # already first: nothing changes
    assert _codes_in_order(seeded, Pillar) == [before[1], before[0], *before[2:]]
    post(client, move, {"direction": "down"}, page=TAXONOMY)
    assert _codes_in_order(seeded, Pillar) == before
    # The public form follows the new order.
    assert len(events(seeded, "pillar.moved")) == 2
    # Topics move among their own pillar's topics only.
    pillar = _by_code(seeded, Pillar, before[0])
    topics = _codes_in_order(seeded, Topic, pillar_id=pillar.id)
    last = _by_code(seeded, Topic, topics[-1])
    post(client, f"/en/staff/admin/taxonomy/topics/{last.id}/move", {"direction": "up"},
         page=TAXONOMY)  # fmt: skip
    assert _codes_in_order(seeded, Topic, pillar_id=pillar.id) == [
        *topics[:-2],
        topics[-1],
        topics[-2],
    ]


def test_retired_topic_is_not_offered_and_refused_but_old_submissions_keep_it(
    seeded: Flask,
) -> None:
    client = admin_client(seeded)
    topic = _by_code(seeded, Topic, "semiconductors")
    with seeded.app_context():
        old = factories.submission(db.session, topics=[db.session.get(Topic, topic.id)])
        db.session.commit()
        old_code = old.tracking_code
    retire = f"/en/staff/admin/taxonomy/topics/{topic.id}/retire"
    assert post(client, retire, {"retired": "1"}, page=TAXONOMY).status_code == 303
    assert _by_code(seeded, Topic, "semiconductors").retired_at is not None
    visitor = seeded.test_client()
    form = visitor.get("/en/c/hled-2026/submit").get_data(as_text=True)
    assert 'value="semiconductors"' not in form
    refused = submit(visitor, lang="en", **valid_answers(topics=["semiconductors"]))
    assert refused.status_code == 422
    assert "Choose one of the options offered." in refused.get_data(as_text=True)
    # The old submission keeps its tag, and its pages still name it.
    with seeded.app_context():
        from app.intake.models import Submission

        kept = db.session.scalar(select(Submission).where(Submission.tracking_code == old_code))
        assert [t.code for t in kept.topics] == ["semiconductors"]
    assert "Retired" in client.get(TAXONOMY).get_data(as_text=True)
    # Offered again.
    post(client, retire, {"retired": "0"}, page=TAXONOMY)
    assert 'value="semiconductors"' in visitor.get("/en/c/hled-2026/submit").get_data(as_text=True)
    assert [e.action for e in events(seeded)] == ["topic.retired", "topic.restored"]


def test_retired_pillar_and_sector_are_refused(seeded: Flask) -> None:
    client = admin_client(seeded)
    pillar = _by_code(seeded, Pillar, "investing_in_our_people")
    sector = _by_code(seeded, Sector, "academia")
    post(client, f"/en/staff/admin/taxonomy/pillars/{pillar.id}/retire", {"retired": "1"},
         page=TAXONOMY)  # fmt: skip
    post(client, f"/en/staff/admin/taxonomy/sectors/{sector.id}/retire", {"retired": "1"},
         page=TAXONOMY)  # fmt: skip
    visitor = seeded.test_client()
    form = visitor.get("/en/c/hled-2026/submit").get_data(as_text=True)
    assert 'value="investing_in_our_people"' not in form
    assert 'value="academia"' not in form
    for answers in (
        valid_answers(primary_pillar="investing_in_our_people", topics=[]),
        valid_answers(sector="academia"),
    ):
        response = submit(visitor, lang="en", **answers)
        assert response.status_code == 422
        assert "Choose one of the options offered." in response.get_data(as_text=True)
    assert submit(visitor, lang="en", **valid_answers()).status_code == 303


def test_an_old_submission_page_still_names_a_retired_pillar(seeded: Flask) -> None:
    from app.enums import Role
    from tests.staff.helpers import signed_in

    with seeded.app_context():
        pillar = db.session.scalar(select(Pillar).order_by(Pillar.position))
        old = factories.submission(db.session, primary_pillar=pillar)
        db.session.commit()
        old_id, name = old.id, pillar.name_en
        pillar_id = pillar.id
    admin = admin_client(seeded)
    post(admin, f"/en/staff/admin/taxonomy/pillars/{pillar_id}/retire", {"retired": "1"},
         page=TAXONOMY)  # fmt: skip
    moderator = signed_in(seeded, Role.MODERATOR)
    response = moderator.get(f"/en/staff/submissions/{old_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert name in page


def test_unknown_kinds_and_items_are_not_found(seeded: Flask) -> None:
    client = admin_client(seeded)
    assert client.get("/en/staff/admin/taxonomy/regions/new").status_code == 404
    assert client.get("/en/staff/admin/taxonomy/pillars/99999/edit").status_code == 404


def test_running_seed_again_keeps_what_administrators_changed(seeded: Flask) -> None:
    client = admin_client(seeded)
    sector = _by_code(seeded, Sector, "academia")
    url = f"/en/staff/admin/taxonomy/sectors/{sector.id}/edit"
    post(client, url, {"name_en": "Universities", "name_es": "Universidades"}, page=url)
    first = _by_code(seeded, Pillar, _codes_in_order(seeded, Pillar)[1])
    post(client, f"/en/staff/admin/taxonomy/pillars/{first.id}/move", {"direction": "up"},
         page=TAXONOMY)  # fmt: skip
    order = _codes_in_order(seeded, Pillar)
    result = seeded.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert _by_code(seeded, Sector, "academia").name_es == "Universidades"
    assert _codes_in_order(seeded, Pillar) == order
