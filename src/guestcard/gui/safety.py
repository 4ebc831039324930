"""The window's side of keeping the guest file safe: backups, restore, the password, and what
to do when the file does not open.

``Safety`` is attached to the main window (``window.safety``). It adds to the File menu:

- *Back up now* (to the backup folder) and *Back up to…* (a folder the manager picks, a USB stick);
- *Restore from a backup…*: a list of the backups with their date, reason and customer count; the
  chosen one is described once more (and the current file's count) before anything is replaced;
  the current file is backed up and kept aside, never overwritten, and the window reopens;
- *Password…*: set, change or remove the database password (the file and its backups are
  re-encrypted by ``guestcard.services.password``), then the window reopens with it.

``open_failed`` handles every way opening can fail: a database another guestcard holds (open
read-only or quit), an encrypted one (ask for the password; a wrong one says so and asks again),
a damaged, foreign or too-new file (a clear message and the choice to restore the latest backup:
the file is moved aside, never overwritten) and anything unexpected (the friendly error dialog
naming the log file).

Every question goes through ``guestcard.gui.prompts`` (dialogs through ``prompts.run_dialog``), so
tests script them. The services do the work; nothing here touches the database directly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction

from guestcard.gui import prompts
from guestcard.gui.messages import say
from guestcard.gui.safety_dialogs import BusyCursor, PasswordDialog, RestoreDialog, customers_text, reason_text, when

if TYPE_CHECKING:
    from guestcard.gui.main_window import MainWindow
    from guestcard.services.backup import BackupInfo

__all__ = ["PasswordDialog", "RestoreDialog", "Safety"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("safety", text)


# -- the window's side ----------------------------------------------------------------------------


class Safety(QObject):
    """Backups, restore, password and the failures of opening, for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.backup_action = self._action("backupNow", self.back_up_now)
        self.backup_to_action = self._action("backupTo", self.back_up_to)
        self.restore_action = self._action("restoreBackup", self.restore)
        self.password_action = self._action("password", self.manage_password)
        menu = window.file_menu
        before = window.settings_action
        menu.insertActions(before, [self.backup_action, self.backup_to_action, self.restore_action,
                                    self.password_action])
        menu.insertSeparator(before)
        # A file that did not open (damaged, or a password that never works): Restore… stays
        # available for it. Not for a file another guestcard holds.
        self.failed_file: Path | None = None
        self.wrong_passwords = 0
        window.installEventFilter(self)
        window.databaseOpened.connect(self._opened)
        self.retranslate()
        self.update_enabled()

    def _action(self, name: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def retranslate(self) -> None:
        self.backup_action.setText(_tr("Back up now"))
        self.backup_to_action.setText(_tr("Back up to…"))
        self.restore_action.setText(_tr("Restore from a backup…"))
        self.password_action.setText(_tr("Password…"))
        self.backup_to_action.setToolTip(_tr("Save a backup in a folder you choose, such as a USB stick"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    # -- helpers --------------------------------------------------------------------------------

    def database_file(self) -> Path | None:
        """The SQLite file the window has open (or tries to open); ``None`` for a server."""
        db = self.window.db
        if db is not None:
            return Path(db.display_name) if db.is_sqlite else None
        if self.failed_file is not None:
            return self.failed_file
        target = self.window.database_target()
        return None if "://" in target else Path(target).expanduser().resolve()

    def update_enabled(self) -> None:
        db = self.window.db
        is_file = db is not None and db.is_sqlite
        self.backup_action.setEnabled(is_file)
        self.backup_to_action.setEnabled(is_file)
        writable = is_file and not self.window.read_only
        self.restore_action.setEnabled(writable or (db is None and self.failed_file is not None))
        self.password_action.setEnabled(writable)

    def _opened(self) -> None:
        db = self.window.db
        if db is not None:
            self.failed_file = None
            self.wrong_passwords = 0
            if db.recovered:  # an interrupted restore or password change, finished or taken back
                text = _tr("The last restore or password change of the guest file was interrupted (a crash or a "
                           "power cut); guestcard has put the file in order:\n%1").replace("%1", db.recovered)
                self.window.statusBar().showMessage(db.recovered, 30000)
                prompts.inform(self.window, _tr("Guest file"), text)
        self.update_enabled()

    def _backup_dir(self) -> Path | None:
        return self.window.settings.backup_dir()

    def _reopen(self, target: Path, password: str | None) -> None:
        self.window.open_database(str(target), password=password)

    def _close_keeping_lock(self) -> Any:
        """Close the database but keep (or take) the lock: no other guestcard opens the file
        while it is replaced. Returns the lock; the caller releases it."""
        from guestcard.storage.lock import DatabaseLock

        window = self.window
        file = self.database_file()
        lock = window.lock
        if lock is None and file is not None:
            lock = DatabaseLock(file).acquire()  # DatabaseLocked (nothing closed): another guestcard has it
        window.lock = None
        window.close_database()
        self.update_enabled()
        return lock

    # -- back up ----------------------------------------------------------------------------------

    def back_up_now(self, folder: Path | None = None) -> Path | None:
        """Back up to ``folder`` (default: the backup folder, then rotated); says where."""
        from guestcard.services.backup import BackupError, backup_database, rotate_backups

        db = self.window.db
        if db is None or not db.is_sqlite:
            return None
        default = folder is None
        folder = folder or self._backup_dir()
        try:
            with BusyCursor():
                path = backup_database(db, folder, reason="manual")
                if default:
                    rotate_backups(folder)
        except BackupError as exc:
            prompts.warn(self.window, _tr("Back up"), _tr("The backup failed: %1").replace("%1", say(exc)))
            return None
        text = _tr("The guest file is backed up to %1").replace("%1", str(path))
        if db.encrypted:
            text += "\n" + _tr("The backup is encrypted with the same password.")
        self.window.statusBar().showMessage(text, 15000)
        prompts.inform(self.window, _tr("Back up"), text)
        return path

    def back_up_to(self) -> Path | None:
        folder = prompts.choose_folder(self.window, _tr("Back up to which folder?"))
        if folder is None:
            return None
        return self.back_up_now(folder)

    # -- restore ----------------------------------------------------------------------------------

    def _password(self) -> str | None:
        db = self.window.db
        return db.password if db is not None else None

    def _describe(self, path: Path, password: str | None) -> BackupInfo | str:
        """What the backup holds, or what it needs (a password), or why it is no backup."""
        from guestcard.services.backup import BackupError, backup_info, locked_backup_info

        try:
            return backup_info(path, password)
        except BackupError as exc:
            return locked_backup_info(path) or str(exc)

    def restore(self, backup: Path | None = None) -> bool:
        """Choose a backup, show what it holds, then put it in place of the guest file (the current
        one is backed up and kept aside) and reopen. True when a backup was chosen: the count of
        the current file is read, the question asked and the file replaced on the runner."""
        from guestcard.services.backup import list_backups

        window = self.window
        file = self.database_file()
        if file is None or window.read_only or not window._card_may_go():
            return False
        password = self._password()
        if backup is None:
            try:
                backups = list_backups(self._backup_dir(), password, database=file)
            except OSError:
                backups = []
            dialog = RestoreDialog(backups, lambda path: self._describe(path, password), window)
            if not prompts.run_dialog(dialog):
                return False
            info = dialog.chosen()
            assert info is not None
        else:
            found = self._describe(backup, password)
            if isinstance(found, str):
                prompts.warn(window, _tr("Restore"), found)
                return False
            info = found
        if info.customers is None:  # another password than the guest file's (or it has none)
            opened = self._backup_password(info.path)
            if opened is None:
                return False
            info, password = opened  # the restored file keeps the backup's password
        chosen, restored_password = info, password

        db = window.db

        def counted(current: int | None) -> None:
            if db is None or window.db is db:  # not when the file was closed meanwhile
                self._confirm_restore(file, chosen, restored_password, current)

        if db is None:
            counted(None)
        else:
            window.operations.query("count_customers", lambda: _count_or_none(db), on_success=counted,
                                    on_error=lambda _exc, _details: counted(None))
        return True

    def _confirm_restore(self, file: Path, info: BackupInfo, password: str | None, current: int | None) -> None:
        window = self.window
        text = (
            _tr("Replace the guest file with this backup?\n\nBackup: %1, taken %2 (%3)\nIt holds %4.\n"
                "The guest file now holds %5.\n\nThe guest file as it is now is backed up first and kept beside it; "
                "nothing is deleted.")
            .replace("%1", info.path.name)
            .replace("%2", when(info.taken_at))
            .replace("%3", reason_text(info.reason))
            .replace("%4", customers_text(info.customers))
            .replace("%5", customers_text(current) if current is not None else _tr("an unknown number of customers"))
        )
        if prompts.confirm(window, _tr("Restore from a backup"), text, ok_text=_tr("Restore")):
            self._do_restore(file, info.path, password, damaged=False)

    def _do_restore(self, file: Path, backup: Path, password: str | None, *, damaged: bool) -> bool:
        from guestcard.services.backup import BackupError, restore_database
        from guestcard.storage.lock import DatabaseLocked

        window = self.window
        had_db = window.db is not None
        window_password = window.db.password if window.db is not None else None
        try:
            lock = self._close_keeping_lock()
        except DatabaseLocked as exc:
            prompts.warn(window, _tr("Restore"), say(exc))
            return False
        backup_dir = self._backup_dir()

        def put_in_place() -> tuple[Path | None, Path]:
            # A damaged file is only kept aside, not backed up; the service does it all.
            return restore_database(file, backup, backup_dir, password=password, damaged=damaged)

        def restored(result: tuple[Path | None, Path]) -> None:
            busy.__exit__()
            safety, aside = result
            if lock is not None:
                lock.release()
            text = _tr("The backup %1 is restored.").replace("%1", backup.name)
            if aside.exists():
                text += "\n" + _tr("The replaced file is kept as %1").replace("%1", str(aside))
            if safety is not None:
                text += "\n" + _tr("A copy of it is also among the backups: %1").replace("%1", str(safety))
            self._reopen(file, password)
            prompts.inform(window, _tr("Restore"), text)

        def failed(exc: BaseException, details: str) -> None:
            busy.__exit__()
            if lock is not None:
                lock.release()
            if isinstance(exc, BackupError | OSError):
                prompts.warn(window, _tr("Restore"), _tr("The backup was not restored: %1").replace("%1", say(exc)))
            else:
                window.operations.unexpected(exc, details)
            if had_db and file.exists():
                self._reopen(file, window_password)
            else:
                self._not_open()

        busy = BusyCursor()
        busy.__enter__()
        window.operations.run("restore_backup", put_in_place, on_success=restored, on_error=failed)
        return True

    # -- password ---------------------------------------------------------------------------------

    def manage_password(self) -> bool:
        """Set a password (the database has none), or change or remove it. True when done."""
        from guestcard.services.password import PasswordError, change_password, remove_password, set_password
        from guestcard.storage.database import DatabaseError

        window = self.window
        db = window.db
        file = self.database_file()
        if db is None or file is None or window.read_only or not window._card_may_go():
            return False
        old = db.password
        if old is None:
            mode = "set"
        else:
            choice = prompts.choose(window, _tr("Password"), _tr("The guest file is protected by a password."),
                                    [_tr("Change the password"), _tr("Remove the password")])
            if choice is None:
                return False
            mode = ("change", "remove")[choice]
        dialog = PasswordDialog(mode, str(file), check_current=lambda typed: typed == old, parent=window)
        if not prompts.run_dialog(dialog):
            return False
        new = dialog.new_password()
        lock = self._close_keeping_lock()
        backup_dir = self._backup_dir()

        def rekey() -> Any:
            if mode == "set":
                assert new is not None
                return set_password(file, new, backups=backup_dir, lock=False)
            if mode == "change":
                assert old is not None and new is not None
                return change_password(file, old, new, backups=backup_dir, lock=False)
            assert old is not None
            return remove_password(file, old, backups=backup_dir, lock=False)

        def failed(exc: BaseException, details: str) -> None:
            busy.__exit__()
            if lock is not None:
                lock.release()
            if isinstance(exc, PasswordError | DatabaseError):
                prompts.warn(window, _tr("Password"), _tr("Nothing was changed: %1").replace("%1", say(exc)))
            else:
                window.operations.unexpected(exc, details)
            self._reopen(file, old)

        def done(report: Any) -> None:
            busy.__exit__()
            if lock is not None:
                lock.release()
            self._rekeyed(file, mode, new, report)

        busy = BusyCursor()
        busy.__enter__()
        window.operations.run("change_password", rekey, on_success=done, on_error=failed)
        return True

    def _rekeyed(self, file: Path, mode: str, new: str | None, report: Any) -> None:
        """Say what the re-keying did (the backups too) and open the file with its new password."""
        window = self.window
        texts = {
            "set": _tr("The guest file is now encrypted. Keep the password safe: without it the guest file cannot "
                       "be opened."),
            "change": _tr("The password is changed."),
            "remove": _tr("The guest file is no longer encrypted."),
        }
        text = texts[mode]
        if report.backups_updated:
            text += "\n" + _tr("%1 backups were re-encrypted too.").replace("%1", str(len(report.backups_updated)))
        if report.backups_left:
            text += "\n" + _tr("These backups have another password and were left as they were:\n%1").replace(
                "%1", "\n".join(str(p) for p in report.backups_left))
        if report.backups_missing:
            text += "\n" + _tr("These backups were written elsewhere and are not there now (a USB stick not "
                                "plugged in?); they keep the old protection until you re-encrypt or delete "
                                "them:\n%1").replace("%1", "\n".join(str(p) for p in report.backups_missing))
        self._reopen(file, new)
        prompts.inform(window, _tr("Password"), text)

    # -- when opening fails -----------------------------------------------------------------------

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
                _tr("%1\n\nOpen it read-only (look, print and export; no changes), or quit?").replace("%1", say(exc)),
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
                _tr("%1 does not exist.\n\nMake a new, empty guest file there? If the path is mistyped, cancel: "
                    "File ▸ Open another database… opens the right one.").replace("%1", str(exc.file)),
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
                               _tr("The guest file cannot be opened:\n%1").replace("%1", say(exc)))
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
        text = _tr("The guest file cannot be opened:\n%1").replace("%1", say(exc))
        if what:
            text += "\n\n" + what
        latest = self.latest_backup(password) if file is not None else None
        locked = self.latest_backup(password, encrypted=True) if file is not None and latest is None else None
        if locked is not None and file is not None:
            text += "\n\n" + _tr("The latest backup was taken %1 (%2) and is protected by a password. Restore it? "
                                 "The file that does not open is kept beside it, never overwritten.") \
                .replace("%1", when(locked.taken_at)).replace("%2", reason_text(locked.reason))
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
                text += "\n\n" + _tr("There is no backup to restore in %1.").replace(
                    "%1", str(self._backup_dir() or _default_backup_dir()))
            prompts.show_error(window, _tr("Cannot open the guest file"), text)
            return
        text += "\n\n" + _tr("The latest backup was taken %1 (%2) and holds %3. Restore it? The file that does not "
                             "open is kept beside it, never overwritten.") \
            .replace("%1", when(latest.taken_at)).replace("%2", reason_text(latest.reason)) \
            .replace("%3", customers_text(latest.customers))
        choice = prompts.choose(window, _tr("Cannot open the guest file"), text,
                                [_tr("Restore the latest backup"), _tr("Quit")])
        if choice == 0:
            self._do_restore(file, latest.path, password, damaged=isinstance(exc, DatabaseDamaged))
        elif choice == 1:
            window.close()


def _count_or_none(db: Any) -> int | None:
    """How many customers the open file holds (for the restore question); None when unreadable."""
    from guestcard.services.customers import count_customers

    try:
        return count_customers(db)
    except Exception:  # a file in trouble is exactly what a restore is for: the question says "unknown"
        return None


def _default_backup_dir() -> Path:
    from guestcard.services.backup import default_backup_dir

    with contextlib.suppress(Exception):
        return default_backup_dir()
    return Path("backups")
