"""A small streaming .xlsx writer: exactly what the export needs, faster than openpyxl.

Why not openpyxl: its write-only mode builds a Cell object per value and, with lxml, writes
Chinese as numeric character references; the export writes plain UTF-8 XML itself, a batch of rows
at a time, into a deflated ZIP member. Cells are given already typed (``text``/``number``/...).

Each sheet gets a styled header row (bold on light blue, bottom border), a frozen header, an
autofilter over the data and column widths. Strings are inline strings (``t="inlineStr"``), so a
value starting with ``=`` is text, never a formula; such values also carry ``quotePrefix`` so Excel
keeps them text when edited. Characters XML 1.0 cannot hold are written ``_xHHHH_`` (the OOXML
escape python-calamine and Excel decode), and a literal ``_xHHHH_`` in text is escaped as
``_x005F_xHHHH_``. The non-characters U+FFFE/U+FFFF become U+FFFD (nothing can store them).

The file is written to a temporary file in the target folder, flushed to disk and moved over the
target with ``os.replace``: a reader never sees a half-written workbook.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as _xml_escape

# Style ids (cellXfs order in STYLES).
DEFAULT, HEADER, TEXT, DATE, DATETIME, QUOTED, MONEY = range(7)

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_FORMULA_START = ("=", "+", "-", "@")

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{_MAIN_NS}">
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" \
formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="166" formatCode="#,##0.00"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left/><right/><top/><bottom style="thin"><color rgb="FF8EA9DB"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" \
applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def column_letters(index: int) -> str:
    """0 → ``A``, 26 → ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _fix_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "_":
        return "_x005F_"
    if char in "\ufffe\uffff":  # not characters: no reader decodes them, XML cannot hold them
        return "\ufffd"
    return f"_x{ord(char):04X}_"


def escape_text(text: str) -> str:
    """Text as the content of a ``<t>`` element."""
    if _BAD_XML.search(text):
        text = _BAD_XML.sub(_fix_char, text)
    if "&" in text or "<" in text or ">" in text:
        text = _xml_escape(text)
    return text


def text_cell(ref: str, text: str, style: int = DEFAULT) -> str:
    if text.startswith(_FORMULA_START):
        style = QUOTED
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() or "\n" in text else ""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t{space}>{escape_text(text)}</t></is></c>'


def number_cell(ref: str, number: str, style: int = DEFAULT) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s}><v>{number}</v></c>'


def value_cells(rows: Iterable[Sequence[Any]]) -> Iterator[list[str]]:
    """Rows of Python values as the cells of a sheet's rows from row 2 (row 1 is the header): money
    (Decimal) and whole numbers as numbers, moments and days as text, nothing for None or ""."""
    for number, values in enumerate(rows, start=2):
        out = []
        for col, value in enumerate(values):
            ref = f"{column_letters(col)}{number}"
            if isinstance(value, Decimal):
                out.append(number_cell(ref, str(value), MONEY))
            elif isinstance(value, int):
                out.append(number_cell(ref, str(value)))
            elif isinstance(value, dt.datetime):
                out.append(text_cell(ref, value.strftime("%Y-%m-%d %H:%M"), TEXT))
            elif isinstance(value, dt.date):
                out.append(text_cell(ref, value.isoformat(), TEXT))
            elif value not in (None, ""):
                out.append(text_cell(ref, str(value), TEXT))
        yield out


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[:80])


@dataclass(slots=True)
class SheetSpec:
    name: str
    headers: Sequence[str]
    widths: Sequence[float]
    rows: Iterable[list[str]]  # each row: the cell XML of its cells, refs already in
    row_count: int


class WorkbookWriter:
    """Writes sheets one after another into a ZIP; ``finish`` adds the workbook parts."""

    def __init__(self, target: Path, *, compresslevel: int = 1) -> None:
        self.target = target
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self.temp = Path(name)
        self.zip = zipfile.ZipFile(self.temp, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self.sheets: list[tuple[str, int, int]] = []  # name, columns, rows (with header)

    def add_sheet(self, spec: SheetSpec) -> None:
        number = len(self.sheets) + 1
        columns = max(len(spec.headers), 1)
        last = f"{column_letters(columns - 1)}{spec.row_count + 1}"
        cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w:.1f}" customWidth="1"/>'
                       for i, w in enumerate(spec.widths))
        selected = ' tabSelected="1"' if number == 1 else ""
        header = "".join(text_cell(column_letters(i) + "1", h, HEADER) for i, h in enumerate(spec.headers))
        head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><dimension ref="A1:{last}"/>'
                f'<sheetViews><sheetView workbookViewId="0"{selected}><pane ySplit="1" topLeftCell="A2" '
                f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
                f'sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
                f'{"<cols>" + cols + "</cols>" if cols else ""}<sheetData>'
                f'<row r="1">{header}</row>')
        with self.zip.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as out:
            out.write(head.encode("utf-8"))
            batch: list[str] = []
            row_number = 1
            for cells in spec.rows:
                row_number += 1
                batch.append(f'<row r="{row_number}">{"".join(cells)}</row>')
                if len(batch) >= 2000:
                    out.write("".join(batch).encode("utf-8", "replace"))
                    batch.clear()
            out.write("".join(batch).encode("utf-8", "replace"))
            tail = f'</sheetData><autoFilter ref="A1:{last}"/>' if spec.headers else "</sheetData>"
            out.write((tail + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                              'footer="0.3"/></worksheet>').encode("utf-8"))
        self.sheets.append((spec.name, columns, spec.row_count + 1))

    def finish(self) -> None:
        sheets = "".join(f'<sheet name="{_attr(name)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, (name, _c, _r) in enumerate(self.sheets, start=1))
        filters = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{_xml_escape(_quote_sheet(name))}!$A$1:${column_letters(cols - 1)}${rows}</definedName>"
            for i, (name, cols, rows) in enumerate(self.sheets))
        workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN_NS}" '
                    f'xmlns:r="{_REL_NS}"><bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>'
                    f"{'<definedNames>' + filters + '</definedNames>' if filters else ''}</workbook>")
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(self.sheets) + 1))
        n = len(self.sheets) + 1
        rels += f'<Relationship Id="rId{n}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(self.sheets) + 1))
        package = "http://schemas.openxmlformats.org/package/2006"
        self.zip.writestr("[Content_Types].xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"))
        self.zip.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{package}/relationships"><Relationship Id="rId1" '
            f'Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        self.zip.writestr("xl/workbook.xml", workbook)
        self.zip.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{package}/relationships">{rels}</Relationships>'))
        self.zip.writestr("xl/styles.xml", STYLES)
        self.zip.close()
        with open(self.temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(self.temp, self.target)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.zip.close()
        with contextlib.suppress(OSError):
            self.temp.unlink()


def _attr(text: str) -> str:
    return _xml_escape(text, {'"': "&quot;"})


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def safe_sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet"
    return cleaned[:31]
