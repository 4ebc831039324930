"""The main window: Today, Customers (with the card), the welcome page; menus, toolbar, shortcuts.

It is handed the ``Settings`` and, once opened (off the GUI thread, see ``open_database``), the
``Database`` and the ``FormLibrary``; every page gets them passed in. Dialogs (import, export,
print, settings) are opened window-modal with ``open()`` and kept as attributes, so tests drive
them without a blocking ``exec()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QStyle, QToolBar, QWidget

from guestcard.gui import prompts
from guestcard.gui.customers_page import CustomersPage
from guestcard.gui.i18n import Languages, app_icon, fill, ui_lang
from guestcard.gui.open_job import Opened, open_job
from guestcard.gui.operations import CUSTOMERS, HISTORY, Operations
from guestcard.gui.today_page import TodayPage
from guestcard.gui.welcome_page import WelcomePage
from guestcard.gui.window_customers import CustomerActions
from guestcard.gui.window_dialogs import WindowDialogs
from guestcard.gui.worker import TaskRunner

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.gui.dashboard import DashboardPage
    from guestcard.settings import Settings
    from guestcard.storage import Database


class MainWindow(CustomerActions, WindowDialogs, QMainWindow):
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
        self.customers = CustomersPage(self.qsettings, self.stack, runner=self.runner)
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
        self.runner.stop_reading()  # the customer list's reads among them: one runner
        self.customers.set_database(None, None)
        self.today.db = None
        self.today.alerts.db = None
        if self._dashboard is not None:
            self._dashboard.set_database(None)
        if self.db is not None:
            # No full garbage collection here (close_forgotten_connections): re-keying and restoring
            # do it themselves, right before they touch the file; closing or opening another file
            # needs none. It was a third of a window test's teardown (py-spy).
            self.db.close()
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

    # -- customers (gui.window_customers), dialogs (gui.window_dialogs) -------------------------------

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

