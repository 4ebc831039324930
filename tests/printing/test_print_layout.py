"""The layout's drawing operations: ticks, grid, page bounds; and the Chinese line breaking."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from print_samples import LONG_EN, LONG_ZH, chinese_customer, contacts, english_customer, visits

from guestcard.domain import Customer
from guestcard.printing import CardData, PrintOptions
from guestcard.printing.card_pages import add_footers
from guestcard.printing.layout import CardLayout
from guestcard.printing.metrics import metrics_for
from guestcard.printing.ops import CHECK, LINE, RECT, TEXT
from guestcard.printing.text import NO_END, NO_START, ellipsize, wrap


def make_layout(library, font, **opts) -> CardLayout:
    options = PrintOptions(**opts)
    paper = {"A4-2up": "A5", "A4-4up": "A6"}.get(options.size, options.size)
    return CardLayout(
        library.form(options.form_id),
        library,
        options,
        font,
        metrics_for(paper, options.landscape),
        now=dt.datetime(2025, 1, 1),
    )


def ticks(pages) -> dict[str, bool]:
    """Checkbox label -> ticked, from the operations (the label is the text right after a box)."""
    found: dict[str, bool] = {}
    for ops in pages:
        for op, nxt in itertools.pairwise(ops):
            if op[0] == CHECK and nxt[0] == TEXT:
                found[nxt[3]] = op[4]
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chosen_options_print_as_their_values(print_library, font, lang):
    """A filled card says what was chosen ("性别：男"), not a row of boxes with one ticked."""
    layout = make_layout(print_library, font, form_id="print_all_types", lang=lang, full=True)
    customer = chinese_customer(long=0)  # male, class A, cuisines yue + huaiyang, smoker False, drives True
    pages = layout.layout(CardData(customer))
    ops = [op for ops in pages for op in ops]
    assert not [op for op in ops if op[0] == CHECK]
    text = "".join(op[3] for op in ops if op[0] == TEXT)
    zh = lang == "zh"
    assert ("性别：男" if zh else "Gender: Male") in text and ("Female" not in text)
    assert ("粤菜、淮扬菜" if zh else "Cantonese, Huaiyang") in text
    assert ("川菜" if zh else "Sichuan") not in text
    assert ("贵宾" if zh else "VIP") in text  # the class badge's meaning
    yes, no = ("是", "否") if zh else ("Yes", "No")
    assert yes in text and no in text


def test_blank_form_boxes_all_empty(print_library, font):
    layout = make_layout(print_library, font, form_id="print_all_types", blank=True)
    boxes = ticks(layout.layout(None))
    assert boxes and not any(boxes.values())


@pytest.mark.parametrize("size", ["A4", "A5", "A6", "A4-4up"])
@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize("form_id", ["guest_history", "print_all_types", "deep_profile"])
def test_everything_inside_the_printable_area(print_library, font, size, landscape, form_id):
    if form_id not in print_library.forms:
        pytest.skip(f"form {form_id} is not in this checkout")
    for lang, customer in (("zh", chinese_customer(long=4)), ("en", english_customer(long=4))):
        layout = make_layout(print_library, font, form_id=form_id, size=size, landscape=landscape, lang=lang, full=True)
        m = layout.m
        pages = layout.layout(CardData(customer, visits(1), contacts(1)))
        add_footers(layout, pages, dt.date(2025, 1, 1), False)
        for ops in pages:
            for op in ops:
                if op[0] == TEXT:
                    _, x, y, text, size_pt, *_ = op
                    width = layout.width(text, size_pt)
                    assert x >= m.margin - 0.01 and x + width <= m.width - m.margin + 0.5, (text, x, width)
                    assert m.margin * 0.5 <= y <= m.height - m.margin, (text, y)
                elif op[0] in (LINE, RECT):
                    xs = (op[1], op[3]) if op[0] == LINE else (op[1], op[1] + op[3])
                    assert min(xs) >= m.margin - 0.6 and max(xs) <= m.width - m.margin + 0.6


def test_text_never_overlaps_the_footer(print_library, font):
    layout = make_layout(print_library, font, size="A6")
    pages = layout.layout(CardData(chinese_customer(long=5), visits(1), contacts(1)))
    footer_top = layout.m.margin + layout.m.footer
    for ops in pages:
        for op in ops:
            if op[0] == TEXT:
                assert op[2] - op[4] * 0.25 > footer_top, op[3]


def test_columns_and_spans_steer_the_grid(print_library, font):
    layout = make_layout(print_library, font, size="A4")
    identity = layout.sections[0]
    assert [len(row) for row in identity.rows][:2] == [4, 4]  # guest_history's identity has 4 columns
    widths = {slot.spec.key: slot.w for row in identity.rows for slot in row}
    assert widths["company"] == pytest.approx(2 * widths["phone"])  # span = 2
    narrow = make_layout(print_library, font, size="A6")
    assert max(len(row) for row in narrow.sections[0].rows) < 4  # A6 has no room for four columns


def test_empty_customer_still_gets_a_card(print_library, font):
    layout = make_layout(print_library, font)
    pages = layout.layout(CardData(Customer(name="甲")))
    assert len(pages) == 1
    texts = [op[3] for op in pages[0] if op[0] == TEXT]
    assert "甲" in texts


# --- line breaking ---------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [40, 55, 73, 100, 141, 200, 333])
@pytest.mark.parametrize("text", [LONG_ZH, LONG_EN, LONG_ZH + LONG_EN, "（注）“引号”开头，结尾！？" * 7])
def test_wrap_respects_width_and_kinsoku(font, text, limit):
    size = 9.0
    lines = wrap(text, limit, font.widths, font.default_width, size)
    assert lines
    for i, line in enumerate(lines):
        assert font.width(line, size) <= limit + 0.01 or len(line) == 1, line
        if i:
            assert line[0] not in NO_START, (lines[i - 1], line)
        if i < len(lines) - 1:
            assert line[-1] not in NO_END, line
    # Nothing lost: only spaces at the breaks go.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_keeps_latin_words_whole_and_newlines(font):
    text = "Chateau Margaux 2005 and Longjing tea"
    lines = wrap(text, 60, font.widths, font.default_width, 9)
    words = set(text.split())
    for line in lines:
        for word in line.split():
            assert word in words
    assert wrap("第一行\n\n第三行", 500, font.widths, font.default_width, 9) == ["第一行", "", "第三行"]
    long_word = "x" * 80
    assert "".join(wrap(long_word, 50, font.widths, font.default_width, 9)) == long_word


def test_ellipsize(font):
    text = "海悦大酒店中餐厅" * 5
    cut = ellipsize(text, 60, font.widths, font.default_width, 9)
    assert cut.endswith("…") and font.width(cut, 9) <= 60
    assert ellipsize("短", 60, font.widths, font.default_width, 9) == "短"
