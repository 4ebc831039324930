"""The side-by-side merge of two cards: per differing field the manager picks which value stays
(or, in a list field, keeps both); the merge and its reading run on the background runner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guestcard.forms import format_value
from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.worker import Step, TaskRunner
from guestcard.services.merging import LIST_FIELDS, merge_customers, plan_merge

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.services.merging import MergePlan
    from guestcard.storage import Database

CHOICES = ("keep", "other", "both")


def field_label(library: FormLibrary | None, key: str) -> str:
    if key == "photo":
        return QCoreApplication.translate("MergeDialog", "Photo")
    if key.startswith("extra:"):
        return key[6:]
    if library is not None:
        try:
            return library.field(key).label.text(ui_lang())
        except KeyError:
            pass
    return key


def value_text(library: FormLibrary | None, key: str, value: Any) -> str:
    if value is True and key == "photo":
        return "✓"
    if library is not None and not key.startswith("extra:"):
        try:
            return format_value(library.field(key), value, ui_lang()) or ""
        except (KeyError, ValueError, TypeError, AttributeError):
            pass
    return "" if value is None else str(value)


class MergeDialog(QDialog):
    """Merge card ``other_id`` into ``keep_id``. ``loaded`` once the side-by-side is shown,
    ``merged(MergeResult)`` when the merge is written."""

    loaded = Signal()
    merged = Signal(object)

    def __init__(self, db: Database, runner: TaskRunner, keep_id: int, other_id: int,
                 library: FormLibrary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.db, self.runner, self.library = db, runner, library
        self.keep_id, self.other_id = keep_id, other_id
        self.plan: MergePlan | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.setWindowTitle(self.tr("Merge two cards"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("Reading both cards…"), self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.grid_widget = QWidget(self.scroll_area)
        self.grid = QGridLayout(self.grid_widget)
        self.scroll_area.setWidget(self.grid_widget)
        layout.addWidget(self.scroll_area, 1)
        self.filled = QLabel(self)
        self.filled.setWordWrap(True)
        layout.addWidget(self.filled)
        self.note = QLabel(self.tr("Every visit, reservation, contact, relation and photo of the second card moves "
                                   "to the first; the merge can be undone."), self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load()

    # -- reading -----------------------------------------------------------------------------------

    def _load(self) -> None:
        db, keep_id, other_id = self.db, self.keep_id, self.other_id

        def job(_cancel: Any) -> Iterator[Any]:
            yield Step(0, None)
            yield plan_merge(db, keep_id, other_id)

        self.runner.start(job, on_result=self._show_plan, on_error=self._failed, reading_only=True)

    def _show_plan(self, plan: MergePlan) -> None:
        self.plan = plan
        keep, other = plan.keep, plan.other
        self.heading.setText(fill(
            self.tr("Keep card #%1 (%2) and merge #%3 (%4) into it. Pick which value stays:"),
            keep.id,
            keep.name,
            other.id,
            other.name,
        ))
        headers = (self.tr("Field"), fill(self.tr("#%1 (kept)"), keep.id),
                   fill(self.tr("#%1"), other.id), "")
        for column, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>", self.grid_widget)
            self.grid.addWidget(label, 0, column)

        for row, choice in enumerate(plan.choices, start=1):
            self.grid.addWidget(QLabel(field_label(self.library, choice.key), self.grid_widget), row, 0)
            group = QButtonGroup(self)
            group.setObjectName(f"choice:{choice.key}")
            options = [("keep", value_text(self.library, choice.key, choice.keep_value)),
                       ("other", value_text(self.library, choice.key, choice.other_value))]
            for column, (name, text) in enumerate(options, start=1):
                button = QRadioButton(text, self.grid_widget)
                button.setObjectName(f"{choice.key}:{name}")
                group.addButton(button, CHOICES.index(name))
                self.grid.addWidget(button, row, column)
            if choice.key in LIST_FIELDS:
                both = QRadioButton(self.tr("Keep both"), self.grid_widget)
                both.setObjectName(f"{choice.key}:both")
                group.addButton(both, CHOICES.index("both"))
                self.grid.addWidget(both, row, 3)
            button = group.button(CHOICES.index(choice.choice))
            if button is not None:
                button.setChecked(True)
            self.groups[choice.key] = group
        self.grid.setRowStretch(len(plan.choices) + 1, 1)
        chosen = {c.key for c in plan.choices}
        fills = [field_label(self.library, key) for key in plan.took if key not in chosen]
        if fills:
            self.filled.setText(fill(
                self.tr("Filled in from #%1 (the kept card has no value): %2"),
                other.id,
                "、".join(fills),
            ))
        if not plan.choices:
            self.grid.addWidget(QLabel(self.tr("The two cards do not contradict each other."), self.grid_widget),
                                1, 0, 1, 4)
        self.merge_button.setEnabled(True)
        self.loaded.emit()

    def choices(self) -> dict[str, str]:
        """Field key → "keep", "other" or "both", as picked."""
        return {key: CHOICES[group.checkedId()] for key, group in self.groups.items() if group.checkedId() >= 0}

    # -- merging -----------------------------------------------------------------------------------

    def merge(self) -> None:
        if self.plan is None:
            return
        picked = self.choices()
        take = [key for key, choice in picked.items() if choice == "other"]
        both = [key for key, choice in picked.items() if choice == "both"]
        versions = (self.plan.keep.version, self.plan.other.version)
        db, keep_id, other_id = self.db, self.keep_id, self.other_id
        self.merge_button.setEnabled(False)

        def job(_cancel: Any) -> Iterator[Any]:
            yield Step(0, None)
            yield merge_customers(db, keep_id, other_id, take, both, expected_versions=versions)

        self.runner.start(job, on_result=self._merged, on_error=self._failed)

    def _merged(self, result: Any) -> None:
        self.merged.emit(result)
        self.accept()

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.merge_button.setEnabled(self.plan is not None)
        prompts.show_error(self, self.tr("Merge two cards"), say(exc))
