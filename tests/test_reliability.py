"""Never lose a card: backups, restore, rotation, the lock, read-only, the audit trail, kills."""

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from guestcard.cli.main import main
from guestcard.domain import Customer
from guestcard.services import backup, customers
from guestcard.services.demo import fill_demo
from guestcard.storage import Database, DatabaseError
from guestcard.storage.lock import DatabaseLock, DatabaseLocked


def test_backup_is_a_consistent_copy_while_the_database_is_open(
    sqlite_db: Database, db_path: Path, tmp_path: Path
) -> None:
    fill_demo(sqlite_db, 30)
    path = backup.backup_database(sqlite_db, tmp_path / "usb")
    info = backup.backup_info(path)
    assert info.customers == 30 and info.reason == "manual" and info.schema == sqlite_db.schema_version()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list((tmp_path / "usb").glob(".*partial"))


def test_rotation_keeps_seven_days_and_four_weeks(tmp_path: Path, sqlite_db: Database) -> None:
    folder = tmp_path / "backups"
    start = dt.datetime(2026, 11, 23, 9, 0)
    for days_ago in range(60):
        for hour in (9, 15):
            backup.backup_database(
                sqlite_db, folder, reason="daily", now=start - dt.timedelta(days=days_ago, hours=9 - hour)
            )
    deleted = backup.rotate_backups(folder)
    kept = sorted(p.name for p in folder.glob("guestcard-*"))
    assert len(kept) == 11 and len(deleted) == 120 - 11
    tag = backup.source_tag(Path(sqlite_db.display_name))
    assert f"guestcard-20261123-150000-daily.{tag}.sqlite3" in kept  # the newest of today
    assert f"guestcard-20261123-090000-daily.{tag}.sqlite3" not in kept
    weeks = {dt.datetime.strptime(n[10:18], "%Y%m%d").isocalendar()[1] for n in kept}
    assert len(weeks) >= 5


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_guest_files_sharing_the_backup_folder_keep_their_own_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real file and a demo share the backup folder: each gets its daily backup, rotation
    counts each file's days apart, "the latest backup" of a file is one of its own, and a password
    set on one leaves the other's backups alone. Backups from before they said which file they are
    of are still offered."""
    folder = backup.default_backup_dir()  # where the command line looks for "the latest backup"
    real_path, demo_path = tmp_path / "real.sqlite3", tmp_path / "demo.sqlite3"
    real, demo = Database.open(real_path), Database.open(demo_path)
    customers.create_customer(real, Customer(name="真客"))
    fill_demo(demo, 5)
    assert backup.daily_backup(real, folder) is not None
    assert backup.daily_backup(demo, folder) is not None  # not "done today" for the other file
    assert backup.daily_backup(demo, folder) is None
    old = dt.datetime(2026, 1, 5, 9, 0)
    for day in range(10):  # ten days of demo backups: rotation must not take the real file's only one
        backup.backup_database(demo, folder, reason="daily", now=old + dt.timedelta(days=day))
    backup.rotate_backups(folder)
    real_backups = backup.list_backups(folder, database=real_path)
    assert [(b.customers, b.reason) for b in real_backups] == [(1, "daily")]
    assert {b.customers for b in backup.list_backups(folder, database=demo_path)} == {5}
    assert len(backup.list_backups(folder)) == 1 + 7  # the demo's: the last 7 days that have one
    legacy = folder / "guestcard-20250101-080000-daily.sqlite3"  # named as before this change
    backup.backup_database(real, legacy)
    assert legacy in [b.path for b in backup.list_backups(folder, database=demo_path)]
    real.close()
    demo.close()

    from guestcard.services.password import set_password

    report = set_password(real_path, "秘密123", backups=folder)
    assert real_backups[0].path in report.backups_updated
    assert all(backup.named_for(p, real_path) for p in report.backups_updated)
    assert not any(backup.backup_info(b.path).encrypted for b in backup.list_backups(folder, database=demo_path)
                   if b.path != legacy)

    # The hint beside a file that does not open names that file's newest backup.
    demo_path.write_bytes(b"not a database at all" * 100)
    for side in (demo_path.with_name(demo_path.name + "-wal"), demo_path.with_name(demo_path.name + "-shm")):
        side.unlink(missing_ok=True)
    newest_demo = backup.list_backups(folder, database=demo_path)[0].path
    assert main(["--db", str(demo_path), "list"]) == 2
    err = capsys.readouterr().err
    assert f"the latest backup is {newest_demo} " in err and backup.named_for(newest_demo, demo_path)
    assert not backup.named_for(real_backups[0].path, demo_path)


def test_backups_of_one_second_are_listed_newest_first(sqlite_db: Database, tmp_path: Path) -> None:
    """The daily backup at start, then the one before an import, in the same second: the latter is
    "the latest backup" (by the file names alone, "daily" would sort after "before-import")."""
    folder = tmp_path / "b"
    moment = dt.datetime(2026, 11, 23, 9, 0, 0)
    daily = backup.backup_database(sqlite_db, folder, reason="daily", now=moment)
    before_import = backup.backup_database(sqlite_db, folder, reason="before-import", now=moment)
    os.utime(daily, ns=(1_000_000_000, 1_000_000_000))
    assert [b.path for b in backup.list_backups(folder)] == [before_import, daily]


def test_daily_backup_once_a_day(sqlite_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    assert backup.daily_backup(sqlite_db, folder) is not None
    assert backup.daily_backup(sqlite_db, folder) is None
    assert len(backup.list_backups(folder)) == 1


def test_import_and_undo_make_backups_first(sqlite_db: Database, library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    from guestcard.services.importing import ImportOptions, import_file, undo_import

    book = Workbook()
    book.active.append(["姓名", "手机"])
    book.active.append(["甲", "13800000000"])
    book.save(tmp_path / "a.xlsx")
    folder = tmp_path / "b"
    report = import_file(sqlite_db, library, tmp_path / "a.xlsx", ImportOptions(backup_dir=folder))
    undo_import(sqlite_db, report.batch, backup_dir=folder)
    reasons = sorted(b.reason for b in backup.list_backups(folder))
    assert reasons == ["before-import", "before-undo"]
    before_import = next(b for b in backup.list_backups(folder) if b.reason == "before-import")
    assert before_import.customers == 0


def test_restore_and_a_new_password_first_close_connections_only_garbage_holds(
    sqlite_db: Database, db_path: Path, tmp_path: Path
) -> None:
    """A connection left in a reference cycle (as a dropped pool leaves one) is closed before the
    file is replaced: closed by the garbage collector afterwards, it would clean up the -wal and
    -shm files of the new file under the connections using it."""
    import gc
    import weakref

    from guestcard.services.password import set_password

    fill_demo(sqlite_db, 5)
    copy = backup.backup_database(sqlite_db, tmp_path / "b")
    sqlite_db.close()

    class Holder:
        pass

    def forgotten() -> weakref.ref:
        holder = Holder()
        holder.itself = holder  # a cycle: only the collector frees it
        holder.connection = sqlite3.connect(db_path)
        holder.connection.execute("SELECT COUNT(*) FROM customers").fetchall()
        return weakref.ref(holder)

    gc.disable()
    try:
        left = forgotten()
        backup.restore_database(db_path, copy, tmp_path / "b")
        assert left() is None
        left = forgotten()
        set_password(db_path, "秘密123", backups=tmp_path / "b")
        assert left() is None
    finally:
        gc.enable()


def test_restore_backs_up_first_and_moves_the_current_file_aside(db_path: Path, tmp_path: Path) -> None:
    db = Database.open(db_path)
    customers.create_customer(db, Customer(name="备份前"))
    saved = backup.backup_database(db, tmp_path / "b")
    customers.create_customer(db, Customer(name="备份后"))
    db.close()
    safety, aside = backup.restore_database(db_path, saved, tmp_path / "b")
    assert safety is not None and backup.backup_info(safety).customers == 2
    assert aside.exists() and aside.name.startswith("guests.sqlite3.replaced-")
    reopened = Database.open(db_path)
    assert [c.name for c in customers.list_customers(reopened)] == ["备份前"]
    reopened.close()


def test_restore_refuses_what_is_not_a_backup(db_path: Path, tmp_path: Path) -> None:
    Database.open(db_path).close()
    fake = tmp_path / "fake.sqlite3"
    fake.write_text("not a backup")
    with pytest.raises(backup.BackupError, match="not a guestcard backup"):
        backup.restore_database(db_path, fake)
    assert Database.open(db_path).schema_version()


def test_an_older_schema_is_backed_up_before_upgrading(tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).parent / "data" / "schema_0001.sqlite3", path)
    seen = []
    db = Database.open(path, before_upgrade=lambda d, rev: seen.append((rev, backup.backup_database(d, tmp_path))))
    assert seen and seen[0][0] == "0001" and backup.backup_info(seen[0][1]).schema == "0001"
    db.close()


def test_cli_backup_restore(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    assert main(["--db", str(db_path), "--create", "add", "--name", "张三"]) == 0
    assert main(["--db", str(db_path), "backup", str(tmp_path / "usb")]) == 0
    (saved,) = (tmp_path / "usb").glob("guestcard-*.sqlite3")
    assert main(["--db", str(db_path), "add", "--name", "李四"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(saved), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "1 customers" in out and "moved aside" in out
    assert main(["--db", str(db_path), "list", "--json"]) == 0
    assert [c["name"] for c in json.loads(capsys.readouterr().out)] == ["张三"]


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_a_damaged_database_is_refused_with_the_latest_backup_named(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert main(["--db", str(db_path), "--create", "add", "--name", "张三"]) == 0
    assert main(["--db", str(db_path), "backup"]) == 0
    size = db_path.stat().st_size
    with open(db_path, "r+b") as handle:  # truncate and scribble: a power cut on a bad disk
        handle.truncate(size // 3)
        handle.seek(0)
        handle.write(b"garbage" * 20)
    for side in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        side.unlink(missing_ok=True)
    capsys.readouterr()
    assert main(["--db", str(db_path), "list"]) == 2
    err = capsys.readouterr().err
    assert "not a usable guestcard database" in err and "the latest backup is" in err and "guestcard restore" in err
    assert err.count("\n") == 1


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_a_server_database_that_does_not_open_names_no_local_backup(
    capsys: pytest.CaptureFixture[str], db_path: Path, server_url: str
) -> None:
    """The backups folder holds copies of SQLite files: none of them puts a server database back."""
    from sqlalchemy.engine import make_url

    assert main(["--db", str(db_path), "--create", "add", "--name", "张三"]) == 0
    assert main(["--db", str(db_path), "backup"]) == 0
    missing = make_url(server_url).set(database="guestcard_no_such_database").render_as_string(False)
    capsys.readouterr()
    assert main(["--db-url", missing, "list"]) == 2
    err = capsys.readouterr().err
    assert "not a usable guestcard database" in err and "guestcard_no_such_database" in err
    assert "backup" not in err and err.count("\n") == 1


def test_the_second_program_on_a_database_is_told(db_path: Path) -> None:
    with DatabaseLock(db_path), pytest.raises(DatabaseLocked, match=r"already open in guestcard \(process \d+"):
        DatabaseLock(db_path).acquire()
    with DatabaseLock(db_path):  # released: free again
        pass


def test_a_crashed_holder_leaves_no_stale_lock(db_path: Path) -> None:
    code = (
        f"from guestcard.storage.lock import DatabaseLock; from pathlib import Path; import os; "
        f"DatabaseLock(Path({str(db_path)!r})).acquire(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    with DatabaseLock(db_path):
        pass


def test_read_only_opening_refuses_writes(db_path: Path) -> None:
    writable = Database.open(db_path)
    customers.create_customer(writable, Customer(name="只读"))
    reader = Database.open(db_path, read_only=True)
    assert [c.name for c in customers.list_customers(reader)] == ["只读"]
    with pytest.raises(Exception, match="readonly"):
        customers.create_customer(reader, Customer(name="写不进"))
    reader.close()
    writable.close()
    with pytest.raises(DatabaseError, match="no such guest file"):
        Database.open(db_path.with_name("missing.sqlite3"), read_only=True)
    assert not db_path.with_name("missing.sqlite3").exists()


def test_audit_trail_records_each_field_and_is_erased_with_the_customer(db: Database) -> None:
    created = customers.create_customer(db, Customer(name="王五", phone="13800000000"))
    customers.update_customer(db, created.id, {"phone": "13900000000", "class": "A", "preferred_seat": "兰亭"})
    changes = customers.history_of(db, created.id)
    assert {(c.field, c.old, c.new) for c in changes if c.field} == {
        ("phone", "13800000000", "13900000000"),
        ("class", None, "A"),
        ("preferred_seat", None, "兰亭"),
    }
    assert changes[-1].action == "create" and all(c.action == "edit" for c in changes[:-1])
    customers.delete_customer(db, created.id)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT COUNT(*) FROM customer_changes").scalar() == 0


CHILD = r"""
import sys, datetime as dt
from collections.abc import Iterator
from pathlib import Path
from guestcard.domain import Customer
from guestcard.forms import load_library
from guestcard.paths import shipped_dir
from guestcard.services import customers
from guestcard.services.backup import backup_database
from guestcard.services.exporting import export_customers
from guestcard.services.importing import ImportOptions, import_file
from guestcard.storage import Database

