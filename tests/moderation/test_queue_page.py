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


def _marked_rows(app: Flask) -> dict[str, int]:
    """Rows with everything a row can show: a campaign, a holder, a verified organisation,
    an invitation, both signals, confirmed and disputed addresses, text to escape."""
    from datetime import UTC, datetime, timedelta

    from app.campaigns.models import Campaign
    from app.enums import SubmissionStatus
    from app.intake.models import StakeholderInvitation
    from app.staff.models import User
    from app.taxonomy.models import Organization

    start = datetime(2027, 3, 1, 15, 5, tzinfo=UTC)
    with app.app_context():
        sector = db.session.scalars(select(Sector).order_by(Sector.position)).first()
        holder = db.session.scalar(select(User).where(User.email == "moderator@example.org"))
        campaign = Campaign(member_count=2, letter_size=100)
        org = Organization(name_en="Steel & Iron <Co>", name_es="Acero & Hierro <SA>",
                           sector=sector, country_code="MX")  # fmt: skip
        db.session.add_all([campaign, org])
        db.session.flush()
        made = {}
        for n, (key, extra) in enumerate(
            [
                ("plain", {"title": 'Tags <b>x</b> & "q"', "email": None}),
                ("campaign", {"campaign_id": campaign.id, "email": "same@example.org"}),
                ("signals", {"campaign_id": campaign.id, "email": "same@example.org"}),
                (
                    "held",
                    {
                        "claimed_by": holder,
                        "claimed_until": start + timedelta(days=3650),
                        "disputed_at": start,
                        "email": "same@example.org",
                    },
                ),  # fmt: skip
                (
                    "verified",
                    {
                        "verified_organization": org,
                        "email_confirmed_at": start,
                        "email": "a@example.org",
                    },
                ),  # fmt: skip
                ("invited", {"email": "b@example.org", "region_code": None}),
                ("escalated", {"status": SubmissionStatus.ESCALATED, "email": None}),
                ("approved", {"status": SubmissionStatus.APPROVED, "email": None}),
            ]
        ):
            row = factories.submission(
                db.session, tracking_code=f"T-{n}", created_at=start + timedelta(minutes=n),
                **extra,
            )  # fmt: skip
            made[key] = row.id
        db.session.add(
            StakeholderInvitation(
                secret_hash="h",
                consultation_id=row.consultation_id,
                organization="Invited & Co",
                sector=sector,
                email="b@example.org",
                language="en",
                submission_id=made["invited"],
            )  # fmt: skip
        )
        db.session.commit()
    return made


def _row(page: str, lang: str, submission_id: int) -> str:
    """The `<tr>` of one comment on a queue page."""
    start = page.index(f'<a href="/{lang}/staff/submissions/{submission_id}"')
    return page[page.rindex("<tr>", 0, start) : page.index("</tr>", start) + 5]


