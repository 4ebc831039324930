"""The periodic review as a landscape A4 PDF: the figures per account manager, then by source
channel. Plain rows in, the PDF written whole or not at all; no database, no Qt.

Each column is as wide as its widest value (a header too long for it wraps at its spaces onto a
second line), so ¥61,221,700.00 never runs into the visits beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from guestcard.printing.fonts import FontNotFound, load_font
from guestcard.printing.options import PrintError
from guestcard.printing.output import pdf_file

SIZE = 11.0
HEAD_SIZE = SIZE - 1
PAD = 10.0  # between two columns' texts
TITLES = {"zh": ("客户盘点与分析", "按来源渠道", "第 {0}/{1} 页"),
          "en": ("Account review", "By source channel", "Page {0} of {1}")}


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return f"¥{value:,.2f}"
    return "" if value is None else str(value)


def _wrap(text: str, width: float, measure: Callable[[str, float], float]) -> list[str]:
    """A header in lines that fit ``width``, broken at spaces only (a word is never cut)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and measure(f"{lines[-1]} {word}", HEAD_SIZE) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def plan_columns(head: Sequence[str], rows: Sequence[Sequence[str]], room: float,
                 measure: Callable[[str, float], float]) -> tuple[list[float], list[list[str]]]:
    """Column widths (summing to ``room``) and each header's lines. Every column holds its widest
    value; a header wider than that wraps at spaces when the whole header row would not fit."""
    values = [max((measure(row[i], SIZE) for row in rows), default=0.0) + PAD for i in range(len(head))]
    whole = [measure(text, HEAD_SIZE) + PAD for text in head]
    widths = [max(v, h) for v, h in zip(values, whole, strict=True)]
    if sum(widths) > room:  # headers wrap: each column needs its value and its longest word
        words = [max(measure(w, HEAD_SIZE) for w in text.split(" ")) + PAD for text in head]
        widths = [max(v, w) for v, w in zip(values, words, strict=True)]
    spare = max(room - sum(widths), 0.0)
    widths = [w + spare / len(widths) for w in widths]
    return widths, [_wrap(text, w - PAD, measure) for text, w in zip(head, widths, strict=True)]


def render_review(out: Path, lang: str, period: str, restaurant: str, headers: Sequence[str],
                  rows: Sequence[Sequence[object]], source_headers: Sequence[str],
                  source_rows: Sequence[Sequence[object]]) -> int:

    try:
        font = load_font()
    except FontNotFound as exc:
        raise PrintError(str(exc)) from None
    title, by_source, page_words = TITLES[lang]
    width, height = landscape(A4)
    margin = 32.0
    with pdf_file(out) as tmp:
        canvas = Canvas(str(tmp), pagesize=(width, height), pageCompression=1)
        canvas.setTitle(f"{title} {period}")
        pages: list[list[tuple[str, Sequence[str], Sequence[Sequence[object]]]]] = [[]]
        # Both tables fit one page up to ~25 rows each; more go on further pages.
        chunks = [(title, headers, rows[i:i + 25]) for i in range(0, max(len(rows), 1), 25)]
        chunks += [(by_source, source_headers, source_rows[i:i + 25]) for i in range(0, max(len(source_rows), 1), 25)]
        used = 0
        for chunk in chunks:
            size = len(chunk[2]) + 3
            if pages[-1] and used + size > 32:
                pages.append([])
                used = 0
            pages[-1].append(chunk)
            used += size

        def put(x: float, y: float, text: str, size: float, *, bold: bool = False, right: bool = False) -> None:
            text = font.printable(text)
            if right:
                x -= font.width(text, size)
            obj = canvas.beginText(x, y)
            obj.setFont(font.name, size)
            if bold:
                canvas.setLineWidth(size * 0.04)
                obj.setTextRenderMode(2)
            obj.textOut(text)
            canvas.drawText(obj)

        room = width - 2 * margin
        plans = {heading: plan_columns(head, [[_text(v) for v in row] for row in body], room, font.width)
                 for heading, head, body in ((title, headers, rows), (by_source, source_headers, source_rows))}
        for number, chunks_of_page in enumerate(pages, start=1):
            y = height - margin - 18
            put(margin, y, f"{title}  {period}", 18, bold=True)
            if restaurant:
                put(width - margin, y, restaurant, 12, right=True)
            y -= 30
            for heading, _head, body in chunks_of_page:
                if heading != title:
                    put(margin, y, heading, 13, bold=True)
                    y -= 20
                columns, head_lines = plans[heading]
                lines = max(len(h) for h in head_lines)
                lead = HEAD_SIZE + 2
                canvas.setFillColorRGB(0.87, 0.92, 0.97)
                canvas.rect(margin, y - 8 - (lines - 1) * lead, sum(columns), SIZE + 12 + (lines - 1) * lead,
                            stroke=0, fill=1)
                canvas.setFillColorRGB(0, 0, 0)
                x = margin
                for i, parts in enumerate(head_lines):
                    for k, part in enumerate(parts):
                        put(x + (columns[i] - PAD / 2 if i else PAD / 2), y - k * lead, part, HEAD_SIZE,
                            bold=True, right=bool(i))
                    x += columns[i]
                y -= SIZE + 10 + (lines - 1) * lead
                for row in body:
                    x = margin
                    last = row is body[-1] and heading == title and len(body) > 1
                    for i, value in enumerate(row):
                        at = x + (columns[i] - PAD / 2 if i else PAD / 2)
                        put(at, y, _text(value), SIZE, bold=last, right=bool(i))
                        x += columns[i]
                    canvas.setLineWidth(0.3)
                    canvas.line(margin, y - 5, margin + sum(columns), y - 5)
                    y -= SIZE + 8
                y -= 18
            put(margin, margin - 14, page_words.format(number, len(pages)), 9)
            canvas.showPage()
        canvas.save()
    return len(pages)
