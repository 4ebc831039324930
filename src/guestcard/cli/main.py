"""The ``guestcard`` command: the parser (each topic module adds its sub-commands), opening the
window, and one line for every error the user can act on.

Imports here and in the topic modules are lazy at two boundaries only, because the start figures
pay for them: the topic modules are imported when the parser is built (the window's start,
``guestcard`` alone, skips them: a tenth of a second), and a handler imports its service (storage
and services cost 0.6–2 s to import; ``guestcard --help`` needs neither, ``guestcard list`` one).
Each lazy import says ``# lazy``; the rest are at the top.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from guestcard import __version__
from guestcard.cli.context import EXIT_USAGE, CommandError, Context, Handler
from guestcard.domain.messages import Code, Message

# Commands that write to the guest file: while an import runs on it they wait for its end (with
# a note) instead of failing after SQLite's busy timeout.
WRITING_COMMANDS = frozenset({"add", "set", "delete", "visit", "contact", "relate", "demo", "import",
                              "undo-import", "forget", "photo"})
BUSY_WAIT_SECONDS = 600.0  # GUESTCARD_BUSY_WAIT overrides (seconds)


def build_parser() -> argparse.ArgumentParser:
    from guestcard.cli import (  # lazy: see the module's docstring
        account_command,
        agenda_command,
        briefing_command,
        customers_command,
        database_command,
        demo_command,
        forms_command,
        history_command,
        import_command,
        insights_command,
        merge_command,
        print_command,
        reach_command,
        register_command,
        staff_command,
    )

    parser = argparse.ArgumentParser(
        prog="guestcard",
        description="Guest history cards (客史档案) for hotel restaurants. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"guestcard {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="the SQLite database file (default: in your user data folder; or set GUESTCARD_DB)"
    )
    parser.add_argument("--db-url", metavar="URL", help="an SQLAlchemy database URL instead of a file")
    parser.add_argument(
        "--create",
        action="store_true",
        help="make the guest file (and its folder) if it does not exist; without it a missing --db, GUESTCARD_DB or "
        "settings file is an error (a mistyped path makes nothing); the default file is made on first start, "
        "and demo makes its file",
    )
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

    for topic in (customers_command, agenda_command, demo_command, forms_command, database_command, history_command,
                  import_command, print_command, insights_command, merge_command, staff_command, register_command,
                  briefing_command, account_command, reach_command):  # the order --help lists them in
        topic.register(command)
    _every_command_has_lang(parser)
    return parser


MESSAGES_LANG_HELP = "zh or en: the language of the command's messages (default: the language of the settings)"


def _every_command_has_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang`` on every command (and sub-command): the language of its error lines, notes and
    report; the commands that print in a language have their own, with the same default."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                if "--lang" not in child._option_string_actions:
                    child.add_argument("--lang", choices=("zh", "en"), default=None, help=MESSAGES_LANG_HELP)
                _every_command_has_lang(child)


def _error_line(exc: BaseException, *, on_server: bool = False, database: Path | None = None) -> str | None:
    """The one line for an error the user can act on; ``None`` for a bug. ``on_server``: the
    database is a server's, which no local backup (a copy of an SQLite file) puts back;
    ``database``: the SQLite file, whose latest backup a database error points at."""
    # lazy: --help skips storage/services (docstring); the window's start, forms
    from guestcard.forms import FormError
    from guestcard.services.customers import InvalidInput
    from guestcard.storage import DatabaseError, NotFound, VersionConflict
    from guestcard.storage.database import NoSuchGuestFile, PasswordRequired, ReadOnlyFolder, WrongPassword

    if isinstance(exc, PasswordRequired):
        return f"{exc} (--password-file FILE or GUESTCARD_PASSWORD)"
    if isinstance(exc, WrongPassword):
        return str(exc)
    if isinstance(exc, NoSuchGuestFile):
        return f"{exc} (use --create to make a new one)"
    if isinstance(exc, ReadOnlyFolder):
        return str(exc)
    if isinstance(exc, DatabaseError):
        return str(exc) + ("" if on_server or database is None else _restore_hint(database))
    read_only = _read_only_line(exc, database)
    if read_only is not None:
        return read_only
    if isinstance(exc, CommandError | NotFound | InvalidInput | FormError | VersionConflict):
        return str(exc)
    backup = sys.modules.get("guestcard.services.backup")
    if backup is not None and isinstance(exc, backup.BackupError):
        return str(exc)
    from guestcard.storage.lock import DatabaseLocked  # lazy: --help skips storage/services (docstring)

    if isinstance(exc, DatabaseLocked):
        return str(exc)
    password = sys.modules.get("guestcard.services.password")
    if password is not None and isinstance(exc, password.PasswordError):
        return str(exc)
    cancelled = sys.modules.get("guestcard.services.importing")
    if cancelled is not None and isinstance(exc, cancelled.ImportCancelled):
        return str(exc)
    from guestcard.domain.messages import Refusal

    if isinstance(exc, Refusal) and exc.message is not None:  # a coded refusal (a merge, a print, a label sheet…)
        return str(exc)
    return None


def _read_only_line(exc: BaseException, database: Path | None) -> str | None:
    """SQLite refused a write (the file, or its folder, cannot be written): nothing was changed."""
    reason = str(getattr(exc, "orig", None) or "")
    if database is None or "readonly database" not in reason:
        return None
    # lazy: --help skips storage/services (docstring)
    from guestcard.storage.readonly import folder_message, folder_not_writable

    folder = folder_not_writable(database.parent)
    where = folder_message(database, folder) if folder else f"{database}: the guest file is read-only"
    return f"{where}; nothing was changed"


def _on_server(args: argparse.Namespace) -> bool:
    url = getattr(args, "db_url", None)
    if not url:
        return False
    from guestcard.storage.database import is_server_url  # lazy: --help skips storage/services (docstring)

    return is_server_url(url)


def _sqlite_file(context: Context) -> Path | None:
    """The SQLite file the command works on; ``None`` for a server database."""
    from guestcard.storage.database import database_url  # lazy: --help skips storage/services (docstring)

    try:
        url = database_url(context.database_target)
    except Exception:  # only for a hint beside an error line, which must still come
        return None
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _restore_hint(database: Path) -> str:
    """For a database that does not open: its newest backup and how to put it back."""
    from guestcard.cli.messages import LATEST_BACKUP, RESTORE_HINT  # lazy: not for the window's start
    from guestcard.services.backup import list_backups  # lazy: --help skips storage/services (docstring)
    from guestcard.settings import load_settings

    try:
        backups = list_backups(load_settings().backup_dir(), database=database)
    except OSError:
        return ""
    if not backups:
        return ""
    return f"{LATEST_BACKUP}{backups[0].path}{RESTORE_HINT}"


def _is_busy(exc: BaseException) -> bool:
    from guestcard.storage.busy import is_busy  # lazy: --help skips storage/services (docstring)

    return is_busy(exc)


def _connection_lost(exc: BaseException) -> bool:
    from guestcard.storage.busy import is_connection_lost  # lazy: --help skips storage/services (docstring)

    return is_connection_lost(exc)


def _where(context: Context) -> str:
    """The database the command works on, for an error line (a server's URL without its password)."""
    # lazy: --help skips storage/services (docstring)
    from guestcard.storage.database import database_url, url_without_password

    file = None if _on_server(context.args) else _sqlite_file(context)
    if file is not None:
        return str(file)
    try:
        return url_without_password(database_url(context.database_target))
    except Exception:  # only for naming the database in the line
        return "the database"


def _busy_line(context: Context) -> str:
    """Another guestcard writes to the file (an import, most likely): which, and what to do."""
    from guestcard.cli.messages import language, say  # lazy: not for the window's start
    from guestcard.storage.busy import busy_said  # lazy: --help skips storage/services (docstring)

    said = busy_said(None if _on_server(context.args) else _sqlite_file(context), _where(context))
    return say(said, language(context))


def _wait_for_a_running_import(context: Context) -> bool:
    """Before a writing command: if an import runs on the file, say so in one line and wait for
    its end; False when it is still running after the wait (GUESTCARD_BUSY_WAIT seconds)."""
    from guestcard.cli.messages import language, say  # lazy: not for the window's start
    if _on_server(context.args):
        return True  # a server makes writers wait for each other's rows itself
    from guestcard.storage.busy import wait_for_long_write  # lazy: --help skips storage/services (docstring)

    try:
        timeout = float(os.environ.get("GUESTCARD_BUSY_WAIT") or BUSY_WAIT_SECONDS)
    except ValueError:
        timeout = BUSY_WAIT_SECONDS

    def note(running: str) -> None:
        from guestcard.storage.busy import running_said  # lazy: --help skips storage/services (docstring)

        print(f"guestcard: {say(running_said(running, waiting=True), language(context))}", file=sys.stderr, flush=True)

    return wait_for_long_write(_sqlite_file(context), note=note, timeout=timeout)


def _log_context(args: argparse.Namespace) -> str:
    """What was being done, without argument values (they may hold a guest's data)."""
    database = "server" if args.db_url else (args.db or os.environ.get("GUESTCARD_DB") or "default")
    encrypted = bool(getattr(args, "password_file", None) or os.environ.get("GUESTCARD_PASSWORD"))
    return f"command {args.command!r}, database {database}{' (with a password)' if encrypted else ''}"


def _log_unexpected(args: argparse.Namespace, exc: BaseException) -> Path | None:
    """The traceback into the log file; its path, or ``None`` when there is no log."""
    try:
        from guestcard.logsetup import log_exception  # lazy: logging, ~6 ms --help need not pay

        return log_exception(exc, f"running {_log_context(args)}", "cli")
    except Exception:  # the log is a help, never a second failure
        return None


def _log_refused(args: argparse.Namespace, exc: BaseException, line: str) -> None:
    """A database or backup that could not be used is logged too (those lines name files only;
    other refusals may quote a guest's data and stay out of the log)."""
    from guestcard.storage import DatabaseError  # lazy: --help skips storage/services (docstring)

    backup = sys.modules.get("guestcard.services.backup")
    if not isinstance(exc, DatabaseError) and not (backup is not None and isinstance(exc, backup.BackupError)):
        return
    try:
        from guestcard.logsetup import configure_logging, logger  # lazy: logging, ~6 ms --help need not pay

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
        from guestcard.gui.app import run  # lazy: Qt, which the commands need not load
    except ImportError as exc:  # Qt's system libraries missing: say which, not a traceback
        print(f"guestcard: the window cannot start ({exc}); the commands still work, see guestcard --help",
              file=sys.stderr)
        return 1
    target = args.db_url or args.db or os.environ.get("GUESTCARD_DB")
    return run(str(target) if target else None, create=bool(getattr(args, "create", False)))


def _word_waits_in(lang: str | None) -> None:
    """The notes of a wait for the file (storage.lock) in the command's language; ``None``:
    back to English when the command ends (main is called again in one process: tests)."""
    from guestcard.cli.messages import say  # lazy: not for the window's start
    from guestcard.domain.messages import said
    from guestcard.storage import lock  # lazy: --help skips storage/services (docstring)

    lock.waiting_words = said if lang is None else (lambda message: say(message, lang))


def main(argv: Sequence[str] | None = None) -> int:
    from guestcard.cli.messages import language, say, worded  # lazy: not for the window's start
    window = _window_only(argv)
    if window is not None:
        return _open_window(window)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # e.g. `guestcard --password-file F --db X`: the window all the same
        return _open_window(args)
    context = Context(args)
    context.writes = args.command in WRITING_COMMANDS
    try:
        if getattr(args, "lang", "") is None:  # --lang not given: the language of the settings
            args.lang = context.settings.language
        _word_waits_in(language(context))
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

            line = say(Message(Code.CONNECTION_LOST, (_where(context),)), language(context))
        if line is None:
            log = _log_unexpected(args, exc)
            if os.environ.get("GUESTCARD_DEBUG"):
                raise
            from guestcard.logsetup import safe_description  # lazy: logging, ~6 ms --help need not pay

            where = f"the details are in {log}" if log else "run again with GUESTCARD_DEBUG=1 for details"
            print(f"guestcard: unexpected error ({safe_description(exc)}); {where}", file=sys.stderr)
            return 1
        line = " ".join(part.strip() for part in line.splitlines() if part.strip())  # one line, always
        _log_refused(args, exc, line)  # in English

        print(f"guestcard: {worded(exc, line, language(context))}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        context.close()
        _word_waits_in(None)