db = Database.open(sys.argv[1])
library = load_library(shipped_dir("forms"))
sheet, backups, export = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
n = 0
while True:
    report = import_file(db, library, sheet, ImportOptions(duplicates="new", backup_dir=backups))
    print(f"imported {report.batch}", flush=True)
    for i in range(5):
        n += 1
        c = customers.create_customer(db, Customer(name=f"保存{n}", notes=f"note {n}"))
        customers.update_customer(db, c.id, {"notes": f"saved {n}"})
        print(f"saved {n}", flush=True)
    exported = export_customers(db, library, export)
    print(f"exported {exported}", flush=True)
    backup_database(db, backups / "manual.sqlite3")
    print("backed up", flush=True)
"""


def _sound(path: Path) -> bool:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


@pytest.mark.slow
def test_killing_the_program_at_random_moments_loses_nothing_finished(tmp_path: Path) -> None:
    """Killed during an import (and the backup before it), a save, an export or a backup: the
    database is sound, every import all or nothing, every finished save there; every export and
    backup file in place is whole (each is written to a temporary file and renamed)."""
    from openpyxl import Workbook, load_workbook

    rows = 200
    book = Workbook()
    book.active.append(["姓名", "手机", "备注"])
    for i in range(rows):
        book.active.append([f"客{i}", f"139{i:08d}", "导入"])
    book.save(tmp_path / "sheet.xlsx")
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    rng = random.Random(20261123)
    db_path = tmp_path / "kill.sqlite3"
    deadline = time.monotonic() + 75
    kills = exports = 0
    phases: dict[str, int] = {}
    env = {**os.environ, "GUESTCARD_HOME": str(tmp_path / "home")}
    while kills < 25 and time.monotonic() < deadline:
        child = subprocess.Popen(
            [sys.executable, str(script), str(db_path), str(tmp_path / "sheet.xlsx"), str(tmp_path / "backups"),
             str(tmp_path / "export.xlsx")],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        time.sleep(rng.uniform(0.3, 2.5))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        kills += 1
        saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved")]
        last = out.splitlines()[-1] if out.strip() else ""
        phase = ("starting or importing" if not last or last == "backed up" else "saving" if last.startswith(
            ("imported", "saved")) and not (last.startswith("saved") and int(last.split()[1]) % 5 == 0)
            else "exporting" if last.startswith("saved") else "backing up")
        phases[phase] = phases.get(phase, 0) + 1
        with closing(sqlite3.connect(db_path)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "customers" not in tables:  # killed while creating the schema: all of it or none
                assert "alembic_version" not in tables and not saved
                continue
            imported = connection.execute("SELECT COUNT(*) FROM customers WHERE notes = '导入'").fetchone()[0]
            batches = connection.execute("SELECT COUNT(*) FROM import_batches").fetchone()[0]
            assert imported == rows * batches  # an import is all or nothing
            for n in saved:  # every finished save is there, with its last value
                notes = connection.execute("SELECT notes FROM customers WHERE name = ?", (f"保存{n}",)).fetchall()
                assert ("saved " + str(n),) in notes
            fts = connection.execute(
                "SELECT COUNT(*) FROM customer_name_fts WHERE customer_name_fts MATCH '客'"
            ).fetchone()[0]
            assert fts == imported  # the search index was committed with the rows
        export = tmp_path / "export.xlsx"
        if export.exists():  # the last finished export, whole
            exports += 1
            assert load_workbook(export, read_only=True).active.max_row >= 2
        for copy in (tmp_path / "backups").glob("*.sqlite3"):  # never a half-written backup
            assert _sound(copy), copy
    assert kills >= 10
    print(f"{kills} kill points ({phases}); {exports} checks of a finished export")


def test_a_backup_that_fails_half_way_leaves_the_previous_copy_whole(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy goes to a temporary file renamed into place: a failure before the rename (here
    the disk refusing to sync) never leaves a half-written backup under the real name."""
    fill_demo(sqlite_db, 10)
    target = tmp_path / "usb" / "guests-backup.sqlite3"
    target.parent.mkdir()
    first = backup.backup_database(sqlite_db, target)
    before = first.read_bytes()
    customers.create_customer(sqlite_db, Customer(name="后来的客人"))

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(backup.BackupError, match="cannot be backed up"):
        backup.backup_database(sqlite_db, target)
    assert target.read_bytes() == before and backup.backup_info(target).customers == 10
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temporary left


