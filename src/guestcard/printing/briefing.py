"""The pre-shift briefing sheet (顾客信息传递表): one landscape A4 table of every booked guest of a
service, large enough to read at arm's length, what they must not eat in bold red.

Takes plain rows (``BriefingSheet``) and writes the PDF whole or not at all; no database, no Qt.
The font has one weight: bold is drawn by stroking the glyphs' outlines too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from guestcard.printing.fonts import Font, FontNotFound, load_font
from guestcard.printing.options import PrintError
from guestcard.printing.text import wrap

BODY_SIZE = 12.5  # points: read at arm's length at the briefing
HEADER_SIZE = 11.0
TITLE_SIZE = 18.0
ALLERGY_RED = (0.70, 0.08, 0.08)

WORDS = {
    "zh": {"title": "顾客信息传递表", "lunch": "午餐", "dinner": "晚餐", "all": "全天",
           "staff": "员工版（不含保密信息）", "full": "经理版（含保密信息）", "page": "第 {0}/{1} 页",
           "guests": "共 {0} 桌 {1} 位", "none": "无预订",
           "columns": ("时间", "包房/桌号", "人数", "宾客（称呼）", "类别", "忌口", "喜好菜品/酒水", "场合",
                       "注意事项", "客户经理")},
    "en": {"title": "Guest briefing", "lunch": "Lunch", "dinner": "Dinner", "all": "All day",
           "staff": "Staff copy (no confidential fields)", "full": "Manager's copy (confidential fields included)",
           "page": "Page {0} of {1}", "guests": "{0} bookings, {1} guests", "none": "No bookings",
           "columns": ("Time", "Room / table", "Party", "Guest (address as)", "Class", "Must not eat",
                       "Favourites", "Occasion", "Notes", "Account manager")},
}
# Shares of the table's width, in the columns' order.
SHARES = (0.055, 0.085, 0.045, 0.13, 0.05, 0.13, 0.16, 0.1, 0.16, 0.085)


@dataclass(frozen=True)
class BriefingRow:
    time: str
    room: str
    party: str
    guest: str
    customer_class: str
    allergies: str
    favourites: str
    occasion: str
    notes: str
    owner: str
    highlight: bool = False  # a birthday or anniversary today


@dataclass(frozen=True)
class BriefingSheet:
    day: str  # as printed: 2026-12-02 (周三)
    service: str  # "lunch" | "dinner" | "all"
    rows: Sequence[BriefingRow]
    restaurant: str = ""
    lang: str = "zh"
    full: bool = False


def _cells(row: BriefingRow) -> tuple[str, ...]:
    return (row.time, row.room, row.party, row.guest, row.customer_class, row.allergies, row.favourites,
            row.occasion, row.notes, row.owner)


class _Writer:
    def __init__(self, path: Path, sheet: BriefingSheet, font: Font) -> None:

        self.sheet, self.font = sheet, font
        self.words = WORDS[sheet.lang]
        self.width, self.height = landscape(A4)
        self.margin = 28.0
        self.canvas = Canvas(str(path), pagesize=(self.width, self.height), pageCompression=1)
        self.canvas.setTitle(f"{self.words['title']} {sheet.day}")
        self.canvas.setAuthor(sheet.restaurant or "guestcard")
        table = self.width - 2 * self.margin
        self.columns = [share * table / sum(SHARES) for share in SHARES]

    def lines(self, text: str, width: float, size: float) -> list[str]:
        return wrap(self.font.printable(text), width - 8, self.font.widths, self.font.default_width, size) or [""]

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False,
             color: tuple[float, float, float] = (0, 0, 0)) -> None:
        c = self.canvas
        obj = c.beginText(x, y)
        obj.setFont(self.font.name, size)
        obj.setFillColorRGB(*color)
        if bold:
            c.setStrokeColorRGB(*color)
            c.setLineWidth(size * 0.045)
            obj.setTextRenderMode(2)  # fill and stroke: bold from a one-weight font
        obj.textOut(text)
        c.drawText(obj)
        c.setStrokeColorRGB(0, 0, 0)

    def header(self, page: int, pages: int) -> float:
        words, sheet = self.words, self.sheet
        top = self.height - self.margin
        service = words[sheet.service]
        title = f"{words['title']}  {sheet.day}  {service}"
        self.text(self.margin, top - TITLE_SIZE, title, TITLE_SIZE, bold=True)
        right = sheet.restaurant
        if right:
            self.text(self.width - self.margin - self.font.width(right, 12), top - 14, right, 12)
        guests = sum(int(r.party) for r in sheet.rows if r.party.isdigit())
        summary = words["guests"].format(len(sheet.rows), guests) if sheet.rows else words["none"]
        self.text(self.margin, top - TITLE_SIZE - 16, summary, 10.5)
        foot = f"{words['full'] if sheet.full else words['staff']}    {words['page'].format(page, pages)}"
        self.text(self.margin, self.margin - 14, foot, 9, color=(0.35, 0.35, 0.35))
        return top - TITLE_SIZE - 26

    @property
    def header_lines(self) -> list[list[str]]:
        return [self.lines(title, width, HEADER_SIZE)[:2] for title, width in
                zip(self.words["columns"], self.columns, strict=True)]

    @property
    def header_height(self) -> float:
        return max(len(lines) for lines in self.header_lines) * HEADER_SIZE * 1.25 + 8

    def header_row(self, y: float) -> float:
        c = self.canvas
        height = self.header_height
        c.setFillColorRGB(0.87, 0.92, 0.97)
        c.rect(self.margin, y - height, sum(self.columns), height, stroke=0, fill=1)
        x = self.margin
        for lines, width in zip(self.header_lines, self.columns, strict=True):
            for number, line in enumerate(lines):
                self.text(x + 4, y - HEADER_SIZE - 3 - number * HEADER_SIZE * 1.25, line, HEADER_SIZE, bold=True)
            x += width
        self.rule(y - height)
        return y - height

    def rule(self, y: float, weight: float = 0.6) -> None:
        self.canvas.setLineWidth(weight)
        self.canvas.line(self.margin, y, self.margin + sum(self.columns), y)

    def row_height(self, row: BriefingRow) -> tuple[float, list[list[str]]]:
        wrapped = [self.lines(text, width, BODY_SIZE) for text, width in zip(_cells(row), self.columns, strict=True)]
        return max(len(lines) for lines in wrapped) * BODY_SIZE * 1.3 + 8, wrapped

    def draw_row(self, y: float, row: BriefingRow, wrapped: list[list[str]], height: float) -> None:
        if row.highlight:
            self.canvas.setFillColorRGB(1.0, 0.95, 0.80)
            self.canvas.rect(self.margin, y - height, sum(self.columns), height, stroke=0, fill=1)
        x = self.margin
        for column, (lines, width) in enumerate(zip(wrapped, self.columns, strict=True)):
            allergy = column == 5
            for number, line in enumerate(lines):
                self.text(x + 4, y - 4 - BODY_SIZE - number * BODY_SIZE * 1.3, line, BODY_SIZE,
                          bold=allergy or column in (0, 3), color=ALLERGY_RED if allergy else (0, 0, 0))
            x += width
        self.rule(y - height, 0.4)

    def pages(self) -> list[list[tuple[BriefingRow, list[list[str]], float]]]:
        """The rows split into pages (measured first: every page says "page n of m")."""
        first_top = self.height - self.margin - TITLE_SIZE - 26 - self.header_height
        room = first_top - self.margin
        pages: list[list[tuple[BriefingRow, list[list[str]], float]]] = [[]]
        used = 0.0
        for row in self.sheet.rows:
            height, wrapped = self.row_height(row)
            if pages[-1] and used + height > room:
                pages.append([])
                used = 0.0
            pages[-1].append((row, wrapped, height))
            used += height
        return pages

    def write(self) -> int:
        pages = self.pages()
        for number, rows in enumerate(pages, start=1):
            y = self.header_row(self.header(number, len(pages)))
            for row, wrapped, height in rows:
                self.draw_row(y, row, wrapped, height)
                y -= height
            self.canvas.showPage()
        self.canvas.save()
        return len(pages)


def render_briefing(out: Path, sheet: BriefingSheet, font: Font | None = None) -> int:
    """Write the sheet to ``out`` (replacing it only when whole); returns the number of pages."""
    if sheet.lang not in WORDS:
        raise PrintError(f"unknown language {sheet.lang!r} (use zh or en)")
    if sheet.service not in ("lunch", "dinner", "all"):
        raise PrintError(f"unknown service {sheet.service!r} (use lunch or dinner)")
    try:
        font = font or load_font()
    except FontNotFound as exc:
        raise PrintError(str(exc)) from None
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise PrintError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        pages = _Writer(tmp, sheet, font).write()
        with suppress(OSError):
            os.chmod(tmp, 0o644)
        try:
            os.replace(tmp, out)
        except OSError as exc:
            raise PrintError(f"cannot replace {out} (is it open in another program?): {exc.strerror or exc}") from exc
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return pages
