"""Address labels on sticker sheets (A4 2×7, 3×7, 3×8, or any rows × columns with margins).

A label reads as a Chinese envelope is addressed: the postcode, the address, the company, then the
name and honorific with 收 (English: name, company, address, postcode). Nothing ever runs out of
its label: each line wraps at the label's width (Chinese line-breaking rules), and the whole text
shrinks, half a point at a time down to 5 pt, until it fits; what still does not fit at 5 pt is
shortened with "…". ``render_labels`` returns where each text line was put, so a test can check
every line lies inside its label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from guestcard.printing.fonts import Font, load_font
from guestcard.printing.output import pdf_file
from guestcard.printing.text import ellipsize, wrap

MIN_SIZE = 5.0
LEADING = 1.25


@dataclass(frozen=True)
class LabelSheet:
    """A sticker sheet: ``rows`` × ``cols`` labels on an A4 page, margins and gaps in mm."""

    name: str
    rows: int
    cols: int
    top: float = 10.0
    left: float = 5.0
    gap_x: float = 2.5
    gap_y: float = 0.0
    bottom: float | None = None  # default: as the top
    right: float | None = None  # default: as the left

    def check(self) -> None:
        if not (1 <= self.rows <= 30 and 1 <= self.cols <= 10):
            raise ValueError(f"{self.name}: 1–30 rows and 1–10 columns")
        if self.label_width <= 10 * mm or self.label_height <= 8 * mm:
            raise ValueError(f"{self.name}: the margins leave labels too small")

    @property
    def label_width(self) -> float:
        right = self.left if self.right is None else self.right
        return (A4[0] - (self.left + right) * mm - (self.cols - 1) * self.gap_x * mm) / self.cols

    @property
    def label_height(self) -> float:
        bottom = self.top if self.bottom is None else self.bottom
        return (A4[1] - (self.top + bottom) * mm - (self.rows - 1) * self.gap_y * mm) / self.rows

    def rect(self, index: int) -> tuple[float, float, float, float]:
        """Label ``index`` (0-based, row by row) as (x, y, width, height) in points, y from the bottom."""
        row, col = divmod(index % (self.rows * self.cols), self.cols)
        x = self.left * mm + col * (self.label_width + self.gap_x * mm)
        y = A4[1] - self.top * mm - (row + 1) * self.label_height - row * self.gap_y * mm
        return x, y, self.label_width, self.label_height


SHEETS: dict[str, LabelSheet] = {
    "A4-2x7": LabelSheet("A4-2x7", 7, 2, top=15.0, left=4.5, gap_x=3.0),
    "A4-3x7": LabelSheet("A4-3x7", 7, 3, top=15.0, left=7.0, gap_x=2.5),
    "A4-3x8": LabelSheet("A4-3x8", 8, 3, top=10.0, left=7.0, gap_x=2.5),
}


@dataclass(frozen=True)
class Label:
    """What one label says: the name line (with the honorific) and the lines above or below it."""

    name: str
    lines: tuple[str, ...] = ()  # postcode, address, company (in reading order for the language)
    name_last: bool = True  # Chinese: the name at the bottom, after the address


@dataclass(frozen=True)
class Placed:
    """A line as drawn: its text, the label's index, baseline x/y, width and font size (points)."""

    label: int
    text: str
    x: float
    y: float
    width: float
    size: float


PADDING = 2.5 * mm


def _fit(label: Label, font: Font, width: float, height: float) -> list[tuple[str, float]]:
    """The wrapped lines (text, size) that fit the label: the largest size from 11 pt down to 5;
    at 5 pt the address lines are cut with "…" (the name is never cut while an address line is left)."""
    size = 11.0
    while True:
        body, name = _layout(label, font, width, size)
        if _height(body + name) <= height or size <= MIN_SIZE:
            break
        size -= 0.5
    while _height(body + name) > height and len(body) > 0:
        cut, _cut_size = body.pop()
        if body:
            last, last_size = body.pop()
            body.append((ellipsize(last + cut, width, font.widths, font.default_width, last_size), last_size))
    while _height(name) > height and len(name) > 1:
        cut, _cut_size = name.pop()
        last, last_size = name.pop()
        name.append((ellipsize(last + cut, width, font.widths, font.default_width, last_size), last_size))
    return body + name if label.name_last else name + body


def _height(lines: list[tuple[str, float]]) -> float:
    return sum(size * LEADING for _text, size in lines)


def _layout(label: Label, font: Font, width: float, size: float) -> tuple[list[tuple[str, float]], ...]:
    name_size = size * 1.15
    body = [(line, size) for text in label.lines if text
            for line in wrap(font.printable(text), width, font.widths, font.default_width, size)]
    name = [(line, name_size) for line in wrap(font.printable(label.name), width, font.widths,
                                              font.default_width, name_size)]
    return body, name


def render_labels(labels: Sequence[Label], sheet: LabelSheet, out: Path, *, font: Font | None = None,
                  title: str = "guestcard labels") -> list[Placed]:
    """Write the labels to the PDF ``out`` (as many pages as they need); returns every line placed."""
    sheet.check()
    font = font or load_font()
    with pdf_file(out) as temporary:
        return _draw(labels, sheet, font, Canvas(str(temporary), pagesize=A4, pageCompression=1), title)


def _draw(labels: Sequence[Label], sheet: LabelSheet, font: Font, canvas: Canvas, title: str) -> list[Placed]:
    canvas.setTitle(title)
    per_page = sheet.rows * sheet.cols
    placed: list[Placed] = []
    for index, label in enumerate(labels):
        if index and index % per_page == 0:
            canvas.showPage()
        x, y, w, h = sheet.rect(index)
        inner_w, inner_h = w - 2 * PADDING, h - 2 * PADDING
        lines = _fit(label, font, inner_w, inner_h)
        total = sum(s * LEADING for _t, s in lines)
        top = y + h - PADDING - (inner_h - total) / 2  # centred vertically
        for text, size in lines:
            top -= size * LEADING
            baseline = top + size * (LEADING - 1) / 2 + size * font.descent
            canvas.setFont(font.name, size)
            canvas.drawString(x + PADDING, baseline, text)
            placed.append(Placed(index, text, x + PADDING, baseline, font.width(text, size), size))
    canvas.showPage()
    canvas.save()
    return placed
