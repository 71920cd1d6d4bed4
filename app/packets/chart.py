"""Horizontal bar charts drawn on the server: SVG for HTML and PDF, PNG (Pillow) for DOCX.

Both drawings follow one layout (label line above each bar, count at the bar's end), so the
three formats of a packet show the same chart."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from html import escape

WIDTH = 640
ROW = 38
LABEL_CHARS = 95
BAR_COLOUR = "#1a4480"  # USWDS blue-warm-70v: prints dark on grey-scale printers too
TRACK_COLOUR = "#e6e6e6"
# The PDF embeds Source Sans Pro (packet.css); DejaVu where it is missing.
FONT = "'Source Sans Pro', 'DejaVu Sans', sans-serif"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart_svg(
    rows: Sequence[tuple[str, int]], description: str, count_text: Callable[[int], str] = str
) -> str:
    """An accessible SVG (role="img" with a title) of `rows` as (label, count)."""
    top = max((count for _, count in rows), default=0) or 1
    height = ROW * len(rows) + 8
    bar_space = WIDTH - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="packet-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{FONT}">',
        f"<title>{escape(description)}</title>",
    ]
    for index, (label, count) in enumerate(rows):
        y = index * ROW
        length = round(bar_space * count / top)
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="11" fill="#1b1b1b">{escape(_short(label))}</text>'
            f'<rect x="0" y="{y + 18}" width="{bar_space}" height="14" fill="{TRACK_COLOUR}"/>'
            f'<rect x="0" y="{y + 18}" width="{length}" height="14" fill="{BAR_COLOUR}"/>'
            f'<text x="{bar_space + 6}" y="{y + 30}" font-size="11" font-weight="bold" '
            f'fill="#1b1b1b">{escape(count_text(count))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_png(
    rows: Sequence[tuple[str, int]], count_text: Callable[[int], str] = str, scale: int = 2
) -> bytes:
    """The same chart as a PNG for Word, which shows SVG only in recent versions."""
    from PIL import Image, ImageDraw, ImageFont

    def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        try:
            return ImageFont.truetype(f"/usr/share/fonts/truetype/dejavu/{name}", size * scale)
        except OSError:
            return ImageFont.load_default(size * scale)

    top = max((count for _, count in rows), default=0) or 1
    height = (ROW * len(rows) + 8) * scale
    image = Image.new("RGB", (WIDTH * scale, height), "white")
    draw = ImageDraw.Draw(image)
    regular, bold = font(11), font(11, bold=True)
    bar_space = WIDTH - 60
    for index, (label, count) in enumerate(rows):
        y = index * ROW
        length = round(bar_space * count / top)
        draw.text((0, (y + 2) * scale), _short(label), font=regular, fill="#1b1b1b")
        draw.rectangle(
            (0, (y + 18) * scale, bar_space * scale, (y + 32) * scale), fill=TRACK_COLOUR
        )
        if length:
            draw.rectangle((0, (y + 18) * scale, length * scale, (y + 32) * scale), fill=BAR_COLOUR)
        draw.text(((bar_space + 6) * scale, (y + 19) * scale), count_text(count), font=bold,
                  fill="#1b1b1b")  # fmt: skip
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
