"""Messages reach the window in its language by their code (issue 23, item 9): a Word document
given to the import, a backup that fails, a file already open were English in the Chinese window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guestcard.gui.i18n import Languages
from guestcard.gui.messages import REFUSALS, say
from guestcard.io import ImportRefused, safety
from guestcard.services.backup import BackupError
from guestcard.storage.lock import DatabaseLock, DatabaseLocked

SOURCE = Path(__file__).resolve().parents[2] / "src" / "guestcard"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_every_code_the_lower_layers_raise_has_its_words() -> None:
    raised: set[str] = set()
    for path in (SOURCE / "io" / "safety.py", SOURCE / "storage" / "lock.py", SOURCE / "services" / "backup.py"):
        raised |= set(re.findall(r'code="(\w+)"', path.read_text(encoding="utf-8")))
    assert raised and raised <= set(REFUSALS), sorted(raised - set(REFUSALS))


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
