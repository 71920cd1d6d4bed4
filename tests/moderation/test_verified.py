"""A verified organisation as moderators see it (issue 17, point 4): the queue's badge (in the
reader's language, loaded with the rows) and filter, and on the submission page the badge and
the flag for a sector that differs from the organisation's."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import event, select

from app.db import db
from app.enums import Language, Role
from app.taxonomy.models import Organization, OrganizationDomain, Sector
from tests import factories
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")


def _verified(app: Flask, *, same_sector: bool = True, copies: int = 1) -> tuple[int, int]:
    """`copies` comments verified with the Sonora government, and one that is not; the ids of
    the first verified one and of the unverified one."""
    with app.app_context():
        sectors = list(db.session.scalars(select(Sector).order_by(Sector.position)))
        org = Organization(
            name_en="Government of Sonora",
            name_es="Gobierno de Sonora",
            sector=sectors[0] if same_sector else sectors[1],
            country_code="MX",
            domains=[OrganizationDomain(domain="sonora.gob.mx")],
        )
        db.session.add(org)
        ids = [
            factories.submission(
                db.session, title=f"Verified one {n}", verified_organization=org, sector=sectors[0]
            ).id
            for n in range(copies)
        ]
        plain = factories.submission(db.session, title="Self-declared one", sector=sectors[0])
        db.session.commit()
        return ids[0], plain.id


@pytest.mark.parametrize(
    ("lang", "badge"),
    [
        (Language.EN, "Verified: Government of Sonora"),
        (Language.ES, "Organización verificada: Gobierno de Sonora"),
    ],
)
def test_queue_shows_the_badge_and_filters_on_it(app: Flask, lang: Language, badge: str) -> None:
    _verified(app)
    client = signed_in(app, Role.MODERATOR, lang)
    prefix = f"/{lang.value}/staff"
    page = client.get(f"{prefix}/queue").get_data(as_text=True)
    assert page.count(f'<span class="usa-tag">{badge}</span>') == 1
    assert 'name="verified"' in page

    only = client.get(f"{prefix}/queue?verified=yes").get_data(as_text=True)
    assert "Verified one 0" in only
    assert "Self-declared one" not in only
    others = client.get(f"{prefix}/queue?verified=no").get_data(as_text=True)
    assert "Self-declared one" in others
    assert "Verified one 0" not in others
    # The filter's choice is kept on the page it leads to.
    assert '<option selected value="yes">' in only or 'value="yes" selected' in only


def test_queue_loads_the_organisations_with_the_rows(app: Flask) -> None:
    """Twenty rows verified with twenty organisations: the organisations come in one query for
    the page (not one per row, and not joined into the rows' query: a join slows a deep page
    on PostgreSQL)."""
    with app.app_context():
        sector = db.session.scalars(select(Sector).order_by(Sector.position)).first()
        for n in range(20):
            org = Organization(
                name_en=f"Agency {n}", name_es=f"Agencia {n}", sector=sector, country_code="US"
            )
            factories.submission(db.session, title=f"Row {n}", verified_organization=org)
        db.session.commit()
    client = signed_in(app, Role.MODERATOR, Language.EN)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            page = client.get("/en/staff/queue").get_data(as_text=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
    assert page.count("Verified: Agency") == 20
    touching = [s for s in statements if "organizations" in s]
    assert len(touching) == 1
    assert "JOIN organizations" not in touching[0]


@pytest.mark.parametrize(
    ("lang", "badge", "flag"),
    [
        (Language.EN, "Verified: Government of Sonora", "is not the sector of the verified"),
        (
            Language.ES,
            "Organización verificada: Gobierno de Sonora",
            "no es el sector de la organización",
        ),
    ],
)
def test_submission_page_shows_the_badge_and_flags_a_differing_sector(
    app: Flask, lang: Language, badge: str, flag: str
) -> None:
    differing, plain = _verified(app, same_sector=False)
    client = signed_in(app, Role.MODERATOR, lang)
    prefix = f"/{lang.value}/staff"
    page = client.get(f"{prefix}/submissions/{differing}").get_data(as_text=True)
    assert f'<span class="usa-tag">{badge}</span>' in page
    assert flag in page
    page = client.get(f"{prefix}/submissions/{plain}").get_data(as_text=True)
    assert badge not in page
    assert flag not in page


def test_submission_page_does_not_flag_the_organisations_own_sector(app: Flask) -> None:
    same, _plain = _verified(app, same_sector=True)
    client = signed_in(app, Role.MODERATOR, Language.EN)
    page = client.get(f"/en/staff/submissions/{same}").get_data(as_text=True)
    assert '<span class="usa-tag">Verified: Government of Sonora</span>' in page
    assert "is not the sector of the verified" not in page
