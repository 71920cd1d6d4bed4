"""One rule for what is published and how its author is named (app.intake.publication), and
every public surface that exists following it: a comment in every status × consent ×
redacted-or-not is placed in a meeting's agenda, then the public packet, the public CSV and
JSON exports and the Atom feed must hold exactly the comments the module says, in their
public (redacted) text, with the author named only where the module allows. A surface that
grows its own copy of the rule, and lets it drift, fails here."""

from __future__ import annotations

import csv
import io
import itertools
import json
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy import select

from app.agenda import services as agenda_services
from app.agenda.models import AgendaItem
from app.db import db
from app.enums import (
    Audience,
    Consent,
    Language,
    OutcomeKind,
    RejectionReason,
    Role,
    SubmissionStatus,
)
from app.intake import publication
from app.intake.models import Submission
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from app.staff.models import User
from app.staff.services import create_user
from tests.packets.helpers import meeting_with_items, place
from tests.staff.helpers import PASSWORD, signed_in

pytestmark = pytest.mark.usefixtures("seeded")
NS = {"a": "http://www.w3.org/2005/Atom"}


@dataclass(frozen=True)
class Case:
    """One comment of the matrix and what the publication module says about it."""

    tag: str
    code: str
    publishable: bool
    title: str  # what a public surface must show
    body: str
    hidden: tuple[str, ...]  # what no public surface may show (original text when redacted)
    name: str
    organization: str
    named: bool
    public_id: str = ""


def _build(app: Flask) -> tuple[list[Case], int]:
    with app.app_context():
        session = db.session
        agenda = meeting_with_items(session)
        cases = []
        for n, (status, consent, redacted) in enumerate(
            itertools.product(SubmissionStatus, Consent, (False, True))
        ):
            tag = f"[{status.value}/{consent.value}/{'redacted' if redacted else 'plain'}]"
            sub = place(
                session, agenda, 0, tag, position=n,
                status=status, consent=consent,
                rejection_reason=RejectionReason.SPAM
                if status is SubmissionStatus.REJECTED else None,
                title=f"Original title {tag}", body=f"Original body {tag}",
                public_title=f"Public title {tag}" if redacted else None,
                public_body=f"Public body {tag}" if redacted else None,
                submitter_name=f"Name {tag}", organization=f"Organization {tag}",
                email=f"author{n}@example.org",
            )  # fmt: skip
            author = publication.author_of(sub)
            assert author.named == (author.name is not None)
            cases.append(
                Case(
                    tag=tag,
                    code=sub.tracking_code,
                    publishable=publication.is_publishable(sub),
                    title=sub.published_title,
                    body=sub.published_body,
                    hidden=(sub.title, sub.body) if redacted else (),
                    name=sub.submitter_name,
                    organization=sub.organization or "",
                    named=author.named,
                    public_id=sub.public_id,
                )
            )
        session.commit()
        return cases, agenda.meeting.id


@pytest.fixture
def matrix(app: Flask) -> tuple[list[Case], int]:
    return _build(app)


def test_the_rule_is_the_one_the_spec_states(app: Flask, matrix) -> None:
    """Approved and consented, nothing else; named only with consent to be named; the SQL
    conditions and the predicate for one loaded row agree."""
    cases, _meeting = matrix
    for case in cases:
        status, consent, _redacted = case.tag.strip("[]").split("/")
        assert case.publishable == (status == "approved" and consent != "none"), case.tag
        assert case.named == (consent == "named"), case.tag
    with app.app_context():
        by_sql = set(
            db.session.scalars(
                select(Submission.tracking_code).where(*publication.publishable_conditions())
            )
        )
    assert by_sql == {c.code for c in cases if c.publishable}
    assert len(by_sql) == 4  # approved × (named, anonymous) × (plain, redacted)


