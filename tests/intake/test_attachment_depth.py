"""Attachments judged by what they really hold: damaged archives, archives that inflate past
what they declare, markup hidden deep in a PDF, images that declare huge sizes. Each is
refused with the form's localized message and the text typed is kept, never a 500."""

from __future__ import annotations

import random
import struct
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import db
from app.intake.attachments import JPEG, PDF, AttachmentRefused, check_upload
from app.models import Submission
from tests.intake import files
from tests.intake.helpers import submit

pytestmark = pytest.mark.usefixtures("seeded")

DAMAGED = {"en": "This file is damaged or too complex to accept.",
           "es": "Este archivo está dañado o es demasiado complejo para aceptarlo."}  # fmt: skip


def _refused_with(client: FlaskClient, lang: str, data: bytes, name: str, message: str) -> None:
    response = submit(client, lang, files=[(data, name)])
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "María Fernanda Garza" in page
    assert "Proponemos ampliar los cruces fronterizos" in page


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "tampering", [{"crc": 0xDEADBEEF}, {"method": 9}, {"method": 99}], ids=["crc", "m9", "m99"]
)
def test_damaged_docx_is_refused_with_the_form_message_not_a_500(
    app: Flask, client: FlaskClient, lang: str, tampering: dict[str, int]
) -> None:
    _refused_with(client, lang, files.tampered_docx(**tampering), "plan.docx", DAMAGED[lang])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_zip_bomb_whose_headers_lie_about_its_size_is_refused(
    client: FlaskClient, lang: str
) -> None:
    _refused_with(client, lang, files.lying_zip_bomb_docx(), "plan.docx", DAMAGED[lang])


POLYGLOT = {"en": "This file looks like several kinds of file at once",
            "es": "Este archivo parece ser de varios tipos de archivo a la vez"}  # fmt: skip


def _pdf_with(payload: bytes, after: int) -> bytes:
    """The minimal PDF with `payload` inside a PDF comment placed `after` bytes in."""
    filler = b"%" + b"x" * after + b"\n"
    return files.MINIMAL_PDF.replace(b"\n", b"\n" + filler + payload + b"\n", 1)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "markup",
    [
        b"<script>alert(document.cookie)</script>",
        b"<HTML><body onload=alert(1)>",
        b"<iframe src=//example.invalid>",
        b"<!DOCTYPE html>",
    ],
    ids=["script", "html", "iframe", "doctype"],
)
def test_markup_hidden_past_the_first_kib_of_a_pdf_is_refused(
    client: FlaskClient, lang: str, markup: bytes
) -> None:
    data = _pdf_with(markup, after=4096)
    assert markup.lower() not in data[:1024].lower()
    _refused_with(client, lang, data, "informe.pdf", POLYGLOT[lang])


def test_a_pdf_with_megabytes_of_binary_streams_is_still_accepted(app: Flask) -> None:
    """Compressed streams are arbitrary bytes: the deep look must not refuse them by chance."""
    noise = random.Random(13).randbytes(8 * 1024 * 1024)  # noqa: S311 (test data, not secrets)
    data = files.MINIMAL_PDF.replace(b"\n", b"\nstream\n" + noise + b"\nendstream\n", 1)
    with app.test_request_context():
        assert check_upload("informe.pdf", data, max_bytes=10 * 1024 * 1024).content_type == PDF


TEN_MIB = 10 * 1024 * 1024
JFIF = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 9


@pytest.mark.parametrize(
    "data",
    [JFIF + b"\x00" * (TEN_MIB - 20),  # no marker at all: stepped over byte by byte
     JFIF + b"\xff\xd0" * ((TEN_MIB - 20) // 2),  # five million restart markers
     JFIF + b"\xff" * (TEN_MIB - 20),  # fill bytes
     files.png(2**31 - 1, 2**31 - 1)],  # a tiny PNG declaring huge dimensions
    ids=["zeros", "restart-markers", "fill", "png"],
)  # fmt: skip
def test_an_image_check_takes_bounded_time(app: Flask, data: bytes) -> None:
    """The check reads declared headers only (no pixel is decoded) and its walk through a JPEG's
    markers is bounded, so a crafted 10 MB file costs milliseconds, not a second of CPU."""
    with app.test_request_context():
        started = time.process_time()
        with pytest.raises(AttachmentRefused):
            check_upload("foto.jpg", data, max_bytes=TEN_MIB)
        assert time.process_time() - started < 0.15


def test_a_jpeg_with_fill_bytes_and_metadata_before_its_frame_is_still_accepted(
    app: Flask,
) -> None:
    exif = b"\xff\xe1" + struct.pack(">H", 2 + 60_000) + b"\x00" * 60_000
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 3000, 4000, 1) + b"\x01\x11\x00"
    data = JFIF + exif * 20 + b"\xff\xff" + frame + b"\xff\xd9"
    with app.test_request_context():
        assert check_upload("foto.jpg", data, max_bytes=TEN_MIB).content_type == JPEG
