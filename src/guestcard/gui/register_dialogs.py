"""The walk-in and call register in the window: the quick entry (Ctrl+R) that finds the card by
phone as it is typed, and the register's own list (days, count by source, export).

Every read and write runs on the window's background runner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.staff import RegisterEntry
from guestcard.gui import prompts
from guestcard.gui.dialogs.fields import error_label, show_error
from guestcard.gui.i18n import fill, fmt_datetime, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel

if TYPE_CHECKING:
    from guestcard.domain.staff import RegisterEntry
    from guestcard.gui.worker import TaskRunner
    from guestcard.storage import Database

# The register's choices (services.register has the same keys): key → (Chinese, English).
PURPOSES = {"booking": ("订餐", "Table booking"), "banquet": ("宴会", "Banquet"), "enquiry": ("咨询", "Enquiry"),
            "complaint": ("投诉", "Complaint")}
SOURCES = {"phone": ("来电", "Phoned us"), "walk_in": ("来店", "Walk-in"), "referral": ("介绍", "Referral"),
           "online": ("网络", "Online"), "wechat": ("微信", "WeChat"), "event": ("市场活动", "Marketing event"),
           "passing_by": ("路过", "Passing by")}
LOOKUP_PAUSE_MS = 250


def choice_label(key: str) -> str:
    labels = PURPOSES.get(key) or SOURCES.get(key)
    return (labels[0] if ui_lang() == "zh" else labels[1]) if labels else key


def _no_name() -> str:
    return QCoreApplication.translate("RegisterDialog", "(no name)")


REGISTER_COLUMNS = (
    Column("at", QT_TRANSLATE_NOOP("models", "Time"), lambda e: fmt_datetime(e.at)),
    Column("name", QT_TRANSLATE_NOOP("models", "Name"), lambda e: e.name or _no_name()),
    Column("phone", QT_TRANSLATE_NOOP("models", "Phone"), lambda e: e.phone or ""),
    Column("party", QT_TRANSLATE_NOOP("models", "Party"), lambda e: e.party_size or "", align_right=True),
    Column("purpose", QT_TRANSLATE_NOOP("models", "Purpose"), lambda e: choice_label(e.purpose)),
    Column("source", QT_TRANSLATE_NOOP("models", "Source"), lambda e: choice_label(e.source)),
    Column("taken_by", QT_TRANSLATE_NOOP("models", "Taken by"), lambda e: e.taken_by or ""),
    Column("outcome", QT_TRANSLATE_NOOP("models", "Outcome"), lambda e: e.outcome or "", tooltip=True),
    Column("card", QT_TRANSLATE_NOOP("models", "Card"), lambda e: e.customer_id or "", align_right=True),
)


def _fill(combo: QComboBox, choices: dict[str, tuple[str, str]]) -> None:
    current = combo.currentData()
    combo.clear()
    for key in choices:
        combo.addItem(choice_label(key), key)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)


class RegisterDialog(QDialog):
    """One walk-in or call, entered quickly: a card with the phone is found as it is typed."""

    registered = Signal(object)  # services.register.Registered
    lookedUp = Signal()  # the cards of the phone typed are shown

    def __init__(self, db: Database, runner: TaskRunner, staff: Sequence[str], current_user: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        self.linked_id: int | None = None
        self.at = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.name = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.matches = QListWidget(self)
        self.matches.setMaximumHeight(80)
        self.matches.hide()
        self.linked = QLabel(self)
        self.party = QSpinBox(self)
        self.party.setRange(0, 10_000)
        self.party.setSpecialValueText("—")
        self.purpose = QComboBox(self)
        self.source = QComboBox(self)
        self.taken_by = QComboBox(self)
        self.taken_by.setEditable(True)
        self.taken_by.addItems(["", *staff])
        self.taken_by.setCurrentText(current_user or "")
        self.outcome = QLineEdit(self)
        self.create_card = QCheckBox(self)
        self.create_card.setChecked(True)
        self.owner = QComboBox(self)
        self.owner.addItems(["", *staff])
        self.owner.setCurrentText(current_user or "")
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(9)]
        form = QFormLayout()
        for label, widget in zip(self.labels, (self.at, self.name, self.phone, self.party, self.purpose, self.source,
                                               self.taken_by, self.outcome, self.owner), strict=True):
            form.addRow(label, widget)
            if widget is self.phone:
                form.addRow("", self.matches)
                form.addRow("", self.linked)
            if widget is self.outcome:
                form.addRow("", self.create_card)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOKUP_PAUSE_MS)
        self._timer.timeout.connect(self.look_up)
        self.phone.textEdited.connect(lambda _text: self._timer.start())
        self.matches.itemActivated.connect(self._chosen)
        self.matches.itemClicked.connect(self._chosen)
        self.retranslate()
        self._show_link(None)
        self.resize(460, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register a walk-in or call"))
        for label, text in zip(self.labels, (
                self.tr("Time"), self.tr("Name"), self.tr("Phone"), self.tr("Party"), self.tr("Purpose"),
                self.tr("Source"), self.tr("Taken by"), self.tr("Outcome"), self.tr("Account manager")), strict=True):
            label.setText(text)
        self.name.setPlaceholderText(self.tr("Empty: 未留名 (left no name)"))
        self.phone.setPlaceholderText(self.tr("The card is found as you type"))
        _fill(self.purpose, PURPOSES)
        _fill(self.source, SOURCES)
        self.create_card.setText(self.tr("No card yet: make a prospect card"))
        self._show_link(self.linked_id, self.linked.property("name") or "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- finding the card by phone -----------------------------------------------------------------

    def look_up(self) -> None:
        # lazy: io and reportlab load in the job, off the GUI thread
        from guestcard.services.register import cards_for_phone

        db, text = self.db, self.phone.text()

        def job(_cancel: Any) -> Iterator[Any]:
            yield text, cards_for_phone(db, text)

        self.runner.start(job, on_result=self._found, reading_only=True)

    def _found(self, result: tuple[str, list[Any]]) -> None:
        text, cards = result
        if text != self.phone.text():
            return  # typed on meanwhile: a newer look-up follows
        self.matches.clear()
        digits = "".join(ch for ch in text if ch.isdigit())
        same = [c for c in cards if c.phone and c.phone.endswith(digits) and len(digits) >= 11]
        for card in cards:
            item = QListWidgetItem(f"{card.id}  {card.display_name}  {card.phone or ''}")
            item.setData(Qt.ItemDataRole.UserRole, (card.id, card.display_name))
            self.matches.addItem(item)
        self.matches.setVisible(bool(cards))
        if len(same) == 1:
            self._show_link(same[0].id, same[0].display_name)
        elif self.linked_id is not None and all(c.id != self.linked_id for c in cards):
            self._show_link(None)
        self.lookedUp.emit()

    def _chosen(self, item: QListWidgetItem) -> None:
        customer_id, name = item.data(Qt.ItemDataRole.UserRole)
        self._show_link(customer_id, name)

    def _show_link(self, customer_id: int | None, name: str = "") -> None:
        self.linked_id = customer_id
        self.linked.setProperty("name", name)
        self.linked.setText(fill(self.tr("Linked to card %1: %2"), customer_id, name)
                            if customer_id is not None else self.tr("No card linked"))
        self.create_card.setEnabled(customer_id is None)
        self.owner.setEnabled(customer_id is None)

    # -- saving ----------------------------------------------------------------------------------

    def entry(self) -> RegisterEntry:
        when = self.at.dateTime().toPython()
        return RegisterEntry(
            at=when.replace(second=0, microsecond=0), purpose=self.purpose.currentData(),
            source=self.source.currentData(), name=self.name.text().strip() or None,
            phone=self.phone.text().strip() or None, party_size=self.party.value() or None,
            taken_by=self.taken_by.currentText().strip() or None, outcome=self.outcome.text().strip() or None,
            customer_id=self.linked_id,
        )

    def accept(self) -> None:
        from guestcard.services.register import register  # lazy: io and reportlab load in the job, off the GUI thread

        entry = self.entry()
        create = self.linked_id is None and self.create_card.isChecked()
        owner = self.owner.currentText().strip() or None
        db = self.db
        show_error(self.error, None)

        def job(_cancel: Any) -> Iterator[Any]:
            yield register(db, entry, create_card=create, owner=owner)

        def done(result: Any) -> None:
            self.registered.emit(result)
            super(RegisterDialog, self).accept()

        self.runner.start(job, on_result=done, on_error=lambda exc, _d: show_error(self.error, say(exc)))


class RegisterListDialog(QDialog):
    """The register of some days, with the count by source channel; exported to .xlsx."""

    openCustomer = Signal(int)
    reloaded = Signal()
    exported = Signal(object)  # the workbook's path

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-30), self)
        self.end = QDateEdit(today, self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.reload())
        self.model = RecordsModel(REGISTER_COLUMNS, parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._open)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        row = QHBoxLayout()
        for widget in (self.from_label, self.start, self.to_label, self.end):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(900, 480)
        self.by_source: dict[str, int] = {}
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Walk-in and call register"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.export_button.setText(self.tr("Export…"))
        self.model.retranslate()
        self._show_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def days(self) -> tuple[dt.date, dt.date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def _run(self, work: Callable[[Database], Any], then: Callable[[Any], None], *, reading: bool = True) -> None:
        db = self.db

        def job(_cancel: Any) -> Iterator[Any]:
            yield work(db)

        self.runner.start(job, on_result=then, on_error=lambda exc, _d: show_error(self.error, say(exc)),
                          reading_only=reading)

    def reload(self) -> None:
        # lazy: io and reportlab load in the job, off the GUI thread
        from guestcard.services.register import count_by_source, entries

        start, end = self.days()
        self._run(lambda db: (entries(db, start, end), count_by_source(db, start, end)), self._show)

    def _show(self, result: tuple[list[Any], dict[str, int]]) -> None:
        found, self.by_source = result
        self.model.set_records(found)
        self._show_counts()
        self.reloaded.emit()

    def _show_counts(self) -> None:
        parts = " · ".join(f"{choice_label(key)} {count}" for key, count in self.by_source.items())
        self.counts.setText(fill(self.tr("By source: %1"), parts) if parts else self.tr("No entries."))

    def _open(self, index: Any) -> None:
        entry = self.model.record(index.row())
        if entry.customer_id is not None:
            self.openCustomer.emit(entry.customer_id)

    def export(self) -> None:
        # lazy: io and reportlab load in the job, off the GUI thread
        from guestcard.services.register import export_register

        path = prompts.save_file(self, self.tr("Export the register"), "Excel (*.xlsx)", "register.xlsx")
        if path is None:
            return
        target = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
        start, end = self.days()
        lang = ui_lang()

        def done(_count: int) -> None:
            self.exported.emit(Path(target))

        self._run(lambda db: export_register(db, target, start, end, lang), done, reading=False)
