"""Settings ▸ Greeting texts…: each occasion's greeting in Chinese and English, edited and saved to
the user's greetings file (``guestcard.forms.greetings``); a text naming an unknown placeholder
is refused when saved, naming it, and nothing is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guestcard.forms.greetings import Template, TemplateError, save_template
from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.messages import say
from guestcard.paths import user_forms_dir
from guestcard.services.greetings import templates

OCCASION_NAMES = {
    "birthday": ("生日", "Birthday"), "lunar_birthday": ("农历生日", "Lunar birthday"),
    "anniversary": ("纪念日", "Anniversary"), "festival": ("节日（通用）", "Festival (any)"),
    "miss_you": ("想念问候（久未光顾的常客）", "We miss you (regulars who stopped coming)"),
    "thank_you": ("宴后致谢", "Thank-you after a banquet"),
}


class GreetingsDialog(QDialog):
    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:

        super().__init__(parent)
        self.folder = folder or (user_forms_dir() / "greetings")
        self.templates = templates()
        self.occasion = QComboBox(self)
        self.zh = QPlainTextEdit(self)
        self.en = QPlainTextEdit(self)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.captions = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.captions[0], self.occasion)
        form.addRow(self.captions[1], self.zh)
        form.addRow(self.captions[2], self.en)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.help)
        layout.addWidget(self.buttons)
        self._shown: str | None = None
        self.retranslate()
        self.occasion.currentIndexChanged.connect(self._show)
        self._show()
        self.resize(640, 460)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Greeting texts"))
        for caption, text in zip(self.captions, (self.tr("Occasion"), self.tr("Chinese"), self.tr("English")),
                                 strict=True):
            caption.setText(text)
        self.help.setText(self.tr(
            "Placeholders: {称呼} how the guest is addressed, {姓名} {姓} {年龄} {菜} favourite dish, {酒水}, "
            "{包间} preferred room, {节日}, {经理} account manager, {酒店} restaurant (or their English names: "
            "{salutation} {dish}…). A part in [square brackets] is left out when a placeholder in it is empty."))
        current = self.occasion.currentData()
        self.occasion.blockSignals(True)
        self.occasion.clear()
        lang = ui_lang()
        for key in sorted(self.templates, key=lambda k: (k.startswith("festival."), k)):
            names = OCCASION_NAMES.get(key)
            label = (names[1] if lang == "en" else names[0]) if names else key
            self.occasion.addItem(label, key)
        if current is not None:
            self.occasion.setCurrentIndex(max(0, self.occasion.findData(current)))
        self.occasion.blockSignals(False)

    def _show(self) -> None:
        key = self.occasion.currentData()
        template = self.templates.get(key)
        self._shown = key
        self.zh.setPlainText(template.zh if template else "")
        self.en.setPlainText(template.en if template else "")

    def save(self) -> bool:
        """Save the shown occasion's texts; False (and a warning naming the problem) when refused."""
        key = self._shown
        if key is None:
            return False
        zh, en = self.zh.toPlainText().strip(), self.en.toPlainText().strip()
        old = self.templates.get(key)
        try:
            for lang, text in (("zh", zh), ("en", en)):
                if old is None or text != old.text(lang):
                    save_template(self.folder, key, lang, text)
        except TemplateError as exc:
            prompts.warn(self, self.tr("Greeting texts"), fill(self.tr("Not saved: %1"), say(exc)))
            return False
        self.templates[key] = Template(key, zh, en)
        return True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
