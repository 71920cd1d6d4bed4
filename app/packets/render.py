"""One packet document, three renderings: printable HTML, PDF (WeasyPrint) and DOCX
(python-docx). HTML and PDF share one Jinja template and stylesheet; DOCX walks the same
document tree with Word's own Heading 1 / Heading 2 styles, so the navigation pane works."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from app.packets.chart import bar_chart_png
from app.packets.document import Comment, PacketDocument, Section
from app.packets.models import PacketFormat
from app.pdf import Rendered, pdf_from_html, render_page

if TYPE_CHECKING:
    # Imported where it is used: python-docx is slow to import.
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

CONTENT_TYPES = {
    PacketFormat.PDF: "application/pdf",
    PacketFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PacketFormat.HTML: "text/html",
}
EXTENSIONS = {PacketFormat.PDF: "pdf", PacketFormat.DOCX: "docx", PacketFormat.HTML: "html"}


def render_html(doc: PacketDocument, for_pdf: bool = False) -> str:
    """The packet as one page. `for_pdf` names the vendored typefaces by their place in
    the static folder, which only the PDF's renderer reads (the saved web page uses the
    reader's own fonts), and leaves out the rules for screens."""
    return render_page("packets/packet.html", doc=doc, for_pdf=for_pdf)


def render_pdf(doc: PacketDocument) -> Rendered:
    return pdf_from_html(render_html(doc, for_pdf=True))


def render(doc: PacketDocument, fmt: PacketFormat) -> Rendered:
    if fmt is PacketFormat.PDF:
        return render_pdf(doc)
    if fmt is PacketFormat.DOCX:
        return Rendered(render_docx(doc), None)
    return Rendered(render_html(doc).encode("utf-8"), None)


# --- DOCX -------------------------------------------------------------------------------------

NAVY = (0x16, 0x2E, 0x51)
GREY = (0x56, 0x5C, 0x65)
RED = (0xB5, 0x09, 0x09)
GREEN = (0x21, 0x6E, 0x1F)
WORD_LANGUAGES = {"en": "en-US", "es": "es-MX", "fr": "fr-CA", "pt": "pt-BR"}


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the document out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> BaseOxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run = paragraph.add_run()
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(char("separate"))
    paragraph.add_run("1")
    run = paragraph.add_run()
    run._r.append(char("end"))


def _set_language(run: Run, lang: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:lang")
    element.set(qn("w:val"), WORD_LANGUAGES.get(lang, lang))
    run._r.get_or_add_rPr().append(element)


def _styles(document: Document) -> None:
    from docx.shared import Pt, RGBColor

    normal = document.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 16), ("Heading 2", 11), ("Title", 24)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(*NAVY)
    document.styles["Heading 1"].paragraph_format.page_break_before = True


