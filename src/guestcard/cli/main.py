"""The ``guestcard`` command: argument parsing, opening the database, one-line errors."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

LANG_HELP = "zh or en (default: the language of the settings, as in the window)"
EXIT_USAGE = 2  # bad input, unknown id, unusable file or database: one line on stderr
# Commands that write to the guest file: while an import runs on it they wait for its end (with
# a note) instead of failing after SQLite's busy timeout.
WRITING_COMMANDS = frozenset({"add", "set", "delete", "visit", "contact", "relate", "demo", "import",
                              "undo-import", "forget", "photo"})
BUSY_WAIT_SECONDS = 600.0  # GUESTCARD_BUSY_WAIT overrides (seconds)


class CommandError(Exception):
    """A failure the user can act on; printed as one line, exit code 2."""


@dataclass
class Context:
    """What every command gets: its arguments and lazily opened database and form library."""

    args: argparse.Namespace

    def __post_init__(self) -> None:
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
            from guestcard.settings import load_settings

            self._settings = load_settings()
        return self._settings

    @property
    def database_target(self) -> str:
        """``--db-url``, ``--db``, ``GUESTCARD_DB``, the settings' database, or the default file."""
        return str(self.args.db_url or self.args.db or os.environ.get("GUESTCARD_DB") or self.settings.database_file())

    @property
    def db(self):  # -> guestcard.storage.Database (imported lazily: keeps --help fast)
        if self._db is None:
            from guestcard.storage import Database
            from guestcard.storage.database import PasswordRequired

            backups = self.settings.backup_dir()

            def backup_first(db: object, revision: str | None) -> None:
                _backup_before_upgrade(db, revision, backups)

            try:
                self._db = Database.open(self.database_target, before_upgrade=backup_first, password=self.password)
            except PasswordRequired:
                if not sys.stdin.isatty():
                    raise
                self.password = ask_password(f"password for {self.database_target}: ")
                self._db = Database.open(self.database_target, before_upgrade=backup_first, password=self.password)
            from guestcard.services.staff import choose_user

            choose_user(self._db, getattr(self.args, "user", None) or os.environ.get("GUESTCARD_USER"))
        return self._db

    @property
    def library(self):  # -> guestcard.forms.FormLibrary
        if self._library is None:
            from guestcard.forms import load_library
            from guestcard.paths import shipped_dir, user_forms_dir

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
    import getpass

    value = getpass.getpass(prompt)
    if not value:
        raise CommandError("no password given")
    return value


def _backup_before_upgrade(db: object, revision: str | None, folder: Path | None) -> None:
    from guestcard.services.backup import backup_database

    if getattr(db, "is_sqlite", False):
        backup_database(db, folder, reason="before-upgrade")  # type: ignore[arg-type]


