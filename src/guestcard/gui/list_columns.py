"""The customer list's columns: which are shown (the columns menu; at least one stays), their
widths (fitted to the titles in this language, never narrowed) and the splitter, remembered in the
settings (``customers/header``, ``customers/splitter``)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSplitter, QTableView

from guestcard.gui.models import CUSTOMER_COLUMNS, DEFAULT_VISIBLE


class ListColumns:
    """Taken in by ``customers_page.CustomersPage``, which makes the view, the menu and the splitter."""

    view: QTableView
    columns_menu: QMenu
    splitter: QSplitter
    qsettings: QSettings
    _column_actions: list[QAction]

    def _build_columns_menu(self) -> None:
        header = self.view.horizontalHeader()
        for section, column in enumerate(CUSTOMER_COLUMNS):
            action = self.columns_menu.addAction(column.key)
            action.setCheckable(True)
            action.setChecked(column.key in DEFAULT_VISIBLE)
            action.toggled.connect(lambda on, s=section: self.set_column_visible(s, on))
            self._column_actions.append(action)
            header.setSectionHidden(section, column.key not in DEFAULT_VISIBLE)
        self.columns_menu.aboutToShow.connect(self._sync_column_actions)

    def _sync_column_actions(self) -> None:
        header = self.view.horizontalHeader()
        for section, action in enumerate(self._column_actions):
            action.blockSignals(True)
            action.setChecked(not header.isSectionHidden(section))
            action.blockSignals(False)

    def set_column_visible(self, section: int, visible: bool) -> None:
        header = self.view.horizontalHeader()
        if not visible and header.count() - header.hiddenSectionCount() <= 1:
            return  # keep at least one column
        header.setSectionHidden(section, not visible)
        if visible and header.sectionSize(section) < 40:
            header.resizeSection(section, 120)
        self.save_state()

    def visible_columns(self) -> list[str]:
        header = self.view.horizontalHeader()
        return [column.key for i, column in enumerate(CUSTOMER_COLUMNS) if not header.isSectionHidden(i)]

    def _restore_state(self) -> None:
        header_state = self.qsettings.value("customers/header")
        if isinstance(header_state, QByteArray) and not header_state.isEmpty():
            self.view.horizontalHeader().restoreState(header_state)
            self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        else:
            widths = {"name": 96, "honorific": 76, "class": 44, "phone": 112, "company": 100, "birthday": 86,
                      "allergies": 90}
            for i, column in enumerate(CUSTOMER_COLUMNS):
                self.view.setColumnWidth(i, widths.get(column.key, 110))
        # Widths saved in the other language may cut this one's titles (尊称 → "Form of address").
        self._fit_headers()
        splitter_state = self.qsettings.value("customers/splitter")
        if isinstance(splitter_state, QByteArray) and not splitter_state.isEmpty():
            self.splitter.restoreState(splitter_state)
        else:
            self.splitter.setSizes([470, 930])  # the card gets room for all its tabs

    def _fit_headers(self) -> None:
        """Widen a column whose title (in this language) would be cut; never narrow one."""
        header = self.view.horizontalHeader()
        for section in range(header.count()):
            wanted = header.sectionSizeHint(section)
            if not header.isSectionHidden(section) and header.sectionSize(section) < wanted:
                header.resizeSection(section, wanted)

    def save_state(self) -> None:
        self.qsettings.setValue("customers/header", self.view.horizontalHeader().saveState())
        self.qsettings.setValue("customers/splitter", self.splitter.saveState())
