"""The window's side of keeping the guest file safe: backups, restore, the password, and what
to do when the file does not open.

``Safety`` is attached to the main window (``window.safety``). It adds to the File menu:

- *Back up now* (to the backup folder) and *Back up to…* (a folder the manager picks, a USB stick);
- *Restore from a backup…*: a list of the backups with their date, reason and customer count; the
  chosen one is described once more (and the current file's count) before anything is replaced;
  the current file is backed up and kept aside, never overwritten, and the window reopens;
- *Password…*: set, change or remove the database password (the file and its backups are
  re-encrypted by ``guestcard.services.password``), then the window reopens with it.

What to do when the file does not open is ``safety_opening.OpeningFailures`` (``open_failed``),
which ``Safety`` takes in.

Every question goes through ``guestcard.gui.prompts`` (dialogs through ``prompts.run_dialog``), so
tests script them. The services do the work; nothing here touches the database directly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.messages import say
from guestcard.gui.safety_dialogs import BusyCursor, PasswordDialog, RestoreDialog, customers_text, reason_text, when
from guestcard.gui.safety_opening import OpeningFailures

if TYPE_CHECKING:
    from guestcard.gui.main_window import MainWindow
    from guestcard.services.backup import BackupInfo

__all__ = ["PasswordDialog", "RestoreDialog", "Safety"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("safety", text)


# -- the window's side ----------------------------------------------------------------------------


class Safety(OpeningFailures, QObject):
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
                text = fill(_tr("The last restore or password change of the guest file was interrupted (a crash "
                                "or a power cut); guestcard has put the file in order:\n%1"), db.recovered)
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
            prompts.warn(self.window, _tr("Back up"), fill(_tr("The backup failed: %1"), say(exc)))
            return None
        text = fill(_tr("The guest file is backed up to %1"), str(path))
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
        if file is None or window.read_only or not window._card_may_go(lambda: self.restore(backup)):
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
            fill(_tr("Replace the guest file with this backup?\n\nBackup: %1, taken %2 (%3)\nIt holds %4.\n"
                     "The guest file now holds %5.\n\nThe guest file as it is now is backed up first and kept beside "
                     "it; nothing is deleted."),
                 info.path.name, when(info.taken_at), reason_text(info.reason), customers_text(info.customers),
                 customers_text(current) if current is not None else _tr("an unknown number of customers"))
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
            text = fill(_tr("The backup %1 is restored."), backup.name)
            if aside.exists():
                text += "\n" + fill(_tr("The replaced file is kept as %1"), str(aside))
            if safety is not None:
                text += "\n" + fill(_tr("A copy of it is also among the backups: %1"), str(safety))
            self._reopen(file, password)
            prompts.inform(window, _tr("Restore"), text)

        def failed(exc: BaseException, details: str) -> None:
            busy.__exit__()
            if lock is not None:
                lock.release()
            if isinstance(exc, BackupError | OSError):
                prompts.warn(window, _tr("Restore"), fill(_tr("The backup was not restored: %1"), say(exc)))
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
        if db is None or file is None or window.read_only or not window._card_may_go(self.manage_password):
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
                prompts.warn(window, _tr("Password"), fill(_tr("Nothing was changed: %1"), say(exc)))
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
            text += "\n" + fill(_tr("%1 backups were re-encrypted too."), str(len(report.backups_updated)))
        if report.backups_left:
            text += "\n" + fill(_tr("These backups have another password and were left as they were:\n%1"),
                                 "\n".join(str(p) for p in report.backups_left))
        if report.backups_missing:
            text += "\n" + fill(_tr("These backups were written elsewhere and are not there now (a USB stick not "
                                     "plugged in?); they keep the old protection until you re-encrypt or delete "
                                     "them:\n%1"), "\n".join(str(p) for p in report.backups_missing))
        self._reopen(file, new)
        prompts.inform(window, _tr("Password"), text)


def _count_or_none(db: Any) -> int | None:
    """How many customers the open file holds (for the restore question); None when unreadable."""
    from guestcard.services.customers import count_customers

    try:
        return count_customers(db)
    except Exception:  # a file in trouble is exactly what a restore is for: the question says "unknown"
        return None
