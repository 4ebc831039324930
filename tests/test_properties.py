"""Property-based tests (hypothesis) of the value parsers and of whole spreadsheet rows.

Two promises, over generated input: nothing raises but the documented exceptions (``ValueError``
from a parser, ``ImportRefused`` from the reader), and nothing is silently read as another value —
a date written in any supported way reads back as that date, a phone with separators and prefixes
around it as its digits, an amount's text as that amount, a sheet's cells as the card's values.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from guestcard.domain.values import (
    PartialDate,
    normalize_phone,
    parse_bool,
    parse_class,
    parse_gender,
    parse_money,
    parse_partial_date,
)
from guestcard.forms import FieldType, FormLibrary, parse_value
from guestcard.io import ImportRefused, ParsedRow, ReadSummary, RowIssue, read_customers

TODAY = dt.date(2026, 11, 23)
FAST = settings(max_examples=300, deadline=None)
ROWS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text as it comes out of spreadsheets: any characters (surrogates cannot be in a cell).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
# Inputs of every kind a cell or a form can hand a parser.
any_value = st.one_of(
    any_text,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
    st.lists(any_text, max_size=3),
)


def fullwidth(text: str) -> str:
    """ASCII → the full-width forms a Chinese input method types (NFKC folds them back)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


maybe_fullwidth = st.sampled_from([lambda s: s, fullwidth])
spaces = st.sampled_from(["", " ", "  ", "\t", "\u3000"])


# --- dates ------------------------------------------------------------------------------------


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, PartialDate]:
    day = draw(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
    y, m, d = day.year, day.month, day.day
    pad = draw(st.booleans())
    mm, dd = (f"{m:02d}", f"{d:02d}") if pad else (str(m), str(d))
    sep = draw(st.sampled_from(["-", "/", "."]))
    s = draw(spaces)
    text = draw(
        st.sampled_from(
            [
                f"{y}{sep}{mm}{sep}{dd}",
                f"{y}{s}{sep}{s}{mm}{s}{sep}{s}{dd}",
                f"{y:04d}{m:02d}{d:02d}",
                f"{y}年{mm}月{dd}日",
                f"{y}{s}年{s}{mm}{s}月{s}{dd}{s}号",
                f"{y}-{m:02d}-{d:02d}",
            ]
        )
    )
    tail = draw(st.sampled_from(["", " 00:00:00", " 10:30", "T08:15:00", " 23:59:59.123"]))
    return draw(maybe_fullwidth)(text + tail) + draw(spaces), PartialDate(m, d, y)


@st.composite
def written_month_days(draw: st.DrawFn) -> tuple[str, PartialDate]:
    leap = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2000, 12, 31)))  # a leap year
    m, d = leap.month, leap.day
    text = draw(st.sampled_from([f"{m}月{d}日", f"{m}月{d}号", f"{m:02d}-{d:02d}", f"--{m:02d}-{d:02d}", f"{m}/{d}"]))
    return draw(maybe_fullwidth)(text), PartialDate(m, d)


@FAST
@given(written_dates())
def test_a_written_date_reads_back_as_that_date(case: tuple[str, PartialDate]) -> None:
    text, expected = case
    assert parse_partial_date(text, today=TODAY) == expected


@FAST
@given(written_month_days())
def test_a_month_and_day_read_back_without_a_year(case: tuple[str, PartialDate]) -> None:
    text, expected = case
    assert parse_partial_date(text, today=TODAY) == expected


@FAST
@given(st.dates(min_value=dt.date(1927, 1, 1), max_value=TODAY), st.sampled_from(["-", "/", "."]))
def test_two_digit_years_are_the_latest_such_year_not_in_the_future(day: dt.date, sep: str) -> None:
    text = f"{day.year % 100:02d}{sep}{day.month}{sep}{day.day}"
    assert parse_partial_date(text, today=TODAY) == PartialDate.from_date(day)


@FAST
@given(st.one_of(st.dates(), st.datetimes()))
def test_date_objects_keep_their_day(value: dt.date) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    assert parse_partial_date(value) == PartialDate.from_date(day)


@FAST
@given(any_value)
@example("1985-02-29")
@example("0000-01-01")
@example("99999999")
@example("٢٠٢٠-٠٣-٠٢")
@example("1985-03-02T")
def test_any_input_is_a_date_or_a_value_error(value: Any) -> None:
    try:
        result = parse_partial_date(value, today=TODAY)
    except ValueError:
        return
    assert isinstance(result, PartialDate)
    assert PartialDate.from_iso(result.iso()) == result  # a real, storable date
    assert parse_partial_date(result.iso()) == result


