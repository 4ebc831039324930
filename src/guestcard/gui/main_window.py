"""The main window: Today, Customers (with the card), the welcome page; menus, toolbar, shortcuts.

It is handed the ``Settings`` and, once opened (off the GUI thread, see ``open_database``), the
``Database`` and the ``FormLibrary``; every page gets them passed in. Dialogs (import, export,
print, settings) are opened window-modal with ``open()`` and kept as attributes, so tests drive
them without a blocking ``exec()``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QStyle, QToolBar, QWidget

from guestcard.gui import prompts
from guestcard.gui.customers_page import CustomersPage
from guestcard.gui.i18n import Languages, app_icon, fill, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.operations import CUSTOMERS, EVERYTHING, HISTORY, Operations
from guestcard.gui.today_page import TodayPage
from guestcard.gui.welcome_page import WelcomePage
from guestcard.gui.worker import Step, TaskRunner

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.gui.dashboard import DashboardPage
    from guestcard.settings import Settings
    from guestcard.storage import Database


@dataclass
class Opened:
    db: Database
    library: FormLibrary
    lock: Any  # guestcard.storage.lock.DatabaseLock or None
    empty: bool
    warning: str | None = None


def _sqlite_file(target: str) -> Path | None:
    if "://" in target:
        return None
    return Path(target).expanduser()


def open_job(target: str, backup_dir: Path | None, *, read_only: bool = False, password: str | None = None,
             create: bool = False) -> Any:
    """Open (and lock, upgrade, back up) the database and load the forms, off the GUI thread:
    importing SQLAlchemy and the search code is most of a cold start. A missing file is made only
    with ``create`` or when it is the default one (``NoSuchGuestFile`` otherwise: the window asks)."""

    def job(_cancel: Any) -> Iterator[Any]:
        yield Step(0, None)
        from guestcard.forms import load_library
        from guestcard.paths import is_default_database, shipped_dir, user_forms_dir
        from guestcard.services import browsing, customers  # noqa: F401  (imported here, not on the GUI thread)
        from guestcard.services.backup import backup_database, daily_backup
        from guestcard.storage import Database
        from guestcard.storage.database import NoSuchGuestFile
        from guestcard.storage.lock import DatabaseLock
        from guestcard.storage.readonly import folder_not_writable

        path = _sqlite_file(target)
        lock = None
        if path is not None and not path.exists() and not (create or is_default_database(path)):
            raise NoSuchGuestFile(f"{path}: no such guest file", path)
        if path is not None and not read_only and path.exists() and folder_not_writable(path.parent) is None:
            lock = DatabaseLock(path.resolve()).acquire()  # a folder nobody can write: read-only, no lock

        def before_upgrade(db: Database, _revision: str | None) -> None:
            if db.is_sqlite:
                backup_database(db, backup_dir, reason="before-upgrade")

        try:
            db = Database.open(target, before_upgrade=before_upgrade, read_only=read_only, password=password,
                               check=True, create=True)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is None and path is not None and not read_only and not db.read_only:
            try:
                lock = DatabaseLock(path.resolve()).acquire()  # a new file: locked once made
            except BaseException:
                db.close()
                raise
        warning = None
        if not db.read_only:
            try:
                daily_backup(db, backup_dir)
            except Exception as exc:  # a full USB stick must not stop the day's work
                warning = str(exc)
        library = load_library(shipped_dir("forms"), [user_forms_dir()])
        empty = not customers.list_customers(db, limit=1)
        yield Opened(db, library, lock, empty, warning)

    return job


class MainWindow(QMainWindow):
    databaseOpened = Signal()
    customerCreated = Signal(int)  # a new card written (its id): tests and scripts wait for it
    languageSwitched = Signal(str)

    def __init__(
        self,
        settings: Settings,
        *,
        languages: Languages | None = None,
        qsettings: QSettings | None = None,
        runner: TaskRunner | None = None,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.settings_file = settings_file
        self.languages = languages
        self.qsettings = qsettings or QSettings("guestcard", "guestcard")
        self.runner = runner or TaskRunner(self)
        # Every action on the guest file, by name, on the runner; pages refresh on ``changed``.
        self.operations = Operations(self.runner, self)
        self.db: Database | None = None
        self.library: FormLibrary | None = None
        self.lock: Any = None
        self.read_only = False
        self.import_wizard: Any = None
        self.export_dialog: Any = None
        self.print_dialog: Any = None
        self.settings_dialog: Any = None
        self._open_task: Any = None
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")

        self.stack = QStackedWidget(self)
        self.loading = QLabel(self.stack)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome = WelcomePage(self.stack)
        self.today = TodayPage(self.runner, settings, self.stack)
        self.customers = CustomersPage(self.qsettings, self.stack)
        # The dashboard (QtCharts and the insights service) is made when first asked for: it is
        # rarely the first page, and making it would delay the window's start by some 30 ms.
        self._dashboard: DashboardPage | None = None
        for page in (self.loading, self.welcome, self.today, self.customers):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.db_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.db_label)

        self._make_actions()
        self._make_menus()
        from guestcard.gui.safety import Safety

        self.safety = Safety(self)  # back up, restore, password; what to do when opening fails
        from guestcard.gui.staff_window import StaffFeatures

        self.staff = StaffFeatures(self)  # who is working, the staff list, hand-over, the register
        self.welcome.importRequested.connect(self.import_sheet)
        self.welcome.newRequested.connect(self.new_customer)
        self.welcome.demoRequested.connect(self.load_demo)
        self.today.openCustomer.connect(self.open_customer)
        self.today.printDay.connect(lambda day: self.print_cards(day=day))
        self.customers.printRequested.connect(lambda cid: self.print_cards(ids=[cid]))
        self.today.watch(self.operations)
        self.customers.watch(self.operations)
        self.operations.changed.connect(self._changed)
        self.stack.currentChanged.connect(self._page_changed)
        self.retranslate()
        self._restore_geometry()
        self._update_enabled()

    # -- actions, menus, toolbar -------------------------------------------------------------------

    def _action(self, name: str, slot: Any, shortcut: Any = None, icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.show_today_action = self._action("showToday", lambda: self.show_page("today"), "Ctrl+1",
                                              sp.SP_FileDialogInfoView)
        self.show_customers_action = self._action("showCustomers", lambda: self.show_page("customers"), "Ctrl+2",
                                                  sp.SP_FileDialogDetailedView)
        self.show_dashboard_action = self._action("showDashboard", lambda: self.show_page("dashboard"), "Ctrl+3",
                                                  sp.SP_FileDialogListView)
        group = QActionGroup(self)
        for action in (self.show_today_action, self.show_customers_action, self.show_dashboard_action):
            action.setCheckable(True)
            group.addAction(action)
        self.find_action = self._action("find", self.find, QKeySequence.StandardKey.Find)
        self.new_action = self._action("newCustomer", self.new_customer, QKeySequence.StandardKey.New,
                                       sp.SP_FileIcon)
        self.save_action = self._action("save", self.save_card, QKeySequence.StandardKey.Save, sp.SP_DialogSaveButton)
        self.revert_action = self._action("revert", self.revert_card)
        self.delete_action = self._action("delete", self.delete_customer)
        self.duplicates_action = self._action("duplicates", self.show_duplicates)
        self.merges_action = self._action("merges", self.show_merges)
        self.import_action = self._action("import", self.import_sheet, "Ctrl+I", sp.SP_ArrowDown)
        self.export_action = self._action("export", self.export, "Ctrl+E", sp.SP_ArrowUp)
        self.print_action = self._action("print", lambda: self.print_cards(), QKeySequence.StandardKey.Print,
                                         sp.SP_FileDialogContentsView)
        self.labels_action = self._action("labels", self.print_labels)
        self.settings_action = self._action("settings", self.open_settings, "Ctrl+,")
        self.open_db_action = self._action("openDatabase", self.choose_database)
        self.demo_action = self._action("demo", self.load_demo)
        self.quit_action = self._action("quit", self.close, QKeySequence.StandardKey.Quit)
        self.language_action = self._action("language", self.toggle_language)
        self.about_action = self._action("about", self.about)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (self.import_action, self.export_action, self.print_action, self.labels_action, None,
                       self.open_db_action,
                       self.demo_action, None, self.settings_action, None, self.quit_action):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)
        self.customer_menu = bar.addMenu("")
        for action in (self.new_action, self.save_action, self.revert_action, None, self.find_action,
                       self.duplicates_action, self.merges_action, None, self.delete_action):
            self.customer_menu.addSeparator() if action is None else self.customer_menu.addAction(action)
        self.view_menu = bar.addMenu("")
        for action in (self.show_today_action, self.show_customers_action, self.show_dashboard_action, None,
                       self.language_action):
            self.view_menu.addSeparator() if action is None else self.view_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.show_today_action, self.show_customers_action, self.show_dashboard_action, None,
                       self.new_action,
                       self.save_action, None, self.import_action, self.export_action, self.print_action):
            self.toolbar.addSeparator() if action is None else self.toolbar.addAction(action)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.language_action)
        self.toolbar.addAction(self.settings_action)
        self.addToolBar(self.toolbar)

    def retranslate(self) -> None:
        texts = {
            self.show_today_action: self.tr("Today"),
            self.show_customers_action: self.tr("Customers"),
            self.show_dashboard_action: self.tr("Dashboard"),
            self.find_action: self.tr("Find…"),
            self.new_action: self.tr("New customer"),
            self.save_action: self.tr("Save"),
            self.revert_action: self.tr("Revert card"),
            self.delete_action: self.tr("Delete customer…"),
            self.duplicates_action: self.tr("Possible duplicates…"),
            self.merges_action: self.tr("Merges…"),
            self.import_action: self.tr("Import…"),
            self.export_action: self.tr("Export…"),
            self.print_action: self.tr("Print…"),
            self.labels_action: self.tr("Address labels…"),
            self.settings_action: self.tr("Settings…"),
            self.open_db_action: self.tr("Open another database…"),
            self.demo_action: self.tr("Add demo data"),
            self.quit_action: self.tr("Quit"),
            self.language_action: "English" if ui_lang() == "zh" else "中文",
            self.about_action: self.tr("About guestcard"),
        }
        for action, text in texts.items():
            action.setText(text)
        for action in (self.find_action, self.new_action, self.save_action, self.import_action,
                       self.export_action, self.print_action):
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().rstrip('…')} ({shortcut})" if shortcut else action.text())
        self.language_action.setToolTip(self.tr("Switch the language of the window"))
        self.file_menu.setTitle(self.tr("&File"))
        self.customer_menu.setTitle(self.tr("&Customer"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.loading.setText(self.tr("Opening the guest file…"))
        self._update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_title(self) -> None:
        parts = [self.settings.restaurant_name or "guestcard"]
        if self.settings.restaurant_name:
            parts.append("guestcard")
        title = " — ".join(parts) + "[*]"
        if self.read_only:
            title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)

    def _update_status(self) -> None:
        if self.db is None:
            self.db_label.setText("")
            return
        text = fill(self.tr("Database: %1"), self.db.display_name)
        if getattr(self.db, "read_only_reason", None) is not None:  # its folder cannot be written (storage.readonly)
            text += " " + self.tr("(read-only: its folder cannot be written)")
        self.db_label.setText(text)

    def _update_enabled(self) -> None:
        has_db = self.db is not None
        card = self.customers.card
        dirty = card is not None and card.is_dirty()
        writable = has_db and not self.read_only  # a file opened read-only takes no new card, import…
        for action in (self.find_action, self.export_action, self.print_action, self.labels_action,
                       self.show_today_action, self.show_customers_action,
                       self.show_dashboard_action, self.duplicates_action, self.merges_action):
            action.setEnabled(has_db)
        for action in (self.new_action, self.import_action, self.demo_action):
            action.setEnabled(writable)
        self.save_action.setEnabled(dirty and writable)
        self.revert_action.setEnabled(dirty)
        self.delete_action.setEnabled(writable and card is not None and card.customer is not None)
        self.setWindowModified(dirty)

    # -- the database ------------------------------------------------------------------------------

    def database_target(self) -> str:
        return str(self.settings.database_file())

    def open_database(self, target: str | None = None, *, read_only: bool = False,
                      password: str | None = None, create: bool = False) -> Any:
        """Open ``target`` (a file or URL; default from the settings) off the GUI thread; a
        missing file is made only with ``create`` or when it is the default one (else asked)."""
        target = target or self.database_target()
        self.stack.setCurrentWidget(self.loading)
        self.customers.count_label.setText(self.tr("Opening the database…"))

        def failed(exc: BaseException, details: str) -> None:
            self._open_failed(target, exc, details, read_only=read_only, password=password)

        self._open_task = self.runner.start(
            open_job(target, self.settings.backup_dir(), read_only=read_only, password=password, create=create),
            on_result=lambda opened: self._opened(opened, read_only or opened.db.read_only),
            on_error=failed,
            reading_only=True,
        )
        return self._open_task

    def _opened(self, opened: Opened, read_only: bool) -> None:
        self.read_only = read_only
        self.set_database(opened.db, opened.library, opened.lock, empty=opened.empty)
        if opened.warning:
            self.statusBar().showMessage(fill(self.tr("The daily backup failed: %1"), opened.warning), 15000)

    def _open_failed(self, target: str, exc: BaseException, details: str, *, read_only: bool = False,
                     password: str | None = None) -> None:
        """Locked (read-only or quit), encrypted (the password), damaged (restore the latest backup):
        see ``guestcard.gui.safety``."""
        self.safety.open_failed(target, exc, details, read_only=read_only, password=password)

    def set_database(self, db: Database | None, library: FormLibrary | None, lock: Any = None, *,
                     empty: bool | None = None) -> None:
        self.close_database()
        self.db, self.library, self.lock = db, library, lock
        self.read_only = bool(getattr(db, "read_only", False))  # asked for, or its folder not writable
        self.customers.set_database(db, library)
        if self.customers.card is not None:
            self.customers.card.set_read_only(self._read_only_reason())
            self.customers.card.dirtyChanged.connect(lambda _dirty: self._update_enabled())
            self.customers.card.saved.connect(lambda _c: self._update_enabled())
            self.customers.card.deleted.connect(lambda _id: self._update_enabled())
            self.customers.card.customerChanged.connect(self._update_enabled)
            self.customers.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_enabled())
        self.today.set_database(db)
        if self._dashboard is not None:
            self._dashboard.set_database(db)
        if db is not None:
            if empty is None:  # not told by open_job: asked on the runner, the Today page meanwhile
                from guestcard.services.customers import list_customers

                self.show_page("today")

                def first_page(empty: bool) -> None:
                    if empty and db is self.db:
                        self.show_page("welcome")

                self.operations.query("is_empty", lambda: not list_customers(db, limit=1), on_success=first_page)
            else:
                self.show_page("welcome" if empty else "today")
        self._update_status()
        self._update_title()
        self._update_enabled()
        self.databaseOpened.emit()

    def _read_only_reason(self) -> str | None:
        """What the card says when nothing can be changed (None: the file can be written)."""
        if not self.read_only:
            return None
        if getattr(self.db, "read_only_reason", None) is not None:
            return self.tr("Read-only: the folder of this guest file cannot be written, so nothing can be changed")
        return self.tr("Read-only: this guest file is open for reading only, so nothing can be changed")

    def close_database(self) -> None:
        # Pages still reading hold a connection: the file is only closed (or re-keyed, replaced by
        # a backup) once they have let go of it.
        for runner in (self.runner, getattr(self.customers.model, "runner", None)):
            if runner is not None:
                runner.stop_reading()
        self.customers.set_database(None, None)
        self.today.db = None
        self.today.alerts.db = None
        if self._dashboard is not None:
            self._dashboard.set_database(None)
        if self.db is not None:
            from guestcard.storage.database import close_forgotten_connections

            self.db.close()
            close_forgotten_connections()  # before the file is re-keyed, restored or reopened
        if self.lock is not None:
            self.lock.release()
        self.db = self.lock = None

    def choose_database(self) -> None:
        if not self._card_may_go(self.choose_database):
            return
        path = prompts.open_file(self, self.tr("Open a guest file"), self.tr("guestcard database (*.sqlite3 *.db)"))
        if path is not None:
            self.close_database()
            self.open_database(str(path))

    def show_duplicates(self) -> None:
        """The "Possible duplicates" view (gui.duplicates_page); a merge reloads the lists."""
        if self.db is None or not self._card_may_go(self.show_duplicates):
            return
        from guestcard.gui.duplicates_page import DuplicatesPage

        self.duplicates_page = DuplicatesPage(self.db, self.runner, self.library, self)
        self.duplicates_page.changed.connect(lambda: self.operations.announce({CUSTOMERS} | HISTORY))
        self.duplicates_page.open()

    def show_merges(self) -> None:
        """Customer ▸ Merges… (gui.merges_dialog): undo any earlier merge; an undo reloads the lists."""
        if self.db is None or not self._card_may_go(self.show_merges):
            return
        from guestcard.gui.merges_dialog import MergesDialog

        self.merges_dialog = MergesDialog(self.db, self.runner, self.library, self)
        self.merges_dialog.undone.connect(lambda _result: self.operations.announce({CUSTOMERS} | HISTORY))
        self.merges_dialog.open()

    # -- pages -------------------------------------------------------------------------------------

    @property
    def dashboard(self) -> DashboardPage:
        if self._dashboard is None:
            from guestcard.gui.dashboard import DashboardPage

            page = DashboardPage(self.runner, self.settings, self.stack)
            page.openCustomer.connect(self.open_customer)
            page.classesApplied.connect(lambda _n: self.operations.announce(CUSTOMERS))
            page.review_owners = lambda: list(self.staff.owners)
            self.stack.addWidget(page)
            page.set_database(self.db)
            self._dashboard = page
        return self._dashboard

    def show_page(self, name: str) -> None:
        if name == "dashboard":
            self.stack.setCurrentWidget(self.dashboard)
            return
        page = {"welcome": self.welcome, "today": self.today, "customers": self.customers}[name]
        self.stack.setCurrentWidget(page)

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return {id(self.welcome): "welcome", id(self.today): "today", id(self.customers): "customers",
                id(self._dashboard): "dashboard"}.get(
            id(widget), "loading"
        )

    def _page_changed(self, _index: int) -> None:
        page = self.current_page()
        self.show_today_action.setChecked(page == "today")
        self.show_customers_action.setChecked(page == "customers")
        self.show_dashboard_action.setChecked(page == "dashboard")

    def _changed(self, _kinds: frozenset[str]) -> None:
        if self._dashboard is not None:
            self._dashboard.mark_stale()  # the dashboard reads again when it is next shown
        self._update_enabled()

    # -- customers ---------------------------------------------------------------------------------

    def _card_may_go(self, then: Callable[[], Any] | None = None) -> bool:
        """True when the card may be replaced now. After "save" it is written on the runner: False
        now, and ``then()`` (the caller again, say) once it is written."""
        card = self.customers.card
        return card is None or card.confirm_leave(then or (lambda: None))

    def find(self) -> None:
        if self.db is None:
            return
        self.show_page("customers")
        self.customers.focus_search()

    def open_customer(self, customer_id: int) -> None:
        self.show_page("customers")
        self.customers.open_customer(customer_id)

    def save_card(self) -> bool:
        card = self.customers.card
        return card.save() if card is not None else True

    def revert_card(self) -> None:
        if self.customers.card is not None:
            self.customers.card.revert()

    def delete_customer(self) -> None:
        if self.customers.card is not None:
            self.customers.card.delete()

    def new_customer(self) -> None:
        if self.db is None or self.library is None or not self._card_may_go(self.new_customer):
            return
        from guestcard.gui.dialogs import NewCustomerDialog

        dialog = NewCustomerDialog(parent=self)
        if not prompts.run_dialog(dialog):
            return
        self.create_customer(dialog.values())

    def create_customer(self, values: dict[str, Any]) -> None:
        """Create a card from typed values; the same phone offers to open the existing card. The
        check and the write run on the runner; ``customerCreated(id)`` once the card is made."""
        from guestcard.services import customers as services

        db = self.db
        assert db is not None
        try:
            customer = services.build_customer(values)
        except services.InvalidInput as exc:
            prompts.warn(self, self.tr("New customer"), say(exc))
            return
        self.operations.query("same_phone", lambda: services.find_duplicates(db, customer),
                              on_success=lambda duplicates: self._create_unless_known(db, customer, values, duplicates))

    def _create_unless_known(self, db: Database, customer: Any, values: dict[str, Any], duplicates: list[Any]) -> None:
        from guestcard.domain.values import format_phone
        from guestcard.services import customers as services

        if db is not self.db:  # the file was closed or replaced meanwhile
            return
        if duplicates:
            existing = duplicates[0]
            choice = prompts.choose(
                self,
                self.tr("Same phone number"),
                fill(self.tr("%1 already has the phone number %2. Is it the same guest?"), existing.display_name,
                     format_phone(values.get("phone") or "")),
                [self.tr("Open the existing card"), self.tr("Create a new card anyway")],
            )
            if choice is None:
                return
            if choice == 0:
                assert existing.id is not None
                self.open_customer(existing.id)
                return

        def created(card: Any) -> None:
            assert card.id is not None
            # Announced before the card opens: the list's reload comes first, then its row is found.
            self.operations.announce(CUSTOMERS)
            self.show_page("customers")
            self.customers.open_customer(card.id)
            self.customerCreated.emit(card.id)

        self.operations.run("create_customer", lambda: services.create_customer(db, customer), on_success=created)

    def load_demo(self) -> None:
        if self.db is None:
            return
        if not prompts.confirm(self, self.tr("Demo data"),
                               self.tr("Add 200 made-up guests with visits and reservations to this file?"),
                               ok_text=self.tr("Add demo data")):
            return
        db = self.db

        def fill() -> int:  # half a second of writing: off the GUI thread
            from guestcard.services.demo import fill_demo

            return fill_demo(db, duplicates=True)

        def done(_count: int) -> None:
            self.statusBar().clearMessage()
            self.welcome.setEnabled(True)
            self.show_page("today")

        def failed(exc: BaseException, details: str) -> None:
            self.statusBar().clearMessage()
            self.welcome.setEnabled(True)
            prompts.show_error(self, self.tr("Demo data"), str(exc), details)

        self.welcome.setEnabled(False)
        self.statusBar().showMessage(self.tr("Adding the demo guests…"))
        self.operations.run("add_demo_data", fill, changes=EVERYTHING, on_success=done, on_error=failed)

    # -- import, export, print, settings ------------------------------------------------------------

    def import_sheet(self) -> None:
        if self.db is None or self.library is None or not self._card_may_go(self.import_sheet):
            return
        from guestcard.gui.import_wizard import ImportWizard

        self.import_wizard = ImportWizard(self.db, self.library, self.runner, self.settings, self)
        self.import_wizard.imported.connect(self._after_import)
        self.import_wizard.undone.connect(self._after_import)
        self.import_wizard.open()

    def _after_import(self, _report: Any) -> None:
        self.operations.announce(EVERYTHING)
        if self.current_page() == "welcome":
            self.show_page("customers")

    def export(self) -> None:
        if self.db is None or self.library is None:
            return
        from guestcard.gui.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(
            self.db, self.library, self.runner, self.settings,
            list_filter=self.customers.current_filter(), selected=self.customers.selected_ids(), parent=self,
        )
        self.export_dialog.open()

    def print_cards(self, *, day: dt.date | None = None, ids: Sequence[int] | None = None) -> None:
        if self.db is None or self.library is None:
            return
        from guestcard.gui.print_dialog import PrintDialog

        selected = list(ids) if ids is not None else self.customers.selected_ids()
        self.print_dialog = PrintDialog(
            self.db, self.library, self.runner, self.settings,
            list_filter=self.customers.current_filter(), selected=selected, day=day, parent=self,
        )
        self.print_dialog.open()

    def print_labels(self) -> None:
        if self.db is None:
            return
        from guestcard.gui.labels_dialog import LabelsDialog

        self.labels_dialog = LabelsDialog(self.db, self.runner, self.settings,
                                          list_filter=self.customers.current_filter(),
                                          selected=self.customers.selected_ids(), parent=self)
        self.labels_dialog.open()

    def open_settings(self) -> None:
        from guestcard.gui.settings_dialog import SettingsDialog

        self.settings_dialog = SettingsDialog(self.settings, self.library, self)
        self.settings_dialog.accepted.connect(lambda: self.apply_settings(self.settings_dialog.result_settings()))
        self.settings_dialog.open()

    def apply_settings(self, new: Settings) -> None:
        from guestcard.settings import SettingsError, save_settings

        old = self.settings
        self.settings = new
        try:
            save_settings(new, self.settings_file)
        except SettingsError as exc:
            prompts.warn(self, self.tr("Settings"), say(exc))
        self.today.set_settings(new)
        if self._dashboard is not None:
            self._dashboard.set_settings(new)
        if new.language != old.language:
            self.switch_language(new.language, save=False)
        self._update_title()
        moved = new.database_file() != old.database_file() and self.db is not None
        if moved and prompts.confirm(
            self, self.tr("Database"),
            fill(self.tr("Open the guest file at %1 now?"), str(new.database_file())),
            ok_text=self.tr("Open it"),
        ):
            self._open_moved_file(str(new.database_file()))

    def _open_moved_file(self, target: str) -> None:
        if self._card_may_go(lambda: self._open_moved_file(target)):
            self.close_database()
            self.open_database(target)

    def toggle_language(self) -> None:
        self.switch_language("en" if ui_lang() == "zh" else "zh")

    def switch_language(self, lang: str, *, save: bool = True) -> None:
        """Switch the whole window to ``lang`` now: no restart, unsaved edits stay."""
        if self.languages is None:
            from PySide6.QtCore import QCoreApplication

            app = QCoreApplication.instance()
            assert app is not None
            self.languages = Languages(app)
        self.languages.apply(lang)
        if save and self.settings.language != lang:
            from guestcard.settings import SettingsError, save_settings

            self.settings = replace(self.settings, language=lang)
            with contextlib.suppress(SettingsError):
                save_settings(self.settings, self.settings_file)
        self.languageSwitched.emit(lang)

    def about(self) -> None:
        from guestcard import __version__

        prompts.inform(self, self.tr("About guestcard"),
                       fill(self.tr("guestcard %1\nGuest history cards for hotel restaurants."), __version__))

    # -- closing -----------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # the first start: 1280×800, or less on a small screen (a 1366×768 laptop)
            screen = self.screen().availableGeometry() if self.screen() is not None else None
            width, height = 1280, 800
            if screen is not None and screen.width() > 0 and screen.height() > 0:
                width, height = min(width, int(screen.width() * 0.96)), min(height, int(screen.height() * 0.92))
            self.resize(width, height)
        today = self.qsettings.value("today/splitter")
        if isinstance(today, QByteArray) and not today.isEmpty():
            self.today.splitter.restoreState(today)

    def save_window_state(self) -> None:
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.qsettings.setValue("today/splitter", self.today.splitter.saveState())
        self.customers.save_state()
        self.qsettings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._card_may_go(self.close):
            event.ignore()
            return
        # Only the user's own long work (import, export, printing) is worth a question: opening the
        # file and filling a page were started as reading-only and just stop.
        working = not self.runner.wait(0) and self.runner.working
        if working and not prompts.confirm(self, self.tr("Work in progress"),
                                           self.tr("Something is still running. Stop it and quit?"),
                                           ok_text=self.tr("Stop and quit")):
            event.ignore()
            return
        self.runner.cancel_all()
        self.runner.wait(10_000)
        self.save_window_state()
        self.close_database()
        event.accept()

