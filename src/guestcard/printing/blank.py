"""The blank form, drawn like the paper originals: inline labels, solid rules at a handwriting pitch.

``客户姓名：________  性别：□男 □女  生日：____年__月__日`` — 9 pt black labels, each followed
by a 0.3 pt rule, ~8 mm apart; the fields flow along a row as long as each keeps room for the
hand, the spare width going to the rules. Long answers get more rules, tables a ruled grid. A
blank has nothing to hide, so the confidential questions are on it too.

Fitting (``fit_blank``): the fewest pages the form can take at the tightest setting the style
allows (pitch, table rows, rules per long answer), then the roomiest setting that still takes no
more; what is left on the last page goes back to the long answers and the tables, row by row, so
the last page is never left half empty when there is anything to give it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from guestcard.forms import FieldSpec, FieldType
from guestcard.printing.contacts_table import FIELD_KEY, contacts_block
from guestcard.printing.filled import short_label
from guestcard.printing.grid import K_CHOICE, K_TEXT, K_WRITE, Block, Cell
from guestcard.printing.ops import Op
from guestcard.printing.strings import ui

if TYPE_CHECKING:
    from guestcard.printing.layout import CardLayout

MM = 72.0 / 25.4
RULE_WIDTH = 0.3
RULE_GRAY = 0.15
TABLE_LIMIT = 30  # most ruled rows a table is given to fill a last page


@dataclass(frozen=True, slots=True)
class BlankStyle:
    size: float  # label size, pt
    pitch: tuple[float, float]  # writing pitch, mm: roomiest, least
    rows: tuple[int, int]  # ruled table rows: most, least
    per_row: int  # most fields side by side


STYLES = {
    "A4": BlankStyle(9.0, (8.0, 7.0), (10, 8), 4),
    "A5": BlankStyle(8.0, (7.0, 6.0), (6, 4), 3),
    "A6": BlankStyle(6.5, (5.5, 5.0), (4, 3), 3),
}
# Room left for the hand after a label, in label sizes (em), by field type.
WRITE_EM = {
    FieldType.TEXT: 8.0,
    FieldType.PHONE: 10.0,
    FieldType.EMAIL: 12.0,
    FieldType.NUMBER: 4.5,
    FieldType.MONEY: 7.0,
    FieldType.DATE: 8.5,
    FieldType.LONGTEXT: 14.0,
}
CHOICES = (FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.BOOL)


@dataclass(frozen=True, slots=True)
class Fit:
    """One setting of a blank: pitch (pt), ruled table rows, rules per long answer (``cap``: at
    most that many, except the fields in ``more``, which keep the form's own count)."""

    pitch: float
    rows: int
    cap: int | None = None
    more: frozenset[str] = field(default_factory=frozenset)

    def lines(self, spec: FieldSpec) -> int:
        count = max(1, spec.lines) if spec.type is FieldType.LONGTEXT else 1
        if self.cap is None or spec.key in self.more:
            return count
        return min(count, self.cap)


def style_of(L: CardLayout) -> BlankStyle:
    return STYLES.get(L.style, STYLES["A4"])


def ladder(style: BlankStyle) -> list[Fit]:
    """Settings to try, the roomiest first: fewer table rows, then fewer rules per long answer,
    then a tighter pitch, then one rule per long answer."""
    most_pitch, least_pitch = style.pitch
    most_rows, least_rows = style.rows
    out = [Fit(most_pitch * MM, r) for r in range(most_rows, least_rows - 1, -1)]
    out.append(Fit(most_pitch * MM, least_rows, 2))
    p = most_pitch - 0.5
    while p >= least_pitch - 1e-6:
        out.append(Fit(p * MM, least_rows, 2))
        p -= 0.5
    out.append(Fit(least_pitch * MM, least_rows, 1))
    return out


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def choice_words(L: CardLayout, spec: FieldSpec) -> list[str]:
    if spec.type is FieldType.BOOL:
        return [ui("yes", L.lang), ui("no", L.lang)]
    return [c.label.text(L.lang) for c in spec.choices]


def least_width(L: CardLayout, spec: FieldSpec, size: float, columns: int) -> tuple[float, bool]:
    """The narrowest the field may be, and whether it takes a share of a row's spare width."""
    content = L.m.content_width
    label = L.width(L.label_of(spec) + colon(L.lang), size)
    pad = 2 * size * 0.35
    if spec.type in CHOICES:
        words = choice_words(L, spec)
        boxes = sum(size * 0.9 + size * 0.3 + L.width(w, size) + size * 0.9 for w in words)
        return min(content, label + boxes + pad), False
    if spec.type is FieldType.LONGTEXT:
        # meant across the section, or a question too long for half a row (its answer starts
        # after the label and needs a few ems there): across the card
        if spec.span >= columns or label + 4 * size + pad > content * 0.5:
            return content, True
        # two half-width answers always pair up
        return min(content * 0.5, max(label + WRITE_EM[spec.type] * size, content * 0.45) + pad), True
    em = WRITE_EM.get(spec.type, 8.0)
    share = content * spec.span / max(columns, 1) * 0.5 if spec.span > 1 else 0.0
    return min(content, max(label + em * size + pad, share)), True


def flow(
    L: CardLayout, specs: list[FieldSpec], size: float, columns: int
) -> list[list[tuple[FieldSpec, float, float]]]:
    """The fields placed along rows, in their order: (spec, x, width); each row full."""
    content = L.m.content_width
    per_row = style_of(L).per_row
    rows: list[list[tuple[FieldSpec, float, bool]]] = []
    used = content + 1.0
    for spec in specs:
        w, stretch = least_width(L, spec, size, columns)
        if used + w > content + 0.01 or len(rows[-1]) >= per_row:
            rows.append([])
            used = 0.0
        rows[-1].append((spec, w, stretch))
        used += w
    out = []
    for row in rows:
        spare = content - sum(w for _, w, _ in row)
        weight = sum(w for _, w, stretch in row if stretch)
        x = L.left
        placed = []
        for i, (spec, w, stretch) in enumerate(row):
            if weight:
                w += spare * w / weight if stretch else 0.0
            elif i == len(row) - 1:
                w += spare
            placed.append((spec, x, w))
            x += w
        out.append(placed)
    return out


def blank_cell(L: CardLayout, spec: FieldSpec, x: float, w: float, size: float, fit: Fit) -> Cell:
    lang = L.lang
    pad = size * 0.35
    label = L.label_of(spec) + colon(lang)
    if spec.type in CHOICES:
        lines = flow_boxes(L, label, choice_words(L, spec), w - 2 * pad, size)
        return Cell(x, w, [], label, K_CHOICE, lines, size, fit.pitch, pad, lead_in=label, vpad=0.0)
    hint = ""
    if spec.type is FieldType.DATE:
        hint = ui("date_hint", lang)
    elif spec.type is FieldType.MONEY:
        hint = "¥" if lang == "en" else "元"
    lines: list[Any] = [None] * fit.lines(spec)
    return Cell(x, w, [], label, K_WRITE, lines, size, fit.pitch, pad, hint=hint, lead_in=label, vpad=0.0)


def flow_boxes(L: CardLayout, label: str, choices: list[str], inner: float, size: float) -> list[list[Any]]:
    """The label, then a box and its word per choice, wrapping under the first choice."""
    box = size * 0.9
    gap, spacing = size * 0.3, size * 0.9
    indent = L.width(label, size)
    one_line = indent + sum(box + gap + L.width(t, size) + spacing for t in choices) - spacing
    if indent > inner * 0.6 and one_line > inner + 0.01:  # a long label: the boxes go under it
        indent = 0.0
    rows: list[list[Any]] = [[(0.0, label, None)]]
    x = L.width(label, size)
    if indent == 0.0:
        rows.append([])
        x = 0.0
    for text in choices:
        need = box + gap + L.width(text, size)
        if x + need > inner and rows[-1] and x > indent:
            rows.append([])
            x = indent
        rows[-1].append((x, text, False))
        x += need + spacing
    return [row for row in rows if row]


def tables_of(L: CardLayout) -> tuple[str, ...]:
    """The form's ruled tables on this paper: a pocket card (A6) has room for the first alone."""
    if L.options.history_rows <= 0:
        return ()
    tables = L.form.blank_tables
    return tables[:1] if L.style == "A6" else tables


def blank_blocks(L: CardLayout, fit: Fit) -> list[Block]:
    size = style_of(L).size
    blocks = []
    for plan in L.sections:
        specs = [slot.spec for row in plan.rows for slot in row]
        contacts = [spec for spec in specs if spec.key == FIELD_KEY]
        specs = [spec for spec in specs if spec.key != FIELD_KEY]
        rows = []
        for placed in flow(L, specs, size, plan.section.columns):
            row = L.row_of([blank_cell(L, spec, x, w, size, fit) for spec, x, w in placed])
            row.plain = True
            rows.append(row)
        if rows:
            blocks.append(Block(plan.title, rows))
        for spec in contacts:  # an organisation's people: a ruled table of their own
            people = max(2 if L.style == "A6" else 3, min(5, fit.rows - 5))
            blocks.append(contacts_block(L, None, short_label(L, spec), blank_rows=people, pitch=fit.pitch))
    heads = {"date": "v_date", "party": "v_party", "room": "v_room", "occasion": "v_occasion", "spend": "v_spend"}
    heads["dishes"] = "v_dishes"
    tables = {
        "visits": (L.visit_columns, [heads[c.key] for c in L.visit_columns]),
        "contacts": (L.contact_columns, ["c_date", "c_channel", "c_points", "c_intent", "c_next"]),
    }
    for title_key in tables_of(L):
        columns, keys = tables[title_key]
        header = L.table_rows(columns, [[ui(k, L.lang) for k in keys]], header=True)[0]
        empty = [
            L.row_of([Cell(c.x, c.w, [], "", K_TEXT, [""], size, fit.pitch * 0.85, 0.0) for c in columns], keep=True)
            for _ in range(fit.rows)
        ]
        blocks.append(Block(ui(title_key, L.lang), empty, header=header))
    return blocks


def fit_blank(L: CardLayout, run: Callable[[Fit], list[list[Op]]]) -> list[list[Op]]:
    """The blank's pages; ``run(fit)`` lays it out with one setting."""
    style = style_of(L)
    steps = ladder(style)
    least = len(run(steps[-1]))
    chosen = next(f for f in steps if len(run(f)) <= least)
    pages = run(chosen)
    # Give back what the page can take: the long answers' own rules (the longest first), then
    # table rows up to the style's most, then, on a form of more than one page, more table rows.
    longs = sorted(
        (s for s in L.form.fields() if s.type is FieldType.LONGTEXT and chosen.lines(s) < max(1, s.lines)),
        key=lambda s: -s.lines,
    )
    for spec in longs:
        trial = replace(chosen, more=chosen.more | {spec.key})
        got = run(trial)
        if len(got) <= least:
            chosen, pages = trial, got
    limit = style.rows[0] if least == 1 else TABLE_LIMIT
    while chosen.rows < limit and tables_of(L):
        trial = replace(chosen, rows=chosen.rows + 1)
        got = run(trial)
        if len(got) > least:
            break
        chosen, pages = trial, got
    return pages
