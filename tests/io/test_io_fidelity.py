"""Import fidelity (issues 15 and 23): which field a header reaches, plain lists, ages, dates that
Excel keeps in its base year, rows that are no guest, and the values old sheets write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import Result

from guestcard.cli.main import main
from guestcard.domain import PartialDate
from guestcard.forms import FormLibrary, format_value
from guestcard.io.mapping import HeaderIndex, header_conflicts, norm_header
from guestcard.io.row_plan import RowPlan

Read = Callable[..., Result]
Xlsx = Callable[..., Path]


# --- 15.1: a header two fields answer to goes to the core field ---------------------------------

def test_drinks_column_is_the_favourite_drinks_not_the_61_question_card(xlsx: Xlsx, read: Read) -> None:
    result = read(xlsx([["姓名", "手机", "Drinks"], ["王建国", "13800000001", "茅台"]]))
    guest = result.by_name("王建国")
    assert guest.favorite_drinks == "茅台" and "drinks" not in guest.fields


def test_every_header_two_fields_answer_to_is_reported_with_its_winner(library: FormLibrary) -> None:
    conflicts = {c.header: c for c in header_conflicts(library)}
    drinks = conflicts[norm_header("Drinks")]
    assert drinks.winner == "favorite_drinks" and drinks.losers[0].startswith("drinks ")
    assert "core fields come before the card deep_profile" in drinks.reason
    index = HeaderIndex(library)
    for conflict in conflicts.values():  # what is reported is what the importer does
        assert index.match(conflict.header).target == conflict.winner


def test_forms_check_prints_the_headers_two_fields_answer_to(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    code = main(["--db", str(tmp_path / "x.db"), "forms", "check", str(Path("forms/deep_profile.toml").resolve())])
    out = capsys.readouterr().out
    assert code == 0 and "'drinks' → favorite_drinks, not drinks (card deep_profile" in out


def _names_by_field(library: FormLibrary) -> list[tuple[str, str]]:
    found = []
    for spec in library.fields.values():
        for name in (spec.key, spec.label.zh, spec.label.en, *spec.aliases):
            found.append((name, spec.key))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_headers_of_all_forms_go_to_the_core_field_when_one_answers(data: st.DataObject,
                                                                           library: FormLibrary) -> None:
    names = _names_by_field(library)
    core_names: dict[str, str] = {}
    for spec in library.core.values():  # the first core field answering to a name (labels, then aliases)
        for name in (spec.key, spec.label.zh, spec.label.en):
            core_names.setdefault(norm_header(name), spec.key)
    for spec in library.core.values():
        for name in spec.aliases:
            core_names.setdefault(norm_header(name), spec.key)
    header = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=12).map(lambda c: [n for n, _k in c]))
    plan = RowPlan(["姓名", *header], HeaderIndex(library), "s")
    for text, target in plan.columns[1:]:
        core = core_names.get(norm_header(text))
        if core is None:
            continue
        # the core field, or kept as an extra column when an earlier column claimed that field
        assert target == core or (target or "").startswith("extra:"), (text, target, core)
        assert target not in library.fields or library.fields[target].core


# --- 23.6: a word of liking around a field's noun ------------------------------------------------

@pytest.mark.parametrize(("header", "field"), [("喜欢的包间", "preferred_seat"), ("喜欢的酒水", "favorite_drinks"),
                                               ("爱吃的菜品", "favorite_dishes"), ("口味偏好", "favorite_dishes"),
                                               ("偏好包房", "preferred_seat"), ("Favourite Room", "preferred_seat")])
def test_liking_words_reach_the_field_of_their_noun(library: FormLibrary, header: str, field: str) -> None:
    assert HeaderIndex(library).match(header).target == field


def test_liked_room_and_drinks_are_fields_not_extra_columns(xlsx: Xlsx, read: Read) -> None:
    guest = read(xlsx([["姓名", "喜欢的包间", "喜欢的酒水"], ["李娜", "牡丹厅", "红酒"]])).by_name("李娜")
    assert guest.fields["preferred_seat"] == "牡丹厅" and guest.favorite_drinks == "红酒" and not guest.extra


# --- 15.2: a plain list; ages -----------------------------------------------------------------

@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_a_plain_list_of_names_and_an_unknown_column_is_read(tmp_path: Path, read: Read, bom: bytes) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(bom + "姓名,车牌尾号\n张三,A88\n李四,B66\n".encode())
    result = read(path)
    assert [c.name for c in result.customers] == ["张三", "李四"]
    assert result.by_name("张三").extra == {"车牌尾号": "A88"}


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
@pytest.mark.parametrize("age_header", ["年龄", "年纪", "岁数", "Age"])
def test_an_age_is_kept_and_gives_an_approximate_birth_year(tmp_path: Path, read: Read, bom: bytes,
                                                            age_header: str) -> None:
    path = tmp_path / "ages.csv"
    path.write_bytes(bom + f"姓名,{age_header}\n张三,48\n".encode())
    guest = read(path).by_name("张三")
    year = dt.date.today().year - 48
    assert guest.fields["age"] == 48
    assert guest.birthday == PartialDate.about_year(year) and guest.birthday.year_only


def test_an_approximate_year_is_shown_as_such_never_as_a_full_date(library: FormLibrary) -> None:
    about = PartialDate.about_year(1978)
    spec = library.fields["birthday"]
    assert format_value(spec, about, "zh") == "约1978年" and format_value(spec, about, "en") == "c. 1978"
    assert about.iso() == "1978~" and PartialDate.from_iso("1978~") == about
    with pytest.raises(ValueError):
        PartialDate(0, 0)  # a year alone needs its year


def test_an_age_does_not_override_a_birthday_column(tmp_path: Path, read: Read) -> None:
    path = tmp_path / "both.csv"
    path.write_text("姓名,生日,年龄\n张三,1980-05-01,48\n李四,,60\n", encoding="utf-8")
    result = read(path)
    assert result.by_name("张三").birthday == PartialDate(5, 1, 1980)
    assert result.by_name("李四").birthday is None  # the sheet says what it knows of birthdays


def test_a_template_with_placeholders_is_no_guest_list(xlsx: Xlsx, read: Read) -> None:
    result = read(xlsx([["姓名", "数字"], ["{name}", "{number}"]]))
    assert not result.rows and result.warnings()[0].code == "name_not_a_guest"


# --- 23.4: an Excel date in its base year is a month and day ---------------------------------

def test_a_month_day_date_cell_is_a_month_day(tmp_path: Path, read: Read) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "生日", "纪念日"])
    ws.append(["王总", dt.datetime(1900, 3, 2), dt.datetime(1900, 10, 1)])
    ws.append(["李总", dt.datetime(1985, 3, 2), None])
    for cell in ("B2", "C2"):
        ws[cell].number_format = "m月d日"
    book.save(tmp_path / "md.xlsx")
    result = read(tmp_path / "md.xlsx")
    assert result.by_name("王总").birthday == PartialDate(3, 2)
    assert result.by_name("王总").anniversary == PartialDate(10, 1)
    assert result.by_name("李总").birthday == PartialDate(3, 2, 1985)


def test_a_month_day_of_a_1904_workbook_is_a_month_day(tmp_path: Path, read: Read) -> None:
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = book.active
    ws.append(["姓名", "生日"])
    ws.append(["王总", dt.datetime(1904, 3, 2)])
    ws["B2"].number_format = "m月d日"
    book.save(tmp_path / "mac.xlsx")
    assert read(tmp_path / "mac.xlsx").by_name("王总").birthday == PartialDate(3, 2)


# --- 23.5: a "name" that is a date, a number or a section heading ---------------------------

def test_section_rows_are_skipped_with_a_warning_naming_them(xlsx: Xlsx, read: Read) -> None:
    result = read(xlsx([["XX酒店客户名单"], ["姓名", "手机"], ["2020-01-01", "以下为2020年"],
                        [dt.datetime(2021, 1, 1), "以下为2021年"], ["以下为2022年"], [2023, ""],
                        ["王建国", "13800000001"]]))
    assert [c.name for c in result.customers] == ["王建国"]
    warned = [(w.row, w.code, w.args) for w in result.warnings()]
    assert warned == [(3, "name_not_a_guest", ("2020-01-01",)), (4, "name_not_a_guest", ("2021-01-01",)),
                      (5, "name_not_a_guest", ("以下为2022年",)), (6, "name_not_a_guest", ("2023",))]
    assert all("2020-01-01" in w.message for w in result.warnings()[:1])


# --- 23.7: values old sheets write -----------------------------------------------------------

def test_values_old_sheets_write(xlsx: Xlsx, read: Read) -> None:
    rows: list[list[Any]] = [["姓名", "手机", "类别", "忌口", "生日"],
                             ["李 娜", "13800000001", "普通", "无", "6/15/1980"],
                             ["王　五", "13800000002", "重要", "没有", "1968年"],
                             ["赵六", "13800000003", "贵宾", "无忌口", 1968],
                             ["John Smith", "13800000004", "C", "花生", "15/6/1980"]]
    result = read(xlsx(rows))
    li = result.by_name("李娜")
    assert (li.customer_class, li.allergies, li.birthday) == ("C", None, PartialDate(6, 15, 1980))
    wang = result.by_name("王五")
    assert (wang.customer_class, wang.allergies, wang.birthday) == ("A", None, PartialDate.about_year(1968))
    zhao = result.by_name("赵六")
    assert (zhao.customer_class, zhao.allergies, zhao.birthday) == ("A", None, PartialDate.about_year(1968))
    smith = result.by_name("John Smith")
    assert (smith.allergies, smith.birthday) == ("花生", PartialDate(6, 15, 1980))
    assert not result.issues


def test_a_us_date_whose_order_the_day_does_not_show_is_refused_not_guessed(xlsx: Xlsx, read: Read) -> None:
    result = read(xlsx([["姓名", "生日"], ["李娜", "6/5/1980"]]))
    assert result.by_name("李娜").birthday is None and result.by_name("李娜").raw == {"birthday": "6/5/1980"}
    assert "ambiguous" in result.warnings()[0].message