FORGOTTEN = {"name": "欧阳秘密", "phone": "13912345678", "notes": "ZZSECRETNOTEZZ", "seat": "ZZSEATZZ"}


def _forget_a_guest(path: Path) -> None:
    db = Database.open(path)
    try:
        fill_demo(db, 30)
        guest = customers.create_customer(db, Customer(name=FORGOTTEN["name"], phone=FORGOTTEN["phone"],
                                                       notes="first " + FORGOTTEN["notes"]))
        customers.update_customer(db, guest.id, {"notes": FORGOTTEN["notes"], "preferred_seat": FORGOTTEN["seat"]})
        customers.delete_customer(db, guest.id)
        with db.engine.connect() as connection:  # every connection erases what it deletes
            assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    finally:
        db.close()


def test_a_forgotten_guest_leaves_no_bytes_in_the_file(db_path: Path) -> None:
    """'Forget this guest': the rows, the audit trail's old and new values and the search terms
    are deleted, and ``secure_delete`` zeroes the freed pages (Python's SQLite on Windows and
    SQLCipher keep the bytes otherwise)."""
    _forget_a_guest(db_path)
    files = sorted(db_path.parent.glob(db_path.name + "*"))
    data = b"".join(f.read_bytes() for f in files if not f.name.endswith(".lock"))
    for value in FORGOTTEN.values():
        assert value.encode() not in data, value