def _core_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("core fields")
    for key, help_text in (
        ("honorific", "how staff address the guest, e.g. 王总, 李女士"),
        ("gender", "男/女, M/F"),
        ("phone", "mobile; spaces, dashes and +86 are fine"),
        ("email", None),
        ("birthday", "1985-03-02, 1985年3月2日, or month-day only: 3月2日, 03-02"),
        ("anniversary", "a date, like --birthday"),
        ("company", None),
        ("position", None),
        ("address", None),
        ("class", "A (VIP), B (corporate, regular) or C (walk-in, new); A类, VIP… also understood"),
        ("annual-spend", "e.g. 12800, ¥12,800.00, 1.28万"),
        ("favorite-dishes", None),
        ("favorite-drinks", None),
        ("allergies", "allergies and dietary taboos (忌口)"),
        ("notes", None),
        ("owner", "the account manager whose guest this is (归属): a name of guestcard staff list"),
        ("kind", "individual (default) or corporate"),
    ):
        group.add_argument(f"--{key}", dest=f"core_{key.replace('-', '_')}", metavar="VALUE", help=help_text)
    parser.add_argument("--tags", metavar="A,B", help="comma-separated tags")
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other form field, e.g. --field preferred_seat=牡丹厅 (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    from guestcard.cli import commands

    parser = argparse.ArgumentParser(
        prog="guestcard",
        description="Guest history cards (客史档案) for hotel restaurants. Without a command, opens the window.",
    )
    from guestcard import __version__

    parser.add_argument("--version", action="version", version=f"guestcard {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="the SQLite database file (default: in your user data folder; or set GUESTCARD_DB)"
    )
    parser.add_argument("--db-url", metavar="URL", help="an SQLAlchemy database URL instead of a file")
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="the database password, the first line of FILE (or set GUESTCARD_PASSWORD); "
        "on a terminal it is asked for when needed",
    )
    parser.add_argument(
        "--user", metavar="NAME", help="who is working: a staff member, recorded with every change (or GUESTCARD_USER)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = command("add", commands.add, "add a customer")
    p.add_argument("--name", required=True, help="the customer's name (a company's full name for corporate)")
    _core_options(p)
    p.add_argument("--json", action="store_true", help="print the created customer as JSON")

    p = command("set", commands.set_fields, "change fields of a customer: guestcard set 12 phone=13812345678 class=A")
    p.add_argument("id", type=int)
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE", help="FIELD= (empty) clears the field")
    p.add_argument("--json", action="store_true")

    p = command("delete", commands.delete, "delete a customer and everything about them")
    p.add_argument("id", type=int)

    p = command("show", commands.show, "show a customer's whole file")
    p.add_argument("id", type=int)
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--json", action="store_true")

    p = command("list", commands.list_customers, "list or search customers")
    p.add_argument("words", nargs="*", metavar="TEXT", help="what to search for, as with --query")
    p.add_argument(
        "--query",
        "-q",
        metavar="TEXT",
        default="",
        help="name, pinyin (zhangsan, zs), phone digits, company, dishes, notes…",
    )
    p.add_argument("--class", dest="customer_class", metavar="A|B|C", type=str.upper, choices=("A", "B", "C"))
    p.add_argument("--kind", choices=("individual", "corporate"))
    p.add_argument("--tag")
    p.add_argument("--owner", metavar="NAME", help="only this account manager's guests (归属)")
    p.add_argument("--mine", action="store_true", help="only the guests of the current user (--user)")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--json", action="store_true")

    p = command("visit", commands.visit, "log a visit (or a reservation, when in the future)")
    p.add_argument("id", type=int)
    p.add_argument("--date", required=True, help="YYYY-MM-DD, optionally with HH:MM")
    p.add_argument("--time", help="HH:MM")
    p.add_argument("--spend", help="amount spent, e.g. 3680 or ¥3,680")
    p.add_argument("--party", type=int, help="number of guests")
    p.add_argument("--room", help="room or table")
    p.add_argument("--occasion")
    p.add_argument("--dishes")
    p.add_argument("--notes")
    p.add_argument("--json", action="store_true")
    commands.account_command.visit_options(p)  # --on-account CORP --signer --bill --over-limit

    p = command("contact", commands.contact, "log a contact with the customer and the next follow-up")
    p.add_argument("id", type=int)
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--channel", help="电话, 微信, 到店, …")
    p.add_argument("--points", help="key points of the conversation")
    p.add_argument("--intent", help="intent level or what the customer wants")
    p.add_argument("--next", dest="next_follow_up", help="date of the next follow-up")
    p.add_argument("--json", action="store_true")

    p = command("relate", commands.relate, "record a relation: guestcard relate 3 spouse 4 (3 is the spouse of 4)")
    p.add_argument("id", type=int)
    p.add_argument("kind", help="spouse, child, parent, assistant, colleague, works_for, friend, other")
    p.add_argument("other", type=int)
    p.add_argument("--note")

    p = command("agenda", commands.agenda, "birthdays, anniversaries, reservations and follow-ups coming up")
    p.add_argument("--days", type=int, default=7, help="how many days ahead (default 7)")
    p.add_argument("--date", help="start day (default: today)")
    p.add_argument("--owner", metavar="NAME", help="only this account manager's guests: their overdue follow-ups")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--json", action="store_true")

    p = command("demo", commands.demo, "fill the database with about 200 fabricated customers to try the program")
    p.add_argument("--count", type=int, default=200)

    p = command("forms", commands.forms, "list the card forms, or check a form file: guestcard forms check FILE")
    p.add_argument("action", nargs="?", choices=("list", "check"), default="list")
    p.add_argument("file", nargs="?", type=Path)
    p.add_argument("--json", action="store_true")

    commands.register_more(command)
    return parser


def _error_line(exc: BaseException, *, on_server: bool = False, database: Path | None = None) -> str | None:
    """The one line for an error the user can act on; ``None`` for a bug. ``on_server``: the
    database is a server's, which no local backup (a copy of an SQLite file) puts back;
    ``database``: the SQLite file, whose latest backup a database error points at."""
    from guestcard.forms import FormError
    from guestcard.services.customers import InvalidInput
    from guestcard.storage import DatabaseError, NotFound, VersionConflict
    from guestcard.storage.database import PasswordRequired, WrongPassword

    if isinstance(exc, PasswordRequired):
        return f"{exc} (--password-file FILE or GUESTCARD_PASSWORD)"
    if isinstance(exc, WrongPassword):
        return str(exc)
    if isinstance(exc, DatabaseError):
        return str(exc) + ("" if on_server or database is None else _restore_hint(database))
    if isinstance(exc, CommandError | NotFound | InvalidInput | FormError | VersionConflict):
        return str(exc)
    backup = sys.modules.get("guestcard.services.backup")
    if backup is not None and isinstance(exc, backup.BackupError):
        return str(exc)
    from guestcard.storage.lock import DatabaseLocked

    if isinstance(exc, DatabaseLocked):
        return str(exc)
    password = sys.modules.get("guestcard.services.password")
    if password is not None and isinstance(exc, password.PasswordError):
        return str(exc)
    cancelled = sys.modules.get("guestcard.services.importing")
    if cancelled is not None and isinstance(exc, cancelled.ImportCancelled):
        return str(exc)
    return None


def _on_server(args: argparse.Namespace) -> bool:
    url = getattr(args, "db_url", None)
    if not url:
        return False
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).get_backend_name() != "sqlite"
    except ArgumentError:
        return False


