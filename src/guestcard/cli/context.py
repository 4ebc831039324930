"""What every command shares: its context (arguments, the database and form library opened
when first used), the one-line error, reading a password, and how a topic module adds its commands."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guestcard.domain import values
from guestcard.domain.messages import Code, Message, Refusal, message_of
from guestcard.paths import is_default_database, shipped_dir, user_forms_dir

LANG_HELP = "zh or en (default: the language of the settings, as in the window)"
# Commands that exist to fill a new guest file: they make a missing one (others need --create).
CREATING_COMMANDS = frozenset({"demo"})
EXIT_USAGE = 2  # bad input, unknown id, unusable file or database: one line on stderr


class CommandError(Refusal):
    """A failure the user can act on; printed as one line, exit code 2 (raised with a ``Code``, or
    made ``of`` a coded refusal, it is worded in the command's language)."""

    @classmethod
    def of(cls, exc: BaseException, what: str | None = None) -> CommandError:
        """``exc`` as the command's refusal (after ``what: `` when given, the option it concerns):
        its English, and its code when it has one."""
        inner = message_of(exc)
        error = cls(str(exc) if what is None else f"{what}: {exc}")
        error.message = inner if what is None or inner is None else Message(Code.FIELD_UNREADABLE, (what, inner))
        return error


@dataclass
class Context:
    """What every command gets: its arguments and lazily opened database and form library."""

    args: argparse.Namespace

    def __post_init__(self) -> None:
        self.writes = False  # the command changes the guest file: refused up front where it cannot
        self._db = None
        self._library = None
        self._settings = None
        self._password: str | None = None
        self._password_read = False

    @property
    def password(self) -> str | None:
        """The database password: ``--password-file``, else ``GUESTCARD_PASSWORD``, else none."""
        if not self._password_read:
            self._password = read_password(getattr(self.args, "password_file", None), "GUESTCARD_PASSWORD")
            self._password_read = True
        return self._password

    @password.setter
    def password(self, value: str | None) -> None:
        self._password, self._password_read = value, True

    @property
    def settings(self):  # -> guestcard.settings.Settings
        if self._settings is None:
            from guestcard.settings import load_settings  # lazy: ~2 ms of --help, which reads none

            self._settings = load_settings()
        return self._settings

    @property
    def database_target(self) -> str:
        """``--db-url``, ``--db``, ``GUESTCARD_DB``, the settings' database, or the default file."""
        return str(self.args.db_url or self.args.db or os.environ.get("GUESTCARD_DB") or self.settings.database_file())

    @property
    def may_create(self) -> bool:
        """Whether a missing guest file may be made: ``--create``, a command that exists to make
        one (``demo``), or the default file on first start. Otherwise a missing file is refused:
        a mistyped ``--db`` must not answer "no customers found" from a new, empty file."""
        if getattr(self.args, "create", False) or self.args.command in CREATING_COMMANDS:
            return True

        return not self.args.db_url and is_default_database(self.database_target)

    @property
    def db(self):  # -> guestcard.storage.Database (imported lazily: keeps --help fast)
        if self._db is None:
            from guestcard.storage import Database  # lazy: --help skips storage/services (cli/main.py)
            from guestcard.storage.database import PasswordRequired

            backups = self.settings.backup_dir()

            def backup_first(db: object, revision: str | None) -> None:
                backup_before_upgrade(db, revision, backups)

            create = self.may_create
            try:
                self._db = Database.open(self.database_target, before_upgrade=backup_first, password=self.password,
                                         create=create)
            except PasswordRequired:
                if not sys.stdin.isatty():
                    raise
                self.password = ask_password(f"password for {self.database_target}: ")
                self._db = Database.open(self.database_target, before_upgrade=backup_first, password=self.password,
                                         create=create)
            if self.writes and self._db.read_only_reason is not None:
                # lazy: --help skips storage/services (cli/main.py)
                from guestcard.storage.database import ReadOnlyFolder

                reason = self._db.read_only_reason
                self._db.close()
                self._db = None
                raise ReadOnlyFolder(f"{reason}; nothing was changed (reading commands still work)")
            from guestcard.services.staff import choose_user  # lazy: --help skips storage/services (cli/main.py)

            choose_user(self._db, getattr(self.args, "user", None) or os.environ.get("GUESTCARD_USER"))
        return self._db

    @property
    def library(self):  # -> guestcard.forms.FormLibrary
        if self._library is None:

            from guestcard.forms import load_library  # lazy: forms (tomllib, ~9 ms) are not for the window's start

            self._library = load_library(shipped_dir("forms"), [user_forms_dir()])
        return self._library

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


Handler = Callable[[Context], int]


def read_password(path: Path | None, variable: str) -> str | None:
    """A password from a file (its first line, without the line ending) or an environment
    variable; ``None`` when neither is given. Never from the command line, where others see it."""
    if path is not None:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                text = handle.readline().rstrip("\r\n")
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the password file ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: the password file is not UTF-8 text") from None
        if not text:
            raise CommandError(f"{path}: the password file is empty")
        return text
    value = os.environ.get(variable)
    return value or None


def ask_password(prompt: str) -> str:
    """Ask on the terminal, without echo."""
    value = getpass.getpass(prompt)
    if not value:
        raise CommandError("no password given")
    return value


def backup_before_upgrade(db: object, revision: str | None, folder: Path | None) -> None:
    from guestcard.services.backup import backup_database  # lazy: --help skips storage/services (cli/main.py)

    if getattr(db, "is_sqlite", False):
        backup_database(db, folder, reason="before-upgrade")  # type: ignore[arg-type]


AddCommand = Callable[[str, Handler, str], argparse.ArgumentParser]
"""``command(name, handler, help)``: adds a sub-command and returns its parser. Every topic module
(``*_command.py``) has ``register(command: AddCommand)``, which adds its sub-commands with it."""


def parse_day(text: str, what: str) -> dt.date:
    try:
        date = values.parse_partial_date(text).to_date()
    except ValueError as exc:
        raise CommandError.of(exc, what) from None
    if date is None:
        raise CommandError(f"{what}: {text!r} needs a year")
    return date


def parse_money(text: str | None, what: str) -> Any:
    if text is None:
        return None
    try:
        return values.parse_money(text)
    except ValueError as exc:
        raise CommandError.of(exc, what) from None