def _check_text(surface: str, text: str, cases: list[Case]) -> None:
    """Each publishable comment in its public text, named only where allowed; nothing of
    the others, and never the original of a redacted text."""
    for case in cases:
        if case.publishable:
            assert case.title in text, (surface, case.tag)
            assert case.body in text, (surface, case.tag)
            assert (case.name in text) == case.named, (surface, case.tag)
            assert (case.organization in text) == case.named, (surface, case.tag)
        else:
            for leaked in (case.title, case.body, case.name, case.organization, case.code):
                assert leaked not in text, (surface, case.tag, leaked)
        for leaked in case.hidden:
            assert leaked not in text, (surface, case.tag, leaked)
        assert "@example.org" not in text, surface


def test_public_packet_follows_the_rule(app: Flask, matrix) -> None:
    cases, meeting_id = matrix
    with app.app_context():
        from app.agenda.models import Meeting

        meeting = db.session.get(Meeting, meeting_id)
        html = build_packet_file(
            db.session, meeting, PacketFormat.HTML, PacketLanguage.EN, Audience.PUBLIC
        ).data.decode("utf-8")
    _check_text("packet", html, cases)
    for case in cases:
        assert (case.code in html) == case.publishable, case.tag
        if case.publishable and case.named:
            assert f"{case.name}, {case.organization}" in html, case.tag
    assert html.count("Anonymous") >= sum(c.publishable and not c.named for c in cases)


def _secretariat(app: Flask) -> FlaskClient:
    return signed_in(app, Role.SECRETARIAT)


def _check_rows(surface: str, rows: list[dict], cases: list[Case], empty: object) -> None:
    by_code = {row["tracking_code"]: row for row in rows}
    assert set(by_code) == {c.code for c in cases if c.publishable}, surface
    for case in cases:
        row = by_code.get(case.code)
        if row is None:
            continue
        assert "email" not in row, surface
        assert (row["title"], row["body"]) == (case.title, case.body), (surface, case.tag)
        expected = (case.name, case.organization) if case.named else (empty, empty)
        assert (row["name"], row["organization"]) == expected, (surface, case.tag)


def test_public_exports_follow_the_rule(app: Flask, matrix) -> None:
    cases, _meeting = matrix
    client = _secretariat(app)
    url = "/en/staff/exports/submissions"
    # A status filter must not widen a public export.
    for query in ("audience=public", "audience=public&status=pending", "status=rejected"):
        response = client.get(f"{url}.csv?{query}")
        assert response.status_code == 200
        raw = response.get_data().decode("utf-8-sig")
        _check_rows("csv", list(csv.DictReader(io.StringIO(raw, newline=""))), cases, "")
        _check_text("csv", raw, cases)
    response = client.get(f"{url}.json?audience=public")
    assert response.status_code == 200
    _check_rows("json", json.loads(response.get_data(as_text=True)), cases, None)
    _check_text("json", response.get_data(as_text=True), cases)


def test_atom_feed_follows_the_rule(app: Flask, client: FlaskClient, matrix) -> None:
    cases, _meeting = matrix
    response = client.get("/feeds/hled-2026.atom")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    _check_text("atom", text, cases)
    root = etree.fromstring(response.get_data())
    entries = {e.findtext("a:title", namespaces=NS): e for e in root.iterfind("a:entry", NS)}
    assert set(entries) == {c.title for c in cases if c.publishable}
    for case in cases:
        if not case.publishable:
            continue
        entry = entries[case.title]
        assert entry.findtext("a:content", namespaces=NS) == case.body
        author = entry.findtext("a:author/a:name", namespaces=NS)
        expected = f"{case.name} ({case.organization})" if case.named else None
        assert author == expected or (not case.named and author in ("Anonymous", "Anónimo"))


RECORD = "/{lang}/c/hled-2026/comments"
API = "/api/v1/consultations/hled-2026/comments"


