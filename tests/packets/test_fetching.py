"""Rendering a packet fetches nothing from the network or the file system: only `data:` URLs
and the app's own static files (app/packets/render.py, the URL fetcher)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from flask import Flask
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app.enums import Audience
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.render import pdf_from_html
from app.packets.services import build_packet_file
from tests.packets.helpers import full_agenda, pdf_pages

PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
    "z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """A tiny HTTP server on 127.0.0.1 that records every path asked of it."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _hostile_page(base: str) -> str:
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="{base}/linked.css">
<style>@import url("{base}/imported.css"); p {{ background: url("{base}/bg.png") }}</style>
<link rel="attachment" href="file:///etc/passwd" title="passwd">
<link rel="attachment" href="{base}/attached.txt" title="remote">
</head><body><p>Hello</p><img src="{base}/x"><img src="file:///etc/passwd">
<img src="{PIXEL}"></body></html>"""


def test_a_template_naming_remote_or_local_files_fetches_nothing(
    app: Flask, local_server: tuple[str, list[str]]
) -> None:
    base, asked = local_server
    with app.app_context():
        rendered = pdf_from_html(_hostile_page(base))
    assert asked == []
    reader = PdfReader(io.BytesIO(rendered.data))
    assert reader.attachments == {}
    assert "Hello" in reader.pages[0].extract_text()


def test_the_apps_own_static_files_and_data_urls_still_load(app: Flask) -> None:
    page = '<html><head><link rel="attachment" href="img/favicon.svg" title="icon"></head>'
    with app.app_context():
        rendered = pdf_from_html(page + "<body><p>Hi</p></body></html>")
    assert list(PdfReader(io.BytesIO(rendered.data)).attachments) == ["favicon.svg"]


@pytest.mark.usefixtures("seeded")
def test_a_comment_naming_urls_is_rendered_as_text_and_fetches_nothing(
    db_session: Session, local_server: tuple[str, list[str]]
) -> None:
    base, asked = local_server
    agenda = full_agenda(db_session)
    comment = next(iter(agenda.subs.values()))
    comment.body = f'<img src="{base}/x"> <link rel="attachment" href="file:///etc/passwd">'
    db_session.flush()
    built = build_packet_file(
        db_session, agenda.meeting, PacketFormat.PDF, PacketLanguage("en"), Audience.INTERNAL
    )
    assert asked == []
    assert PdfReader(io.BytesIO(built.data)).attachments == {}
    assert pdf_pages(built.data)
