"""The optional password: an SQLCipher-encrypted file, wrong passwords, re-encryption, backups."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3", reason="encryption needs sqlcipher3-wheels (the encryption extra)")

from guestcard.cli.main import main
from guestcard.domain import Customer
from guestcard.services import backup, customers
from guestcard.services.password import PasswordError, change_password, remove_password, set_password
from guestcard.storage import CustomerFilter, Database, DatabaseError
from guestcard.storage.database import PasswordRequired, WrongPassword
from guestcard.storage.lock import DatabaseLock, DatabaseLocked

SECRET = "王秘书长"  # a guest's name that must never appear in the file's bytes
PHONE = "13912345678"
PASSWORD = "龙井'\"; 2026"  # quotes and Chinese: the key is quoted right everywhere


def _fill(db: Database, n: int = 3) -> None:
    customers.create_customer(db, Customer(name=SECRET, phone=PHONE, notes="只喝明前龙井", company="华夏酒店"))
    for i in range(n - 1):
        customers.create_customer(db, Customer(name=f"客人{i}", phone=f"1380000{i:04d}"))


def _names(db: Database, query: str = "") -> list[str]:
    return sorted(c.name for c in customers.list_customers(db, CustomerFilter(query=query)))


def _bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


def _plaintext_in(path: Path) -> bool:
    data = _bytes(path)
    return SECRET.encode() in data or PHONE.encode() in data or SECRET.encode("utf-16-le") in data


@pytest.fixture
def encrypted(db_path: Path) -> Path:
    db = Database.open(db_path, password=PASSWORD)
    _fill(db)
    db.close()
    return db_path


def test_an_encrypted_file_holds_no_plaintext_and_search_works(db_path: Path) -> None:
    db = Database.open(db_path, password=PASSWORD)
    _fill(db)
    assert db.encrypted
    # FTS5 (the search index) and the JSON functions work in this SQLCipher build.
    assert _names(db, "王秘") == [SECRET] and _names(db, "3912345") == [SECRET] and _names(db, "wmsz") == [SECRET]
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT json_extract('{\"a\": 1}', '$.a')").scalar() == 1
    assert _plaintext_in(db_path) is False  # also the -wal while it is open
    db.close()
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    assert _plaintext_in(db_path) is False
    # Plain SQLite cannot read it.
    with closing(sqlite3.connect(db_path)) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM customers").fetchall()
    reopened = Database.open(db_path, password=PASSWORD)
    assert _names(reopened) == sorted([SECRET, "客人0", "客人1"])
    reopened.close()


def test_the_plain_database_does_hold_the_name(db_path: Path) -> None:
    """The check above would see the name: without a password it is in the file."""
    db = Database.open(db_path)
    _fill(db)
    db.close()
    assert _plaintext_in(db_path)


def test_a_wrong_password_says_so_and_changes_nothing(encrypted: Path) -> None:
    before = {p.name: p.read_bytes() for p in encrypted.parent.iterdir() if p.is_file()}
    with pytest.raises(WrongPassword, match=r"guests\.sqlite3: wrong password$"):
        Database.open(encrypted, password="not it")
    with pytest.raises(WrongPassword):
        Database.open(encrypted, password="not it", read_only=True)
    assert {p.name: p.read_bytes() for p in encrypted.parent.iterdir() if p.is_file()} == before
    # It locked nothing: the lock is free and the right password opens at once.
    with DatabaseLock(encrypted):
        pass
    db = Database.open(encrypted, password=PASSWORD)
    assert SECRET in _names(db)
    db.close()


def test_an_encrypted_file_without_a_password_asks_for_it(encrypted: Path) -> None:
    with pytest.raises(PasswordRequired, match=r"guests\.sqlite3: encrypted — give the password$"):
        Database.open(encrypted)
    with pytest.raises(PasswordRequired):
        Database.open(encrypted, read_only=True)


def test_a_plain_file_opened_with_a_password_is_told_apart(db_path: Path) -> None:
    Database.open(db_path).close()
    with pytest.raises(DatabaseError, match="not encrypted — open it without a password"):
        Database.open(db_path, password=PASSWORD)


def test_a_damaged_file_is_not_called_encrypted(db_path: Path) -> None:
    db_path.write_bytes(b"garbage" * 1000)
    with pytest.raises(DatabaseError) as caught:
        Database.open(db_path)
    assert not isinstance(caught.value, PasswordRequired) and "not a usable guestcard database" in str(caught.value)


def test_set_change_and_remove_the_password(db_path: Path, tmp_path: Path) -> None:
    db = Database.open(db_path)
    _fill(db)
    db.close()
    folder = tmp_path / "backups"
    old_backup = backup.backup_database(db_path, folder)  # taken before any password: plain

    report = set_password(db_path, "first", backups=folder)
    assert not _plaintext_in(db_path) and report.backups_updated == [old_backup]
    assert not _plaintext_in(old_backup)  # no readable copy is left behind
    assert not list(db_path.parent.glob("*.rekeyed-*")) and not list(db_path.parent.glob(".*rekeying"))
    with pytest.raises(PasswordRequired):
        Database.open(db_path)
    db = Database.open(db_path, password="first")
    assert SECRET in _names(db)
    db.close()

    with pytest.raises(WrongPassword):
        change_password(db_path, "wrong", "second", backups=folder)
    change_password(db_path, "first", "second", backups=folder)
    with pytest.raises(WrongPassword):
        Database.open(db_path, password="first")
    db = Database.open(db_path, password="second")
    assert _names(db, "王秘") == [SECRET]
    db.close()
    assert backup.backup_info(old_backup, "second").customers == 3

    remove_password(db_path, "second", backups=folder)
    assert db_path.read_bytes().startswith(b"SQLite format 3") and _plaintext_in(db_path)
    db = Database.open(db_path)
    assert len(_names(db)) == 3
    db.close()
    assert backup.backup_info(old_backup).encrypted is False


def test_set_password_refuses_what_it_should(encrypted: Path, tmp_path: Path) -> None:
    with pytest.raises(PasswordError, match="already has a password"):
        set_password(encrypted, "x", backups=tmp_path)
    with pytest.raises(PasswordError, match="same as the current"):
        change_password(encrypted, PASSWORD, PASSWORD, backups=tmp_path)
    with DatabaseLock(encrypted), pytest.raises(DatabaseLocked):  # another guestcard has it open
        change_password(encrypted, PASSWORD, "new", backups=tmp_path)
    db = Database.open(encrypted, password=PASSWORD)  # still the old password, nothing changed
    db.close()


def test_a_database_still_open_elsewhere_is_not_rekeyed(encrypted: Path, tmp_path: Path) -> None:
    other = Database.open(encrypted, password=PASSWORD)
    _names(other)  # a connection holds the file (another program without the lock file)
    try:
        with pytest.raises(PasswordError, match="in use by another"):
            change_password(encrypted, PASSWORD, "new", backups=tmp_path, lock=False)
    finally:
        other.close()
    db = Database.open(encrypted, password=PASSWORD)
    assert SECRET in _names(db)
    db.close()


def test_encrypted_backup_and_restore(encrypted: Path, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    db = Database.open(encrypted, password=PASSWORD)
    saved = backup.backup_database(db, folder)
    customers.create_customer(db, Customer(name="备份后"))
    assert backup.daily_backup(db, folder) is None  # today's backup is found although encrypted
    db.close()
    assert not _plaintext_in(saved) and not saved.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(backup.BackupError, match="encrypted — give the password"):
        backup.backup_info(saved)
    with pytest.raises(backup.BackupError, match="wrong password"):
        backup.backup_info(saved, "nope")
    info = backup.backup_info(saved, PASSWORD)
    assert info.customers == 3 and info.encrypted
    assert [b.customers for b in backup.list_backups(folder)] == [None]  # listed, count unknown
    with pytest.raises(backup.BackupError, match="encrypted — give the password"):
        backup.backup_database(encrypted, folder)  # a file without its password: no plain copy

    safety, aside = backup.restore_database(encrypted, saved, folder, password=PASSWORD)
    assert safety is not None and backup.backup_info(safety, PASSWORD).customers == 4
    assert not _plaintext_in(safety) and not _plaintext_in(encrypted)
    db = Database.open(encrypted, password=PASSWORD)
    assert "备份后" not in _names(db) and SECRET in _names(db)
    db.close()
    with closing(sqlite3.connect(aside)) as connection, pytest.raises(sqlite3.DatabaseError):
        connection.execute("SELECT 1 FROM customers")  # the file moved aside is encrypted too


def test_restoring_an_old_plain_backup_keeps_the_database_encrypted(db_path: Path, tmp_path: Path) -> None:
    db = Database.open(db_path)
    _fill(db)
    plain = backup.backup_database(db, tmp_path / "old")
    db.close()
    set_password(db_path, PASSWORD, backups=tmp_path / "elsewhere")
    backup.restore_database(db_path, plain, tmp_path / "b", password=PASSWORD)
    assert not _plaintext_in(db_path)
    db = Database.open(db_path, password=PASSWORD)
    assert SECRET in _names(db)
    db.close()


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_password_file_env_and_commands(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ["--db", str(db_path)]
    assert main([*base, "--create", "add", "--name", SECRET, "--phone", PHONE]) == 0
    new_file = tmp_path / "new.txt"
    new_file.write_text("第一个密码\n", encoding="utf-8")  # a trailing newline is not part of it
    assert main([*base, "password", "set", "--new-password-file", str(new_file)]) == 0
    assert "now encrypted" in capsys.readouterr().out
    assert not _plaintext_in(db_path)

    capsys.readouterr()
    assert main([*base, "list"]) == 2  # no terminal to ask on
    err = capsys.readouterr().err
    assert "encrypted — give the password" in err and "--password-file" in err and err.count("\n") == 1

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope", encoding="utf-8")
    assert main([*base, "--password-file", str(wrong), "list"]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("wrong password") and "latest backup" not in err

    assert main([*base, "--password-file", str(new_file), "list", "--json"]) == 0
    assert [c["name"] for c in json.loads(capsys.readouterr().out)] == [SECRET]

    monkeypatch.setenv("GUESTCARD_PASSWORD", "第一个密码")
    monkeypatch.setenv("GUESTCARD_NEW_PASSWORD", "second")
    assert main([*base, "password", "change"]) == 0
    monkeypatch.setenv("GUESTCARD_PASSWORD", "second")
    assert main([*base, "backup", str(tmp_path / "usb")]) == 0
    (saved,) = (tmp_path / "usb").glob("guestcard-*.sqlite3")
    assert not _plaintext_in(saved)
    assert main([*base, "add", "--name", "后来的"]) == 0
    capsys.readouterr()
    assert main([*base, "restore", str(saved), "--yes"]) == 0
    assert "1 customers" in capsys.readouterr().out
    assert main([*base, "password", "remove"]) == 0
    monkeypatch.delenv("GUESTCARD_PASSWORD")
    capsys.readouterr()
    assert main([*base, "list", "--json"]) == 0
    assert [c["name"] for c in json.loads(capsys.readouterr().out)] == [SECRET]


def test_cli_asks_on_a_terminal(
    capsys: pytest.CaptureFixture[str], encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    asked = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or PASSWORD)
    assert main(["--db", str(encrypted), "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3 and asked == [f"password for {encrypted}: "]


def test_cli_password_file_problems(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    assert main(["--db", str(db_path), "--password-file", str(empty), "list"]) == 2
    assert "password file is empty" in capsys.readouterr().err
    assert main(["--db", str(db_path), "--password-file", str(tmp_path / "missing"), "list"]) == 2
    assert "cannot read the password file" in capsys.readouterr().err
