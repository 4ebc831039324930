"""The filled card: what a waiter holds in one hand, on one page.

The grid shows only the fields that have a value and that the header does not already show; a
chosen option prints as its value ("A 类（贵宾）"), not as a row of boxes. When the card would
run over its page, the tables lose their oldest rows and the longest notes are cut after a
sentence with "…（全文见电脑）", until it fits (``PrintOptions.whole_file`` keeps every word and
lets the card run over more pages, breaking only between sentences).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from guestcard.domain import Customer
from guestcard.forms import FieldSpec, FieldType, SectionSpec
from guestcard.printing.contacts_table import contacts_block, grouped
from guestcard.printing.grid import K_TEXT, Block, Cell, Row
from guestcard.printing.ops import INK, MUTED
from guestcard.printing.shorten import shorten
from guestcard.printing.strings import fmt_value, ui
from guestcard.printing.text import ellipsize

if TYPE_CHECKING:
    from guestcard.printing.layout import CardLayout

# What the header shows, so the grid does not repeat it.
HEADER_KEYS = frozenset({"name", "honorific", "class", "company", "position", "allergies"})
# Most rows a table keeps on the one-page card, by card style.
TABLE_ROWS = {"A4": 5, "A5": 4, "A6": 3}
TABLE_CELL_LINES = 2  # lines of one table cell (dishes, key points) on the one-page card


def is_spend(spec: FieldSpec) -> bool:
    """A spend amount (the staff copy shows them only when the settings say so)."""
    return spec.type is FieldType.MONEY and (spec.key == "spend" or spec.key.endswith("_spend"))


def choice_text(spec: FieldSpec, value: Any, lang: str) -> str:
    """A chosen option (or options, or yes/no) as words."""
    if spec.type is FieldType.BOOL:
        if isinstance(value, str):
            value = value.strip().lower() in ("1", "true", "yes", "y", "是", "有")
        return ui("yes" if value else "no", lang)
    values = value if isinstance(value, list | tuple | set | frozenset) else [value]
    words = [spec.choice_label(str(v), lang) for v in values if str(v)]
    return ("、" if lang == "zh" else ", ").join(words)


def value_text(L: CardLayout, spec: FieldSpec, customer: Customer) -> tuple[str, bool]:
    """The field's value as printed and whether it is the imported text as written."""
    value = customer.get(spec.key)
    if spec.type in (FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.BOOL):
        text = choice_text(spec, value, L.lang) if value not in (None, "", [], ()) else ""
    elif spec.type is FieldType.PHONE and isinstance(value, str) and value.startswith("+"):
        text = grouped(value)
    else:
        text = fmt_value(spec, value, L.lang) if value is not None else ""
    if not text and customer.raw.get(spec.key):
        return customer.raw[spec.key] + ui("as_written", L.lang), True
    return text, False


def section_blocks(L: CardLayout, customer: Customer, shown: frozenset[str]) -> list[Block]:
    """The sections of a filled card, only with the fields that have something to say."""
    m, blocks = L.m, []
    for plan in L.sections:
        specs = [slot.spec for row in plan.rows for slot in row]
        filled = []
        for spec in specs:
            if spec.key in shown or (is_spend(spec) and not L.show_spend):
                continue
            text, as_written = value_text(L, spec, customer)
            if text:
                filled.append((spec, text, as_written))
        contacts = [item for item in filled if item[0].key == "contact_persons"]
        filled = [item for item in filled if item[0].key != "contact_persons"]
        if not filled and not contacts:
            continue
        rows, cells = [], []
        for r, packed in enumerate(pack(L, plan.section, [spec for spec, _, _ in filled])):
            row_cells = []
            for c, (spec, x, w) in enumerate(packed):
                _, text, as_written = next(item for item in filled if item[0] is spec)
                lead_in = L.label_of(spec) + ("：" if L.lang == "zh" else ": ")
                lines = L.wrap(lead_in + text, w - 2 * m.pad, m.value) or [""]
                gray = MUTED if as_written else INK
                cell = Cell(x, w, [], L.label_of(spec), K_TEXT, lines, m.value, m.lead, m.pad, gray=gray)
                cell.source, cell.lead_in = lead_in + text, lead_in
                row_cells.append(cell)
                if spec.type in (FieldType.TEXT, FieldType.LONGTEXT):
                    cells.append((r, c))
            rows.append(L.row_of(row_cells))
        if rows:
            blocks.append(Block(plan.title, rows, cells=cells))
        for spec, text, _ in contacts:  # an organisation's people: a table of their own
            blocks.append(contacts_block(L, str(customer.get(spec.key) or text), short_label(L, spec)))
    return blocks


