"""The same data behaves the same on SQLite and PostgreSQL: one length limit checked before
writing (add, set, import, copy-db), NUL characters removed and counted, and a server that is
refused or goes away mid-import said in one line without guest data."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from guestcard.cli.main import main
from guestcard.services import customers
from guestcard.storage import Database

LONG_NAME = "王" * 201
LONG_COMPANY = "华润置地" * 60  # 240 characters


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_add_and_set_refuse_a_value_over_the_limit(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    code, _out, err = run(capsys, *db_args, "add", "--name", LONG_NAME)
    assert (code, err) == (2, "guestcard: name: 201 characters, at most 200\n")
    code, _out, err = run(capsys, *db_args, "add", "--name", "王建国", "--company", LONG_COMPANY)
    assert (code, err) == (2, "guestcard: company: 240 characters, at most 200\n")
    assert run(capsys, *db_args, "add", "--name", "王建国", "--company", "华" * 200)[0] == 0
    code, _out, err = run(capsys, *db_args, "set", "1", f"position={'总' * 201}")
    assert (code, err) == (2, "guestcard: position: 201 characters, at most 200\n")


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_an_import_refuses_the_row_naming_its_column_and_removes_nul(
    capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "guests.csv"
    sheet.write_text(f"姓名,单位,备注\n王建国,招商\x00银行,好\n{LONG_NAME},华润,x\n张三,{LONG_COMPANY},y\n",
                     encoding="utf-8")
    code, out, err = run(capsys, *db_args, "import", str(sheet))
    assert code == 0, err
    assert "imported 1 new" in out
    assert "row 3 column 姓名: 201 characters, at most 200; row not imported" in out
    assert "row 4 column 单位: 240 characters, at most 200; row not imported" in out
    assert "row 2 column 单位: 1 NUL character removed" in out
    assert LONG_NAME not in out and LONG_COMPANY not in out
    code, out, _err = run(capsys, *db_args, "list", "招商银行")
    assert "王建国" in out and "招商银行" in out


def test_a_card_saved_with_nul_keeps_the_rest(db: Database) -> None:
    made = customers.create_customer(db, customers.build_customer({"name": "王\x00建国", "notes": "a\x00b"}))
    assert made.id is not None
    assert customers.get_customer(db, made.id).name == "王建国"
    saved = customers.update_customer(db, made.id, {"notes": "花生\x00过敏"})
    assert saved.notes == "花生过敏"


def test_copy_db_refuses_a_value_over_the_limit_and_removes_nul(
    capsys: pytest.CaptureFixture[str], db_path: Path, server_url: str
) -> None:
    with Database.open(db_path) as db:
        customers.create_customer(db, customers.build_customer({"name": "王建国", "notes": "老客"}))
        customers.create_customer(db, customers.build_customer({"name": "李娜"}))
    with sqlite3.connect(db_path) as raw:  # what an older guestcard (or another program) let in
        raw.execute("UPDATE customers SET notes = 'a' || char(0) || 'b' WHERE id = 1")
        raw.execute("UPDATE customers SET company = ? WHERE id = 2", (LONG_COMPANY,))
    code, _out, err = run(capsys, "--db", str(db_path), "copy-db", "--to", server_url)
    assert code == 2
    assert err == ("guestcard: customers (id 2): company has 240 characters, at most 200; shorten it in the "
                   "source and copy again (nothing was copied)\n")
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE customers SET company = '华润' WHERE id = 2")
    code, out, err = run(capsys, "--db", str(db_path), "copy-db", "--to", server_url)
    assert code == 0, err
    assert "warning: 1 NUL characters removed from text (customers: 1)" in out
    with Database.open(server_url) as server:
        assert customers.get_customer(server, 1).notes == "ab"


def test_a_refused_connection_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db-url", "postgresql+psycopg://guestcard:secret@127.0.0.1:1/x", "list")
    assert code == 2 and err.count("\n") == 1 and "Connection refused" in err and "secret" not in err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_a_server_going_away_mid_import_is_one_line(server_url: str, tmp_path: Path) -> None:
    sheet = tmp_path / "many.csv"
    with sheet.open("w", encoding="utf-8") as handle:
        handle.write("姓名,手机,备注\n")
        for i in range(60_000):
            handle.write(f"客人{i},139{i:08d},花生过敏{i}\n")
    name = f"gc_victim_{os.getpid()}"
    victim = make_url(server_url).update_query_dict({"application_name": name}).render_as_string(False)
    Database.open(server_url).close()  # the schema made beforehand
    env = dict(os.environ)
    env.pop("GUESTCARD_DEBUG", None)
    child = subprocess.Popen([sys.executable, "-m", "guestcard", "--db-url", victim, "import", str(sheet)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    killer = create_engine(server_url)
    try:
        deadline = time.monotonic() + 120
        killed = False
        while not killed and child.poll() is None and time.monotonic() < deadline:
            with killer.begin() as connection:  # only our own import's connection, once it writes
                killed = bool(connection.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name "
                    "AND xact_start IS NOT NULL AND now() - xact_start > interval '1 second'"), {"name": name}
                ).scalars().all())
            time.sleep(0.2)
        _out, err = child.communicate(timeout=120)
    finally:
        killer.dispose()
    if not killed:
        pytest.skip("the import ended before its connection could be cut")
    assert child.returncode == 2, err
    assert err.count("\n") == 1 and "the connection to the database server was lost" in err
    assert "花生过敏" not in err and "客人" not in err and "139" not in err
    with Database.open(server_url) as db:
        assert customers.count_customers(db) == 0  # all or nothing
