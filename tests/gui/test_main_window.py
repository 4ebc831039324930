"""The main window through its widgets: new and delete customer, the welcome page, settings, language,
shortcuts, the Today page, remembered window size, dates and money in the user's locale."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from gui_helpers import list_settled, list_total
from PySide6.QtCore import QByteArray, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from window_helpers import open_card

from guestcard.domain import Customer, Visit
from guestcard.gui.dialogs import NewCustomerDialog
from guestcard.gui.i18n import Languages, fmt_date, fmt_money, ui_lang
from guestcard.gui.main_window import MainWindow
from guestcard.services import customers as services
from guestcard.settings import Settings
from guestcard.storage import Database


def new_customer_dialog(name: str, phone: str = "", honorific: str = "") -> Any:
    def fill(dialog: NewCustomerDialog) -> bool:
        dialog.name.setText(name)
        dialog.phone.setText(phone)
        dialog.honorific.setText(honorific)
        dialog.accept()
        return dialog.result() == NewCustomerDialog.DialogCode.Accepted

    return fill


def close_dialog(dialog: Any) -> None:
    """Cancel a dialog and delete it (no timer of it may fire after the test)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    dialog.reject()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def count(db: Database) -> int:
    return services.count_customers(db)


# -- new and delete ---------------------------------------------------------------------------------


