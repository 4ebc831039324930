"""Render cards to PDF and read them back: values, confidentiality, pages, sizes, fonts, outline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from print_helpers import (
    assert_printed,
    flowing_text,
    needs_poppler,
    outline,
    page_sizes,
    pdf_text,
    pdffonts,
    squeeze,
)
from print_samples import (
    chinese_customer,
    contacts,
    english_customer,
    filled_for_form,
    photo_bytes,
    visits,
)
from pypdf import PdfReader

from guestcard.domain import Customer
from guestcard.forms import FieldType, FormLibrary
from guestcard.printing import CardData, PrintError, PrintOptions, render_cards
from guestcard.printing.layout import CORPORATE_LABELS

MM = 72 / 25.4
A4 = (round(210 * MM, 1), round(297 * MM, 1))
A5 = (round(148 * MM, 1), round(210 * MM, 1))
A6 = (round(105 * MM, 1), round(148 * MM, 1))

FORMS = ("guest_history", "customer_data", "prospect", "corporate", "deep_profile", "print_all_types")


def _form_ids(library: FormLibrary) -> list[str]:
    return sorted(library.forms)


def norm(text: str) -> str:
    return squeeze(text).replace("·", "")


def render(tmp_path: Path, library: FormLibrary, cards: list[CardData], name: str = "out.pdf", **opts) -> Path:
    out = tmp_path / name
    pages = render_cards(out, cards, library, PrintOptions(**opts))
    assert pages == len(PdfReader(out).pages)
    return out


# --- every value printed; confidential values only in the full copy -------------------------------


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_id", FORMS)
def test_every_value_printed_and_confidential_left_out(tmp_path, print_library, form_id, lang):
    if form_id not in print_library.forms:
        pytest.skip(f"form {form_id} is not in this checkout")
    form = print_library.form(form_id)
    customer, expected = filled_for_form(form, lang)
    card = CardData(customer)
    opts = {"form_id": form_id, "lang": lang, "size": "A5", "whole_file": True, "show_spend": True}
    staff = render(tmp_path, print_library, [card], "staff.pdf", **opts)
    full = render(tmp_path, print_library, [card], "full.pdf", **opts, full=True)
    staff_text = flowing_text(staff, form, lang, (customer.name,))
    full_text = flowing_text(full, form, lang, (customer.name,))
    staff_pages, full_pages = len(PdfReader(staff).pages), len(PdfReader(full).pages)
    assert full_pages >= staff_pages
    confidential = {f.key for f in form.fields() if f.confidential}
    for spec in form.fields():
        if spec.key == "contact_persons":  # printed as a table of people (test_print_one_page)
            continue
        for shown in expected[spec.key]:
            if spec.key == "class":  # the header's badge: the letter, then what it means
                shown = re.sub(r"\s*类?\s*[（(](.*)[)）]", r"\1", shown)
            if spec.key in confidential:
                assert_printed(norm(shown), full_text, full_pages, f"{spec.key} (full copy)")
                if spec.type not in (FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.BOOL):
                    # Sample values start with a unique token ("长文054：", "Text012x", "¥10,274.50").
                    token = norm(shown)[:10]
                    assert token not in staff_text, f"{spec.key}: {shown!r} leaked into the staff copy"
            else:
                assert_printed(norm(shown), staff_text, staff_pages, f"{spec.key} (staff copy)")
                assert_printed(norm(shown), full_text, full_pages, f"{spec.key} (full copy)")
    # A confidential field is left out entirely: not even its label is printed.
    for spec in form.fields():
        if spec.confidential:
            label = norm(spec.label.text(lang))
            assert label in squeeze(pdf_text(full))
            if label not in norm(" ".join(f.label.text(lang) for f in form.fields() if not f.confidential)):
                assert label not in squeeze(pdf_text(staff)), f"label of {spec.key} in the staff copy"


@needs_poppler
def test_confidential_text_absent_from_the_file_bytes(tmp_path, print_library):
    """Not hidden, absent: no page content, no glyph subset carries the confidential values."""
    customer = chinese_customer(long=0)
    staff = render(tmp_path, print_library, [CardData(customer)], "s.pdf", form_id="print_all_types")
    full = render(tmp_path, print_library, [CardData(customer)], "f.pdf", form_id="print_all_types", full=True)
    staff_text, full_text = squeeze(pdf_text(staff)), squeeze(pdf_text(full))
    for secret in ("310101196803020011", "¥50,000", "消费能力强但结账慢", "身份证号", "挂账额度", "内部评价"):
        assert secret in full_text
        assert secret not in staff_text
    # "慢" appears only in the confidential note: its glyph must not even be embedded.
    assert "慢" not in "".join(str(v) for k, v in customer.fields.items() if k != "pt_secret_note")
    assert "慢" not in (customer.notes or "") + (customer.allergies or "")
    assert "慢" not in pdf_text(staff)


@needs_poppler
@pytest.mark.parametrize("lang,make", [("zh", chinese_customer), ("en", english_customer)])
def test_hand_built_customers_print_formatted_values(tmp_path, print_library, lang, make):
    customer = make(long=1)
    card = CardData(customer, visits(customer.id), contacts(customer.id), photo_bytes())
    out = render(
        tmp_path,
        print_library,
        [card],
        form_id="guest_history",
        lang=lang,
        restaurant="海悦大酒店",
        whole_file=True,
        show_spend=True,
    )
    form = print_library.form("guest_history")
    text = flowing_text(out, form, lang, (customer.name,))
    if lang == "zh":
        wanted = [
            "王建国",
            "王总",
            "138 1234 5678",
            "021 6888 1234",
            "1968年3月2日",
            "10月1日",
            "¥128,000",
            "海悦科技有限公司",
            "牡丹厅靠窗主位",
            "贵宾",
            "2099年6月18日",
            "海悦大酒店",
            "2024年7月16日",
            "¥9,666",
            "#VIP",
            customer.notes,
        ]
    else:
        wanted = [
            "John Smith",
            "Mr Smith",
            "+447911123456",
            "010 1234 5678",
            "23 Nov 1975",
            "14 Jun",
            "¥56,800.50",
            "Smith & Partners Ltd",
            "Peony Room, window seat",
            "corporate, regular",
            "18 Jun 2099",
            "16 Jul 2024",
            "¥9,666",
            customer.notes,
        ]
    pages = len(PdfReader(out).pages)
    for value in wanted:
        assert_printed(norm(value), text, pages, value)
    # Visits: the last five before today, newest first; the reservation is in the header only.
    assert text.index(norm("2024年7月16日" if lang == "zh" else "16 Jul 2024")) < text.index(
        norm("2024年3月12日" if lang == "zh" else "12 Mar 2024")
    )
    assert norm("2024年2月11日" if lang == "zh" else "11 Feb 2024") not in text  # 6th most recent
    # The photo is on the page.
    assert any(page.images for page in PdfReader(out).pages)


@needs_poppler
@pytest.mark.parametrize("lang,section", [("zh", "基本信息"), ("en", "The guest")])
def test_what_the_guest_must_not_eat_heads_the_card(tmp_path, print_library, lang, section):
    """The allergies and taboos stand under the name, before any section, as the reservation does;
    a guest without any has the band too, saying so."""
    customer = chinese_customer(long=1) if lang == "zh" else english_customer(long=1)
    card = CardData(customer, visits(customer.id), (), None)
    plain = replace(customer, id=2, allergies=None)
    tag = "忌口" if lang == "zh" else "Avoid"
    first = pdf_text(render(tmp_path, print_library, [card], "with.pdf", lang=lang))
    assert squeeze(tag + customer.allergies) in squeeze(first[: first.index(section)])
    second = pdf_text(render(tmp_path, print_library, [CardData(plain, (), (), None)], "without.pdf", lang=lang))
    none = "无忌口" if lang == "zh" else "No restrictions"
    assert squeeze(tag + none) in squeeze(second[: second.index(section)])


# --- pages, sizes, continuation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "size,landscape,expected",
    [
        ("A4", False, A4),
        ("A4", True, A4[::-1]),
        ("A5", False, A5),
        ("A5", True, A5[::-1]),
        ("A6", False, A6),
        ("A6", True, A6[::-1]),
        ("A4-2up", False, A4[::-1]),
        ("A4-2up", True, A4),  # portrait A5 cards side by side; landscape stacked
        ("A4-4up", False, A4),
        ("A4-4up", True, A4[::-1]),
    ],
)
def test_page_sizes(tmp_path, print_library, size, landscape, expected):
    short = Customer(name="李四", customer_class="B", phone="13900001111")
    out = render(tmp_path, print_library, [CardData(short)], size=size, landscape=landscape)
    for width, height in page_sizes(out):
        assert abs(width - expected[0]) < 1 and abs(height - expected[1]) < 1


@pytest.mark.parametrize(
    "size,cards,sheets", [("A4", 3, 3), ("A6", 2, 2), ("A4-2up", 3, 2), ("A4-4up", 4, 1), ("A4-4up", 5, 2)]
)
def test_each_customer_starts_a_new_page_or_card(tmp_path, print_library, size, cards, sheets):
    customers = [Customer(name=f"客人{i}", id=i) for i in range(cards)]
    out = tmp_path / "x.pdf"
    # A one-box form: every card is exactly one card page.
    pages = render_cards(
        out,
        [CardData(c) for c in customers],
        print_library,
        PrintOptions(form_id="print_tiny", size=size, history_rows=0),
    )
    entries = outline(out)
    assert [title for title, _ in entries] == [f"客人{i}" for i in range(cards)]
    if size in ("A4", "A6"):
        first_pages = [page for _, page in entries]
        assert len(set(first_pages)) == cards  # nobody shares a page
    assert pages == len(PdfReader(out).pages)
    if size in ("A4-2up", "A4-4up"):
        assert pages == sheets


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_long_text_flows_to_a_continuation_page(tmp_path, print_library, lang):
    customer = chinese_customer(long=6) if lang == "zh" else english_customer(long=6)
    out = render(
        tmp_path, print_library, [CardData(customer)], form_id="guest_history", lang=lang, size="A5", whole_file=True
    )
    reader = PdfReader(out)
    total = len(reader.pages)
    assert total >= 2
    raw = pdf_text(out)
    for i in range(1, total + 1):
        marker = f"第 {i}/{total} 页" if lang == "zh" else f"Page {i} of {total}"
        assert squeeze(marker) in squeeze(raw.split("\f")[i - 1])
    text = flowing_text(out, print_library.form("guest_history"), lang, (customer.name,))
    assert_printed(norm(customer.notes or ""), text, total, "notes")  # nothing cut off, all in order
    assert squeeze("（续）" if lang == "zh" else "(cont.)") in squeeze(raw)


def test_page_x_of_y_counts_per_customer(tmp_path, print_library):
    long, short = chinese_customer(long=6), Customer(name="李四", id=7)
    out = render(tmp_path, print_library, [CardData(long), CardData(short)], size="A5", history_rows=0)
    pages = pdf_text(out).split("\f")
    last = squeeze(pages[len(PdfReader(out).pages) - 1])
    assert "第1/1页" in last  # the second customer's card has one page of its own


# --- fonts and metadata ----------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_font_embedded_as_subset(tmp_path, print_library, lang):
    customer = chinese_customer(long=2) if lang == "zh" else english_customer(long=2)
    out = render(
        tmp_path, print_library, [CardData(customer, visits(1), contacts(1))], lang=lang, form_id="print_all_types"
    )
    rows = pdffonts(out)
    assert rows, "no fonts listed"
    for row in rows:
        assert row["emb"] == "yes", row["line"]
        assert row["sub"] == "yes", row["line"]
        assert row["uni"] == "yes", row["line"]  # text can be copied and searched
        assert "STSong" not in row["name"] and "Helvetica" not in row["name"]


def test_metadata_and_outline(tmp_path, print_library):
    cards = [CardData(chinese_customer(long=0)), CardData(english_customer(long=0))]
    out = tmp_path / "meta.pdf"
    render_cards(out, cards, print_library, PrintOptions(restaurant="海悦大酒店"), title="6月18日 寿宴")
    meta = PdfReader(out).metadata
    assert meta.title == "6月18日 寿宴"
    assert meta.author == "guestcard"
    assert meta.creator == "guestcard"
    assert meta.creation_date is not None
    assert abs(meta.creation_date.replace(tzinfo=None) - dt.datetime.now()) < dt.timedelta(hours=26)
    assert [t for t, _ in outline(out)] == ["王建国（王总）", "John Smith（Mr Smith）"]
    default = tmp_path / "default.pdf"
    render_cards(default, cards, print_library, PrintOptions(restaurant="海悦大酒店"))
    assert "客史档案卡" in PdfReader(default).metadata.title and "海悦大酒店" in PdfReader(default).metadata.title


# --- blank forms -----------------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_id", FORMS)
def test_blank_form_has_labels_and_no_values(tmp_path, print_library, form_id, lang):
    if form_id not in print_library.forms:
        pytest.skip(f"form {form_id} is not in this checkout")
    form = print_library.form(form_id)
    customer, expected = filled_for_form(form, lang)
    # Cards given with blank=True are ignored: one empty form is printed.
    out = render(tmp_path, print_library, [CardData(customer)], form_id=form_id, lang=lang, blank=True, size="A5")
    text = squeeze(pdf_text(out))
    for spec in form.fields():
        # (a form of numbered questions is numbered afresh, straight through; an organisation's
        # card names its shared fields its own way; its contact people are a table)
        label = spec.label.text(lang)
        if form.kind == "corporate" and spec.key in CORPORATE_LABELS:
            label = CORPORATE_LABELS[spec.key][lang == "en"]
        label = re.sub(r"\s*[（(].*[)）]$", "", label) if spec.key == "contact_persons" else label
        label = norm(re.sub(r"^\d+\.\s*", "", label))[:12]
        assert label in text.replace("·", ""), spec.key
        if spec.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
            for choice in spec.choices:
                assert norm(choice.label.text(lang)) in text.replace("·", "")
        elif spec.type is not FieldType.BOOL:
            for shown in expected[spec.key]:
                assert norm(shown) not in text, f"{spec.key} value {shown!r} on a blank form"
    assert len(outline(out)) == 1


def test_blank_form_needs_no_cards_and_fills_a_pocket_sheet(tmp_path, print_library):
    out = tmp_path / "blank.pdf"
    pages = render_cards(
        out, [], print_library, PrintOptions(form_id="print_tiny", blank=True, size="A4-4up", history_rows=0)
    )
    assert pages == 1
    assert page_sizes(out) == [A4]
    assert pdf_text(out).count("简卡") == 4  # the sheet holds four blank cards to cut


def test_a_blank_has_nothing_to_hide_every_question_is_on_it(tmp_path, print_library):
    staff = render(tmp_path, print_library, [], "s.pdf", form_id="print_all_types", blank=True)
    assert "身份证号" in squeeze(pdf_text(staff))


@needs_poppler
def test_the_61_questions_are_numbered_straight_through_on_a_blank(tmp_path, print_library):
    out = render(tmp_path, print_library, [], "q.pdf", form_id="deep_profile", blank=True, size="A4")
    text = squeeze(pdf_text(out))
    numbers = [int(n) for n in re.findall(r"(?<![\d/])(\d{1,2})\.(?=\D)", text)]
    assert [n for n in numbers if 1 <= n <= 61][:61] == list(range(1, 62))


# --- failures: clear messages, no broken files -------------------------------------------------------


def test_failed_print_leaves_no_file_and_keeps_the_old_one(tmp_path, print_library, monkeypatch):
    from guestcard.printing import layout

    out = tmp_path / "cards.pdf"
    out.write_bytes(b"%PDF-1.4 the previous print")
    calls = {"n": 0}
    original = layout.CardLayout.layout

    def failing(self, card):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return original(self, card)

    monkeypatch.setattr(layout.CardLayout, "layout", failing)
    cards = [CardData(Customer(name=f"客人{i}", id=i)) for i in range(5)]
    with pytest.raises(PrintError) as info:
        render_cards(out, cards, print_library, PrintOptions())
    assert "客人2" in str(info.value) and "disk on fire" in str(info.value)
    assert "\n" not in str(info.value)
    assert out.read_bytes() == b"%PDF-1.4 the previous print"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf"]  # no temporary file left


def test_interrupted_print_leaves_no_file(tmp_path, print_library):
    out = tmp_path / "cards.pdf"

    def cards():
        yield CardData(Customer(name="甲"))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_cards(out, cards(), print_library, PrintOptions())
    assert list(tmp_path.iterdir()) == []


def test_cards_go_through_the_one_safe_pdf_write_with_binary_streams(tmp_path, print_library, monkeypatch):
    from reportlab import rl_config

    from guestcard.printing import output, render

    used = []
    original = output.pdf_file

    def spy(out):
        used.append(out)
        return original(out)

    monkeypatch.setattr(render, "pdf_file", spy)
    before = rl_config.useA85
    out = tmp_path / "cards.pdf"
    render_cards(out, [CardData(Customer(name="甲"))], print_library, PrintOptions())
    assert used == [out]
    data = out.read_bytes()
    assert b"/ASCII85Decode" not in data and b"/FlateDecode" in data  # compressed, without the ASCII85 layer
    assert rl_config.useA85 == before  # the setting is given back
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf"]


def test_success_replaces_the_old_file(tmp_path, print_library):
    out = tmp_path / "cards.pdf"
    out.write_bytes(b"old")
    render_cards(out, [CardData(Customer(name="甲"))], print_library, PrintOptions())
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf"]


@pytest.mark.parametrize(
    "options,message",
    [
        (PrintOptions(form_id="nope"), "no form 'nope'"),
        (PrintOptions(size="Letter"), "unknown paper size"),
        (PrintOptions(lang="fr"), "unknown language"),
        (PrintOptions(history_rows=-1), "history rows"),
    ],
)
def test_bad_options_give_one_clear_line(tmp_path, print_library, options, message):
    with pytest.raises(PrintError, match=message) as info:
        render_cards(tmp_path / "x.pdf", [CardData(Customer(name="甲"))], print_library, options)
    assert "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_nothing_to_print_and_missing_folder(tmp_path, print_library):
    with pytest.raises(PrintError, match="nothing to print"):
        render_cards(tmp_path / "x.pdf", [], print_library, PrintOptions())
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(PrintError, match="does not exist"):
        render_cards(tmp_path / "no" / "x.pdf", [CardData(Customer(name="甲"))], print_library, PrintOptions())


def test_progress_reports_cards_done(tmp_path, print_library):
    seen: list[int] = []
    cards = [CardData(Customer(name=f"客人{i}")) for i in range(4)]
    render_cards(tmp_path / "x.pdf", cards, print_library, PrintOptions(), progress=seen.append)
    assert seen == [1, 2, 3, 4]


def test_odd_stored_values_still_print(tmp_path, print_library):
    """A value that no longer parses (hand-edited JSON, a removed choice) prints as it is."""
    customer = Customer(
        name="怪值",
        fields={
            "pt_first_visit": "sometime in 2015",
            "pt_deposit": "n/a",
            "pt_cuisines": ["yue", "molecular"],
            "pt_party_size": 2.0,
        },
        raw={"email": "wang at example dot com", "class": "金卡会员"},
    )
    out = render(tmp_path, print_library, [CardData(customer, photo=b"not an image")], form_id="print_all_types")
    text = squeeze(pdf_text(out)) if out.exists() else ""
    for value in ("sometimein2015", "n/a", "molecular", "wangatexampledotcom", "金卡会员（原文）"):
        assert value in text


def test_stream_of_many_cards(tmp_path, print_library):
    """Cards may come from a generator (a database cursor): nothing is held back."""
    base = chinese_customer(long=0)

    def cards():
        for i in range(30):
            yield CardData(replace(base, id=i, name=f"王{i}号", annual_spend=Decimal(i * 1000)))

    pages = render_cards(tmp_path / "many.pdf", cards(), print_library, PrintOptions(size="A4-4up", history_rows=0))
    assert len(outline(tmp_path / "many.pdf")) == 30
    assert pages == len(PdfReader(tmp_path / "many.pdf").pages)


@needs_poppler
def test_characters_missing_from_the_font_show_as_a_box(tmp_path, print_library, font):
    from guestcard.printing.fonts import fallback_coverage

    # (emoji print when a fallback face has them, fonts-symbola on Debian: a private-use character never does)
    missing = next(c for c in "🎂\U0001f600\U000f0101" if not font.has_glyph(c) and c not in fallback_coverage())
    customer = Customer(name="吉祥", notes=f"生日蛋糕{missing}要无糖")
    out = render(tmp_path, print_library, [CardData(customer)])
    assert "生日蛋糕□要无糖" in squeeze(pdf_text(out))


def test_photo_from_a_file_and_a_broken_photo(tmp_path, print_library):
    picture = tmp_path / "guest.png"
    picture.write_bytes(photo_bytes((60, 80)))
    good = render(tmp_path, print_library, [CardData(chinese_customer(long=0), photo=picture)], "a.pdf")
    assert len(PdfReader(good).pages[0].images) == 1
    broken = render(tmp_path, print_library, [CardData(chinese_customer(long=0), photo=b"\x89PNG broken")], "b.pdf")
    assert all(not page.images for page in PdfReader(broken).pages)  # the card prints, the frame stays empty