# --- phones -----------------------------------------------------------------------------------

separators = st.sampled_from(["", " ", "-", "  ", ".", "/", "_", "·", "\t"])


def _grouped(draw: st.DrawFn, digits: str) -> str:
    """The digits cut into groups, with separators and brackets as people write them."""
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=3)))
    parts = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    text = parts[0]
    for part in parts[1:]:
        text += draw(separators) + part
    if draw(st.booleans()) and len(parts) > 1:
        opening, closing = draw(st.sampled_from([("(", ")"), ("（", "）")]))
        text = opening + parts[0] + closing + text[len(parts[0]) :]
    return text


@st.composite
def written_mobiles(draw: st.DrawFn) -> tuple[str, str]:
    digits = "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "+86-", "0086", "0086 ", "(+86)", "+８６ "]))
    grouped = _grouped(draw, digits)
    text = draw(spaces) + prefix + grouped + draw(spaces)
    return draw(maybe_fullwidth)(text), digits


@st.composite
def written_landlines(draw: st.DrawFn) -> tuple[str, str]:
    area = "0" + draw(st.text("123456789", min_size=1, max_size=1))
    area += draw(st.text("0123456789", min_size=1, max_size=2))
    local = draw(st.sampled_from("2345678")) + draw(st.text("0123456789", min_size=6, max_size=7))
    extension = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=4)))
    text = f"{area}{draw(st.sampled_from(['-', ' ', '', ')']))}{local}"
    if text.count(")"):
        text = "(" + text
    if extension:
        text += draw(st.sampled_from(["转", " 转 ", " ext ", " ext. ", "x", " X"])) + extension
    expected = area + local + (f"-{extension}" if extension else "")
    return text, expected


@FAST
@given(written_mobiles())
@example(("+86 (138) 1234-5678", "13812345678"))
def test_a_mobile_with_junk_around_reads_as_its_digits(case: tuple[str, str]) -> None:
    text, digits = case
    assert normalize_phone(text) == digits


@pytest.mark.parametrize("text", ["0086 1300000 0000", "0086-1381234-5678", "0086 13000000 000"])
def test_0086_and_a_mobile_cut_7_4_is_that_mobile(text: str) -> None:
    assert normalize_phone(text) == text.replace(" ", "").replace("-", "")[4:]


@FAST
@given(written_landlines())
def test_a_landline_keeps_area_code_and_extension(case: tuple[str, str]) -> None:
    text, expected = case
    assert normalize_phone(text) == expected


@FAST
@given(st.integers(10**10, 2 * 10**10 - 1))
def test_phones_stored_as_numbers(number: int) -> None:
    assert normalize_phone(number) == str(number)
    assert normalize_phone(float(number)) == str(number)
    assert normalize_phone(f"{float(number):.10E}") == str(number)  # 1.3812345678E+10 in a CSV


_STORED_PHONE = re.compile(r"(\+\d{5,15}|\d{5,13})(-\d{1,6})?")


@FAST
@given(any_value)
@example("+86")
@example("0086")
@example("+0")
@example("1e10")
@example("1" * 14 + "转" + "9" * 7)
def test_any_input_is_a_phone_or_a_value_error(value: Any) -> None:
    try:
        result = normalize_phone(value)
    except ValueError:
        return
    assert isinstance(result, str) and _STORED_PHONE.fullmatch(result), result
    assert normalize_phone(result) == result  # the stored form reads as itself


# --- money ------------------------------------------------------------------------------------

amounts = st.decimals(min_value=Decimal("-99999999999.99"), max_value=Decimal("99999999999.99"), places=2)


def _plain(amount: Decimal) -> str:
    return f"{amount:f}"


def _trimmed(amount: Decimal) -> str:
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@st.composite
def written_amounts(draw: st.DrawFn) -> tuple[str, Decimal]:
    amount = draw(amounts)
    body = draw(st.sampled_from([_plain(amount), f"{amount:,f}", f"{amount:,.2f}", f"{amount:.2f}"]))
    if amount < 0:
        text = body  # a sign goes first; currency marks after it would not be how anyone writes
    else:
        text = draw(st.sampled_from(["", "¥", "￥", "RMB ", "CNY", "$"])) + draw(spaces) + body
        text += draw(st.sampled_from(["", "元", " 元", "RMB", " 人民币"]))
    return draw(maybe_fullwidth)(text) if "，" not in text else text, amount


