"""Which guests the agenda lists at each festival: a row per festival, a box per class (A, B, C).

Opened from the Settings dialog; edits a copy of ``Settings.festival_classes`` and gives it back
with ``result_classes()``. The festival names are the calendar's own words (``guestcard.domain.festivals``)
in the window's language, with the day each falls on this year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from guestcard.domain.festivals import FESTIVALS
from guestcard.gui.i18n import fill, ui_lang

CLASSES = ("A", "B", "C")


class FestivalClassesDialog(QDialog):
    def __init__(self, classes: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Festival greetings"))
        self.intro = QLabel(self.tr("At each festival the Today page and the agenda list the guests of the "
                                    "classes ticked here, to send them greetings."), self)
        self.intro.setWordWrap(True)
        grid = QGridLayout()
        for column, customer_class in enumerate(CLASSES, start=1):
            grid.addWidget(QLabel(fill(self.tr("Class %1"), customer_class), self), 0, column)
        self.boxes: dict[tuple[str, str], QCheckBox] = {}
        year = dt.date.today().year
        locale = QLocale()
        for row, festival in enumerate(FESTIVALS, start=1):
            day = festival.day_in(year)
            shown = locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
            label = QLabel(f"{festival.name(ui_lang())}  ({shown})", self)
            label.setObjectName(f"festival_{festival.key}")
            grid.addWidget(label, row, 0)
            for column, customer_class in enumerate(CLASSES, start=1):
                box = QCheckBox(self)
                box.setObjectName(f"festival_{festival.key}_{customer_class}")
                box.setChecked(customer_class in classes.get(festival.key, ""))
                self.boxes[festival.key, customer_class] = box
                grid.addWidget(box, row, column)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)

    def result_classes(self) -> dict[str, str]:
        """Festival key → the classes ticked (``"AB"``)."""
        return {
            festival.key: "".join(c for c in CLASSES if self.boxes[festival.key, c].isChecked())
            for festival in FESTIVALS
        }
