"""The dialogs of keeping the guest file safe: the password (open, set, change, remove) and the
list of backups to restore from; and how a backup is described (when, why, how many customers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import fill

if TYPE_CHECKING:
    from guestcard.services.backup import BackupInfo

ERROR_STYLE = "color: #b3261e;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("safety", text)


def when(taken: dt.datetime) -> str:
    return f"{taken:%Y-%m-%d %H:%M}"


def reason_text(reason: str) -> str:
    """What made a backup, as the manager reads it."""
    texts = {
        "daily": _tr("daily"),
        "manual": _tr("by hand"),
        "before-import": _tr("before an import"),
        "before-undo": _tr("before undoing an import"),
        "before-upgrade": _tr("before an upgrade"),
        "before-restore": _tr("before a restore"),
    }
    return texts.get(reason, reason)


def customers_text(count: int | None) -> str:
    if count is None:
        return _tr("protected by a password")
    if count == 1:
        return _tr("1 customer")
    return fill(_tr("%1 customers"), count)


class BusyCursor:
    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QApplication.restoreOverrideCursor()


# -- the password dialog --------------------------------------------------------------------------


class PasswordDialog(QDialog):
    """Asks for a password. ``mode``: ``"open"`` (the password that opens the file), ``"set"``
    (a new one, twice), ``"change"`` (the current one and a new one twice) or ``"remove"`` (the
    current one). ``check_current`` says whether the current password is right (``None``: not
    checked here); a wrong one is said under the field and the dialog stays open."""

    def __init__(
        self,
        mode: str,
        target: str,
        *,
        error: str | None = None,
        check_current: Callable[[str], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.mode = mode
        self.check_current = check_current
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.current = QLineEdit(self)
        self.new = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for edit, name in ((self.current, "current"), (self.new, "new"), (self.repeat, "repeat")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setObjectName(name)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.current_label = QLabel(self)
        self.new_label = QLabel(self)
        self.repeat_label = QLabel(self)
        form.addRow(self.current_label, self.current)
        form.addRow(self.new_label, self.new)
        form.addRow(self.repeat_label, self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        asks_current = mode in ("open", "change", "remove")
        asks_new = mode in ("set", "change")
        for label, edit, shown in ((self.current_label, self.current, asks_current),
                                   (self.new_label, self.new, asks_new), (self.repeat_label, self.repeat, asks_new)):
            label.setVisible(shown)
            edit.setVisible(shown)
        self._target = target
        self.setMinimumWidth(440)
        self.retranslate()
        self.show_error(error)

    def retranslate(self) -> None:
        titles = {
            "open": self.tr("Password"),
            "set": self.tr("Set a password"),
            "change": self.tr("Change the password"),
            "remove": self.tr("Remove the password"),
        }
        intros = {
            "open": self.tr("%1 is protected by a password. Type it to open the guest file."),
            "set": self.tr("The guest file %1 and its backups will be encrypted: without the password nobody "
                           "can read them — keep it safe, it cannot be recovered."),
            "change": self.tr("The guest file %1 and its backups will be encrypted with the new password."),
            "remove": self.tr("The guest file %1 and its backups will no longer be encrypted: anyone with the "
                              "file can read it."),
        }
        self.setWindowTitle(titles[self.mode])
        self.intro.setText(fill(intros[self.mode], self._target))
        self.current_label.setText(self.tr("Password:") if self.mode == "open" else self.tr("Current password:"))
        self.new_label.setText(self.tr("New password:"))
        self.repeat_label.setText(self.tr("New password again:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def password(self) -> str:
        """The password typed in the first field shown (the current one, or the new one)."""
        return self.current.text() if self.current.isVisibleTo(self) else self.new.text()

    def new_password(self) -> str | None:
        return self.new.text() if self.mode in ("set", "change") else None

    def validate(self) -> str | None:
        """Why the dialog cannot be accepted yet, or ``None``."""
        if self.mode in ("open", "change", "remove"):
            if not self.current.text():
                return self.tr("Type the password.")
            if self.check_current is not None and not self.check_current(self.current.text()):
                return self.tr("Wrong password.")
        if self.mode in ("set", "change"):
            if not self.new.text():
                return self.tr("Type the new password.")
            if "\x00" in self.new.text():
                return self.tr("The password cannot contain a NUL character.")
            if self.new.text() != self.repeat.text():
                return self.tr("The two new passwords differ.")
            if self.mode == "change" and self.new.text() == self.current.text():
                return self.tr("The new password is the same as the current one.")
        return None

    def accept(self) -> None:
        problem = self.validate()
        self.show_error(problem)
        if problem is None:
            super().accept()


# -- the restore dialog ---------------------------------------------------------------------------


class RestoreDialog(QDialog):
    """The backups (newest first): when, why, how many customers. *Another file…* adds one."""

    def __init__(
        self, backups: list[BackupInfo], describe: Callable[[Path], BackupInfo | str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.describe = describe
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("backups")
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(4)
        self.other = QPushButton(self)
        self.other.clicked.connect(self.add_other)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for info in backups:
            self._add(info)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.resize(640, 360)
        self.retranslate()

    def _add(self, info: BackupInfo) -> QTreeWidgetItem:
        item = QTreeWidgetItem([when(info.taken_at), reason_text(info.reason), customers_text(info.customers),
                                str(info.path)])
        item.setData(0, Qt.ItemDataRole.UserRole, info)
        self.list.addTopLevelItem(item)
        return item

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.intro.setText(self.tr("Choose the backup to put in place of the guest file. You will see what it holds "
                                   "before anything is replaced."))
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Customers"), self.tr("File")])
        self.other.setText(self.tr("Another file…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_other(self) -> None:
        path = prompts.open_file(self, self.tr("Choose a backup"),
                                 self.tr("guestcard backup (*.sqlite3 *.db);;All files (*)"))
        if path is None:
            return
        found = self.describe(path)
        if isinstance(found, str):
            self.error.setText(found)
            self.error.show()
            return
        self.error.hide()
        self.list.setCurrentItem(self._add(found))

    def chosen(self) -> BackupInfo | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def accept(self) -> None:
        if self.chosen() is None:
            self.error.setText(self.tr("Choose a backup first."))
            self.error.show()
            return
        super().accept()