@FAST
@given(written_amounts())
@example(("¥12,800.00", Decimal(12800)))
@example(("1,234,567.5元", Decimal("1234567.5")))
def test_an_amount_reads_back_as_that_amount(case: tuple[str, Decimal]) -> None:
    text, amount = case
    assert parse_money(text) == amount


@FAST
@given(st.integers(0, 10**12))
def test_wan_and_qian(cents: int) -> None:
    amount = Decimal(cents) / 100
    wan = _trimmed(amount / 10000) + "万"
    assert parse_money(wan) == amount
    assert parse_money(wan.replace("万", "万元")) == amount
    qian = _trimmed(amount / 1000) + "千"
    assert parse_money(qian) == amount


@FAST
@given(st.one_of(amounts, st.integers(-(10**12), 10**12)))
def test_numbers_are_amounts(number: Decimal | int) -> None:
    assert parse_money(number) == Decimal(number)
    if isinstance(number, int):
        assert parse_money(float(number)) == number


@FAST
@given(any_value)
@example("1e30")
@example("9" * 40)
@example("1E+999999999")
@example("sNaN")
@example("-Infinity")
@example(Decimal("1e30"))
@example(1e300)
@example("1,5")
@example("0.005")
def test_any_input_is_an_amount_or_a_value_error(value: Any) -> None:
    try:
        result = parse_money(value)
    except ValueError:
        return
    assert isinstance(result, Decimal) and result.is_finite()
    assert result == result.quantize(Decimal("0.01"))  # at most two decimals
    assert parse_money(f"{result:f}") == result


def test_amounts_round_half_up_to_the_fen() -> None:
    """四舍五入: a third decimal of 5 rounds up, as a manager does it (not to the even fen)."""
    assert parse_money("0.125") == Decimal("0.13")
    assert parse_money("0.135") == Decimal("0.14")
    assert parse_money("1.2345万") == Decimal("12345")
    assert parse_money("-0.125") == Decimal("-0.13")


@pytest.mark.parametrize("text", ["1,5", "12,80", "1,2,3", "12,8000", ",100", "100,"])
def test_commas_that_are_not_thousands_are_refused(text: str) -> None:
    """``1,5`` is 1.5 where a comma is the decimal mark; reading it as 15 would be a silent error."""
    with pytest.raises(ValueError):
        parse_money(text)


@pytest.mark.parametrize("text", ["1e30", "9" * 40, "1E+999999999", "1e20万"])
def test_amounts_too_large_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="amount"):
        parse_money(text)


# --- classes, genders, yes/no -----------------------------------------------------------------

CLASS_WORDS = {
    "A": ["A", "a类", "A级", "VIP", "贵宾", "大客户", "重要客户", "重点客户", "A类客户"],
    "B": ["B", "b类", "B级", "单位客户", "普通客户", "协议客户", "政府客户", "B类客户"],
    "C": ["C", "c类", "C级", "散客", "普通散客", "新客户", "新客", "C类客户"],
}


@st.composite
def written_classes(draw: st.DrawFn) -> tuple[str, str]:
    cls = draw(st.sampled_from("ABC"))
    word = draw(st.sampled_from(CLASS_WORDS[cls]))
    word = draw(st.sampled_from([str.upper, str.lower, lambda s: s]))(word)
    return draw(spaces) + draw(maybe_fullwidth)(word) + draw(spaces), cls


@FAST
@given(written_classes())
def test_class_words(case: tuple[str, str]) -> None:
    text, cls = case
    assert parse_class(text) == cls


@FAST
@given(st.sampled_from(["男", "M", "male", "先生", "Man", "女", "F", "Female", "女士", "小姐", "woman"]), spaces)
def test_gender_words(word: str, pad: str) -> None:
    expected = "female" if word.lower() in ("女", "f", "female", "女士", "小姐", "woman") else "male"
    assert parse_gender(pad + fullwidth(word) + pad) == expected
    assert parse_gender(word.upper()) == expected