def test_a_forgotten_guest_leaves_no_search_terms_in_the_file(db_path: Path) -> None:
    _forget_a_guest(db_path)
    assert FORGOTTEN["notes"].lower().encode() not in db_path.read_bytes()


def test_damage_deep_in_the_file_is_found_when_opening_with_check(db_path: Path) -> None:
    from guestcard.storage.database import DatabaseDamaged

    db = Database.open(db_path)
    fill_demo(db, 200)
    db.close()
    data = bytearray(db_path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 8192] = b"\xff" * 8192
    db_path.write_bytes(bytes(data))
    Database.open(db_path).close()  # the header and the schema are fine: a plain open does not notice
    with pytest.raises(DatabaseDamaged, match="malformed|damaged"):
        Database.open(db_path, check=True)


@pytest.mark.parametrize("kind", ["foreign", "newer"])
def test_a_foreign_or_newer_file_is_refused_without_a_byte_written(db_path: Path, kind: str) -> None:
    from guestcard.storage.database import ForeignDatabase, NewerSchema

    if kind == "newer":
        Database.open(db_path).close()
    connection = sqlite3.connect(db_path)
    if kind == "foreign":
        connection.execute("CREATE TABLE songs (title TEXT)")
    else:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.execute("PRAGMA journal_mode=DELETE")  # as another program leaves its file
    connection.close()
    before = db_path.read_bytes()
    beside = sorted(p.name for p in db_path.parent.iterdir())  # the newer one: opened once by guestcard
    with pytest.raises(ForeignDatabase if kind == "foreign" else NewerSchema):
        Database.open(db_path, check=True)
    assert db_path.read_bytes() == before  # not even switched to WAL
    assert sorted(p.name for p in db_path.parent.iterdir()) == beside


