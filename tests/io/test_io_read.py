"""read_customers on real files the tests write: layouts, formats, mapping and values."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from io_helpers import FIXTURES, Result, patch_sheet_xml, set_formula

from guestcard.domain import PartialDate
from guestcard.forms import FormLibrary
from guestcard.io import ImportRefused, load_mapping, read_customers

Read = Callable[..., Result]
Xlsx = Callable[..., Path]

HEADER = ["序号", "姓名", "性别", "手机", "生日", "工作单位", "客户类别", "年消费额（元）", "爱吃的菜", "介绍人"]


def legacy_rows() -> list[list[Any]]:
    return [
        ["江城大酒店客户档案（2015）"],
        ["制表：餐饮部   注：生日有的只记了月日"],
        [],
        HEADER,
        [1, "张伟", "男", 13812345678, dt.datetime(1975, 5, 4), "华润置地", "VIP", "¥12,800.00", "清蒸鲈鱼", "老王"],
        [2, "李娜", "女士", "+86 139 0000 1111", "3月2日", "中国银行", "B类", "1.28万", None, None],
        [],
        [3, "王芳", "F", "1.3812345679E10", "1985-02-30", None, "散客", "不详", None, None],
        HEADER,
        [4, "赵强", "先生", "(010) 1234-5678", 31107, "远航物流", "重要客户", 5000, "红烧肉", None],
        ["合计", None, None, None, None, None, None, 30600],
        [5, None, None, None, None, None, None, None, None, None],
        [None, None, "男", "13700000000", None, None, None, None, None, None],
    ]


def test_legacy_sheet_title_rows_totals_repeated_header_and_values(xlsx: Xlsx, read: Read) -> None:
    path = xlsx(legacy_rows(), title="客户档案", merges=["A1:J1"])
    result = read(path)
    assert [c.name for c in result.customers] == ["张伟", "李娜", "王芳", "赵强"]
    info = result.summary.sheets[0]
    assert info.header_row == 4
    assert ("序号", None) in info.columns and ("介绍人", "extra:介绍人") in info.columns
    assert ("年消费额（元）", "annual_spend") in info.columns
    # blank, repeated header, total, pre-numbered empty row: skipped silently
    assert info.skipped == 4 and info.rows == 4

    zhang = result.by_name("张伟")
    assert (zhang.gender, zhang.phone, zhang.birthday) == ("male", "13812345678", PartialDate(5, 4, 1975))
    assert (zhang.customer_class, zhang.annual_spend, zhang.favorite_dishes) == ("A", Decimal(12800), "清蒸鲈鱼")
    assert zhang.company == "华润置地" and zhang.extra == {"介绍人": "老王"}
    li = result.by_name("李娜")
    assert (li.gender, li.phone, li.birthday) == ("female", "13900001111", PartialDate(3, 2))
    assert (li.customer_class, li.annual_spend) == ("B", Decimal(12800))
    zhao = result.by_name("赵强")
    # Excel serial 31107 is 1 March 1985 (openpyxl.utils.datetime.from_excel agrees)
    assert (zhao.phone, zhao.birthday, zhao.customer_class) == ("01012345678", PartialDate(3, 1, 1985), "A")

    wang = result.by_name("王芳")
    assert wang.phone == "13812345679" and wang.customer_class == "C"
    assert wang.birthday is None and wang.annual_spend is None
    assert wang.raw == {"birthday": "1985-02-30", "annual_spend": "不详"}
    warned = {(w.row, w.column) for w in result.warnings()}
    assert warned == {(8, "生日"), (8, "年消费额（元）")}
    # a row with values but no name: one error, with the row Excel shows
    [error] = result.errors()
    assert (error.sheet, error.row, error.column) == ("客户档案", 13, "姓名")
    assert result.summary.sheets[0].errors == 1


def test_a_guest_written_as_a_header_word_is_a_guest(xlsx: Xlsx, read: Read) -> None:
    """A repeated header row is skipped for its name cell *and* its other cells reading as headers;
    a name cell "Guest" or "客户" beside a phone number is a guest (found by hypothesis)."""
    path = xlsx([["姓名", "手机", "生日"], ["Guest", "13000000000", "2000-1-1"], ["客户", "13900000000", None],
                 ["客户姓名", "手机号码", "生日"], ["张伟", "13812345678", None]])
    result = read(path)
    assert [c.name for c in result.customers] == ["Guest", "客户", "张伟"]
    assert result.summary.sheets[0].skipped == 1  # the header row again (written with aliases)


def test_vertical_merges_fill_every_row_hidden_rows_are_read(xlsx: Xlsx, read: Read) -> None:
    rows = [["姓名", "单位", "手机"], ["甲", "华润置地", "13800000001"], ["乙", None, "13800000002"],
            ["丙", None, "13800000003"], ["丁", "远航物流", "13800000004"]]
    path = xlsx(rows, merges=["B2:B4"], hidden_rows=[3], hidden_cols=["C"])
    result = read(path)
    assert [(c.name, c.company, c.phone) for c in result.customers] == [
        ("甲", "华润置地", "13800000001"), ("乙", "华润置地", "13800000002"),
        ("丙", "华润置地", "13800000003"), ("丁", "远航物流", "13800000004")]


def test_two_row_header_with_merged_cells(xlsx: Xlsx, read: Read) -> None:
    rows = [["姓名", "联系方式", None, "备注"], [None, "手机", "座机", None],
            ["甲", "13800000001", "010-88886666", "x"]]
    path = xlsx(rows, merges=["A1:A2", "B1:C1", "D1:D2"])
    result = read(path)
    [c] = result.customers
    assert (c.name, c.phone, c.fields.get("other_phones"), c.notes) == ("甲", "13800000001", "010-88886666", "x")


def test_formula_cells_give_their_cached_value_error_cells_a_warning(xlsx: Xlsx, read: Read) -> None:
    rows = [["姓名", "年消费额", "手机", "备注"], ["甲", 0, "13800000001", "a"], ["乙", 1, "13800000002", "b"]]
    path = xlsx(rows)

    def edit(xml: str) -> str:
        xml = set_formula(xml, "B2", "SUM(1000,234)", "1234")
        return set_formula(xml, "D3", "VLOOKUP(A3,X:Y,2,0)", "#N/A", error=True)

    patch_sheet_xml(path, edit)
    result = read(path)
    assert result.by_name("甲").annual_spend == Decimal(1234)
    assert result.by_name("乙").notes is None
    [warning] = result.warnings()
    assert (warning.row, warning.column) == (3, "备注") and "#N/A" in warning.message


def test_openpyxl_error_values_are_warnings(xlsx: Xlsx, read: Read) -> None:
    path = xlsx([["姓名", "手机"], ["甲", "#DIV/0!"]])
    result = read(path)
    assert result.by_name("甲").phone is None
    assert [(w.row, w.column) for w in result.warnings()] == [(2, "手机")]


def test_every_sheet_with_a_header_and_class_from_sheet_name(xlsx: Xlsx, read: Read) -> None:
    path = xlsx(sheets={
        "说明": [["本文件为客户档案"], ["请勿外传"]],
        "A类客户": [["姓名", "电话"], ["甲", "13800000001"]],
        "散客名单": [["姓名", "电话", "等级"], ["乙", "13800000002", "B"], ["丙", "13800000003", None]],
    })
    result = read(path)
    assert [(c.name, c.customer_class) for c in result.customers] == [("甲", "A"), ("乙", "B"), ("丙", None)]
    infos = {s.name: s for s in result.summary.sheets}
    assert infos["说明"].header_row is None and infos["A类客户"].sheet_class == "A"
    assert [r.sheet for r in result.rows] == ["A类客户", "散客名单", "散客名单"]
    only = read(path, sheet="散客名单")
    assert [c.name for c in only.customers] == ["乙", "丙"]
    with pytest.raises(ImportRefused, match="no sheet named"):
        read(path, sheet="B类客户")
    with pytest.raises(ImportRefused, match="no customer header"):
        read(path, sheet="说明")


def test_corporate_sheet(xlsx: Xlsx, read: Read) -> None:
    path = xlsx([["单位名称", "对口人", "电话", "地址"], ["江城市财政局", "王处长", "0716-8888888", "江城路1号"]])
    [c] = read(path).customers
    assert (c.kind, c.name, c.phone, c.address, c.extra) == (
        "corporate", "江城市财政局", "07168888888", "江城路1号", {"对口人": "王处长"})
    people = xlsx([["姓名", "单位名称"], ["甲", "远航物流"]], name="people.xlsx")
    [p] = read(people).customers
    assert (p.kind, p.company) == ("individual", "远航物流")


def test_header_tolerance_and_duplicate_claims(xlsx: Xlsx, read: Read) -> None:
    path = xlsx([["  客户 姓名：", "手 机", "电话", "ＮＯ．", "Date of Birth", "年消费额(元)", "生日(公历)"],
                 ["甲", "13800000001", "010-12345678", 1, "1980/1/2", "100", "1980-01-03"]])
    result = read(path)
    columns = dict(result.summary.sheets[0].columns)
    assert columns["客户 姓名："] == "name" and columns["手 机"] == "phone" and columns["ＮＯ．"] is None
    assert columns["电话"] == "extra:电话"  # 手机 is the better name for the phone column
    assert columns["Date of Birth"] == "birthday" and columns["生日(公历)"] == "extra:生日(公历)"
    [c] = result.customers
    assert (c.phone, c.birthday, c.annual_spend) == ("13800000001", PartialDate(1, 2, 1980), Decimal(100))
    assert c.extra == {"电话": "010-12345678", "生日(公历)": "1980-01-03"}


def test_user_mapping_from_json(xlsx: Xlsx, read: Read, tmp_path: Path, library: FormLibrary) -> None:
    path = xlsx([["宾客", "号码", "生日", "序号"], ["甲", "13800000001", "1980-01-02", "7"]])
    with pytest.raises(ImportRefused):  # 宾客 and 号码 are no known headers
        read(path)
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({"宾客": "name", "号码": "phone", "生日": None, "序号": "extra"}),
                            encoding="utf-8")
    result = read(path, mapping=load_mapping(mapping_file))
    [c] = result.customers
    assert (c.name, c.phone, c.birthday, c.extra) == ("甲", "13800000001", None, {"序号": "7"})
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"bad\.json: is not a valid JSON mapping"):
        load_mapping(bad)
    with pytest.raises(ImportRefused, match="not a field key"):
        list(read_customers(path, library, mapping={"宾客": "no_such_field"}))


def test_unmapped_and_headerless_file_is_refused(xlsx: Xlsx, read: Read) -> None:
    path = xlsx([["a", "b"], [1, 2]])
    with pytest.raises(ImportRefused) as caught:
        read(path)
    assert str(caught.value).startswith(f"{path}: no customer header")
    assert "\n" not in str(caught.value)


def test_header_in_a_later_column(xlsx: Xlsx, read: Read) -> None:
    path = xlsx([[None, None, None], [None, "姓名", "手机"], [None, "甲", 13800000001]])
    [c] = read(path).customers
    assert (c.name, c.phone) == ("甲", "13800000001")


def test_legacy_xls_fixture(read: Read) -> None:
    result = read(FIXTURES / "legacy.xls")
    assert result.summary.format == "xls"
    assert [(c.name, c.company, c.customer_class) for c in result.customers] == [
        ("张伟", "华润置地", "A"), ("李娜", "华润置地", "A"), ("王芳", None, "A")]
    zhang, li, wang = result.customers
    assert (zhang.phone, zhang.birthday) == ("13812345678", PartialDate(5, 4, 1975))
    assert (li.phone, li.birthday) == ("13900001111", PartialDate(3, 2))
    assert wang.raw == {"birthday": "1985-02-30"}
    assert {(w.row, w.column) for w in result.warnings()} == {(6, "生日"), (6, "备注")}


def test_xls_through_xlrd_when_calamine_refuses(read: Read, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    import python_calamine

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise python_calamine.CalamineError("simulated")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)
    copy = tmp_path / "legacy.xls"
    shutil.copy(FIXTURES / "legacy.xls", copy)
    result = read(copy)
    assert result.summary.reader == "xlrd"
    assert [(c.name, c.company) for c in result.customers] == [
        ("张伟", "华润置地"), ("李娜", "华润置地"), ("王芳", None)]
    assert {(w.row, w.column) for w in result.warnings()} == {(6, "生日"), (6, "备注")}


def test_xlsx_through_openpyxl_when_calamine_refuses(xlsx: Xlsx, read: Read,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine

    path = xlsx([["标题"], ["姓名", "手机", "单位"], ["甲", 13800000001, "华润"], ["乙", None, None]],
                merges=["C3:C4"])

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise python_calamine.CalamineError("simulated")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)
    result = read(path)
    assert result.summary.reader == "openpyxl"
    assert [(c.name, c.phone, c.company) for c in result.customers] == [
        ("甲", "13800000001", "华润"), ("乙", None, "华润")]


@pytest.mark.parametrize(("encoding", "delimiter", "bom"), [
    ("utf-8", ",", False), ("utf-8", ",", True), ("gbk", ",", False), ("gb18030", "\t", False),
    ("utf-8", ";", False), ("utf-16", "\t", False)])
def test_csv_encodings_and_delimiters(tmp_path: Path, read: Read, encoding: str, delimiter: str,
                                      bom: bool) -> None:
    lines = ["江城大酒店客户名单", "", delimiter.join(["姓名", "手机", "生日", "备注"]),
             delimiter.join(["张伟", "13812345678", "1975年5月4日",
                             '"爱吃鱼, 不吃辣"' if delimiter == "," else "爱吃鱼"]),
             delimiter.join(["李娜", "1.3900001111E10", "03-02", ""])]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path = tmp_path / "guests.csv"
    path.write_bytes(data)
    result = read(path)
    assert result.summary.format == "csv" and result.summary.delimiter == delimiter
    zhang, li = result.customers
    assert (zhang.name, zhang.phone, zhang.birthday) == ("张伟", "13812345678", PartialDate(5, 4, 1975))
    assert zhang.notes in ("爱吃鱼, 不吃辣", "爱吃鱼")
    assert (li.name, li.phone, li.birthday) == ("李娜", "13900001111", PartialDate(3, 2))
    assert result.rows[0].row == 4  # the line number a spreadsheet shows


def test_progress_is_reported(xlsx: Xlsx, read: Read) -> None:
    rows = [["姓名", "手机"]] + [[f"客{i}", 13800000000 + i] for i in range(4500)]
    result = read(xlsx(rows))
    assert len(result.customers) == 4500
    assert len(result.progress) >= 3
    assert result.progress[-1].total is not None and result.progress[-1].done <= result.progress[-1].total


def test_multichoice_bool_number_fields(tmp_path: Path, read: Read, xlsx: Xlsx) -> None:
    path = xlsx([["姓名", "客户来源", "手机"], ["甲", "陌生拜访/外呼、微信", "13800000001"], ["乙", "美团", None]])
    result = read(path)
    assert result.by_name("甲").fields["source"] == ["outreach", "wechat"]
    assert result.by_name("乙").raw == {"source": "美团"}
