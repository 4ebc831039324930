"""The account managers' work in the main window: who is working (a choice in the toolbar, asked
for at start when there are staff), the Staff menu (staff list, hand-over), the owner filter of
the customer list.

Attached to the main window by one line (``StaffFeatures(window)``) so the window's own code stays
about the cards. Every database call runs on the window's background runner.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel

from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.messages import say

if TYPE_CHECKING:
    from guestcard.gui.main_window import MainWindow
    from guestcard.storage import Database

NOBODY = ""


class StaffFeatures(QObject):
    briefingWritten = Signal(object)  # the PDF's path
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db: Database | None = None
        self.staff_dialog: Any = None
        self.handover_dialog: Any = None
        self.intent_dialog: Any = None
        self.register_dialog: Any = None
        self.register_list: Any = None
        self.active_staff: list[str] = []
        self.owners: list[str] = []
        self.review_dialog: Any = None
        self.user_label = QLabel(window.toolbar)
        self.user_box = QComboBox(window.toolbar)
        self.user_box.setObjectName("currentUser")
        self.user_box.setMinimumContentsLength(6)
        self.user_box.activated.connect(self._user_chosen)
        first = window.toolbar.actions()[-2] if len(window.toolbar.actions()) >= 2 else None
        self._label_action = window.toolbar.insertWidget(first, self.user_label)
        self._box_action = window.toolbar.insertWidget(first, self.user_box)
        self._show_user_choice(False)

        self.staff_action = self._action("staffList", self.open_staff)
        self.handover_action = self._action("handover", self.open_handover)
        self.intent_action = self._action("intentLevels", self.open_intent_levels)
        self.register_action = self._action("registerEntry", self.open_register, "Ctrl+R")
        self.register_list_action = self._action("registerList", self.open_register_list)
        self.review_action = self._action("review", self.open_review)
        self.menu = window.menuBar().addMenu("")
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)
        for action in (self.register_action, self.register_list_action, None, self.review_action, None,
                       self.staff_action, self.handover_action, None, self.intent_action):
            self.menu.addSeparator() if action is None else self.menu.addAction(action)
        window.databaseOpened.connect(self._opened)
        window.today.briefingRequested.connect(self.print_briefing)
        window.languageSwitched.connect(lambda _lang: self.retranslate())
        self.retranslate()
        self._update_enabled()

    def _action(self, name: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        self.window.addAction(action)
        return action

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Staff"))
        self.staff_action.setText(self.tr("Staff list…"))
        self.handover_action.setText(self.tr("Hand over guests…"))
        self.intent_action.setText(self.tr("Intent levels and follow-up rules…"))
        self.register_action.setText(self.tr("Register a walk-in or call…"))
        self.register_list_action.setText(self.tr("Walk-in and call register…"))
        self.review_action.setText(self.tr("Periodic review…"))
        self.user_label.setText(self.tr("Working:") + " ")
        self.user_box.setToolTip(self.tr("Who is working: every change is recorded with this name"))
        if self.user_box.count():
            self.user_box.setItemText(0, self.tr("(choose who you are)"))

    def _update_enabled(self) -> None:
        writable = self.db is not None and not self.window.read_only
        for action in (self.staff_action, self.handover_action, self.intent_action, self.register_action,
                       self.register_list_action, self.review_action):
            action.setEnabled(writable)

    def _show_user_choice(self, visible: bool) -> None:
        self._label_action.setVisible(visible)
        self._box_action.setVisible(visible)

    # -- who is working --------------------------------------------------------------------------

    @property
    def qsettings(self) -> QSettings:
        return self.window.qsettings

    def _opened(self) -> None:
        self.db = self.window.db
        self._update_enabled()
        if self.db is None:
            self._show_user_choice(False)
            return
        self.reload_staff(choose=True)

    def reload_staff(self, *, choose: bool = False) -> None:
        """Read the staff list (and on a server who the login is) off the GUI thread, then fill the
        choice of who is working and the customer list's owner filter."""
        from guestcard.services.intent import levels  # lazy: the window shows before this loads (bench_gui start)
        from guestcard.services.staff import choose_user, list_staff, staff_overview

        db = self.db
        if db is None:
            return
        wanted = (os.environ.get("GUESTCARD_USER") or str(self.qsettings.value("staff/user", "") or "")) \
            if choose else db.user

        def job(_cancel: Any) -> Iterator[Any]:
            active = [m.name for m in list_staff(db, active_only=True)]
            summaries, strangers = staff_overview(db)
            owners = [s.member.name for s in summaries if s.customers or s.member.active] + list(strangers)
            user = db.user
            if choose or wanted != user:
                user = choose_user(db, wanted if wanted in active else None)
            yield active, owners, user, levels(db)

        self.window.runner.start(job, on_result=self._fill, reading_only=True)

    def _fill(self, result: tuple[list[str], list[str], str | None, list[Any]]) -> None:
        active, owners, user, intent_levels = result
        if self.db is None:
            return
        from guestcard.gui.dialogs import ContactDialog  # lazy: the dialogs load after the window shows (bench_gui)

        ContactDialog.LEVELS = tuple(intent_levels)
        self.active_staff = list(active)
        self.owners = list(owners)
        self.user_box.blockSignals(True)
        self.user_box.clear()
        self.user_box.addItem(self.tr("(choose who you are)"), NOBODY)
        for name in active:
            self.user_box.addItem(name, name)
        self.user_box.setCurrentIndex(max(self.user_box.findData(user or NOBODY), 0))
        self.user_box.blockSignals(False)
        self._show_user_choice(bool(active))
        self.window.customers.set_owners(owners, user)
        if active and not user:
            self.window.statusBar().showMessage(
                self.tr("Choose who you are in the toolbar: every change is recorded with your name"), 15000)

    def _user_chosen(self, _index: int) -> None:
        name = self.user_box.currentData() or None
        self.set_user(name)

    def set_user(self, name: str | None) -> None:
        """Work as ``name`` (a staff member) from now on; remembered for the next start."""
        from guestcard.services.staff import choose_user  # lazy: the window shows before this loads (bench_gui start)

        db = self.db
        if db is None:
            return
        self.qsettings.setValue("staff/user", name or "")

        def job(_cancel: Any) -> Iterator[Any]:
            yield choose_user(db, name)

        self.window.runner.start(job, on_result=lambda _user: self.reload_staff())

    # -- dialogs ---------------------------------------------------------------------------------

    def open_staff(self) -> None:
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.staff_dialogs import StaffDialog

        if self.db is None:
            return
        self.staff_dialog = StaffDialog(self.db, self.window.runner, self.window)
        self.staff_dialog.changed.connect(self.reload_staff)
        self.staff_dialog.open()

    def open_handover(self) -> None:
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.staff_dialogs import HandoverDialog

        if self.db is None:
            return
        self.handover_dialog = HandoverDialog(self.db, self.window.runner, self.window)
        self.handover_dialog.handedOver.connect(self._handed_over)
        self.handover_dialog.open()

    def open_intent_levels(self, parent: Any = None) -> None:
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.intent_dialog import IntentLevelsDialog

        if self.db is None:
            return
        self.intent_dialog = IntentLevelsDialog(self.db, self.window.runner, parent or self.window)
        self.intent_dialog.saved.connect(lambda _levels: (self.reload_staff(), self.window.today.refresh()))
        self.intent_dialog.open()

    def open_register(self) -> None:
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.register_dialogs import RegisterDialog

        if self.db is None or self.window.read_only:
            return
        self.register_dialog = RegisterDialog(self.db, self.window.runner, self.active_staff, self.db.user,
                                              self.window)
        self.register_dialog.registered.connect(self._registered)
        self.register_dialog.open()

    def _registered(self, result: Any) -> None:
        if result.customer is not None and result.created:
            text = fill(self.tr("Registered; a prospect card was made for %1."), result.customer.name)
            self.window.customers.reload()
        elif result.customer is not None:
            text = fill(self.tr("Registered and linked to the card of %1."), result.customer.name)
        else:
            text = self.tr("Registered.")
        self.window.statusBar().showMessage(text, 10000)
        if self.register_list is not None and self.register_list.isVisible():
            self.register_list.reload()

    def open_review(self) -> None:
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.review_dialog import ReviewDialog

        if self.db is None:
            return
        self.review_dialog = ReviewDialog(self.db, self.window.runner, self.owners, self.window)
        self.review_dialog.open()

    def open_register_list(self) -> None:
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.register_dialogs import RegisterListDialog

        if self.db is None:
            return
        self.register_list = RegisterListDialog(self.db, self.window.runner, self.window)
        self.register_list.openCustomer.connect(self.window.open_customer)
        self.register_list.open()

    def print_briefing(self, day: Any = None, service: str | None = None) -> None:
        """The pre-shift briefing sheet (today's next service by default) to a PDF the user names."""
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.services.briefing import default_service
        from guestcard.services.briefing import print_briefing as write_briefing

        db, library = self.db, self.window.library
        if db is None or library is None:
            return
        day = day or dt.date.today()
        service = service or default_service()
        path = prompts.save_file(self.window, self.tr("Save the briefing sheet"), "PDF (*.pdf)",
                                 f"briefing-{day.isoformat()}-{service}.pdf")
        if path is None:
            return
        target = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        lang, restaurant = ui_lang(), self.window.settings.restaurant_name or ""

        def job(_cancel: Any) -> Iterator[Any]:
            yield write_briefing(db, library, target, day, service, lang=lang, restaurant=restaurant)

        def done(count: int) -> None:
            self.briefingWritten.emit(target)
            self.window.statusBar().showMessage(
                fill(self.tr("The briefing sheet of %1 guests is in %2"), count, target), 15000)

        def failed(exc: BaseException, _details: str) -> None:
            prompts.warn(self.window, self.tr("Briefing sheet"), say(exc))

        self.window.runner.start(job, on_result=done, on_error=failed)

    def _handed_over(self, result: Any) -> None:
        self.window.statusBar().showMessage(
            fill(
                self.tr("%1 guests handed over from %2 to %3."),
                len(result.customer_ids),
                result.from_owner,
                result.to_owner,
            ), 10000)
        self.window.customers.reload()
        self.reload_staff()
