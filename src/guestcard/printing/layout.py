"""Lay one customer's card out as pages of drawing operations; reportlab is not needed here.

A card page is a list of small tuples (see ``TEXT`` … ``IMAGE``) in PDF points, origin at the
card's lower-left corner; ``render`` draws them, placing card pages on sheets (n-up).

The grid of every section (which field sits where, wrapped labels, checkbox positions) depends
only on the form, the paper and the language, so it is planned once per print; per customer only
the values are wrapped and the pages filled.

Vertical flow: header, then one titled box per section, then the visits and contacts tables. A
grid row that does not fit on the page is split line by line (long text, writing lines, checkbox
rows) and continues on the next page under the section title marked "(cont.)"; table headers
repeat. Fields marked confidential are not in the plan at all unless a full copy is asked for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from guestcard.domain import Contact, Customer, Visit
from guestcard.forms import FieldSpec, FieldType, FormLibrary, FormSpec, SectionSpec
from guestcard.printing.blank import Fit, blank_blocks, fit_blank
from guestcard.printing.filled import TABLE_CELL_LINES, Block, cap_table_cells, fit, section_blocks, table_block
from guestcard.printing.fonts import Font, title_font
from guestcard.printing.header import draw_header
from guestcard.printing.letterhead import draw_strip
from guestcard.printing.options import CardData, PrintOptions
from guestcard.printing.shorten import sentence_split
from guestcard.printing.strings import fmt_date, fmt_datetime, fmt_money, fmt_value, ui
from guestcard.printing.text import ellipsize, wrap

MM = 72.0 / 25.4
# An organisation's card names the shared fields for what they are there.
CORPORATE_LABELS = {
    "name": ("单位名称", "Organisation"),
    "phone": ("总机", "Switchboard"),
    "address": ("单位地址", "Address"),
}
_NUMBERED = re.compile(r"^\s*\d+\s*[.、．]\s*")  # "7. 籍贯": a form of numbered questions
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Drawing operations, PDF coordinates of the card page (points, origin lower left).
TEXT = 0  # (TEXT, x, y, text, size, gray, bold)
LINE = 1  # (LINE, x1, y1, x2, y2, width, gray, dotted)
RECT = 2  # (RECT, x, y, w, h, line_width, stroke_gray | None, fill_gray | None, radius)
CHECK = 3  # (CHECK, x, y, size, checked)  lower-left corner of the box
IMAGE = 4  # (IMAGE, x, y, w, h, image)  image: bytes or a path, drawn fitted and centred
TITLE = 5  # (TITLE, x, y, text, size, gray, font_name)  text in another registered face (the Song title)

Op = tuple[Any, ...]

INK = 0.1
MUTED = 0.4
RULE = 0.55
FAINT = 0.7
BAND = 0.88
SHADE = 0.95
WHITE = 1.0

PAPER_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A6": (105.0, 148.0)}


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes for one card paper (points). Everything else is derived from the value font size."""

    width: float
    height: float
    margin: float
    value: float  # field values
    label: float  # field labels
    title: float  # section titles, form title
    name: float  # the customer's name in the header
    table: float  # visits and contacts
    small: float  # footer
    style: str = "A4"  # the card style: A4, A5 or A6 (pocket cards on n-up sheets have their own)

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def pad(self) -> float:
        return self.value * 0.42

    @property
    def lead(self) -> float:
        return self.value * 1.42

    @property
    def label_lead(self) -> float:
        return self.label * 1.28

    @property
    def gap(self) -> float:  # between a label and its value
        return self.value * 0.12

    @property
    def pitch(self) -> float:  # writing lines on a blank form: room for handwriting
        return self.value * 2.1

    @property
    def box(self) -> float:  # checkbox side
        return self.value * 0.82

    @property
    def min_col(self) -> float:  # narrowest grid column before a section loses columns
        return self.value * 10.5

    @property
    def band(self) -> float:  # section title band
        return self.title * 1.75

    @property
    def footer(self) -> float:
        return self.small * 2.6


