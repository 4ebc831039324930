"""The Export and Print dialogs driven through their widgets: an xlsx read back with openpyxl, PDFs
read back with pypdf (names present, confidential fields only on the full copy, blank forms), the
preview, and printing through Qt (a QPrinter writing PDF stands in for the printer)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from guestcard.domain import Customer, Visit
from guestcard.forms import FormLibrary
from guestcard.gui.export_dialog import ExportDialog
from guestcard.gui.models import ListFilter
from guestcard.gui.print_dialog import PrintDialog
from guestcard.gui.print_output import PREVIEW_CARDS
from guestcard.gui.print_pages import pdftoppm, qtpdf
from guestcard.gui.worker import TaskRunner
from guestcard.services import customers
from guestcard.settings import Settings
from guestcard.storage import Database

SECRET = "只在乎价格XYZ"


@pytest.fixture
def runner(qapp: Any) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.cancel_all()
    tasks.wait(30_000)


@pytest.fixture
def guests(sqlite_db: Database) -> dict[str, Customer]:
    """Three guests: one with a confidential note, one booked tomorrow evening, one of class B."""
    made = {
        "wang": customers.create_customer(sqlite_db, Customer(
            name="王建国", phone="13812345678", customer_class="A", company="华润置地", allergies="海鲜",
            fields={"attitude_to_us": SECRET})),
        "li": customers.create_customer(sqlite_db, Customer(name="李娜", phone="13900001111", customer_class="A")),
        "zhang": customers.create_customer(sqlite_db, Customer(name="张伟", customer_class="B")),
    }
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    customers.add_visit(sqlite_db, Visit(made["li"].id, dt.datetime.combine(tomorrow, dt.time(18, 30)),
                                         party_size=6, room="牡丹厅"))
    customers.add_visit(sqlite_db, Visit(made["zhang"].id, dt.datetime.combine(tomorrow, dt.time(12, 0)),
                                         party_size=2))
    return made


def settings(**changes: Any) -> Settings:
    return Settings(language="en", restaurant_name="江城大酒店", **changes)


# --- export ------------------------------------------------------------------------------------------


def export_dialog(qtbot: Any, db: Database, library: FormLibrary, runner: TaskRunner, **kwargs: Any) -> ExportDialog:
    dialog = ExportDialog(db, library, runner, settings(), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def run_export(qtbot: Any, dialog: ExportDialog, out: Path) -> tuple[int, str]:
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.export_button.isEnabled() and not dialog.progress.isVisible()
    return done.args[0], done.args[1]


def cells(path: Path) -> tuple[list[str], list[list[Any]]]:
    book = load_workbook(path, read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return [str(h) for h in rows[0]], rows[1:]


def test_export_everyone_without_and_with_confidential_fields(qtbot: Any, sqlite_db: Database,
                                                             library: FormLibrary, runner: TaskRunner,
                                                             guests: dict[str, Customer], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = export_dialog(qtbot, sqlite_db, library, runner)
    assert dialog.everyone.isChecked() and not dialog.filtered.isEnabled() and not dialog.chosen.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert not dialog.confidential.isChecked()
    count, where = run_export(qtbot, dialog, tmp_path / "staff")  # the suffix is added
    assert (count, where) == (3, str(tmp_path / "staff.xlsx"))
    assert "3 customers written" in dialog.status.text()
    opened: list[str] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()))
    assert dialog.open_button.isVisible()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "staff.xlsx")]
    headers, rows = cells(tmp_path / "staff.xlsx")
    assert "Name" in headers and "Attitude to us" not in headers
    assert sorted(r[headers.index("Name")] for r in rows) == ["张伟", "李娜", "王建国"]
    assert all(SECRET not in str(v) for r in rows for v in r)

    dialog.confidential.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    run_export(qtbot, dialog, tmp_path / "full.xlsx")
    headers, rows = cells(tmp_path / "full.xlsx")
    assert "姓名" in headers and "对本公司的态度" in headers
    wang = next(r for r in rows if r[headers.index("姓名")] == "王建国")
    assert wang[headers.index("对本公司的态度")] == SECRET
    assert wang[headers.index("手机")] == "13812345678"  # phones as text


def test_export_the_search_result_the_selection_and_one_form(qtbot: Any, sqlite_db: Database,
                                                            library: FormLibrary, runner: TaskRunner,
                                                            guests: dict[str, Customer], tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, sqlite_db, library, runner, list_filter=ListFilter(customer_class="A"),
                           selected=[guests["zhang"].id])
    assert dialog.chosen.isChecked() and "(1)" in dialog.chosen.text()
    assert dialog.language.currentData() == "en"  # the window's language by default
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    assert run_export(qtbot, dialog, tmp_path / "chosen.xlsx")[0] == 1
    assert [r[cells(tmp_path / "chosen.xlsx")[0].index("姓名")] for r in cells(tmp_path / "chosen.xlsx")[1]] \
        == ["张伟"]
    dialog.filtered.setChecked(True)
    dialog.form.setCurrentIndex(dialog.form.findData("guest_history"))
    assert run_export(qtbot, dialog, tmp_path / "class-a.xlsx")[0] == 2
    headers, rows = cells(tmp_path / "class-a.xlsx")
    assert sorted(r[headers.index("姓名")] for r in rows) == ["李娜", "王建国"]
    assert "对本公司的态度" not in headers  # not on the guest history card


def test_export_to_a_missing_folder_says_so(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                            runner: TaskRunner, guests: dict[str, Customer],
                                            tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, sqlite_db, library, runner)
    dialog.path.setText(str(tmp_path / "nowhere" / "x.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.status.text() and dialog.task is None


def test_export_failure_is_shown_not_raised(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                            runner: TaskRunner, guests: dict[str, Customer], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from guestcard.services import exporting

    def broken(*_args: Any, **_kwargs: Any) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(exporting, "export_customers", broken)
    dialog = export_dialog(qtbot, sqlite_db, library, runner)
    dialog.path.setText(str(tmp_path / "x.xlsx"))
    with qtbot.waitSignal(dialog.failed, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "disk full" in dialog.status.text() and dialog.export_button.isEnabled()
    assert not (tmp_path / "x.xlsx").exists()


def hold_at_first(stage_seen: threading.Event, pressed: threading.Event, progress: Any) -> Any:
    """A progress callback that stops the job at its first report until the test pressed Cancel."""

    def report(*args: Any) -> None:
        if not stage_seen.is_set():
            stage_seen.set()
            pressed.wait(20)
        progress(*args)

    return report


def test_export_cancelled_while_writing_leaves_no_file(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                                       runner: TaskRunner, guests: dict[str, Customer],
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from guestcard.services import exporting

    real = exporting.export_customers
    writing, pressed = threading.Event(), threading.Event()

    def held(*args: Any, progress: Any, **kwargs: Any) -> int:
        def report(stage: str, done: int, total: int | None) -> None:
            if stage == "writing":
                hold_at_first(writing, pressed, lambda *a: None)()
            progress(stage, done, total)

        return real(*args, progress=report, **kwargs)

    monkeypatch.setattr("guestcard.io.export.PROGRESS_EVERY", 1)
    monkeypatch.setattr(exporting, "export_customers", held)
    dialog = export_dialog(qtbot, sqlite_db, library, runner)
    dialog.path.setText(str(tmp_path / "stopped.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.stop_button.isVisible() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(writing.is_set, timeout=30_000)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    assert "Stopping" in dialog.status.text()
    pressed.set()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=30_000)
    assert "cancelled" in dialog.status.text() and dialog.export_button.isEnabled()
    assert not dialog.stop_button.isVisible()
    assert list(tmp_path.glob("*stopped*")) == []  # neither the workbook nor its temporary


def test_the_window_opens_the_export_dialog_with_its_selection(qtbot: Any, window: Any) -> None:
    window.export()
    dialog = window.export_dialog
    assert dialog.isVisible() and dialog.runner is window.runner
    dialog.reject()


# --- print -------------------------------------------------------------------------------------------


def print_dialog(qtbot: Any, db: Database, library: FormLibrary, runner: TaskRunner, **kwargs: Any) -> PrintDialog:
    dialog = PrintDialog(db, library, runner, settings(), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot: Any, dialog: PrintDialog, out: Path, answer: Any) -> PdfReader:
    answer("save_file", out)
    with qtbot.waitSignal(dialog.saved, timeout=120_000) as done:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert Path(done.args[0]) == out.with_suffix(".pdf")
    return PdfReader(str(out.with_suffix(".pdf")))


def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_print_the_selection_staff_and_full_copy(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                                 runner: TaskRunner, guests: dict[str, Customer], tmp_path: Path,
                                                 answer: Any) -> None:
    dialog = print_dialog(qtbot, sqlite_db, library, runner, selected=[guests["wang"].id, guests["li"].id])
    assert dialog.by_selection.isChecked() and dialog.staff.isChecked()
    assert dialog.form.currentData() == "guest_history" and dialog.size_box.currentData() == "A4"
    dialog.form.setCurrentIndex(dialog.form.findData("customer_data"))
    staff = save(qtbot, dialog, tmp_path / "staff", answer)
    words = text(staff)
    assert "王建国" in words and "李娜" in words and "江城大酒店" in words
    assert SECRET not in words
    assert len(staff.pages) >= 2  # each customer on a new page
    assert "saved to" in dialog.status.text()

    dialog.full.setChecked(True)
    full = save(qtbot, dialog, tmp_path / "full.pdf", answer)
    assert SECRET in text(full)


def test_a_persons_card_for_a_company_says_which_card_to_choose(qtbot: Any, sqlite_db: Database,
                                                                library: FormLibrary, runner: TaskRunner) -> None:
    company = customers.create_customer(sqlite_db, Customer(name="华润置地有限公司", kind="corporate"))
    dialog = print_dialog(qtbot, sqlite_db, library, runner, selected=[company.id])
    dialog.form.setCurrentIndex(dialog.form.findData("guest_history"))
    with qtbot.waitSignal(dialog.failed, timeout=60_000):
        dialog.preview()
    assert "corporate card" in dialog.status.text() and "--form" not in dialog.status.text()


def test_the_dialog_names_customers_of_the_wrong_kind_before_printing(
    qtbot: Any, sqlite_db: Database, library: FormLibrary, runner: TaskRunner, guests: dict[str, Customer],
    tmp_path: Path, answer: Any,
) -> None:
    company = customers.create_customer(sqlite_db, Customer(name="华润置地有限公司", kind="corporate"))
    dialog = print_dialog(qtbot, sqlite_db, library, runner, selected=[guests["wang"].id, company.id])
    dialog.form.setCurrentIndex(dialog.form.findData("guest_history"))
    answer("save_file", tmp_path / "no.pdf")
    answer("confirm", False)  # the manager reads who is skipped and stops
    dialog.ask_save()
    qtbot.waitUntil(lambda: any(a[0] == "confirm" for a in answer.asked), timeout=10_000)  # read on the runner
    (_, args), = [a for a in answer.asked if a[0] == "confirm"]
    assert "华润置地有限公司" in args[2] and f"#{company.id}" in args[2] and "王建国" not in args[2]
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert not (tmp_path / "no.pdf").exists()

    answer.asked.clear()
    answer("confirm", True)  # …or prints the others
    reader = save(qtbot, dialog, tmp_path / "yes.pdf", answer)
    assert [a for a in answer.asked if a[0] == "confirm"]
    assert "王建国" in text(reader) and "华润置地有限公司" not in text(reader)


def test_print_a_days_reservations_in_time_order_on_a6(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                                       runner: TaskRunner, guests: dict[str, Customer],
                                                       tmp_path: Path, answer: Any) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    dialog = print_dialog(qtbot, sqlite_db, library, runner, day=tomorrow)
    assert dialog.by_day.isChecked() and dialog.day.date() == QDate(tomorrow.year, tomorrow.month, tomorrow.day)
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("A6"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    reader = save(qtbot, dialog, tmp_path / "tomorrow.pdf", answer)
    starts = [page.extract_text() for page in reader.pages]
    zhang = next(i for i, t in enumerate(starts) if "张伟" in t)
    li = next(i for i, t in enumerate(starts) if "李娜" in t)
    assert zhang < li  # 12:00 before 18:30
    assert "王建国" not in text(reader)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (298, 420)  # A6 in points


def test_print_the_list_a_blank_form_and_an_empty_day(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                                      runner: TaskRunner, guests: dict[str, Customer],
                                                      tmp_path: Path, answer: Any) -> None:
    dialog = print_dialog(qtbot, sqlite_db, library, runner, list_filter=ListFilter(query="张伟"))
    assert dialog.by_list.isChecked() and not dialog.by_selection.isEnabled()
    words = text(save(qtbot, dialog, tmp_path / "search.pdf", answer))
    assert "张伟" in words and "王建国" not in words

    dialog.blank.setChecked(True)
    blank = save(qtbot, dialog, tmp_path / "blank.pdf", answer)
    assert 1 <= len(blank.pages) <= 2
    words = text(blank)
    assert "张伟" not in words and "王建国" not in words and "Name" in words and "Blank form" in words

    dialog.by_day.setChecked(True)
    dialog.day.setDate(QDate(2001, 1, 1))
    answer("save_file", tmp_path / "none.pdf")
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as failed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "no customers" in failed.args[0] and dialog.status.text().startswith("Nobody is booked on ")
    assert "2001" in dialog.status.text() and dialog.preview_count() == 0
    assert not (tmp_path / "none.pdf").exists()
    assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("viewer", ["qtpdf", "pdftoppm"])
def test_preview_and_print_through_qt(qtbot: Any, sqlite_db: Database, library: FormLibrary, runner: TaskRunner,
                                      guests: dict[str, Customer], tmp_path: Path, answer: Any, viewer: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview and the printout through QtPdf, or through pdftoppm's images where QtPdf is missing."""
    if (viewer == "qtpdf" and not qtpdf()) or (viewer == "pdftoppm" and pdftoppm() is None):
        pytest.skip(f"{viewer} is not installed")
    if viewer == "pdftoppm":
        monkeypatch.setattr("guestcard.gui.print_dialog.qtpdf", lambda: False)
    dialog = print_dialog(qtbot, sqlite_db, library, runner, selected=[guests["wang"].id, guests["li"].id])
    with qtbot.waitSignal(dialog.rendered, timeout=120_000) as done:
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.preview_count() == done.args[0].pages >= 2
    assert "2 cards on" in dialog.status.text()

    printed = tmp_path / "printer.pdf"

    def to_pdf(print_dialog: Any) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    answer("run_dialog", to_pdf)
    with qtbot.waitSignal(dialog.printed, timeout=120_000) as sent:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert "sent to the printer" in dialog.status.text() and dialog.print_button.isEnabled()
    assert len(PdfReader(str(printed)).pages) == sent.args[0] == dialog.last.pages

    answer("run_dialog", False)  # the user closes the printer dialog: nothing printed
    with qtbot.waitSignal(dialog.rendered, timeout=120_000):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert "sent to the printer" not in dialog.status.text()


