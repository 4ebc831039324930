"""Cells as the workbook holds them (issues 23.4 and 14.8): a date whose format shows no year is a
month and day; a date cell holding no day keeps its text with a warning; a shared-string index that
is no number leaves the cell empty with a warning. Real xlsx by openpyxl, hostile ones written as
XML, a real .xls (tests/io/fixtures/dates.xls, written by xlwt)."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from io_helpers import FIXTURES, Result

from guestcard.domain.values import PartialDate
from guestcard.io import ImportRefused, readers, xlsx_cells
from guestcard.io.number_formats import date_styles, shows_month_day_only
from guestcard.io.xlsx_cells import MONTH_DAY

Read = Callable[..., Result]
BIRTHDAY = PartialDate


def _openpyxl_book(path: Path, rows: list[tuple[str, object, str]], header: str = "生日") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(["姓名", "手机", header, "备注"])
    for name, value, fmt in rows:
        ws.append([name, "13800138000", value, value])
        ws.cell(ws.max_row, 3).number_format = fmt
        ws.cell(ws.max_row, 4).number_format = fmt
    wb.save(path)
    return path


def test_a_date_whose_format_shows_no_year_is_a_month_and_day(tmp_path: Path, read: Read) -> None:
    path = _openpyxl_book(tmp_path / "birthdays.xlsx", [
        ("甲", dt.date(2023, 3, 2), 'm"月"d"日"'),  # typed 3月2日 in Excel: this year's day
        ("乙", dt.date(2023, 3, 2), "yyyy-mm-dd"),
        ("丙", dt.date(1900, 3, 2), "yyyy-mm-dd"),  # the 1900 base: a month-day, as before
        ("丁", dt.date(2024, 2, 29), "m/d"),  # a leap day without a year is a birthday
        ("戊", dt.datetime(2023, 11, 5, 0, 0), "[$-804]mmm d"),
        ("己", dt.date(2023, 5, 6), "mmm-yy"),  # a year, no day: the date stays
        ("庚", dt.date(1990, 7, 8), 'yyyy"年"m"月"d"日"'),
    ])
    result = read(path)
    birthdays = {c.name: c.birthday for c in result.customers}
    assert birthdays == {"甲": PartialDate(3, 2), "乙": PartialDate(3, 2, 2023), "丙": PartialDate(3, 2),
                         "丁": PartialDate(2, 29), "戊": PartialDate(11, 5), "己": PartialDate(5, 6, 2023),
                         "庚": PartialDate(7, 8, 1990)}
    assert not result.warnings()
    assert result.by_name("甲").notes == "2023-03-02"  # a text column keeps the date as the reader gives it


def test_a_lunar_column_of_year_less_dates(tmp_path: Path, read: Read) -> None:
    path = _openpyxl_book(tmp_path / "lunar.xlsx", [("甲", dt.date(2023, 8, 15), 'm"月"d"日"')], header="农历生日")
    assert read(path).by_name("甲").birthday == PartialDate(8, 15, lunar=True)


def test_the_openpyxl_reader_asks_the_same(tmp_path: Path) -> None:
    path = _openpyxl_book(tmp_path / "b.xlsx", [("甲", dt.date(2023, 3, 2), 'm"月"d"日"'),
                                                ("乙", dt.date(2023, 3, 2), "yyyy-mm-dd")])
    sheet = readers._open_openpyxl(path, None, None).load("客户")
    assert sheet.date_cells is not None and sheet.date_cells([2]) == {(2, 2): MONTH_DAY}


def test_a_workbook_without_date_styles_is_not_read_twice(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "生日"])
    wb.active.append(["甲", "3月2日"])
    wb.save(tmp_path / "plain.xlsx")
    styles = date_styles(tmp_path / "plain.xlsx")
    assert not styles.dates
    assert xlsx_cells.xlsx_date_cells(tmp_path / "missing.xlsx", "xl/worksheets/sheet1.xml", [1], styles) == {}


def test_a_real_xls_by_its_formats(read: Read) -> None:
    result = read(FIXTURES / "dates.xls")
    birthdays = {c.name: c.birthday for c in result.customers}
    assert birthdays == {"甲": PartialDate(3, 2), "乙": PartialDate(3, 2, 1985), "丙": PartialDate(2, 29),
                         "丁": PartialDate(11, 5), "戊": PartialDate(3, 2), "己": None,
                         "庚": PartialDate(7, 8, 1990)}
    assert result.by_name("己").raw == {"birthday": "60"}
    assert [(w.row, w.column, w.code, w.args) for w in result.warnings()] == [(7, "生日", "date_cell_phantom", ("60",))]


def test_the_xlrd_reader_asks_the_same() -> None:
    sheet = readers._open_xlrd(FIXTURES / "dates.xls", None).load("客户")
    assert sheet.date_cells is not None
    assert sheet.date_cells([2])[(2, 2)] == MONTH_DAY and (3, 2) not in sheet.date_cells([2])


# --- hostile xlsx, written as XML -----------------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_NS}><numFmts count="1">'
           '<numFmt numFmtId="176" formatCode="m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
           '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
           '<xf numFmtId="176" applyNumberFormat="1"/></cellXfs></styleSheet>')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def hand_xlsx(path: Path, rows: list[str], strings: tuple[str, ...] = ("姓名", "生日", "张三", "李四"),
              styles: str = _STYLES, workbook_pr: str = "") -> Path:
    """An xlsx whose sheet XML is ``rows`` (each a ``<row>``'s content) as written."""
    body = "".join((f'<row r="{i}">' if "r=" in row else "<row>") + row + "</row>"
                   for i, row in enumerate(rows, start=1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                                  'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                                  f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL}">'
                                      f'{workbook_pr}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
                                      '</workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   f'package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" '
                   f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_REL}/styles" '
                   f'Target="styles.xml"/><Relationship Id="rId3" Type="{_REL}/sharedStrings" '
                   'Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS}>'
                   + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>'
                                               f"<sheetData>{body}</sheetData></worksheet>")
    return path


HEADER = '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'


def guest(row: int, birthday: str, *, name: str = '<v>2</v>', style: int = 1) -> str:
    """A row: 张三 (shared string 2) and a birthday cell of ``style`` holding ``birthday``."""
    return f'<c r="A{row}" t="s">{name}</c><c r="B{row}" s="{style}"><v>{birthday}</v></c>'


@pytest.mark.parametrize(("stored", "code"), [
    ("NaN", "date_cell_not_a_day"),  # calamine: 1899-12-30 (then a month-day 12-30)
    ("nan", "date_cell_not_a_day"),
    ("INF", "date_cell_not_a_day"),
    ("60", "date_cell_phantom"),  # calamine: 1900-02-28
    ("60.5", "date_cell_phantom"),
    ("0", "date_cell_not_a_day"),  # calamine: a time, 00:00
    ("-1", "date_cell_not_a_day"),
])
def test_a_date_cell_holding_no_day_keeps_its_text(tmp_path: Path, read: Read, stored: str, code: str) -> None:
    result = read(hand_xlsx(tmp_path / "bad.xlsx", [HEADER, guest(2, stored)]))
    assert result.by_name("张三").birthday is None and result.by_name("张三").raw == {"birthday": stored}
    [warning] = result.warnings()
    assert (warning.sheet, warning.row, warning.column, warning.code, warning.args) == ("S", 2, "生日", code, (stored,))
    assert stored in warning.message and warning.message.endswith("; kept as text, the field left empty")


@pytest.mark.parametrize(("stored", "text"), [("1e308", "1e+308"), ("3000000", "3000000")])
def test_a_date_cell_beyond_the_calendar_is_not_a_date(tmp_path: Path, read: Read, stored: str, text: str) -> None:
    result = read(hand_xlsx(tmp_path / "far.xlsx", [HEADER, guest(2, stored)]))
    [warning] = result.warnings()
    assert warning.code == "kept_as_text"  # its reason nested: NOT_A_DATE
    assert warning.message == f"{text} is not a date; kept as text, the field left empty"
    assert result.by_name("张三").raw == {"birthday": text}


def test_days_around_the_phantom_one_are_days(tmp_path: Path, read: Read) -> None:
    rows = [HEADER, guest(2, "59"), guest(3, "61", name="<v>3</v>"), guest(4, "45000", style=2)]
    result = read(hand_xlsx(tmp_path / "days.xlsx", rows))
    assert not result.warnings()
    assert [c.birthday for c in result.customers] == [PartialDate(2, 28), PartialDate(3, 1), PartialDate(3, 15)]


def test_serial_60_of_a_1904_workbook_is_a_day(tmp_path: Path, read: Read) -> None:
    path = hand_xlsx(tmp_path / "mac.xlsx", [HEADER, guest(2, "60")], workbook_pr='<workbookPr date1904="1"/>')
    result = read(path)
    assert not result.warnings() and result.by_name("张三").birthday == PartialDate(3, 1)  # 1904-03-01


def test_infinity_in_a_general_cell_of_a_date_column(tmp_path: Path, read: Read) -> None:
    result = read(hand_xlsx(tmp_path / "inf.xlsx", [HEADER, guest(2, "INF", style=0)]))
    [warning] = result.warnings()
    assert warning.message == "inf is not a date; kept as text, the field left empty"


@pytest.mark.parametrize("index", ["-1", "abc", "99999999999999999999", " 2", "2.0"])
def test_a_shared_string_index_that_is_no_number_leaves_the_cell_empty(tmp_path: Path, read: Read,
                                                                       index: str) -> None:
    rows = [HEADER, guest(2, "45000", name=f"<v>{index}</v>"), guest(3, "45000", name="<v>3</v>"),
            f'<c r="A4" t="s"><v>2</v></c><c r="B4" t="s"><v>{index}</v></c>']
    result = read(hand_xlsx(tmp_path / "sst.xlsx", rows))
    assert [c.name for c in result.customers] == ["李四", "张三"]  # never 姓名, the first shared string
    assert result.by_name("张三").birthday is None and result.by_name("张三").raw == {}
    warned = [(w.row, w.column, w.code, w.args) for w in result.warnings()]
    assert warned == [(2, "姓名", "shared_string_missing", (index,)), (4, "生日", "shared_string_missing", (index,))]
    assert [(e.row, e.column) for e in result.errors()] == [(2, "姓名")]  # the row has no name left


def test_a_row_of_good_shared_strings_is_untouched(tmp_path: Path) -> None:
    check = xlsx_cells.SharedStringCheck()
    check.feed(b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1234567890</v></c>'
               b'<c r="C1" t="s"><v></v></c><c r="D1" t="s"/></row>')
    assert check.finish() == {}


def test_shared_string_check_across_chunks() -> None:
    cell = b'<c r="B7" s="0" t="s"><v>-1</v></c>'
    text = b"<row>" + b" " * 5000 + cell + b"</row>"
    for cut in range(len(text) - len(cell) - 20, len(text), 3):
        check = xlsx_cells.SharedStringCheck()
        check.feed(text[:cut])
        check.feed(text[cut:])
        assert check.finish() == {(7, 1): "-1"}, cut


def test_cells_placed_without_references(tmp_path: Path, read: Read) -> None:
    rows = ['<c t="s"><v>0</v></c><c t="s"><v>1</v></c>',
            '<c t="s"><v>2</v></c><c s="2"><v>45000</v></c>',
            '<c t="s"><v>3</v></c><c s="1"><v>NaN</v></c>']
    result = read(hand_xlsx(tmp_path / "unplaced.xlsx", rows))
    assert result.by_name("张三").birthday == PartialDate(3, 15)
    assert result.by_name("李四").raw == {"birthday": "NaN"}


def test_a_long_sheet_is_read_across_chunks(tmp_path: Path, read: Read) -> None:
    rows = [HEADER] + [guest(n, str(45000 + n % 300), style=2 if n % 3 else 1) for n in range(2, 40_002)]
    path = hand_xlsx(tmp_path / "long.xlsx", rows)
    found = xlsx_cells.xlsx_date_cells(path, "xl/worksheets/sheet1.xml", [1], date_styles(path))
    assert len(found) == sum(1 for n in range(2, 40_002) if n % 3) and all(v == MONTH_DAY for v in found.values())
    birthdays = [c.birthday for c in read(path).customers]
    assert sum(1 for b in birthdays if b.year is None) == len(found)


def test_namespaced_cells(tmp_path: Path) -> None:
    path = hand_xlsx(tmp_path / "ns.xlsx", [])
    xml = (f'<x:worksheet xmlns:x="{_NS[7:-1]}"><x:sheetData><x:row r="1"><x:c r="B1" s="2"><x:v>45000</x:v>'
           '</x:c><x:c r="C1" s="1"><x:v>NaN</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/worksheets/sheet2.xml", xml)
    found = xlsx_cells.xlsx_date_cells(path, "xl/worksheets/sheet2.xml", [1, 2], date_styles(path))
    assert found == {(1, 1): MONTH_DAY, (1, 2): xlsx_cells.DateCellFault("NaN", "date_cell_not_a_day")}


def test_builtin_chinese_month_day_formats(tmp_path: Path) -> None:
    styles = _STYLES.replace('<xf numFmtId="176"', '<xf numFmtId="58"')
    path = hand_xlsx(tmp_path / "builtin.xlsx", [HEADER, guest(2, "45000", style=2)], styles=styles)
    assert date_styles(path).month_day == frozenset({2})


# --- number formats -------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "month_day"), [
    ('m"月"d"日"', True), ("m/d", True), ("mmm d", True), ("d-mmm", True), ('[$-804]m"月"d"日"', True),
    ("mm-dd", True), ("m月d日", True), ("[$-F800]dddd, mmmm dd, yyyy", False), ("yyyy-mm-dd", False),
    ("m/d/yy", False), ("mmm-yy", False), ("h:mm", False), ("mm:ss", False), ("dddd", False),
    ('e"年"m"月"d"日"', False), ('m"月"d"日" h:mm', True), ("[Red]m/d", True), ('m/d\\y', True),
    ('m/d "yyyy"', True), ("m/d am/pm", True), ("General", False), ("0.00", False), ("m/d;@", True),
    ("yyyy;m/d", False),
])
def test_formats(code: str, month_day: bool) -> None:
    assert shows_month_day_only(code) is month_day


