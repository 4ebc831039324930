"""A guest file in a folder that cannot be written, opened in the window (issue 23): the card
shows why nothing can be changed and takes no edit, save, deletion or new record; the window no
new card, import or demo data; and a write SQLite still refuses is said as such, not as a bug.

As a user other than root the folder is made read-only for real (chmod 0555). A root process
writes through a folder's permissions, so there the folder is reported unwritable through the
readonly module's own detection (``folder_not_writable``); the file is then opened the same way
(SQLite ``mode=ro&immutable=1``), so the refused write below is SQLite's own refusal either way.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from window_helpers import close_window, make_window, open_card

from guestcard.domain import Customer
from guestcard.gui.error_report import refused_as_read_only, report_unexpected
from guestcard.gui.main_window import MainWindow
from guestcard.services import customers as services
from guestcard.storage import Database, readonly

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@pytest.fixture
def read_only_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    folder = tmp_path / "stick"
    folder.mkdir()
    file = folder / "guests.sqlite3"
    writer = Database.open(str(file), create=True)
    services.create_customer(writer, Customer(name="王建国", phone="13912345678", company="华夏银行"))
    writer.close()
    if ROOT or os.name == "nt":
        real = readonly.folder_not_writable

        def not_writable(where: Path) -> str | None:
            return os.strerror(errno.EACCES) if Path(where) == folder else real(where)

        monkeypatch.setattr(readonly, "folder_not_writable", not_writable)
    else:
        folder.chmod(0o555)
    try:
        db = Database.open(str(file))
        assert db.read_only and db.read_only_reason is not None  # found read-only, not told
        yield db
        db.close()
    finally:
        folder.chmod(0o755)


@pytest.fixture
def ro_window(qtbot: Any, read_only_db: Database, library: Any, languages: Any, qsettings: Any,
              tmp_path: Path) -> Iterator[MainWindow]:
    window = make_window(qtbot, read_only_db, library, languages, qsettings, tmp_path)
    yield window
    close_window(window)


def test_the_card_of_a_read_only_file_says_why_and_takes_no_change(qtbot: Any, ro_window: MainWindow) -> None:
    window = ro_window
    assert window.read_only
    assert not window.new_action.isEnabled() and not window.import_action.isEnabled()
    assert not window.demo_action.isEnabled()
    assert window.export_action.isEnabled() and window.print_action.isEnabled()  # reading is fine
    (guest,) = services.list_customers(window.db)
    open_card(qtbot, window, guest.id)
    card = window.customers.card
    assert card is not None and card.customer is not None
    assert "Read-only" in card.state_label.text() and "folder" in card.state_label.text()
    assert not card.delete_action.isEnabled() and not window.delete_action.isEnabled()
    company = card.editor("company")
    assert company.state() == "华夏银行" and not company.widget.isEnabled()
    assert not card.tags_editor.widget.isEnabled()
    for tab in (card.visits, card.contacts, card.relations):
        assert not tab.add_button.isEnabled(), type(tab).__name__
    # An edit that reaches the card anyway (a script, a stray shortcut) cannot be saved.
    company.set_state("别的公司")
    company.changed.emit()
    assert card.is_dirty() and not card.save_action.isEnabled() and not window.save_action.isEnabled()
    card.undo_stack.setClean()


def test_a_write_sqlite_refuses_is_said_as_read_only_not_as_a_bug(qtbot: Any, ro_window: MainWindow,
                                                                    answer: Any) -> None:
    with pytest.raises(Exception) as refused:
        services.create_customer(ro_window.db, Customer(name="新客"))
    assert refused_as_read_only(refused.value)  # SQLite's "attempt to write a readonly database"
    answer("warn", None)
    report_unexpected(ro_window, refused.value, "details")
    ((name, args),) = answer.asked
    assert name == "warn" and args[1] == "The guest file is read-only" and "not saved" in args[2]
    assert not refused_as_read_only(ValueError("a real bug"))