def test_printing_cancelled_while_drawing_saves_nothing(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                                        runner: TaskRunner, guests: dict[str, Customer],
                                                        tmp_path: Path, answer: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from guestcard.services import printing

    real = printing.print_cards
    drawing, pressed = threading.Event(), threading.Event()

    def held(*args: Any, progress: Any, **kwargs: Any) -> int:
        return real(*args, progress=hold_at_first(drawing, pressed, progress), **kwargs)

    monkeypatch.setattr(printing, "print_cards", held)
    dialog = print_dialog(qtbot, sqlite_db, library, runner, selected=[guests["wang"].id, guests["li"].id])
    answer("save_file", tmp_path / "stopped.pdf")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(drawing.is_set, timeout=30_000)
    assert dialog.stop_button.isVisible() and not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    pressed.set()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=30_000)
    assert "Cancelled" in dialog.status.text() and dialog.save_button.isEnabled()
    assert list(tmp_path.glob("*stopped*")) == []


def test_the_preview_follows_the_choices(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                         runner: TaskRunner, guests: dict[str, Customer]) -> None:
    """Opening the dialog previews at once; changing a choice previews again; a long list is
    previewed by its first cards only."""
    from guestcard.services.demo import fill_demo

    fill_demo(sqlite_db, PREVIEW_CARDS + 8)
    dialog = PrintDialog(sqlite_db, library, runner, settings(), selected=[guests["wang"].id])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rendered, timeout=120_000) as first:
        dialog.show()
    assert first.args[0].cards == 1 and dialog.preview_count() == first.args[0].pages >= 1
    with qtbot.waitSignal(dialog.rendered, timeout=120_000) as blank:
        dialog.blank.setChecked(True)
    assert blank.args[0].blank and "blank form" in dialog.status.text()
    with qtbot.waitSignal(dialog.rendered, timeout=120_000) as everyone:
        dialog.by_list.setChecked(True)  # the list shows everyone
    drawn = everyone.args[0]
    assert drawn.cards == PREVIEW_CARDS and drawn.total == PREVIEW_CARDS + 8 + 3
    assert f"The first {PREVIEW_CARDS} of {PREVIEW_CARDS + 11} cards" in dialog.status.text()
    assert dialog.preview_count() == drawn.pages
    dialog.reject()


