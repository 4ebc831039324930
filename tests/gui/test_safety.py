"""Keeping the guest file safe, from the window: back up (to the backup folder or a chosen one),
restore (what the backup holds is shown before anything is replaced), the password (asked at
start, set/change/remove from the menu), a second guestcard (read-only or quit), a damaged,
foreign or too-new file (restore the latest backup, the file kept aside), and the unexpected-error
dialog naming the log. Real SQLite files in tmp_path; every prompt scripted with ``answer``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from window_helpers import Answers, close_window, make_window

from guestcard.forms import FormLibrary
from guestcard.gui.i18n import Languages
from guestcard.gui.main_window import MainWindow
from guestcard.gui.safety import PasswordDialog, RestoreDialog
from guestcard.services import customers
from guestcard.services.backup import backup_database, backup_info, list_backups
from guestcard.services.demo import fill_demo
from guestcard.services.password import set_password
from guestcard.settings import Settings
from guestcard.storage import Database
from guestcard.storage.database import is_plain_sqlite
from guestcard.storage.lock import DatabaseLock

OPEN = 30_000  # ms: opening runs on the window's thread pool (a wait, not a timed assertion)


def make_guest_file(path: Path, count: int, password: str | None = None) -> Path:
    db = Database.open(path)
    try:
        fill_demo(db, count)
    finally:
        db.close()
    if password is not None:
        set_password(path, password, backups=path.parent / "no-backups")
    return path


def count(path: Path, password: str | None = None) -> int:
    db = Database.open(path, password=password)
    try:
        return customers.count_customers(db)
    finally:
        db.close()


@pytest.fixture
def guest_file(tmp_path: Path) -> Path:
    return make_guest_file(tmp_path / "data" / "guests.sqlite3", 12)


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def window(qtbot: Any, library: FormLibrary, languages: Languages, qsettings: QSettings, tmp_path: Path,
           guest_file: Path, backups: Path) -> Iterator[MainWindow]:
    """A window that has not opened anything yet; its settings name ``guest_file`` and ``backups``."""
    settings = Settings(language="en", database_path=str(guest_file), backup_folder=str(backups))
    win = make_window(qtbot, None, library, languages, qsettings, tmp_path, settings)
    yield win
    close_window(win)


def open_window(qtbot: Any, window: MainWindow, target: Path | None = None) -> None:
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.open_database(str(target) if target else None)


def asked(answer: Answers, name: str) -> list[tuple[Any, ...]]:
    return [args for prompt, args in answer.asked if prompt == name]


# -- back up ---------------------------------------------------------------------------------------


def test_back_up_now_to_the_backup_folder_and_to_a_chosen_folder(
    qtbot: Any, window: MainWindow, answer: Answers, backups: Path, tmp_path: Path
) -> None:
    open_window(qtbot, window)
    daily = {p.name for p in backups.iterdir()}  # the once-a-day backup made at start
    assert len(daily) == 1 and "daily" in next(iter(daily))
    answer("inform", None)
    assert window.safety.backup_action.isEnabled()
    window.safety.backup_action.trigger()
    made = [p for p in backups.iterdir() if p.name not in daily]
    assert len(made) == 1 and "manual" in made[0].name
    assert backup_info(made[0]).customers == 12
    assert str(made[0]) in asked(answer, "inform")[-1][2]

    usb = tmp_path / "usb stick"
    usb.mkdir()
    answer("choose_folder", usb)
    window.safety.backup_to_action.trigger()
    (copy,) = usb.iterdir()
    assert backup_info(copy).customers == 12 and str(copy) in asked(answer, "inform")[-1][2]
    assert not list(usb.glob(".*partial"))  # written to a temporary file, then renamed

    answer("choose_folder", None)  # cancelled: nothing happens
    window.safety.backup_to_action.trigger()
    assert len(list(usb.iterdir())) == 1


def test_a_backup_that_cannot_be_written_says_why(
    qtbot: Any, window: MainWindow, answer: Answers, tmp_path: Path
) -> None:
    open_window(qtbot, window)
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("x")
    answer("choose_folder", not_a_folder / "sub")
    answer("warn", None)
    window.safety.backup_to_action.trigger()
    (args,) = asked(answer, "warn")
    assert "The backup failed" in args[2] and str(not_a_folder / "sub") in args[2]


# -- restore ---------------------------------------------------------------------------------------


def test_restore_shows_what_the_backup_holds_and_replaces_nothing_until_confirmed(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path, backups: Path
) -> None:
    open_window(qtbot, window)
    assert window.db is not None
    old = backup_database(window.db, backups, reason="before-import")
    customers.create_customer(window.db, customers.build_customer({"name": "新客人"}))
    assert count(guest_file) == 13

    seen: dict[str, Any] = {}

    def pick(dialog: RestoreDialog) -> bool:
        rows = [[dialog.list.topLevelItem(i).text(c) for c in range(4)]
                for i in range(dialog.list.topLevelItemCount())]
        seen["rows"] = rows
        for i, row in enumerate(rows):
            if row[3] == str(old):
                dialog.list.setCurrentItem(dialog.list.topLevelItem(i))
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    answer("run_dialog", pick)
    answer("confirm", False)
    window.safety.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(asked(answer, "confirm")), timeout=OPEN)  # the count is read on the runner
    assert ["before an import", "12 customers", str(old)] == next(
        r for r in seen["rows"] if r[3] == str(old)
    )[1:]
    (question,) = asked(answer, "confirm")
    text = question[2]
    assert old.name in text and "It holds 12 customers" in text and "now holds 13 customers" in text
    assert "before an import" in text
    # Declined: nothing replaced, nothing moved, the window still has the file open.
    assert count(guest_file) == 13 and not list(guest_file.parent.glob("*.replaced-*"))
    assert window.db is not None

    answer("confirm", True)
    answer("inform", None)
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.safety.restore_action.trigger()
    assert window.db is not None and customers.count_customers(window.db) == 12
    (aside,) = guest_file.parent.glob("guests.sqlite3.replaced-*[0-9]")
    assert count(aside) == 13  # the replaced file is kept, whole
    safety = [b for b in list_backups(backups) if b.reason == "before-restore"]
    assert len(safety) == 1 and safety[0].customers == 13
    assert str(aside) in asked(answer, "inform")[-1][2]


def test_restore_another_file_that_is_not_a_backup_is_refused_in_the_dialog(
    qtbot: Any, window: MainWindow, answer: Answers, tmp_path: Path, guest_file: Path
) -> None:
    open_window(qtbot, window)
    junk = tmp_path / "holiday.sqlite3"
    junk.write_bytes(b"not a backup at all" * 100)
    answer("open_file", junk)

    def try_other(dialog: RestoreDialog) -> bool:
        dialog.other.click()
        assert dialog.error.isVisibleTo(dialog) and "not a guestcard backup" in dialog.error.text()
        return False  # cancelled

    answer("run_dialog", try_other)
    window.safety.restore_action.trigger()
    assert count(guest_file) == 12 and not list(guest_file.parent.glob("*.replaced-*"))


# -- a second guestcard ----------------------------------------------------------------------------


def test_a_locked_database_offers_read_only(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path
) -> None:
    with DatabaseLock(guest_file.resolve()):
        answer("choose", 0)
        open_window(qtbot, window)
        (question,) = asked(answer, "choose")
        assert "already open in guestcard" in question[2] and question[3] == ["Open read-only", "Quit"]
        assert window.read_only and "(read-only)" in window.windowTitle()
        assert not window.safety.restore_action.isEnabled() and not window.safety.password_action.isEnabled()
        assert window.safety.backup_action.isEnabled()  # a backup only reads
        assert window.db is not None and customers.count_customers(window.db) == 12


def test_a_locked_database_quit(qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path) -> None:
    with DatabaseLock(guest_file.resolve()):
        answer("choose", 1)
        window.open_database()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=OPEN)
        assert window.db is None


# -- the password at start -------------------------------------------------------------------------


def test_an_encrypted_database_asks_for_the_password_and_a_wrong_one_says_so(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path
) -> None:
    set_password(guest_file, "牡丹厅8", backups=guest_file.parent / "none")
    tries: list[str | None] = []

    def type_password(dialog: PasswordDialog) -> bool:
        tries.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else None)
        assert dialog.mode == "open" and dialog.current.echoMode() == dialog.current.EchoMode.Password
        dialog.current.setText("wrong" if len(tries) == 1 else "牡丹厅8")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    answer("run_dialog", type_password)
    open_window(qtbot, window)
    assert tries == [None, "Wrong password. Try again."]
    assert window.db is not None and window.db.encrypted and customers.count_customers(window.db) == 12
    # The daily backup of an encrypted database is encrypted too.
    (daily,) = (window.settings.backup_dir() or Path()).iterdir()
    assert not is_plain_sqlite(daily) and backup_info(daily, "牡丹厅8").customers == 12


def test_cancelling_the_password_leaves_the_file_closed_and_untouched(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path
) -> None:
    set_password(guest_file, "secret", backups=guest_file.parent / "none")
    before = guest_file.read_bytes()
    answer("run_dialog", False)
    window.open_database()
    qtbot.waitUntil(lambda: bool(asked(answer, "run_dialog")), timeout=OPEN)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=OPEN)
    assert window.db is None and "not open" in window.loading.text()
    assert guest_file.read_bytes() == before
    DatabaseLock(guest_file.resolve()).acquire().release()  # nothing stays locked


def test_the_password_dialog_checks_what_is_typed(qtbot: Any) -> None:
    dialog = PasswordDialog("change", "guests.sqlite3", check_current=lambda typed: typed == "old")
    qtbot.addWidget(dialog)
    for current, new, repeat, problem in [
        ("", "a", "a", "Type the password."),
        ("bad", "a", "a", "Wrong password."),
        ("old", "", "", "Type the new password."),
        ("old", "a", "b", "The two new passwords differ."),
        ("old", "old", "old", "The new password is the same as the current one."),
        ("old", "new", "new", None),
    ]:
        dialog.current.setText(current)
        dialog.new.setText(new)
        dialog.repeat.setText(repeat)
        assert dialog.validate() == problem
    assert dialog.password() == "old" and dialog.new_password() == "new"


# -- Password… from the menu ----------------------------------------------------------------------


def test_set_change_and_remove_the_password_from_the_menu(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path, backups: Path
) -> None:
    open_window(qtbot, window)
    assert window.lock is not None

    def fill(current: str, new: str, repeat: str | None = None, *, expect: str | None = None) -> Any:
        def run(dialog: PasswordDialog) -> bool:
            dialog.current.setText(current)
            dialog.new.setText(new)
            dialog.repeat.setText(new if repeat is None else repeat)
            dialog.accept()
            if expect is not None:
                assert dialog.error.text() == expect and dialog.result() != dialog.DialogCode.Accepted
                return False
            return dialog.result() == dialog.DialogCode.Accepted

        return run

    # Set: two different passwords are refused in the dialog, nothing changes.
    answer("run_dialog", fill("", "one", "two", expect="The two new passwords differ."))
    window.safety.password_action.trigger()
    assert is_plain_sqlite(guest_file) and window.db is not None

    answer("run_dialog", fill("", "one"))
    answer("inform", None)
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.safety.password_action.trigger()
    assert not is_plain_sqlite(guest_file) and window.db is not None and window.db.password == "one"
    assert count(guest_file, "one") == 12
    assert all(not is_plain_sqlite(b) for b in backups.iterdir())  # the daily backup too
    assert "now encrypted" in asked(answer, "inform")[-1][2]

    # Change: the current password must be typed (a curious person at an open window cannot).
    answer("choose", 0)
    answer("run_dialog", fill("guess", "two", expect="Wrong password."))
    window.safety.password_action.trigger()
    assert count(guest_file, "one") == 12

    answer("run_dialog", fill("one", "two"))
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.safety.password_action.trigger()
    assert window.db is not None and window.db.password == "two" and count(guest_file, "two") == 12
    assert all(backup_info(b, "two").customers == 12 for b in backups.iterdir())

    # Remove.
    answer("choose", 1)
    answer("run_dialog", fill("two", ""))
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.safety.password_action.trigger()
    assert is_plain_sqlite(guest_file) and window.db is not None and window.db.password is None
    assert all(is_plain_sqlite(b) for b in backups.iterdir())
    assert window.lock is not None  # the reopened window holds the lock again


# -- a file that does not open ---------------------------------------------------------------------


def _truncate(path: Path) -> str:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return "damaged"


def _scribble(path: Path) -> str:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 8192] = b"\xff" * 8192  # deep in the file: only quick_check finds it
    path.write_bytes(bytes(data))
    return "damaged"


def _text(path: Path) -> str:
    path.write_text("姓名,电话\n王总,13812345678\n" * 200, encoding="utf-8")
    return "damaged"


def _foreign(path: Path) -> str:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    return "another program"


def _newer(path: Path) -> str:
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return "newer version of guestcard"


def _checkpoint(path: Path) -> None:
    """Everything in the main file (no -wal beside it), as after a clean exit."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()


