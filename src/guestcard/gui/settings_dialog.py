"""The Settings dialog: restaurant name, language, default form and page size, where the database
and the backups live. It edits a copy; the main window saves and applies ``result_settings()``."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.festival_dialog import FestivalClassesDialog
from guestcard.gui.greetings_dialog import GreetingsDialog
from guestcard.gui.i18n import ui_lang
from guestcard.settings import PAGE_SIZES, Settings

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, library: FormLibrary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.library = library
        self.restaurant = QLineEdit(settings.restaurant_name, self)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.form = QComboBox(self)
        self.page_size = QComboBox(self)
        self.database = QLineEdit(settings.database_path, self)
        self.database_button = QPushButton(self)
        self.database_button.clicked.connect(self._choose_database)
        self.backups = QLineEdit(settings.backup_folder, self)
        self.backups_button = QPushButton(self)
        self.backups_button.clicked.connect(self._choose_backups)
        # Class suggestions (Dashboard, insights): yuan spent in the last 12 months.
        self.class_a = QSpinBox(self)
        self.class_b = QSpinBox(self)
        for box, value in ((self.class_a, settings.class_a_from), (self.class_b, settings.class_b_from)):
            box.setRange(0, 100_000_000)
            box.setSingleStep(1000)
            box.setGroupSeparatorShown(True)
            box.setPrefix("¥")
            try:
                box.setValue(int(float(value)))
            except ValueError:
                box.setValue(0)
        # Festival greetings: which classes the agenda lists at each festival (a dialog of its own).
        self.festival_classes = dict(settings.festival_classes)
        self.festivals_button = QPushButton(self)
        self.festivals_button.setObjectName("festivals_button")
        self.festivals_button.clicked.connect(self._choose_festival_classes)
        # Greetings: who signs them, and the texts (a dialog of their own, saved to the forms folder).
        self.manager = QLineEdit(settings.manager_name, self)
        self.greetings_button = QPushButton(self)
        self.greetings_button.clicked.connect(self._edit_greetings)
        self.labels = [QLabel(self) for _ in range(10)]
        database_row = QHBoxLayout()
        database_row.addWidget(self.database, 1)
        database_row.addWidget(self.database_button)
        backups_row = QHBoxLayout()
        backups_row.addWidget(self.backups, 1)
        backups_row.addWidget(self.backups_button)
        form = QFormLayout()
        form.addRow(self.labels[0], self.restaurant)
        form.addRow(self.labels[1], self.language)
        form.addRow(self.labels[2], self.form)
        form.addRow(self.labels[3], self.page_size)
        form.addRow(self.labels[4], database_row)
        form.addRow(self.labels[5], backups_row)
        form.addRow(self.labels[6], self.class_a)
        form.addRow(self.labels[7], self.class_b)
        form.addRow(self.labels[8], self.festivals_button)
        form.addRow(self.labels[9], self.manager)
        form.addRow("", self.greetings_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # The intent levels live in the database (shared on a server): their own dialog, on the runner.
        self.intent_button = QPushButton(self)
        self.intent_button.clicked.connect(self._intent_levels)
        self.intent_button.setEnabled(getattr(parent, "staff", None) is not None and getattr(parent, "db", None)
                                      is not None)
        form.addRow("", self.intent_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(620, self.sizeHint().height())

    def _intent_levels(self) -> None:
        staff = getattr(self.parent(), "staff", None)
        if staff is not None:
            staff.open_intent_levels(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for label, text in zip(
            self.labels,
            (self.tr("Restaurant name"), self.tr("Language"), self.tr("Default card"), self.tr("Default page size"),
             self.tr("Database file"), self.tr("Backup folder"), self.tr("Class A from (12 months' spending)"),
             self.tr("Class B from (12 months' spending)"), self.tr("Festival greetings"),
             self.tr("Greetings signed by")),
            strict=True,
        ):
            label.setText(text)
        self.restaurant.setPlaceholderText(self.tr("Printed at the top of every card"))
        self.database.setPlaceholderText(self.tr("Default: guestcard.sqlite3 in your user data folder"))
        self.backups.setPlaceholderText(self.tr("Default: backups in your user data folder (a USB stick is safer)"))
        self.database_button.setText(self.tr("Choose…"))
        self.intent_button.setText(self.tr("Intent levels and follow-up rules…"))
        self.backups_button.setText(self.tr("Choose…"))
        self.festivals_button.setText(self.tr("Classes greeted at each festival…"))
        self.greetings_button.setText(self.tr("Greeting texts…"))
        self.manager.setPlaceholderText(self.tr("When a guest has no account manager: {经理} in the greetings"))
        lang = ui_lang()
        current_form = self.form.currentData() or self.settings.default_form
        self.form.clear()
        if self.library is not None:
            for form in self.library.forms.values():
                self.form.addItem(form.title.text(lang), form.id)
        if self.form.findData(current_form) < 0:
            self.form.addItem(current_form, current_form)
        self.form.setCurrentIndex(self.form.findData(current_form))
        current_size = self.page_size.currentData() or self.settings.default_page_size
        self.page_size.clear()
        for size in PAGE_SIZES:
            self.page_size.addItem(page_size_label(size), size)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(current_size)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _choose_database(self) -> None:
        path = prompts.save_file(self, self.tr("Where the guest file lives"),
                                 self.tr("guestcard database (*.sqlite3)"), self.database.text())
        if path is not None:
            self.database.setText(str(path))

    def _choose_backups(self) -> None:
        path = prompts.choose_folder(self, self.tr("Backup folder"), self.backups.text())
        if path is not None:
            self.backups.setText(str(path))

    def _choose_festival_classes(self) -> None:
        self.festival_dialog = FestivalClassesDialog(self.festival_classes, self)
        self.festival_dialog.accepted.connect(
            lambda: setattr(self, "festival_classes", self.festival_dialog.result_classes()))
        self.festival_dialog.open()

    def _edit_greetings(self) -> None:
        self.greetings_dialog = GreetingsDialog(parent=self)
        self.greetings_dialog.open()

    def accept(self) -> None:
        if self.class_a.value() <= self.class_b.value():
            prompts.warn(self, self.tr("Settings"),
                         self.tr("Class A must start above class B: a class A guest spends more."))
            return
        super().accept()

    def result_settings(self) -> Settings:
        return replace(
            self.settings,
            restaurant_name=self.restaurant.text().strip(),
            language=str(self.language.currentData()),
            default_form=str(self.form.currentData() or self.settings.default_form),
            default_page_size=str(self.page_size.currentData() or self.settings.default_page_size),
            database_path=self.database.text().strip(),
            backup_folder=self.backups.text().strip(),
            class_a_from=str(self.class_a.value()),
            class_b_from=str(self.class_b.value()),
            festival_classes=dict(self.festival_classes),
            manager_name=self.manager.text().strip(),
        )


def page_size_label(size: str) -> str:
    labels = {
        "A4": QCoreApplication.translate("pages", "A4 (one card per page)"),
        "A5": QCoreApplication.translate("pages", "A5"),
        "A6": QCoreApplication.translate("pages", "A6 (pocket card)"),
        "A4-2up": QCoreApplication.translate("pages", "Two A5 cards on A4"),
        "A4-4up": QCoreApplication.translate("pages", "Four A6 cards on A4"),
    }
    return labels.get(size, size)