@FAST
@given(any_value)
def test_any_input_is_a_class_gender_bool_or_a_value_error(value: Any) -> None:
    for parse, allowed in (
        (parse_class, {"A", "B", "C"}),
        (parse_gender, {"male", "female"}),
        (parse_bool, {True, False}),
    ):
        try:
            result = parse(value)
        except ValueError:
            continue
        assert result in allowed and type(result) is type(next(iter(allowed)))


@FAST
@given(
    st.sampled_from(
        ["是", "有", "Y", "yes", "TRUE", "1", "√", "✓", "对", "否", "无", "没有", "N", "no", "false", "0", "×", "不"]
    )
)
def test_bool_words(word: str) -> None:
    expected = word.lower() in ("是", "有", "y", "yes", "true", "1", "√", "✓", "对")
    assert parse_bool(" " + word + " ") is expected


# --- form fields of every type ----------------------------------------------------------------


def _specs(library: FormLibrary) -> dict[FieldType, list[Any]]:
    by_type: dict[FieldType, list[Any]] = {kind: [] for kind in FieldType}
    for spec in library.fields.values():
        by_type[spec.type].append(spec)
    return by_type


@pytest.mark.parametrize("kind", list(FieldType))
def test_parse_value_of_every_field_type(kind: FieldType, library: FormLibrary) -> None:
    specs = _specs(library)[kind]
    assert specs, f"no shipped field of type {kind}"

    @settings(max_examples=150, deadline=None)
    @given(st.sampled_from(specs), any_value)
    def check(spec: Any, value: Any) -> None:
        try:
            result = parse_value(spec, value)
        except ValueError:
            return
        if result is None:
            return
        if kind is FieldType.NUMBER:
            assert isinstance(result, int | float) and not isinstance(result, bool)
            assert result == result and abs(result) != float("inf")  # storable as JSON
        elif kind is FieldType.CHOICE:
            assert result in {c.value for c in spec.choices}
        elif kind is FieldType.MULTICHOICE:
            assert set(result) <= {c.value for c in spec.choices}
        elif kind is FieldType.BOOL:
            assert isinstance(result, bool)
        elif kind is FieldType.MONEY:
            assert Decimal(str(result)).is_finite()
        elif kind is FieldType.DATE:
            assert isinstance(result, PartialDate | str)

    check()


@pytest.mark.parametrize("text", ["1e5000", "-1e5000", "1e1000000", "9" * 1_000_000, "1234567890123456"])
def test_parse_value_number_refuses_numbers_too_large(text: str, library: FormLibrary) -> None:
    """'1e5000' once became a 5001-digit int (JSON cannot write it) and '1e1000000' a million-digit
    one (minutes of CPU: an import hung); now they are refused, saying why, without the whole text."""
    spec = _specs(library)[FieldType.NUMBER][0]
    with pytest.raises(ValueError, match="too large a number") as refused:
        parse_value(spec, text)
    assert len(str(refused.value)) < 120


def test_parse_value_number_keeps_every_number_of_up_to_15_digits(library: FormLibrary) -> None:
    import json

    spec = _specs(library)[FieldType.NUMBER][0]

    @FAST
    @given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
    def check(number: int) -> None:
        assert parse_value(spec, str(number)) == number
        assert parse_value(spec, f"{number:,}") == number
        json.dumps(parse_value(spec, f"{number}e-3"))

    check()


# --- whole rows through the spreadsheet reader ------------------------------------------------

HEADERS = ["姓名", "手机", "生日", "客户类别", "年消费额", "备注"]
# Names that are names (not a total, a note, a header row or a section heading the reader skips on purpose).
names = st.text(
    st.characters(whitelist_categories=("Lo", "Lu", "Ll"), max_codepoint=0x9FFF), min_size=1, max_size=8
).filter(lambda s: not re.match(r"(合|总|小|共|累|本|注|备|说|制|填|审|以下|以上|下面|下列|"
                                r"total|sub|grand|sum|note|remark)", s, re.I))
# Free text a cell can hold (openpyxl refuses control characters, as Excel does, writes a text
# starting with "=" as a formula without a value and "#N/A", "#VALUE!"… as error cells).
_ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
cell_text = (
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")), max_size=30)
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: not s.startswith("=") and s not in _ERROR_CODES)
)


