"""The first page of an empty database: import a sheet, make a card, or try the demo data."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from guestcard.gui.i18n import app_icon


class WelcomePage(QWidget):
    importRequested = Signal()
    newRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel(self)
        self.icon.setPixmap(app_icon().pixmap(QSize(96, 96)))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton(self)
        self.new_button = QPushButton(self)
        self.demo_button = QPushButton(self)
        self.import_button.setObjectName("welcomeImport")
        self.new_button.setObjectName("welcomeNew")
        self.demo_button.setObjectName("welcomeDemo")
        for button in (self.import_button, self.new_button, self.demo_button):
            button.setMinimumSize(360, 52)
            big = QFont(button.font())
            big.setPointSizeF(big.pointSizeF() * 1.25)
            button.setFont(big)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.importRequested)
        self.new_button.clicked.connect(self.newRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(24)
        for button in (self.import_button, self.new_button, self.demo_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addSpacing(6)
        layout.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to guestcard"))
        self.text.setText(
            self.tr("Your guest file is empty. Bring in the Excel sheet you keep your guests in, "
                    "start a first card by hand, or look around with made-up guests.")
        )
        self.import_button.setText(self.tr("Import an Excel sheet…"))
        self.new_button.setText(self.tr("New customer"))
        self.demo_button.setText(self.tr("Try it with demo data"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
