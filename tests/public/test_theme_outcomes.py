"""Where a theme's outcome reaches people, in both languages: the submitter's status page, the
permalink, the public list's markers and "with an outcome" filter, the API (one comment and
/api/v1/theme-outcomes) and the public report, page and PDF. A dismissed theme shows nothing,
and nothing of a theme with no publishable comment is public."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db
from app.enums import Consent, Language, OutcomeKind, Role, SubmissionStatus
from app.models import Pillar
from app.staff.models import User
from app.staff.services import create_user
from app.themes import services
from app.themes.models import Theme, ThemeMember
from tests.intake.helpers import hidden_fields
from tests.public.helpers import published
from tests.public.schema_check import problems
from tests.public.test_outcomes import _entries
from tests.public.test_report import _squash, pdf_text
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("seeded")
RECORD = "/{lang}/c/hled-2026/comments"
REPORT = "/{lang}/c/hled-2026/report"
API = "/api/v1"
NOTE = ("Goes into the 2027 plan.", "Entra en el plan de 2027.")
SECRET_NOTE = ("Secret theme note.", "Nota secreta del asunto.")
DISMISSED_NOTE = ("Dismissed theme note.", "Nota del asunto descartado.")


@dataclass
class Decided:
    public_id: str  # a published comment in the theme whose outcome is "adopted"
    code: str
    email: str
    private_code: str  # the unconsented comment, alone in a theme with an outcome
    private_email: str
    private_public_id: str
    dismissed_code: str  # a published comment in a dismissed theme that had an outcome
    dismissed_email: str
    theme_id: int
    secret_theme_id: int


def _theme(session, label: tuple[str, str], members, pillar: Pillar) -> Theme:
    theme = Theme(
        consultation_id=members[0].consultation_id,
        pillar_id=pillar.id,
        label_en=label[0],
        label_es=label[1],
        support=len(members),
        comments=len(members),
        label_edited=True,  # a person's label: public surfaces show it as written
    )
    session.add(theme)
    session.flush()
    session.add_all(ThemeMember(submission_id=s.id, theme_id=theme.id) for s in members)
    session.flush()
    return theme


def _outcome(session, theme: Theme, actor: User, kind: OutcomeKind, note: tuple[str, str]):
    services.record_outcome(session, theme, actor, kind=kind, note_en=note[0], note_es=note[1])


@pytest.fixture
def decided(app: Flask) -> Decided:
    with app.app_context():
        session = db.session
        actor = create_user(session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN)
        pillar = session.scalars(select(Pillar).order_by(Pillar.position)).first()
        comment = published(session, title="Themed one", primary_pillar=pillar)
        other = published(session, title="Unthemed one", primary_pillar=pillar)
        private = published(session, consent=Consent.NONE, primary_pillar=pillar)
        noise = published(session, title="Noise one", primary_pillar=pillar)
        theme = _theme(session, ("Border wait times", "Tiempos de espera en la frontera"),
                       [comment], pillar)  # fmt: skip
        _outcome(session, theme, actor, OutcomeKind.UNDER_CONSIDERATION, ("Earlier.", "Antes."))
        _outcome(session, theme, actor, OutcomeKind.ADOPTED, NOTE)
        secret = _theme(session, ("Secret theme", "Asunto secreto"), [private], pillar)
        _outcome(session, secret, actor, OutcomeKind.REFERRED, SECRET_NOTE)
        dismissed = _theme(session, ("Noise theme", "Asunto de ruido"), [noise], pillar)
        _outcome(session, dismissed, actor, OutcomeKind.OUT_OF_SCOPE, DISMISSED_NOTE)
        dismissed.dismissed = True
        session.commit()
        assert other.public_id
        return Decided(
            public_id=comment.public_id,
            code=comment.tracking_code,
            email=comment.email,
            private_code=private.tracking_code,
            private_email=private.email,
            private_public_id=private.public_id,
            dismissed_code=noise.tracking_code,
            dismissed_email=noise.email,
            theme_id=theme.id,
            secret_theme_id=secret.id,
        )


def _status(client: FlaskClient, code: str, email: str, lang: str) -> str:
    fields = hidden_fields(client.get(f"/{lang}/status").get_data(as_text=True))
    response = client.post(
        f"/{lang}/status", data={**fields, "tracking_code": code, "email": email}
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "part", "said"),
    [
        ("en", "Your comment is part of the theme “Border wait times”.",
         "<strong>Adopted</strong>: Goes into the 2027 plan."),
        ("es", "Su comentario forma parte del asunto «Tiempos de espera en la frontera».",
         "<strong>Adoptado</strong>: Entra en el plan de 2027."),
    ],
)  # fmt: skip
def test_the_submitter_reads_the_themes_outcome_in_each_language(
    client: FlaskClient, decided: Decided, lang: str, part: str, said: str
) -> None:
    page = _status(client, decided.code, decided.email, lang)
    assert part in page
    assert said in page
    assert "Earlier." not in page
    assert "Antes." not in page  # the current outcome only
    # An unconsented comment's submitter still learns what became of it.
    private = _status(client, decided.private_code, decided.private_email, lang)
    assert SECRET_NOTE[0 if lang == "en" else 1] in private


def test_a_dismissed_themes_outcome_reaches_nobody(client: FlaskClient, decided: Decided) -> None:
    for lang in ("en", "es"):
        page = _status(client, decided.dismissed_code, decided.dismissed_email, lang)
        assert "Noise theme" not in page
        assert DISMISSED_NOTE[0] not in page
        assert "Asunto de ruido" not in page
        assert DISMISSED_NOTE[1] not in page


@pytest.mark.parametrize(
    ("lang", "heading", "part", "marker"),
    [
        ("en", "What the dialogue did", "This comment is part of the theme “Border wait times”.",
         "Adopted"),
        ("es", "Lo que resolvió el diálogo",
         "Este comentario forma parte del asunto «Tiempos de espera en la frontera».", "Adoptado"),
    ],
)  # fmt: skip
def test_the_permalink_and_the_list_show_the_themes_outcome(
    client: FlaskClient, decided: Decided, lang: str, heading: str, part: str, marker: str
) -> None:
    permalink = client.get(f"{RECORD.format(lang=lang)}/{decided.public_id}")
    html = permalink.get_data(as_text=True)
    assert 'id="outcomes"' in html
    assert heading in html
    assert part in html
    assert NOTE[0 if lang == "en" else 1] in html
    entries = _entries(client.get(RECORD.format(lang=lang)).get_data(as_text=True))
    link = f'href="/{lang}/c/hled-2026/comments/{decided.public_id}#outcomes"><strong>{marker}'
    assert link in entries["Themed one"]
    assert "#outcomes" not in entries["Unthemed one"]
    assert "#outcomes" not in entries["Noise one"]  # its theme is dismissed


def test_the_outcome_filter_counts_the_themes_outcome(
    client: FlaskClient, decided: Decided
) -> None:
    comments = f"{API}/consultations/hled-2026/comments"
    for query, expected in {
        "outcome=any": {"Themed one"},
        "outcome=adopted": {"Themed one"},
        "outcome=under_consideration": set(),  # replaced by "adopted"
        "outcome=out_of_scope": set(),  # the dismissed theme's
    }.items():
        titles = {i["title"] for i in client.get(f"{comments}?{query}").get_json()["items"]}
        assert titles == expected, query
        html = client.get(f"{RECORD.format(lang='en')}?{query}").get_data(as_text=True)
        assert set(_entries(html)) == expected, query


def _schema(document: dict, path: str) -> dict:
    operation = document["paths"][path]["get"]
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


def test_the_api_carries_the_themes_outcome_as_documented(
    client: FlaskClient, decided: Decided
) -> None:
    document = client.get(f"{API}/openapi.json").get_json()
    body = client.get(f"{API}/consultations/hled-2026/comments/{decided.public_id}").get_json()
    assert problems(body, _schema(document, "/consultations/{slug}/comments/{public_id}"),
                    document) == []  # fmt: skip
    assert body["outcomes"] == []
    assert body["theme_outcomes"] == [
        {
            "kind": "adopted",
            "note": {"en": NOTE[0], "es": NOTE[1]},
            "theme": {"en": "Border wait times", "es": "Tiempos de espera en la frontera"},
            "pillar": body["pillar"],
            "recorded_at": body["theme_outcomes"][0]["recorded_at"],
        }
    ]
    listed = client.get(f"{API}/theme-outcomes")
    assert listed.status_code == 200
    page = listed.get_json()
    assert problems(page, _schema(document, "/theme-outcomes"), document) == []
    assert [(i["theme"]["id"], i["kind"], i["comment_ids"]) for i in page["items"]] == [
        (decided.theme_id, "adopted", [decided.public_id])
    ]
    assert page["next"] is None
    assert client.get(f"{API}/").get_json()["theme_outcomes_url"].endswith("/theme-outcomes")
    # Nothing of the theme whose only comment may not be published, nor of the dismissed one.
    text = listed.get_data(as_text=True)
    for hidden in (*SECRET_NOTE, "Secret theme", *DISMISSED_NOTE, "Noise theme"):
        assert hidden not in text, hidden
    assert client.get(f"{API}/theme-outcomes?consultation=hled-2026").get_json() == page


@pytest.mark.parametrize(
    "query", ["after=x", "consultation=nope", "kind=adopted", "after=1&after=2"]
)
def test_a_bad_theme_outcomes_query_is_a_problem(client: FlaskClient, query: str) -> None:
    response = client.get(f"{API}/theme-outcomes?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"


def test_theme_outcomes_pages_follow_next(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        session = db.session
        actor = create_user(session, "sec@example.org", PASSWORD, Role.SECRETARIAT, Language.EN)
        pillar = session.scalars(select(Pillar).order_by(Pillar.position)).first()
        for n in range(53):
            theme = _theme(session, (f"T{n}", f"A{n}"), [published(session)], pillar)
            _outcome(session, theme, actor, OutcomeKind.ADOPTED, ("", ""))
        session.commit()
    seen, url = [], f"{API}/theme-outcomes"
    while url:
        body = client.get(url.replace("http://localhost", "")).get_json()
        seen += [i["theme"]["id"] for i in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 53


def test_a_withdrawn_comment_takes_its_themes_outcome_off_the_record(
    app: Flask, client: FlaskClient, decided: Decided
) -> None:
    from app.intake.models import Submission

    with app.app_context():
        row = db.session.scalars(
            select(Submission).where(Submission.public_id == decided.public_id)
        ).one()
        row.status = SubmissionStatus.WITHDRAWN
        db.session.commit()
    assert client.get(f"{API}/theme-outcomes").get_json()["items"] == []
    for lang in ("en", "es"):
        text = _squash(client.get(REPORT.format(lang=lang)).get_data(as_text=True))
        assert NOTE[0] not in text
        assert NOTE[1] not in text


REPORT_SAID = {
    "en": ("Border wait times", "What we did", "Adopted: Goes into the 2027 plan."),
    "es": ("Tiempos de espera en la frontera", "Lo que hicimos",
           "Adoptado: Entra en el plan de 2027."),
}  # fmt: skip
REPORT_HIDDEN = (*SECRET_NOTE, "Secret theme", "Asunto secreto", *DISMISSED_NOTE, "Noise theme")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_report_shows_each_themes_outcome_beside_its_counts(
    client: FlaskClient, decided: Decided, lang: str
) -> None:
    html = client.get(REPORT.format(lang=lang)).get_data(as_text=True)
    pdf = pdf_text(client.get(REPORT.format(lang=lang) + ".pdf").data)
    for text in (_squash(html), " ".join(pdf.split())):
        for expected in REPORT_SAID[lang]:
            assert expected in text, expected
        for hidden in REPORT_HIDDEN:
            assert hidden not in text, hidden
        assert "Earlier." not in text
        assert "Antes." not in text
