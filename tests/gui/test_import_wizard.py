"""The import wizard driven through its widgets on real files: a messy xlsx (title rows, merged
cells, 1985年3月2日 dates, A类 classes), the legacy .xls fixture and a GBK CSV."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import fetch_all
from openpyxl import Workbook
from PySide6.QtCore import Qt

from guestcard.domain import Customer, PartialDate
from guestcard.forms import FormLibrary
from guestcard.gui.import_wizard import EXTRA, IGNORE, ImportWizard
from guestcard.gui.worker import TaskRunner
from guestcard.services import customers
from guestcard.services.importing import list_batches
from guestcard.settings import Settings
from guestcard.storage import CustomerFilter, Database

HEADER = ["序号", "客户姓名", "手机", "出生日期", "工作单位", "客户类别", "喜好菜品", "会员卡号"]
FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"


def messy_xlsx(path: Path, rows: int = 0) -> Path:
    """A sheet as colleagues keep them: a merged title, a blank row and a note above the header,
    a company merged over two rows, Chinese dates, A类/VIP classes, a row without a name, an
    impossible date, a total row; and a second sheet of notes without guests."""
    book = Workbook()
    ws = book.active
    ws.title = "客户档案"
    ws.append(["江城大酒店客户档案（2015）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append([])
    ws.append(["制表：前台"])
    ws.append(HEADER)  # row 4
    ws.append([1, "王建国", "138-1234-5678", "1985年3月2日", "华润置地", "A类", "佛跳墙", "V001"])  # 5
    ws.append([2, "李娜", "+86 139 0000 1111", "3月2日", None, "VIP", "白切鸡", "V002"])  # 6
    ws.merge_cells("E5:E6")  # 华润置地 for both
    ws.append([3, "张三", 13700002222.0, "1985-02-30", "招商银行", "B类", "", ""])  # 7: impossible date
    ws.append([4, "", "13600003333", "1990/1/2", "", "C类", "", "V004"])  # 8: no name
    ws.append([5, "赵六", "135 0000 4444", "19800615", "武当", "散客", "红烧肉", "V005"])  # 9
    for i in range(rows):
        ws.append([6 + i, f"客人{i:05d}", f"150{i:08d}", "1970-01-01", "某公司", "C类", "", f"M{i}"])
    ws.append(["", "合计", "", "", "", "", "", ""])
    notes = book.create_sheet("说明")
    notes.append(["本表由前台维护"])
    notes.append(["每月更新"])
    book.save(path)
    return path


@pytest.fixture
def runner(qapp: Any) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.cancel_all()
    tasks.wait(20_000)


@pytest.fixture
def wizard(qtbot: Any, sqlite_db: Database, library: FormLibrary, runner: TaskRunner, languages: Any,
           tmp_path: Path) -> ImportWizard:
    wiz = ImportWizard(sqlite_db, library, runner, Settings(language="en", backup_folder=str(tmp_path / "bk")))
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def wait_complete(qtbot: Any, wiz: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wiz.currentPage().isComplete(), timeout=30_000)


def open_file(qtbot: Any, wiz: ImportWizard, path: Path) -> None:
    """Type the file's name and press Next: its sheets are listed off the GUI thread, then the
    wizard goes on by itself."""
    wiz.file_page.path.setText(str(path))
    assert wiz.button(wiz.WizardButton.NextButton).isEnabled()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.sheet_page, timeout=30_000)


def go_to_preview(qtbot: Any, wiz: ImportWizard, path: Path, sheet: str | None = None) -> None:
    assert wiz.currentPage() is wiz.file_page
    assert not wiz.button(wiz.WizardButton.NextButton).isEnabled()
    open_file(qtbot, wiz, path)
    items = [wiz.sheet_page.list.item(i) for i in range(wiz.sheet_page.list.count())]
    if sheet is not None:
        wiz.sheet_page.list.setCurrentItem(next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == sheet))
    wiz.next()
    assert wiz.currentPage() is wiz.preview_page
    wait_complete(qtbot, wiz)


def combo_of(wiz: ImportWizard, header: str) -> Any:
    return dict(wiz.mapping_page.combos)[header]


def issues(wiz: ImportWizard) -> list[tuple[str, str, str, str]]:
    """The dry-run table as the user reads it: (row, column, level, message)."""
    model = wiz.dry_run_page.view.model()
    return [tuple(model.index(r, c).data() for c in (1, 2, 3, 4)) for r in range(model.rowCount())]


def test_messy_workbook_end_to_end(qtbot: Any, qtmodeltester: Any, wizard: ImportWizard, sqlite_db: Database,
                                   tmp_path: Path, answer: Any) -> None:
    wiz = wizard
    existing = customers.create_customer(sqlite_db, Customer(name="赵六", phone="13500004444", notes="老客户"))
    path = messy_xlsx(tmp_path / "客户档案.xlsx")

    # File → sheet: both sheets offered, and "every sheet with guests".
    open_file(qtbot, wiz, path)
    listed = [wiz.sheet_page.list.item(i).text() for i in range(wiz.sheet_page.list.count())]
    assert listed == ["Every sheet with guests", "客户档案", "说明"]
    wiz.sheet_page.list.setCurrentRow(1)
    wiz.next()

    # Preview: the detected header row (4, below the title, blank and note rows) is shown.
    preview = wiz.preview_page
    wait_complete(qtbot, wiz)
    qtmodeltester.check(preview.grid)
    assert preview.header_row.value() == 4 and preview.header_row.isEnabled()
    assert preview.grid.header_row == 4
    header_index = next(r for r in range(preview.grid.rowCount()) if preview.grid.row_number(r) == 4)
    assert preview.grid.index(header_index, 1).data() == "客户姓名"
    assert preview.grid.index(header_index, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert "4 guests found" in preview.status.text()
    # Cells read as Excel shows them: 1 not 1.0, the phone typed as a number in full.
    assert preview.grid.index(header_index + 1, 0).data() == "1"
    assert preview.grid.index(header_index + 3, 2).data() == "13700002222"

    # Changing the header row reads the file again with that row as the header…
    preview.header_row.setValue(5)
    assert not preview.isComplete()
    wait_complete(qtbot, wiz)
    assert preview.grid.header_row == 5 and wiz.sheet_info("客户档案").header_row == 5
    assert [h for h, _ in wiz.sheet_info("客户档案").columns][1] == "王建国"
    # …and back.
    preview.header_row.setValue(4)
    wait_complete(qtbot, wiz)
    assert wiz.sheet_info("客户档案").header_row == 4
    wiz.next()

    # Mapping: guessed, each column a drop-down; the unknown column is kept as an extra field.
    page = wiz.mapping_page
    assert wiz.currentPage() is page
    assert [h for h, _ in page.combos] == HEADER
    guessed = page.mapping()
    assert guessed["序号"] is None and guessed["客户姓名"] == "name" and guessed["手机"] == "phone"
    assert guessed["出生日期"] == "birthday" and guessed["工作单位"] == "company" and guessed["客户类别"] == "class"
    assert combo_of(wiz, "会员卡号").currentData() == EXTRA
    assert combo_of(wiz, "会员卡号").currentText() == "Kept as an extra field"
    examples = {page.table.item(r, 0).text(): page.table.item(r, 1).text() for r in range(page.table.rowCount())}
    assert examples["客户姓名"] == "王建国" and examples["出生日期"].startswith("1985")
    # Change a mapping: the card number becomes the customer number field.
    number = combo_of(wiz, "会员卡号")
    number.setCurrentIndex(number.findData("customer_number"))
    # Without a name column the wizard cannot go on.
    name = combo_of(wiz, "客户姓名")
    name.setCurrentIndex(name.findData(IGNORE))
    assert not page.isComplete() and "name" in page.note.text()
    name.setCurrentIndex(name.findData("name"))
    assert page.isComplete()
    saved = tmp_path / "my mapping"
    answer("save_file", saved)
    assert page.save_mapping() == saved.with_suffix(".json")
    stored = json.loads(saved.with_suffix(".json").read_text(encoding="utf-8"))
    assert stored["会员卡号"] == "customer_number" and stored["序号"] is None and stored["客户姓名"] == "name"
    wiz.next()

    # Dry run: counts, and every problem at its row and column; nothing written.
    assert wiz.currentPage() is wiz.dry_run_page
    wait_complete(qtbot, wiz)
    qtmodeltester.check(wiz.dry_run_page.issues)
    found = issues(wiz)
    assert ("8", "客户姓名", "Error", "the row has no name; not imported") in found
    assert any(r == "7" and c == "出生日期" and level == "Warning" for r, c, level, _ in found)
    error_row = next(r for r in range(len(found)) if found[r][2] == "Error")
    assert wiz.dry_run_page.issues.index(error_row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "4 rows: 3 new guests, 1 cards updated" in wiz.dry_run_page.summary.text()
    assert customers.count_customers(sqlite_db) == 1 and list_batches(sqlite_db) == []
    # The problems can be saved as a CSV Excel opens, to fix the sheet with.
    assert wiz.dry_run_page.save_button.isVisible()
    answer("save_file", tmp_path / "problems")
    saved_problems = wiz.dry_run_page.save_problems()
    assert saved_problems == tmp_path / "problems.csv"
    lines = saved_problems.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Sheet,Row,Column,Level,Message"
    assert "客户档案,8,客户姓名,Error,the row has no name; not imported" in lines
    from guestcard.gui.import_wizard import _csv_safe

    assert _csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _csv_safe("王") == "王"
    wiz.next()

    # Duplicate policy: leave existing cards alone.
    assert wiz.currentPage() is wiz.duplicates_page
    wiz.duplicates_page.skip_button.setChecked(True)
    with qtbot.waitSignal(wiz.imported, timeout=30_000) as imported:
        wiz.next()
    report = imported.args[0]
    assert (report.rows, report.imported, report.updated, report.skipped) == (4, 3, 0, 1)
    assert wiz.currentPage() is wiz.summary_page
    assert "3 new guests" in wiz.summary_page.text.text()
    assert "1 rows not imported" in wiz.summary_page.text.text()
    assert "1 values could not be read" in wiz.summary_page.text.text()

    wang = customers.list_customers(sqlite_db, CustomerFilter(query="王建国"))[0]
    assert wang.birthday == PartialDate(3, 2, 1985) and wang.customer_class == "A"
    assert wang.company == "华润置地" and wang.fields.get("customer_number") == "V001"
    li = customers.list_customers(sqlite_db, CustomerFilter(query="李娜"))[0]
    assert li.company == "华润置地" and li.customer_class == "A" and li.birthday == PartialDate(3, 2)
    zhang = customers.list_customers(sqlite_db, CustomerFilter(query="张三"))[0]
    assert zhang.birthday is None and zhang.raw.get("birthday") == "1985-02-30"
    assert customers.get_customer(sqlite_db, existing.id).company is None  # skipped: left alone
    assert customers.count_customers(sqlite_db) == 4

    # Undo this import: back to the one card there was.
    assert wiz.summary_page.undo_button.isEnabled()
    with qtbot.waitSignal(wiz.undone, timeout=30_000):
        qtbot.mouseClick(wiz.summary_page.undo_button, Qt.MouseButton.LeftButton)
    assert "3 new guests removed" in wiz.summary_page.undo_text.text()
    assert not wiz.summary_page.undo_button.isEnabled()
    assert [c.name for c in customers.list_customers(sqlite_db)] == ["赵六"]
    assert list_batches(sqlite_db)[0].undone_at is not None


def test_a_saved_mapping_is_used_again(qtbot: Any, wizard: ImportWizard, sqlite_db: Database, tmp_path: Path,
                                       answer: Any) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"会员卡号": "customer_number", "喜好菜品": None}, ensure_ascii=False),
                       encoding="utf-8")
    go_to_preview(qtbot, wizard, messy_xlsx(tmp_path / "again.xlsx"), sheet="客户档案")
    wizard.next()
    answer("open_file", mapping)
    wizard.mapping_page.load_mapping_file()
    assert combo_of(wizard, "会员卡号").currentData() == "customer_number"
    assert combo_of(wizard, "喜好菜品").currentData() == IGNORE
    assert combo_of(wizard, "客户姓名").currentData() == "name"
    wizard.next()
    wait_complete(qtbot, wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.next()
    wang = customers.list_customers(sqlite_db, CustomerFilter(query="王建国"))[0]
    assert wang.fields.get("customer_number") == "V001" and wang.favorite_dishes is None
    assert "会员卡号" not in wang.extra

    # A file that is not a mapping: a message, the drop-downs untouched.
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    second = ImportWizard(wizard.db, wizard.library, wizard.runner, wizard.settings)
    qtbot.addWidget(second)
    second.show()
    go_to_preview(qtbot, second, messy_xlsx(tmp_path / "third.xlsx"), sheet="客户档案")
    second.next()
    answer("open_file", bad)
    answer("warn", None)
    second.mapping_page.load_mapping_file()
    assert answer.asked[-1][0] == "warn" and "bad.json" in answer.asked[-1][1][2]
    assert combo_of(second, "会员卡号").currentData() == EXTRA


def test_a_mapping_saved_in_the_default_folder_is_used_by_itself(qtbot: Any, wizard: ImportWizard,
                                                                 sqlite_db: Database, tmp_path: Path,
                                                                 answer: Any) -> None:
    from guestcard.gui.import_wizard import mappings_dir

    go_to_preview(qtbot, wizard, messy_xlsx(tmp_path / "first.xlsx"), sheet="客户档案")
    wizard.next()
    assert wizard.mapping_page.reused is None and "Check the guesses" in wizard.mapping_page.note.text()
    number = combo_of(wizard, "会员卡号")
    number.setCurrentIndex(number.findData("customer_number"))
    answer("save_file", lambda _parent, _title, _filters, suggested: Path(suggested))  # the suggested name
    saved = wizard.mapping_page.save_mapping()
    assert saved == mappings_dir() / "first.json" and saved.is_file()

    # Another file with the same columns, months later: the saved mapping is applied by itself.
    later = ImportWizard(wizard.db, wizard.library, wizard.runner, wizard.settings)
    qtbot.addWidget(later)
    later.show()
    go_to_preview(qtbot, later, messy_xlsx(tmp_path / "second.xlsx"), sheet="客户档案")
    later.next()
    assert later.mapping_page.reused == saved
    assert combo_of(later, "会员卡号").currentData() == "customer_number"
    assert "first" in later.mapping_page.note.text()


def test_cancel_mid_import_writes_nothing(qtbot: Any, wizard: ImportWizard, sqlite_db: Database, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel pressed while the import runs: the service stops and rolls back."""
    from guestcard.io import Progress
    from guestcard.services import importing

    real = importing.import_steps
    paused = threading.Event()

    def steps(*args: Any, cancelled: Any, **kwargs: Any) -> Iterator[Any]:
        # The real import, held after its first progress until the user has pressed Cancel.
        for item in real(*args, cancelled=cancelled, **kwargs):
            yield item
            if isinstance(item, Progress) and not args[3].dry_run and not paused.is_set():
                paused.set()
                for _ in range(2000):
                    if cancelled():
                        break
                    threading.Event().wait(0.01)

    monkeypatch.setattr(importing, "import_steps", steps)
    go_to_preview(qtbot, wizard, messy_xlsx(tmp_path / "big.xlsx", rows=3000), sheet="客户档案")
    wizard.next()
    wizard.next()
    wait_complete(qtbot, wizard)
    wizard.next()
    wizard.next()  # Import
    run = wizard.run_page
    assert wizard.currentPage() is run and run.running()
    qtbot.waitUntil(paused.is_set, timeout=30_000)
    with qtbot.waitSignal(wizard.importCancelled, timeout=30_000):
        qtbot.mouseClick(run.cancel_button, Qt.MouseButton.LeftButton)
    assert run.cancelled and "Nothing was written" in run.label.text()
    assert wizard.currentPage() is run and not run.isComplete()
    assert customers.count_customers(sqlite_db) == 0 and list_batches(sqlite_db) == []
    # The window's Cancel closes the wizard now that nothing runs.
    wizard.reject()
    assert not wizard.isVisible()


