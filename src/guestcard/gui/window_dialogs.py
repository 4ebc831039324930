"""The window's dialogs: import (the wizard), export, print cards and labels, settings (a moved
guest file is opened once the card may go), the language switch, about.

Taken in by ``main_window.MainWindow``; each dialog is opened window-modal with ``open()`` and kept
as an attribute, so tests drive it without a blocking ``exec()``."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal

from guestcard.gui import prompts
from guestcard.gui.i18n import Languages, fill, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.operations import EVERYTHING, Operations

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.gui.customers_page import CustomersPage
    from guestcard.gui.dashboard import DashboardPage
    from guestcard.gui.today_page import TodayPage
    from guestcard.gui.worker import TaskRunner
    from guestcard.settings import Settings
    from guestcard.storage import Database


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's one context


class WindowDialogs:
    """The File, Tools and Help menus' dialogs of ``MainWindow``."""

    db: Database | None
    library: FormLibrary | None
    settings: Settings
    settings_file: Path | None
    languages: Languages | None
    runner: TaskRunner
    operations: Operations
    customers: CustomersPage
    today: TodayPage
    _dashboard: DashboardPage | None
    languageSwitched: Signal
    show_page: Callable[[str], None]
    current_page: Callable[[], str]
    open_database: Callable[..., None]
    close_database: Callable[[], None]
    _update_title: Callable[[], None]
    _card_may_go: Callable[..., bool]

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
            prompts.warn(self, _tr("Settings"), say(exc))
        self.today.set_settings(new)
        if self._dashboard is not None:
            self._dashboard.set_settings(new)
        if new.language != old.language:
            self.switch_language(new.language, save=False)
        self._update_title()
        moved = new.database_file() != old.database_file() and self.db is not None
        if moved and prompts.confirm(
            self, _tr("Database"),
            fill(_tr("Open the guest file at %1 now?"), str(new.database_file())),
            ok_text=_tr("Open it"),
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

        prompts.inform(self, _tr("About guestcard"),
                       fill(_tr("guestcard %1\nGuest history cards for hotel restaurants."), __version__))
