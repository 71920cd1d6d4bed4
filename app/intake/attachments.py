"""Attachments: decide a file's type from its bytes (never its name), refuse what could hurt
a moderator who opens it, and store it under UPLOAD_DIR by content hash."""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.i18n import format_file_size

# An office file is a zip; a genuine one expands a few times, a bomb a thousand times.
MAX_EXPANSION_RATIO = 100
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
MAX_IMAGE_PIXELS = 50_000_000

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSIONS = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg", DOCX: ".docx", XLSX: ".xlsx"}


class AttachmentRefused(ValueError):
    """A file we will not accept; `message` is shown to the visitor in their language."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    content_type: str
    size: int
    sha256: str
    data: bytes


def _refuse_type() -> AttachmentRefused:
    return AttachmentRefused(_l("Only PDF, Word (.docx), Excel (.xlsx), PNG or JPEG files."))


def _refuse_damaged() -> AttachmentRefused:
    return AttachmentRefused(_l("This file is damaged or too complex to accept."))


INFLATE_CHUNK = 64 * 1024


def _inflated_members(data: bytes, members: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Inflate every member from its own compressed bytes, never trusting the sizes its headers
    declare (Python's zipfile stops at the declared size; Word and LibreOffice read to the end
    of the stream), against one byte budget for the whole archive. A member that inflates to
    other than it declares, past the budget, with a bad CRC or a method Office files never use
    (only stored and deflate are: no Deflate64, no AES) is refused as damaged.
    Returns the bytes of [Content_Types].xml, the one member read further."""
    left = min(MAX_UNCOMPRESSED_BYTES, MAX_EXPANSION_RATIO * len(data))
    kept: dict[str, bytes] = {}
    for info in members:
        offset = info.header_offset
        if (
            data[offset : offset + 4] != b"PK\x03\x04"
            or offset + 30 > len(data)
            or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        ):
            raise _refuse_damaged()
        name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
        start = offset + 30 + name_length + extra_length
        raw = data[start : start + info.compress_size]
        inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type else None
        size, crc, parts = 0, 0, []
        while True:
            if inflater is None:
                chunk, raw = raw[:INFLATE_CHUNK], raw[INFLATE_CHUNK:]
            else:
                try:
                    chunk = inflater.decompress(raw, INFLATE_CHUNK)
                except zlib.error:
                    raise _refuse_damaged() from None
                raw = inflater.unconsumed_tail
            if not chunk:
                break
            size += len(chunk)
            left -= len(chunk)
            if left < 0 or size > info.file_size:
                raise _refuse_damaged()
            crc = zlib.crc32(chunk, crc)
            if info.filename == "[Content_Types].xml":
                parts.append(chunk)
        ended = inflater is None or inflater.eof
        if not ended or size != info.file_size or crc != info.CRC:
            raise _refuse_damaged()
        if parts:
            kept[info.filename] = b"".join(parts)
    return kept


def _check_office(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse_type() from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise _refuse_damaged()
    total = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members) or 1
    if total > MAX_UNCOMPRESSED_BYTES or total / compressed > MAX_EXPANSION_RATIO:
        raise _refuse_damaged()
    if any(m.flag_bits & 0x1 for m in members):
        raise AttachmentRefused(_l("Password-protected or encrypted files cannot be accepted."))
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names:
        raise _refuse_type()
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise AttachmentRefused(
            _l("Files with macros cannot be accepted. Please save a copy without macros.")
        )
    content_types = _inflated_members(data, members).get("[Content_Types].xml", b"").lower()
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        raise AttachmentRefused(
            _l("Files with macros cannot be accepted. Please save a copy without macros.")
        )
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise _refuse_type()


def _check_png(data: bytes) -> None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise _refuse_type()
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0 or width * height > MAX_IMAGE_PIXELS:
        raise AttachmentRefused(_l("This image is too large; please send one under 50 megapixels."))


# Segments (APPn metadata, tables) a JPEG may carry before its frame header; real files have a
# few dozen. It bounds the walk, so a crafted file costs a bounded number of steps.
MAX_JPEG_SEGMENTS = 1000
FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # SOF0-15 less DHT, JPG, DAC


