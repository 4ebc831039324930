"""Very large inputs are bounded: a sheet of a million rows shows its progress against the real
total and stops cleanly when cancelled (nothing written); a 1 MB cell is kept whole in a text
field and refused with a short message naming sheet, row and column anywhere else; nothing hangs.

Zip bombs (declared and lying sizes), XML entity bombs and sparse sheets that would allocate
billions of cells are in ``tests/io/test_io_hostile.py``; not repeated here.

The million-row sheet is written directly as sheet XML in a zip (openpyxl would take minutes).
"""

from __future__ import annotations

import csv
import itertools
import sqlite3
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from guestcard.forms import FormLibrary
from guestcard.io import Progress
from guestcard.services import customers
from guestcard.services.importing import ImportCancelled, ImportOptions, import_file, import_steps, list_batches
from guestcard.storage import CustomerFilter, Database

MEGA = 1_000_000

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
    ),
}


def write_xlsx(path: Path, rows: Iterable[list[str | int]]) -> Path:
    """A one-sheet workbook (sheet 客户) written as XML straight into the zip: text as inline
    strings of any length (openpyxl cuts a cell at Excel's 32,767 characters), ints as numbers."""

    def cell(ref: str, value: str | int) -> str:
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, text in _PARTS.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0" encoding="UTF-8"?>'
                      b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            batch: list[str] = []
            for number, row in enumerate(rows, start=1):
                cells = "".join(cell(f"{chr(65 + col)}{number}", value) for col, value in enumerate(row))
                batch.append(f'<row r="{number}">{cells}</row>')
                if len(batch) >= 20_000:
                    out.write("".join(batch).encode())
                    batch.clear()
            out.write("".join(batch).encode())
            out.write(b"</sheetData></worksheet>")
    return path


def million_row_xlsx(path: Path, rows: int = MEGA) -> Path:
    """姓名 | 手机 with ``rows`` guests (客人0…, 13000000000…): a few seconds, ~12 MB."""
    guests = ([f"客人{i}", 13_000_000_000 + i] for i in range(rows))
    return write_xlsx(path, itertools.chain([["姓名", "手机"]], guests))


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


@pytest.mark.slow
def test_a_million_row_sheet_shows_progress_of_the_whole_and_cancels_cleanly(
    tmp_path: Path, library: FormLibrary, sqlite_db: Database, db_path: Path
) -> None:
    """The progress bar knows the total from the start and moves; cancelling (as the window's
    Cancel button does) leaves the database as it was. A whole import of a million rows runs at
    the import's usual pace (minutes, with this bar and Cancel); bench/ measures it."""
    sheet = million_row_xlsx(tmp_path / "一百万.xlsx")
    customers.create_customer(sqlite_db, customers.build_customer({"name": "老客人", "phone": "13900000000"}))
    seen: list[Progress] = []

    def cancelled() -> bool:
        return bool(seen) and seen[-1].done >= 6_000

    with pytest.raises(ImportCancelled, match="nothing was written"):
        for item in import_steps(sqlite_db, library, sheet, ImportOptions(backup_dir=tmp_path / "bk"),
                                 cancelled=cancelled):
            if isinstance(item, Progress):
                seen.append(item)
    assert seen[0].total is not None and seen[0].total >= MEGA  # a determinate bar from the start
    assert all(p.total == seen[0].total for p in seen)
    dones = [p.done for p in seen]
    assert dones == sorted(dones) and len(set(dones)) >= 3 and dones[-1] < seen[0].total
    # Nothing of the million is kept: one customer, no batch, a sound file.
    assert customers.count_customers(sqlite_db) == 1 and list_batches(sqlite_db) == []
    assert customers.list_customers(sqlite_db, CustomerFilter(query="客人1"), limit=5) == []
    assert _integrity(db_path) == "ok"
    (backup,) = (tmp_path / "bk").iterdir()  # the backup before the import is there all the same
    assert backup.stat().st_size > 0


