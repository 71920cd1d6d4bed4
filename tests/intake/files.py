"""Small real files of each kind, and hostile ones, built in memory."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png(width: int = 1, height: int = 1) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx(extra: dict[str, bytes] | None = None, content_types: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            content_types
            or b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/content-types"><Override PartName="/word/document.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.'
            b'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", b"<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def macro_docx() -> bytes:
    return docx(
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"},
        content_types=b'<Types><Override PartName="/word/document.xml" '
        b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
    )


def zip_bomb_docx() -> bytes:
    """A valid-looking .docx whose one member expands a thousand-fold."""
    return docx(extra={"word/media/filler.bin": b"\x00" * (20 * 1024 * 1024)})


ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
OLE_ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500


def tampered_docx(*, crc: int | None = None, method: int | None = None) -> bytes:
    """A .docx whose first member ([Content_Types].xml) declares a wrong CRC-32 or an
    unsupported compression method (9 is Deflate64, 99 is WinZip AES), in both its local
    header and its central directory entry, the way a damaged or foreign archive arrives."""
    data = bytearray(docx())
    central = data.index(b"PK\x01\x02")
    if crc is not None:
        struct.pack_into("<I", data, 14, crc)
        struct.pack_into("<I", data, central + 16, crc)
    if method is not None:
        struct.pack_into("<H", data, 8, method)
        struct.pack_into("<H", data, central + 10, method)
    return bytes(data)


def lying_zip_bomb_docx() -> bytes:
    """A .docx with a member that inflates to 20 MiB while its headers declare 1 KiB, and the
    CRC-32 of that first KiB: the declared sizes and ratio look like an ordinary document's,
    and a reader that stops at the declared size (Python's zipfile) finds nothing wrong."""
    name = b"word/media/filler.bin"
    data = bytearray(docx(extra={name.decode(): b"\x00" * (20 * 1024 * 1024)}))
    local = data.rindex(b"PK\x03\x04", 0, data.index(name))
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    crc = zlib.crc32(b"\x00" * 1024)
    struct.pack_into("<I", data, local + 14, crc)
    struct.pack_into("<I", data, local + 22, 1024)
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, 1024)
    return bytes(data)