def test_cancel_button_of_the_wizard_stops_a_running_import(qtbot: Any, wizard: ImportWizard,
                                                            sqlite_db: Database, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from guestcard.services import importing

    real = importing.import_steps
    started = threading.Event()

    def steps(*args: Any, cancelled: Any, **kwargs: Any) -> Iterator[Any]:
        for item in real(*args, cancelled=cancelled, **kwargs):
            if not args[3].dry_run:
                started.set()
                while not cancelled():
                    threading.Event().wait(0.01)
            yield item

    monkeypatch.setattr(importing, "import_steps", steps)
    go_to_preview(qtbot, wizard, messy_xlsx(tmp_path / "c.xlsx"), sheet="客户档案")
    wizard.next()
    wizard.next()
    wait_complete(qtbot, wizard)
    wizard.next()
    wizard.next()
    qtbot.waitUntil(started.is_set, timeout=30_000)
    with qtbot.waitSignal(wizard.importCancelled, timeout=30_000):
        wizard.reject()  # Esc / the wizard's Cancel button
    assert wizard.isVisible()  # it stays open to say so
    assert customers.count_customers(sqlite_db) == 0


def test_legacy_xls(qtbot: Any, wizard: ImportWizard, sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "legacy.xls"
    shutil.copy(FIXTURES / "legacy.xls", path)
    go_to_preview(qtbot, wizard, path)
    assert wizard.preview_page.header_row.value() == 3
    wizard.next()
    assert dict(wizard.mapping_page.mapping())["姓名"] == "name"
    wizard.next()
    wait_complete(qtbot, wizard)
    assert {(r, c) for r, c, _, _ in issues(wizard)} == {("6", "生日"), ("6", "备注")}
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.next()
    people = {c.name: c for c in customers.list_customers(sqlite_db)}
    assert set(people) == {"张伟", "李娜", "王芳"}
    assert people["李娜"].company == "华润置地" and people["张伟"].customer_class == "A"  # sheet A类客户


def test_gbk_csv(qtbot: Any, wizard: ImportWizard, sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "guests.csv"
    path.write_bytes("姓名,电话,生日,备注\n王建国,13812345678,1985年3月2日,不吃辣\n李娜,139 0000 1111,3月2日,\n"
                     .encode("gb18030"))
    go_to_preview(qtbot, wizard, path)
    assert wizard.sheet_page.list.count() == 1
    assert wizard.preview_page.header_row.value() == 1
    wizard.next()
    wizard.next()
    wait_complete(qtbot, wizard)
    assert issues(wizard) == []
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.next()
    wang = customers.list_customers(sqlite_db, CustomerFilter(query="王建国"))[0]
    assert wang.birthday == PartialDate(3, 2, 1985) and wang.notes == "不吃辣"


def test_unusable_file_is_refused_on_the_first_page(qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    wizard.file_page.path.setText(str(bad))
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.error.text()), timeout=30_000)
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error.text().startswith("broken.xlsx: ")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    wizard.file_page.path.setText(str(empty))
    assert wizard.file_page.error.text() == ""
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.error.text()), timeout=30_000)
    assert wizard.currentPage() is wizard.file_page and "empty.csv" in wizard.file_page.error.text()
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()  # another try is possible