def metrics_for(paper: str, landscape: bool, size_mm: tuple[float, float] | None = None) -> Metrics:
    """Sizes for a card of ``paper``'s style; ``size_mm`` (portrait) overrides its exact size."""
    w_mm, h_mm = size_mm or PAPER_MM[paper]
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    w, h = w_mm * MM, h_mm * MM
    if paper == "A4":
        return Metrics(w, h, 12 * MM, value=10.0, label=7.0, title=10.0, name=22.0, table=8.5, small=7.0, style="A4")
    if paper == "A5":
        return Metrics(w, h, 9 * MM, value=9.0, label=6.5, title=9.0, name=17.0, table=7.5, small=6.3, style="A5")
    return Metrics(w, h, 6 * MM, value=8.0, label=6.0, title=8.0, name=14.0, table=6.6, small=5.6, style="A6")


# --- grid cells and rows --------------------------------------------------------------------

# Cell body kinds.
K_TEXT = 0  # lines: list[str]
K_WRITE = 1  # lines: list[None], one writing line each
K_CHOICE = 2  # lines: list[list[(dx, text, checked | None)]]; checked None = no box (wrapped text)


class Cell:
    __slots__ = (
        "align",
        "bold",
        "gray",
        "hint",
        "kind",
        "label",
        "label_text",
        "lead",
        "lead_in",
        "lines",
        "pad",
        "shade",
        "size",
        "source",
        "vpad",
        "w",
        "x",
    )

    def __init__(
        self,
        x: float,
        w: float,
        label: list[str],
        label_text: str,
        kind: int,
        lines: list[Any],
        size: float,
        lead: float,
        pad: float,
        *,
        gray: float = INK,
        bold: bool = False,
        shade: bool = False,
        align: str = "l",
        hint: str = "",
        source: str = "",
        lead_in: str = "",
        vpad: float | None = None,
    ) -> None:
        self.x, self.w, self.label, self.label_text = x, w, label, label_text
        self.vpad = pad if vpad is None else vpad  # above and below the lines (a blank's rows: none)
        self.source = source  # the whole text of a value cell: cut at sentence ends, never mid-sentence
        self.lead_in = lead_in  # an inline label: the first characters of the text, printed muted
        self.kind, self.lines, self.size, self.lead, self.pad = kind, lines, size, lead, pad
        self.gray, self.bold, self.shade, self.align, self.hint = gray, bold, shade, align, hint

    def copy(self, lines: list[Any], label: list[str] | None = None) -> Cell:
        return Cell(
            self.x,
            self.w,
            self.label if label is None else label,
            self.label_text,
            self.kind,
            lines,
            self.size,
            self.lead,
            self.pad,
            gray=self.gray,
            bold=self.bold,
            shade=self.shade,
            align=self.align,
            hint=self.hint,
            source=self.source,
            lead_in=self.lead_in,
            vpad=self.vpad,
        )


class Row:
    __slots__ = ("cells", "height", "keep", "plain")

    def __init__(self, cells: list[Cell], height: float, keep: bool = False) -> None:
        self.cells, self.height = cells, height
        self.keep = keep  # a table row: moves to the next page whole unless taller than a page
        self.plain = False  # a blank form's row: its writing rules are its lines, no grid around it


_Item = tuple[float, str, str | None]  # a checkbox: (dx, text, choice value); value None: wrapped text


@dataclass(slots=True)
class _Slot:
    """Where one field sits in its section's grid, and what does not depend on the customer."""

    spec: FieldSpec
    x: float
    w: float
    label: list[str]
    options: list[list[_Item]]  # checkbox rows


@dataclass(slots=True)
class _SectionPlan:
    section: SectionSpec
    title: str
    rows: list[list[_Slot]]


@dataclass(slots=True)
class _Column:
    key: str
    x: float
    w: float
    align: str = "l"


