"""What the window does when the guest file does not open: a database another guestcard holds (open
read-only or quit), an encrypted one (ask for the password; a wrong one says so and asks again), a
missing one (make it only when the manager confirms), a damaged, foreign or too-new file (say so and
offer the latest backup: the file is moved aside, never overwritten) and anything unexpected (the
friendly error dialog naming the log file).

``OpeningFailures`` is taken in by ``safety.Safety``, whose backups, restore and reopening it uses.
Every question goes through ``guestcard.gui.prompts``, so tests script them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.messages import say
from guestcard.gui.safety_dialogs import PasswordDialog, customers_text, reason_text, when

if TYPE_CHECKING:
    from guestcard.gui.main_window import MainWindow
    from guestcard.services.backup import BackupInfo


def _tr(text: str) -> str:
    return QCoreApplication.translate("safety", text)


class OpeningFailures:
    """The failures of opening, for ``Safety`` (its window, backup folder, restore and reopening)."""

    window: MainWindow
    failed_file: Path | None
    wrong_passwords: int

    if TYPE_CHECKING:  # given by Safety
        def database_file(self) -> Path | None: ...
        def update_enabled(self) -> None: ...
        def _backup_dir(self) -> Path | None: ...
        def _do_restore(self, file: Path, backup: Path, password: str | None, *, damaged: bool) -> bool: ...

    def open_failed(self, target: str, exc: BaseException, details: str, *, read_only: bool = False,
                    password: str | None = None) -> None:
        """Say why ``target`` did not open and offer what can be done about it."""
        from guestcard.storage.database import (
            DatabaseError,
            NoSuchGuestFile,
            PasswordRequired,
            ReadOnlyFolder,
            WrongPassword,
        )
        from guestcard.storage.lock import DatabaseLocked

        window = self.window
        is_file = "://" not in target
        self.failed_file = Path(target).expanduser().resolve() if is_file else None
        if isinstance(exc, DatabaseLocked):
            self.failed_file = None
            choice = prompts.choose(
                window, _tr("Already open"),
                fill(_tr("%1\n\nOpen it read-only (look, print and export; no changes), or quit?"), say(exc)),
                [_tr("Open read-only"), _tr("Quit")],
            )
            if choice == 0:
                window.open_database(target, read_only=True, password=password)
            elif choice == 1:
                window.close()
            else:
                self._not_open()
            return
        if isinstance(exc, PasswordRequired | WrongPassword):
            error = None
            if isinstance(exc, WrongPassword):
                self.wrong_passwords += 1
                error = _tr("Wrong password. Try again.")
                if self.wrong_passwords >= 3:
                    error += "\n" + _tr("If you are sure of the password, the file may be damaged: cancel and use "
                                         "File ▸ Restore from a backup…")
            dialog = PasswordDialog("open", target, error=error, parent=window)
            if prompts.run_dialog(dialog):
                window.open_database(target, read_only=read_only, password=dialog.password())
            else:
                self._not_open()
            return
        if isinstance(exc, NoSuchGuestFile):
            self.failed_file = None
            make = prompts.confirm(
                window, _tr("No such guest file"),
                fill(_tr("%1 does not exist.\n\nMake a new, empty guest file there? If the path is mistyped, "
                         "cancel: File ▸ Open another database… opens the right one."), str(exc.file)),
                ok_text=_tr("Make a new guest file"),
            )
            if make:
                window.open_database(target, read_only=read_only, password=password, create=True)
            else:
                self._not_open()
            return
        if isinstance(exc, ReadOnlyFolder):  # no backup to offer: nothing can be put in that folder
            self._not_open()
            prompts.show_error(window, _tr("Cannot open the guest file"),
                               fill(_tr("The guest file cannot be opened:\n%1"), say(exc)))
            return
        if isinstance(exc, DatabaseError):
            self._unusable(target, exc, password)
            return
        self._not_open()
        from guestcard.gui.error_report import report_unexpected

        report_unexpected(window, exc, details)

    def _not_open(self) -> None:
        window = self.window
        window.stack.setCurrentWidget(window.loading)
        window.loading.setText(_tr("The guest file is not open.\nUse File ▸ Open another database… or quit."))
        self.update_enabled()

    def latest_backup(self, password: str | None = None, *, encrypted: bool = False) -> BackupInfo | None:
        """The newest backup this guestcard can restore (readable, a schema it knows); with
        ``encrypted``, the newest one a password protects (what it holds is unknown yet)."""
        from guestcard.services.backup import list_backups
        from guestcard.storage.database import SCHEMA_HEAD

        file = self.database_file()
        try:
            backups = list_backups(self._backup_dir(), password, database=file)
        except OSError:
            return None
        for info in backups:
            if encrypted and info.customers is None:
                return info
            if not encrypted and info.customers is not None and info.schema is not None and info.schema <= SCHEMA_HEAD:
                return info
        return None

    def _backup_password(self, backup: Path) -> tuple[BackupInfo, str] | None:
        """Ask for the password of an encrypted backup until it opens it (or the user gives up)."""
        from guestcard.domain.messages import Code
        from guestcard.services.backup import BackupError, backup_info

        error = None
        while True:
            dialog = PasswordDialog("open", str(backup), error=error, parent=self.window)
            if not prompts.run_dialog(dialog):
                return None
            try:
                return backup_info(backup, dialog.password()), dialog.password()
            except BackupError as exc:
                wrong = exc.code in (Code.BACKUP_WRONG_PASSWORD, Code.BACKUP_OTHER_PASSWORD, Code.BACKUP_NEEDS_PASSWORD)
                error = _tr("Wrong password. Try again.") if wrong else say(exc)

    def _unusable(self, target: str, exc: BaseException, password: str | None) -> None:
        """A damaged, foreign or too-new file: say so; offer the latest backup."""
        from guestcard.storage.database import DatabaseDamaged, ForeignDatabase, NewerSchema

        window = self.window
        self._not_open()
        file = None if "://" in target else Path(target).expanduser().resolve()
        if isinstance(exc, NewerSchema):
            what = _tr("It was written by a newer version of guestcard. Update guestcard to open it; restoring a "
                       "backup instead loses what was saved since that backup.")
        elif isinstance(exc, ForeignDatabase):
            what = _tr("It is the database of another program, not a guest file.")
        elif isinstance(exc, DatabaseDamaged):
            what = _tr("The file is damaged (a power cut, a failing disk or USB stick) or is not a guest file.")
        else:
            what = ""
        text = fill(_tr("The guest file cannot be opened:\n%1"), say(exc))
        if what:
            text += "\n\n" + what
        latest = self.latest_backup(password) if file is not None else None
        locked = self.latest_backup(password, encrypted=True) if file is not None and latest is None else None
        if locked is not None and file is not None:
            text += "\n\n" + fill(_tr("The latest backup was taken %1 (%2) and is protected by a password. "
                                     "Restore it? The file that does not open is kept beside it, never overwritten."),
                                 when(locked.taken_at), reason_text(locked.reason))
            choice = prompts.choose(window, _tr("Cannot open the guest file"), text,
                                    [_tr("Restore the latest backup"), _tr("Quit")])
            if choice == 1:
                window.close()
            if choice != 0:
                return
            opened = self._backup_password(locked.path)
            if opened is not None:
                self._do_restore(file, locked.path, opened[1], damaged=isinstance(exc, DatabaseDamaged))
            return
        if latest is None or file is None:
            if file is not None:
                text += "\n\n" + fill(_tr("There is no backup to restore in %1."),
                                         str(self._backup_dir() or _default_backup_dir()))
            prompts.show_error(window, _tr("Cannot open the guest file"), text)
            return
        text += "\n\n" + fill(_tr("The latest backup was taken %1 (%2) and holds %3. Restore it? The file that does "
                                 "not open is kept beside it, never overwritten."),
                             when(latest.taken_at), reason_text(latest.reason), customers_text(latest.customers))
        choice = prompts.choose(window, _tr("Cannot open the guest file"), text,
                                [_tr("Restore the latest backup"), _tr("Quit")])
        if choice == 0:
            self._do_restore(file, latest.path, password, damaged=isinstance(exc, DatabaseDamaged))
        elif choice == 1:
            window.close()


def _default_backup_dir() -> Path:
    from guestcard.services.backup import default_backup_dir

    with contextlib.suppress(Exception):
        return default_backup_dir()
    return Path("backups")