def _sqlite_file(context: Context) -> Path | None:
    """The SQLite file the command works on; ``None`` for a server database."""
    from guestcard.storage.database import database_url

    try:
        url = database_url(context.database_target)
    except Exception:  # only for a hint beside an error line, which must still come
        return None
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _restore_hint(database: Path) -> str:
    """For a database that does not open: its newest backup and how to put it back."""
    from guestcard.services.backup import list_backups
    from guestcard.settings import load_settings

    try:
        backups = list_backups(load_settings().backup_dir(), database=database)
    except OSError:
        return ""
    if not backups:
        return ""
    return f"; the latest backup is {backups[0].path} (guestcard restore FILE puts it back)"


def _is_busy(exc: BaseException) -> bool:
    from guestcard.storage.busy import is_busy

    return is_busy(exc)


def _connection_lost(exc: BaseException) -> bool:
    from guestcard.storage.busy import is_connection_lost

    return is_connection_lost(exc)


def _where(context: Context) -> str:
    """The database the command works on, for an error line (a server's URL without its password)."""
    from guestcard.storage.database import database_url

    file = None if _on_server(context.args) else _sqlite_file(context)
    if file is not None:
        return str(file)
    try:
        from sqlalchemy.engine import make_url

        return make_url(database_url(context.database_target)).render_as_string(hide_password=True)
    except Exception:  # only for naming the database in the line
        return "the database"


def _busy_line(context: Context) -> str:
    """Another guestcard writes to the file (an import, most likely): which, and what to do."""
    from guestcard.storage.busy import busy_message

    return busy_message(None if _on_server(context.args) else _sqlite_file(context), _where(context))


def _wait_for_a_running_import(context: Context) -> bool:
    """Before a writing command: if an import runs on the file, say so in one line and wait for
    its end; False when it is still running after the wait (GUESTCARD_BUSY_WAIT seconds)."""
    if _on_server(context.args):
        return True  # a server makes writers wait for each other's rows itself
    from guestcard.storage.busy import wait_for_long_write

    try:
        timeout = float(os.environ.get("GUESTCARD_BUSY_WAIT") or BUSY_WAIT_SECONDS)
    except ValueError:
        timeout = BUSY_WAIT_SECONDS

    def note(running: str) -> None:
        print(f"guestcard: the guest file is busy: {running} is running; waiting for it to end…",
              file=sys.stderr, flush=True)

    return wait_for_long_write(_sqlite_file(context), note=note, timeout=timeout)