class CardLayout:
    """Lays out cards of one form on one paper in one language; reuse it for every customer."""

    def __init__(
        self,
        form: FormSpec,
        library: FormLibrary,
        options: PrintOptions,
        font: Font,
        metrics: Metrics,
        *,
        now: dt.datetime | None = None,
    ) -> None:
        self.form, self.library, self.options, self.font, self.m = form, library, options, font, metrics
        self.lang = options.lang
        self.title_face = title_font()  # a Song face for the form's title; None: the body font
        self.now = now or dt.datetime.now()
        self._widths, self._dw = font.widths, font.default_width
        self._asc, self._desc = font.ascent, font.descent
        self.left = metrics.margin
        self.right = metrics.width - metrics.margin
        self.sections = [p for p in (self._plan_section(s) for s in form.sections) if p.rows]
        self.visit_columns = self._plan_visit_columns()
        self.contact_columns = self._plan_contact_columns()
        class_spec = library.core.get("class")
        self._class_spec = class_spec
        self.style = metrics.style
        fields = list(form.fields())
        numbered = sum(1 for spec in fields if _NUMBERED.match(spec.label.zh)) > len(fields) // 2
        self._numbers = {spec.key: i for i, spec in enumerate(fields, 1)} if numbered else {}
        self._labels: dict[tuple[str, float], list[str]] = {}

    @property
    def show_spend(self) -> bool:
        """Spend amounts: always on the full copy, on the staff copy when the settings say so."""
        return self.options.full or bool(self.options.show_spend) or self.options.blank

    def printable_key(self, key: str) -> bool:
        """May this field's value be printed on this copy? (The form's own spec, else the core one.)"""
        try:
            spec = self.form.field(key)
        except KeyError:
            spec = self.library.core.get(key)
        return spec is None or self._printable(spec)

    def label_of(self, spec: FieldSpec) -> str:
        """The field's label; on a form of numbered questions, numbered 1… straight through."""
        label = spec.label.text(self.lang)
        if self.form.kind == "corporate" and spec.core and spec.key in CORPORATE_LABELS:
            label = CORPORATE_LABELS[spec.key][self.lang == "en"]
        number = self._numbers.get(spec.key)
        if number is None:
            return label
        return f"{number}. {_NUMBERED.sub('', label)}"

    def slot_label(self, spec: FieldSpec, w: float) -> list[str]:
        """The field's label wrapped to a grid cell ``w`` wide (kept: the same fields recur)."""
        key = (spec.key, round(w, 2))
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = self.wrap(self.label_of(spec), w - 2 * self.m.pad, self.m.label) or [""]
        return label

    # -- measuring -------------------------------------------------------------------------

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        return wrap(self.font.printable(text), width, self._widths, self._dw, size)

    def width(self, text: str, size: float) -> float:
        get, dw = self._widths.get, self._dw
        return sum([get(ord(c), dw) for c in text]) * size / 1000.0

    def baseline(self, top: float, lead: float, size: float) -> float:
        """Top-down y of the baseline of a line of ``size`` centred in a slot of height ``lead``."""
        return top + (lead - size * (self._asc + self._desc)) / 2 + size * self._asc

    # -- planning (once per print) -----------------------------------------------------------

    def _printable(self, spec: FieldSpec) -> bool:
        # A blank form has nothing to hide: every question is on it.
        return self.options.full or self.options.blank or not spec.confidential

    def _plan_section(self, section: SectionSpec) -> _SectionPlan:
        m = self.m
        specs = [spec for spec in section.fields if self._printable(spec)]
        cols = max(1, min(section.columns, int(m.content_width // m.min_col)))
        col_w = m.content_width / cols
        rows: list[list[tuple[FieldSpec, int, int]]] = []
        current: list[tuple[FieldSpec, int, int]] = []
        used = 0
        for spec in specs:
            span = spec.span
            if cols < section.columns:
                span = max(1, min(cols, round(span * cols / section.columns)))
            span = min(span, cols)
            if used + span > cols:
                rows.append(current)
                current, used = [], 0
            current.append((spec, used, span))
            used += span
        if current:
            rows.append(current)
        planned: list[list[_Slot]] = []
        for row in rows:
            # The last field of a short row takes the rest of the row: no empty holes in the grid.
            spec, col, span = row[-1]
            row[-1] = (spec, col, cols - col)
            planned.append([self._plan_slot(spec, self.left + col * col_w, span * col_w) for spec, col, span in row])
        return _SectionPlan(section, section.title.text(self.lang), planned)

    def _plan_slot(self, spec: FieldSpec, x: float, w: float) -> _Slot:
        m = self.m
        inner = w - 2 * m.pad
        label = self.wrap(spec.label.text(self.lang), inner, m.label) or [""]
        options: list[list[_Item]] = []
        if spec.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
            pairs = [(c.value, c.label.text(self.lang)) for c in spec.choices]
            options = self._plan_options(pairs, inner)
        elif spec.type is FieldType.BOOL:
            options = self._plan_options([("1", ui("yes", self.lang)), ("0", ui("no", self.lang))], inner)
        return _Slot(spec, x, w, label, options)

    def _plan_options(self, pairs: Sequence[tuple[str, str]], inner: float) -> list[list[_Item]]:
        """Checkbox items flowed left to right, wrapping; an item too wide wraps its own text."""
        m = self.m
        box_gap = m.value * 0.3
        spacing = m.value * 0.9
        rows: list[list[_Item]] = [[]]
        x = 0.0
        for value, text in pairs:
            need = m.box + box_gap + self.width(text, m.value)
            if rows[-1] and x + need > inner:
                rows.append([])
                x = 0.0
            if need <= inner:
                rows[-1].append((x, text, value))
                x += need + spacing
                continue
            parts = self.wrap(text, inner - m.box - box_gap, m.value) or [text]
            rows[-1].append((0.0, parts[0], value))
            for part in parts[1:]:
                rows.append([(m.box + box_gap, part, None)])
            rows.append([])
            x = 0.0
        return [row for row in rows if row]

    def _date_width(self, with_time: bool) -> float:
        """Room for the widest date (and time) in the tables, padding included."""
        m = self.m
        if self.lang == "zh":
            sample = "2026年12月28日"
        else:
            sample = max((f"28 {mon} 2026" for mon in _EN_MONTHS), key=lambda t: self.width(t, m.table))
        if with_time:
            sample += " 18:30"
        return self.width(sample, m.table) + 2 * m.table * 0.4 + 0.5

    def _plan_visit_columns(self) -> list[_Column]:
        m, lang = self.m, self.lang
        pad2 = 2 * m.table * 0.4
        date_w = self._date_width(with_time=True)
        if date_w > m.content_width * 0.2:  # narrow paper: the time goes under the date
            date_w = self._date_width(with_time=False)
        self.visit_time_inline = date_w > self._date_width(with_time=False) + 1
        party_w = max(self.width(ui("v_party", lang), m.table), self.width("888", m.table)) + pad2
        spend_w = self.width("¥188,888", m.table) + pad2 if self.show_spend else 0.0
        fixed = date_w + party_w + spend_w
        flex = max(m.content_width - fixed, m.content_width * 0.45)
        room_w, occ_w = flex * 0.2, flex * 0.2
        dishes_w = m.content_width - fixed - room_w - occ_w
        spec = [
            ("date", date_w, "l"),
            ("party", party_w, "r"),
            ("room", room_w, "l"),
            ("occasion", occ_w, "l"),
            ("spend", spend_w, "r"),
            ("dishes", dishes_w, "l"),
        ]
        return self._columns([col for col in spec if col[1] > 0])

    def _plan_contact_columns(self) -> list[_Column]:
        m = self.m
        date_w = self._date_width(with_time=False)
        flex = m.content_width - 2 * date_w
        spec = [
            ("date", date_w, "l"),
            ("channel", flex * 0.17, "l"),
            ("points", flex * 0.58, "l"),
            ("intent", flex * 0.25, "l"),
            ("next", date_w, "l"),
        ]
        return self._columns(spec)

    def _columns(self, spec: Sequence[tuple[str, float, str]]) -> list[_Column]:
        x = self.left
        out = []
        for key, w, align in spec:
            out.append(_Column(key, x, w, align))
            x += w
        return out

    # -- per customer ----------------------------------------------------------------------

    def layout(self, card: CardData | None) -> list[list[Op]]:
        """The card pages of one customer (``None``: the blank form)."""
        if card is not None:
            return _CardPages(self, card).run()
        # A blank: the roomiest setting that keeps it on as few pages as it needs (blank.fit_blank).
        tried: dict[Fit, list[list[Op]]] = {}

        def run(fit: Fit) -> list[list[Op]]:
            if fit not in tried:
                tried[fit] = _CardPages(self, None, blank=fit).run()
            return tried[fit]

        return fit_blank(self, run)

    def field_cell(self, slot: _Slot, customer: Customer | None) -> Cell:
        m, spec, lang = self.m, slot.spec, self.lang
        label_text = spec.label.text(lang)
        kind = spec.type
        if kind in (FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.BOOL):
            value = customer.get(spec.key) if customer is not None else None
            chosen = _chosen(kind, value)
            lines: list[Any] = [
                [(dx, text, None if v is None else (v in chosen)) for dx, text, v in row] for row in slot.options
            ]
            known = {c.value for c in spec.choices}
            extra = [v for v in chosen if kind is not FieldType.BOOL and v not in known]
            if extra:  # a stored value no longer among the choices: print it ticked, as it is
                for text in self.wrap(
                    "、".join(extra) if lang == "zh" else ", ".join(extra),
                    slot.w - 2 * m.pad - m.box - m.value * 0.3,
                    m.value,
                ):
                    lines.append([(0.0, text, True)])
            raw = customer.raw.get(spec.key) if customer is not None and not chosen else None
            if raw:  # imported text that matched no choice: shown as written, boxes left for the hand
                for text in self.wrap(raw + ui("as_written", lang), slot.w - 2 * m.pad, m.value):
                    lines.append([(0.0, text, None)])
            return Cell(slot.x, slot.w, slot.label, label_text, K_CHOICE, lines, m.value, m.lead, m.pad)
        if customer is None:  # blank form: writing lines for the hand
            hint = ""
            if kind is FieldType.DATE:
                hint = ui("date_hint", lang)
            elif kind is FieldType.MONEY:
                hint = "¥" if lang == "en" else "元"
            return Cell(
                slot.x, slot.w, slot.label, label_text, K_WRITE, [None] * spec.lines, m.value, m.pitch, m.pad, hint=hint
            )
        value = customer.get(spec.key)
        text = fmt_value(spec, value, lang) if value is not None else ""
        gray = INK
        if not text and spec.key in customer.raw:
            text, gray = customer.raw[spec.key] + ui("as_written", lang), MUTED
        if not text:
            return Cell(slot.x, slot.w, slot.label, label_text, K_WRITE, [None], m.value, m.lead, m.pad)
        lines = self.wrap(text, slot.w - 2 * m.pad, m.value) or [""]
        return Cell(slot.x, slot.w, slot.label, label_text, K_TEXT, lines, m.value, m.lead, m.pad, gray=gray)

    def row_of(self, cells: list[Cell], keep: bool = False) -> Row:
        return Row(cells, max(self.cell_height(c) for c in cells), keep)

    def cell_height(self, cell: Cell) -> float:
        h = 2 * cell.vpad + len(cell.lines) * cell.lead
        if cell.label:
            h += len(cell.label) * self.m.label_lead + (self.m.gap if cell.lines else 0)
        return h

    def split_row(self, row: Row, room: float) -> tuple[Row, Row] | None:
        """The part of ``row`` that fits in ``room`` points and the rest, or None."""
        heads, tails = [], []
        split = False
        cont = ui("continued", self.lang)
        for cell in row.cells:
            if self.cell_height(cell) <= room:
                heads.append(cell)
                tails.append(cell.copy([], label=[]))
                continue
            fixed = 2 * cell.vpad + (len(cell.label) * self.m.label_lead + self.m.gap if cell.label else 0)
            k = int((room - fixed) / cell.lead + 1e-6)
            if cell.source:  # a value's text: cut after a sentence, never inside one
                parts = self._split_text(cell, k)
                if parts is None:
                    return None
                split = True
                heads.append(parts[0])
                tails.append(parts[1])
                continue
            k = min(k, len(cell.lines) - 2)  # no widow: at least two lines continue on the next page
            if k < 2:  # no orphan: at least two lines stay on this page
                return None
            split = True
            heads.append(cell.copy(cell.lines[:k]))
            label = self.wrap(cell.label_text + cont, cell.w - 2 * cell.pad, self.m.label) if cell.label else []
            tails.append(cell.copy(cell.lines[k:], label=label))
        if not split:
            return None
        return self.row_of(heads, row.keep), self.row_of(tails, row.keep)

    def _split_text(self, cell: Cell, max_lines: int) -> tuple[Cell, Cell] | None:
        if max_lines < 1:
            return None
        width = cell.w - 2 * cell.pad
        parts = sentence_split(cell.source, max_lines, lambda t: self.wrap(t, width, cell.size))
        if parts is None:
            return None
        head_text, tail_text = parts
        head = cell.copy(self.wrap(head_text, width, cell.size))
        head.source = head_text
        lead_in = ""
        if cell.lead_in:
            sep = "：" if self.lang == "zh" else ": "
            lead_in = cell.label_text + ui("continued", self.lang) + sep
        tail = cell.copy(self.wrap(lead_in + tail_text, width, cell.size))
        tail.source, tail.lead_in = lead_in + tail_text, lead_in
        return head, tail

    def min_height(self, row: Row) -> float:
        """Least room in which the row can start on a page (a split keeps two lines)."""
        if row.keep:
            return row.height
        least = 0.0
        for cell in row.cells:
            full = self.cell_height(cell)
            if len(cell.lines) >= 4:  # splittable: two lines here, two or more on the next page
                full -= (len(cell.lines) - 2) * cell.lead
            least = max(least, full)
        return least

    # -- tables ----------------------------------------------------------------------------

    def table_rows(
        self, columns: Sequence[_Column], records: Sequence[Sequence[str]], *, header: bool = False, blank: bool = False
    ) -> list[Row]:
        m = self.m
        pad = m.table * 0.4
        lead = m.table * 1.32
        rows = []
        for record in records:
            cells = []
            for col, text in zip(columns, record, strict=True):
                if blank:
                    cells.append(Cell(col.x, col.w, [], "", K_WRITE, [None], m.table, m.pitch * 0.9, pad * 0.5))
                    continue
                lines = self.wrap(text, col.w - 2 * pad, m.table) if text else []
                cells.append(
                    Cell(
                        col.x,
                        col.w,
                        [],
                        "",
                        K_TEXT,
                        lines or [""],
                        m.table,
                        lead,
                        pad,
                        bold=header,
                        shade=header,
                        gray=MUTED if header else INK,
                        align="l" if header else col.align,
                    )
                )
            rows.append(self.row_of(cells, keep=True))
        return rows

    def visit_records(self, visits: Sequence[Visit]) -> list[list[str]]:
        lang = self.lang
        past = sorted((v for v in visits if not v.is_reservation(self.now)), key=lambda v: v.at, reverse=True)
        out = []
        keys = [col.key for col in self.visit_columns]
        for v in past[: self.options.history_rows]:
            date, clock = fmt_datetime(v.at, lang)
            notes = "\n".join(t for t in (v.dishes, v.notes) if t)
            values = {
                "date": (f"{date} {clock}" if self.visit_time_inline else f"{date}\n{clock}") if clock else date,
                "party": str(v.party_size) if v.party_size else "",
                "room": v.room or "",
                "occasion": v.occasion or "",
                "spend": fmt_money(v.spend, lang) if v.spend is not None else "",
                "dishes": notes,
            }
            out.append([values[key] for key in keys])
        return out

    def contact_records(self, contacts: Sequence[Contact]) -> list[list[str]]:
        lang = self.lang
        recent = sorted(contacts, key=lambda c: c.date, reverse=True)[: self.options.history_rows]
        out = []
        for c in recent:
            follow = fmt_date(c.next_follow_up, lang) if c.next_follow_up else ""
            if follow and c.follow_up_done:
                follow += ui("done", lang)
            out.append([fmt_date(c.date, lang), c.channel or "", c.key_points or "", c.intent or "", follow])
        return out

    def next_reservation(self, visits: Sequence[Visit]) -> str:
        coming = [v for v in visits if v.is_reservation(self.now)]
        if not coming:
            return ""
        v = min(coming, key=lambda v: v.at)
        date, clock = fmt_datetime(v.at, self.lang)
        parts = [f"{date} {clock}".strip()]
        parts += [
            t for t in (v.room, ui("party_of", self.lang, n=v.party_size) if v.party_size else "", v.occasion) if t
        ]
        return "  ·  ".join(parts)

    def class_label(self, value: str) -> str:
        """What the class means, without the letter the badge shows: "A 类（贵宾）" -> "贵宾"."""
        spec = self._class_spec
        label = spec.choice_label(value, self.lang) if spec is not None else value
        if label == value:
            return ""
        text = label.removeprefix(value).strip().removeprefix("类").strip()
        if text[:1] in "(（" and text[-1:] in ")）":
            text = text[1:-1].strip()
        return text if text else label


def _chosen(kind: FieldType, value: Any) -> set[str]:
    if value is None or value == "":
        return set()
    if kind is FieldType.BOOL:
        if isinstance(value, str):
            value = value.strip().lower() in ("1", "true", "yes", "y", "是", "有")
        return {"1" if value else "0"}
    if isinstance(value, list | tuple | set | frozenset):
        return {str(v) for v in value}
    return {str(value)}


class _CardPages:
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

            def make(chosen: list[list[str]], columns: list[_Column] = columns) -> list[Row]:
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