def short_label(L: CardLayout, spec: FieldSpec) -> str:
    """ "联系人（姓名、职务、电话）" -> "联系人": the table's columns say the rest."""
    return re.sub(r"\s*[（(].*[)）]\s*$", "", L.label_of(spec))


def pack(
    L: CardLayout, section: SectionSpec, specs: list[FieldSpec], need: Callable[[FieldSpec], float] | None = None
) -> list[list[tuple[FieldSpec, float, float]]]:
    """The fields placed in the section's grid: (spec, x, width) per row, each row full.
    ``need``: the width a field would like (its columns grow to it)."""
    m = L.m
    cols = max(1, min(section.columns, int(m.content_width // m.min_col)))
    col_w = m.content_width / cols
    rows: list[list[tuple[FieldSpec, int, int]]] = []
    current: list[tuple[FieldSpec, int, int]] = []
    used = 0
    for spec in specs:
        span = spec.span
        if cols < section.columns:
            span = max(1, min(cols, round(span * cols / section.columns)))
        # Long text reads better across the card than in a narrow column.
        if spec.type is FieldType.LONGTEXT and cols > 2:
            span = max(span, cols // 2)
        if need is not None:  # a row of checkboxes: as many columns as its words need
            span = max(span, min(cols, int(need(spec) // col_w) + 1))
        span = min(span, cols)
        if used + span > cols:
            rows.append(current)
            current, used = [], 0
        current.append((spec, used, span))
        used += span
    if current:
        rows.append(current)
    out = []
    for row in rows:
        # Spread the row's spare columns over its fields: no empty holes in the grid.
        spare = cols - sum(span for _, _, span in row)
        widened, col = [], 0
        for i, (spec, _, span) in enumerate(row):
            span += spare // len(row) + (1 if i < spare % len(row) else 0)
            widened.append((spec, L.left + col * col_w, span * col_w))
            col += span
        out.append(widened)
    return out


def table_block(
    L: CardLayout, title: str, header: Row, records: list[list[str]], make: Callable[[list[list[str]]], list[Row]]
) -> Block:
    lang = L.lang

    def note(n: int) -> str:
        text = ui("last_n", lang, n=n)
        return text.strip() if lang == "zh" else text

    def rows(n: int) -> list[Row]:
        return make(records[:n])

    shown = len(records) if L.options.whole_file else min(len(records), TABLE_ROWS.get(L.style, 5))
    return Block(title, rows(shown), header=header, note=note, make_rows=rows, records=len(records), shown=shown)


def cap_table_cells(L: CardLayout, rows: list[Row], max_lines: int) -> list[Row]:
    """Table cells of at most ``max_lines`` lines, the last one ending in "…" when cut."""
    out = []
    for row in rows:
        changed = False
        for cell in row.cells:
            if len(cell.lines) > max_lines:
                tail = " ".join(cell.lines[max_lines - 1 :])
                last = ellipsize(tail, cell.w - 2 * cell.pad - 0.5, L._widths, L._dw, cell.size)
                if last == tail:
                    last = ellipsize(tail + "……", cell.w - 2 * cell.pad - 0.5, L._widths, L._dw, cell.size)
                cell.lines = [*cell.lines[: max_lines - 1], last]
                changed = True
        out.append(L.row_of(row.cells, keep=True) if changed else row)
    return out


def block_height(L: CardLayout, block: Block) -> float:
    m = L.m
    return m.band + (block.header.height if block.header else 0) + sum(r.height for r in block.rows) + m.value * 0.75


def fit(L: CardLayout, blocks: list[Block], room: float) -> None:
    """Shorten the blocks until they fill at most ``room`` points: the one-page card.

    Notes lose lines (longest first) and tables their oldest rows, in turns, down to one line and
    one row; then the contact log goes, then the visits. Whatever was cut more than needed is
    given back line by line at the end.
    """
    suffix = ui("full_text_elsewhere", L.lang)
    full_lines = {id(b.rows[r].cells[c]): len(b.rows[r].cells[c].lines) for b in blocks for r, c in b.cells}

    def total() -> float:
        return sum(block_height(L, b) for b in blocks) - L.m.value * 0.75

    def set_lines(block: Block, r: int, c: int, n: int) -> None:
        row = block.rows[r]
        cell = row.cells[c]
        width = cell.w - 2 * cell.pad
        source = cell.source
        if n >= full_lines[id(cell)]:
            cell.lines = L.wrap(source, width, cell.size)
        else:
            cell.lines = shorten(source, n, lambda t: L.wrap(t, width, cell.size), suffix, keep=len(cell.lead_in))
        block.rows[r] = L.row_of(row.cells)

    def shrink_text(floor: int) -> bool:
        """Cut one line off the longest note that makes its row tall; False when none is left."""
        best: tuple[int, Block, int, int] | None = None
        for block in blocks:
            for r, c in block.cells:
                row = block.rows[r]
                cell = row.cells[c]
                n = len(cell.lines)
                if n > floor and L.cell_height(cell) >= row.height - 0.01 and (best is None or n > best[0]):
                    best = (n, block, r, c)
        if best is None:
            return False
        n, block, r, c = best
        set_lines(block, r, c, n - 1)
        return True

    def set_shown(block: Block, n: int) -> None:
        assert block.make_rows is not None
        block.shown = n
        block.rows = block.make_rows(n)

    def shrink_table(floor: int) -> bool:
        tables = [b for b in blocks if b.make_rows is not None and b.shown > floor]
        if not tables:
            return False
        block = max(tables, key=lambda b: (b.shown, sum(r.height for r in b.rows)))
        set_shown(block, block.shown - 1)
        return True

    def give_back() -> None:
        """Return lines and rows cut more than needed, the shortest notes and tables first."""
        while True:
            options: list[tuple[int, int, Block, int, int]] = []
            for block in blocks:
                if block.make_rows is not None and block.shown < block.records:
                    options.append((block.shown, 0, block, -1, -1))
                for r, c in block.cells:
                    cell = block.rows[r].cells[c]
                    if len(cell.lines) < full_lines[id(cell)]:
                        options.append((len(cell.lines), 1, block, r, c))
            for n, _, block, r, c in sorted(options, key=lambda o: (o[0], o[1])):
                if r < 0:
                    set_shown(block, n + 1)
                    if total() <= room:
                        break
                    set_shown(block, n)
                    continue
                before = block.rows[r].cells[c].lines
                set_lines(block, r, c, n + 1)
                if total() <= room and len(block.rows[r].cells[c].lines) > n:
                    break
                block.rows[r].cells[c].lines = before
                block.rows[r] = L.row_of(block.rows[r].cells)
            else:
                return

    if total() <= room:
        return
    for floor, table_floor in ((6, 99), (3, 2), (2, 1), (1, 1)):
        while total() > room and shrink_text(floor):
            pass
        while total() > room and shrink_table(table_floor):
            pass
        if total() <= room:
            break
    # Still too tall (a guest with a long list of short fields): the contact log goes, then the
    # visits; what remains flows over a second page, broken only between rows.
    while total() > room:
        tables = [b for b in blocks if b.make_rows is not None]
        if not tables:
            return
        blocks.remove(tables[-1])
    give_back()