@pytest.mark.parametrize("spoil", [_truncate, _scribble, _text, _foreign, _newer])
def test_a_file_that_does_not_open_offers_the_latest_backup_and_keeps_the_file(
    spoil: Any, qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path, backups: Path
) -> None:
    older = backup_database(guest_file, backups, reason="daily")
    older.rename(older.with_name(older.name.replace("-daily", "-1-daily").replace("guestcard-2", "guestcard-1")))
    latest = backup_database(guest_file, backups, reason="before-import")
    _checkpoint(guest_file)
    what = spoil(guest_file)
    spoiled = guest_file.read_bytes()

    answer("choose", 0)
    answer("inform", None)
    open_window(qtbot, window)
    (question,) = asked(answer, "choose")
    text = question[2]
    assert str(guest_file) in text and what in text
    assert "before an import" in text and "12 customers" in text
    assert question[3] == ["Restore the latest backup", "Quit"]
    assert window.db is not None and customers.count_customers(window.db) == 12
    (aside,) = [p for p in guest_file.parent.iterdir()
                if (".damaged-" in p.name or ".replaced-" in p.name) and p.name[-1].isdigit()]
    assert aside.read_bytes() == spoiled  # moved aside, never overwritten
    assert latest.exists()
    assert str(aside) in asked(answer, "inform")[-1][2]


