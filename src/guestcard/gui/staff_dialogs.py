"""The staff list (add someone, mark someone as left) and the hand-over of a manager's guests.

Every read and write runs on the window's one background runner; the dialogs only show results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.dialogs.fields import error_label, show_error
from guestcard.gui.i18n import fill
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel
from guestcard.services.staff import add_staff, handover, leave, staff_overview

if TYPE_CHECKING:
    from guestcard.gui.worker import TaskRunner
    from guestcard.storage import Database

ROLES = ("manager", "account_manager", "front_desk", "waiter")
ROLE_TITLES = {
    "manager": QT_TRANSLATE_NOOP("staff", "Manager"),
    "account_manager": QT_TRANSLATE_NOOP("staff", "Account manager"),
    "front_desk": QT_TRANSLATE_NOOP("staff", "Front desk"),
    "waiter": QT_TRANSLATE_NOOP("staff", "Waiter"),
}


def role_label(role: str) -> str:
    return QCoreApplication.translate("staff", ROLE_TITLES.get(role, role))


def _status(summary: Any) -> str:
    member = summary.member
    if member.active:
        return QCoreApplication.translate("staff", "Working here")
    return fill(QCoreApplication.translate("staff", "Left %1"), member.left_on or "")


STAFF_COLUMNS = (
    Column("name", QT_TRANSLATE_NOOP("models", "Name"), lambda s: s.member.name),
    Column("role", QT_TRANSLATE_NOOP("models", "Role"), lambda s: role_label(s.member.role)),
    Column("status", QT_TRANSLATE_NOOP("models", "Status"), _status),
    Column("customers", QT_TRANSLATE_NOOP("models", "Guests"), lambda s: s.customers, align_right=True),
)


class StaffDialog(QDialog):
    """The staff list with how many guests each owns; add someone; mark the chosen one as left."""

    changed = Signal()  # the list changed (the window refreshes the owner choices)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        self.model = RecordsModel(STAFF_COLUMNS, parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.strangers = QLabel(self)
        self.strangers.setWordWrap(True)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem("", role)
        self.role.setCurrentIndex(ROLES.index("account_manager"))
        self.add_button = QPushButton(self)
        self.left_button = QPushButton(self)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add)
        self.left_button.clicked.connect(self.mark_left)
        self.name.returnPressed.connect(self.add)
        row = QHBoxLayout()
        self.name_label, self.role_label = QLabel(self), QLabel(self)
        for widget in (self.name_label, self.name, self.role_label, self.role, self.add_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.strangers)
        layout.addLayout(row)
        layout.addWidget(self.left_button)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Staff"))
        self.name_label.setText(self.tr("Name"))
        self.role_label.setText(self.tr("Role"))
        for i, role in enumerate(ROLES):
            self.role.setItemText(i, role_label(role))
        self.add_button.setText(self.tr("Add"))
        self.left_button.setText(self.tr("Has left…"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _run(self, work: Callable[[Database], Any], then: Callable[[Any], None]) -> None:
        db = self.db

        def job(_cancel: Any) -> Iterator[Any]:
            yield work(db)

        self.runner.start(job, on_result=then, on_error=lambda exc, _details: show_error(self.error, say(exc)))

    def reload(self) -> None:
        self._run(staff_overview, self._show)

    def _show(self, overview: Any) -> None:
        summaries, strangers = overview
        self.model.set_records(summaries)
        others = "、".join(f"{name} ({count})" for name, count in strangers.items())
        self.strangers.setText(fill(self.tr("Owners on cards but not on the staff list: %1"), others)
                               if others else "")
        self.strangers.setVisible(bool(others))

    def add(self) -> None:
        name, role = self.name.text(), self.role.currentData()
        show_error(self.error, None)

        def added(_member: Any) -> None:
            self.name.clear()
            self.changed.emit()
            self.reload()

        self._run(lambda db: add_staff(db, name, role), added)

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def mark_left(self) -> None:

        chosen = self.selected()
        if chosen is None or not chosen.member.active:
            return
        name = chosen.member.name
        text = fill(self.tr("Mark %1 as having left? Their guests stay theirs until handed over."), name)
        if not prompts.confirm(self, self.tr("Staff"), text):
            return

        def done(_member: Any) -> None:
            self.changed.emit()
            self.reload()

        self._run(lambda db: leave(db, name), done)


class HandoverDialog(QDialog):
    """Give a manager's guests (all, or one class's) to another; a preview counts them first."""

    handedOver = Signal(object)  # the services.staff.Handover

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        self.from_owner = QComboBox(self)
        self.to_owner = QComboBox(self)
        self.customer_class = QComboBox(self)
        for value in (None, "A", "B", "C"):
            self.customer_class.addItem(value or "", value)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(3)]
        for label, widget in zip(self.labels, (self.from_owner, self.to_owner, self.customer_class), strict=True):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for combo in (self.from_owner, self.to_owner, self.customer_class):
            combo.currentIndexChanged.connect(self.update_preview)
        self.retranslate()
        self._load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hand over guests"))
        for label, text in zip(self.labels, (self.tr("Guests of"), self.tr("Give them to"), self.tr("Class")),
                               strict=True):
            label.setText(text)
        self.customer_class.setItemText(0, self.tr("All classes"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Hand over"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _load(self) -> None:
        db = self.db

        def job(_cancel: Any) -> Iterator[Any]:
            yield staff_overview(db)

        self.runner.start(job, on_result=self._fill, on_error=lambda exc, _d: show_error(self.error, say(exc)))

    def _fill(self, overview: Any) -> None:
        summaries, strangers = overview
        for combo in (self.from_owner, self.to_owner):
            combo.blockSignals(True)
            combo.clear()
        for summary in summaries:
            if summary.customers:
                self.from_owner.addItem(f"{summary.member.name} ({summary.customers})", summary.member.name)
            if summary.member.active:
                self.to_owner.addItem(summary.member.name, summary.member.name)
        for name, count in strangers.items():
            self.from_owner.addItem(f"{name} ({count})", name)
        others = [i for i in range(self.to_owner.count()) if self.to_owner.itemData(i) != self.from_owner.currentData()]
        if others:  # someone else than the one whose guests they are
            self.to_owner.setCurrentIndex(others[0])
        for combo in (self.from_owner, self.to_owner):
            combo.blockSignals(False)
        self.update_preview()

    def choice(self) -> tuple[str | None, str | None, str | None]:
        return self.from_owner.currentData(), self.to_owner.currentData(), self.customer_class.currentData()

    def _handover(self, *, dry_run: bool, then: Callable[[Any], None]) -> None:
        source, target, customer_class = self.choice()
        if not source or not target:
            return
        db = self.db

        def job(_cancel: Any) -> Iterator[Any]:
            yield handover(db, source, target, customer_class=customer_class, dry_run=dry_run)

        self.runner.start(job, on_result=then, on_error=lambda exc, _d: show_error(self.error, say(exc)))

    def update_preview(self) -> None:
        show_error(self.error, None)
        self.preview.clear()

        def show(result: Any) -> None:
            self.preview.setText(fill(
                self.tr("%1 guests will move from %2 to %3."),
                len(result.customer_ids),
                result.from_owner,
                result.to_owner,
            ))

        self._handover(dry_run=True, then=show)

    def accept(self) -> None:
        def done(result: Any) -> None:
            self.handedOver.emit(result)
            super(HandoverDialog, self).accept()

        self._handover(dry_run=False, then=done)
