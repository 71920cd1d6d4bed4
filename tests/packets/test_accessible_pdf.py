"""The PDF a ministry hands out: tagged (PDF/UA-1) with its language, headings and chart
alternatives; set in the typefaces shipped with the app; a bilingual cover in two parallel
blocks; page numbers in each language; dates in the consultation's time zone."""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app.enums import Audience
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from tests.packets.helpers import full_agenda, pdf_pages, squash

pytestmark = pytest.mark.usefixtures("seeded")


def _pdf(session: Session, lang: str, fmt: PacketFormat = PacketFormat.PDF) -> bytes:
    agenda = full_agenda(session)
    return build_packet_file(
        session, agenda.meeting, fmt, PacketLanguage(lang), Audience.PUBLIC
    ).data


def _poppler(tool: str, data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "packet.pdf"
        path.write_bytes(data)
        return subprocess.run(  # noqa: S603 (a fixed poppler tool on a file we wrote)
            [tool, str(path)], capture_output=True, text=True, check=True
        ).stdout


def _structure(data: bytes) -> tuple[Any, Counter[str], list[str]]:
    """The catalog, the count of each structure type, and the figures' Alt texts."""
    catalog = PdfReader(io.BytesIO(data)).trailer["/Root"]
    kinds: Counter[str] = Counter()
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if "/S" in node:
            kinds[str(node["/S"])] += 1
            if node["/S"] == "/Figure":
                alts.append(str(node.get("/Alt", "")))
        if "/K" in node:
            walk(node["/K"])

    walk(catalog["/StructTreeRoot"])
    return catalog, kinds, alts


def test_pdf_is_tagged_with_its_language_headings_and_chart_alternatives(
    db_session: Session,
) -> None:
    data = _pdf(db_session, "es")
    assert "Tagged:          yes" in _poppler("pdfinfo", data)
    catalog, kinds, alts = _structure(data)
    assert catalog["/Lang"] == "es"
    # The cover title, contents, summary, one per agenda item and the index are headings.
    assert kinds["/H1"] >= 7
    assert kinds["/H2"] >= 4
    assert kinds["/Table"] >= 1
    # Each chart is a figure whose alternative gives every count it draws.
    assert len(alts) == 2
    assert alts[0].startswith("Comentarios por pilar: Reconstruir juntos: ")
    assert alts[1].startswith("Comentarios por sector: ")


def test_pdf_embeds_the_typefaces_shipped_with_the_app(db_session: Session) -> None:
    fonts = _poppler("pdffonts", _pdf(db_session, "en"))
    assert "Source-Sans-Pro" in fonts
    assert "Merriweather" in fonts
    assert "DejaVu" not in fonts


def test_bilingual_cover_sets_english_and_spanish_apart(db_session: Session) -> None:
    data = _pdf(db_session, "both")
    pages = pdf_pages(data)
    cover = pages[0]
    lines = [line.strip() for line in cover.splitlines()]
    # Titles on lines of their own, labels in their own language, nothing joined by " / ".
    assert "Cabinet meeting" in lines
    assert "Reunión ministerial" in lines
    for label in ("Level", "Nivel", "Place", "Lugar", "Consultation", "Consulta"):
        assert label in lines, label
    assert "Level / Nivel" not in cover
    assert "Washington, D.C." in lines
    assert "Washington, D. C." in lines
    # Page numbers in both languages on every page, the cover included.
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        text = squash(page)
        assert f"Page {number} of {total}" in text
        assert f"Página {number} de {total}" in text


def test_summary_shows_each_count_once(db_session: Session) -> None:
    html = _pdf(db_session, "en", PacketFormat.HTML).decode("utf-8")
    summary = html[
        html.index('<h1 id="summary">') : html.index('<section aria-labelledby="section-1"')
    ]
    headings = [part.split("</h2>")[0] for part in summary.split("<h2>")[1:]]
    assert headings == [
        "Comments by pillar",
        "Comments by sector",
        "Comments by country",
        "Comments by state or region",
    ]
    assert summary.count("<table>") == 2  # country and state; pillar and sector are charts
    assert '<th scope="col">Country</th>' in summary


def test_cover_date_is_the_day_in_the_consultations_time_zone(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 22:12 on 6 December in Mexico City (the consultation's zone) is 7 December in UTC.
    monkeypatch.setattr(
        "app.packets.document.utcnow", lambda: datetime(2026, 12, 7, 4, 12, tzinfo=UTC)
    )
    cover = squash(pdf_pages(_pdf(db_session, "es"))[0])
    assert "Elaborado por el Secretariado · 6 de diciembre de 2026" in cover
    assert "7 de diciembre" not in cover


def test_docx_charts_have_alt_text_and_pages_are_numbered_in_each_language(
    db_session: Session,
) -> None:
    from docx import Document

    document = Document(io.BytesIO(_pdf(db_session, "both", PacketFormat.DOCX)))
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert alts[0].startswith("Comments by pillar / Comentarios por pilar: ")
    footer = "\n".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "Page 1 of 1" in footer
    assert "Página 1 de 1" in footer