def test_a_damaged_file_without_backups_says_so_and_is_left_alone(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path
) -> None:
    _checkpoint(guest_file)
    _truncate(guest_file)
    spoiled = guest_file.read_bytes()
    beside = {p.name for p in guest_file.parent.iterdir()}  # the file and the lock files of its making
    answer("show_error", None)
    window.open_database()
    qtbot.waitUntil(lambda: bool(asked(answer, "show_error")), timeout=OPEN)
    (error,) = asked(answer, "show_error")
    assert "cannot be opened" in error[2] and "no backup to restore" in error[2]
    assert guest_file.read_bytes() == spoiled and window.db is None
    assert {p.name for p in guest_file.parent.iterdir()} == beside | {"guests.sqlite3.lock"}


def test_declining_the_restore_quits_and_keeps_the_file(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path, backups: Path
) -> None:
    backup_database(guest_file, backups)
    _checkpoint(guest_file)
    _text(guest_file)
    spoiled = guest_file.read_bytes()
    answer("choose", 1)
    window.open_database()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=OPEN)
    assert guest_file.read_bytes() == spoiled


# -- the unexpected ---------------------------------------------------------------------------------


def test_an_unexpected_error_shows_a_dialog_naming_the_log_file(
    qtbot: Any, window: MainWindow, answer: Answers, isolated_home: Path
) -> None:
    from guestcard.gui.app import ExceptHook

    answer("show_error", None)
    hook = ExceptHook(window)
    try:
        raise ZeroDivisionError("the bill was split among 0 guests")
    except ZeroDivisionError as exc:
        hook(type(exc), exc, exc.__traceback__)
    (error,) = asked(answer, "show_error")
    log = isolated_home / "logs" / "guestcard.log"
    assert str(log) in error[2] and "split among 0 guests" in error[2]
    written = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError: the bill was split among 0 guests" in written and "Traceback" in written