def test_every_connection_erases_what_it_deletes(tmp_path: Path) -> None:
    """Python's SQLite on Windows is built without secure_delete (Debian's with it, so the byte
    test above passes here either way): guestcard turns it on for every connection it makes."""
    from guestcard.storage.database import _sqlite_pragmas

    connection = sqlite3.connect(tmp_path / "any.sqlite3")
    try:
        connection.execute("PRAGMA secure_delete=OFF")  # as such a build starts
        _sqlite_pragmas(connection, None)
        assert connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        connection.close()


# -- the log file ----------------------------------------------------------------------------------


@pytest.fixture
def fresh_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """logsetup as at start: no handler yet (each test has its own GUESTCARD_HOME)."""
    import logging

    from guestcard import logsetup

    monkeypatch.setattr(logsetup, "_handler", None)
    yield logsetup
    handler = logsetup._handler
    if handler is not None:
        logging.getLogger("guestcard").removeHandler(handler)
        handler.close()


def test_an_unexpected_error_is_logged_with_its_context_and_traceback(
    fresh_log: object, isolated_home: Path
) -> None:
    from guestcard import __version__, logsetup

    try:
        {}["missing"]  # the bug
    except KeyError as exc:
        path = logsetup.log_exception(exc, "saving card 7", "gui")
    assert path == isolated_home / "logs" / "guestcard.log"
    text = path.read_text(encoding="utf-8")
    assert "ERROR guestcard.gui" in text and "unexpected error while saving card 7" in text
    assert f"guestcard {__version__}" in text and "Traceback" in text and "KeyError: 'missing'" in text