def test_the_window_prints_tomorrows_cards(qtbot: Any, window: Any) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    window.print_cards(day=tomorrow)
    dialog = window.print_dialog
    assert dialog.isVisible() and dialog.by_day.isChecked()
    dialog.reject()


def test_the_dialogs_switch_language_while_open(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                                runner: TaskRunner, guests: dict[str, Customer],
                                                languages: Any) -> None:
    export = export_dialog(qtbot, sqlite_db, library, runner)
    printing = print_dialog(qtbot, sqlite_db, library, runner, selected=[guests["wang"].id])
    printing.form.setCurrentIndex(printing.form.findData("customer_data"))
    printing.size_box.setCurrentIndex(printing.size_box.findData("A6"))
    languages.apply("zh")
    assert export.windowTitle() == "导出到 Excel" and export.export_button.text() == "导出"
    assert printing.windowTitle() != "Print cards" and printing.full.text() != "Manager's full copy"
    assert printing.form.currentData() == "customer_data" and printing.size_box.currentData() == "A6"  # kept
    assert printing.form.currentText() == library.form("customer_data").title.zh
    languages.apply("en")
    assert export.windowTitle() == "Export to Excel" and printing.windowTitle() == "Print cards"


@pytest.mark.skipif(not qtpdf(), reason="QtPdf is not installed")
def test_sending_to_the_printer_can_be_cancelled(qtbot: Any, sqlite_db: Database, library: FormLibrary,
                                                 runner: TaskRunner, guests: dict[str, Customer], tmp_path: Path,
                                                 answer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from guestcard.gui import print_pages as module

    real = module.draw_fitted
    painting, pressed = threading.Event(), threading.Event()

    def held(painter: Any, image: Any) -> None:
        real(painter, image)
        if not painting.is_set():
            painting.set()
            pressed.wait(20)

    monkeypatch.setattr(module, "draw_fitted", held)
    dialog = print_dialog(qtbot, sqlite_db, library, runner, selected=[guests["wang"].id, guests["li"].id])

    def to_pdf(print_dialog: Any) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        print_dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        print_dialog.printer().setOutputFileName(str(tmp_path / "printer.pdf"))
        return True

    answer("run_dialog", to_pdf)
    printed: list[int] = []
    dialog.printed.connect(printed.append)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(painting.is_set, timeout=60_000)
    assert dialog.stop_button.isVisible()
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    pressed.set()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=60_000)
    assert "Cancelled" in dialog.status.text() and printed == []
    assert dialog.print_button.isEnabled()


def test_enter_exports_and_prints(qtbot: Any, sqlite_db: Database, library: FormLibrary, runner: TaskRunner,
                                  guests: dict[str, Customer], tmp_path: Path, answer: Any) -> None:
    export = export_dialog(qtbot, sqlite_db, library, runner)
    export.path.setText(str(tmp_path / "enter.xlsx"))
    with qtbot.waitSignal(export.exported, timeout=60_000):
        qtbot.keyClick(export.path, Qt.Key.Key_Return)
    assert (tmp_path / "enter.xlsx").is_file()
    printing = print_dialog(qtbot, sqlite_db, library, runner, selected=[guests["wang"].id])
    assert printing.print_button.isDefault() and not printing.preview_button.isDefault()