_MONTHS = st.sampled_from(["m", "mm", "mmm", "mmmm"])
_DAYS = st.sampled_from(["d", "dd"])
_YEARS = st.sampled_from(["yy", "yyyy", "e"])
_LITERALS = st.sampled_from(['"年"', '"月"', '"日"', '"yyyy"', '"d"', "\\y", "\\d", "年", "月", "_)", "*y", "[Red]"])
_SEPARATORS = st.sampled_from(["-", "/", " ", ".", ", "])


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.sampled_from(["month", "day", "year", "literal"]), min_size=1, max_size=6),
       st.sampled_from(["", "[$-804]", "[$-zh-CN]", "[$-409]"]), st.data())
def test_formats_by_their_tokens(kinds: list[str], prefix: str, data: st.DataObject) -> None:
    tokens = {"month": _MONTHS, "day": _DAYS, "year": _YEARS, "literal": _LITERALS}
    code = prefix + "".join(data.draw(tokens[kind]) + data.draw(_SEPARATORS) for kind in kinds)
    assert shows_month_day_only(code) is ({"month", "day"} <= set(kinds) and "year" not in kinds), code


@pytest.mark.parametrize("styles", [_STYLES, _STYLES.replace('<xf numFmtId="176"', '<xf numFmtId="14"')])  # ± month-day
def test_formula_cells_by_their_cached_value(tmp_path: Path, styles: str) -> None:
    rows = [HEADER, '<c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><f>C2-1</f><v>NaN</v></c>',
            '<c r="A3" t="s"><v>3</v></c><c r="B3" s="2"><f t="shared" ref="B3:B4" si="0"/><v>45000</v></c>',
            '<c r="A4" t="s"><v>3</v></c><c r="B4" s="1"><v>45000</v></c>']
    path = hand_xlsx(tmp_path / "formulas.xlsx", rows, styles=styles)
    found = xlsx_cells.xlsx_date_cells(path, "xl/worksheets/sheet1.xml", [1], date_styles(path))
    fault = xlsx_cells.DateCellFault("NaN", "date_cell_not_a_day")
    assert found == ({(2, 1): fault, (3, 1): MONTH_DAY} if styles == _STYLES else {(2, 1): fault})


def test_a_flood_of_bad_shared_string_indices_is_refused(tmp_path: Path, read: Read) -> None:
    rows = [HEADER] + [f'<c r="A{n}" t="s"><v>-1</v></c>' for n in range(2, xlsx_cells.MAX_BAD_STRINGS + 3)]
    with pytest.raises(ImportRefused) as caught:
        list(read(hand_xlsx(tmp_path / "flood.xlsx", rows)).rows)
    assert "indices that are no numbers" in str(caught.value) and "\n" not in str(caught.value)


def test_a_bad_index_whose_reference_comes_after_the_type(tmp_path: Path, read: Read) -> None:
    rows = [HEADER, '<c t="s" r="A2"><v>abc</v></c><c r="B2" s="1"><v>45000</v></c>',
            '<c r="A3" t="s"><v>2</v></c>']
    result = read(hand_xlsx(tmp_path / "order.xlsx", rows))
    assert [(w.row, w.column, w.args) for w in result.warnings()] == [(2, "姓名", ("abc",))]
