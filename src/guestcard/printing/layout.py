"""Lay one customer's card out as pages of drawing operations; reportlab is not needed here.

A card page is a list of small tuples (``ops``: ``TEXT`` … ``IMAGE``) in PDF points, origin at the
card's lower-left corner; ``render`` draws them, placing card pages on sheets (n-up). This module
is the plan (``CardLayout``): the sizes come from ``metrics``, the cells and rows are ``grid``'s,
and ``card_pages`` fills the pages from it.

The grid of every section (which field sits where, wrapped labels, checkbox positions) depends
only on the form, the paper and the language, so it is planned once per print; per customer only
the values are wrapped and the pages filled.

Vertical flow (``card_pages``): header, then one titled box per section, then the visits and
contacts tables. A grid row that does not fit on the page is split here line by line (long text,
writing lines, checkbox rows) and continues on the next page under the section title marked
"(cont.)"; table headers repeat. Fields marked confidential are not in the plan at all unless a
full copy is asked for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from guestcard.domain import Contact, Customer, Visit
from guestcard.forms import FieldSpec, FieldType, FormLibrary, FormSpec, SectionSpec
from guestcard.printing.blank import Fit, fit_blank
from guestcard.printing.card_pages import CardPages
from guestcard.printing.fonts import Font, title_font
from guestcard.printing.grid import K_CHOICE, K_TEXT, K_WRITE, Cell, Column, Item, Row, SectionPlan, Slot
from guestcard.printing.metrics import Metrics
from guestcard.printing.ops import INK, MUTED, Op
from guestcard.printing.options import CardData, PrintOptions
from guestcard.printing.shorten import sentence_split
from guestcard.printing.strings import fmt_date, fmt_datetime, fmt_money, fmt_value, ui
from guestcard.printing.text import wrap

# An organisation's card names the shared fields for what they are there.
CORPORATE_LABELS = {
    "name": ("单位名称", "Organisation"),
    "phone": ("总机", "Switchboard"),
    "address": ("单位地址", "Address"),
}
_NUMBERED = re.compile(r"^\s*\d+\s*[.、．]\s*")  # "7. 籍贯": a form of numbered questions
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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

    def _plan_section(self, section: SectionSpec) -> SectionPlan:
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
        planned: list[list[Slot]] = []
        for row in rows:
            # The last field of a short row takes the rest of the row: no empty holes in the grid.
            spec, col, span = row[-1]
            row[-1] = (spec, col, cols - col)
            planned.append([self._plan_slot(spec, self.left + col * col_w, span * col_w) for spec, col, span in row])
        return SectionPlan(section, section.title.text(self.lang), planned)

    def _plan_slot(self, spec: FieldSpec, x: float, w: float) -> Slot:
        m = self.m
        inner = w - 2 * m.pad
        label = self.wrap(spec.label.text(self.lang), inner, m.label) or [""]
        options: list[list[Item]] = []
        if spec.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
            pairs = [(c.value, c.label.text(self.lang)) for c in spec.choices]
            options = self._plan_options(pairs, inner)
        elif spec.type is FieldType.BOOL:
            options = self._plan_options([("1", ui("yes", self.lang)), ("0", ui("no", self.lang))], inner)
        return Slot(spec, x, w, label, options)

    def _plan_options(self, pairs: Sequence[tuple[str, str]], inner: float) -> list[list[Item]]:
        """Checkbox items flowed left to right, wrapping; an item too wide wraps its own text."""
        m = self.m
        box_gap = m.value * 0.3
        spacing = m.value * 0.9
        rows: list[list[Item]] = [[]]
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

    def _plan_visit_columns(self) -> list[Column]:
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

    def _plan_contact_columns(self) -> list[Column]:
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

    def _columns(self, spec: Sequence[tuple[str, float, str]]) -> list[Column]:
        x = self.left
        out = []
        for key, w, align in spec:
            out.append(Column(key, x, w, align))
            x += w
        return out

    # -- per customer ----------------------------------------------------------------------

    def layout(self, card: CardData | None) -> list[list[Op]]:
        """The card pages of one customer (``None``: the blank form)."""
        if card is not None:
            return CardPages(self, card).run()
        # A blank: the roomiest setting that keeps it on as few pages as it needs (blank.fit_blank).
        tried: dict[Fit, list[list[Op]]] = {}

        def run(fit: Fit) -> list[list[Op]]:
            if fit not in tried:
                tried[fit] = CardPages(self, None, blank=fit).run()
            return tried[fit]

        return fit_blank(self, run)

    def field_cell(self, slot: Slot, customer: Customer | None) -> Cell:
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
        self, columns: Sequence[Column], records: Sequence[Sequence[str]], *, header: bool = False, blank: bool = False
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