def test_ctrl_n_makes_a_new_customer_and_opens_the_card(qtbot: Any, window: MainWindow, answer: Any) -> None:
    before = count(window.db)
    answer("run_dialog", new_customer_dialog("周杰", "139 8765 4321", "周先生"))
    # Checked and written on the runner, then the new card is read there too.
    with qtbot.waitSignals([window.customerCreated, window.customers.card.loaded], timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert count(window.db) == before + 1
    card = window.customers.card
    assert window.current_page() == "customers"
    assert card is not None and card.customer is not None and card.customer.name == "周杰"
    assert services.get_customer(window.db, card.customer.id).phone == "13987654321"
    # Its row is selected once the list has read up to it (on its runner).
    qtbot.waitUntil(lambda: window.customers.view.currentIndex().isValid(), timeout=10_000)
    current = window.customers.view.currentIndex()
    assert window.customers.proxy.customer_at(current.row()).id == card.customer.id


def test_the_new_customer_dialog_checks_what_was_typed(qtbot: Any, window: MainWindow) -> None:
    dialog = NewCustomerDialog(parent=window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != NewCustomerDialog.DialogCode.Accepted and "name" in dialog.error.text()
    dialog.name.setText("周杰")
    dialog.phone.setText("12")
    dialog.accept()
    assert dialog.result() != NewCustomerDialog.DialogCode.Accepted and not dialog.error.isHidden()
    dialog.phone.setText("13987654321")
    dialog.accept()
    assert dialog.result() == NewCustomerDialog.DialogCode.Accepted


def test_the_same_phone_offers_the_existing_card(qtbot: Any, window: MainWindow, answer: Any) -> None:
    existing = services.create_customer(window.db, Customer(name="王建国", honorific="王总", phone="13912345678"))
    before = count(window.db)
    answer("run_dialog", new_customer_dialog("王建国", "139-1234-5678"))
    answer("choose", 0)  # open the existing card
    with qtbot.waitSignal(window.customers.card.loaded, timeout=10_000,
                          check_params_cb=lambda shown: shown == existing.id):
        window.new_action.trigger()
    (question,) = [args for name, args in answer.asked if name == "choose"]
    assert "王建国（王总）" in question[2] and "139 1234 5678" in question[2]
    assert count(window.db) == before
    assert window.customers.card.customer.id == existing.id

    answer("choose", None)  # closed the question: nothing made
    window.new_action.trigger()
    qtbot.waitUntil(lambda: len(answer.asked) == 4 and not window.runner.busy, timeout=10_000)
    assert count(window.db) == before

    answer("choose", 1)  # a different guest after all
    with qtbot.waitSignals([window.customerCreated, window.customers.card.loaded], timeout=10_000):
        window.new_action.trigger()
    assert count(window.db) == before + 1
    assert window.customers.card.customer.id != existing.id


def test_delete_asks_and_removes_everything(qtbot: Any, window: MainWindow, answer: Any) -> None:
    created = services.create_customer(window.db, Customer(name="删除我", phone="13700000001"))
    services.add_visit(window.db, Visit(customer_id=created.id, at=dt.datetime(2026, 1, 1, 12), spend=Decimal(10)))
    window.customers.reload()
    open_card(qtbot, window, created.id)
    card = window.customers.card
    answer("confirm", False)
    qtbot.mouseClick(card.buttons[-1], Qt.MouseButton.LeftButton)  # Delete customer…
    assert services.get_customer(window.db, created.id).name == "删除我"
    (question,) = [args for name, args in answer.asked if name == "confirm"]
    assert "删除我" in question[2]

    answer("confirm", True)
    with qtbot.waitSignal(window.customers.customersChanged):
        window.delete_action.trigger()
    assert services.list_customers(window.db, limit=10_000) and created.id not in {
        c.id for c in services.list_customers(window.db, limit=10_000)}
    list_settled(qtbot, window.customers.model)  # the list reads itself again on the change
    assert card.customer is None and window.customers.model.row_of(created.id) is None
    assert not window.delete_action.isEnabled()


# -- welcome page -------------------------------------------------------------------------------------


def test_an_empty_file_shows_the_welcome_page_and_demo_data_fills_it(qtbot: Any, new_window: Any,
                                                                     sqlite_db: Database, answer: Any) -> None:
    window = new_window(sqlite_db)
    assert window.current_page() == "welcome"
    welcome = window.welcome
    texts = [b.text() for b in welcome.findChildren(QPushButton)]
    assert texts == ["Import an Excel sheet…", "New customer", "Try it with demo data"]

    answer("confirm", False)
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    assert count(sqlite_db) == 0 and window.current_page() == "welcome"

    answer("confirm", True)
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    assert not welcome.isEnabled()  # written off the GUI thread; the page waits
    qtbot.waitUntil(lambda: window.current_page() == "today", timeout=20_000)
    assert count(sqlite_db) == 200 and welcome.isEnabled()
    qtbot.waitUntil(lambda: window.today.occasion_model.rowCount() > 0)  # the demo has birthdays this week
    assert list_total(qtbot, window.customers.model) == 200


def test_the_welcome_page_starts_a_new_customer(qtbot: Any, new_window: Any, sqlite_db: Database,
                                                answer: Any) -> None:
    window = new_window(sqlite_db)
    answer("run_dialog", new_customer_dialog("第一位客人"))
    with qtbot.waitSignals([window.customerCreated, window.customers.card.loaded], timeout=10_000):
        qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    assert count(sqlite_db) == 1 and window.current_page() == "customers"
    assert window.customers.card.customer.name == "第一位客人"


def test_the_welcome_page_opens_the_import_wizard(qtbot: Any, new_window: Any, sqlite_db: Database) -> None:
    window = new_window(sqlite_db)
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert window.import_wizard is not None and window.import_wizard.isVisible()
    close_dialog(window.import_wizard)


# -- shortcuts ----------------------------------------------------------------------------------------


def test_ctrl_f_goes_to_the_search_box(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    assert window.current_page() == "today"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "customers"
    qtbot.waitUntil(lambda: window.customers.search.hasFocus())


def test_ctrl_p_and_ctrl_i_open_print_and_import(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.print_dialog is not None and window.print_dialog.isVisible()
    close_dialog(window.print_dialog)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.import_wizard is not None and window.import_wizard.isVisible()
    close_dialog(window.import_wizard)


def test_the_shortcuts_are_the_documented_ones(window: MainWindow) -> None:
    def keys(action: Any) -> set[str]:
        return {s.toString() for s in action.shortcuts()}

    assert "Ctrl+F" in keys(window.find_action)
    assert "Ctrl+N" in keys(window.new_action)
    assert "Ctrl+S" in keys(window.save_action)
    assert "Ctrl+P" in keys(window.print_action)
    assert "Ctrl+I" in keys(window.import_action)


def test_ctrl_s_is_enabled_only_with_changes(qtbot: Any, window: MainWindow) -> None:
    from gui_helpers import replace_text

    from guestcard.gui.card_editor import line_edit_of

    first = window.customers.model.customer_at(0)
    open_card(qtbot, window, first.id)
    assert not window.save_action.isEnabled()
    card = window.customers.card
    edit = line_edit_of(card.editor("company"))
    replace_text(qtbot, edit, "新公司")
    assert window.save_action.isEnabled()
    with qtbot.waitSignal(card.saveEnded, timeout=10_000, check_params_cb=lambda written: written):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert services.get_customer(window.db, first.id).company == "新公司"
    assert not window.save_action.isEnabled()


# -- the Today page -----------------------------------------------------------------------------------


def test_today_lists_reservations_birthdays_and_follow_ups(qtbot: Any, window: MainWindow) -> None:
    today = window.today
    if today.board is None:
        qtbot.waitSignal(today.refreshed, timeout=10_000).wait()
    assert window.current_page() == "today"
    # The demo books 12 guests over today, tomorrow and the day after.
    assert today.today_model.rowCount() + today.tomorrow_model.rowCount() > 0
    assert today.occasion_model.rowCount() > 0
    assert today.boxes[0].title() == f"Today — {today.today_model.rowCount()} reservations"
    assert today.print_tomorrow.isEnabled() == (today.tomorrow_model.rowCount() > 0)
    assert str(today.tomorrow_model.rowCount()) in today.print_tomorrow.text() or not today.board.reservations_tomorrow


def test_a_double_click_on_today_opens_the_card(qtbot: Any, window: MainWindow) -> None:
    today = window.today
    if today.board is None:
        qtbot.waitSignal(today.refreshed, timeout=10_000).wait()
    view = today.views[2]  # birthdays
    index = today.occasion_model.index(0, 1)
    expected = today.occasion_model.record(0).customer.id
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.customers.card.loaded, timeout=10_000,
                          check_params_cb=lambda shown: shown == expected):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() == "customers"
    assert window.customers.card.customer.id == expected


def test_print_tomorrow_opens_the_print_dialog_for_that_day(qtbot: Any, window: MainWindow) -> None:
    created = services.create_customer(window.db, Customer(name="明天来"))
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    services.add_visit(window.db, Visit(customer_id=created.id, at=dt.datetime.combine(tomorrow, dt.time(18)),
                                        party_size=4))
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        window.today.refresh()
    assert window.today.print_tomorrow.isEnabled()
    qtbot.mouseClick(window.today.print_tomorrow, Qt.MouseButton.LeftButton)
    assert window.print_dialog is not None and window.print_dialog.isVisible()
    close_dialog(window.print_dialog)


# -- settings and language ----------------------------------------------------------------------------


def test_settings_dialog_saves_the_restaurant_name(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.restaurant.setText("  牡丹大酒店 ")
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("A6"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["restaurant_name"] == "牡丹大酒店"
    assert saved["default_page_size"] == "A6"
    assert window.settings.restaurant_name == "牡丹大酒店"
    assert window.windowTitle().startswith("牡丹大酒店")
    assert window.today.heading.text() == "牡丹大酒店"


def test_settings_dialog_sets_the_class_thresholds(qtbot: Any, window: MainWindow, tmp_path: Path,
                                                  answer: Any) -> None:
    window.open_settings()
    dialog = window.settings_dialog
    assert (dialog.class_a.value(), dialog.class_b.value()) == (50_000, 10_000)
    dialog.class_a.setValue(8_000)  # below B: refused, the dialog stays
    answer("warn", None)
    dialog.accept()
    assert answer.asked and answer.asked[-1][0] == "warn" and dialog.isVisible()
    dialog.class_a.setValue(80_000)
    dialog.class_b.setValue(20_000)
    dialog.accept()
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert (saved["class_a_from"], saved["class_b_from"]) == ("80000", "20000")
    assert window.dashboard.settings is not None and window.dashboard.settings.class_a_from == "80000"


def test_settings_cancel_changes_nothing(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    window.open_settings()
    window.settings_dialog.restaurant.setText("不要")
    window.settings_dialog.reject()
    assert window.settings.restaurant_name != "不要"
    assert not (tmp_path / "settings.json").exists()


def shown_texts(root: QWidget) -> list[str]:
    """Every text a user can see or hover on under ``root``: labels, buttons, titles, tabs, list
    items, placeholders, tooltips, table headers."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLineEdit, QTableView, QTabWidget

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            columns = model.columnCount()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    return [t for t in texts if t]


def english_words(text: str) -> list[str]:
    """The English words of a text that has no Chinese at all (``Ctrl+F``, ``OTA`` in Chinese are fine)."""
    if any("\u4e00" <= c <= "\u9fff" for c in text):
        return []
    cleaned = "".join(c if c.isalpha() and c.isascii() else " " for c in text)
    return [w for w in cleaned.split() if len(w) > 2]


def test_switching_to_chinese_retranslates_without_a_restart(qtbot: Any, window: MainWindow, tmp_path: Path,
                                                             languages: Languages) -> None:
    from gui_helpers import replace_text

    from guestcard.gui.card_editor import line_edit_of

    first = window.customers.model.customer_at(0)
    open_card(qtbot, window, first.id)
    card = window.customers.card
    replace_text(qtbot, line_edit_of(card.editor("company")), "未保存的修改")
    assert window.file_menu.title() == "&File" or "File" in window.file_menu.title()

    window.open_settings()
    dialog = window.settings_dialog
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    dialog.accept()
    assert ui_lang() == "zh"
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))["language"] == "zh"
    # Qt's own texts, ours (from the .qm) and the forms' labels (from the TOML) all switched.
    assert "File" not in window.file_menu.title()
    assert card.tabs.tabText(0) == window.library.forms[card.form_ids()[0]].title.zh
    assert card.save_action.text() != "Save"
    assert window.customers.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    assert window.customers.columns_button.text() != "Columns"
    # The unsaved edit survived the switch.
    assert card.is_dirty() and line_edit_of(card.editor("company")).text() == "未保存的修改"

    window.toggle_language()  # and back (the toolbar's language button)
    assert ui_lang() == "en" and card.save_action.text() == "Save"
    assert window.customers.model.headerData(0, Qt.Orientation.Horizontal) == "Name"


class PseudoTranslator(QTranslator):
    """Wraps every translated text in ⟦ ⟧: a text shown without them never went through tr()."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return f"⟦{source}⟧"

    def isEmpty(self) -> bool:
        return False


def test_every_text_of_the_window_goes_through_tr(qtbot: Any, window: MainWindow, languages: Languages) -> None:
    """With a translator that marks every text it is asked for, no English is left unmarked on the
    window, its menus and its dialogs (whatever the Chinese .ts holds today)."""
    first = window.customers.model.customer_at(0)
    open_card(qtbot, window, first.id)
    if window.today.board is None:
        qtbot.waitSignal(window.today.refreshed, timeout=10_000).wait()
    window.switch_language("zh", save=False)  # the forms' labels (from the TOML) in Chinese
    pseudo = PseudoTranslator()
    app = QApplication.instance()
    app.installTranslator(pseudo)
    try:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        window.customers.search.setText("no-such-guest")
        window.customers.apply_filter()
        qtbot.waitUntil(lambda: "⟦" in window.customers.count_label.text(), timeout=10_000)  # read, counted
        assert window.customers.columns_button.text() == "⟦Columns⟧"  # the marking translator is at work

        def unmarked(texts: list[str]) -> list[str]:
            allowed = {"English", "Ctrl+F"}
            return [t for t in texts if english_words(t.replace("⟦", "").replace("⟧", "")) and "⟦" not in t
                    and t not in allowed]

        # The pages of this part of the window (the dashboard and the safety dialogs have their own tests).
        english = unmarked([t for page in (window.today, window.customers, window.welcome, window.loading)
                            for t in shown_texts(page)])
        english += unmarked([m.title() for m in (window.file_menu, window.customer_menu, window.view_menu,
                                                 window.help_menu)])
        actions = [window.show_today_action, window.show_customers_action, window.find_action, window.new_action,
                   window.save_action, window.revert_action, window.delete_action, window.import_action,
                   window.export_action, window.print_action, window.settings_action, window.open_db_action,
                   window.demo_action, window.quit_action, window.language_action, window.about_action,
                   *window.customers.card.actions(), *window.customers.columns_menu.actions()]
        english += unmarked([text for action in actions for text in (action.text(), action.toolTip())])
        from guestcard.gui.dialogs import ConflictDialog, ContactDialog, RelationDialog, VisitDialog
        from guestcard.gui.settings_dialog import SettingsDialog

        for dialog in (SettingsDialog(window.settings, window.library, window), NewCustomerDialog(parent=window),
                       VisitDialog(first.id, None, window), ContactDialog(first.id, None, window),
                       RelationDialog(window.db, first.id, window), ConflictDialog([("姓名", "a", "b")], window)):
            english += [f"{type(dialog).__name__}: {t}" for t in unmarked([dialog.windowTitle(), *shown_texts(dialog)])]
            dialog.deleteLater()
        assert english == [], "\n".join(english)
    finally:
        app.removeTranslator(pseudo)


def test_the_chinese_window_speaks_chinese(window: MainWindow, languages: Languages) -> None:
    """The shipped translation is loaded: the menus, the pages' buttons and the list's columns."""
    window.switch_language("zh", save=False)
    assert window.file_menu.title() == "文件(&F)"
    assert window.customers.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    assert all(not english_words(b.text()) for b in window.welcome.findChildren(QPushButton))


def test_dates_and_money_follow_the_language(languages: Languages) -> None:
    languages.apply("zh")
    assert fmt_money(Decimal("3680")) == "¥3,680"
    assert "年" in fmt_date(dt.date(2026, 3, 2), long=True)
    languages.apply("en")
    assert fmt_money(Decimal("3680.5")) == QLocale().toCurrencyString(3680.5, "¥", 2)
    assert "March" in fmt_date(dt.date(2026, 3, 2), long=True)


# -- window state -------------------------------------------------------------------------------------


def test_window_size_is_remembered(qtbot: Any, demo_db: Database, languages: Languages, qsettings: Any,
                                   tmp_path: Path) -> None:
    window = MainWindow(Settings(language="en"), languages=languages, qsettings=qsettings,
                        settings_file=tmp_path / "settings.json")
    qtbot.addWidget(window)
    window.show()
    window.resize(761, 555)
    window.today.splitter.setSizes([300, 150])
    today_sizes = window.today.splitter.sizes()
    window.close()
    assert isinstance(qsettings.value("window/geometry"), QByteArray)
    again = MainWindow(Settings(language="en"), languages=languages, qsettings=qsettings,
                       settings_file=tmp_path / "settings.json")
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (761, 555)
    again.show()
    assert again.today.splitter.sizes() == today_sizes


def test_the_window_and_its_dialogs_have_the_icon(window: MainWindow) -> None:
    assert not window.windowIcon().isNull()
    assert not QApplication.windowIcon().isNull() or not window.windowIcon().isNull()


def test_settings_choose_the_database_and_backup_folder(qtbot: Any, window: MainWindow, tmp_path: Path,
                                                        answer: Any) -> None:
    window.open_settings()
    dialog = window.settings_dialog
    form_ids = [dialog.form.itemData(i) for i in range(dialog.form.count())]
    assert set(form_ids) == set(window.library.forms)
    answer("save_file", tmp_path / "elsewhere.sqlite3")
    qtbot.mouseClick(dialog.database_button, Qt.MouseButton.LeftButton)
    answer("choose_folder", tmp_path / "usb")
    qtbot.mouseClick(dialog.backups_button, Qt.MouseButton.LeftButton)
    assert dialog.database.text() == str(tmp_path / "elsewhere.sqlite3")
    answer("confirm", False)  # do not open the other file now
    dialog.accept()
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["database_path"] == str(tmp_path / "elsewhere.sqlite3")
    assert saved["backup_folder"] == str(tmp_path / "usb")
    assert [name for name, _ in answer.asked][-1] == "confirm"
    assert window.db is not None  # still the same file open


def test_the_live_customer_list_passes_the_model_tester(qtbot: Any, qtmodeltester: Any, window: MainWindow) -> None:
    from guestcard.gui.models import CustomerTableModel

    page = window.customers
    window.show_page("customers")
    page.search.setText("总")
    page.apply_filter()
    qtmodeltester.check(page.proxy, force_py=True)
    page.class_filter.setCurrentIndex(page.class_filter.findData("A"))  # a reset under the tester's eyes
    page.view.scrollToBottom()  # rows fetched under its eyes
    page.search.clear()
    # Last, one that outlives the window (the tester disconnects from the last one after the test).
    qtmodeltester.check(CustomerTableModel(None), force_py=True)
