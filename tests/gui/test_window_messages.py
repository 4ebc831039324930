"""Messages reach the window in its language by their code (issue 23, item 9): a Word document
given to the import, a backup that fails, a file already open were English in the Chinese window."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from window_helpers import open_card

from guestcard.domain.messages import Code
from guestcard.gui.i18n import Languages
from guestcard.gui.main_window import MainWindow
from guestcard.gui.messages import WORDS, say
from guestcard.io import ImportRefused, safety
from guestcard.services.backup import BackupError
from guestcard.storage.lock import DatabaseLock, DatabaseLocked

SOURCE = Path(__file__).resolve().parents[2] / "src" / "guestcard"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_every_code_the_lower_layers_raise_has_its_words() -> None:
    raised: set[str] = set()
    for path in (SOURCE / "io" / "safety.py", SOURCE / "storage" / "lock.py", SOURCE / "services" / "backup.py",
                 SOURCE / "storage" / "database.py"):
        raised |= set(re.findall(r'code="(\w+)"', path.read_text(encoding="utf-8")))
    assert raised and raised <= set(WORDS), sorted(raised - set(WORDS))
    assert raised <= set(Code)


def test_a_word_document_is_refused_in_chinese(tmp_path: Path, languages: Languages) -> None:
    path = tmp_path / "客户.xls"
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 2000)
    with pytest.raises(ImportRefused) as caught:
        safety.sniff(path)
    assert "Word document" in str(caught.value)  # English for the command line and the log
    languages.apply("zh")
    assert say(caught.value, path.name) == "客户.xls 是 Word 文档，不是表格"
    languages.apply("en")
    assert say(caught.value, path.name) == "客户.xls is a Word document, not a spreadsheet"


def test_a_file_already_open_and_a_failed_backup_in_chinese(tmp_path: Path, languages: Languages) -> None:
    db_file = tmp_path / "guests.sqlite3"
    holder = DatabaseLock(db_file).acquire()
    try:
        with pytest.raises(DatabaseLocked) as caught:
            DatabaseLock(db_file).acquire()
    finally:
        holder.release()
    languages.apply("zh")
    text = say(caught.value)
    assert text.startswith(f"{db_file} 已在 guestcard 中打开（process ") and "already open" not in text
    failed = BackupError("x: cannot be backed up to /media/usb (disk I/O error)", code="cannot_back_up",
                         file="x", args=("/media/usb", "disk I/O error"))
    assert say(failed) == "x 无法备份到 /media/usb（disk I/O error）"


def test_a_message_without_a_code_is_shown_as_written(languages: Languages) -> None:
    languages.apply("zh")
    assert say(ValueError("something new")) == "something new"


def test_a_name_over_the_limit_is_refused_in_chinese_in_the_chinese_window(
        qtbot: Any, window: MainWindow, languages: Languages, answer: Any) -> None:
    """A service's refusal (InvalidInput, coded) reaches the Chinese window in Chinese."""
    from gui_helpers import replace_text

    from guestcard.domain import Customer
    from guestcard.gui.card_editor import line_edit_of
    from guestcard.services import customers as services

    assert window.db is not None
    created = services.create_customer(window.db, Customer(name="王建国"))
    languages.apply("zh")
    open_card(qtbot, window, created.id)
    card = window.customers.card
    assert card is not None
    warnings: list[str] = []
    answer("warn", lambda _parent, _title, text: warnings.append(text))
    replace_text(qtbot, line_edit_of(card.editor("name")), "王" * 201)
    # Checked by the service, on the runner: the save ends unwritten with the refusal shown.
    with qtbot.waitSignal(card.saveEnded, timeout=10_000, check_params_cb=lambda written: not written):
        assert card.save()
    assert warnings == ["name：201 个字符，最多 200 个"]
    assert services.get_customer(window.db, created.id).name == "王建国"


def test_a_busy_file_during_an_import_is_said_in_chinese_not_as_a_bug(
        window: MainWindow, languages: Languages, answer: Any) -> None:
    """Issue 14.4: "database is locked" while an import holds the file is a friendly, translated
    warning naming the import, not the error dialog of a bug."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from guestcard.gui.app import ExceptHook
    from guestcard.storage.busy import long_write, sqlite_file

    assert window.db is not None
    file = sqlite_file(window.db)
    assert file is not None
    holder = sqlite3.connect(file)
    holder.execute("BEGIN IMMEDIATE")  # what an import's write transaction does to other writers
    try:
        writer = sqlite3.connect(file, timeout=0)
        with pytest.raises(sqlite3.OperationalError) as locked:
            writer.execute("BEGIN IMMEDIATE")
        writer.close()
        error = OperationalError("UPDATE customers …", {}, locked.value)
        warnings: list[tuple[str, str]] = []
        answer("warn", lambda _parent, title, text: warnings.append((title, text)))
        languages.apply("zh")
        with long_write(window.db, "an import"):
            ExceptHook(window)(OperationalError, error, None)
    finally:
        holder.rollback()
        holder.close()
    assert len(warnings) == 1, warnings  # a warning, not show_error (which would fail the test)
    title, text = warnings[0]
    assert title == "客户档案正忙"
    assert text.startswith(f"{file}：客户档案正忙：一项导入正在进行（进程 ") and "请等它结束后再试" in text
    assert not any(c.isascii() and c.isalpha() for c in text.replace(str(file), ""))
