"""The customer list: ``ListFilter`` (search and filters), its columns, ``CustomerTableModel``
(lazy, paged) and ``CustomerProxyModel`` (header clicks re-query the database).

``CustomerTableModel`` never holds more customers than were scrolled into view: it fetches pages
through the services (``list_customers`` in their own order — search rank, else name —, or the
ids of a column's order from ``browsing.sorted_customer_ids`` and then the customers of a page)
and Qt asks for the next page with ``canFetchMore``/``fetchMore`` when the view nears the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QIdentityProxyModel, Qt, Signal
from PySide6.QtGui import QFont

from guestcard.gui.i18n import fmt_datetime, fmt_money, fmt_partial_date
from guestcard.gui.models.columns import (
    _ROOT,
    ALIGNMENT,
    ALLERGY_COLOR,
    ANSWERED,
    DISPLAY,
    FONT,
    FOREGROUND,
    ID,
    RIGHT,
    TOOLTIP,
    Column,
    Index,
    class_label,
    format_phone,
    gender_label,
    kind_label,
    tr,
)

if TYPE_CHECKING:
    from guestcard.domain import Customer
    from guestcard.storage import CustomerFilter, Database


@dataclass(frozen=True)
class ListFilter:
    """The list's search and filters; ``CustomerFilter`` without importing the database layer
    (the window is shown before SQLAlchemy is loaded)."""

    query: str = ""
    customer_class: str | None = None
    kind: str | None = None
    tag: str | None = None
    owner: str | None = None

    @property
    def has_query(self) -> bool:
        return bool(self.query.strip())

    @property
    def is_everyone(self) -> bool:
        return not (self.has_query or self.customer_class or self.kind or self.tag or self.owner)

    def to_service(self) -> CustomerFilter:
        from guestcard.storage import CustomerFilter

        return CustomerFilter(self.query, self.customer_class, self.kind, self.tag, self.owner)


def _page(db: Database, flt: CustomerFilter, start: int, count: int,
          ids: list[int] | None) -> tuple[list[Customer], bool]:
    """``count`` customers from ``start`` on (of ``ids`` when sorted by a column, else in the
    services' order), and whether they are the last ones: on the runner."""
    if ids is not None:
        from guestcard.services.customers import get_customers

        return get_customers(db, ids[start : start + count]), start + count >= len(ids)
    from guestcard.services.customers import list_customers

    page = list_customers(db, flt, limit=count, offset=start)
    return page, len(page) < count


CUSTOMER_COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("models", "Name"), lambda c: c.name),
    Column("honorific", QT_TRANSLATE_NOOP("models", "Form of address"), lambda c: c.honorific or ""),
    Column("class", QT_TRANSLATE_NOOP("models", "Class"), lambda c: class_label(c.customer_class)),
    Column("kind", QT_TRANSLATE_NOOP("models", "Type"), lambda c: kind_label(c.kind)),
    Column("gender", QT_TRANSLATE_NOOP("models", "Gender"), lambda c: gender_label(c.gender)),
    Column("phone", QT_TRANSLATE_NOOP("models", "Phone"), lambda c: format_phone(c.phone or "")),
    Column("email", QT_TRANSLATE_NOOP("models", "Email"), lambda c: c.email or ""),
    Column("company", QT_TRANSLATE_NOOP("models", "Company"), lambda c: c.company or "", tooltip=True),
    Column("position", QT_TRANSLATE_NOOP("models", "Position"), lambda c: c.position or ""),
    Column("birthday", QT_TRANSLATE_NOOP("models", "Birthday"), lambda c: fmt_partial_date(c.birthday)),
    Column("anniversary", QT_TRANSLATE_NOOP("models", "Anniversary"), lambda c: fmt_partial_date(c.anniversary)),
    Column("annual_spend", QT_TRANSLATE_NOOP("models", "Annual spend"), lambda c: fmt_money(c.annual_spend),
           align_right=True),
    Column("favorite_dishes", QT_TRANSLATE_NOOP("models", "Favourite dishes"), lambda c: c.favorite_dishes or "",
           tooltip=True),
    Column("favorite_drinks", QT_TRANSLATE_NOOP("models", "Favourite drinks"), lambda c: c.favorite_drinks or "",
           tooltip=True),
    Column("allergies", QT_TRANSLATE_NOOP("models", "Allergies"), lambda c: c.allergies or "", tooltip=True,
           color=ALLERGY_COLOR),
    Column("tags", QT_TRANSLATE_NOOP("models", "Tags"), lambda c: ", ".join(c.tags)),
    Column("owner", QT_TRANSLATE_NOOP("models", "Account manager"), lambda c: c.owner or ""),
    Column("address", QT_TRANSLATE_NOOP("models", "Address"), lambda c: c.address or "", tooltip=True),
    Column("notes", QT_TRANSLATE_NOOP("models", "Notes"), lambda c: c.notes or "", tooltip=True),
    Column("updated", QT_TRANSLATE_NOOP("models", "Updated"), lambda c: fmt_datetime(c.updated_at)),
)
DEFAULT_VISIBLE = ("name", "honorific", "class", "phone", "company", "birthday", "allergies", "tags")
# The columns sortable by the database (browsing.SORT_COLUMNS); tags are not.
SORTABLE = {c.key for c in CUSTOMER_COLUMNS} - {"tags"}


