"""Verified organizations in the browser: listed with their domains (normalised, unique across
organizations), audited, in both languages; a confirmed address at a domain verifies."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.enums import Language
from app.taxonomy.models import Organization, OrganizationDomain
from app.taxonomy.queries import organization_for_email
from tests.admin.helpers import admin_client, events, post, translated

NEW = "/{lang}/staff/admin/organizations/new"


def _answers(**changes: str) -> dict[str, str]:
    return {
        "name_en": "Government of Sonora",
        "name_es": "Gobierno de Sonora",
        "sector": "state_government",
        "country": "MX",
        "domains": "Sonora.GOB.mx\r\nmail.sonora.gob.mx.",
    } | changes


def _sector_code(app: Flask) -> str:
    from app.taxonomy.models import Sector

    with app.app_context():
        return db.session.scalars(select(Sector.code).order_by(Sector.position)).all()[-1]


def _add(app: Flask, client, lang: str = "en", **changes: str):
    url = NEW.format(lang=lang)
    answers = _answers(sector=_sector_code(app)) | changes
    return post(client, url, answers, page=url)


def _domains(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(OrganizationDomain.domain).order_by("domain")))


def test_added_organization_keeps_normalised_domains_and_is_audited(seeded: Flask) -> None:
    client = admin_client(seeded)
    added = _add(seeded, client)
    assert added.status_code == 303
    assert _domains(seeded) == ["mail.sonora.gob.mx", "sonora.gob.mx"]
    [event] = events(seeded, "organization.added")
    assert "sonora.gob.mx" in event.after
    page = client.get("/en/staff/admin/organizations").get_data(as_text=True)
    assert "Government of Sonora" in page
    assert "Gobierno de Sonora" in page


def test_unicode_domain_is_stored_as_idna_and_shown_readable(seeded: Flask) -> None:
    client = admin_client(seeded)
    assert _add(seeded, client, domains="MÉXICO.mx").status_code == 303
    assert _domains(seeded) == ["xn--mxico-bsa.mx"]
    assert "méxico.mx" in client.get("/en/staff/admin/organizations").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_domain_entered_twice_is_refused_in_the_page_language(seeded: Flask, lang: str) -> None:
    client = admin_client(seeded, Language(lang))
    refused = _add(seeded, client, lang, domains="unam.mx\nUNAM.MX")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert translated(seeded, lang, "%(domain)s is entered twice.", domain="unam.mx") in page
    assert 'id="error-summary"' in page
    assert "Gobierno de Sonora" in page  # what was typed is kept
    assert _domains(seeded) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_domain_of_another_organization_is_refused(seeded: Flask, lang: str) -> None:
    client = admin_client(seeded, Language(lang))
    assert _add(seeded, client, lang, domains="unam.mx").status_code == 303
    refused = _add(seeded, client, lang, name_en="UNAM copy", domains="Unam.mx")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    expected = translated(
        seeded, lang,
        "%(domain)s already belongs to %(name)s: a domain can verify one organization only.",
        domain="unam.mx", name="Government of Sonora",
    )  # fmt: skip
    assert expected in page
    assert len(events(seeded, "organization.added")) == 1


@pytest.mark.parametrize("typed", ["mx", "https://unam.mx", "@unam.mx", "una m.mx"])
def test_what_is_not_a_domain_is_refused(seeded: Flask, typed: str) -> None:
    refused = _add(seeded, admin_client(seeded), domains=typed)
    assert refused.status_code == 422
    assert "is not an e-mail domain" in refused.get_data(as_text=True)


def test_edit_keeps_own_domains_and_records_the_change(seeded: Flask) -> None:
    client = admin_client(seeded)
    _add(seeded, client)
    with seeded.app_context():
        org_id = db.session.scalar(select(Organization.id))
    url = f"/en/staff/admin/organizations/{org_id}/edit"
    form = client.get(url).get_data(as_text=True)
    assert "sonora.gob.mx" in form
    answers = _answers(sector=_sector_code(seeded), domains="sonora.gob.mx\nson.gob.mx")
    assert post(client, url, answers, page=url).status_code == 303
    assert _domains(seeded) == ["son.gob.mx", "sonora.gob.mx"]
    [event] = events(seeded, "organization.changed")
    assert "son.gob.mx" in event.after
    assert "mail.sonora.gob.mx" in event.before


def test_address_at_a_domain_or_subdomain_finds_the_organization(seeded: Flask) -> None:
    _add(seeded, admin_client(seeded), domains="sonora.gob.mx")
    with seeded.app_context():
        assert organization_for_email(db.session, "a@SONORA.gob.mx") is not None
        assert organization_for_email(db.session, "a@mail.sonora.gob.mx") is not None
        assert organization_for_email(db.session, "a@notsonora.gob.mx") is None
        assert organization_for_email(db.session, "a@gob.mx") is None
        assert organization_for_email(db.session, None) is None


@pytest.mark.parametrize("lang", ["en", "es"])
def test_listing_a_domain_verifies_addresses_confirmed_before(seeded: Flask, lang: str) -> None:
    """A comment whose address was confirmed before its organisation was listed is verified
    when it is; an unconfirmed address, a look-alike domain and a comment already verified
    with another organisation are not; the administration trail says which comments."""
    from app.db import utcnow
    from app.intake.models import Submission
    from tests import factories

    with seeded.app_context():
        session = db.session
        other = Organization(name_en="Other", name_es="Otra", sector_id=1, country_code="MX")
        session.add(other)
        made = {
            "confirmed": factories.submission(
                session, email="Ana@Mail.Sonora.gob.mx", email_confirmed_at=utcnow()
            ),
            "unconfirmed": factories.submission(session, email="luis@sonora.gob.mx"),
            "lookalike": factories.submission(
                session, email="eva@notsonora.gob.mx", email_confirmed_at=utcnow()
            ),
            "verified_elsewhere": factories.submission(
                session, email="rosa@sonora.gob.mx", email_confirmed_at=utcnow(),
                verified_organization=other,
            ),
        }  # fmt: skip
        session.commit()
        ids = {kind: sub.id for kind, sub in made.items()}
    client = admin_client(seeded, Language(lang))
    url = NEW.format(lang=lang)
    answers = _answers(sector=_sector_code(seeded), domains="sonora.gob.mx")
    assert post(client, url, answers, page=url).status_code == 303
    with seeded.app_context():
        sonora = db.session.scalar(select(Organization).where(Organization.name_en != "Other"))
        verified = {
            kind: db.session.get(Submission, sid).verified_organization_id
            for kind, sid in ids.items()
        }
        other_id = db.session.scalar(select(Organization.id).where(Organization.name_en == "Other"))
    assert verified == {
        "confirmed": sonora.id,
        "unconfirmed": None,
        "lookalike": None,
        "verified_elsewhere": other_id,
    }
    [event] = events(seeded, "organization.verified")
    assert str(ids["confirmed"]) in event.after
    trail = client.get(f"/{lang}/staff/admin/events").get_data(as_text=True)
    label = "Verified comments confirmed before their domain was listed"
    assert translated(seeded, lang, label) in trail


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_comment_verified_when_its_domain_is_listed_says_so_in_its_own_trail(
    seeded: Flask, lang: str
) -> None:
    """The late verification is recorded in the comment's hash-chained trail too (by the
    administrator who listed the domain, with the organisation's name in the page's
    language), and `flask audit verify` still finds the chain intact."""
    from app import audit
    from app.db import utcnow
    from app.enums import EventAction
    from app.intake.models import ModerationEvent
    from tests import factories

    with seeded.app_context():
        confirmed = factories.submission(
            db.session, email="ana@sonora.gob.mx", email_confirmed_at=utcnow()
        )
        unconfirmed = factories.submission(db.session, email="luis@sonora.gob.mx")
        db.session.commit()
        ids = (confirmed.id, unconfirmed.id)
    client = admin_client(seeded, Language(lang))
    url = NEW.format(lang=lang)
    answers = _answers(sector=_sector_code(seeded), domains="sonora.gob.mx")
    assert post(client, url, answers, page=url).status_code == 303

    with seeded.app_context():
        late = list(
            db.session.scalars(
                select(ModerationEvent).where(
                    ModerationEvent.action == EventAction.ORGANIZATION_VERIFIED
                )
            )
        )
        assert [e.submission_id for e in late] == [ids[0]]
        assert late[0].actor is not None
        assert late[0].actor.email == "admin@example.org"
        assert audit.verify(db.session, ModerationEvent).intact

    page = client.get(f"/{lang}/staff/submissions/{ids[0]}").get_data(as_text=True)
    assert translated(seeded, lang, "Verified when its domain was listed") in page
    name = _answers()[f"name_{lang}"]
    line = translated(
        seeded, lang, "Verified as %(organization)s when the domain was listed", organization=name
    )
    assert line in page
    other = client.get(f"/{lang}/staff/submissions/{ids[1]}").get_data(as_text=True)
    assert translated(seeded, lang, "Verified when its domain was listed") not in other

    result = seeded.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
