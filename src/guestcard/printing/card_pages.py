"""Filling the pages of one card: the flow of its header, titled section boxes and tables down the
pages (a row that does not fit is split and continues under the title marked "(cont.)"), and the
footers of every page. The plan it fills is ``CardLayout``'s (``layout``)."""

from __future__ import annotations

import datetime as dt
from collections import deque
from typing import TYPE_CHECKING

from guestcard.printing.blank import Fit, blank_blocks
from guestcard.printing.filled import TABLE_CELL_LINES, cap_table_cells, fit, section_blocks, table_block
from guestcard.printing.grid import K_TEXT, K_WRITE, Block, Cell, Column, Row
from guestcard.printing.header import draw_header
from guestcard.printing.letterhead import draw_strip
from guestcard.printing.ops import BAND, CHECK, FAINT, INK, LINE, MUTED, RECT, RULE, SHADE, TEXT, WHITE, Op
from guestcard.printing.options import CardData
from guestcard.printing.strings import fmt_date, ui
from guestcard.printing.text import ellipsize

if TYPE_CHECKING:
    from guestcard.printing.layout import CardLayout


class CardPages:
    """Fills the pages of one card: the flow state of a single layout run."""

    def __init__(self, layout: CardLayout, card: CardData | None, blank: Fit | None = None) -> None:
        self.L, self.m = layout, layout.m
        self.card = card
        self.customer = card.customer if card is not None else None
        self.pages: list[list[Op]] = []
        self.ops: list[Op] = []
        self.y = 0.0
        self.page_top = 0.0
        self.bottom = self.m.height - self.m.margin - self.m.footer - self.m.value * 0.4
        self.H = self.m.height
        self.coverage = layout.font.coverage
        self.shown: frozenset[str] = frozenset()  # fields the header showed
        self.fit = blank or Fit(self.m.pitch, 8)  # a blank form's writing pitch, table rows, rules
        self.blank_pitch = self.fit.pitch
        # A blank's section titles sit in a slimmer band, its boxes closer: the room is the hand's.
        self.band = self.m.band if card is not None else self.m.title * 1.5
        self.block_gap = self.m.value * (0.75 if card is not None else 0.45)

    # -- output helpers (top-down y in, PDF y out) -------------------------------------------

    def text(self, x: float, y_base: float, text: str, size: float, gray: float = INK, bold: bool = False) -> None:
        if text:
            if not self.coverage.issuperset(text):
                text = self.L.font.printable(text)
            self.ops.append((TEXT, x, self.H - y_base, text, size, gray, bold))

    def text_right(
        self, x_right: float, y_base: float, text: str, size: float, gray: float = INK, bold: bool = False
    ) -> None:
        self.text(x_right - self.L.width(text, size), y_base, text, size, gray, bold)

    def line(
        self, x1: float, y1: float, x2: float, y2: float, width: float = 0.4, gray: float = RULE, dotted: bool = False
    ) -> None:
        H = self.H
        self.ops.append((LINE, x1, H - y1, x2, H - y2, width, gray, dotted))

    def rect(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        width: float = 0.5,
        stroke: float | None = INK,
        fill: float | None = None,
        radius: float = 0.0,
    ) -> None:
        self.ops.append((RECT, x, self.H - top - h, w, h, width, stroke, fill, radius))

    # -- pages -----------------------------------------------------------------------------

    def run(self) -> list[list[Op]]:
        L = self.L
        self.new_page(first=True)
        if self.customer is None:
            for b in blank_blocks(L, self.fit):
                self.block(b.title, "", b.header, b.rows)
        else:
            blocks = section_blocks(L, self.customer, self.shown) + self.table_blocks()
            if not L.options.whole_file:
                fit(L, blocks, self.bottom - self.y)
            for b in blocks:
                self.block(b.title, b.note_text(), b.header, b.rows)
        self.pages.append(self.ops)
        return self.pages

    def table_blocks(self) -> list[Block]:
        L, lang = self.L, self.L.lang
        if L.options.history_rows <= 0 or self.card is None:
            return []
        whole = L.options.whole_file
        out = []
        visit_heads = {
            "date": "v_date",
            "party": "v_party",
            "room": "v_room",
            "occasion": "v_occasion",
            "spend": "v_spend",
            "dishes": "v_dishes",
        }
        specs = (
            (
                "visits",
                L.visit_columns,
                [visit_heads[c.key] for c in L.visit_columns],
                L.visit_records(self.card.visits),
            ),
            (
                "contacts",
                L.contact_columns,
                ["c_date", "c_channel", "c_points", "c_intent", "c_next"],
                L.contact_records(self.card.contacts),
            ),
        )
        for title_key, columns, heads, records in specs:
            if not records:
                continue
            header = L.table_rows(columns, [[ui(k, lang) for k in heads]], header=True)[0]

            def make(chosen: list[list[str]], columns: list[Column] = columns) -> list[Row]:
                rows = L.table_rows(columns, chosen)
                return rows if whole else cap_table_cells(L, rows, TABLE_CELL_LINES)

            out.append(table_block(L, ui(title_key, lang), header, records, make))
        return out

    def new_page(self, first: bool = False) -> None:
        if not first:
            self.pages.append(self.ops)
            self.ops = []
        self.y = self.m.margin
        self.strip()
        if first:
            if self.customer is None:
                self.blank_header()
            else:
                self.shown = draw_header(self)
        else:
            self.continuation_header()
        self.page_top = self.y

    def strip(self) -> None:
        """The letterhead, the form's title and number, the customer's number, over a rule."""
        draw_strip(self)

    def flag(self, tag: str, value: str, y: float, lead: float, size: float, limit: float, lines: int = 2) -> float:
        """A header line: the tag white on black, then the value in bold (two lines at most);
        returns the y below it."""
        m, L = self.m, self.L
        tag_size = m.value * 0.85
        tag_w = L.width(tag, tag_size) + m.value * 0.7
        self.rect(L.left, y + lead * 0.12, tag_w, lead * 0.76, width=0, stroke=None, fill=INK, radius=m.value * 0.15)
        self.text(L.left + m.value * 0.35, L.baseline(y, lead, tag_size), tag, tag_size, WHITE, bold=True)
        room = limit - L.left - tag_w - m.value * 0.5
        wrapped = L.wrap(value, room, size)
        if len(wrapped) > lines:
            wrapped = [*wrapped[: lines - 1], ellipsize(" ".join(wrapped[lines - 1 :]), room, L._widths, L._dw, size)]
        for line in wrapped:
            self.text(L.left + tag_w + m.value * 0.5, L.baseline(y, lead, size), line, size, INK, bold=True)
            y += lead
        return y

    def badge_width(self, value: str) -> float:
        m, L = self.m, self.L
        label = L.class_label(value)
        return m.name * 0.95 + m.value * 0.45 + (L.width(label, m.value) + m.value * 0.9 if label else 0.0)

    def badge(self, x: float, base: float, value: str, limit: float) -> float:
        """A dark square with the class letter, then the class's label; returns the x after it."""
        m, L = self.m, self.L
        side = m.name * 0.95
        label = L.class_label(value)
        letter = value[:2]
        size_l = m.name * 0.62
        lab_size = m.value * 1.0
        label_w = L.width(label, lab_size) if label else 0.0
        if x + side + label_w + m.value > limit:
            label_w = 0.0
            if x + side > limit:
                return x
        y_top = base - m.name * 0.74
        self.rect(x, y_top, side, side, width=0, stroke=None, fill=INK, radius=side * 0.18)
        lw = L.width(letter, size_l)
        self.text(x + (side - lw) / 2, L.baseline(y_top, side, size_l), letter, size_l, WHITE, bold=True)
        x += side + m.value * 0.45
        if label_w:
            self.text(x, L.baseline(y_top, side, lab_size), label, lab_size, INK)
            x += label_w + m.value * 0.9
        return x

    def blank_header(self) -> None:
        """On a blank form: when and by whom it was filled in, to write by hand."""
        m, L = self.m, self.L
        size = m.label * 1.15
        lead = self.blank_pitch or m.pitch
        base = L.baseline(self.y, lead, size) + size * 0.3
        half = m.content_width / 2
        for i, key in enumerate(("filed_on", "filed_by")):
            x = L.left + i * half
            label = ui(key, L.lang)
            self.text(x, base, label, size, INK)
            x0 = x + L.width(label, size) + m.value * 0.5
            self.line(x0, base + size * 0.25, x + half - m.value * 1.5, base + size * 0.25, 0.3, 0.15)
        self.y += lead + m.value * 0.4

    def continuation_header(self) -> None:
        m, L = self.m, self.L
        size = m.value * 1.3
        lead = size * 1.4
        name = self.customer.name if self.customer is not None else ""
        cont = ui("continued", L.lang).strip()
        base = L.baseline(self.y, lead, size)
        if name:
            name = ellipsize(name, m.content_width * 0.8, L._widths, L._dw, size)
            self.text(L.left, base, name, size, INK, bold=True)
            self.text(L.left + L.width(name, size) + m.value * 0.5, base, cont, m.value, MUTED)
        else:
            self.text(L.left, base, cont, m.value, MUTED)
        self.y += lead + m.value * 0.5

    # -- blocks: a titled box of rows ----------------------------------------------------------

    def block(self, title: str, note: str, header: Row | None, rows: list[Row]) -> None:
        if not rows:
            return
        m, L = self.m, self.L
        lead_in = self.band + (header.height if header else 0)
        need = lead_in + L.min_height(rows[0])
        if header is not None:
            # A short table is kept on one page rather than leaving a row or two behind.
            whole = lead_in + sum(row.height for row in rows)
            if whole <= (self.bottom - m.margin) * 0.45:
                need = whole
        if self.y + need > self.bottom:
            self.new_page()
        box_top = self.open_box(title, note, header, continued=False)
        placed = 0
        queue = deque(rows)
        while queue:
            row = queue.popleft()
            room = self.bottom - self.y
            if row.height <= room + 0.01:
                self.draw_row(row)
                placed += 1
                continue
            fresh = placed == 0 and box_top <= self.page_top + 0.01
            parts = None if row.keep and not fresh else L.split_row(row, room)
            if parts is not None:
                self.draw_row(parts[0])
                queue.appendleft(parts[1])
            elif fresh:
                # Taller than a whole page and unsplittable: draw it anyway rather than loop.
                self.draw_row(row)
                continue
            else:
                queue.appendleft(row)
            self.close_box(box_top)
            self.new_page()
            box_top = self.open_box(title, note, header, continued=True)
            placed = 0
        self.close_box(box_top)
        self.y += self.block_gap

    def open_box(self, title: str, note: str, header: Row | None, *, continued: bool) -> float:
        m, L = self.m, self.L
        top = self.y
        self.rect(L.left, top, m.content_width, self.band, width=0, stroke=None, fill=BAND)
        base = L.baseline(top, self.band, m.title)
        x = L.left + m.pad
        if continued:
            title += ui("continued", L.lang)
        self.text(x, base, title, m.title, INK, bold=True)
        if note:
            self.text(x + L.width(title, m.title) + m.value * 0.2, base, note, m.label, MUTED)
        self.y += self.band
        if header is not None:
            self.draw_row(header)
        return top

    def close_box(self, top: float) -> None:
        m, L = self.m, self.L
        self.rect(L.left, top, m.content_width, self.y - top, width=0.5, stroke=INK)

    def draw_row(self, row: Row) -> None:
        L = self.L
        top, h = self.y, row.height
        for i, cell in enumerate(row.cells):
            if cell.shade:
                self.rect(cell.x, top, cell.w, h, width=0, stroke=None, fill=SHADE)
            if i and not row.plain:
                self.line(cell.x, top, cell.x, top + h, 0.35, RULE)
            self.draw_cell(cell, top)
        if not row.plain:
            self.line(L.left, top + h, L.right, top + h, 0.35, RULE)
        self.y = top + h

    def draw_cell(self, cell: Cell, top: float) -> None:
        m, L = self.m, self.L
        x = cell.x + cell.pad
        y = top + cell.vpad
        if cell.label:
            for line in cell.label:
                self.text(x, L.baseline(y, m.label_lead, m.label), line, m.label, MUTED)
                y += m.label_lead
            y += m.gap
        size, lead = cell.size, cell.lead
        if cell.kind == K_TEXT:
            right = cell.x + cell.w - cell.pad
            for i, line in enumerate(cell.lines):
                base = L.baseline(y, lead, size)
                if i == 0 and cell.lead_in and line.startswith(cell.lead_in):
                    # An inline label ("性别：男"): the label muted, the value after it in ink.
                    self.text(x, base, cell.lead_in, size, MUTED)
                    self.text(x + L.width(cell.lead_in, size), base, line[len(cell.lead_in) :], size, cell.gray)
                elif cell.align == "r":
                    self.text_right(right, base, line, size, cell.gray, cell.bold)
                else:
                    self.text(x, base, line, size, cell.gray, cell.bold)
                y += lead
        elif cell.kind == K_WRITE and cell.lead_in:  # a blank form's "label：________"
            x2 = cell.x + cell.w - cell.pad
            for i in range(len(cell.lines)):
                ly = y + lead - lead * 0.22
                x1 = x
                if i == 0:
                    self.text(x, ly - size * 0.3, cell.lead_in, size, INK)
                    x1 = x + L.width(cell.lead_in, size)
                self.line(x1, ly, x2, ly, 0.3, 0.15)
                if cell.hint and i == 0:
                    self.text_right(x2, ly - size * 0.3, cell.hint, size * 0.9, MUTED)
                y += lead
        elif cell.kind == K_WRITE:
            x2 = cell.x + cell.w - cell.pad
            for i in range(len(cell.lines)):
                ly = y + lead - min(lead * 0.2, m.value * 0.35)
                self.line(x, ly, x2, ly, 0.5, FAINT, True)
                if cell.hint and i == 0:
                    self.text_right(x2, ly - m.label * 0.3, cell.hint, m.label, FAINT)
                y += lead
        else:
            box = m.box
            gap = m.value * 0.3
            for items in cell.lines:
                base = L.baseline(y, lead, size)
                for dx, text, checked in items:
                    if checked is None:
                        self.text(x + dx, base, text, size, INK)
                        continue
                    # The box sits on the text's x-height band, a touch below the cap height.
                    self.ops.append((CHECK, x + dx, self.H - base - box * 0.1, box, checked))
                    gray = INK if checked or cell.lead_in else MUTED
                    self.text(x + dx + box + gap, base, text, size, gray, checked)
                y += lead

    # -- tables and footer -------------------------------------------------------------------

    def tables(self) -> None:
        L, lang, n = self.L, self.L.lang, self.L.options.history_rows
        if n <= 0:
            return
        blank = self.card is None
        specs = (
            (
                "visits",
                L.visit_columns,
                ("v_date", "v_party", "v_room", "v_occasion", "v_spend", "v_dishes"),
                [] if blank else L.visit_records(self.card.visits),
            ),
            (
                "contacts",
                L.contact_columns,
                ("c_date", "c_channel", "c_points", "c_intent", "c_next"),
                [] if blank else L.contact_records(self.card.contacts),
            ),
        )
        for title_key, columns, heads, records in specs:
            if blank:
                records = [[""] * len(columns)] * n
            if not records:
                continue
            header = L.table_rows(columns, [[ui(k, lang) for k in heads]], header=True)[0]
            rows = L.table_rows(columns, records, blank=blank)
            note = ui("last_n", lang, n=n).strip() if lang == "zh" else ui("last_n", lang, n=n)
            self.block(ui(title_key, lang), note, header, rows)