def test_a_sheet_without_guests_says_so(qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    open_file(qtbot, wizard, messy_xlsx(tmp_path / "m.xlsx"))
    wizard.sheet_page.list.setCurrentRow(2)  # 说明
    wizard.next()
    qtbot.waitUntil(lambda: "no customer header" in wizard.preview_page.status.text(), timeout=30_000)
    assert not wizard.preview_page.isComplete()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_every_sheet_previews_the_first_with_guests(qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本表由前台维护"])
    guests = book.create_sheet("A类客户")
    guests.append(["姓名", "手机"])
    guests.append(["王建国", "13812345678"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    go_to_preview(qtbot, wizard, path)  # the first entry: every sheet with guests
    preview = wizard.preview_page
    assert preview.grid.index(0, 0).data() == "姓名" and preview.header_row.value() == 1
    assert "说明" in preview.status.text()  # named as not read



def test_the_window_imports_and_undoes_through_the_wizard(qtbot: Any, window: Any, tmp_path: Path) -> None:
    """Ctrl+I opens the wizard over the window's database; the list shows the new guests after the
    import and loses them again after Undo — but for a guest given a reservation meanwhile, whom
    the undo keeps and says so."""
    import datetime as dt

    from guestcard.domain import Visit

    path = tmp_path / "guests.csv"
    path.write_text("姓名,手机\n欧阳修远,13811112222\n司马光,13922223333\n", encoding="utf-8")

    def listed() -> set[str]:
        model = fetch_all(qtbot, window.customers.model)
        return {model.customer_at(r).name for r in range(model.rowCount())}

    assert "欧阳修远" not in listed()
    window.import_sheet()
    wiz = window.import_wizard
    assert wiz.isVisible() and wiz.db is window.db and wiz.runner is window.runner
    go_to_preview(qtbot, wiz, path)
    wiz.next()
    wiz.next()
    wait_complete(qtbot, wiz)
    wiz.next()
    with qtbot.waitSignal(wiz.imported, timeout=30_000):
        wiz.next()
    assert {"欧阳修远", "司马光"} <= listed()
    (sima,) = customers.list_customers(window.db, CustomerFilter(query="司马光"))
    customers.add_visit(window.db, Visit(customer_id=sima.id, at=dt.datetime(2030, 1, 1, 18, 0), party_size=4))
    with qtbot.waitSignal(wiz.undone, timeout=30_000):
        wiz.summary_page.undo_button.click()
    names = listed()
    assert "欧阳修远" not in names and "司马光" in names
    assert "1 cards worked on since the import were left as they are" in wiz.summary_page.undo_text.text()
    wiz.accept()


def test_a_sheet_whose_header_is_not_recognised(qtbot: Any, wizard: ImportWizard, sqlite_db: Database,
                                                tmp_path: Path) -> None:
    """No header the reader knows: the page says so, the user double-clicks the header row, picks
    the name column on the next page, and the guests are imported."""
    path = tmp_path / "odd.csv"
    path.write_text("来宾,联络\n欧阳修远,13811112222\n司马光,13922223333\n", encoding="utf-8")
    open_file(qtbot, wizard, path)
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: "no customer header" in preview.status.text(), timeout=30_000)
    assert "Header row" in preview.status.text() and not preview.isComplete()
    assert preview.header_row.text() == "—" and preview.grid.index(0, 0).data() == "来宾"
    preview.view.doubleClicked.emit(preview.grid.index(0, 1))  # the user double-clicks row 1
    wait_complete(qtbot, wizard)
    assert preview.header_row.value() == 1 and preview.grid.header_row == 1
    assert "No column of row 1 is the guests' name" in preview.status.text()
    wizard.next()
    page = wizard.mapping_page
    assert [h for h, _ in page.combos] == ["来宾", "联络"] and not page.isComplete()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    combo_of(wizard, "来宾").setCurrentIndex(combo_of(wizard, "来宾").findData("name"))
    combo_of(wizard, "联络").setCurrentIndex(combo_of(wizard, "联络").findData("phone"))
    assert page.isComplete()
    wizard.next()
    wait_complete(qtbot, wizard)
    assert issues(wizard) == []
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=30_000) as imported:
        wizard.next()
    assert imported.args[0].imported == 2
    ouyang = customers.list_customers(sqlite_db, CustomerFilter(query="欧阳修远"))[0]
    assert ouyang.phone == "13811112222"


def test_a_file_dropped_on_the_wizard_is_opened(qtbot: Any, wizard: ImportWizard, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    path = messy_xlsx(tmp_path / "dropped.xlsx")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    page = wizard.file_page
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    page.dragEnterEvent(enter)
    assert enter.isAccepted()
    page.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheet_page, timeout=30_000)
    assert wizard.path == path

    other = ImportWizard(wizard.db, wizard.library, wizard.runner, wizard.settings)
    qtbot.addWidget(other)
    other.show()
    other.open_path(path)
    qtbot.waitUntil(lambda: other.currentPage() is other.sheet_page, timeout=30_000)


def test_the_wizard_switches_language_on_any_page(qtbot: Any, wizard: ImportWizard, tmp_path: Path,
                                                  languages: Any) -> None:
    go_to_preview(qtbot, wizard, messy_xlsx(tmp_path / "lang.xlsx"), sheet="客户档案")
    wizard.next()
    before = combo_of(wizard, "会员卡号").currentData()
    languages.apply("zh")
    assert wizard.windowTitle() != "Import guests from a spreadsheet"
    assert wizard.mapping_page.title() != "Columns"
    assert wizard.preview_page.header_label.text() != "Header row:"
    assert combo_of(wizard, "会员卡号").currentData() == before
    assert combo_of(wizard, "客户姓名").currentText() == wizard.library.fields["name"].label.zh
    assert wizard.mapping_page.note.text() != "Check the guesses; change any drop-down that is wrong."
    languages.apply("en")
    assert combo_of(wizard, "客户姓名").currentText() == wizard.library.fields["name"].label.en
    assert wizard.mapping_page.title() == "Columns"


def test_the_readers_issues_are_worded_by_their_code(qapp: Any) -> None:
    """The reader gives each issue a code and its pieces (no English to match, issue 21.3); the
    wizard words it through a translatable template, the pieces (values, cells) kept as they are,
    a value's reason inside "kept as text" worded too; an uncoded note is shown as written."""
    from PySide6.QtCore import QTranslator

    from guestcard.domain.messages import Code, Message
    from guestcard.gui.import_wizard import issue_text
    from guestcard.io import RowIssue

    class Marking(QTranslator):
        def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> str:
            return f"<{source}>" if context == "Messages" else ""

        def isEmpty(self) -> bool:
            return False

    reason = Message(Code.NOT_A_REAL_DATE, ("1985-02-30",))
    kept = RowIssue.coded("客户", 3, "生日", "warning", Code.KEPT_AS_TEXT, reason)
    assert kept.message == "1985-02-30 is not a real date; kept as text, the field left empty"
    assert issue_text(kept) == kept.message  # untranslated: word for word
    note = RowIssue("客户", None, None, "warning", "something new")
    assert issue_text(note) == "something new"
    marking = Marking()
    qapp.installTranslator(marking)
    try:
        assert issue_text(kept) == "<<1985-02-30 is not a real date>; kept as text, the field left empty>"
        nameless = RowIssue.coded("客户", 8, "姓名", "error", Code.ROW_WITHOUT_NAME)
        assert issue_text(nameless) == "<the row has no name; not imported>"
        ambiguous = RowIssue.coded("客户", 9, "生日", "warning", Code.DATE_AMBIGUOUS, "8/3/1985", "1985-08-03",
                                   "1985-03-08")
        assert issue_text(ambiguous) == "<8/3/1985 is ambiguous: month/day or day/month (1985-08-03 or 1985-03-08)>"
        assert issue_text(note) == "something new"
    finally:
        qapp.removeTranslator(marking)


def test_back_during_the_trial_run_stops_it(qtbot: Any, wizard: ImportWizard, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Back while the trial run reads: it is stopped, and a second trial run (another mapping)
    is the one shown."""
    from guestcard.services import importing

    real = importing.import_steps
    calls: list[threading.Event] = []

    def steps(*args: Any, cancelled: Any, **kwargs: Any) -> Iterator[Any]:
        held = threading.Event()
        calls.append(held)
        if len(calls) == 1:  # the first trial run waits until Back stopped it
            while not cancelled():
                threading.Event().wait(0.01)
        yield from real(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(importing, "import_steps", steps)
    go_to_preview(qtbot, wizard, messy_xlsx(tmp_path / "back.xlsx"), sheet="客户档案")
    wizard.next()
    wizard.next()
    first = wizard.dry_run_page._task
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=30_000)
    wizard.back()
    assert wizard.currentPage() is wizard.mapping_page
    qtbot.waitUntil(lambda: not first.running, timeout=30_000)
    assert first.was_cancelled
    number = combo_of(wizard, "会员卡号")
    number.setCurrentIndex(number.findData(IGNORE))
    wizard.next()
    wait_complete(qtbot, wizard)
    assert wizard.dry_run_page.report.rows == 4 and len(calls) == 2


def test_the_trial_run_lists_what_the_import_does_to_cards_and_replacing_is_a_choice(
        qtbot: Any, qtmodeltester: Any, wizard: ImportWizard, sqlite_db: Database, tmp_path: Path) -> None:
    """An old sheet meets a VIP's newer card: the trial run lists each field old → new and what
    happens to it; by default the card keeps what it says; ticking the box tries again and the
    import replaces them."""
    vip = customers.create_customer(sqlite_db, Customer(name="王建国", phone="13812345678", birthday=PartialDate(12, 3),
                                                        notes="老客户；带司机"))
    book = Workbook()
    ws = book.active
    ws.append(["2019年贵宾档案"])
    ws.merge_cells("A1:D1")
    ws.append(["姓名", "手机", "生日", "备注", "喜欢的包间"])
    ws.append(["王建国", "13812345678", "1985-03-02", "老客户", "牡丹厅"])
    ws.append(["2020-01-01", "以下为2020年"])
    book.save(tmp_path / "2019.xlsx")
    go_to_preview(qtbot, wizard, tmp_path / "2019.xlsx")
    wizard.next()  # mapping
    wizard.next()  # trial run
    page = wizard.dry_run_page
    wait_complete(qtbot, wizard)
    qtmodeltester.check(page.changes)
    rows = [tuple(page.changes.index(r, c).data() for c in range(6)) for r in range(page.changes.rowCount())]
    kept = "Kept as on the card (the sheet's noted in its history)"
    assert ("王建国", "3", "Birthday", "3 Dec", "2 Mar 1985", kept) in rows
    assert ("王建国", "3", "Notes", "老客户；带司机", "老客户", kept) in rows
    assert ("王建国", "3", "Preferred room or table", "", "牡丹厅", "Filled in") in rows
    assert page.changes_view.isVisible() and page.overwrite.isVisible() and not page.overwrite.isChecked()
    assert "2 kept as the card has them" in page.changes_label.text()
    assert ("4", "姓名", "Warning", "the name “2020-01-01” is a date, a number, a section heading or a "
            "placeholder, not a guest; row skipped") in issues(wizard)
    page.overwrite.setChecked(True)  # the manager chooses the sheet's values: tried again
    qtbot.waitUntil(lambda: page.report is not None and any(c.action == "replace" for c in page.report.changes),
                    timeout=30_000)
    assert customers.get_customer(sqlite_db, vip.id).notes == "老客户；带司机"  # a trial writes nothing
    wizard.next()
    assert wizard.currentPage() is wizard.duplicates_page
    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.next()
    card = customers.get_customer(sqlite_db, vip.id)
    assert (card.birthday, card.notes) == (PartialDate(3, 2, 1985), "老客户")