def test_public_record_follows_the_rule(client: FlaskClient, matrix) -> None:
    """The list in both languages, every permalink: exactly the publishable comments, in
    their public text, named only with consent; never a tracking code."""
    cases, _meeting = matrix
    for lang in ("en", "es"):
        response = client.get(RECORD.format(lang=lang))
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        _check_text(f"record/{lang}", text, cases)
        assert not any(case.code in text for case in cases), lang
    for case in cases:
        response = client.get(f"{RECORD.format(lang='en')}/{case.public_id}")
        if not case.publishable:
            assert response.status_code == 404, case.tag
            continue
        assert response.status_code == 200, case.tag
        text = response.get_data(as_text=True)
        _check_text(f"permalink {case.tag}", text, [case])
        assert case.code not in text


def _found_by(client: FlaskClient, words: str) -> tuple[str, set[str]]:
    """The comments a search finds on the list page and in the API, by title."""
    page = client.get(RECORD.format(lang="en"), query_string={"q": words})
    api = client.get(API, query_string={"q": words})
    assert page.status_code == api.status_code == 200, words
    html = page.get_data(as_text=True)
    # The results only: the search box shows back what was typed.
    start = html.find('class="usa-list usa-list--unstyled consulta-record"')
    html = html[start : html.find("</ol>", start)] if start >= 0 else ""
    from_api = {item["title"] for item in api.get_json()["items"]}
    return html, from_api


def test_search_finds_only_what_is_shown(client: FlaskClient, matrix) -> None:
    """Searching the words of a hidden original, of an anonymous author's organization or of
    an unpublished comment finds nothing: a match would tell what the page does not show."""
    cases, _meeting = matrix
    for case in cases:
        words = case.tag.strip("[]").replace("/", " ")
        for shown, probe in (
            (case.publishable, case.title),
            (case.publishable, case.body),
            (case.publishable and case.named, case.organization),
            (False, *case.hidden[:1]) if case.hidden else (case.publishable, words),
        ):
            html, from_api = _found_by(client, probe)
            assert (case.title in from_api) == shown, (case.tag, probe)
            assert (case.title in html) == shown, (case.tag, probe)
            hidden = [c for c in cases if not c.publishable]
            _check_text(f"search {probe}", html, hidden)


def test_api_follows_the_rule(client: FlaskClient, matrix) -> None:
    cases, _meeting = matrix
    response = client.get(API)
    assert response.status_code == 200
    raw = response.get_data(as_text=True)
    _check_text("api list", raw, cases)
    items = {item["id"]: item for item in response.get_json()["items"]}
    assert set(items) == {c.public_id for c in cases if c.publishable}
    for case in cases:
        detail = client.get(f"{API}/{case.public_id}")
        if not case.publishable:
            assert detail.status_code == 404, case.tag
            continue
        body = detail.get_json()
        assert body.pop("outcomes") == [], case.tag  # no outcome recorded in this matrix
        assert body.pop("theme_outcomes") == [], case.tag
        assert body == items[case.public_id], case.tag
        assert (body["title"], body["body"]) == (case.title, case.body), case.tag
        expected = {"name": case.name, "organization": case.organization} if case.named else None
        assert body["author"] == expected, case.tag
        assert "email" not in detail.get_data(as_text=True)
        assert case.code not in raw