class CustomerTableModel(QAbstractTableModel):
    """The matching customers, fetched a page at a time as the view scrolls."""

    FIRST_PAGE = 30  # the least the first page after every keystroke holds (the list asks for more)
    PAGE = 200

    totalChanged = Signal()
    fetched = Signal()  # a page (the first after a reload, or the next) was put in
    loadingChanged = Signal(bool)  # a column's whole order is being read off the GUI thread

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = ListFilter()
        self._sort: str | None = None  # None: the services' order (search rank, else name)
        self._descending = False
        self._rows: list[Customer] = []
        self._cells: list[list[str | None]] = []  # each cell's display text, made when first shown
        self._ids: list[int] | None = None  # the ordered ids when sorted by a column
        self._exhausted = True
        self._total: int | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self.first_page = self.FIRST_PAGE  # the view sets it to the rows it shows (and a few more)
        # Every page, a column's order (100,000 ids: a third of a second) and the count are read
        # on this runner, never on the GUI thread (the page gives the window's; else one is made).
        self.runner: Any = None
        self.loading = False
        self._generation = 0  # a reload's answer counts only if no other reload came after it
        self._fetching = False  # a page is being read on the runner (one at a time)
        self._reloading = False  # the first page after a reload: the old count means nothing
        self._counting = False
        self._reveal_next: tuple[int, Callable[[int | None], None]] | None = None
        if db is not None:
            self.reload()

    # -- what is shown ------------------------------------------------------------------------------

    @property
    def db(self) -> Database | None:
        return self._db

    @property
    def filter(self) -> ListFilter:
        return self._filter

    @property
    def sort_key(self) -> str | None:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.reload()

    def set_filter(self, flt: ListFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self.reload()

    def set_sort(self, key: str | None, descending: bool = False) -> None:
        if key is not None and key not in SORTABLE:
            return
        if key == "name" and not descending and not self._filter.has_query:
            key = None  # the services' own order is by name
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.reload()

    def reload(self) -> None:
        """Query again from the first page (after a filter change, an import, a deletion…): on the
        runner; the view shows the old rows until the new ones are there."""
        self._generation += 1
        generation = self._generation
        self._counting = False
        self._total = None  # unknown until the new first page (or the count) is there
        if self._db is None:
            self._fetching = self._reloading = False
            self._set_loading(False)
            self._apply([], None, True)
            return
        db, first_page = self._db, self.first_page
        flt, sort, descending = self._filter.to_service(), self._sort, self._descending

        def first() -> tuple[list[Customer], list[int] | None, bool]:
            from guestcard.services.browsing import sorted_customer_ids

            ids = sorted_customer_ids(db, flt, sort=sort, descending=descending) if sort is not None else None
            rows, exhausted = _page(db, flt, 0, first_page, ids)
            return rows, ids, exhausted

        def done(result: tuple[list[Customer], list[int] | None, bool]) -> None:
            self._fetching = self._reloading = False
            self._set_loading(False)
            self._apply(*result)
            self.fetched.emit()
            self._revealed_next()

        self._fetching = self._reloading = True  # no fetchMore of the old rows while the new ones are read
        self._set_loading(sort is not None)  # a column's whole order: worth a busy cursor
        self._read(generation, first, done)

    def _read(self, generation: int, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """``call()`` on the runner; ``done(result)`` unless another reload came after it."""

        def job(_cancel: Any) -> Any:
            yield call()

        def answered(result: Any) -> None:
            if generation == self._generation:
                done(result)

        def failed(_exc: BaseException, details: str) -> None:
            if generation == self._generation:
                self._fetching = self._counting = self._reloading = False
                self._set_loading(False)
                self._reveal_next = None
                import sys

                print(details, file=sys.stderr)

        if self.runner is None:
            from guestcard.gui.worker import TaskRunner

            self.runner = TaskRunner(self, threads=1)
        self.task = self.runner.start(job, on_result=answered, on_error=failed, reading_only=True)

    def _revealed_next(self) -> None:
        """The customer asked for while a page was read, looked for now."""
        waiting, self._reveal_next = self._reveal_next, None
        if waiting is not None:
            self.reveal(*waiting)

    def busy(self) -> bool:
        """Whether rows or the count are being read (tests wait for it)."""
        return self._fetching or self._counting

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loadingChanged.emit(loading)

    def _apply(self, rows: list[Customer], ids: list[int] | None, exhausted: bool) -> None:
        self.beginResetModel()
        self._rows, self._ids, self._exhausted = rows, ids, exhausted
        self._total = len(ids) if ids is not None else (len(rows) if exhausted else None)
        self._cells = self._blank(len(rows))
        self.endResetModel()
        self.totalChanged.emit()

    def total(self) -> int | None:
        """How many customers match (searches count up to 10,000): ``None`` until counted on the
        runner (``totalChanged`` then)."""
        if self._total is None and self._db is not None and not self._counting and not self._reloading:
            db, flt = self._db, self._filter.to_service()

            def count() -> int:
                from guestcard.services.customers import count_customers

                return count_customers(db, flt)

            def counted(total: int) -> None:
                self._counting = False
                if self._total is None:
                    self._total = total
                    self.totalChanged.emit()

            self._counting = True
            self._read(self._generation, count, counted)
        return self._total

    def total_known(self) -> bool:
        """Whether ``total()`` answers without counting in the database."""
        return self._db is None or self._total is not None or (self._exhausted and not self._reloading)

    def total_is_capped(self) -> bool:
        return self._filter.has_query and (self._total or 0) >= 10_000

    def customer_at(self, row: int) -> Customer:
        return self._rows[row]

    def row_of(self, customer_id: int) -> int | None:
        for row, customer in enumerate(self._rows):
            if customer.id == customer_id:
                return row
        return None

    # Fetch at most this many rows to show a customer further down the list (a new card, one
    # opened from Today): past it the card opens without its row selected.
    REVEAL_AT_MOST = 3000

    def reveal(self, customer_id: int, then: Callable[[int | None], None]) -> None:
        """Fetch the pages up to a customer of the list not fetched yet (on the runner), then
        ``then(row)``: its row, or ``None`` past ``REVEAL_AT_MOST`` or not in the list."""
        if self._fetching:  # a reload (a new card's) or a page is being read: after it
            self._reveal_next = (customer_id, then)
            return
        row = self.row_of(customer_id)
        ids = self._ids
        if row is not None or self._exhausted or self._db is None or (
                ids is not None and (customer_id not in ids or ids.index(customer_id) >= self.REVEAL_AT_MOST)):
            then(row)
            return
        db, flt, start, page = self._db, self._filter.to_service(), len(self._rows), self.PAGE

        def pages_up_to_it() -> tuple[list[Customer], bool]:
            rows: list[Customer] = []
            exhausted = False
            while not exhausted and start + len(rows) < self.REVEAL_AT_MOST:
                more, exhausted = _page(db, flt, start + len(rows), page, ids)
                rows.extend(more)
                if any(customer.id == customer_id for customer in more):
                    break
            return rows, exhausted

        def done(result: tuple[list[Customer], bool]) -> None:
            self._fetching = False
            self._append(*result)
            then(self.row_of(customer_id))
            self._revealed_next()

        self._fetching = True
        self._read(self._generation, pages_up_to_it, done)

    def loaded(self) -> int:
        return len(self._rows)

    def replace_customer(self, customer: Customer) -> None:
        """A card was saved: show its new values where it is listed."""
        row = self.row_of(customer.id) if customer.id is not None else None
        if row is not None:
            self._rows[row] = customer
            self._cells[row] = self._blank(1)[0]
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def retranslate(self) -> None:
        self._cells = self._blank(len(self._rows))  # dates, money and labels in the new language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def _text(self, row: int, column: int) -> str:
        cells = self._cells[row]
        text = cells[column]
        if text is None:
            text = cells[column] = CUSTOMER_COLUMNS[column].value(self._rows[row])
        return text

    @staticmethod
    def _blank(count: int) -> list[list[str | None]]:
        return [[None] * len(CUSTOMER_COLUMNS) for _ in range(count)]

    # -- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(CUSTOMER_COLUMNS)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching and self._db is not None

    def fetchMore(self, parent: Index = _ROOT) -> None:
        """The next page, read on the runner; its rows are inserted when they are there."""
        if not self.canFetchMore(parent):
            return
        db, flt, start, ids = self._db, self._filter.to_service(), len(self._rows), self._ids
        assert db is not None

        def done(result: tuple[list[Customer], bool]) -> None:
            self._fetching = False
            self._append(*result)
            self.fetched.emit()
            self._revealed_next()

        self._fetching = True
        self._read(self._generation, lambda: _page(db, flt, start, self.PAGE, ids), done)

    def _append(self, page: list[Customer], exhausted: bool) -> None:
        start = len(self._rows)
        self._exhausted = exhausted
        if page:
            self.beginInsertRows(_ROOT, start, start + len(page) - 1)
            self._rows.extend(page)
            self._cells.extend(self._blank(len(page)))
            self.endInsertRows()
        if self._exhausted and self._total is None:
            self._total = len(self._rows)
            self.totalChanged.emit()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in ANSWERED:  # decoration, check state, background…: most of what a view asks
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):  # an invalid index has row -1
            return None
        if role == DISPLAY:
            return self._text(row, index.column())
        if role == FONT:
            return self._bold if index.column() == 0 and self._rows[row].customer_class == "A" else None
        if role == FOREGROUND:
            return CUSTOMER_COLUMNS[index.column()].color
        if role == ALIGNMENT:
            return RIGHT if CUSTOMER_COLUMNS[index.column()].align_right else None
        if role == TOOLTIP:
            return (self._text(row, index.column()) or None) if CUSTOMER_COLUMNS[index.column()].tooltip else None
        if role == ID:
            return self._rows[row].id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(CUSTOMER_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(CUSTOMER_COLUMNS[section].title)
        return None



class CustomerProxyModel(QIdentityProxyModel):
    """Between the list model and the view: the view's sorting goes to the database.

    Sorting or filtering only the rows already fetched would be wrong for a lazily loaded list,
    so this proxy neither sorts nor filters by itself: a click on a column header asks the
    database for the column's whole order, and the search box's filter is a database query.
    Rows pass through one to one (a ``QSortFilterProxyModel`` doing nothing made every paint of
    the list three times slower: its bookkeeping calls the Python model thousands of times).
    """

    def source(self) -> CustomerTableModel:
        model = self.sourceModel()
        assert isinstance(model, CustomerTableModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if not isinstance(model, CustomerTableModel):
            return
        if column < 0:
            model.set_sort(None)
        elif 0 <= column < len(CUSTOMER_COLUMNS):
            model.set_sort(CUSTOMER_COLUMNS[column].key, order == Qt.SortOrder.DescendingOrder)

    def customer_at(self, row: int) -> Customer:
        return self.source().customer_at(self.mapToSource(self.index(row, 0)).row())