def _check_jpeg(data: bytes) -> None:
    """Read the frame header for the declared size; a tiny file can declare a huge image.
    No pixel is decoded, and stray bytes are skipped at C speed (bytes.find), so the check
    takes milliseconds whatever the file holds."""
    index = 2
    for _segment in range(MAX_JPEG_SEGMENTS):
        index = data.find(b"\xff", index)
        if index < 0 or index + 9 >= len(data):
            break
        marker = data[index + 1]
        if marker == 0xFF:  # a fill byte before a marker
            index += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        if marker in FRAME_MARKERS:
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            if width == 0 or height == 0 or width * height > MAX_IMAGE_PIXELS:
                raise AttachmentRefused(
                    _l("This image is too large; please send one under 50 megapixels.")
                )
            return
        index += 2 + struct.unpack(">H", data[index + 2 : index + 4])[0]
    raise _refuse_type()


# Markup a browser would run if it ever sniffed the file as a web page (it sniffs the start).
MARKUP_SIGNS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<iframe")
# Markup that runs wherever it sits once the whole file is read as HTML (served as text/html by
# mistake, saved as .html): looked for in the whole file. Each sign is long enough, or ends in a
# delimiter, that the arbitrary bytes of compressed streams do not hold it by chance (`<svg`
# alone would turn up in about one 10 MB file in fifty; an SVG needs to be the start).
DEEP_MARKUP = re.compile(rb"<(?:script|iframe|!doctype\s+html|html[\s>/])", re.IGNORECASE)


def _refuse_polyglot(data: bytes) -> None:
    """Refuse a PDF or image that is also something else: a ZIP archive read from its end
    (a PDF+ZIP or PNG+ZIP polyglot) or a web page, near its start or anywhere in it. Genuine
    files never are; such a file is built to be opened as the other kind by whoever receives
    it."""
    head = data[:1024].lower()
    if (
        any(sign in head for sign in MARKUP_SIGNS)
        or DEEP_MARKUP.search(data)
        or zipfile.is_zipfile(io.BytesIO(data))
    ):
        raise AttachmentRefused(
            _l(
                "This file looks like several kinds of file at once, so it cannot be accepted. "
                "Please save it again as a plain PDF, Word, Excel, PNG or JPEG file."
            )
        )


def sniff(data: bytes) -> str:
    """The content type the bytes really are, or AttachmentRefused."""
    if data.startswith(b"%PDF-"):
        _refuse_polyglot(data)
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_png(data)
        _refuse_polyglot(data)
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        _check_jpeg(data)
        _refuse_polyglot(data)
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _check_office(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # Legacy .doc/.xls and every password-protected Office file use this container.
        raise AttachmentRefused(
            _l(
                "Old Office formats and password-protected files cannot be accepted. "
                "Please save as .docx or .xlsx without a password."
            )
        )
    raise _refuse_type()


def clean_filename(name: str) -> str:
    """Keep the visitor's file name for display only; it never becomes a path."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*\x00')
    return base.strip()[:200] or "attachment"


def attachment_limits() -> tuple[int, int]:
    """How many files one comment may carry, and how many bytes each: MAX_ATTACHMENTS and
    MAX_ATTACHMENT_BYTES, read when asked so that every message says what is enforced."""
    config = current_app.config
    return int(config["MAX_ATTACHMENTS"]), int(config["MAX_ATTACHMENT_BYTES"])


def limits_description() -> str:
    """The form's hint, in the page's language."""
    count, size = attachment_limits()
    return ngettext(
        "At most %(count)s file: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, up to %(size)s.",
        "Up to %(count)s files: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, %(size)s each.",
        count, count=format_decimal(count), size=format_file_size(size),
    )  # fmt: skip


def too_many_files(count: int) -> str:
    return ngettext("You can attach at most %(count)s file.",
                    "You can attach at most %(count)s files.",
                    count, count=format_decimal(count))  # fmt: skip


def check_upload(name: str, data: bytes, *, max_bytes: int) -> CheckedFile:
    if not data:
        raise AttachmentRefused(_l("The file is empty."))
    if len(data) > max_bytes:
        raise AttachmentRefused(
            _("Each file may be at most %(size)s.", size=format_file_size(max_bytes))
        )
    content_type = sniff(data)
    return CheckedFile(
        original_name=clean_filename(name),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def storage_key(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


def store(upload_dir: str | Path, checked: CheckedFile) -> tuple[str, bool]:
    """Write the bytes under their hash (atomically); returns (key, newly_written). A file
    already stored by an earlier submission is shared, not duplicated."""
    key = storage_key(checked.sha256)
    path = Path(upload_dir) / key
    if path.exists():
        return key, False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(checked.data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o640)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return key, True


def discard(upload_dir: str | Path, keys: list[str]) -> None:
    """Remove files written for a submission that was never committed."""
    for key in keys:
        (Path(upload_dir) / key).unlink(missing_ok=True)
