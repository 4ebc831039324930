"""Import as one transaction: duplicates, dry run, undo, batches, the CLI contract; export; print."""

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from guestcard.cli.main import main
from guestcard.domain import Contact, Customer, PartialDate
from guestcard.forms import FormLibrary
from guestcard.services import customers
from guestcard.services.exporting import export_customers
from guestcard.services.importing import ImportCancelled, ImportOptions, import_file, list_batches, undo_import
from guestcard.storage import CustomerFilter, Database

HEADER = ["序号", "客户姓名", "手机", "生日", "单位", "类别", "爱吃的菜", "忌口", "会员卡号"]


def sheet(path: Path, rows: list[list[object]], title: str = "XX大酒店客户档案（2015）") -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "客户"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


ROWS = [
    [1, "王建国", "138-1234-5678", "1985年3月2日", "华润置地", "VIP", "佛跳墙", "海鲜", "V001"],
    [2, "李女士", "+86 139 0000 1111", "3月2日", "招商银行", "B类", "白切鸡", "", "V002"],
    [3, "张三", 13700002222.0, "1990/1/2", "", "散客", "", "不吃辣", ""],
    ["", "合计", "", "", "", "", "", "", ""],
]


def names(db: Database) -> list[str]:
    return sorted(c.name for c in customers.list_customers(db))