def test_the_generated_sheet_reads_as_written(tmp_path: Path, library: FormLibrary, sqlite_db: Database) -> None:
    """The generator of the million-row sheet makes a workbook the importer reads row by row."""
    sheet = million_row_xlsx(tmp_path / "small.xlsx", rows=250)
    report = import_file(sqlite_db, library, sheet, ImportOptions(backup_dir=tmp_path / "bk"))
    assert (report.rows, report.imported, report.errors) == (250, 250, [])
    (found,) = customers.list_customers(sqlite_db, CustomerFilter(query="客人249"), limit=5)
    assert found.phone == "13000000249"


# -- one cell of a megabyte -----------------------------------------------------------------------

HEADER = ["姓名", "手机", "生日", "客户类别", "年消费额", "年龄", "邮箱", "喜好菜品", "备注"]
BIG_TEXT = ("佛跳墙要提前三天预订，" * 100_000)[:MEGA]  # 1,000,000 characters (~3 MB of UTF-8)
BIG_DIGITS = "1" * MEGA


def _sheet_with(tmp_path: Path, column: str, value: str, kind: str) -> Path:
    row = {"姓名": "王建国", "手机": "13812345678", "生日": "1985-03-02", "客户类别": "A类", "年消费额": "12800",
           "年龄": "41", "邮箱": "wang@example.com", "喜好菜品": "佛跳墙", "备注": "常客"}
    row[column] = value
    rows = [HEADER, [row[h] for h in HEADER], ["李娜", "13900001111", "", "", "", "", "", "", ""]]
    if kind == "xlsx":
        return write_xlsx(tmp_path / "big-cell.xlsx", rows)
    path = tmp_path / "big-cell.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize(("column", "value"), [("备注", BIG_TEXT), ("喜好菜品", BIG_TEXT), ("备注", BIG_DIGITS)])
def test_a_one_megabyte_text_cell_is_kept_whole(
    column: str, value: str, kind: str, tmp_path: Path, library: FormLibrary, sqlite_db: Database
) -> None:
    path = _sheet_with(tmp_path, column, value, kind)
    report = import_file(sqlite_db, library, path, ImportOptions(backup_dir=tmp_path / "bk"))
    assert (report.imported, report.errors) == (2, [])
    (wang,) = customers.list_customers(sqlite_db, CustomerFilter(query="王建国"), limit=5)
    kept = customers.get_customer(sqlite_db, wang.id)  # type: ignore[arg-type]
    attribute = {"备注": "notes", "喜好菜品": "favorite_dishes"}[column]
    assert getattr(kept, attribute) == value  # every character, nothing cut
    assert customers.list_customers(sqlite_db, CustomerFilter(query="13812345678"), limit=5)[0].id == wang.id


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("手机", BIG_DIGITS),
        ("生日", BIG_DIGITS),
        ("生日", BIG_TEXT),
        ("年消费额", BIG_DIGITS),
        ("客户类别", BIG_TEXT),
        ("年龄", BIG_DIGITS),
        ("邮箱", BIG_TEXT),
    ],
)
def test_a_one_megabyte_cell_elsewhere_is_refused_with_a_short_message(
    column: str, value: str, tmp_path: Path, library: FormLibrary, sqlite_db: Database, db_path: Path
) -> None:
    """A megabyte where a phone, a date, an amount or a class belongs: refused, briefly quoted."""
    path = _sheet_with(tmp_path, column, value, "xlsx")
    report = import_file(sqlite_db, library, path, ImportOptions(backup_dir=tmp_path / "bk"))
    issues = [e for e in report.errors if e.row == 2]
    assert issues, report.errors
    (issue,) = issues
    assert issue.sheet == "客户" and issue.column is not None and column in str(issue.column)
    assert len(issue.message) <= 300  # the start of the cell and what is wrong, not the megabyte
    assert "1,000,000 characters" in issue.message or "too large a number" in issue.message
    assert report.rows == 2 and report.imported + report.skipped >= 1  # 李娜 is imported all the same
    assert customers.list_customers(sqlite_db, CustomerFilter(query="李娜"), limit=5)
    assert _integrity(db_path) == "ok"
