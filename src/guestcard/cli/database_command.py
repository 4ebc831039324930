"""``guestcard copy-db/backup/restore/password``: the database file as a whole."""

from __future__ import annotations

import sys
from pathlib import Path

from guestcard.cli import output
from guestcard.cli.context import AddCommand, CommandError, Context, ask_password, read_password


def register(command: AddCommand) -> None:
    """Moving to a server, backups, restoring and the password."""
    p = command("copy-db", copy_db, "copy the whole database into another, e.g. a PostgreSQL server, and check it")
    p.add_argument(
        "--to",
        required=True,
        metavar="URL_OR_PATH",
        help="postgresql+psycopg://user:password@host/dbname, or a SQLite file path (must be empty)",
    )

    p = command("backup", backup, "back up the database (consistent even while guestcard runs)")
    p.add_argument("dest", type=Path, nargs="?", help="a folder or file (default: the backup folder)")

    p = command("restore", restore, "put a backup in place of the database (the current one is kept aside)")
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask")

    p = command(
        "password",
        password,
        "set, change or remove the database password (the file and its backups are re-encrypted)",
    )
    p.add_argument("action", choices=("set", "change", "remove"))
    p.add_argument(
        "--new-password-file",
        type=Path,
        metavar="FILE",
        help="the new password, the first line of FILE (or set GUESTCARD_NEW_PASSWORD); asked for on a terminal",
    )


def _database_file(ctx: Context) -> Path:
    from guestcard.storage.database import database_url  # lazy: --help skips storage/services (cli/main.py)

    if ctx.args.db_url:
        raise CommandError("backup and restore are for SQLite files; use the server's own tools (pg_dump)")
    return Path(database_url(ctx.database_target).removeprefix("sqlite:///"))


def backup(ctx: Context) -> int:
    # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.backup import backup_database, rotate_backups

    source = _database_file(ctx)
    if not source.exists():
        raise CommandError(f"{source}: no such database")
    folder = ctx.args.dest or ctx.settings.backup_dir()
    path = backup_database(source, folder, password=ctx.password)
    if ctx.args.dest is None:
        rotate_backups(folder)
    print(f"backed up {source} to {path}")
    return 0


def restore(ctx: Context) -> int:
    # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.backup import backup_info, restore_database

    target = _database_file(ctx)
    info = backup_info(ctx.args.file, ctx.password)
    print(f"{info.path.name}: taken {info.taken_at:%Y-%m-%d %H:%M} ({info.reason}), {info.customers} customers")
    if not ctx.args.yes:
        if not sys.stdin.isatty():
            raise CommandError("restore: add --yes to replace the database (no terminal to ask on)")
        answer = input(f"replace {target} with this backup? [y/N] ").strip().lower()
        if answer not in ("y", "yes", "是"):
            print("nothing changed")
            return 0
    safety, aside = restore_database(target, ctx.args.file, ctx.settings.backup_dir(), password=ctx.password)
    if safety:
        print(f"the database as it was is backed up to {safety}")
    print(f"restored; the replaced file was moved aside to {aside}")
    return 0


def copy_db(ctx: Context) -> int:
    from guestcard.services.copying import CopyError, copy_database  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.storage import Database

    target = Database.open(ctx.args.to)
    removed: dict[str, int] = {}
    try:
        counts = copy_database(ctx.db, target, progress=lambda t, n: output.progress_line(f"copying {t}: {n:,} rows"),
                               nul_removed=removed)
    except CopyError as exc:
        raise CommandError.of(exc) from None
    finally:
        output.end_progress()
        target.close()
    print(
        f"copied {counts['customers']} customers, {counts['visits']} visits and {counts['contacts']} contacts "
        f"to {target.display_name} (all {len(counts)} tables counted and checked)"
    )
    if removed:
        print(f"warning: {sum(removed.values())} NUL characters removed from text "
              f"({', '.join(f'{t}: {n}' for t, n in removed.items())})")
    return 0


def password(ctx: Context) -> int:
    """``password set|change|remove``: re-encrypt the database file (and the backups)."""
    from guestcard.services import password as service  # lazy: --help skips storage/services (cli/main.py)

    target = _database_file(ctx)
    if not target.exists():
        raise CommandError(f"{target}: no such database")
    action = ctx.args.action
    current = None
    if action in ("change", "remove"):
        current = ctx.password
        if current is None:
            if not sys.stdin.isatty():
                raise CommandError(
                    f"password {action}: give the current password (--password-file or GUESTCARD_PASSWORD)"
                )
            current = ask_password("current password: ")
    new = None
    if action in ("set", "change"):
        new = read_password(ctx.args.new_password_file, "GUESTCARD_NEW_PASSWORD")
        if new is None:
            if not sys.stdin.isatty():
                raise CommandError(
                    f"password {action}: give the new password (--new-password-file or GUESTCARD_NEW_PASSWORD)"
                )
            new = ask_password("new password: ")
            if ask_password("the new password again: ") != new:
                raise CommandError("the two passwords differ; nothing changed")
    folder = ctx.settings.backup_dir()
    if action == "set":
        report = service.set_password(target, new, backups=folder)  # type: ignore[arg-type]
        print(f"{target} is now encrypted; keep the password safe: without it the guest files cannot be opened")
    elif action == "change":
        report = service.change_password(target, current, new, backups=folder)  # type: ignore[arg-type]
        print(f"changed the password of {target}")
    else:
        report = service.remove_password(target, current, backups=folder)  # type: ignore[arg-type]
        print(f"{target} is no longer encrypted")
    if report.backups_updated:
        print(f"{len(report.backups_updated)} backups in {report.backups_updated[0].parent} were re-encrypted too")
    for left in report.backups_left:
        print(f"  left as it was (another password?): {left}")
    for missing in report.backups_missing:
        print(f"  not found, so not re-encrypted (written elsewhere: a USB stick not plugged in?): {missing}")
    return 0
