"""Look at a file before any reader inflates it: what it is, and whether it is safe to read.

``sniff(path)`` decides the format from the bytes (never from the name alone) and refuses, with
``ImportRefused("FILE: reason")``: an empty file, one too large, a password-protected workbook (an
OLE file holding ``EncryptedPackage``, or a FILEPASS record), a ZIP that is not a workbook, an HTML
page or PDF saved with a spreadsheet name, text named ``.xlsx``/``.xls``, unknown bytes.

``inspect_zip(path)`` then checks an .xlsx/.xlsm/.ods before python-calamine sees it:

- the central directory: member count, declared sizes and ratios (a 2 MB xlsx that inflates to
  2 GiB took 2.1 GB of RAM in calamine);
- it inflates every XML part itself, in 1 MiB steps with hard caps, so a size the directory lies
  about is caught (calamine inflates the whole compressed stream, whatever was declared);
- DTD entity declarations (XML bombs) are refused outright;
- the cell references of each worksheet: calamine allocates a dense grid from the top-left to the
  bottom-right cell, so two cells at A1 and XFD1048576 abort the process. References beyond column
  Z or row 99,999 are looked at precisely; the grid must stay under ``MAX_CELLS``;
- error cells (``t="e"``, e.g. ``#N/A``; calamine reads them as empty) and shared-string indices
  that are no number (``xlsx_cells``) are collected by sheet part: the importer warns of them.

Workbook and relationship XML is parsed with defusedxml.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import defusedxml.ElementTree as SafeET

from guestcard.io.inflate import MAX_TOTAL_INFLATED, MiB, check_declared, inflate
from guestcard.io.results import ImportRefused
from guestcard.io.xlsx_cells import SharedStringCheck, column_index

MAX_FILE_BYTES = 200 * MiB  # a workbook or CSV larger than this is not a restaurant's guest list
MAX_TEXT_BYTES = 100 * MiB
MAX_MEMBERS = 10_000
MAX_CELLS = 12_000_000  # rows x columns of a sheet's dense grid (about 32 bytes each in calamine)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ".tab", ".vcf"}


@dataclass(slots=True)
class Sniffed:
    format: str  # "xlsx" (also xlsm), "ods", "xls", "biff" (BIFF2-5 without OLE), "text"
    size: int


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(path: Path) -> Sniffed:
    """The file's real format, or ``ImportRefused`` for anything unusable."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImportRefused(path, "is not a file", code="not_a_file")
        with path.open("rb") as handle:
            head = handle.read(4096)
    except ImportRefused:
        raise
    except OSError as exc:
        raise ImportRefused(path, f"cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise ImportRefused(path, "the file is empty (0 bytes)", code="empty")
    if size > MAX_FILE_BYTES:
        raise ImportRefused(path, f"the file is too large ({size / MiB:.0f} MB; at most {MAX_FILE_BYTES // MiB} MB)")
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        return Sniffed(_ole_kind(path, size), size)
    if head.startswith(ZIP_MAGIC):
        return Sniffed(_zip_kind(path), size)
    if len(head) >= 4:
        record, length = struct.unpack_from("<HH", head)
        if record in (0x0009, 0x0209, 0x0409, 0x0809) and 4 <= length <= 20:
            return Sniffed("biff", size)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        raise ImportRefused(path, "is a web page (HTML) saved with a spreadsheet name, not a workbook; "
                                  "open it in Excel and save it as .xlsx", code="html")
    if lowered.startswith(b"<?xml"):
        raise ImportRefused(path, "is an XML file, not a workbook; open it in Excel and save it as .xlsx",
                             code="xml")
    if head.startswith(b"%PDF"):
        raise ImportRefused(path, "is a PDF document, not a spreadsheet", code="pdf")
    if suffix in TEXT_SUFFIXES:
        if size > MAX_TEXT_BYTES:
            raise ImportRefused(path, f"the file is too large ({size / MiB:.0f} MB; at most "
                                      f"{MAX_TEXT_BYTES // MiB} MB of text)")
        return Sniffed("text", size)
    if _looks_like_text(head):
        if suffix in {".xlsx", ".xlsm", ".xls"}:
            raise ImportRefused(path, "is a text file, not an Excel workbook "
                                      "(rename it to .csv if it is comma- or tab-separated)", code="text_not_excel")
        raise ImportRefused(path, "is a text file of unknown kind; save it as .csv or .xlsx", code="text_unknown")
    raise ImportRefused(path, "is not a spreadsheet (neither .xlsx, .xls nor .csv)", code="not_spreadsheet")


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut by the 4 KiB window
                return True
    return False


def _ole_kind(path: Path, size: int) -> str:
    """An OLE2 compound file: an encrypted workbook, an .xls, or some other Office file."""
    with path.open("rb") as handle:
        data = handle.read(min(size, 64 * MiB))
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise ImportRefused(path, "the workbook is password-protected; remove the password in Excel "
                                  "(File > Info > Protect Workbook) and import it again", code="password")
    if _utf16("Workbook") in data or _utf16("Book") in data or _utf16("WORKBOOK") in data \
            or _utf16("BOOK") in data:
        return "xls"
    if _utf16("WordDocument") in data:
        raise ImportRefused(path, "is a Word document, not a spreadsheet", code="word")
    if _utf16("PowerPoint Document") in data:
        raise ImportRefused(path, "is a PowerPoint file, not a spreadsheet", code="powerpoint")
    raise ImportRefused(path, "is an Office file without a workbook in it", code="office_no_workbook")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
                raise ImportRefused(path, "is an OpenDocument file but not a spreadsheet", code="odf_not_sheet")
    except zipfile.BadZipFile as exc:
        raise ImportRefused(path, f"is a damaged ZIP/xlsx file ({exc})") from None
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ImportRefused(path, f"is a damaged ZIP/xlsx file ({exc})") from None
    lowered = {n.lower() for n in names}
    if "xl/workbook.xml" in lowered or "xl/workbook.bin" in lowered or any(
            n.endswith("/workbook.xml") for n in lowered):
        return "xlsx"
    if "word/document.xml" in lowered:
        raise ImportRefused(path, "is a Word document, not a spreadsheet", code="word")
    raise ImportRefused(path, "is a ZIP archive, not an Excel workbook", code="zip_not_workbook")


# --- ZIP inspection ------------------------------------------------------------------------------

# Patterns start with a literal so that the regex engine skips ahead fast (74 MB in ~0.1 s).
# References beyond column Z or row 99,999, of cells (r="AB12") and of rows (r="100000").
_BIG_REF = re.compile(rb'r="(?:[A-Z]{2,3}\d|[A-Z]?\d{6})')
_REF = re.compile(rb'r="([A-Z]{0,3})(\d{1,9})"')
_ERROR_CELL = re.compile(rb't="e"')
_REF_ATTR = re.compile(rb'\sr="([A-Z]{1,3})(\d{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]{1,20})</(?:\w+:)?v>")
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_CARRY = 1024  # bytes kept between chunks: longer than any pattern we look for


@dataclass(slots=True)
class ZipReport:
    """What the inspection learnt: error cells by worksheet part, sheet name → part."""

    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # part → (row1, col0) → "#N/A"
    sheet_parts: dict[str, str] = field(default_factory=dict)  # sheet name → "xl/worksheets/sheet1.xml"
    bad_strings: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # part → cell → "-1"
    inflated: int = 0


def inspect_zip(path: Path, *, scan_sheets: bool = True) -> ZipReport:
    report = ZipReport()
    try:
        with zipfile.ZipFile(path) as archive, path.open("rb") as raw:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ImportRefused(path, f"the workbook has {len(infos)} parts (at most {MAX_MEMBERS}): "
                                          "refused as unsafe")
            declared = sum(i.file_size for i in infos)
            if declared > MAX_TOTAL_INFLATED:
                raise ImportRefused(path, f"the workbook would inflate to {declared / MiB:.0f} MB "
                                          f"(at most {MAX_TOTAL_INFLATED // MiB} MB): refused as a possible zip bomb")
            for info in infos:
                check_declared(path, info)
            total = 0
            for info in infos:
                name = info.filename
                lowered = name.lower()
                if info.is_dir() or not lowered.endswith((".xml", ".rels", ".bin")):
                    continue  # pictures and the like: calamine does not read them
                is_sheet = scan_sheets and "worksheets/" in lowered and lowered.endswith(".xml")
                scanner = _SheetScanner(path) if is_sheet else None
                strings = SharedStringCheck()
                feeds = [_EntityCheck(path, name).feed] + ([scanner.feed, strings.feed] if scanner else [])

                def sink(chunk: bytes, feeds: list[Callable[[bytes], None]] = feeds) -> None:
                    for feed in feeds:
                        feed(chunk)

                total += inflate(path, raw, info, sink, MAX_TOTAL_INFLATED - total)
                if scanner is not None:
                    report.bad_strings[name] = strings.finish()
                    if not scanner.finish():
                        extent = _ExtentScanner()
                        inflate(path, raw, info, extent.feed, MAX_TOTAL_INFLATED)
                        extent.check(path)
                    if scanner.errors:
                        report.errors[name] = scanner.errors
            report.inflated = total
            if scan_sheets:
                report.sheet_parts = _sheet_parts(path, archive)
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error,
            NotImplementedError, KeyError) as exc:
        raise ImportRefused(path, f"is a damaged xlsx/ZIP file ({exc})") from None
    return report


class _EntityCheck:
    """Refuse DTD entity declarations (billion laughs) at the start of a part."""

    __slots__ = ("name", "path", "seen")

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name, self.seen = path, name, 0

    def feed(self, chunk: bytes) -> None:
        if self.seen < 64 * 1024:
            if b"<!" in chunk[:64 * 1024] and _ENTITY.search(chunk, 0, 64 * 1024):
                raise ImportRefused(self.path, f"part {self.name} declares XML entities: "
                                               "refused as a possible XML bomb")
            self.seen += len(chunk)


class _SheetScanner:
    """Streams a worksheet's XML: error cells, and the extent of the cell grid."""

    __slots__ = ("buffer", "errors", "max_col", "max_row", "path", "unreferenced")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.buffer = b""
        self.errors: dict[tuple[int, int], str] = {}
        self.max_row = 99_999  # what references we do not look at can reach
        self.max_col = 25
        self.unreferenced = False

    def feed(self, chunk: bytes, final: bool = False) -> None:
        buf = self.buffer + chunk if self.buffer else chunk
        cut = len(buf) if final else max(0, len(buf) - _CARRY)
        if cut == 0:
            self.buffer = buf
            return
        # Cells without a reference are placed by counting (a row of 16,384 of them is as wide as
        # XFD): when there are any, only the precise look can bound the grid.
        if not self.unreferenced and buf.count(b"<c", 0, cut) != buf.count(b'<c r="', 0, cut) \
                and _UNREFERENCED_CELL.search(buf, 0, cut):
            self.unreferenced = True
        for big in _BIG_REF.finditer(buf):
            if big.start() >= cut:
                break
            m = _REF.match(buf, big.start())
            if m is None:
                continue
            row = int(m.group(2))
            if row > self.max_row:
                self.max_row = row
            if len(m.group(1)) > 1:
                index = column_index(m.group(1))
                if index > self.max_col:
                    self.max_col = index
        if b't="e"' in buf:
            for m in _ERROR_CELL.finditer(buf, 0, cut):
                start = buf.rfind(b"<", 0, m.start())
                end = buf.find(b">", m.end())
                ref = _REF_ATTR.search(buf, start, end) if start >= 0 and end > 0 else None
                value = _VALUE.search(buf, end, end + 400) if end > 0 else None
                if ref is not None:
                    code = value.group(1).decode("ascii", "replace") if value else "#ERROR"
                    self.errors[(int(ref.group(2)), column_index(ref.group(1)))] = code
        self.buffer = buf[cut:]

    def finish(self) -> bool:
        """True when the rough bound is under ``MAX_CELLS``; else the sheet needs a precise look."""
        self.feed(b"", final=True)
        return not self.unreferenced and self.max_row * (self.max_col + 1) <= MAX_CELLS


class _ExtentScanner:
    """The exact grid of a worksheet whose rough bound is over the limit (our own wide exports,
    files styled down to XFD1048576). Like calamine, it counts cells holding something: an empty
    self-closing ``<c r="XFD1048576" s="1"/>`` takes no place. Cells and rows without a reference
    are placed by counting, as calamine does: then the bound adds the most cells of any row and the
    number of unnumbered rows."""

    __slots__ = ("buffer", "max_col", "max_row", "max_row_element", "row_cells", "rows_without_r",
                 "unreferenced", "widest_row")

    def __init__(self) -> None:
        self.buffer = b""
        self.max_row = 0
        self.max_col = (0, b"A")
        self.max_row_element = 0
        self.unreferenced = False
        self.row_cells = 0  # cells so far in the row the last chunk ended in
        self.widest_row = 0
        self.rows_without_r = 0

    def feed(self, chunk: bytes, final: bool = False) -> None:
        buf = self.buffer + chunk if self.buffer else chunk
        # Cut at the start of a tag: no tag straddles the cut.
        cut = len(buf) if final else buf.rfind(b"<", 0, max(0, len(buf) - 64))
        if cut <= 0:
            self.buffer = buf
            return
        for letters, digits, closing in _CELL_TAG.findall(buf, 0, cut):
            if closing:
                continue
            row = int(digits)
            if row > self.max_row:
                self.max_row = row
            if (len(letters), letters) > self.max_col:
                self.max_col = (len(letters), letters)
        if _UNREFERENCED_CELL.search(buf, 0, cut):
            self.unreferenced = True
        rows = _ROW_TAG.findall(buf, 0, cut)
        if rows:
            self.max_row_element = max(self.max_row_element, max(int(r) for r in rows))
        self.rows_without_r += len(_UNNUMBERED_ROW.findall(buf, 0, cut))
        segments = buf[:cut].split(b"<row")
        for number, segment in enumerate(segments):
            cells = segment.count(b"<c>") + segment.count(b"<c ")
            if number == 0:
                self.row_cells += cells
            else:
                self.widest_row = max(self.widest_row, self.row_cells)
                self.row_cells = cells
        self.buffer = buf[cut:]

    def check(self, path: Path) -> None:
        self.feed(b"", final=True)
        self.widest_row = max(self.widest_row, self.row_cells)
        columns = column_index(self.max_col[1]) + 1
        rows = self.max_row
        if self.unreferenced:
            columns += self.widest_row
            rows = max(rows, self.max_row_element) + self.rows_without_r
        if rows * columns > MAX_CELLS:
            raise ImportRefused(path, f"a sheet may span {rows:,} rows x {columns:,} columns "
                                      f"(more than {MAX_CELLS:,} cells): refused as unsafe")


_CELL_TAG = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d{1,9})"[^>]*?(/?)>')
_UNREFERENCED_CELL = re.compile(rb'<(?:\w+:)?c(?:>|\s(?![^>]*\br=")[^>]*>)')
_ROW_TAG = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d{1,9})"')
_UNNUMBERED_ROW = re.compile(rb'<(?:\w+:)?row(?:>|\s(?![^>]*\br=")[^>]*>)')


