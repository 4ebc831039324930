"""The wizard's mapping page: each column of the file and the field it goes to; mappings saved and
used again."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.import_wizard.jobs import fitting_mapping, mappings_dir
from guestcard.gui.messages import say

if TYPE_CHECKING:
    from guestcard.gui.import_wizard.wizard import ImportWizard

IGNORE = "__ignore__"
EXTRA = "extra"

class MappingPage(QWizardPage):
    """Each column of the file and the field it goes to; unknown columns are kept as extra fields."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("mappingTable")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 260)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.save_button = QPushButton(self)
        self.load_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_mapping)
        self.load_button.clicked.connect(self.load_mapping_file)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.combos: list[tuple[str, QComboBox]] = []
        self.reused: Path | None = None  # the saved mapping applied by itself
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("What each column of the sheet is. Columns no field takes are kept as extra "
                                 "fields on the card and exported again."))
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Example"), self.tr("Field")])
        self.save_button.setText(self.tr("Save this mapping…"))
        self.load_button.setText(self.tr("Use a saved mapping…"))
        if self.combos:  # the choices in the new language, the same ones chosen
            labels = {value: label for label, value in self.targets()}
            for _header, combo in self.combos:
                for index in range(combo.count()):
                    if combo.itemData(index) in labels:
                        combo.setItemText(index, labels[combo.itemData(index)])
            self._changed()  # the note, in the new language

    def targets(self) -> list[tuple[str, str]]:
        """(label, target) of every choice in a column's drop-down."""
        lang = ui_lang()
        library = self.wiz.library
        items = [(self.tr("(ignore this column)"), IGNORE), (self.tr("Kept as an extra field"), EXTRA)]
        core = [(spec.label.text(lang), key) for key, spec in library.core.items()]
        others = sorted(
            ((spec.label.text(lang), key) for key, spec in library.fields.items() if key not in library.core),
            key=lambda item: item[0],
        )
        items += core + others
        items += [(self.tr("Tags"), "tags"), (self.tr("Record number of an export"), "id")]
        return items

    def initializePage(self) -> None:
        analysis = self.wiz.analysis
        columns: dict[str, str | None] = {}
        examples: dict[str, str] = {}
        if analysis is not None and analysis.summary is not None:
            for info in analysis.summary.sheets:
                if info.header_row is None or (self.wiz.sheet and info.name != self.wiz.sheet):
                    continue
                for header, target in info.columns:
                    columns.setdefault(header, target)
        examples = self.wiz.examples()
        self.table.setRowCount(len(columns))
        self.combos = []
        choices = self.targets()
        reused = None if self.wiz.mapping else fitting_mapping(list(columns))
        for row, (header, target) in enumerate(columns.items()):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            self.table.setItem(row, 1, QTableWidgetItem(examples.get(header, "")))
            combo = QComboBox(self.table)
            for label, value in choices:
                combo.addItem(label, value)
            self._select(combo, self.wiz.mapping.get(header, target) if self.wiz.mapping else target)
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            self.table.setCellWidget(row, 2, combo)
            self.combos.append((header, combo))
        self.reused = None
        if reused is not None:
            self.apply_mapping(reused[1])
            self.reused = reused[0]
        self._changed()

    def _select(self, combo: QComboBox, target: str | None) -> None:
        if target is None:
            value = IGNORE
        elif target.startswith("extra"):
            value = EXTRA
        else:
            value = target
        index = combo.findData(value)
        if index < 0:  # "raw:KEY", "corporate_name": shown as the file's own meaning
            label = target or ""
            if target and target.startswith("raw:"):
                spec = self.wiz.library.fields.get(target[4:])
                label = fill(self.tr("Original text of %1"), spec.label.text(ui_lang()) if spec else target)
            elif target == "corporate_name":
                label = self.tr("Organisation's name")
            combo.addItem(label, value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def mapping(self) -> dict[str, str | None]:
        result: dict[str, str | None] = {}
        for header, combo in self.combos:
            value = combo.currentData()
            result[header] = None if value == IGNORE else value
        return result

    def _changed(self) -> None:
        used: dict[str, int] = {}
        for _header, combo in self.combos:
            value = combo.currentData()
            if value not in (IGNORE, EXTRA):
                used[value] = used.get(value, 0) + 1
        twice = [v for v, n in used.items() if n > 1]
        if "name" not in used and "corporate_name" not in used:
            self.note.setText(self.tr("No column is the name: pick the column with the guests' names."))
            self.note.setStyleSheet("color: #b3261e;")
        elif twice:
            self.note.setText(self.tr("Two columns go to the same field; the second is kept as an extra field."))
            self.note.setStyleSheet("color: #8a5a00;")
        elif self.reused is not None:
            self.note.setText(fill(self.tr("Your saved mapping %1 fits this sheet and is used; change any drop-down "
                                           "that is wrong."), self.reused.stem))
            self.note.setStyleSheet("")
        else:
            self.note.setText(self.tr("Check the guesses; change any drop-down that is wrong."))
            self.note.setStyleSheet("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        values = {combo.currentData() for _h, combo in self.combos}
        return bool(values & {"name", "corporate_name"})

    def validatePage(self) -> bool:
        self.wiz.mapping = self.mapping()
        return True

    def save_mapping(self) -> Path | None:
        """Save the drop-downs as a JSON mapping (``guestcard import --mapping`` reads it too). Saved
        in the default folder, it is used by itself the next time a sheet has the same columns."""
        folder = mappings_dir()
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        suggested = folder / f"{self.wiz.path.stem or 'mapping'}.json"
        path = prompts.save_file(self, self.tr("Save the mapping"), self.tr("Mapping (*.json)"), str(suggested))
        if path is None:
            return None
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        try:
            path.write_text(json.dumps(self.mapping(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            prompts.warn(self, self.tr("Mapping"), fill(self.tr("%1 could not be written: %2"), str(path),
                                                        exc.strerror or str(exc)))
            return None
        return path

    def load_mapping_file(self) -> None:
        from guestcard.io import ImportRefused, load_mapping

        path = prompts.open_file(self, self.tr("Use a saved mapping"), self.tr("Mapping (*.json)"),
                                 str(mappings_dir()))
        if path is None:
            return
        try:
            saved = load_mapping(path)
        except ImportRefused as exc:
            prompts.warn(self, self.tr("Mapping"), say(exc))
            return
        self.apply_mapping(saved)

    def apply_mapping(self, saved: dict[str, str | None]) -> None:
        for header, combo in self.combos:
            if header in saved:
                target = saved[header]
                self._select(combo, "extra" if target == "extra" else target)
        self._changed()

