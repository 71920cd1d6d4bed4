"""The export formats: CSV, XLSX, JSON and NDJSON, each written from batches of records as it
goes (text formats as chunks to stream, XLSX through openpyxl's write-only mode).

Spreadsheets run what looks like a formula. `neutralise` is the one place that decides what
a cell may begin with (OWASP "CSV injection"); the CSV and XLSX writers both use it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.enums import Audience
from app.exports.queries import Record
from app.exports.readable import Readable
from app.exports.schema import column_names, columns

# A cell beginning with one of these is read as a formula (or a formula's start) by Excel,
# LibreOffice and Google Sheets: OWASP's list, plus LF, which some importers also honour.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n")
BOM = "\ufeff"
LIST_SEPARATOR = "; "
# An XLSX sheet holds 1,048,576 rows; a longer export continues on the next sheet.
XLSX_MAX_DATA_ROWS = 1_048_575
# Dates people read in a spreadsheet: sortable, and shown the same in every locale.
DATE_FORMAT = "yyyy-mm-dd hh:mm"
HEADER_FONT = Font(bold=True)


def neutralise(value: str) -> str:
    """Text a spreadsheet shows as text: a leading quote before a formula trigger, as OWASP
    advises (the quote is visible, which is the point: the cell is not run)."""
    if value and value[0] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def spreadsheet_cell(value: Any) -> Any:
    """A record's value as a spreadsheet cell: None empty, lists joined, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(value))
    return value


def csv_chunks(batches: Iterable[list[Record]], audience: Audience) -> Iterator[str]:
    """UTF-8 text with a byte-order mark (so Excel reads accents right), a header row, then
    one chunk per batch."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column_names(audience))
    yield BOM + buffer.getvalue()
    for batch in batches:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([[spreadsheet_cell(v) for v in record] for record in batch])
        yield buffer.getvalue()


# Characters that str.splitlines() and older JavaScript treat as line breaks, though JSON
# allows them raw: escaped, so every NDJSON record stays on one line for every reader.
_BREAKING = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# A regular expression, not str.translate: translate looks up every character of the record
# in a dictionary (a third of an open data build's time), a character class scans in C and
# returns the text itself when there is nothing to escape, which is nearly always.
_LINE_BREAKS = re.compile(f"[{_BREAKING}]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_record(names: list[str], record: Record) -> str:
    text = json.dumps(dict(zip(names, record, strict=True)), ensure_ascii=False)
    return _LINE_BREAKS.sub(_escaped, text)


def ndjson_chunks(batches: Iterable[list[Record]], audience: Audience) -> Iterator[str]:
    """One JSON object per line (application/x-ndjson)."""
    names = column_names(audience)
    for batch in batches:
        yield "".join(json_record(names, record) + "\n" for record in batch)


def json_chunks(batches: Iterable[list[Record]], audience: Audience) -> Iterator[str]:
    """One JSON array of objects, written as it goes."""
    names = column_names(audience)
    first = True
    yield "["
    for batch in batches:
        if not batch:
            continue
        yield ("\n" if first else ",\n") + ",\n".join(json_record(names, r) for r in batch)
        first = False
    yield "\n]\n"


def write_xlsx(
    batches: Iterable[list[Record]],
    audience: Audience,
    target: IO[bytes],
    readable: Readable | None = None,
) -> None:
    """A workbook in openpyxl's write-only mode (rows go to a temporary file as they come, so
    memory stays flat). Every text cell is written as a string cell: neutralised first, then
    typed explicitly when openpyxl would otherwise guess a formula or an error value.

    With `readable` (the download and `flask export`), the sheet is for people: headers and
    coded values in the reader's language, dates as date cells in the consultation's time
    zone, the header row frozen and filtered, columns wide enough to read."""
    workbook = Workbook(write_only=True)
    cols = columns(audience)
    names = [c.name for c in cols]
    sheets: list[Any] = []
    sheet: Any = None
    rows_in_sheet = XLSX_MAX_DATA_ROWS

    def new_sheet() -> Any:
        title = "submissions" if not sheets else f"submissions {len(sheets) + 1}"
        created = workbook.create_sheet(title)
        sheets.append(created)
        if readable is not None:
            created.freeze_panes = "A2"
            for number, column in enumerate(cols, start=1):
                created.column_dimensions[get_column_letter(number)].width = column.width
            created.append([_header(created, text) for text in readable.headers])
        else:
            created.append(names)
        return created

    def close(done: Any, data_rows: int) -> None:
        if readable is not None:
            done.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{data_rows + 1}"

    for batch in batches:
        for record in batch:
            if rows_in_sheet >= XLSX_MAX_DATA_ROWS:
                if sheet is not None:
                    close(sheet, rows_in_sheet)
                sheet = new_sheet()
                rows_in_sheet = 0
            if readable is not None:
                record = tuple(readable.value(n, v) for n, v in zip(names, record, strict=True))
            sheet.append([_xlsx_cell(sheet, v) for v in record])
            rows_in_sheet += 1
    if sheet is None:
        sheet = new_sheet()
        rows_in_sheet = 0
    close(sheet, rows_in_sheet)
    workbook.save(target)


def _header(sheet: Any, text: str) -> Any:
    cell = WriteOnlyCell(sheet, neutralise(text))
    cell.font = HEADER_FONT
    return cell


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    # Control characters XML cannot hold go first, so the text is neutralised as the cell
    # will hold it: "\x01+SUM(…)" is "+SUM(…)" once the workbook has dropped the "\x01".
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    elif isinstance(value, list):
        value = [ILLEGAL_CHARACTERS_RE.sub("", item) for item in value]
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    value = spreadsheet_cell(value)
    if not isinstance(value, str):
        return value
    if not value:
        return None
    if value.startswith("=") or value in ERROR_CODES:
        # Unreachable for "=" after neutralise(); kept so no later change can make a formula.
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    # Text formats stream chunks of str; XLSX is written to a file object.
    chunks: Callable[[Iterable[list[Record]], Audience], Iterator[str]] | None = None


FORMATS: dict[str, Format] = {
    "csv": Format("csv", "text/csv; charset=utf-8", csv_chunks),
    "xlsx": Format("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": Format("json", "application/json", json_chunks),
    "ndjson": Format("ndjson", "application/x-ndjson", ndjson_chunks),
}


def write_export(
    fmt: Format,
    batches: Iterable[list[Record]],
    audience: Audience,
    target: IO[bytes],
    readable: Readable | None = None,
) -> None:
    """Write a whole export to a binary file (the CLI, the XLSX download's temporary file);
    `readable` is for the XLSX only."""
    if fmt.chunks is None:
        write_xlsx(batches, audience, target, readable)
        return
    for chunk in fmt.chunks(batches, audience):
        target.write(chunk.encode("utf-8"))