def _sheet_parts(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → worksheet part, from xl/workbook.xml and its relationships (defusedxml)."""
    names = {n.lower(): n for n in archive.namelist()}
    workbook = names.get("xl/workbook.xml")
    if workbook is None:
        return {}
    rels_name = names.get("xl/_rels/workbook.xml.rels")
    try:
        book = SafeET.fromstring(archive.read(workbook))
        rels = SafeET.fromstring(archive.read(rels_name)) if rels_name else None
    except Exception:  # a part calamine may still read; without it we only lose error warnings
        return {}
    targets: dict[str, tuple[str, str]] = {}  # id → (member name, the target as written)
    if rels is not None:
        for rel in rels:
            rid, target = rel.get("Id"), rel.get("Target")
            if rid and target:
                targets[rid] = (_resolved(target, names), target)
    result: dict[str, str] = {}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        name = element.get("name")
        rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        if name and rid in targets:
            target, written = targets[rid]
            if target.startswith("../") or "://" in target:
                raise ImportRefused(path, f"is damaged: sheet {name!r} points outside the workbook "
                                          f"({written[:80]}); refused as unsafe")
            if target.lower() not in names:
                raise ImportRefused(path, f"is damaged: sheet {name!r} points to a part that is not in "
                                          f"the workbook ({written[:80]}); open it in Excel and save it again")
            result[name] = target
    return result


def _resolved(target: str, names: dict[str, str]) -> str:
    """A relationship target of xl/workbook.xml as a member name; one that climbs out of the
    package keeps a leading ``../`` (and an external URL its scheme) for the caller to refuse."""
    if "://" in target:
        return target
    resolved = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    parts: list[str] = []
    for piece in resolved.split("/"):
        if piece == "..":
            if not parts:
                return "../"
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    joined = "/".join(parts)
    return names.get(joined.lower(), joined)