# Rows as the template wrote them before app.moderation.rows wrote them (the same markup,
# compared byte for byte): what a moderator sees must not change with the way it is written.
ROWS = {
    ("en", "held"): (
        '<tr>\n      <td><input type="checkbox" name="ids" value="{id}" id="pick-{id}" '
        'aria-label="Select T-3"><input type="hidden" name="v{id}" value="1"></td>\n'
        '      <td data-label="Received">Mar 1, 2027, 9:08 AM</td>\n'
        '      <td data-label="Title"><a href="/en/staff/submissions/{id}" data-row-link>'
        'Cadena de suministro</a> <span class="consulta-meta consulta-nowrap">T-3</span> '
        '<span class="usa-tag">Reported as not sent</span> <span class="usa-tag '
        'consulta-signal">Signal: same e-mail address, 3 comments</span></td>\n'
        '      <td data-label="Main pillar">Building Back Together</td>\n'
        '      <td data-label="Sector">Private sector</td>\n'
        '      <td data-label="State or region">Nuevo León</td>\n'
        '      <td data-label="Status">Pending<br><span class="consulta-meta">held by '
        "moderator@example.org</span></td>\n    </tr>"
    ),
    ("en", "plain"): (
        '<tr>\n      <td><input type="checkbox" name="ids" value="{id}" id="pick-{id}" '
        'aria-label="Select T-0"><input type="hidden" name="v{id}" value="1"></td>\n'
        '      <td data-label="Received">Mar 1, 2027, 9:05 AM</td>\n'
        '      <td data-label="Title"><a href="/en/staff/submissions/{id}" data-row-link>'
        "Tags &lt;b&gt;x&lt;/b&gt; &amp; &#34;q&#34;</a> "
        '<span class="consulta-meta consulta-nowrap">T-0</span></td>\n'
        '      <td data-label="Main pillar">Building Back Together</td>\n'
        '      <td data-label="Sector">Private sector</td>\n'
        '      <td data-label="State or region">Nuevo León</td>\n'
        '      <td data-label="Status">Pending</td>\n    </tr>'
    ),
    ("en", "approved"): (
        "<tr>\n      <td></td>\n"
        '      <td data-label="Received">Mar 1, 2027, 9:12 AM</td>\n'
        '      <td data-label="Title"><a href="/en/staff/submissions/{id}" data-row-link>'
        'Cadena de suministro</a> <span class="consulta-meta consulta-nowrap">T-7</span></td>\n'
        '      <td data-label="Main pillar">Building Back Together</td>\n'
        '      <td data-label="Sector">Private sector</td>\n'
        '      <td data-label="State or region">Nuevo León</td>\n'
        '      <td data-label="Status">Approved</td>\n    </tr>'
    ),
    ("en", "invited"): (
        ' <span class="usa-tag">Invited: Invited &amp; Co</span></td>\n'
        '      <td data-label="Main pillar">Building Back Together</td>\n'
        '      <td data-label="Sector">Private sector</td>\n'
        '      <td data-label="State or region">Mexico</td>\n'
    ),
    ("es", "campaign"): (
        '<tr>\n      <td><input type="checkbox" name="ids" value="{id}" id="pick-{id}" '
        'aria-label="Seleccionar T-1"><input type="hidden" name="v{id}" value="1"></td>\n'
        '      <td data-label="Fecha de recepción">1 mar 2027, 9:06 h</td>\n'
        '      <td data-label="Título"><a href="/es/staff/submissions/{id}" data-row-link>'
        'Cadena de suministro</a> <span class="consulta-meta consulta-nowrap">T-1</span> '
        '<span class="usa-tag consulta-signal">Señal: mismo correo electrónico, 3 '
        'comentarios</span> <span class="usa-tag consulta-signal">Señal: correo sin '
        'confirmar en una campaña</span><br><a class="consulta-campaign" '
        'href="/es/staff/campaigns/{campaign}">Campaña núm. {campaign}: 2 comentarios</a></td>\n'
        '      <td data-label="Pilar principal">Reconstruir juntos</td>\n'
        '      <td data-label="Sector">Sector privado</td>\n'
        '      <td data-label="Ubicación">Nuevo León</td>\n'
        '      <td data-label="Estatus">Pendiente</td>\n    </tr>'
    ),
    ("es", "verified"): (
        '<tr>\n      <td><input type="checkbox" name="ids" value="{id}" id="pick-{id}" '
        'aria-label="Seleccionar T-4"><input type="hidden" name="v{id}" value="1"></td>\n'
        '      <td data-label="Fecha de recepción">1 mar 2027, 9:09 h</td>\n'
        '      <td data-label="Título"><a href="/es/staff/submissions/{id}" data-row-link>'
        'Cadena de suministro</a> <span class="consulta-meta consulta-nowrap">T-4</span> '
        '<span class="usa-tag">Correo confirmado</span> <span class="usa-tag">Organización '
        "verificada: Acero &amp; Hierro &lt;SA&gt;</span></td>\n"
        '      <td data-label="Pilar principal">Reconstruir juntos</td>\n'
        '      <td data-label="Sector">Sector privado</td>\n'
        '      <td data-label="Ubicación">Nuevo León</td>\n'
        '      <td data-label="Estatus">Pendiente</td>\n    </tr>'
    ),
    ("es", "escalated"): ('<td data-label="Estatus">Turnado</td>\n    </tr>'),
}


@pytest.mark.parametrize("lang", [Language.EN, Language.ES])
def test_rows_show_campaign_holder_organisation_and_signals_as_before(
    app: Flask, lang: Language
) -> None:
    client = signed_in(app, Role.MODERATOR, lang)
    made = _marked_rows(app)
    with app.app_context():
        from app.intake.models import Submission

        campaign = db.session.get(Submission, made["campaign"]).campaign_id
    page = client.get(f"/{lang.value}/staff/queue?status=").get_data(as_text=True)
    assert page.count("\n    <tr>\n") == len(made)
    for (row_lang, key), expected in ROWS.items():
        if row_lang == lang.value:
            row = _row(page, lang.value, made[key])
            assert expected.format(id=made[key], campaign=campaign) in row, key


def test_the_bulk_forms_options_follow_the_readers_language(app: Flask) -> None:
    """The decision and reason options are written once per language and shared: each
    language's page gets its own."""
    _rows(app)
    english = signed_in(app, Role.MODERATOR)
    spanish = signed_in(app, Role.MODERATOR, Language.ES, email="moderadora@example.org")
    for _ in range(2):
        en = english.get("/en/staff/queue").get_data(as_text=True)
        es = spanish.get("/es/staff/queue").get_data(as_text=True)
        assert '<option value="approved">Approve</option>' in en
        assert '<option value="off_topic">Off-topic</option>' in en
        assert '<option value="approved">Aprobar</option>' in es
        assert '<option value="off_topic">Fuera de tema</option>' in es


def test_the_written_filters_follow_language_values_and_dates(app: Flask) -> None:
    """The filter fields are written once per language, taxonomy version and values chosen:
    each page still shows its own language, choices and dates."""
    _rows(app)
    english = signed_in(app, Role.MODERATOR)
    spanish = signed_in(app, Role.MODERATOR, Language.ES, email="moderadora@example.org")
    for _ in range(2):
        en = english.get("/en/staff/queue").get_data(as_text=True)
        es = spanish.get("/es/staff/queue").get_data(as_text=True)
        dated = english.get("/en/staff/queue?since=2027-01-02").get_data(as_text=True)
        assert '<label class="usa-label" for="pillar">Pillar</label>' in en
        assert '<label class="usa-label" for="pillar">Pilar</label>' in es
        assert 'value="2027-01-02"' in dated
        assert 'value="2027-01-02"' not in en
        assert 'name="since" type="date" value="">' in en