def add_footers(layout: CardLayout, pages: list[list[Op]], printed: dt.date, blank: bool) -> None:
    """Print date, confidentiality mark and page x/y at the foot of every card page."""
    m, lang = layout.m, layout.lang
    H = m.height
    size = m.small
    y_rule = H - (m.height - m.margin - m.footer + size * 0.6)
    base = m.margin + size * 0.25
    left = ui("printed", lang, date=fmt_date(printed, lang))
    copy = ui("blank_copy" if blank else ("full_copy" if layout.options.full else "staff_copy"), lang)
    centre = f"{ui('confidential', lang)}  ·  {copy}"
    left_w = layout.width(left, size)
    total = len(pages)
    for i, ops in enumerate(pages, 1):
        right = ui("page", lang, x=i, y=total)
        right_w = layout.width(right, size)
        ops.append((LINE, layout.left, y_rule, layout.right, y_rule, 0.5, RULE, False))
        ops.append((TEXT, layout.left, base, left, size, MUTED, False))
        ops.append((TEXT, layout.right - right_w, base, right, size, MUTED, False))
        room = m.content_width - left_w - right_w - 2 * m.value
        text = ellipsize(centre, room, layout._widths, layout._dw, size)
        w = layout.width(text, size)
        ops.append((TEXT, layout.left + (m.content_width - w) / 2, base, text, size, INK, True))