def test_outcome_surfaces_follow_the_rule(app: Flask, client: FlaskClient, matrix) -> None:
    """An outcome on the item that holds every comment of the matrix: the permalinks and the
    API answers of the publishable ones carry it, in their public text only; the others stay
    404 (the outcome opens no door to them)."""
    cases, meeting_id = matrix
    with app.app_context():
        item = db.session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position)
        ).first()
        actor = db.session.scalars(select(User)).first()
        if actor is None:
            actor = create_user(
                db.session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN
            )
        agenda_services.record_outcome(
            db.session, actor, item, kind=OutcomeKind.ADOPTED,
            note_en="Adopted for the plan.", note_es="Adoptado para el plan.",
        )  # fmt: skip
        db.session.commit()
    for case in cases:
        for lang, note in (("en", "Adopted for the plan."), ("es", "Adoptado para el plan.")):
            response = client.get(f"{RECORD.format(lang=lang)}/{case.public_id}")
            if not case.publishable:
                assert response.status_code == 404, case.tag
                continue
            text = response.get_data(as_text=True)
            assert note in text, (lang, case.tag)
            _check_text(f"permalink with outcome {case.tag}", text, [case])
        detail = client.get(f"{API}/{case.public_id}")
        if not case.publishable:
            assert detail.status_code == 404, case.tag
            continue
        assert [o["kind"] for o in detail.get_json()["outcomes"]] == ["adopted"], case.tag
        assert case.code not in detail.get_data(as_text=True)
    # The outcomes list names exactly the publishable comments of the item, by public id.
    listed = client.get("/api/v1/outcomes?consultation=hled-2026")
    assert listed.status_code == 200
    (outcome,) = listed.get_json()["items"]
    assert set(outcome["comment_ids"]) == {c.public_id for c in cases if c.publishable}
    _check_text(
        "api outcomes", listed.get_data(as_text=True), [c for c in cases if not c.publishable]
    )
    for lang in ("en", "es"):
        response = client.get(RECORD.format(lang=lang), query_string={"outcome": "adopted"})
        _check_text(f"record/{lang} with an outcome", response.get_data(as_text=True), cases)


def test_theme_outcome_surfaces_follow_the_rule(app: Flask, client: FlaskClient, matrix) -> None:
    """An outcome on a theme that holds every comment of the matrix: the permalinks and the
    API answers of the publishable ones carry it; the others stay 404, and the theme's entry in
    /api/v1/theme-outcomes names the publishable ones only."""
    from app.themes import services as theme_services
    from app.themes.models import Theme, ThemeMember

    cases, _meeting = matrix
    with app.app_context():
        rows = list(
            db.session.scalars(
                select(Submission).where(Submission.public_id.in_([c.public_id for c in cases]))
            )
        )
        theme = Theme(consultation_id=rows[0].consultation_id, pillar_id=rows[0].primary_pillar_id,
                      label_en="Matrix theme", label_es="Asunto de la matriz")  # fmt: skip
        db.session.add(theme)
        db.session.flush()
        db.session.add_all(ThemeMember(submission_id=r.id, theme_id=theme.id) for r in rows)
        actor = db.session.scalars(select(User)).first() or create_user(
            db.session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN
        )
        theme_services.record_outcome(
            db.session, theme, actor, kind=OutcomeKind.REFERRED,
            note_en="Sent to the working group.", note_es="Enviado al grupo de trabajo.",
        )  # fmt: skip
        db.session.commit()
    for case in cases:
        for lang, note in (("en", "Sent to the working group."),
                           ("es", "Enviado al grupo de trabajo.")):  # fmt: skip
            response = client.get(f"{RECORD.format(lang=lang)}/{case.public_id}")
            if not case.publishable:
                assert response.status_code == 404, case.tag
                continue
            text = response.get_data(as_text=True)
            assert note in text, (lang, case.tag)
            _check_text(f"permalink with theme outcome {case.tag}", text, [case])
        detail = client.get(f"{API}/{case.public_id}")
        if not case.publishable:
            assert detail.status_code == 404, case.tag
            continue
        assert [o["kind"] for o in detail.get_json()["theme_outcomes"]] == ["referred"], case.tag
    listed = client.get("/api/v1/theme-outcomes?consultation=hled-2026")
    assert listed.status_code == 200
    (outcome,) = listed.get_json()["items"]
    assert set(outcome["comment_ids"]) == {c.public_id for c in cases if c.publishable}
    _check_text(
        "api theme outcomes",
        listed.get_data(as_text=True),
        [c for c in cases if not c.publishable],
    )
    for lang in ("en", "es"):
        response = client.get(RECORD.format(lang=lang), query_string={"outcome": "referred"})
        _check_text(f"record/{lang} with a theme outcome", response.get_data(as_text=True), cases)


