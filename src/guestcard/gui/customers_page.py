"""The Customers page: search as you type, filters, a lazily fetched table, and the card beside it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui.empty_hint import EmptyHint
from guestcard.gui.i18n import fill
from guestcard.gui.list_columns import ListColumns
from guestcard.gui.models import (
    CUSTOMER_COLUMNS,
    CustomerProxyModel,
    CustomerTableModel,
    ListFilter,
    tr,
)
from guestcard.gui.operations import CUSTOMERS, Operations, window_operations

if TYPE_CHECKING:
    from guestcard.domain import Customer
    from guestcard.forms import FormLibrary
    from guestcard.gui.card_editor import CardEditor
    from guestcard.gui.worker import TaskRunner
    from guestcard.storage import Database


MY_GUESTS = "\x00me"  # the owner filter's "my guests": the current user's


class CustomersPage(ListColumns, QWidget):
    """Search box and filters over the table; the selected customer's card on the right."""

    SEARCH_PAUSE_MS = 120  # keystrokes closer than this are coalesced into one search
    COUNT_PAUSE_MS = 250  # the number of matches is counted when typing pauses this long

    customerSaved = Signal(object)
    customersChanged = Signal()  # the shown card was deleted
    printRequested = Signal(int)
    searched = Signal(str)  # a search was applied and the table shows its first rows

    def __init__(self, qsettings: QSettings, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.qsettings = qsettings
        self.db: Database | None = None
        self.library: FormLibrary | None = None
        self.card: CardEditor | None = None
        self._pending = False
        self._last_query_at = 0.0
        self._restoring = False

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.class_filter = QComboBox(self)
        self.kind_filter = QComboBox(self)
        self.tag_filter = QComboBox(self)
        self.owner_filter = QComboBox(self)  # everyone's, my guests, or one account manager's
        self.owner_filter.setObjectName("ownerFilter")
        self.owner_filter.hide()  # until there are staff (set_owners)
        self.current_user: str | None = None
        for combo in (self.class_filter, self.kind_filter, self.tag_filter, self.owner_filter):
            # They share the row with the Columns button: shrink rather than push it out of sight.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
        self.columns_button = QPushButton(self)
        self.columns_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.columns_menu = QMenu(self.columns_button)
        self.columns_button.setMenu(self.columns_menu)
        self.count_label = QLabel(self)

        self._tags_asked = 0  # tag lists being read on the runner
        self.model = CustomerTableModel(None, self)
        # The list's pages, order and count are read on the window's one runner (a page shown on
        # its own, in a test, gets a runner of its own from the model).
        self.model.runner = runner
        self.model.loadingChanged.connect(self._loading)
        self.proxy = CustomerProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setObjectName("customerTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.columns_menu.exec(header.mapToGlobal(pos)))
        self.view.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.empty = EmptyHint(self.view)

        self.card_holder = QWidget(self)
        self.card_layout = QVBoxLayout(self.card_holder)
        self.card_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(self.splitter)
        bar = QHBoxLayout()
        bar.addWidget(self.class_filter, 1)
        bar.addWidget(self.kind_filter, 1)
        bar.addWidget(self.tag_filter, 1)
        bar.addWidget(self.owner_filter, 1)
        bar.addWidget(self.columns_button)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.search)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.count_label)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.card_holder)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_PAUSE_MS)
        self._timer.timeout.connect(self._timer_fired)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(self.COUNT_PAUSE_MS)
        self._count_timer.timeout.connect(self._update_count)
        self.search.textEdited.connect(self._typed)
        self.search.textChanged.connect(self._text_changed)
        self.search.returnPressed.connect(self._focus_table)
        for combo in (self.class_filter, self.kind_filter, self.tag_filter, self.owner_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.totalChanged.connect(self._schedule_count)
        self.model.rowsInserted.connect(self._schedule_count)

        self._column_actions: list[Any] = []
        self._build_columns_menu()
        self.retranslate()
        self._restore_state()

    # -- database ----------------------------------------------------------------------------------

    def set_database(self, db: Database | None, library: FormLibrary | None) -> None:
        from guestcard.gui.card_editor import CardEditor

        if self.card is not None:
            self.card.setParent(None)
            self.card.deleteLater()
            self.card = None
        self.db, self.library = db, library
        if db is not None and library is not None:
            self.card = CardEditor(db, library, self.card_holder)
            self.card.setObjectName("cardEditor")
            self.card_layout.addWidget(self.card)
            self.card.saved.connect(self._card_saved)
            self.card.deleted.connect(self._card_deleted)
            self.card.openCustomer.connect(self.open_customer)
            self.card.printRequested.connect(self.printRequested)
        self.refresh_tags()
        self.model.set_database(db)
        self._empty_text()

    def refresh_tags(self) -> None:
        """The tag filter's list, read on the runner (the old one stays until it is there)."""
        db = self.db
        if db is None:
            self._show_tags([])
            return
        from guestcard.services.customers import all_tags

        def read(tags: list[str]) -> None:
            self._tags_asked -= 1
            if db is self.db:  # not a file closed or replaced meanwhile
                self._show_tags(tags)

        def failed(_exc: BaseException, details: str) -> None:
            self._tags_asked -= 1
            print(details, file=sys.stderr)

        self._tags_asked += 1
        window_operations(self).query("tags", lambda: list(all_tags(db)), on_success=read, on_error=failed)

    def _show_tags(self, tags: list[str]) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        index = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)

    def watch(self, operations: Operations) -> None:
        """Query again after an operation that created, deleted or merged cards (an import, demo
        data, a deletion); a card's own save puts its row in place (``CARD``)."""
        operations.changed.connect(lambda kinds: self.reload() if CUSTOMERS in kinds and self.db is not None else None)

    def reload(self) -> None:
        """Query again (after an import, a deletion, demo data…)."""
        self.refresh_tags()
        self.model.reload()

    # -- search and filters -----------------------------------------------------------------------------

    def current_filter(self) -> ListFilter:
        owner = self.owner_filter.currentData()
        return ListFilter(
            query=self.search.text().strip(),
            customer_class=self.class_filter.currentData(),
            kind=self.kind_filter.currentData(),
            tag=self.tag_filter.currentData(),
            owner=self.current_user if owner == MY_GUESTS else owner,
        )

    def set_owners(self, names: list[str], current_user: str | None) -> None:
        """The account managers to filter by, and who is working ("my guests" are theirs)."""
        chosen = self.owner_filter.currentData()
        self.current_user = current_user
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(self.tr("All account managers"), None)
        if current_user:
            self.owner_filter.addItem(self.tr("My guests"), MY_GUESTS)
        for name in names:
            self.owner_filter.addItem(name, name)
        self.owner_filter.setCurrentIndex(max(self.owner_filter.findData(chosen), 0) if chosen else 0)
        self.owner_filter.blockSignals(False)
        self.owner_filter.setVisible(bool(names))
        self.apply_filter()

    def _typed(self, _text: str) -> None:
        """Search as you type: the first keystroke after a pause searches at once, quicker ones are
        gathered and searched when typing pauses for ``SEARCH_PAUSE_MS``."""
        if self._timer.isActive():
            self._pending = True
        else:
            self.apply_filter()
            self._timer.start()

    def _timer_fired(self) -> None:
        if self._pending:
            self._pending = False
            self.apply_filter()
            self._timer.start()

    def _text_changed(self, text: str) -> None:
        if not text and self.model.filter.has_query:  # the clear button
            self._timer.stop()
            self._pending = False
            self.apply_filter()

    def apply_filter(self, *_args: Any) -> None:
        flt = self.current_filter()
        if flt == self.model.filter:
            return
        if flt.has_query != self.model.filter.has_query:
            # A new search is shown best match first; clearing it goes back to the name order.
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
            self.model.set_sort(None)
        self._fit_first_page()
        self.model.set_filter(flt)
        self._empty_text()
        self.searched.emit(flt.query)

    def _empty_text(self) -> None:
        flt = self.model.filter
        if self.db is None:
            text = ""
        elif flt.has_query:
            text = fill(self.tr("No customer matches “%1”."), flt.query)
        elif not flt.is_everyone:
            text = self.tr("No customer in this class, type or tag.")
        else:
            text = self.tr("No customers yet: Ctrl+N makes one, Ctrl+I imports a spreadsheet.")
        self.empty.show_text(text)

    def _schedule_count(self, *_args: Any) -> None:
        if self.model.total_known():
            QTimer.singleShot(0, self._update_count)
        else:
            # Counting the matches is a query of its own: done once typing pauses, never per key.
            self._count_timer.start()

    def settled(self) -> bool:
        """Whether the list has read its rows and counted them (tests wait for it)."""
        return not self.model.busy() and not self._count_timer.isActive() and not self._tags_asked

    def _update_count(self) -> None:
        if self.db is None:
            self.count_label.setText(self.tr("Opening the database…"))
            return
        total = self.model.total()
        if total is None:
            return
        if self.model.total_is_capped():
            text = fill(self.tr("More than %1 customers match; type more to narrow the search"), f"{total:,}")
        elif self.model.filter.is_everyone:
            text = self.tr("1 customer") if total == 1 else fill(self.tr("%1 customers"), f"{total:,}")
        elif total == 1:
            text = self.tr("1 customer matches")
        else:
            text = fill(self.tr("%1 customers match"), f"{total:,}")
        self.count_label.setText(text)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_table(self) -> None:
        self.view.setFocus()
        if self.proxy.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _loading(self, loading: bool) -> None:
        if loading:
            self.view.viewport().setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.view.viewport().unsetCursor()

    def _fit_first_page(self) -> None:
        """Each search loads the rows the list shows and a few more; scrolling fetches the rest."""
        rows = self.view.viewport().height() // max(1, self.view.verticalHeader().defaultSectionSize())
        self.model.first_page = max(CustomerTableModel.FIRST_PAGE, rows + 10)

    def keyPressEvent(self, event: Any) -> None:
        if self.search.hasFocus() and event.key() == Qt.Key.Key_Down:
            self._focus_table()
            return
        super().keyPressEvent(event)

    # -- selection and the card ------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.proxy.customer_at(row).id for row in rows if self.proxy.customer_at(row).id is not None]

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._restoring or self.card is None or not current.isValid():
            return
        customer = self.proxy.customer_at(current.row())
        if self.card.customer is not None and customer.id == self.card.customer.id:
            return
        if not self.card.confirm_leave():
            self._restoring = True
            try:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.view.selectionModel().setCurrentIndex(previous, flags)
            finally:
                self._restoring = False
            return
        assert customer.id is not None
        self.card.load(customer.id)

    def open_customer(self, customer_id: int) -> bool:
        """Show a customer's card (from the Today page, a relation, a new card…)."""
        if self.card is None:
            return False
        if self.card.customer is not None and self.card.customer.id == customer_id:
            return True
        if not self.card.confirm_leave():
            return False
        self._restoring = True
        try:
            self.view.selectionModel().clearSelection()
        finally:
            self._restoring = False
        self.card.load(customer_id)
        # Its row selected once the pages up to it are read (on the runner), if it is still shown.
        self.model.reveal(customer_id, lambda row: self._select_row(customer_id, row))
        return True

    def _select_row(self, customer_id: int, row: int | None) -> None:
        card = self.card
        if row is None or card is None or card.wanted_id != customer_id:  # shown, or still on its way
            return
        self._restoring = True
        try:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().setCurrentIndex(index, flags)
            self.view.scrollTo(index)
        finally:
            self._restoring = False

    def _card_saved(self, customer: Customer) -> None:
        self.model.replace_customer(customer)
        self.refresh_tags()
        self.customerSaved.emit(customer)

    def _card_deleted(self, _customer_id: int) -> None:
        self.customersChanged.emit()  # the list reads again on the operation's change (watch)

    # -- texts -----------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: name, pinyin, initials (wjg), phone digits, company, dishes…"))
        self.search.setToolTip(self.tr("Ctrl+F"))
        self._fill_combo(self.class_filter, [(self.tr("All classes"), None), (self.tr("Class A"), "A"),
                                             (self.tr("Class B"), "B"), (self.tr("Class C"), "C")])
        self._fill_combo(self.kind_filter, [(self.tr("Everyone"), None), (self.tr("Individuals"), "individual"),
                                            (self.tr("Organisations"), "corporate")])
        if self.tag_filter.count():
            self.tag_filter.setItemText(0, self.tr("All tags"))
        if self.owner_filter.count():
            self.owner_filter.setItemText(0, self.tr("All account managers"))
        if self.owner_filter.findData(MY_GUESTS) > 0:
            self.owner_filter.setItemText(1, self.tr("My guests"))
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setToolTip(self.tr("Choose the columns of the list"))
        for action, column in zip(self._column_actions, CUSTOMER_COLUMNS, strict=True):
            action.setText(tr(column.title))
        self.model.retranslate()
        self._fit_headers()
        self._empty_text()
        self._update_count()

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
        current = combo.currentIndex()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(current, 0))
        combo.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