def test_the_log_is_rotated_and_bounded(
    fresh_log: object, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guestcard import logsetup

    monkeypatch.setattr(logsetup, "MAX_BYTES", 2_000)
    path = logsetup.configure_logging()
    for n in range(400):
        logsetup.logger("test").error("error number %d with some context to fill the file", n)
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["guestcard.log"] + [f"guestcard.log.{i}" for i in range(1, logsetup.BACKUP_COUNT + 1)]
    assert all(p.stat().st_size <= 2_000 + 200 for p in path.parent.iterdir())
    assert "error number 399" in path.read_text(encoding="utf-8")


def test_a_log_folder_that_cannot_be_made_falls_back_to_the_temporary_folder(
    fresh_log: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from guestcard import logsetup

    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x")
    monkeypatch.setenv("GUESTCARD_HOME", str(blocker))
    path = logsetup.configure_logging()
    assert path.parent == Path(tempfile.gettempdir()) / "guestcard-logs"
    logsetup.logger().error("still logged")


def test_the_command_line_names_the_log_for_a_bug(
    fresh_log: object, isolated_home: Path, db_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from guestcard.services import customers as service

    def broken(*_args: object, **_kwargs: object) -> object:
        raise ZeroDivisionError("split among 0 guests")

    Database.open(db_path).close()
    monkeypatch.setattr(service, "list_customers", broken)
    monkeypatch.delenv("GUESTCARD_DEBUG", raising=False)
    assert main(["--db", str(db_path), "list"]) == 1
    err = capsys.readouterr().err
    log = isolated_home / "logs" / "guestcard.log"
    assert err.count("\n") == 1 and "ZeroDivisionError: split among 0 guests" in err and str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "command 'list'" in text and "Traceback" in text


def test_rotation_removes_what_a_killed_backup_left_half_written(sqlite_db: Database, tmp_path: Path) -> None:
    """A temporary file no writer holds is a killed backup's (however new); one being written is
    kept (its writer holds the lock beside it)."""
    from guestcard.storage.lock import UseLock

    folder = tmp_path / "backups"
    kept = backup.backup_database(sqlite_db, folder, reason="daily")
    old = folder / f".{kept.name.replace('daily', 'manual')}.partial"
    old.write_bytes(b"SQLite format 3\x00 and then the power went")
    fresh = folder / ".guestcard-29990101-000000-manual.sqlite3.partial"  # being written right now
    fresh.write_bytes(b"SQLite format 3\x00")
    writer = UseLock(fresh).acquire_exclusive(wait=0)
    try:
        assert backup.rotate_backups(folder) == [old]
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [kept.name, fresh.name, fresh.name + ".inuse", fresh.name + ".inuse-gate"])
    finally:
        writer.forget()


def test_a_forgotten_guest_leaves_nothing_in_the_import_undo_records(
    db_path: Path, library: object, tmp_path: Path
) -> None:
    import csv

    from guestcard.services.importing import ImportOptions, import_file

    db = Database.open(db_path)
    try:
        guest = customers.create_customer(db, Customer(name="欧阳秘密", phone="13912345678", notes="ZZOLDNOTEZZ"))
        sheet = tmp_path / "update.csv"
        with sheet.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows([["姓名", "手机", "备注"], ["欧阳秘密", "13912345678", "ZZNEWNOTEZZ"]])
        # The sheet's note replaces the card's (asked for): the undo records then hold the old one.
        options = ImportOptions(backup_dir=tmp_path / "bk", overwrite=True)
        report = import_file(db, library, sheet, options)  # type: ignore[arg-type]
        assert report.updated == 1
        customers.delete_customer(db, guest.id)  # type: ignore[arg-type]
        with db.engine.connect() as connection:
            left = connection.exec_driver_sql(
                f"SELECT COUNT(*) FROM import_changes WHERE customer_id = {guest.id}"
            ).scalar()
    finally:
        db.close()
    assert left == 0
    data = db_path.read_bytes()
    assert b"ZZOLDNOTEZZ" not in data and b"13912345678" not in data
