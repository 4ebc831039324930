"""The periodic review in the window: choose the days (and an account manager), read the figures
per owner and by source channel, export them to xlsx or PDF. Computed on the background runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.dialogs.fields import error_label, show_error
from guestcard.gui.i18n import fmt_money, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel
from guestcard.gui.register_dialogs import SOURCES, choice_label

if TYPE_CHECKING:
    from guestcard.gui.worker import TaskRunner
    from guestcard.storage import Database


def _owner(figures: Any) -> str:
    if figures.owner == "*":
        return QCoreApplication.translate("models", "All")
    return figures.owner or QCoreApplication.translate("models", "(no owner)")


FIGURE_COLUMNS = (
    Column("owner", QT_TRANSLATE_NOOP("models", "Account manager"), _owner),
    Column("customers", QT_TRANSLATE_NOOP("models", "Customers"), lambda f: f.customers, align_right=True),
    Column("new", QT_TRANSLATE_NOOP("models", "New"), lambda f: f.new, align_right=True),
    Column("contacts", QT_TRANSLATE_NOOP("models", "Contacts"), lambda f: f.contacts, align_right=True),
    Column("on_time", QT_TRANSLATE_NOOP("models", "On time"), lambda f: f.follow_ups_on_time, align_right=True),
    Column("late", QT_TRANSLATE_NOOP("models", "Late"), lambda f: f.follow_ups_late, align_right=True),
    Column("missed", QT_TRANSLATE_NOOP("models", "Missed"), lambda f: f.follow_ups_missed, align_right=True),
    Column("converted", QT_TRANSLATE_NOOP("models", "Converted"), lambda f: f.converted, align_right=True),
    Column("visits", QT_TRANSLATE_NOOP("models", "Visits"), lambda f: f.visits, align_right=True),
    Column("spend", QT_TRANSLATE_NOOP("models", "Spend"), lambda f: fmt_money(f.spend), align_right=True),
    Column("lost", QT_TRANSLATE_NOOP("models", "Lost"), lambda f: f.lost, align_right=True),
)


def _source(row: Any) -> str:
    if not row.source:
        return QCoreApplication.translate("models", "(unknown)")
    return choice_label(row.source) if row.source in SOURCES else row.source


SOURCE_COLUMNS = (
    Column("source", QT_TRANSLATE_NOOP("models", "Source"), _source),
    Column("customers", QT_TRANSLATE_NOOP("models", "Customers"), lambda s: s.customers, align_right=True),
    Column("visits", QT_TRANSLATE_NOOP("models", "Visits"), lambda s: s.visits, align_right=True),
    Column("spend", QT_TRANSLATE_NOOP("models", "Spend"), lambda s: fmt_money(s.spend), align_right=True),
)


def _table(parent: QWidget, model: RecordsModel) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class ReviewDialog(QDialog):
    reviewed = Signal(object)  # services.review.Review
    exported = Signal(object)  # the file written

    def __init__(self, db: Database, runner: TaskRunner, owners: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        self.review: Any = None
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), today.month(), 1), self)
        self.end = QDateEdit(today, self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.reload())
        self.owner = QComboBox(self)
        self.owner.addItem("", None)
        for name in owners:
            self.owner.addItem(name, name)
        self.owner.currentIndexChanged.connect(lambda _i: self.reload())
        self.figures = RecordsModel(FIGURE_COLUMNS, parent=self)
        self.sources = RecordsModel(SOURCE_COLUMNS, parent=self)
        self.figures_view, self.sources_view = _table(self, self.figures), _table(self, self.sources)
        self.xlsx_button, self.pdf_button = QPushButton(self), QPushButton(self)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.sources_label = QLabel(self)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(self) for _ in range(3)]
        row = QHBoxLayout()
        for widget in (self.labels[0], self.start, self.labels[1], self.end, self.labels[2], self.owner):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.xlsx_button)
        row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.figures_view, 3)
        layout.addWidget(self.sources_label)
        layout.addWidget(self.sources_view, 2)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(980, 560)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Periodic review"))
        for label, text in zip(self.labels, (self.tr("From"), self.tr("to"), self.tr("Account manager")),
                               strict=True):
            label.setText(text)
        self.owner.setItemText(0, self.tr("Everyone"))
        self.xlsx_button.setText(self.tr("Export to Excel…"))
        self.pdf_button.setText(self.tr("Export to PDF…"))
        self.sources_label.setText(self.tr("By source channel: which channels bring the guests who spend"))
        self.figures.retranslate()
        self.sources.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def days(self) -> tuple[dt.date, dt.date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None], *, reading: bool = True) -> None:
        def job(_cancel: Any) -> Iterator[Any]:
            yield work()

        self.runner.start(job, on_result=then, on_error=lambda exc, _d: show_error(self.error, say(exc)),
                          reading_only=reading)

    def reload(self) -> None:
        from guestcard.services.review import review  # lazy: io and reportlab load in the job, off the GUI thread

        db, (start, end), owner = self.db, self.days(), self.owner.currentData()
        show_error(self.error, None)
        self._run(lambda: review(db, start, end, owner=owner), self._show)

    def _show(self, result: Any) -> None:
        self.review = result
        self.figures.set_records(result.owners if result.owner else [*result.owners, result.total])
        self.sources.set_records(result.sources)
        self.reviewed.emit(result)

    def export(self, kind: str) -> None:
        # lazy: io and reportlab load in the job, off the GUI thread
        from guestcard.services.review import export_review, print_review

        if self.review is None:
            return
        start, end = self.days()
        suggested = f"review-{start.isoformat()}-{end.isoformat()}.{kind}"
        filters = "Excel (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)"
        path = prompts.save_file(self, self.tr("Export the review"), filters, suggested)
        if path is None:
            return
        target = path if path.suffix.lower() == f".{kind}" else path.with_suffix(f".{kind}")
        result, lang = self.review, ui_lang()

        def write() -> Path:
            if kind == "xlsx":
                export_review(result, target, lang)
            else:
                print_review(result, target, lang)
            return target

        self._run(write, self.exported.emit, reading=False)
