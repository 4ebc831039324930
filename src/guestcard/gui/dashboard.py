"""The Dashboard page: charts of visits, spending, classes, segments, dishes and drinks; class
suggestions to accept one by one or all; the rules in words; PNG, PDF and xlsx exports.

The figures come from ``services.insights.build_insights``, read off the GUI thread when the page
is shown or refreshed. Accepting a suggestion writes through the service (audit trail ``insights``).
The tables' columns, the background jobs, the chart frames and the exports live beside it
(``dashboard_columns``, ``dashboard_jobs``, ``chart_card``, ``dashboard_exports``); this file is
the page itself: its layout and its refreshes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import dashboard_exports, prompts
from guestcard.gui.chart_card import ChartCard
from guestcard.gui.dashboard_columns import OCCASION_COLUMNS, SUGGESTION_COLUMNS
from guestcard.gui.dashboard_jobs import OCCASION_DAYS, apply_job, insights_job
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.insights_charts import CHARTS, build_chart
from guestcard.gui.insights_tables import summary_text
from guestcard.gui.messages import say
from guestcard.gui.models import RecordsModel
from guestcard.gui.review_dialog import ReviewDialog
from guestcard.gui.worker import TaskRunner
from guestcard.services import insights as ins

if TYPE_CHECKING:
    from guestcard.services.insights import ClassSuggestion, Insights
    from guestcard.settings import Settings
    from guestcard.storage import Database

PERIODS = (6, 12, 24)  # months the charts cover


class DashboardPage(QWidget):
    refreshed = Signal()
    classesApplied = Signal(int)  # how many classes were changed
    openCustomer = Signal(int)

    def __init__(self, runner: TaskRunner, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules_filled = False
        self.runner = runner
        self.settings = settings
        self.db: Database | None = None
        self.result: Insights | None = None
        self._task: Any = None
        self._apply_task: Any = None
        self._applying = False
        self._notice = ""  # the outcome of the last action, kept under the figures
        # The periodic review (定期盘点) as a page of the dashboard: the review dialog's own widget,
        # made when the tab is first shown; the window says who the account managers are.
        self.review: Any = None
        self.review_owners: Callable[[], list[str]] = lambda: []
        self._stale = True

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for months in PERIODS:
            self.period.addItem("", months)
        self.period.setCurrentIndex(PERIODS.index(12))
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("savePdf")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.setObjectName("saveXlsx")
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.period)
        top.addWidget(self.refresh_button)
        top.addSpacing(12)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)

        # Charts, two by two, scrolling when the window is small.
        self.cards: dict[str, ChartCard] = {}
        charts = QWidget(self)
        grid = QGridLayout(charts)
        grid.setSpacing(10)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, info in enumerate(CHARTS):
            card = ChartCard(info, charts)
            card.exportRequested.connect(self.export_png)
            self.cards[info.key] = card
            grid.addWidget(card, i // 2, i % 2)
        for column in (0, 1):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(charts)

        # Class suggestions: shown beside the class now, applied only when accepted.
        suggestions = QWidget(self)
        self.class_rule = QLabel(suggestions)
        self.class_rule.setWordWrap(True)
        self.suggestion_model = RecordsModel(SUGGESTION_COLUMNS, (), self)
        self.suggestion_view = QTableView(suggestions)
        self.suggestion_view.setModel(self.suggestion_model)
        self.suggestion_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.suggestion_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.suggestion_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestion_view.setAlternatingRowColors(True)
        self.suggestion_view.verticalHeader().hide()
        self.suggestion_view.horizontalHeader().setStretchLastSection(True)
        self.suggestion_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((60, 160, 80, 80, 110)):
            self.suggestion_view.setColumnWidth(column, width)
        self.suggestion_view.doubleClicked.connect(self._open_suggestion)
        self.suggestion_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.suggestion_count = QLabel(suggestions)
        self.accept_selected_button = QPushButton(suggestions)
        self.accept_selected_button.setObjectName("acceptSelected")
        self.accept_selected_button.clicked.connect(self.accept_selected)
        self.accept_all_button = QPushButton(suggestions)
        self.accept_all_button.setObjectName("acceptAll")
        self.accept_all_button.clicked.connect(self.accept_all)
        self.progress = QProgressBar(suggestions)
        self.progress.hide()
        self.cancel_button = QPushButton(suggestions)
        self.cancel_button.setObjectName("cancelApply")
        self.cancel_button.clicked.connect(self.cancel_apply)
        self.cancel_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.suggestion_count, 1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.accept_selected_button)
        buttons.addWidget(self.accept_all_button)
        box = QVBoxLayout(suggestions)
        box.addWidget(self.class_rule)
        box.addWidget(self.suggestion_view, 1)
        box.addLayout(buttons)

        # The rules in words.
        rules = QWidget(self)
        self.rule_labels = [QLabel(rules) for _ in range(4)]
        self.rule_titles = [QLabel(rules) for _ in range(4)]
        rules_layout = QVBoxLayout(rules)
        for title, label in zip(self.rule_titles, self.rule_labels, strict=True):
            bold = QFont(title.font())
            bold.setBold(True)
            title.setFont(bold)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            rules_layout.addWidget(title)
            rules_layout.addWidget(label)
            rules_layout.addSpacing(8)
        rules_layout.addStretch(1)

        # Birthdays and anniversaries coming up, with class and favourite dishes: gifts and greetings.
        self.occasion_model = RecordsModel(OCCASION_COLUMNS, (), self)
        self.occasion_view = QTableView(self)
        self.occasion_view.setModel(self.occasion_model)
        self.occasion_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.occasion_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.occasion_view.setAlternatingRowColors(True)
        self.occasion_view.verticalHeader().hide()
        self.occasion_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 150, 130, 50, 120)):
            self.occasion_view.setColumnWidth(column, width)
        self.occasion_view.doubleClicked.connect(
            lambda index: self.openCustomer.emit(self.occasion_model.record(index.row()).customer.id)
        )

        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, "")
        self.tabs.addTab(suggestions, "")
        self.tabs.addTab(self.occasion_view, "")
        self.tabs.addTab(rules, "")
        self.review_tab = QWidget(self)
        QVBoxLayout(self.review_tab).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.review_tab, "")
        self.tabs.currentChanged.connect(lambda _index: self._show_review())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self._update_buttons()

    # -- data --------------------------------------------------------------------------------------

    def months(self) -> int:
        return int(self.period.currentData())

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._stale = True

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.result = None
        self._stale = True
        if self.review is not None:  # made again, over the new file, when next shown
            self.review.deleteLater()
            self.review = None
        self._show_review()
        if db is None:
            self.suggestion_model.set_records([])
            self.occasion_model.set_records([])
        elif self.isVisible():
            self.refresh()
        self._update_buttons()

    def _fill_rules(self) -> None:
        """The rules in words, once the page is first shown."""
        self._rules_filled = True
        language = ui_lang()
        rule = ins.InsightSettings.from_settings(self.settings) if self.settings is not None else ins.DEFAULTS
        self.class_rule.setText(ins.class_rule_text(language, rule))
        for label, text in zip(
            self.rule_labels,
            (
                ins.class_rule_text(language, rule),
                ins.segment_rule_text(language, rule),
                ins.churn_rule_text(language, rule),
                self._credit_text(),
            ),
            strict=True,
        ):
            label.setText(text)

    def _credit_text(self) -> str:
        """The credit rule, and how many accounts each credit segment holds once read."""
        language = ui_lang()
        text = ins.credit_rule_text(language)
        if self.result is not None and self.result.credit_segments:
            text += "\n" + " · ".join(f"{ins.credit_segment_name(key, language)}: {count}"
                                      for key, count in self.result.credit_segments.items())
        return text

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._rules_filled:
            self._fill_rules()
        if self._stale and self.db is not None:
            self.refresh()

    def _show_review(self) -> None:
        if self.tabs.currentWidget() is not self.review_tab or self.db is None:
            return
        if self.review is not None:
            self.review.reload()
            return

        self.review = ReviewDialog(self.db, self.runner, self.review_owners(), self.review_tab)
        self.review.setWindowFlags(Qt.WindowType.Widget)  # a page here, not a window of its own
        self.review.buttons.hide()
        self.review_tab.layout().addWidget(self.review)
        self.review.show()

    def mark_stale(self) -> None:
        """The data changed elsewhere: read again when next shown (now, if shown)."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> Any:
        if self.db is None:
            return None
        if self._task is not None and self._task.running:
            self._task.cancel()
        self._stale = False
        self.summary.setText(self.tr("Reading the visits…"))
        self._task = self.runner.start(
            insights_job(self.db, self.settings, self.months()),
            on_result=self.show_result,
            on_error=self._failed,
            reading_only=True,
        )
        return self._task

    def _failed(self, exc: BaseException, details: str) -> None:
        self.summary.setText(fill(self.tr("The figures could not be read: %1"), say(exc)))
        prompts.show_error(self, self.tr("Dashboard"), say(exc), details)

    def show_result(self, result: Insights) -> None:
        self.result = result
        if self._rules_filled:
            self.rule_labels[3].setText(self._credit_text())
        self.suggestion_model.set_records(result.classes.suggestions)
        self.occasion_model.set_records(result.occasions)
        self._draw()
        self.retranslate()
        self._update_buttons()
        self.refreshed.emit()

    def _draw(self) -> None:
        if self.result is None or self.result.dashboard is None:
            return
        for key, card in self.cards.items():
            card.set_chart(build_chart(key, self.result.dashboard, self.font()))

    # -- class suggestions ---------------------------------------------------------------------------

    def selected_suggestions(self) -> list[ClassSuggestion]:
        rows = sorted({index.row() for index in self.suggestion_view.selectionModel().selectedRows()})
        return [self.suggestion_model.record(row) for row in rows]

    def _open_suggestion(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openCustomer.emit(self.suggestion_model.record(index.row()).customer_id)

    def accept_selected(self) -> Any:
        """Set the classes of the selected suggestions (off the GUI thread); returns the task."""
        chosen = self.selected_suggestions()
        if not chosen or self.db is None:
            return None
        return self._apply(apply_job(self.db, chosen, None, None), len(chosen))

    def accept_all(self) -> Any:
        """Every suggestion, not only the listed ones, after a question; returns the task."""
        if self.db is None or self.result is None or not self.result.classes.total:
            return None
        total = self.result.classes.total
        if not prompts.confirm(
            self,
            self.tr("Accept every suggestion"),
            fill(self.tr("Set the suggested class of %1 customers? Each change is kept in the card's history."), total),
            ok_text=fill(self.tr("Set %1 classes"), total),
        ):
            return None
        return self._apply(apply_job(self.db, None, self.settings, self.result.as_of), total)

    def _apply(self, job: Any, total: int) -> Any:
        self._applying = True
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self._update_buttons()
        self._apply_task = self.runner.start(
            job,
            on_result=self._applied,
            on_error=self._apply_failed,
            on_progress=lambda done, _total, _text: self.progress.setValue(done),
            on_cancel=self._apply_cancelled,
        )
        return self._apply_task

    def cancel_apply(self) -> None:
        if self._apply_task is not None and self._apply_task.running:
            self._apply_task.cancel()

    def notify(self, text: str) -> None:
        """Say the outcome of an action under the figures."""
        self._notice = text
        self.retranslate()
        if self.result is None:
            self.summary.setText(text)

    def _apply_ended(self) -> None:
        self._applying = False
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _apply_cancelled(self) -> None:
        self._apply_ended()
        self.notify(self.tr("Cancelled: no class was changed."))

    def _apply_failed(self, exc: BaseException, details: str) -> None:
        self._apply_ended()
        prompts.show_error(self, self.tr("Class suggestions"), say(exc), details)

    def _applied(self, changes: Any) -> None:
        self._apply_ended()
        applied = len(changes.applied)
        message = self.tr("1 class changed.") if applied == 1 else fill(self.tr("%1 classes changed."), applied)
        if changes.skipped:
            message += " " + fill(
                self.tr("%1 skipped: their cards were changed or deleted meanwhile."),
                len(changes.skipped),
            )
        self.notify(message)
        self.classesApplied.emit(applied)
        self.refresh()

    def _update_buttons(self) -> None:
        has = self.result is not None
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(has)
        for card in self.cards.values():
            card.png.setEnabled(has)
        idle = not self._applying and not getattr(self.db, "read_only", False)  # a file opened read-only
        self.accept_selected_button.setEnabled(idle and bool(self.suggestion_view.selectionModel().selectedRows()))
        self.accept_all_button.setEnabled(idle and has and bool(self.result and self.result.classes.total))

    # -- exports (dashboard_exports) -------------------------------------------------------------

    def export_png(self, key: str) -> Path | None:
        return dashboard_exports.export_png(self, key)

    def export_pdf(self) -> Path | None:
        return dashboard_exports.export_pdf(self)

    def export_xlsx(self) -> Path | None:
        return dashboard_exports.export_xlsx(self)

    # -- language ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Dashboard"))
        for index, months in enumerate(PERIODS):
            self.period.setItemText(index, fill(self.tr("Last %1 months"), months))
        self.refresh_button.setText(self.tr("Refresh"))
        self.pdf_button.setText(self.tr("PDF report…"))
        self.pdf_button.setToolTip(self.tr("The whole dashboard as a PDF report"))
        self.xlsx_button.setText(self.tr("Tables (xlsx)…"))
        self.xlsx_button.setToolTip(self.tr("Every table of the dashboard as an Excel workbook"))
        self.tabs.setTabText(0, self.tr("Charts"))
        total = self.result.classes.total if self.result else 0
        self.tabs.setTabText(1, fill(self.tr("Class suggestions (%1)"), total))
        self.tabs.setTabText(
            2,
            fill(self.tr("Birthdays, next %1 days (%2)"), OCCASION_DAYS, self.occasion_model.rowCount()),
        )
        self.tabs.setTabText(3, self.tr("Rules"))
        self.tabs.setTabText(4, self.tr("Periodic review"))
        self.accept_selected_button.setText(self.tr("Accept selected"))
        self.accept_all_button.setText(self.tr("Accept all"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.rule_titles[0].setText(self.tr("Class from spending"))
        self.rule_titles[1].setText(self.tr("Loyalty segments"))
        self.rule_titles[2].setText(self.tr("Churn alerts"))
        self.rule_titles[3].setText(self.tr("Credit (corporate accounts)"))
        if self._rules_filled or self.isVisible():
            self._fill_rules()
        if self.result is not None:
            shown = self.suggestion_model.rowCount()
            text = fill(self.tr("%1 customers would change class."), total)
            if shown < total:
                text += " " + fill(self.tr("The first %1 are listed; Accept all sets every one."), shown)
            self.suggestion_count.setText(text)
            if self.result.dashboard is not None:
                self.summary.setText("\n".join(filter(None, (summary_text(self.result), self._notice))))
        else:
            self.suggestion_count.setText("")
        for card in self.cards.values():
            card.retranslate()
        self.suggestion_model.retranslate()
        self.occasion_model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._draw()  # segment names, month names and legends follow the language
        super().changeEvent(event)

