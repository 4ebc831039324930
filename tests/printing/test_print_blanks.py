"""Blank forms a pen can fill: each fits the pages it needs, with no half-empty last page."""

from __future__ import annotations

import itertools

import pytest
from print_helpers import needs_poppler, pdf_text
from pypdf import PdfReader

from guestcard.forms import FieldType
from guestcard.printing import PrintOptions, render_cards
from guestcard.printing.blank import STYLES, Fit, blank_blocks, flow
from guestcard.printing.layout import CardLayout
from guestcard.printing.metrics import metrics_for
from guestcard.printing.ops import LINE, MM, TEXT
from guestcard.printing.render import LAYOUTS

# Card pages of each blank, by form and paper (A4-2up and A4-4up sheets carry A5 and A6 cards).
PAGES = {
    "guest_history": {"A4": 1, "A5": 1, "A6": 1},
    "corporate": {"A4": 1, "A5": 1, "A6": 1},
    "customer_data": {"A4": 1, "A5": 2, "A6": 2},
    "prospect": {"A4": 1, "A5": 2, "A6": 2},
    "deep_profile": {"A4": 2, "A5": 2, "A6": 3},
}
# English questions are longer: where one no longer fits half a row it takes the whole row.
PAGES_EN = {("deep_profile", "A5"): 3}


def layout_of(library, font, form_id: str, size: str, lang: str) -> CardLayout:
    paper, _, size_mm = LAYOUTS[size]
    options = PrintOptions(form_id=form_id, size=size, lang=lang, blank=True)
    return CardLayout(library.form(form_id), library, options, font, metrics_for(paper, False, size_mm))


def lowest(ops: list, layout: CardLayout) -> float:
    """The lowest drawing of a card page above its footer (PDF y, points)."""
    m = layout.m
    footer_top = m.margin + m.footer
    ys = [op[2] for op in ops if op[0] == TEXT] + [min(op[2], op[4]) for op in ops if op[0] == LINE]
    return min(y for y in ys if y > footer_top)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_id", sorted(PAGES))
def test_every_blank_takes_its_pages_and_fills_the_last(print_library, font, form_id, lang):
    for size, expected in PAGES[form_id].items():
        layout = layout_of(print_library, font, form_id, size, lang)
        pages = layout.layout(None)
        if lang == "en":
            expected = PAGES_EN.get((form_id, size), expected)
        assert len(pages) == expected, (form_id, size, lang)
        # never a half-empty last page: its writing reaches below the middle of the card
        assert lowest(pages[-1], layout) < layout.m.height / 2, (form_id, size, lang)


@needs_poppler
@pytest.mark.parametrize("form_id", sorted(PAGES))
def test_blank_sheets_hold_whole_copies(tmp_path, print_library, form_id):
    for size, copies_per_page in (("A4-2up", 2), ("A4-4up", 4)):
        out = tmp_path / f"{form_id}-{size}.pdf"
        render_cards(out, [], print_library, PrintOptions(form_id=form_id, size=size, lang="zh", blank=True))
        card_pages = PAGES[form_id]["A5" if size == "A4-2up" else "A6"]
        copies = max(1, copies_per_page // card_pages)
        title = print_library.form(form_id).title.text("zh")
        assert pdf_text(out).count(title) == copies * card_pages, (form_id, size)
        sheets = -(-copies * card_pages // copies_per_page)
        assert len(PdfReader(out).pages) == sheets


def test_a4_blank_keeps_the_handwriting_pitch_and_ruled_tables(print_library, font):
    layout = layout_of(print_library, font, "guest_history", "A4", "zh")
    pages = layout.layout(None)
    rules = sorted({round(op[2], 1) for op in pages[0] if op[0] == LINE and op[5] == 0.3 and op[2] == op[4]})
    gaps = [b - a for a, b in itertools.pairwise(rules) if 5 * MM < b - a < 12 * MM]
    assert gaps and min(gaps) >= 6.9 * MM and max(gaps) <= 8.1 * MM  # ~8 mm between writing rules
    labels = [op for op in pages[0] if op[0] == TEXT and op[3] == "姓名："]
    assert labels and labels[0][4] == 9.0 and labels[0][5] < 0.2  # 9 pt, black


def test_fields_flow_along_a_row_each_with_room_for_the_hand(print_library, font):
    layout = layout_of(print_library, font, "guest_history", "A6", "zh")
    section = layout.sections[0]
    specs = [slot.spec for row in section.rows for slot in row]
    rows = flow(layout, specs, STYLES["A6"].size, section.section.columns)
    assert [spec.key for row in rows for spec, _, _ in row] == [spec.key for spec in specs]  # in order
    for row in rows:
        assert sum(w for _, _, w in row) == pytest.approx(layout.m.content_width)
        assert len(row) <= STYLES["A6"].per_row
    assert len(rows) < len(specs)  # several to a row on a pocket card too


def test_the_paper_forms_tables_only(print_library, font):
    def titles(form_id: str, size: str) -> list[str]:
        layout = layout_of(print_library, font, form_id, size, "zh")
        return [block.title for block in blank_blocks(layout, Fit(8 * MM, 8))]

    assert "近期消费记录" not in titles("customer_data", "A4") and "联系记录" not in titles("customer_data", "A4")
    assert "联系记录" in titles("prospect", "A4") and "近期消费记录" not in titles("prospect", "A4")
    assert titles("guest_history", "A4")[-2:] == ["近期消费记录", "联系记录"]
    assert titles("guest_history", "A6")[-1] == "近期消费记录" and "联系记录" not in titles("guest_history", "A6")


def test_long_answers_keep_their_rules_when_the_page_has_room(print_library, font):
    fit = Fit(8 * MM, 8, cap=1, more=frozenset({"notes"}))
    spec = print_library.form("guest_history").field("notes")
    assert spec.type is FieldType.LONGTEXT and fit.lines(spec) == spec.lines > 1
    assert Fit(8 * MM, 8, cap=1).lines(spec) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_id", sorted(PAGES))
def test_no_label_runs_past_the_frame(print_library, font, form_id, lang):
    """A label too long for half a row takes the whole row (on A6 "56. 是否觉得欠你…" ran off the card)."""
    for size in PAGES[form_id]:
        layout = layout_of(print_library, font, form_id, size, lang)
        for number, ops in enumerate(layout.layout(None), 1):
            for op in ops:
                if op[0] == TEXT:
                    right = op[1] + layout.width(op[3], op[4])
                    assert right <= layout.right + 0.5, (form_id, size, lang, number, op[3])
