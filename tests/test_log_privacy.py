"""The log is a plain file beside an encrypted database: readable by its owner only, and never
holding what SQLAlchemy and the drivers quote into their errors (SQL parameters, key values)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from guestcard import logsetup
from guestcard.cli.main import main
from guestcard.services import customers
from guestcard.storage import Database
from guestcard.storage.models import TagRow

SECRET = "花生过敏秘密"


@pytest.fixture(autouse=True)
def fresh_log() -> Iterator[None]:
    """Each test's log in its own home folder: the handler is attached anew and taken off after."""
    logsetup._handler = None
    yield
    for handler in list(logging.getLogger("guestcard").handlers):
        if isinstance(handler, logging.FileHandler):
            logging.getLogger("guestcard").removeHandler(handler)
            handler.close()
    logsetup._handler = None


def _log(home: Path) -> Path:
    return home / "logs" / logsetup.LOG_NAME


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_log_file_is_the_owners_only(isolated_home: Path) -> None:
    path = logsetup.configure_logging()
    logsetup.logger("test").warning("a line")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_log_left_readable_by_others_is_narrowed(isolated_home: Path) -> None:
    path = _log(isolated_home)
    path.parent.mkdir(parents=True)
    path.write_text("old\n")
    path.chmod(0o644)
    logsetup.configure_logging()  # as at the next start
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _unique_violation(url: str) -> IntegrityError:
    """A real driver error whose message quotes the guest's value (the engine as any other
    program would make it: parameters shown)."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(TagRow.__table__.insert(), {"name": SECRET})
            connection.execute(TagRow.__table__.insert(), {"name": SECRET})
    except IntegrityError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("the second insert went through")


def test_a_database_error_is_logged_without_its_values(db: Database, isolated_home: Path) -> None:
    error = _unique_violation(db.url)
    assert SECRET in str(error) or db.engine.dialect.name == "postgresql"  # (PostgreSQL: in DETAIL)
    try:
        raise RuntimeError("while saving") from error
    except RuntimeError as wrapped:
        path = logsetup.log_exception(wrapped, "saving customer 1")
    written = path.read_text(encoding="utf-8")
    assert "IntegrityError" in written and "Traceback" in written and "direct cause" in written
    assert SECRET not in written and "[parameters" not in written and "DETAIL" not in written
    assert SECRET not in logsetup.safe_description(error)


def test_the_engine_hides_parameters(db: Database) -> None:
    customers.create_customer(db, customers.build_customer({"name": "王建国"}))
    with pytest.raises(Exception) as caught, db.session() as session:
        session.execute(text("INSERT INTO customers (id, name) VALUES (:id, :name)"), {"id": 1, "name": SECRET})
    message = str(caught.value)
    assert "[SQL parameters hidden" in message
    # PostgreSQL still quotes the failing row in its DETAIL line: the safe description drops it.
    assert SECRET not in message or db.engine.dialect.name == "postgresql"
    assert SECRET not in logsetup.safe_description(caught.value)


def test_an_unexpected_error_from_the_command_line_names_no_guest(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db_path: Path, isolated_home: Path
) -> None:
    from guestcard.cli import customers_command

    def failing(ctx: object) -> int:  # a bug deep in a write: the driver's error with the row's values
        raise _unique_violation(f"sqlite:///{db_path}")

    monkeypatch.setattr(customers_command, "set_fields", failing)
    monkeypatch.delenv("GUESTCARD_DEBUG", raising=False)
    Database.open(db_path).close()
    code = main(["--db", str(db_path), "set", "1", f"notes={SECRET}"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "unexpected error (IntegrityError" in err
    assert SECRET not in err and "[SQL" not in err
    assert SECRET not in _log(isolated_home).read_text(encoding="utf-8")
