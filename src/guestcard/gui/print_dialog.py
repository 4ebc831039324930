"""The Print dialog: whose cards (the selection, the list's search result, a day's reservations, or
a blank form), which card, page size, staff or full copy; a preview; print or save the PDF.

The cards are drawn to PDF by the printing service off the GUI thread (reportlab is imported only
there; the jobs are ``print_pages``). Where that PDF goes is ``print_output``: the preview pane
(``print_preview``), updated as the choices change; a saved file; or the printer chosen in Qt's
print dialog, its pages rendered by QtPdf and sent off the GUI thread with progress and Cancel.
Where QtPdf is missing, ``pdftoppm`` (poppler) rasterises the pages instead; without either the PDF
opens in the system's viewer, which previews and prints it. What it says of a drawing is
``print_words``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.models import ListFilter
from guestcard.gui.print_output import PrintOutput
from guestcard.gui.print_pages import Rendered, Who, qtpdf, render_job
from guestcard.gui.print_preview import PagesPreview
from guestcard.gui.print_words import failure_text
from guestcard.gui.settings_dialog import page_size_label
from guestcard.gui.worker import TaskRunner
from guestcard.services.customers import count_customers
from guestcard.settings import PAGE_SIZES

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.settings import Settings
    from guestcard.storage import Database

MANY_CARDS = 500
PREVIEW_DELAY_MS = 400  # a new preview this long after the last change of a choice


class PrintDialog(PrintOutput, QDialog):
    rendered = Signal(object)  # Rendered: a preview, a printout or a saved PDF is ready
    saved = Signal(str)  # the saved PDF
    printed = Signal(int)  # pages sent to the printer
    failed = Signal(str)

    def __init__(self, db: Database, library: FormLibrary, runner: TaskRunner, settings: Settings, *,
                 list_filter: ListFilter | None = None, selected: Sequence[int] = (), day: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._closed = False  # done(): late signals must not start work in the removed folder
        self.setObjectName("printDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.db, self.library, self.runner, self.settings = db, library, runner, settings
        self.list_filter = list_filter or ListFilter()
        self.selected = list(selected)
        self.task: Any = None
        self._generation = 0
        self._printed = 0
        self.last: Rendered | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="guestcard-print-"))

        self.by_selection = QRadioButton(self)
        self.by_list = QRadioButton(self)
        self.by_day = QRadioButton(self)
        self.blank = QRadioButton(self)
        self.who = QButtonGroup(self)
        for button in (self.by_selection, self.by_list, self.by_day, self.blank):
            self.who.addButton(button)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        when = day or dt.date.today() + dt.timedelta(days=1)
        self.day.setDate(QDate(when.year, when.month, when.day))
        self.day.dateChanged.connect(lambda _d: self.by_day.setChecked(True))
        self.by_selection.setEnabled(bool(self.selected))
        if day is not None:
            self.by_day.setChecked(True)
        elif self.selected:
            self.by_selection.setChecked(True)
        elif not self.list_filter.is_everyone:
            self.by_list.setChecked(True)
        else:
            self.by_day.setChecked(True)
        self.form = QComboBox(self)
        self.size_box = QComboBox(self)
        self.landscape = QCheckBox(self)
        self.staff = QRadioButton(self)
        self.full = QRadioButton(self)
        self.copy_group = QButtonGroup(self)
        self.copy_group.addButton(self.staff)
        self.copy_group.addButton(self.full)
        self.staff.setChecked(True)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if settings.language == "zh" else 1)
        self.history = QSpinBox(self)
        self.history.setRange(0, 30)
        self.history.setValue(5)

        self.preview_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.print_button.setDefault(True)  # Enter prints
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.ask_save)
        self.close_button.clicked.connect(self.reject)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopPrint")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.preview_pane = PagesPreview(self, use_qtpdf=qtpdf())
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._auto_preview)
        self._job_kind = ""
        self._previews = 0
        self._printer: Any = None

        self.labels = [QLabel(self) for _ in range(7)]
        who_box = QVBoxLayout()
        who_box.addWidget(self.by_selection)
        who_box.addWidget(self.by_list)
        day_row = QHBoxLayout()
        day_row.addWidget(self.by_day)
        day_row.addWidget(self.day, 1)
        who_box.addLayout(day_row)
        who_box.addWidget(self.blank)
        copy_box = QVBoxLayout()
        copy_box.addWidget(self.staff)
        copy_box.addWidget(self.full)
        form = QFormLayout()
        form.addRow(self.labels[0], who_box)
        form.addRow(self.labels[1], self.form)
        form.addRow(self.labels[2], self.size_box)
        form.addRow("", self.landscape)
        form.addRow(self.labels[3], copy_box)
        form.addRow(self.labels[4], self.language)
        form.addRow(self.labels[5], self.history)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        left.addLayout(progress_row)
        left.addWidget(self.status)
        top = QHBoxLayout()
        top.addLayout(left, 0)
        top.addWidget(self.preview_pane, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        self.retranslate()
        default_size = settings.default_page_size if settings.default_page_size in PAGE_SIZES else "A4"
        self.size_box.setCurrentIndex(max(0, self.size_box.findData(default_size)))
        self.form.setCurrentIndex(max(0, self.form.findData(settings.default_form)))
        self.resize(1100, 760)
        # Any change of a choice shows a new preview a moment later.
        self.who.buttonToggled.connect(lambda _b, checked: checked and self.schedule_preview())
        self.copy_group.buttonToggled.connect(lambda _b, checked: checked and self.schedule_preview())
        self.day.dateChanged.connect(self.schedule_preview)
        for combo in (self.form, self.size_box, self.language):
            combo.currentIndexChanged.connect(self.schedule_preview)
        self.landscape.toggled.connect(self.schedule_preview)
        self.history.valueChanged.connect(self.schedule_preview)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._previews and not self.running():
            self.schedule_preview()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print cards"))
        for label, text in zip(self.labels, (self.tr("Whose cards"), self.tr("Card"), self.tr("Paper"),
                                             self.tr("Copy"), self.tr("Language"), self.tr("History rows"), ""),
                               strict=True):
            label.setText(text)
        self.by_selection.setText(fill(self.tr("The selected customers (%1)"), len(self.selected)))
        self.by_list.setText(self.tr("Everyone the list shows now (search and filters)"))
        self.by_day.setText(self.tr("The guests booked on"))
        self.blank.setText(self.tr("A blank form to fill in by hand"))
        current = self.form.currentData()
        self.form.clear()
        for form in self.library.forms.values():
            self.form.addItem(form.title.text(ui_lang()), form.id)
        if current:
            self.form.setCurrentIndex(max(0, self.form.findData(current)))
        current_size = self.size_box.currentData()
        self.size_box.clear()
        for size in PAGE_SIZES:
            self.size_box.addItem(page_size_label(size), size)
        if current_size:
            self.size_box.setCurrentIndex(max(0, self.size_box.findData(current_size)))
        self.landscape.setText(self.tr("Landscape"))
        self.staff.setText(self.tr("Staff copy (confidential fields left out)"))
        self.full.setText(self.tr("Manager's full copy"))
        self.history.setToolTip(self.tr("The latest visits and contacts printed on each card"))
        self.preview_button.setText(self.tr("Preview"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.stop_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what to print -----------------------------------------------------------------------------

    def who_value(self) -> Who:
        if self.blank.isChecked():
            return Who(blank=True)
        if self.by_selection.isChecked():
            return Who(ids=tuple(self.selected))
        if self.by_list.isChecked():
            return Who(list_filter=self.list_filter)
        date = self.day.date()
        return Who(day=dt.date(date.year(), date.month(), date.day()))

    def options(self) -> dict[str, Any]:
        return {
            "form_id": str(self.form.currentData()),
            "size": str(self.size_box.currentData()),
            "landscape": self.landscape.isChecked(),
            "lang": str(self.language.currentData()),
            "full": self.full.isChecked(),
            "restaurant": self.settings.restaurant_name,
            "history_rows": self.history.value(),
        }

    def _too_many(self, who: Who, count: int | None) -> bool:
        """Whether the manager stopped a print of more than MANY_CARDS (``count``: of the list)."""
        if count is None:
            return False
        return count > MANY_CARDS and not prompts.confirm(
            self, self.tr("Print cards"),
            fill(self.tr("That is %1 cards. Print them all?"), f"{count:,}"), ok_text=self.tr("Print all"),
        )

    def _checks(self, who: Who) -> Any:
        """What to ask before printing, read on the runner: how many cards the list makes (None
        unless printing the list) and the chosen customers the chosen form is not for (skipped:
        a person's card for a company, or back)."""
        db, library, form_id = self.db, self.library, str(self.form.currentData())

        def read() -> tuple[int | None, list[Any]]:
            count = count_customers(db, who.list_filter.to_service()) if who.list_filter is not None else None
            if who.blank:
                return count, []
            from guestcard.services.printing import choose_customers, not_for_form  # lazy: reportlab

            if who.day is not None:
                chosen = choose_customers(db, day=who.day)
            elif who.ids is not None:
                chosen = choose_customers(db, ids=list(who.ids))
            else:
                chosen = choose_customers(db, flt=(who.list_filter or ListFilter()).to_service(), limit=5_000)
            wrong = not_for_form(library, form_id, chosen)
            # All wrong: the print itself says which card to choose.
            return count, ([] if len(wrong) == len(chosen) else wrong)

        return read

    def _wrong_kind_agreed(self, wrong: list[Any]) -> bool:
        """Before printing: name the customers who would get the wrong kind of card, and ask."""
        if not wrong:
            return True
        sep = "、" if ui_lang() == "zh" else ", "
        names = sep.join(f"{c.name} (#{c.id})" for c in wrong[:8])
        if len(wrong) > 8:
            names += sep + fill(self.tr("and %1 more"), len(wrong) - 8)
        text = self.tr("The %1 is not for these customers, who are skipped: %2.\nPrint the other cards?")
        return prompts.confirm(self, self.tr("Print cards"), fill(
            text,
            self.form.currentText(),
            names,
        ), ok_text=self.tr("Print the others"))

    def _start(self, out: Path, *, dpi: int | None, last_page: int | None, then: Any, kind: str,
               limit: int | None = None) -> None:
        who = self.who_value()
        if kind == "preview":
            self._render(who, out, dpi=dpi, last_page=last_page, then=then, kind=kind, limit=limit)
            return
        self._preview_timer.stop()

        def checked(found: tuple[int | None, list[Any]]) -> None:
            count, wrong = found
            if not self._too_many(who, count) and self._wrong_kind_agreed(wrong):
                self._render(who, out, dpi=dpi, last_page=last_page, then=then, kind=kind, limit=limit)

        from guestcard.gui.operations import call_job

        self.task = self.runner.start(call_job(self._checks(who)), on_result=checked, on_error=self._failed,
                                      reading_only=True)

    def _render(self, who: Who, out: Path, *, dpi: int | None, last_page: int | None, then: Any, kind: str,
                limit: int | None) -> None:
        self._job_kind = kind
        if self.task is not None and self.task.running:
            self.task.cancel()
        self._busy()
        self.status.setText(self.tr("Drawing the cards…"))
        folder = Path(tempfile.mkdtemp(dir=self._folder))
        self._generation += 1
        generation = self._generation

        def current(handler: Any) -> Any:  # answers of a job started before the latest one are dropped
            return lambda *args: handler(*args) if generation == self._generation else None

        self.task = self.runner.start(
            render_job(self.db, self.library, out, who, self.options(), dpi=dpi, last_page=last_page, folder=folder,
                       limit=limit),
            on_result=current(lambda rendered: self._finished(rendered, then)),
            on_error=current(self._failed),
            on_progress=current(self._progress),
            on_cancel=current(self._cancelled),
        )

    def running(self) -> bool:
        return self.task is not None and self.task.running

    def stop(self) -> None:
        if self.running():
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Stopping…"))
            self.task.cancel()

    def _cancelled(self) -> None:
        self._idle()
        self.status.setText(self.tr("Cancelled; nothing was printed or saved."))

    def _progress(self, done: int, total: int | None, text: str) -> None:
        if text == "pages":
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Preparing the pages…"))
        elif text == "printing" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status.setText(fill(self.tr("Sending page %1 of %2 to the printer…"), done + 1, total))
        elif total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status.setText(fill(self.tr("Drawing card %1 of %2…"), done, total))

    def _busy(self) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()

    def _idle(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(True)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._idle()
        text, clear = failure_text(exc, self.who_value())
        if clear:
            self.preview_pane.clear()
        self.status.setText(text)
        self.failed.emit(say(exc))

    def _finished(self, rendered: Rendered, then: Any) -> None:
        self._idle()
        self.last = rendered
        then(rendered)
        self.rendered.emit(rendered)

    # -- preview, save, print (gui.print_output) ----------------------------------------------------------------------

    def schedule_preview(self) -> None:
        if not self._closed:
            self._preview_timer.start()

    def _auto_preview(self) -> None:
        if self._closed:
            return  # a late signal after closing: the temporary folder is gone
        if self.running() and self._job_kind != "preview":
            return  # printing or saving: not disturbed by a preview
        self.preview()

    def done(self, result: int) -> None:
        self._closed = True
        self._preview_timer.stop()
        self.preview_pane.clear()
        folder = self._folder
        if self.task is not None and self.task.running:
            self.task.cancel()  # the folder goes once the job has stopped writing into it
            self.task.signals.ended.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
        else:
            shutil.rmtree(folder, ignore_errors=True)
        super().done(result)