def _log_context(args: argparse.Namespace) -> str:
    """What was being done, without argument values (they may hold a guest's data)."""
    database = "server" if args.db_url else (args.db or os.environ.get("GUESTCARD_DB") or "default")
    encrypted = bool(getattr(args, "password_file", None) or os.environ.get("GUESTCARD_PASSWORD"))
    return f"command {args.command!r}, database {database}{' (with a password)' if encrypted else ''}"


def _log_unexpected(args: argparse.Namespace, exc: BaseException) -> Path | None:
    """The traceback into the log file; its path, or ``None`` when there is no log."""
    try:
        from guestcard.logsetup import log_exception

        return log_exception(exc, f"running {_log_context(args)}", "cli")
    except Exception:  # the log is a help, never a second failure
        return None


def _log_refused(args: argparse.Namespace, exc: BaseException, line: str) -> None:
    """A database or backup that could not be used is logged too (those lines name files only;
    other refusals may quote a guest's data and stay out of the log)."""
    from guestcard.storage import DatabaseError

    backup = sys.modules.get("guestcard.services.backup")
    if not isinstance(exc, DatabaseError) and not (backup is not None and isinstance(exc, backup.BackupError)):
        return
    try:
        from guestcard.logsetup import configure_logging, logger

        configure_logging()
        logger("cli").warning("%s: %s", _log_context(args), line)
    except Exception:
        pass


def _window_only(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """``guestcard`` with at most ``--db``/``--db-url``: the window, without building every
    command's parser (importing the commands costs a tenth of a second of the window's start)."""
    quick = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    quick.add_argument("--db")
    quick.add_argument("--db-url")
    quick.add_argument("--password-file", type=Path)
    quick.add_argument("--user")
    try:
        args, rest = quick.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None  # the whole parser says what is wrong
    return None if rest else args


def _open_window(args: argparse.Namespace) -> int:
    """The window on ``--db``/``--db-url`` (else ``GUESTCARD_DB``, else the settings' file)."""
    try:
        from guestcard.gui.app import run
    except ImportError as exc:  # Qt's system libraries missing: say which, not a traceback
        print(f"guestcard: the window cannot start ({exc}); the commands still work, see guestcard --help",
              file=sys.stderr)
        return 1
    target = args.db_url or args.db or os.environ.get("GUESTCARD_DB")
    return run(str(target) if target else None)


def main(argv: Sequence[str] | None = None) -> int:
    window = _window_only(argv)
    if window is not None:
        return _open_window(window)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # e.g. `guestcard --password-file F --db X`: the window all the same
        return _open_window(args)
    context = Context(args)
    try:
        if getattr(args, "lang", "") is None:  # --lang not given: the language of the settings
            args.lang = context.settings.language
        if args.command in WRITING_COMMANDS and not _wait_for_a_running_import(context):
            print(f"guestcard: {_busy_line(context)}", file=sys.stderr)
            return EXIT_USAGE
        return args.handler(context)
    except KeyboardInterrupt:
        print("guestcard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        on_server = _on_server(args)
        line = _error_line(exc, on_server=on_server, database=None if on_server else _sqlite_file(context))
        if line is None and _is_busy(exc):
            line = _busy_line(context)
        if line is None and _connection_lost(exc):
            line = f"{_where(context)}: the connection to the database server was lost; nothing of this command " \
                   "was saved (try again when the server is back)"
        if line is None:
            log = _log_unexpected(args, exc)
            if os.environ.get("GUESTCARD_DEBUG"):
                raise
            from guestcard.logsetup import safe_description

            where = f"the details are in {log}" if log else "run again with GUESTCARD_DEBUG=1 for details"
            print(f"guestcard: unexpected error ({safe_description(exc)}); {where}", file=sys.stderr)
            return 1
        line = " ".join(part.strip() for part in line.splitlines() if part.strip())  # one line, always
        _log_refused(args, exc, line)
        print(f"guestcard: {line}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        context.close()