def test_an_unexpected_error_while_opening_names_the_log_file(
    qtbot: Any, window: MainWindow, answer: Answers, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Database:
        raise KeyError("a bug")

    monkeypatch.setattr(Database, "open", broken)
    answer("show_error", None)
    window.open_database()
    qtbot.waitUntil(lambda: bool(asked(answer, "show_error")), timeout=OPEN)
    (error,) = asked(answer, "show_error")
    assert str(isolated_home / "logs" / "guestcard.log") in error[2] and "KeyError" in error[2]
    assert "not open" in window.loading.text()


# -- encrypted files that do not open ---------------------------------------------------------------


def test_a_damaged_encrypted_file_restores_an_encrypted_backup_after_its_password(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path, backups: Path
) -> None:
    backup_database(guest_file, backups, reason="daily", password="旧密码")  # before the password changed
    set_password(guest_file, "牡丹厅8", backups=guest_file.parent / "none")
    _truncate(guest_file)  # page 1 whole: the password opens it, then the file ends too soon
    spoiled = guest_file.read_bytes()
    typed: list[str] = []

    def type_password(dialog: PasswordDialog) -> bool:
        # 1: the guest file's own password; 2-3: the backup's, wrong then right.
        typed.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
        dialog.current.setText({1: "牡丹厅8", 2: "牡丹厅8", 3: "旧密码"}[len(typed)])
        return True

    answer("run_dialog", type_password)
    answer("choose", 0)
    answer("inform", None)
    open_window(qtbot, window)
    (question,) = asked(answer, "choose")
    assert "damaged" in question[2] and "protected by a password" in question[2]
    assert typed == ["", "", "Wrong password. Try again."]
    # The restored file has the backup's password.
    assert window.db is not None and window.db.password == "旧密码" and customers.count_customers(window.db) == 12
    (aside,) = guest_file.parent.glob("guests.sqlite3.damaged-*[0-9]")
    assert aside.read_bytes() == spoiled


def test_a_password_that_never_works_hints_at_damage_and_restore_stays_possible(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path, backups: Path
) -> None:
    set_password(guest_file, "secret", backups=guest_file.parent / "none")
    backup_database(guest_file, backups, reason="daily", password="secret")
    data = bytearray(guest_file.read_bytes())
    data[100:200] = bytes(100)  # page 1 damaged: no password opens it any more
    guest_file.write_bytes(bytes(data))
    errors: list[str] = []

    def dialogs(dialog: Any) -> bool:
        if isinstance(dialog, RestoreDialog):
            (row,) = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
            assert row.text(2) == "protected by a password"
            dialog.accept()
            return dialog.result() == dialog.DialogCode.Accepted
        if dialog.windowTitle() == "Password" and str(guest_file) in dialog.intro.text():
            errors.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
            if len(errors) == 4:
                return False  # gives up
            dialog.current.setText("secret")
            return True
        dialog.current.setText("secret")  # the backup's password
        return True

    answer("run_dialog", dialogs)
    window.open_database()
    qtbot.waitUntil(lambda: len(errors) == 4, timeout=OPEN)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=OPEN)
    assert errors[1] == "Wrong password. Try again." and "may be damaged" in errors[3]
    assert window.db is None and window.safety.restore_action.isEnabled()

    answer("confirm", True)
    answer("inform", None)
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.safety.restore_action.trigger()
    assert window.db is not None and window.db.password == "secret" and customers.count_customers(window.db) == 12
    assert "an unknown number of customers" in asked(answer, "confirm")[-1][2]
    assert len(list(guest_file.parent.glob("guests.sqlite3.replaced-*[0-9]"))) == 1


