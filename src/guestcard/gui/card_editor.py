"""The card editor: one tab per form that applies to the customer, built from the TOML specs.

One customer, many cards: a field key (``name``, ``birthday``…) may stand on several forms; its
editors on every tab show one value and stay in step. Every edit goes on a ``QUndoStack``
(consecutive typing in one field is one step); the stack's clean state is the card's saved state.
Opening, saving (only the fields that were changed, with the version the card was opened at),
reverting and deleting run on the window's runner: ``gui.card_operations``, which this class takes in.

The widgets of a kind's forms (an individual's or an organisation's) are built once and reused for
every customer of that kind: opening a card only sets values.

One idea, ~550 lines: the card on screen — its forms, its edits kept in step, its texts in the UI
language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from guestcard.forms import FormLibrary
from guestcard.gui.account_tab import AccountTab
from guestcard.gui.card_forms import (
    ERROR_STYLE,
    NOTE_STYLE,
    SAVED_STYLE,
    TAGS_SPEC,
    UNSAVED_STYLE,
    FieldEdit,
    FieldRow,
    KindPages,
    build_form,
    kind_pages,
    line_edit_of,
    parse_tags,
    set_label,
)
from guestcard.gui.card_operations import CardOperations
from guestcard.gui.field_editors import FieldEditor, make_editor
from guestcard.gui.history_tabs import ContactsTab, RelationsTab, VisitsTab
from guestcard.gui.i18n import fill, fmt_datetime, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.models import QT_TRANSLATE_NOOP, Column, RecordsModel, kind_label
from guestcard.gui.operations import ACCOUNTS, window_operations

__all__ = ["CardEditor", "line_edit_of", "parse_tags"]

if TYPE_CHECKING:
    from guestcard.domain import Customer
    from guestcard.services.customers import CustomerFile
    from guestcard.storage import Database

class CardEditor(CardOperations, QWidget):
    dirtyChanged = Signal(bool)
    saved = Signal(object)  # the saved Customer
    deleted = Signal(int)  # the deleted customer's id
    openCustomer = Signal(int)  # a relation was clicked
    printRequested = Signal(int)
    historyChanged = Signal()  # a visit or contact was written
    customerChanged = Signal()  # another customer's card (or none) is shown
    loaded = Signal(int)  # a card read on the runner is shown (its customer's id): tests wait for it
    saveEnded = Signal(bool)  # a save on the runner ended: True when the card may go (written, or theirs taken)

    def __init__(self, db: Database, library: FormLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.library = library
        self.lang = ui_lang()
        self.customer: Customer | None = None
        self.undo_stack = QUndoStack(self)
        self._states: dict[str, Any] = {}
        self._loaded: dict[str, Any] = {}
        self._errors: dict[str, str] = {}
        self._kinds: dict[str, KindPages] = {}
        self._kind: str | None = None
        self._start_operations()
        self._build()
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.retranslate()
        self.clear()

    # -- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("cardPlaceholder")
        self.body = QWidget(self)

        self.title = QLabel(self.body)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self.body)
        self.subtitle.setStyleSheet(SAVED_STYLE)
        self.state_label = QLabel(self.body)
        # Why nothing on the card can be changed (a guest file opened read-only), else None.
        self.read_only_reason: str | None = None

        self.save_action = QAction(self)
        self.save_action.triggered.connect(lambda _checked=False: self.save())
        self.revert_action = QAction(self)
        self.revert_action.triggered.connect(self.revert)
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.delete_action = QAction(self)
        self.delete_action.triggered.connect(self.delete)
        self.print_action = QAction(self)
        self.print_action.triggered.connect(
            lambda: self.customer is not None and self.printRequested.emit(self.customer.id)
        )

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: list[QToolButton] = []
        for action in (self.save_action, self.revert_action, self.undo_action, self.redo_action,
                       self.print_action, self.delete_action):
            button = QToolButton(self.body)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
            self.buttons.append(button)
            if action is self.redo_action:
                buttons.addSpacing(12)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)

        self.tags_label = QLabel(self.body)
        self.tags_editor = make_editor(TAGS_SPEC, self.lang, self.body)
        self.tags_editor.changed.connect(lambda: self._edited("tags", self.tags_editor))
        self.tags_row = FieldRow(TAGS_SPEC, self.tags_editor, self.tags_label, QLabel(self.body), -1)
        tags = QHBoxLayout()
        tags.addWidget(self.tags_label)
        tags.addWidget(self.tags_editor.widget, 1)

        self.tabs = QTabWidget(self.body)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self._retabbing = False
        self.tabs.currentChanged.connect(self._tab_shown)
        self.visits = VisitsTab(self.db, self.tabs)
        self.contacts = ContactsTab(self.db, self.tabs)
        self.relations = RelationsTab(self.db, self.tabs)
        self.account = AccountTab(self.db, self.tabs)  # a corporate card's credit account (挂账)
        self.account.hide()  # a tab only on a company's card; a shown child would lie over the tab bar
        self.account.changed.connect(self._history_written)
        # Its writes run on the runner by themselves; the pages showing accounts hear of them here.
        self.account.changed.connect(lambda: window_operations(self).announce(ACCOUNTS))
        self.account.standingChanged.connect(lambda _view: self._retitle_tabs())
        # A visit of the company's own card put on its account: the tab shows the new bill.
        self.visits.changed.connect(lambda: self.account.reload() if self.account.customer_id else None)
        self.extra_model = RecordsModel(
            (
                Column("header", QT_TRANSLATE_NOOP("models", "Column"), lambda item: item[0]),
                Column("value", QT_TRANSLATE_NOOP("models", "Value"), lambda item: item[1], tooltip=True),
            ),
            (),
            self,
        )
        self.extra_view = QTableView(self)
        self.extra_view.hide()  # a tab only for customers with kept spreadsheet columns
        self.extra_view.setModel(self.extra_model)
        self.extra_view.verticalHeader().hide()
        self.extra_view.horizontalHeader().setStretchLastSection(True)
        for tab in (self.visits, self.contacts, self.relations):
            tab.changed.connect(self._history_written)
        self.relations.openCustomer.connect(self.openCustomer)

        body = QVBoxLayout(self.body)
        body.setContentsMargins(8, 6, 8, 0)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addLayout(buttons)
        body.addLayout(tags)
        body.addWidget(self.tabs, 1)

        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.body)

    def _pages_for(self, kind: str) -> KindPages:
        pages = self._kinds.get(kind)
        if pages is None:
            pages = self._kinds[kind] = kind_pages(self.library, kind)
        return pages

    def _tab_shown(self, index: int) -> None:
        if self._retabbing:
            return
        pages = self._kinds.get(self._kind or "")
        if pages is not None and 0 <= index < len(pages.forms):
            self._ensure_built(pages, index)

    def _ensure_built(self, pages: KindPages, tab: int) -> None:
        """Make a form's fields when its tab is first shown (a card's five forms hold some 150
        fields: building them all made the first card open take half a second) and show the
        open card's values in them."""
        if tab in pages.built:
            return
        pages.built.add(tab)
        before = {key: len(rows) for key, rows in pages.rows.items()}
        build_form(pages.forms[tab], tab, pages, self.lang, self._edited)
        self._lock_pages()
        if self.customer is None or pages is not self._kinds.get(self._kind or ""):
            return
        customer = self.customer
        for key, rows in pages.rows.items():
            new = rows[before.get(key, 0):]
            if not new:
                continue
            if key not in self._states:
                state = new[0].editor.state_of(customer.get(key))
                self._states[key] = self._loaded[key] = state
            for row in new:
                row.editor.set_state(self._states[key])
            self._show_message(key)

    def build_all_forms(self) -> None:
        """Every form of the shown customer's kind built (scripts and tests reach any field)."""
        pages = self._kinds.get(self._kind or "")
        if pages is not None:
            for tab in range(len(pages.forms)):
                self._ensure_built(pages, tab)

    def _show_kind(self, kind: str) -> KindPages:
        pages = self._pages_for(kind)
        if kind != self._kind:
            self._retabbing = True  # the tabs' indexes mean nothing until the new ones are in
            try:
                while self.tabs.count():
                    self.tabs.removeTab(0)
                for form, page in zip(pages.forms, pages.pages, strict=True):
                    self.tabs.addTab(page, form.title.text(self.lang))
                for tab in (self.visits, self.contacts, self.relations, *([self.account] * (kind == "corporate"))):
                    self.tabs.addTab(tab, "")
            finally:
                self._retabbing = False
            self._kind = kind
            self._retitle_tabs()
        self._tab_shown(self.tabs.currentIndex())
        return pages

    # -- rows by key -----------------------------------------------------------------------------------

    def _rows(self, key: str) -> list[FieldRow]:
        if key == "tags":
            return [self.tags_row]
        pages = self._kinds.get(self._kind or "")
        return pages.rows.get(key, []) if pages else []

    def _all_rows(self) -> dict[str, list[FieldRow]]:
        pages = self._kinds.get(self._kind or "")
        rows = dict(pages.rows) if pages else {}
        rows["tags"] = [self.tags_row]
        return rows

    def field_label(self, key: str) -> str:
        rows = self._rows(key)
        spec = rows[0].spec if rows else self.library.fields.get(key)
        return spec.label.text(self.lang) if spec else key

    def editor(self, key: str, form_id: str | None = None) -> FieldEditor:
        """The editor of ``key`` (on ``form_id``'s tab, else the first): for tests and scripts."""
        self.build_all_forms()
        pages = self._kinds.get(self._kind or "")
        for row in self._rows(key):
            if form_id is None or (pages and row.tab >= 0 and pages.forms[row.tab].id == form_id):
                return row.editor
        raise KeyError(key)

    def form_ids(self) -> list[str]:
        pages = self._kinds.get(self._kind or "")
        return [form.id for form in pages.forms] if pages else []

    # -- loading ---------------------------------------------------------------------------------------

    def clear(self) -> None:
        self._load_ticket += 1  # a card still on its way is not shown over the empty card
        self._wanted = None
        self.customer = None
        self._states, self._loaded, self._errors = {}, {}, {}
        self.undo_stack.clear()
        self.stack.setCurrentWidget(self.placeholder)
        self._update_actions()
        self.customerChanged.emit()

    def show_file(self, file: CustomerFile) -> None:
        customer = file.customer
        self._show_kind(customer.kind)
        self.customer = customer
        self._wanted = customer.id
        self._states, self._loaded, self._errors = {}, {}, {}
        for key, rows in self._all_rows().items():
            value = ", ".join(customer.tags) if key == "tags" else customer.get(key)
            state = rows[0].editor.state_of(value)
            for row in rows:
                row.editor.set_state(state)
            self._states[key] = self._loaded[key] = state
            self._show_message(key)
        self.visits.set_customer(customer.id, file.visits)
        self.contacts.set_customer(customer.id, file.contacts)
        self.relations.set_customer(customer.id, file.relations)
        self.account.set_customer(customer.id if customer.kind == "corporate" else None)
        self.extra_model.set_records(sorted(customer.extra.items()))
        self._show_extra_tab(bool(customer.extra))
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._update_header()
        self._retitle_tabs()
        self.stack.setCurrentWidget(self.body)
        self._update_actions()
        self.customerChanged.emit()

    def _show_extra_tab(self, show: bool) -> None:
        index = self.tabs.indexOf(self.extra_view)
        if show and index < 0:
            self.tabs.addTab(self.extra_view, "")
        elif not show and index >= 0:
            self.tabs.removeTab(index)
            self.extra_view.hide()  # a removed page stays a child of the tabs, drawn where it was

    # -- editing ---------------------------------------------------------------------------------------

    def _edited(self, key: str, source: FieldEditor) -> None:
        if self.customer is None:
            return
        new = source.state()
        old = self._states.get(key)
        if new == old:
            return
        self.undo_stack.push(FieldEdit(self, key, old, new, source))

    def apply_state(self, key: str, state: Any, *, skip: FieldEditor | None = None, focus: bool = False) -> None:
        """Show ``state`` in every editor of ``key`` (the undo stack's commands call this)."""
        self._states[key] = state
        rows = self._rows(key)
        for row in rows:
            if row.editor is not skip:
                row.editor.set_state(state)
        self._errors.pop(key, None)
        self._validate(key)
        if focus and rows:
            row = rows[0]
            current = self.tabs.currentIndex()
            same_tab = [r for r in rows if r.tab == current]
            row = same_tab[0] if same_tab else row
            if row.tab >= 0:
                self.tabs.setCurrentIndex(row.tab)
            row.editor.focus()

    def _validate(self, key: str) -> str | None:
        """Check the field now: an inline message under it when it cannot be read."""
        rows = self._rows(key)
        if not rows or self._states.get(key) == self._loaded.get(key):
            self._errors.pop(key, None)
            self._show_message(key)
            return None
        message = None
        try:
            value = rows[0].editor.value()
        except ValueError as exc:
            message = say(exc)
        else:
            if value is None and rows[0].spec.required:
                message = fill(self.tr("%1 cannot be empty"), rows[0].spec.label.text(self.lang))
        if message:
            self._errors[key] = message
        else:
            self._errors.pop(key, None)
        self._show_message(key)
        return message

    def _show_message(self, key: str) -> None:
        error = self._errors.get(key)
        raw = self.customer.raw.get(key) if self.customer is not None and key != "tags" else None
        unchanged = self._states.get(key) == self._loaded.get(key)
        for row in self._rows(key):
            if error:
                row.message.setText(error)
                row.message.setStyleSheet(ERROR_STYLE)
                row.message.show()
            elif raw and unchanged:
                row.message.setText(fill(self.tr("Imported as “%1”, which could not be read"), raw))
                row.message.setStyleSheet(NOTE_STYLE)
                row.message.show()
            else:
                row.message.hide()

    def errors(self) -> dict[str, str]:
        return dict(self._errors)

    def is_dirty(self) -> bool:
        return self.customer is not None and not self.undo_stack.isClean()

    def changed_keys(self) -> list[str]:
        return [key for key, state in self._states.items() if state != self._loaded.get(key)]

    # -- history (loading, saving, reverting and deleting: gui.card_operations) ----------------------------

    def _history_written(self) -> None:
        self._retitle_tabs()
        self.historyChanged.emit()

    # -- display ---------------------------------------------------------------------------------------

    def _clean_changed(self, clean: bool) -> None:
        self._update_actions()
        self.dirtyChanged.emit(not clean)

    def set_read_only(self, reason: str | None) -> None:
        """A guest file opened read-only: the card shows ``reason`` and takes no edit, no save, no
        deletion, no new visit, contact, relation or account entry (``None``: writable again)."""
        self.read_only_reason = reason
        self._lock_pages()
        self.tags_editor.widget.setEnabled(reason is None)
        for tab in (self.visits, self.contacts, self.relations, self.account):
            tab.set_read_only(reason is not None)
        self._update_actions()

    def _lock_pages(self) -> None:
        """The built forms' fields take no edit while read-only (the pages still scroll)."""
        for pages in self._kinds.values():
            for page in pages.pages:
                if page.widget() is not None:
                    page.widget().setEnabled(self.read_only_reason is None)

    def _update_actions(self) -> None:
        has = self.customer is not None
        dirty = self.is_dirty()
        writable = self.read_only_reason is None
        self.save_action.setEnabled(has and dirty and writable)
        self.revert_action.setEnabled(has and dirty)
        self.delete_action.setEnabled(has and writable)
        self.print_action.setEnabled(has)
        if not has:
            return
        if not writable:
            self.state_label.setText(self.read_only_reason or "")
            self.state_label.setStyleSheet(ERROR_STYLE)
        elif dirty:
            self.state_label.setText("● " + self.tr("Unsaved changes"))
            self.state_label.setStyleSheet(UNSAVED_STYLE)
        elif self.state_label.text() != self.tr("Saved"):
            self.state_label.setText("")

    def _update_header(self) -> None:
        customer = self.customer
        if customer is None:
            return
        self.title.setText(customer.display_name)
        parts = []
        if customer.customer_class:
            parts.append(fill(self.tr("Class %1"), customer.customer_class))
        parts.append(kind_label(customer.kind))
        parts.append(f"#{customer.id}")
        if customer.updated_at:
            parts.append(fill(self.tr("updated %1"), fmt_datetime(customer.updated_at)))
        self.subtitle.setText(" · ".join(parts))

    def _retitle_tabs(self) -> None:
        pages = self._kinds.get(self._kind or "")
        if pages:
            for i, form in enumerate(pages.forms):
                self.tabs.setTabText(i, form.title.text(self.lang))
                if form.description is not None:
                    self.tabs.setTabToolTip(i, form.description.text(self.lang))
        for tab, text in (
            (self.visits, self.tr("Visits (%1)")),
            (self.contacts, self.tr("Contacts (%1)")),
            (self.relations, self.tr("Relations (%1)")),
        ):
            index = self.tabs.indexOf(tab)
            if index >= 0:
                self.tabs.setTabText(index, fill(text, tab.model.rowCount()))
        index = self.tabs.indexOf(self.account)
        if index >= 0:
            self.tabs.setTabText(index, self.account.tab_title())
        index = self.tabs.indexOf(self.extra_view)
        if index >= 0:
            self.tabs.setTabText(index, self.tr("Other columns"))
            self.tabs.setTabToolTip(index, self.tr("Spreadsheet columns no form field took, kept as imported"))

    def retranslate(self) -> None:
        self.placeholder.setText(
            self.tr("Pick a customer in the list to see their cards.\n\nCtrl+N makes a new one.")
        )
        self.save_action.setText(self.tr("Save"))
        self.save_action.setToolTip(self.tr("Save the card (Ctrl+S)"))
        self.revert_action.setText(self.tr("Revert"))
        self.revert_action.setToolTip(self.tr("Drop the changes not yet saved"))
        self.undo_action.setText(self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo"))
        self.print_action.setText(self.tr("Print card…"))
        self.delete_action.setText(self.tr("Delete customer…"))
        self.tags_label.setText(self.tr("Tags"))
        self.tags_editor.edit.setPlaceholderText(TAGS_SPEC.help.text(self.lang) if TAGS_SPEC.help else "")  # type: ignore[attr-defined]
        self._retitle_tabs()
        self._update_header()
        self._update_actions()

    def _relabel_forms(self) -> None:
        """The forms' labels, choices and date formats in the new language (from the TOML)."""
        for pages in self._kinds.values():
            for box, section in pages.groups:
                box.setTitle(section.title.text(self.lang))
            for rows in pages.rows.values():
                for row in rows:
                    set_label(row, self.lang)
                    row.editor.set_lang(self.lang)
        self.tags_editor.set_lang(self.lang)
        if self.customer is not None:
            customer = self.customer
            for key, rows in self._all_rows().items():
                value = ", ".join(customer.tags) if key == "tags" else customer.get(key)
                loaded = rows[0].editor.state_of(value)
                if self._states.get(key) == self._loaded.get(key):
                    for row in rows:
                        row.editor.set_state(loaded)
                    self._states[key] = loaded
                else:
                    self._states[key] = rows[0].editor.state()
                self._loaded[key] = loaded
                self._show_message(key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            lang = ui_lang()
            if lang != self.lang:
                self.lang = lang
                self._relabel_forms()
            self.retranslate()
        super().changeEvent(event)
