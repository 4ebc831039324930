"""write_customers_xlsx: layout, safety of values, atomic writing, and the round trip property."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import Result

from guestcard.domain import Contact, Customer, PartialDate, Visit
from guestcard.forms import FieldType, FormLibrary, parse_value
from guestcard.io import ImportRefused, read_customers, write_customers_xlsx
from guestcard.io.export import export_fields
from guestcard.io.mapping import HeaderIndex
from guestcard.io.row_plan import NO_ALLERGY, clean_name, not_a_guest_name


def sample() -> list[Customer]:
    return [
        Customer(name="王建国", id=7, phone="13812345678", birthday=PartialDate(3, 2),
                 anniversary=PartialDate(5, 6, 1990), customer_class="A", annual_spend=Decimal("12800.50"),
                 gender="male", company="华润置地", notes="=HYPERLINK(\"http://x\")", tags=("常客",),
                 extra={"介绍人": "李四"}, raw={"birthday": "农历二月初二"},
                 fields={"preferred_seat": "牡丹厅", "source": ["outreach", "wechat"]}),
        Customer(name="@江城财政局", id=8, kind="corporate", phone="+442079460958", notes="-5"),
    ]


def test_layout_header_freeze_filter_types(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "out.xlsx"
    visits = [Visit(7, dt.datetime(2024, 5, 1, 18, 30), party_size=8, spend=Decimal(3200), room="牡丹厅")]
    contacts = [Contact(7, dt.date(2024, 6, 1), channel="电话", next_follow_up=dt.date(2024, 7, 1))]
    assert write_customers_xlsx(path, sample(), library, form_id="guest_history", visits=visits,
                                contacts=contacts, names={7: "王建国"}) == 2
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["客户", "到店记录", "联系记录"]
    ws = wb["客户"]
    headers = [c.value for c in ws[1]]
    form = [s.label.zh for s in library.form("guest_history").fields()]
    assert headers[0] == "系统编号" and headers[1:1 + len(form)] == form
    assert headers[1 + len(form):] == ["标签", "介绍人", "生日（原文）"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(headers)).column_letter}3"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb == "FFDDEBF7"
    assert ws.column_dimensions["A"].width >= 8
    col = {h: i + 1 for i, h in enumerate(headers)}
    row = {h: ws.cell(2, col[h]) for h in headers}
    assert row["系统编号"].value == "7" and row["系统编号"].data_type == "s"
    assert row["手机"].value == "13812345678" and row["手机"].number_format == "@"
    assert row["生日"].value == "--03-02"  # no year: text that reads back exactly
    assert row["纪念日"].value == dt.datetime(1990, 5, 6) and row["纪念日"].is_date
    assert row["年消费额"].value == 12800.5
    assert row["客户等级"].value == library.field("class").choice_label("A", "zh")
    assert row["备注"].value == '=HYPERLINK("http://x")' and row["备注"].data_type == "s"
    assert ws.cell(3, col["姓名"]).value == "@江城财政局" and ws.cell(3, col["备注"]).value == "-5"
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "王建国" in sheet  # UTF-8, not character references; no formulas
    assert ws.cell(3, col["备注"]).quotePrefix and row["备注"].quotePrefix
    visit = next(wb["到店记录"].iter_rows(min_row=2, values_only=True))
    assert visit[:4] == ("7", "王建国", dt.datetime(2024, 5, 1, 18, 30), 8)
    contact = next(wb["联系记录"].iter_rows(min_row=2, values_only=True))
    assert contact[:4] == ("7", "王建国", dt.datetime(2024, 6, 1), "电话")


def test_english_labels_and_confidential_fields(tmp_path: Path, library: FormLibrary) -> None:
    secret = next(s for s in library.fields.values() if s.confidential and s.type is FieldType.TEXT)
    customer = Customer(name="Ann", fields={secret.key: "secret text"})
    path = tmp_path / "en.xlsx"
    write_customers_xlsx(path, [customer], library, lang="en")
    headers = [c.value for c in openpyxl.load_workbook(path)["Customers"][1]]
    assert "Name" in headers and secret.label.en not in headers
    assert not any(c.value == "secret text" for row in openpyxl.load_workbook(path).active.iter_rows()
                   for c in row)
    write_customers_xlsx(path, [customer], library, lang="en", include_confidential=True)
    headers = [c.value for c in openpyxl.load_workbook(path)["Customers"][1]]
    assert secret.label.en in headers


def test_atomic_replace(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"previous export")

    def broken() -> Any:
        yield Customer(name="甲")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_customers_xlsx(path, broken(), library)
    assert path.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]

    bad = Customer(name="甲", phone="13800000001")
    bad.annual_spend = "not a number"  # type: ignore[assignment]  # a value no writer expects
    with pytest.raises(ArithmeticError):
        write_customers_xlsx(path, [bad], library)
    assert path.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]
    write_customers_xlsx(path, sample(), library)
    assert zipfile.is_zipfile(path)


def test_export_reads_back(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "out.xlsx"
    customers = sample()
    write_customers_xlsx(path, customers, library)
    result = Result(read_customers(path, library))
    assert [r.source_id for r in result.rows] == ["7", "8"]
    assert [dataclasses.replace(r.customer, id=c.id) for r, c in zip(result.rows, customers, strict=True)] \
        == customers
    assert not result.issues
    with pytest.raises(ImportRefused):
        list(read_customers(path, library, sheet="到店记录"))


# --- the round trip property --------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff"), min_size=1,
                max_size=30).map(str.strip).filter(bool)
_HAN = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
        "吕丁任沈姚卢姜崔钟谭陆"
        "汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严")
_CHINESE = st.text(st.sampled_from(_HAN + "😀🍜🥂 ·-=+@'\"<>&_\n\r\t"), min_size=1, max_size=12) \
    .map(str.strip).filter(bool)
# What an XML writer gets wrong: OOXML escapes, line ends, control characters, formulas, markup.
_TRICKY = st.sampled_from(["_x0041_", "a_x000D_b", "_x005F_", "=SUM(A1:A2)", "+86", "-", "@me",
                           "行一\r\n行二", "a\rb", "ctl\x01\x1fz", "<b>&amp;</b>", "😀👨‍👩‍👧", "a\u2028b"])
_ANY_TEXT = st.one_of(_TRICKY, _CHINESE, _TEXT)


@st.composite
def _dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.one_of(st.none(), st.integers(1, 9999), st.integers(1900, 2100)))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28 if year else 29 if month == 2 else 30))
    return PartialDate(month, day, year)


_PHONES = st.one_of(
    st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    st.from_regex(r"0[1-9][0-9]{9,10}", fullmatch=True),
    st.from_regex(r"1[3-9][0-9]{9}-[0-9]{1,4}", fullmatch=True),
    st.just("+442079460958"),
)
_MONEY = st.decimals(min_value=-10**9, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


def _field_value(spec: Any) -> st.SearchStrategy[Any]:
    kind = spec.type
    if kind in (FieldType.TEXT, FieldType.LONGTEXT):
        return _ANY_TEXT
    if kind is FieldType.DATE:
        return _dates()
    if kind is FieldType.PHONE:
        return _PHONES
    if kind is FieldType.EMAIL:
        return st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(com|cn)", fullmatch=True)
    if kind is FieldType.MONEY:
        return _MONEY
    if kind is FieldType.NUMBER:
        # Up to NUMBER_DIGITS digits before the point: more is refused on input (forms/values.py).
        return st.one_of(st.integers(-(10**15 - 1), 10**15 - 1),
                         st.floats(allow_nan=False, allow_infinity=False, min_value=-9.99e14, max_value=9.99e14))
    if kind is FieldType.BOOL:
        return st.booleans()
    if kind is FieldType.CHOICE:
        return st.sampled_from([c.value for c in spec.choices])
    return st.lists(st.sampled_from([c.value for c in spec.choices]), min_size=1, max_size=3, unique=True)


def _kept(spec: Any, value: Any) -> Any:
    """The value as a Customer keeps it (what parse_value gives for user input)."""
    if spec.type is FieldType.DATE:
        return value if spec.core else value.iso()
    return parse_value(spec, value if spec.type is not FieldType.MONEY else str(value))


@st.composite
def customers(draw: st.DrawFn, library: FormLibrary) -> Customer:
    specs = export_fields(library, None, True)
    chosen = draw(st.lists(st.sampled_from(specs), max_size=12, unique_by=lambda s: s.key))
    values: dict[str, Any] = {}
    for spec in chosen:
        if spec.key == "name":
            continue
        value = _kept(spec, draw(_field_value(spec)))
        if spec.key == "allergies" and unicodedata.normalize("NFKC", str(value)).strip().lower() in NO_ALLERGY:
            continue  # 无, 没有, "-": the reader takes them for "no allergies" (nothing kept)
        values[spec.key] = value
    index = HeaderIndex(library)
    extra_header = _ANY_TEXT.filter(lambda h: index.match(h) is None and not h.startswith(("=", "+", "-", "@")))
    extra = draw(st.dictionaries(extra_header, _ANY_TEXT, max_size=3))
    raw = draw(st.dictionaries(st.sampled_from(sorted(library.fields)), _ANY_TEXT, max_size=2))
    tags = tuple(draw(st.lists(_CHINESE.filter(lambda t: not any(c in t for c in "、,，;；/|\n")),
                               max_size=3, unique=True)))
    # A name the reader takes for no guest's (2020-01-01, 以下为…, {name}) or tidies (李 娜) is not kept as is.
    name = draw(_ANY_TEXT.filter(lambda n: not not_a_guest_name(n.strip()) and clean_name(n) == n))
    base = Customer(name=name, id=draw(st.one_of(st.none(), st.integers(1, 10**9))),
                    extra=extra, raw=raw, tags=tags)
    return base.with_values(values)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip_property(data: st.DataObject, tmp_path: Path, library: FormLibrary) -> None:
    people = data.draw(st.lists(customers(library), min_size=1, max_size=6))
    lang = data.draw(st.sampled_from(["zh", "en"]))
    path = tmp_path / f"round-{lang}.xlsx"
    write_customers_xlsx(path, people, library, lang=lang, include_confidential=True)
    result = Result(read_customers(path, library))
    assert not result.errors()
    assert len(result.rows) == len(people)
    for row, original in zip(result.rows, people, strict=True):
        assert row.source_id == (str(original.id) if original.id is not None else None)
        assert dataclasses.replace(row.customer, id=original.id) == original
    os.unlink(path)
