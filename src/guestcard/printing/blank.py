"""The blank form, drawn like the paper originals: inline labels, solid rules at a handwriting pitch.

``客户姓名：________  性别：□男 □女`` — a 9 pt black label, then a 0.3 pt rule to the end of its
column, ~8 mm apart; long answers get more rules; tables are a ruled grid of 8 rows. A blank has
nothing to hide, so the confidential questions are on it too. When the form is too long for one
page, the pitch and the table rows shrink a little (never below 6 mm and 4 rows) until it fits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from guestcard.forms import FieldSpec, FieldType
from guestcard.printing.filled import Block, pack
from guestcard.printing.strings import ui

if TYPE_CHECKING:
    from guestcard.printing.layout import CardLayout, Cell

MM = 72.0 / 25.4
# Label size (pt), writing pitch (mm) and table rows, by card style; then the least they may shrink to.
STYLE = {"A4": (9.0, 8.0, 8), "A5": (8.0, 7.0, 6), "A6": (6.5, 5.5, 3)}
LEAST = {"A4": (6.0, 4), "A5": (5.5, 3), "A6": (4.6, 2)}
RULE_WIDTH = 0.3
RULE_GRAY = 0.15


def steps(style: str) -> list[tuple[float, int]]:
    """(pitch in points, table rows) to try, the roomiest first."""
    _, pitch, rows = STYLE.get(style, STYLE["A4"])
    least_pitch, least_rows = LEAST.get(style, LEAST["A4"])
    # The full table first while the pitch stays roomy, then fewer rows, then a tighter pitch.
    roomy = max(least_pitch, pitch - 1.0)
    out = []
    p = pitch
    while p >= roomy - 1e-6:
        out.append((p * MM, rows))
        p -= 0.5
    for r in range(rows - 1, least_rows - 1, -1):
        out.append((roomy * MM, r))
    p = roomy - 0.5
    while p >= least_pitch - 1e-6:
        out.append((p * MM, least_rows))
        p -= 0.5
    return out


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def blank_cell(L: CardLayout, spec: FieldSpec, x: float, w: float, size: float, pitch: float) -> Cell:
    from guestcard.printing.layout import K_CHOICE, K_WRITE, Cell

    lang = L.lang
    pad = size * 0.35
    label = L.label_of(spec) + colon(lang)
    if spec.type in (FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.BOOL):
        if spec.type is FieldType.BOOL:
            pairs = [ui("yes", lang), ui("no", lang)]
        else:
            pairs = [c.label.text(lang) for c in spec.choices]
        lines = flow_boxes(L, label, pairs, w - 2 * pad, size)
        return Cell(x, w, [], label, K_CHOICE, lines, size, pitch, pad, lead_in=label)
    hint = ""
    if spec.type is FieldType.DATE:
        hint = ui("date_hint", lang)
    elif spec.type is FieldType.MONEY:
        hint = "¥" if lang == "en" else "元"
    count = max(1, spec.lines) if spec.type is FieldType.LONGTEXT else 1
    return Cell(x, w, [], label, K_WRITE, [None] * count, size, pitch, pad, hint=hint, lead_in=label)


def flow_boxes(L: CardLayout, label: str, choices: list[str], inner: float, size: float) -> list[list[Any]]:
    """The label, then a box and its word per choice, wrapping under the first choice."""
    box = size * 0.9
    gap, spacing = size * 0.3, size * 0.9
    indent = L.width(label, size)
    if indent > inner * 0.6:
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


def blank_blocks(L: CardLayout, pitch: float, table_rows: int) -> list[Block]:
    from guestcard.printing.layout import K_TEXT, Cell

    size = STYLE.get(L.style, STYLE["A4"])[0]
    blocks = []
    for plan in L.sections:
        specs = [slot.spec for row in plan.rows for slot in row]
        contacts = [spec for spec in specs if spec.key == "contact_persons"]
        specs = [spec for spec in specs if spec.key != "contact_persons"]
        rows = []

        def need(spec: FieldSpec) -> float:
            if spec.type not in (FieldType.CHOICE, FieldType.MULTICHOICE):
                return 0.0
            words = [c.label.text(L.lang) for c in spec.choices]
            return L.width(L.label_of(spec) + colon(L.lang) + "".join(words), size) + len(words) * size * 2.2

        for packed in pack(L, plan.section, specs, need):
            row = L.row_of([blank_cell(L, spec, x, w, size, pitch) for spec, x, w in packed])
            row.plain = True
            rows.append(row)
        if rows:
            blocks.append(Block(plan.title, rows))
        for spec in contacts:  # an organisation's people: a ruled table of their own
            from guestcard.printing.contacts_table import contacts_block
            from guestcard.printing.filled import short_label

            blocks.append(contacts_block(L, None, short_label(L, spec), blank_rows=5, pitch=pitch))
    if L.options.history_rows <= 0:
        return blocks
    heads = {"date": "v_date", "party": "v_party", "room": "v_room", "occasion": "v_occasion", "spend": "v_spend"}
    heads["dishes"] = "v_dishes"
    tables = (
        ("visits", L.visit_columns, [heads[c.key] for c in L.visit_columns]),
        ("contacts", L.contact_columns, ["c_date", "c_channel", "c_points", "c_intent", "c_next"]),
    )
    for title_key, columns, keys in tables:
        header = L.table_rows(columns, [[ui(k, L.lang) for k in keys]], header=True)[0]
        empty = [
            L.row_of([Cell(c.x, c.w, [], "", K_TEXT, [""], size, pitch * 0.85, 0.0) for c in columns], keep=True)
            for _ in range(table_rows)
        ]
        blocks.append(Block(ui(title_key, L.lang), empty, header=header))
    return blocks