def test_public_report_follows_the_rule(app: Flask, client: FlaskClient, matrix) -> None:
    """The report counts exactly the publishable comments of the item that holds the matrix
    (a disputed one added to them is not counted), in both languages, page and PDF, and shows
    no comment's text, name, organization, address or tracking code."""
    from tests.public.test_report import pdf_text

    cases, _meeting = matrix
    with app.app_context():
        extra = db.session.scalars(
            select(Submission).where(*publication.publishable_conditions())
        ).first()
        extra.disputed_at = extra.created_at  # out of every public surface from now on
        disputed = extra.tracking_code
        db.session.commit()
    expected = {c.code for c in cases if c.publishable} - {disputed}
    total = {
        "en": f"{len(expected)} published comments.",
        "es": f"{len(expected)} comentarios publicados.",
    }
    for lang in ("en", "es"):
        url = f"/{lang}/c/hled-2026/report"
        page = " ".join(client.get(url).get_data(as_text=True).split())
        pdf = pdf_text(client.get(url + ".pdf").data)
        for surface, text in ((f"report/{lang}", page), (f"report.pdf/{lang}", pdf)):
            assert total[lang] in text, surface
            assert "@example.org" not in text, surface
            for case in cases:
                for shown in (case.title, case.body, case.name, case.organization, case.code):
                    assert shown not in text, (surface, case.tag, shown)


def _open_data(app: Flask, runner) -> tuple[str, list[dict], str, list[dict]]:
    """Publish the open data files and read them back: the NDJSON's text and records, the
    CSV's text and rows."""
    import gzip
    from pathlib import Path

    from app.opendata import files

    result = runner.invoke(args=["opendata", "publish"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        manifest = files.read_manifest("hled-2026")
        folder = Path(app.config["OPEN_DATA_DIR"]) / "hled-2026"
    ndjson = gzip.decompress((folder / manifest.files["ndjson.gz"].file).read_bytes())
    ndjson_text = ndjson.decode("utf-8")
    records = [json.loads(line) for line in ndjson_text.splitlines()]
    csv_text = (folder / manifest.files["csv"].file).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_text, newline="")))
    assert manifest.rows == len(records) == len(rows)
    return ndjson_text, records, csv_text, rows


def _check_open_data(app: Flask, runner, cases: list[Case]) -> None:
    ndjson_text, records, csv_text, rows = _open_data(app, runner)
    for surface, text, found, empty in (
        ("open data ndjson", ndjson_text, records, None),
        ("open data csv", csv_text, rows, ""),
    ):
        _check_text(surface, text, cases)
        by_id = {row["id"]: row for row in found}
        assert set(by_id) == {c.public_id for c in cases if c.publishable}, surface
        for case in cases:
            assert case.code not in text, (surface, case.tag)
            row = by_id.get(case.public_id)
            if row is None:
                continue
            assert (row["title"], row["body"]) == (case.title, case.body), (surface, case.tag)
            expected = (case.name, case.organization) if case.named else (empty, empty)
            assert (row["author_name"], row["author_organization"]) == expected, surface


def test_open_data_files_follow_the_rule(app: Flask, runner, matrix) -> None:
    """The files hold exactly the publishable comments in their public text, named only with
    consent; a comment withdrawn, rejected or disputed after a build is gone from the next."""
    from app.db import utcnow

    cases, _meeting = matrix
    _check_open_data(app, runner, cases)
    changed = [c for c in cases if c.publishable][:3]
    with app.app_context():
        for case, change in zip(changed, ("withdrawn", "rejected", "disputed"), strict=True):
            row = db.session.scalar(
                select(Submission).where(Submission.public_id == case.public_id)
            )
            if change == "withdrawn":
                row.status = SubmissionStatus.WITHDRAWN
            elif change == "rejected":
                row.status = SubmissionStatus.REJECTED
                row.rejection_reason = RejectionReason.SPAM
            else:
                row.disputed_at = utcnow()
        db.session.commit()
    gone = {c.public_id for c in changed}
    after = [
        Case(**{**c.__dict__, "publishable": False}) if c.public_id in gone else c for c in cases
    ]
    _check_open_data(app, runner, after)
