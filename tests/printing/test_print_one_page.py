"""One guest, one card: every filled guest history card fits its page; cuts fall between sentences."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from print_helpers import needs_poppler, pdf_text, squeeze
from print_samples import chinese_customer, contacts, english_customer, photo_bytes, visits
from pypdf import PdfReader

from guestcard.domain import Customer, Visit
from guestcard.printing import CardData, PrintOptions, render_cards
from guestcard.services import customers as customer_service
from guestcard.services import printing
from guestcard.services.demo import fill_demo
from guestcard.storage import CustomerFilter

SIZES = ("A4", "A5", "A6")
SUFFIX = {"zh": "…（全文见电脑）", "en": "…(fulltextonthecomputer)"}


def rich_cards() -> list[CardData]:
    zh, en = chinese_customer(long=3), english_customer(long=3)
    long_name = replace(en, id=3, name="Michael Christopher Anderson-Whitfield", honorific="Mr. Anderson")
    return [
        CardData(zh, visits(1), contacts(1), photo_bytes()),
        CardData(en, visits(2), contacts(2)),
        CardData(long_name, visits(3), contacts(3), photo_bytes()),
    ]


def pages_of(path) -> list[str]:
    return [squeeze(page) for page in pdf_text(path).split("\f")[: len(PdfReader(path).pages)]]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from guestcard.storage import Database

    db = Database.open(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    fill_demo(db, 200, seed=7)
    yield db
    db.close()


@needs_poppler
@pytest.mark.parametrize(("size", "lang"), [
    # Each is some hundred cards printed and read back: the smallest page in Chinese every day,
    # the others in CI (slow).
    pytest.param(size, lang, id=f"{size}-{lang}", marks=() if (size, lang) == ("A6", "zh") else pytest.mark.slow)
    for size in SIZES for lang in ("zh", "en")
])
def test_every_demo_guest_fits_one_page(tmp_path, demo_db, print_library, size, lang):
    people = [c for c in printing.choose_customers(demo_db, flt=CustomerFilter()) if c.kind == "individual"]
    assert len(people) > 100
    out = tmp_path / "demo.pdf"
    pages = printing.print_cards(demo_db, print_library, out, people, PrintOptions(size=size, lang=lang))
    assert pages == len(people)
    texts = pages_of(out)
    for person, text in zip(people, texts, strict=True):
        assert squeeze(person.name) in text  # each page is that guest's whole card
        assert ("第1/1页" if lang == "zh" else "Page1of1") in text


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_rich_guests_fit_one_page_their_notes_cut_after_a_sentence(tmp_path, print_library, size, lang):
    cards = rich_cards()
    out = tmp_path / "rich.pdf"
    assert render_cards(out, cards, print_library, PrintOptions(size=size, lang=lang)) == len(cards)
    for card, text in zip(cards, pages_of(out), strict=True):
        notes = squeeze(card.customer.notes or "")
        assert SUFFIX[lang] in text
        # What is printed of the notes is their beginning, ending after a sentence or clause.
        start = text.index(notes[:12])
        printed = text[start : text.index(SUFFIX[lang], start)]
        assert notes.startswith(printed)
        # (squeezed: an English cut after a word shows as the word's last letter)
        following = notes[len(printed) :][:1]
        latin = notes[0].isascii()
        assert following in "<。；，、.;,:" or printed[-1] in "。；，、.;,:>" or latin, printed[-20:]
        # The header: honorific and class are there however long the name is.
        assert squeeze(card.customer.honorific or "") in text
        assert squeeze(card.customer.customer_class or "") in text


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_whole_file_breaks_pages_only_between_sentences(tmp_path, print_library, size, lang):
    cards = rich_cards()[:2]
    out = tmp_path / "whole.pdf"
    total = render_cards(out, cards, print_library, PrintOptions(size=size, lang=lang, whole_file=True))
    assert total > len(cards)
    texts = pages_of(out)
    every = "".join(texts)
    for card in cards:
        notes = squeeze(card.customer.notes or "")
        sentences = [s for s in re.split(r"(?<=[。；;])|(?<=\.)(?=[A-Z<])", notes) if len(s) > 3]
        for sentence in sentences:
            # Each sentence is whole on one page: no page break falls inside it.
            assert any(sentence in page for page in texts), sentence[:30]
        assert SUFFIX[lang] not in every


def test_the_last_visits_table_is_full_beside_a_reservation(sqlite_db, print_library, tmp_path, monkeypatch):
    """Five past visits are shown even when reservations are the newest rows."""
    guest = customer_service.create_customer(sqlite_db, Customer(name="常客"))
    now = dt.datetime.now().replace(microsecond=0)
    for i in range(7):
        customer_service.add_visit(sqlite_db, Visit(guest.id, now - dt.timedelta(days=10 * (i + 1)), spend=Decimal(1)))
    for i in range(2):
        customer_service.add_visit(sqlite_db, Visit(guest.id, now + dt.timedelta(days=i + 1), occasion="寿宴"))
    seen: list[CardData] = []

    def capture(out, cards, library, options, **kw):
        seen.extend(cards)
        return 1

    monkeypatch.setattr(printing, "render_cards", capture)
    printing.print_cards(sqlite_db, print_library, tmp_path / "x.pdf", [guest], PrintOptions())
    (card,) = seen
    past = [v for v in card.visits if not v.is_reservation()]
    assert len(past) == 5
    assert len(card.visits) == 7  # and both reservations, for the header


def test_customers_of_the_wrong_kind_are_skipped_and_named_by_id(tmp_path, demo_db, print_library):
    everyone = printing.choose_customers(demo_db, flt=CustomerFilter())
    companies = [c for c in everyone if c.kind == "corporate"]
    assert companies
    skipped: list[Customer] = []
    out = tmp_path / "cards.pdf"
    pages = printing.print_cards(demo_db, print_library, out, everyone, PrintOptions(), on_skip=skipped.extend)
    assert skipped == companies
    assert pages == len(everyone) - len(companies)
    expected = re.escape(f"is not for organisations (customer {companies[0].id})")
    with pytest.raises(printing.FormNotForKind, match=expected) as caught:
        printing.print_cards(demo_db, print_library, out, companies[:1], PrintOptions())
    assert companies[0].name not in str(caught.value)  # an error line names no guest


@needs_poppler
def test_the_corporate_card_has_its_own_labels_and_a_contacts_table(tmp_path, print_library):
    company = Customer(
        id=29,
        name="比亚迪",
        kind="corporate",
        phone="+14155550199",
        fields={"contact_persons": "王经理 行政部 13812345678 订餐；李秘书，总裁办，0755-88881234，发票"},
    )
    out = tmp_path / "corp.pdf"
    render_cards(out, [CardData(company)], print_library, PrintOptions(form_id="corporate"))
    text = squeeze(pdf_text(out))
    assert "单位名称" not in text  # the header says the name; the grid does not repeat it
    assert "总机：+1415555" in text and squeeze("+1 415 555 0199") in text
    for cell in ("姓名", "职务", "电话", "负责事项", "王经理", "行政部", "13812345678", "订餐", "李秘书", "发票"):
        assert cell in text
    blank = tmp_path / "blank.pdf"
    render_cards(blank, [], print_library, PrintOptions(form_id="corporate", blank=True))
    assert "单位名称：" in squeeze(pdf_text(blank)) and "姓名：" not in squeeze(pdf_text(blank))
