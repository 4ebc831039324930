"""The periodic review as a landscape A4 PDF: the figures per account manager, then by source
channel. Plain rows in, the PDF written whole or not at all; no database, no Qt."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from decimal import Decimal
from pathlib import Path

from guestcard.printing.fonts import FontNotFound, load_font
from guestcard.printing.options import PrintError

SIZE = 11.0
TITLES = {"zh": ("客户盘点与分析", "按来源渠道", "第 {0}/{1} 页"),
          "en": ("Account review", "By source channel", "Page {0} of {1}")}


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return f"¥{value:,.2f}"
    return "" if value is None else str(value)


def render_review(out: Path, lang: str, period: str, restaurant: str, headers: Sequence[str],
                  rows: Sequence[Sequence[object]], source_headers: Sequence[str],
                  source_rows: Sequence[Sequence[object]]) -> int:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    try:
        font = load_font()
    except FontNotFound as exc:
        raise PrintError(str(exc)) from None
    title, by_source, page_words = TITLES[lang]
    width, height = landscape(A4)
    margin = 32.0
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent if str(out.parent) else ".")
    os.close(fd)
    tmp = Path(name)
    try:
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

        for number, chunks_of_page in enumerate(pages, start=1):
            y = height - margin - 18
            put(margin, y, f"{title}  {period}", 18, bold=True)
            if restaurant:
                put(width - margin, y, restaurant, 12, right=True)
            y -= 30
            for heading, head, body in chunks_of_page:
                if heading != title:
                    put(margin, y, heading, 13, bold=True)
                    y -= 20
                columns = [(width - 2 * margin) * (0.2 if i == 0 else 0.8 / (len(head) - 1)) for i in range(len(head))]
                canvas.setFillColorRGB(0.87, 0.92, 0.97)
                canvas.rect(margin, y - 8, sum(columns), SIZE + 12, stroke=0, fill=1)
                canvas.setFillColorRGB(0, 0, 0)
                x = margin
                for i, text in enumerate(head):
                    put(x + (columns[i] - 4 if i else 4), y, text, SIZE - 1, bold=True, right=bool(i))
                    x += columns[i]
                y -= SIZE + 10
                for row in body:
                    x = margin
                    last = row is body[-1] and heading == title and len(body) > 1
                    for i, value in enumerate(row):
                        put(x + (columns[i] - 4 if i else 4), y, _text(value), SIZE, bold=last, right=bool(i))
                        x += columns[i]
                    canvas.setLineWidth(0.3)
                    canvas.line(margin, y - 5, margin + sum(columns), y - 5)
                    y -= SIZE + 8
                y -= 18
            put(margin, margin - 14, page_words.format(number, len(pages)), 9)
            canvas.showPage()
        canvas.save()
        with suppress(OSError):
            os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink()
        raise PrintError(f"cannot write {out}: {exc.strerror or exc}") from None
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return len(pages)
