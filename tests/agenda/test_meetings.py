"""Meetings and their agendas, through the secretariat's pages: plain forms, no JavaScript."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.agenda.models import AgendaEntry, AgendaItem, Meeting
from app.db import db
from app.enums import Language, Role, SubmissionStatus
from app.models import Consultation, Pillar
from tests import factories
from tests.staff.helpers import csrf_from, signed_in


def _consultation_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalars(select(Consultation)).first().id


def _create(client: FlaskClient, app: Flask, lang: str = "en", **overrides: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/{lang}/staff/meetings/new")
    assert page.status_code == 200
    data = {
        "csrf_token": csrf_from(page.get_data(as_text=True)),
        "title_en": "Cabinet meeting",
        "title_es": "Reunión de gabinete",
        "level": "cabinet",
        "meeting_date": "2026-12-10",
        "place_en": "Mexico City",
        "place_es": "Ciudad de México",
        "consultations": str(_consultation_id(app)),
        **overrides,
    }
    return client.post(f"/{lang}/staff/meetings/new", data=data)


def _meeting_id(response) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(re.search(r"/staff/meetings/(\d+)", response.headers["Location"]).group(1))


def _approved(app: Flask, count_by_pillar: list[int]) -> list[int]:
    """Approved submissions of the demo consultation: count_by_pillar[i] of pillar i."""
    ids = []
    with app.app_context():
        pillars = list(db.session.scalars(select(Pillar).order_by(Pillar.position)))
        for index, count in enumerate(count_by_pillar):
            for n in range(count):
                sub = factories.submission(
                    db.session,
                    status=SubmissionStatus.APPROVED,
                    primary_pillar=pillars[index],
                    title=f"Comment {index}-{n}",
                    public_title=f"Public comment {index}-{n}",
                    organization="Cámara de Comercio",
                )
                ids.append(sub.id)
        factories.submission(db.session, status=SubmissionStatus.PENDING, title="Pending one")
        db.session.commit()
    return ids


def _post(client: FlaskClient, meeting_id: int, path: str, **data: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/en/staff/meetings/{meeting_id}")
    token = csrf_from(page.get_data(as_text=True))
    response = client.post(
        f"/en/staff/meetings/{meeting_id}/{path}", data={"csrf_token": token, **data}
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"].split("#")[0].endswith(f"/staff/meetings/{meeting_id}")
    return response


def _entries(app: Flask, meeting_id: int) -> dict[str, AgendaEntry]:
    with app.app_context():
        rows = db.session.scalars(select(AgendaEntry).where(AgendaEntry.meeting_id == meeting_id))
        result = {}
        for row in rows:
            row.submission.title  # noqa: B018 - load it before the session ends
            result[row.submission.title] = row
            db.session.expunge(row)
        return result


def _items(app: Flask, meeting_id: int) -> list[tuple[int, int, int | None, str]]:
    with app.app_context():
        stmt = (
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        )
        return [(i.id, i.position, i.pillar_id, i.title_en) for i in db.session.scalars(stmt)]


def test_the_meeting_list_links_to_a_new_meeting(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    page = client.get("/en/staff/meetings")
    assert page.status_code == 200
    assert "/en/staff/meetings/new" in page.get_data(as_text=True)


def test_a_missing_spanish_title_is_refused_in_spanish_and_values_kept(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT, Language.ES)
    response = _create(client, seeded, lang="es", title_es="", place_es="Monterrey")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Escriba el título en español." in page
    assert 'value="Cabinet meeting"' in page
    assert 'value="Monterrey"' in page
    assert 'value="2026-12-10"' in page
    with seeded.app_context():
        assert db.session.scalars(select(Meeting)).first() is None


def test_a_meeting_needs_a_consultation(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    response = _create(client, seeded, consultations="")
    assert response.status_code == 422
    assert "Choose at least one consultation." in response.get_data(as_text=True)


def test_the_place_is_kept_in_each_language_and_shown_in_the_pages_own(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    with seeded.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert (meeting.place_en, meeting.place_es) == ("Mexico City", "Ciudad de México")
    assert "Mexico City" in client.get("/en/staff/meetings").get_data(as_text=True)
    spanish = signed_in(seeded, Role.SECRETARIAT, Language.ES, email="es@example.org")
    page = spanish.get(f"/es/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert "Ciudad de México" in page
    assert "Mexico City" not in page
    form = spanish.get(f"/es/staff/meetings/{meeting_id}/edit").get_data(as_text=True)
    assert "Lugar en inglés" in form
    assert 'value="Mexico City"' in form


def test_a_new_meeting_has_one_item_per_pillar(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    with seeded.app_context():
        pillars = list(db.session.scalars(select(Pillar).order_by(Pillar.position)))
        expected = [(p.id, p.name_en) for p in pillars if p.retired_at is None]
    items = _items(seeded, meeting_id)
    assert [(pillar_id, title) for _, _, pillar_id, title in items] == expected
    assert [position for _, position, _, _ in items] == list(range(1, len(expected) + 1))
    page = client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert "Cabinet meeting" in page
    assert f"/en/staff/meetings/{meeting_id}/packets" in page
    assert "Agenda packets" in page


def test_edit_the_meeting(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    page = client.get(f"/en/staff/meetings/{meeting_id}/edit").get_data(as_text=True)
    assert 'value="Reunión de gabinete"' in page
    response = client.post(
        f"/en/staff/meetings/{meeting_id}/edit",
        data={"csrf_token": csrf_from(page), "title_en": "Working group",
              "title_es": "Grupo de trabajo", "level": "working_group",
              "meeting_date": "2027-01-15", "place_en": "", "place_es": "",
              "consultations": str(_consultation_id(seeded))},
    )  # fmt: skip
    assert _meeting_id(response) == meeting_id
    with seeded.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert (meeting.title_es, meeting.level.value) == ("Grupo de trabajo", "working_group")
        assert str(meeting.meeting_date) == "2027-01-15"


def test_items_are_added_renamed_reordered_and_deleted(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    before = _items(seeded, meeting_id)
    _post(client, meeting_id, "items", title_en="Other business", title_es="Asuntos generales")
    items = _items(seeded, meeting_id)
    new_id, position, pillar_id, title = items[-1]
    assert (position, pillar_id, title) == (len(before) + 1, None, "Other business")

    page = client.get(f"/en/staff/meetings/{meeting_id}/items/{new_id}/edit")
    response = client.post(
        f"/en/staff/meetings/{meeting_id}/items/{new_id}/edit",
        data={"csrf_token": csrf_from(page.get_data(as_text=True)), "title_en": "Any other",
              "title_es": "Otros asuntos", "summary_en": "A summary.",
              "summary_es": "Un resumen."},
    )  # fmt: skip
    assert response.status_code == 303
    with seeded.app_context():
        item = db.session.get(AgendaItem, new_id)
        assert (item.title_es, item.summary_en, item.summary_es) == (
            "Otros asuntos", "A summary.", "Un resumen.",
        )  # fmt: skip

    _post(client, meeting_id, f"items/{new_id}/up")
    assert [i[0] for i in _items(seeded, meeting_id)][-2] == new_id
    _post(client, meeting_id, f"items/{new_id}/down")
    assert [i[0] for i in _items(seeded, meeting_id)][-1] == new_id

    _post(client, meeting_id, f"items/{new_id}/delete")
    assert [i[0] for i in _items(seeded, meeting_id)] == [i[0] for i in before]


def test_place_reorder_pin_move_exclude_restore(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    _approved(seeded, [2, 1])
    items = _items(seeded, meeting_id)
    page = client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert 'data-unplaced="3"' in page

    response = _post(client, meeting_id, "place")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 comments were placed on the agenda." in page
    assert 'data-unplaced="0"' in page
    assert "Public comment 0-0" in page
    assert "Cámara de Comercio" in page
    assert "Pending one" not in page
    entries = _entries(seeded, meeting_id)
    assert set(entries) == {"Comment 0-0", "Comment 0-1", "Comment 1-0"}
    first, second = items[0][0], items[1][0]
    assert entries["Comment 0-0"].agenda_item_id == first
    assert entries["Comment 0-1"].agenda_item_id == first
    assert entries["Comment 1-0"].agenda_item_id == second
    assert entries["Comment 0-0"].position < entries["Comment 0-1"].position

    # Placing again places nothing new.
    _post(client, meeting_id, "place")
    assert len(_entries(seeded, meeting_id)) == 3

    # Reorder within the item.
    _post(client, meeting_id, f"entries/{entries['Comment 0-1'].id}/up")
    entries = _entries(seeded, meeting_id)
    assert entries["Comment 0-1"].position < entries["Comment 0-0"].position
    _post(client, meeting_id, f"entries/{entries['Comment 0-1'].id}/down")
    entries = _entries(seeded, meeting_id)
    assert entries["Comment 0-0"].position < entries["Comment 0-1"].position

    # Pin and unpin.
    _post(client, meeting_id, f"entries/{entries['Comment 0-1'].id}/pin")
    assert _entries(seeded, meeting_id)["Comment 0-1"].pinned
    page = client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert page.index("Public comment 0-1") < page.index("Public comment 0-0")
    _post(client, meeting_id, f"entries/{entries['Comment 0-1'].id}/pin")
    assert not _entries(seeded, meeting_id)["Comment 0-1"].pinned

    # Move to another item, appended after what is there.
    entry_id = entries["Comment 0-0"].id
    _post(client, meeting_id, f"entries/{entry_id}/move", **{f"e{entry_id}-item": str(second)})
    entries = _entries(seeded, meeting_id)
    assert entries["Comment 0-0"].agenda_item_id == second
    assert entries["Comment 0-0"].position > entries["Comment 1-0"].position

    # Exclude, then restore into its pillar's item.
    _post(client, meeting_id, f"entries/{entry_id}/exclude")
    entry = _entries(seeded, meeting_id)["Comment 0-0"]
    assert entry.excluded
    assert entry.agenda_item_id is None
    page = client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    excluded_section = page[page.index('id="excluded"') :]
    assert "Public comment 0-0" in excluded_section
    assert 'data-unplaced="0"' in page
    _post(client, meeting_id, f"entries/{entry_id}/restore")
    entry = _entries(seeded, meeting_id)["Comment 0-0"]
    assert not entry.excluded
    assert entry.agenda_item_id == first

    # An item with entries is not deleted.
    _post(client, meeting_id, f"items/{first}/delete")
    assert first in [i[0] for i in _items(seeded, meeting_id)]


def test_a_submission_of_a_pillar_without_item_goes_to_the_first_item(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    items = _items(seeded, meeting_id)
    _post(client, meeting_id, "items", title_en="Last", title_es="Último")
    second = items[1][0]
    _post(client, meeting_id, f"items/{second}/delete")
    _approved(seeded, [0, 1])
    _post(client, meeting_id, "place")
    assert _entries(seeded, meeting_id)["Comment 1-0"].agenda_item_id == items[0][0]


def test_missing_objects_are_404(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    assert client.get("/en/staff/meetings/9999").status_code == 404
    assert client.get(f"/en/staff/meetings/{meeting_id}/items/9999/edit").status_code == 404
    token = csrf_from(client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True))
    response = client.post(
        f"/en/staff/meetings/{meeting_id}/entries/9999/exclude", data={"csrf_token": token}
    )
    assert response.status_code == 404


def test_the_moderator_is_refused(seeded: Flask) -> None:
    client = signed_in(seeded, Role.MODERATOR)
    assert client.get("/en/staff/meetings").status_code == 403
    assert client.get("/en/staff/meetings/new").status_code == 403


def test_the_meeting_page_in_spanish(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT, Language.ES)
    meeting_id = _meeting_id(_create(client, seeded, lang="es"))
    _approved(seeded, [1])
    page = client.get(f"/es/staff/meetings/{meeting_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Reunión de gabinete" in html
    assert "Carpetas informativas" in html
    assert f"/es/staff/meetings/{meeting_id}/packets" in html
    assert client.get("/es/staff/meetings").status_code == 200


def test_only_approved_comments_of_the_linked_consultations_count(seeded: Flask) -> None:
    client = signed_in(seeded, Role.SECRETARIAT)
    meeting_id = _meeting_id(_create(client, seeded))
    _approved(seeded, [1])
    with seeded.app_context():
        other = factories.consultation(db.session)
        factories.submission(
            db.session, consultation=other, status=SubmissionStatus.APPROVED, title="Elsewhere"
        )
        factories.submission(db.session, status=SubmissionStatus.REJECTED, title="Refused")
        db.session.commit()
    page = client.get(f"/en/staff/meetings/{meeting_id}").get_data(as_text=True)
    assert 'data-unplaced="1"' in page
    _post(client, meeting_id, "place")
    assert set(_entries(seeded, meeting_id)) == {"Comment 0-0"}