def test_import_maps_cleans_and_keeps_extra_columns(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    report = import_file(db, library, sheet(tmp_path / "old.xlsx", ROWS))
    assert (report.rows, report.imported, report.updated, report.skipped) == (3, 3, 0, 0)
    assert report.batch is not None and [s.name for s in report.sheets] == ["客户"]
    wang = customers.list_customers(db, CustomerFilter(query="王建国"))[0]
    assert wang.phone == "13812345678" and wang.birthday == PartialDate(3, 2, 1985)
    assert wang.customer_class == "A" and wang.favorite_dishes == "佛跳墙" and wang.allergies == "海鲜"
    assert wang.extra == {"会员卡号": "V001"}
    li = customers.list_customers(db, CustomerFilter(query="李女士"))[0]
    assert li.phone == "13900001111" and li.birthday == PartialDate(3, 2) and li.customer_class == "B"
    assert customers.list_customers(db, CustomerFilter(query="张三"))[0].phone == "13700002222"
    assert list_batches(db)[0].imported == 3


def test_duplicate_policies(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    existing = customers.create_customer(
        db, Customer(name="王建国", phone="13812345678", notes="老客户", allergies="花生")
    )
    path = sheet(tmp_path / "dup.xlsx", ROWS[:1])
    skipped = import_file(db, library, path, ImportOptions(duplicates="skip"))
    assert (skipped.imported, skipped.skipped) == (0, 1)
    updated = import_file(db, library, path)
    assert (updated.imported, updated.updated) == (0, 1)
    card = customers.get_customer(db, existing.id)
    assert card.notes == "老客户"  # nothing existing is blanked…
    assert card.allergies == "花生" and card.company == "华润置地"  # …empty fields filled, differing ones kept
    again = import_file(db, library, path)
    assert (again.updated, again.skipped) == (0, 1)  # nothing new to say: skipped, not "updated"
    replaced = import_file(db, library, path, ImportOptions(overwrite=True))  # asked for: the sheet's win
    assert replaced.updated == 1 and customers.get_customer(db, existing.id).allergies == "海鲜"
    new = import_file(db, library, path, ImportOptions(duplicates="new"))
    assert new.imported == 1 and names(db) == ["王建国", "王建国"]


def test_same_name_matches_with_company_or_birthday(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    customers.create_customer(db, Customer(name="王建国", company="华润置地"))
    customers.create_customer(db, Customer(name="李女士", birthday=PartialDate(3, 2)))
    customers.create_customer(db, Customer(name="张三", company="别的公司"))
    report = import_file(
        db,
        library,
        sheet(
            tmp_path / "n.xlsx",
            [[1, "王建国", "", "", "华润置地"], [2, "李女士", "", "3月2日", ""], [3, "张三", "", "", "武当"]],
        ),
    )
    assert (report.updated + report.skipped, report.imported) == (2, 1)


def test_rows_repeating_within_the_file_are_one_customer(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    rows = [[1, "赵六", "13500000000", "", "", "", "红烧肉"], [2, "赵六", "135-0000-0000", "", "", "A", ""]]
    report = import_file(db, library, sheet(tmp_path / "rep.xlsx", rows))
    assert (report.imported, report.updated) == (1, 1)
    (zhao,) = customers.list_customers(db)
    assert zhao.favorite_dishes == "红烧肉" and zhao.customer_class == "A"


def test_a_card_updated_in_several_chunks_keeps_every_update(
    db: Database, library: FormLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guestcard.services import importing

    monkeypatch.setattr(importing, "CHUNK", 2)  # every two rows written: updates span chunks
    kept = customers.create_customer(db, Customer(name="赵六", phone="13500000000", notes="老客"))
    rows = [
        [1, "赵六", "13500000000", "", "", "", "红烧肉"],
        [2, "钱七", "13600000000", "", "", "", ""],
        [3, "赵六", "135-0000-0000", "", "", "A", ""],
        [4, "钱七", "13600000000", "", "", "B", "鱼香肉丝"],
        [5, "赵六", "13500000000", "", "华夏", "", ""],
    ]
    report = import_file(db, library, sheet(tmp_path / "chunks.xlsx", rows))
    assert (report.imported, report.updated) == (1, 4)
    zhao = customers.get_customer(db, kept.id)
    assert (zhao.favorite_dishes, zhao.customer_class, zhao.company, zhao.notes) == ("红烧肉", "A", "华夏", "老客")
    assert zhao.version > kept.version
    assert [c.id for c in customers.list_customers(db, CustomerFilter(query="华夏"))] == [kept.id]  # indexed
    fields = {c.field for c in customers.history_of(db, kept.id) if c.action == "import"}
    assert {"favorite_dishes", "class", "company"} <= fields
    qian = customers.list_customers(db, CustomerFilter(query="钱七"))[0]
    assert (qian.customer_class, qian.favorite_dishes) == ("B", "鱼香肉丝")
    result = undo_import(db, report.batch)
    restored = customers.get_customer(db, kept.id)
    assert (result.removed, restored.favorite_dishes, restored.company) == (1, None, None)


def test_a_large_file_into_a_small_database_is_searchable_and_later_edits_too(
    sqlite_db: Database, library: FormLibrary, tmp_path: Path
) -> None:
    import csv

    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["姓名", "手机", "单位"])
        writer.writerows([f"客人{n}", f"1390000{n:04d}", f"宫保{n % 7}公司"] for n in range(4500))
        writer.writerow(["客人1", "13900000001", "重复的行"])  # a repeat, updated in a later chunk
    with sqlite_db.engine.connect() as connection:  # the triggers and indexes the import drops for a while
        schema = connection.exec_driver_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name").all()
    report = import_file(sqlite_db, library, path, ImportOptions(backup_dir=tmp_path / "bk", overwrite=True))
    assert (report.imported, report.updated) == (4500, 1)
    assert len(customers.list_customers(sqlite_db, CustomerFilter(query="宫保"), limit=5000)) == 4499
    assert [c.name for c in customers.list_customers(sqlite_db, CustomerFilter(query="重复的行"))] == ["客人1"]
    with sqlite_db.engine.connect() as connection:
        names = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert {"customers_search_insert", "customers_search_update", "customers_search_delete"} <= names
        assert {"ix_customers_company", "ix_customers_name_sort", "ix_customers_birthday_md"} <= names
        assert connection.exec_driver_sql("SELECT type, name, sql FROM sqlite_master ORDER BY name").all() == schema
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    later = customers.create_customer(sqlite_db, Customer(name="后来者"))
    assert [c.id for c in customers.list_customers(sqlite_db, CustomerFilter(query="后来者"))] == [later.id]


def test_dry_run_writes_nothing(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    report = import_file(db, library, sheet(tmp_path / "d.xlsx", ROWS), ImportOptions(dry_run=True))
    assert report.imported == 3 and report.batch is None
    assert customers.count_customers(db) == 0 and list_batches(db) == []


def test_undo_removes_created_and_restores_updated(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    kept = customers.create_customer(db, Customer(name="王建国", phone="13812345678", company="旧公司", tags=("老",)))
    report = import_file(db, library, sheet(tmp_path / "u.xlsx", ROWS), ImportOptions(overwrite=True))
    assert customers.get_customer(db, kept.id).company == "华润置地"
    result = undo_import(db, report.batch)
    assert (result.removed, result.restored) == (2, 1)
    restored = customers.get_customer(db, kept.id)
    assert restored.company == "旧公司" and restored.tags == ("老",) and restored.customer_class is None
    assert names(db) == ["王建国"]
    assert customers.list_customers(db, CustomerFilter(query="李女士")) == []
    with pytest.raises(LookupError, match="already undone"):
        undo_import(db, report.batch)


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_undo_keeps_the_cards_worked_on_since_the_import(
    db: Database, library: FormLibrary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reservation logged for a new guest, a phone corrected on an updated card, after the import:
    undoing the import keeps both cards as they are now (it removed them, and the reservation with
    them, and put the old card back over the correction); the others are undone."""
    import datetime as dt

    from guestcard.domain import Visit

    existing = customers.create_customer(db, Customer(name="王建国", phone="13812345678", company="旧公司"))
    report = import_file(db, library, sheet(tmp_path / "k.xlsx", ROWS), ImportOptions(overwrite=True))
    by_name = {c.name: c for c in customers.list_customers(db)}
    li, zhang = by_name["李女士"], by_name["张三"]
    customers.add_visit(db, Visit(customer_id=li.id, at=dt.datetime(2030, 12, 24, 19, 0), party_size=8))
    corrected = customers.get_customer(db, existing.id)
    customers.save_customer(db, replace(corrected, notes="电话已核对"), expected_version=corrected.version)
    result = undo_import(db, report.batch)
    assert (result.removed, result.restored, result.kept) == (1, 0, tuple(sorted((li.id, existing.id))))
    assert names(db) == ["李女士", "王建国"] and zhang.id not in [c.id for c in customers.list_customers(db)]
    assert len(customers.customer_file(db, li.id).visits) == 1
    now = customers.get_customer(db, existing.id)
    assert (now.company, now.notes) == ("华润置地", "电话已核对")  # as the user left it
    if db.is_sqlite:  # the command line says which cards it kept
        capsys.readouterr()
        report = import_file(db, library, sheet(tmp_path / "k2.xlsx", ROWS[2:3]))
        customers.add_contact(db, Contact(customer_id=customers.list_customers(db, CustomerFilter(query="张三"))[0].id,
                                          date=dt.date(2026, 11, 23), channel="电话"))
        assert main(["--db", db.display_name, "undo-import", str(report.batch)]) == 0
        out = capsys.readouterr().out
        assert "removed 0 customers" in out and "kept 1 worked on since the import" in out


def test_cancel_and_refusal_write_nothing(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    path = sheet(tmp_path / "c.xlsx", ROWS * 50)
    with pytest.raises(ImportCancelled):
        import_file(db, library, path, cancelled=lambda: True)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 definitely not a workbook")
    from guestcard.io import ImportRefused

    with pytest.raises(ImportRefused, match="bad.xlsx"):
        import_file(db, library, bad)
    assert customers.count_customers(db) == 0 and list_batches(db) == []


def test_a_header_row_chosen_by_the_user(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    """The wizard's "header row" box: that row names the columns; a row without a name column
    gives its columns (to map) and no rows; an empty row is refused by number."""
    path = sheet(tmp_path / "h.xlsx", ROWS, title="客户姓名")  # the title alone would not be a header
    found = import_file(db, library, path, ImportOptions(dry_run=True))
    assert found.summary is not None and found.summary.sheets[0].header_row == 3
    chosen = import_file(db, library, path, ImportOptions(dry_run=True, header_row=3))
    assert (chosen.rows, chosen.imported) == (found.rows, found.imported) == (3, 3)
    # Row 4 as the header: its texts become the column names, row 4 itself is not a guest.
    lower = import_file(db, library, path, ImportOptions(dry_run=True, header_row=4,
                                                         mapping={"王建国": "name", "138-1234-5678": "phone"}))
    assert lower.summary is not None and lower.summary.sheets[0].header_row == 4
    assert lower.rows == 2 and ("138-1234-5678", "phone") in lower.summary.sheets[0].columns
    # No name column in the chosen row: its columns are reported, no row is read.
    unnamed = import_file(db, library, path, ImportOptions(dry_run=True, header_row=4))
    info = unnamed.summary.sheets[0] if unnamed.summary else None
    assert info is not None and info.header_row == 4 and ("华润置地", "company") not in info.columns
    assert [h for h, _ in info.columns][:3] == ["1", "王建国", "138-1234-5678"]
    assert unnamed.rows == 0 and [(e.row, e.level) for e in unnamed.errors] == [(4, "error")]
    from guestcard.io import ImportRefused

    with pytest.raises(ImportRefused, match="row 2 of the file is empty"):
        import_file(db, library, path, ImportOptions(header_row=2))
    with pytest.raises(ImportRefused, match="row 99 "):
        import_file(db, library, path, ImportOptions(header_row=99))
    assert customers.count_customers(db) == 0 and list_batches(db) == []


def test_export_then_import_into_an_empty_database(db: Database, library: FormLibrary, tmp_path: Path) -> None:
    from guestcard.services.demo import fill_demo

    fill_demo(db, 40)
    out = tmp_path / "all.xlsx"
    assert export_customers(db, library, out, include_confidential=True) == 40
    fresh = Database.open(tmp_path / "fresh.sqlite3")
    report = import_file(fresh, library, out)
    assert report.imported == 40 and not [e for e in report.errors if e.level == "error"]
    before = {c.name + (c.phone or ""): c for c in customers.list_customers(db)}
    after = {c.name + (c.phone or ""): c for c in customers.list_customers(fresh)}
    assert before.keys() == after.keys()
    for key, original in before.items():
        copy = after[key]
        for attr in (
            "honorific",
            "gender",
            "birthday",
            "anniversary",
            "company",
            "position",
            "customer_class",
            "annual_spend",
            "favorite_dishes",
            "favorite_drinks",
            "allergies",
            "notes",
            "fields",
            "kind",
        ):
            assert getattr(copy, attr) == getattr(original, attr), (key, attr)
    fresh.close()


def test_export_reports_progress_and_a_cancel_leaves_no_file(db: Database, library: FormLibrary,
                                                             tmp_path: Path) -> None:
    from guestcard.io.export import PROGRESS_EVERY
    from guestcard.services.demo import fill_demo
    from guestcard.services.exporting import export_customer_ids

    fill_demo(db, PROGRESS_EVERY + 20)
    seen: list[tuple[str, int, int | None]] = []
    out = tmp_path / "all.xlsx"
    count = export_customers(db, library, out, progress=lambda *step: seen.append(step))
    assert count == PROGRESS_EVERY + 20
    assert seen[0] == ("reading", 0, None) and seen[-1] == ("writing", count, count)
    assert ("writing", PROGRESS_EVERY, count) in seen

    class Stop(Exception):
        pass

    def stop(stage: str, _done: int, _total: int | None) -> None:
        if stage == "writing":
            raise Stop

    with pytest.raises(Stop):
        export_customers(db, library, tmp_path / "stopped.xlsx", progress=stop)
    ids = [c.id for c in customers.list_customers(db)][: PROGRESS_EVERY + 1]
    with pytest.raises(Stop):
        export_customer_ids(db, library, tmp_path / "stopped.xlsx", ids, progress=stop)
    assert [p.name for p in tmp_path.iterdir() if "stopped" in p.name] == []  # no file, no temporary left


def run(capsys: pytest.CaptureFixture[str], db: list[str], *args: str) -> tuple[int, str, str]:
    code = main([*db, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_import_json_contract_and_undo(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    rows = [*ROWS, [5, "", "13600000000", "", "", "", "", "", ""], [6, "钱七", "", "1985-02-30", "", "", "", "", ""]]
    path = sheet(tmp_path / "legacy.xlsx", rows)
    code, out, err = run(capsys, db_args, "import", str(path), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"rows", "imported", "updated", "skipped", "errors", "batch", "sheets", "kept", "changes",
                         "weak_matches", "history"}
    assert (data["rows"], data["imported"]) == (4, 4)
    assert data["sheets"] == [{"name": "客户", "rows": 4, "imported": 4, "updated": 0, "skipped": 0}]
    levels = {(e["row"], e["column"], e["level"]) for e in data["errors"]}
    assert any(row == 8 and level == "error" for row, _, level in levels)
    assert any(e["row"] == 9 and e["column"] == "生日" and e["level"] == "warning" for e in data["errors"])
    qian = run(capsys, db_args, "list", "-q", "钱七", "--json")[1]
    assert json.loads(qian)[0]["raw"] == {"birthday": "1985-02-30"}
    code, out, _ = run(capsys, db_args, "undo-import", str(data["batch"]))
    assert code == 0 and "removed 4" in out
    assert json.loads(run(capsys, db_args, "list", "--json")[1]) == []


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "empty"), (b"\x00\x01garbage" * 100, ""), (b"PK\x03\x04junk", "")],
)
@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_refuses_unusable_files_in_one_line(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    code, _out, err = run(capsys, db_args, "import", str(path))
    assert code == 2 and err.count("\n") == 1 and "x.xlsx" in err and fragment in err.lower()
    assert "Traceback" not in err


def test_cli_export_and_print(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    assert run(capsys, db_args, "demo", "--count", "20")[0] == 0
    code, _out, err = run(capsys, db_args, "export", str(tmp_path / "a.xlsx"), "--class", "A", "--lang", "en")
    assert code == 0 and (tmp_path / "a.xlsx").exists(), err
    assert run(capsys, db_args, "export", str(tmp_path / "a.csv"))[0] == 2
    code, _out, err = run(capsys, db_args, "print", str(tmp_path / "cards.pdf"), "--ids", "1,2,3", "--size", "A6")
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(tmp_path / "cards.pdf"), "-"], capture_output=True, text=True).stdout
    first = json.loads(run(capsys, db_args, "show", "1", "--json")[1])
    assert first["name"] in text
    code, _, err = run(capsys, db_args, "print", str(tmp_path / "none.pdf"), "--ids", "999")
    assert code == 2 and "999" in err and not (tmp_path / "none.pdf").exists()
    code, _, err = run(capsys, db_args, "print", str(tmp_path / "blank.pdf"), "--blank", "--form", "prospect")
    assert code == 0 and (tmp_path / "blank.pdf").stat().st_size > 1000, err


def test_cli_print_a_days_reservations_in_time_order(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    for name, time in (("晚到", "19:00"), ("早到", "11:30")):
        cid = json.loads(run(capsys, db_args, "add", "--name", name, "--json")[1])["id"]
        run(capsys, db_args, "visit", str(cid), "--date", "2026-12-01", "--time", time)
    out = tmp_path / "day.pdf"
    assert run(capsys, db_args, "print", str(out), "--date", "2026-12-01")[0] == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.index("早到") < text.index("晚到")
    code, _, err = run(capsys, db_args, "print", str(out), "--date", "2026-12-02")
    assert code == 2 and "nothing to print" in err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_photo(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    cid = json.loads(run(capsys, db_args, "add", "--name", "有照片", "--json")[1])["id"]
    png = tmp_path / "p.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert run(capsys, db_args, "photo", str(cid), str(png))[0] == 0
    bad = tmp_path / "p.txt"
    bad.write_text("hello")
    code, _, err = run(capsys, db_args, "photo", str(cid), str(bad))
    assert code == 2 and "JPEG and PNG" in err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_import_runs_as_a_subprocess_with_progress_silent_in_pipes(tmp_path: Path) -> None:
    path = sheet(tmp_path / "p.xlsx", ROWS)
    done = subprocess.run(
        [sys.executable, "-m", "guestcard", "--db", str(tmp_path / "s.sqlite3"), "--create", "import", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "3 rows" in done.stdout and done.stderr == ""