@st.composite
def rows(draw: st.DrawFn) -> tuple[list[Any], dict[str, Any]]:
    name = draw(names)
    phone_text, phone = draw(st.one_of(written_mobiles(), st.just(("", None))))
    date_text, birthday = draw(st.one_of(written_dates(), written_month_days(), st.just(("", None))))
    class_text, cls = draw(st.one_of(written_classes(), st.just(("", None))))
    amount = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2)))
    money_text = ""
    if amount is not None:
        money_text = draw(st.sampled_from([f"¥{amount:,.2f}", f"{amount:f}元", f"{amount:f}"]))
    notes = draw(cell_text)
    cells = [name, phone_text, date_text, class_text, money_text, notes]
    expected = {
        "name": name.strip(),
        "phone": phone,
        "birthday": birthday,
        "customer_class": cls,
        "annual_spend": amount,
        "notes": notes.strip("\n ") or None,  # a long text keeps other leading spaces
    }
    return cells, expected


def _read(path: Path, library: FormLibrary) -> tuple[list[ParsedRow], list[RowIssue]]:
    parsed, issues = [], []
    for item in read_customers(path, library):
        if isinstance(item, ParsedRow):
            parsed.append(item)
        elif isinstance(item, RowIssue):
            issues.append(item)
        else:
            assert isinstance(item, ReadSummary) or type(item).__name__ == "Progress"
    return parsed, issues


def _check_rows(generated: list[tuple[list[Any], dict[str, Any]]], parsed: list[ParsedRow]) -> None:
    assert len(parsed) == len(generated)
    for row, (_cells, expected) in zip(parsed, generated, strict=True):
        customer = row.customer
        got = {key: getattr(customer, key) for key in expected}
        assert got == expected, (row.row, _cells)
        assert not customer.raw  # nothing was left unread


@ROWS
@given(st.lists(rows(), min_size=1, max_size=8), st.integers(0, 3))
def test_generated_sheets_read_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, library: FormLibrary, generated: list[Any], title_rows: int
) -> None:
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("sheet") / "客户名单.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "客户"
    for i in range(title_rows):  # a title and notes above the header, as legacy sheets have
        sheet.append([f"某某酒店客史档案 {i}"] if i == 0 else [])
    sheet.append(HEADERS)
    for cells, _expected in generated:
        sheet.append(cells)
    book.save(path)
    parsed, issues = _read(path, library)
    assert not [i for i in issues if i.level == "error"]
    _check_rows(generated, parsed)


@ROWS
@given(st.lists(rows(), min_size=1, max_size=8), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_generated_csv_read_back_exactly(
    tmp_path_factory: pytest.TempPathFactory, library: FormLibrary, generated: list[Any], encoding: str
) -> None:
    path = tmp_path_factory.mktemp("csv") / "guests.csv"
    try:
        with path.open("w", newline="", encoding=encoding) as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            for cells, _expected in generated:
                writer.writerow(cells)
    except UnicodeEncodeError:
        return  # a character GB18030 lacks: not a file anyone could have
    parsed, issues = _read(path, library)
    assert not [i for i in issues if i.level == "error"]
    _check_rows(generated, parsed)


@ROWS
@given(st.lists(st.lists(st.one_of(cell_text, st.integers(-(10**15), 10**15), st.floats(-1e15, 1e15), st.booleans(),
                                   st.dates(min_value=dt.date(1900, 3, 1))), max_size=8), max_size=10))
def test_any_sheet_reads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, library: FormLibrary, body: list[list[Any]]
) -> None:
    """Random cells under a real header: rows, warnings and errors, or ImportRefused — nothing
    else; and a value either fills its field or stays as text with a warning, never both lost."""
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("any") / "any.xlsx"
    book = Workbook()
    book.active.append(HEADERS)
    for cells in body:
        book.active.append(cells)
    book.save(path)
    try:
        parsed, issues = _read(path, library)
    except ImportRefused:
        return
    keys = ["phone", "birthday", "class", "annual_spend"]
    attributes = ["phone", "birthday", "customer_class", "annual_spend"]
    for row in parsed:
        cells = body[row.row - 2] + [""] * 8
        for key, attribute, cell in zip(keys, attributes, cells[1:5], strict=True):
            text = str(cell).strip() if not isinstance(cell, bool) else "x"
            if cell in ("", None) or not text:
                continue
            kept = getattr(row.customer, attribute)
            warned = any(i.row == row.row and i.level == "warning" for i in issues)
            assert kept is not None or (key in row.customer.raw and warned), (key, cell)