def test_restoring_a_backup_with_another_password_asks_for_it(
    qtbot: Any, window: MainWindow, answer: Answers, guest_file: Path, backups: Path
) -> None:
    old = backup_database(guest_file, backups, reason="manual", password="旧密码")  # from before a change
    open_window(qtbot, window)
    assert window.db is not None and window.db.password is None

    def dialogs(dialog: Any) -> bool:
        if isinstance(dialog, RestoreDialog):
            for i in range(dialog.list.topLevelItemCount()):
                if dialog.list.topLevelItem(i).text(3) == str(old):
                    dialog.list.setCurrentItem(dialog.list.topLevelItem(i))
            return True
        dialog.current.setText("旧密码")
        return True

    answer("run_dialog", dialogs)
    answer("confirm", True)
    answer("inform", None)
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.safety.restore_action.trigger()
    assert "It holds 12 customers" in asked(answer, "confirm")[-1][2]
    assert window.db is not None and window.db.password == "旧密码" and not is_plain_sqlite(guest_file)


# -- a very large sheet in the import wizard ---------------------------------------------------------


@pytest.mark.slow
def test_a_very_large_sheet_shows_a_determinate_progress_bar_and_stops_when_cancelled(
    qtbot: Any, sqlite_db: Database, library: FormLibrary, languages: Languages, tmp_path: Path
) -> None:
    from guestcard.gui.import_wizard import ImportWizard
    from guestcard.gui.worker import TaskRunner
    from test_large_inputs import million_row_xlsx

    # 200,000 rows: the same path as a million (tests/test_large_inputs.py runs that through the
    # service), a quarter of the time. A million rows take ~17 s to list the sheets (the safety
    # scan) and ~50 s until the first row is read, with the busy bar.
    rows = 200_000
    sheet = million_row_xlsx(tmp_path / "二十万.xlsx", rows)
    runner = TaskRunner()
    wiz = ImportWizard(sqlite_db, library, runner, Settings(language="en", backup_folder=str(tmp_path / "bk")))
    qtbot.addWidget(wiz)
    wiz.show()
    try:
        wiz.file_page.path.setText(str(sheet))
        wiz.next()
        qtbot.waitUntil(lambda: wiz.currentPage() is wiz.sheet_page, timeout=OPEN * 2)
        wiz.next()
        bar = wiz.preview_page.progress
        qtbot.waitUntil(lambda: bar.maximum() >= rows and bar.value() > 0, timeout=OPEN * 3)
        assert bar.isVisible() and bar.value() < bar.maximum()  # "row 2000 of 200001", moving
        runner.cancel_all()  # what leaving the page or closing the wizard does
        qtbot.waitUntil(lambda: not runner.busy, timeout=OPEN)
        assert customers.count_customers(sqlite_db) == 0
    finally:
        runner.cancel_all()
        runner.wait(30_000)
