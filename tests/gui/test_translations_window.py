"""The window in Chinese: the language button switches every menu, button, label, tab, column and
dialog to Chinese at once (our .qm and Qt's own), and back to English; nothing is left in English."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)
from window_helpers import open_card

from guestcard.gui.i18n import ui_lang
from guestcard.gui.main_window import MainWindow

ENGLISH = re.compile(r"[A-Za-z]{3,}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Words meant to stay as they are in the Chinese window.
KEEP = {"English", "guestcard"}


def chrome_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text of the window's own making under ``root``: menus, actions, buttons, labels, titles, tabs,
    placeholders, drop-down items and column headers (not the customers' data in the tables)."""
    texts: list[tuple[str, str]] = []
    for menu in root.findChildren(QMenu):
        texts.append(("menu", menu.title()))
        texts.extend(("action", action.text()) for action in menu.actions())
    texts.extend(("action", action.text()) for action in root.actions())
    texts.extend(("button", button.text()) for button in root.findChildren(QAbstractButton))
    texts.extend(("tooltip", button.toolTip()) for button in root.findChildren(QAbstractButton))
    texts.extend(("label", label.text()) for label in root.findChildren(QLabel))
    texts.extend(("group", group.title()) for group in root.findChildren(QGroupBox))
    for bar in root.findChildren(QTabBar):
        texts.extend(("tab", bar.tabText(i)) for i in range(bar.count()))
    texts.extend(("placeholder", edit.placeholderText()) for edit in root.findChildren(QLineEdit))
    for combo in root.findChildren(QComboBox):
        texts.extend(("item", combo.itemText(i)) for i in range(combo.count()))
    for view in [*root.findChildren(QTableView), *root.findChildren(QTreeView)]:
        model = view.model()
        if model is not None:
            texts.extend(("column", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                         for c in range(model.columnCount(QModelIndex())))
    return texts


def left_in_english(root: QWidget) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in chrome_texts(root)
            if not CHINESE.search(text) and ENGLISH.search(re.sub("|".join(KEEP), "", text))]


def left_in_chinese(root: QWidget, allowed: set[str]) -> list[tuple[str, str]]:
    # A customer's name shown as a link (the Today page's overdue accounts) is data, not chrome.
    return [(kind, text) for kind, text in chrome_texts(root)
            if CHINESE.search(re.sub(r"<a [^>]*>.*?</a>", "", text)) and text not in allowed]


def test_language_button_switches_the_window_to_chinese_and_back(window: MainWindow, qtbot: Any) -> None:
    window.show_page("customers")
    open_card(qtbot, window, 1)
    assert window.file_menu.title() == "&File"

    with qtbot.waitSignal(window.languageSwitched):
        window.language_action.trigger()
    assert ui_lang() == "zh"
    # Qt posts the LanguageChange events: the widgets retranslate once the event loop runs.
    qtbot.waitUntil(lambda: window.file_menu.title() != "&File")
    assert [window.file_menu.title(), window.customer_menu.title(), window.view_menu.title(),
            window.help_menu.title()] == ["文件(&F)", "客户(&C)", "视图(&V)", "帮助(&H)"]
    assert window.new_action.text() == "新建客户"
    assert window.language_action.text() == "English"
    assert left_in_english(window) == []
    assert window.settings.language == "zh"

    with qtbot.waitSignal(window.languageSwitched):
        window.language_action.trigger()
    assert ui_lang() == "en"
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert window.file_menu.title() == "&File"
    assert window.new_action.text() == "New customer"
    card = window.customers.card
    assert card is not None
    # Only the language button and the customer's own name stay Chinese in the English window.
    assert left_in_chinese(window, {"中文", card.title.text()}) == []


def test_dialogs_in_chinese_with_qt_own_buttons(window: MainWindow, qtbot: Any) -> None:
    window.switch_language("zh", save=False)
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    window.show_page("customers")
    open_card(qtbot, window, 1)
    window.open_settings()
    window.export()
    window.print_cards()
    window.import_sheet()
    dialogs = {"settings": window.settings_dialog, "export": window.export_dialog, "print": window.print_dialog,
               "import": window.import_wizard}
    try:
        for name, dialog in dialogs.items():
            qtbot.waitExposed(dialog)
            assert left_in_english(dialog) == [], name
        # The standard buttons come from Qt's own translation (qtbase_zh_CN.qm).
        box = window.settings_dialog.findChild(QDialogButtonBox)
        assert box is not None
        texts = {button.text() for button in box.buttons()}
        assert {"确定", "取消"} <= texts, texts
    finally:
        for dialog in dialogs.values():
            dialog.reject()
        window.switch_language("en", save=False)