def _header_footer(document: Document, doc: PacketDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.different_first_page_header_footer = True

    header = section.header.paragraphs[0]
    run = header.add_run(f"{doc.running_title} · {doc.labels.packet}")
    run.font.size, run.font.color.rgb = Pt(7.5), RGBColor(*GREY)
    footer = section.footer.paragraphs[0]
    mark = doc.labels.internal_mark if doc.internal else doc.labels.public_mark
    run = footer.add_run(mark)
    run.font.size, run.bold = Pt(8), doc.internal
    run.font.color.rgb = RGBColor(*(RED if doc.internal else GREY))
    # "Page 3 of 9", and in a bilingual packet "Página 3 de 9" on the line below.
    for numbers in doc.page_numbers:
        pages = section.footer.add_paragraph()
        pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pages.add_run(f"{numbers.page} ")
        _field(pages, "PAGE")
        pages.add_run(f" {numbers.of} ")
        _field(pages, "NUMPAGES")
        for paragraph in pages.runs:
            paragraph.font.size = Pt(7.5)
            _set_language(paragraph, numbers.lang)
    # The cover's own footer still says whether the packet is internal.
    first = section.first_page_footer.paragraphs[0]
    run = first.add_run(mark)
    run.font.size, run.bold = Pt(8), doc.internal
    run.font.color.rgb = RGBColor(*(RED if doc.internal else GREY))


def _small(
    paragraph: Paragraph, text: str, colour: tuple[int, int, int] = GREY, bold: bool = False
) -> Run:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.name = "Arial"
    run.bold = bold
    run.font.color.rgb = RGBColor(*colour)
    return run


def _cover(document: Document, doc: PacketDocument) -> None:
    """The cover block of each language in turn (Word has no side-by-side layout that
    survives editing as well as one block under the other)."""
    from docx.shared import Pt, RGBColor

    for block in doc.cover.blocks:
        kicker = document.add_paragraph()
        run = kicker.add_run(block.kicker.upper())
        run.bold, run.font.size, run.font.color.rgb = True, Pt(10), RGBColor(*GREY)
        _set_language(run, block.lang)
        title = document.add_paragraph(style="Title")
        _set_language(title.add_run(block.title), block.lang)
        table = document.add_table(rows=0, cols=2)
        for label, value in block.rows:
            cells = table.add_row().cells
            label_run = cells[0].paragraphs[0].add_run(label)
            label_run.bold = True
            _set_language(label_run, block.lang)
            _set_language(cells[1].paragraphs[0].add_run(value), block.lang)
        mark = document.add_paragraph()
        run = mark.add_run(block.mark)
        run.bold = doc.internal
        run.font.color.rgb = RGBColor(*(RED if doc.internal else GREY))
        _set_language(run, block.lang)
        _set_language(_small(document.add_paragraph(), block.prepared), block.lang)


def _contents(document: Document, doc: PacketDocument) -> None:
    document.add_heading(doc.labels.contents, level=1)
    for entry in doc.toc:
        paragraph = document.add_paragraph()
        if entry.number:
            paragraph.add_run(f"{entry.number}.\t").bold = True
        paragraph.add_run(entry.title)
        if entry.detail:
            _small(paragraph, f"  · {entry.detail}")


def _summary(document: Document, doc: PacketDocument) -> None:
    from docx.shared import Inches, Pt

    document.add_heading(doc.labels.summary, level=1)
    total = document.add_paragraph()
    run = total.add_run(f"{doc.labels.comments_total}: {doc.format_number(doc.summary.total)}")
    run.bold, run.font.size = True, Pt(12)
    document.add_paragraph(doc.summary.verified_text)
    for chart in doc.summary.charts:
        document.add_heading(chart.title, level=2)
        png = bar_chart_png(chart.rows, doc.format_number)
        picture = document.add_picture(io.BytesIO(png), width=Inches(6.3))
        # Word's "alt text": every count, as the PDF's figure carries it.
        picture._inline.docPr.set("descr", chart.alt)
    for table_data in doc.summary.tables:
        document.add_heading(table_data.title, level=2)
        table = document.add_table(rows=1, cols=2)
        table.style = "Light List Accent 1"
        head = table.rows[0].cells
        head[0].text, head[1].text = table_data.column, doc.labels.comments_column
        for label, count in table_data.rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = doc.format_number(count)


def _comment(document: Document, doc: PacketDocument, c: Comment) -> None:
    from docx.shared import Pt

    heading = document.add_heading(level=2)
    heading.add_run(f"{c.number}  ")
    _set_language(heading.add_run(c.title), c.lang)
    if c.pinned:
        _small(heading, f"  [{doc.labels.pinned}]", NAVY, bold=True)
    if c.not_for_publication:
        _small(heading, f"  [{doc.labels.not_for_publication}]", RED, bold=True)
    meta = document.add_paragraph()
    meta.paragraph_format.keep_with_next = True
    _small(
        meta,
        " · ".join(
            [
                c.author,
                f"{doc.labels.sector}: {c.sector}",
                c.state,
                f"{doc.labels.language}: {c.language}",
                f"{doc.labels.tracking_code}: {c.tracking_code}",
                *([doc.labels.email_confirmed] if c.email_confirmed else []),
                *([c.verified] if c.verified else []),
            ]
        ),
    )
    if c.campaign:
        line = f"{doc.labels.campaign}: {c.campaign.count_text}."
        if c.campaign.signatories:
            names = "; ".join(c.campaign.signatories)
            extra = f"; {c.campaign.anonymous_text}" if c.campaign.anonymous_text else ""
            line += f" {doc.labels.signed_by}: {names}{extra}."
        elif c.campaign.anonymous_text:
            line += f" {c.campaign.anonymous_text}."
        _small(document.add_paragraph(), line, (0x1B, 0x1B, 0x1B))
    for text in c.paragraphs:
        paragraph = document.add_paragraph()
        _set_language(paragraph.add_run(text), c.lang)
        paragraph.paragraph_format.space_after = Pt(5)
    if c.campaign and c.campaign.additions:
        _small(document.add_paragraph(), doc.labels.campaign_added, NAVY, bold=True)
        for addition in c.campaign.additions:
            _small(document.add_paragraph(), addition.author)
            for text in addition.paragraphs:
                quoted = document.add_paragraph()
                quoted.paragraph_format.left_indent = Pt(12)
                _set_language(quoted.add_run(text), c.lang)


def _heard(document: Document, doc: PacketDocument, s: Section) -> None:
    """The item's "What we heard", as the HTML's packets/_what_we_heard.html lays it out."""
    from docx.shared import Pt

    if not s.heard:
        return
    document.add_heading(doc.labels.what_we_heard, level=2)
    for t in s.heard:
        document.add_heading(t.label, level=3)
        _small(
            document.add_paragraph(),
            f"{t.count_text} · {doc.labels.sector}: {t.sectors} · "
            f"{doc.labels.country}: {t.countries}",
        )
        if t.converges:
            _small(document.add_paragraph(), doc.labels.convergence, GREEN, bold=True)
        if t.quotes:
            _small(document.add_paragraph(), doc.labels.quotes, NAVY, bold=True)
        for q in t.quotes:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Pt(12)
            run = paragraph.add_run(f"“{q.text}”")
            run.italic = True
            _set_language(run, q.lang)
            _small(paragraph, f"  {q.number} · {q.language}")


def _section(document: Document, doc: PacketDocument, s: Section) -> None:
    from docx.shared import Mm

    document.add_heading(f"{s.number}. {s.title}", level=1)
    _small(document.add_paragraph(), s.count_text)
    for summary in s.summaries:
        label = document.add_paragraph()
        _small(label, f"{doc.labels.secretariat_summary} · {summary.language}", NAVY, bold=True)
        for text in summary.paragraphs:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(5)
            _set_language(paragraph.add_run(text), summary.lang)
    _heard(document, doc, s)
    if not s.comments:
        document.add_paragraph().add_run(doc.labels.no_comments).italic = True
    for c in s.comments:
        _comment(document, doc, c)


def render_docx(doc: PacketDocument) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = f"{doc.labels.packet} · {doc.cover.title}"
    document.core_properties.language = WORD_LANGUAGES.get(doc.lang, doc.lang)
    _styles(document)
    _header_footer(document, doc)
    _cover(document, doc)
    _contents(document, doc)
    _summary(document, doc)
    for s in doc.sections:
        _section(document, doc, s)
    document.add_heading(doc.labels.org_index, level=1)
    document.add_paragraph(doc.labels.org_index_intro)
    for name, refs in doc.org_index:
        paragraph = document.add_paragraph()
        paragraph.add_run(name).bold = True
        paragraph.add_run(" — " + ", ".join(number for number, _anchor in refs))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
