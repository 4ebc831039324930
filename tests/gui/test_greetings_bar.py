"""The Today page's greetings (issue 17): copy one or all of today's to the clipboard; each copied
greeting is logged on its card so it is not offered again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from guestcard.domain import Customer
from guestcard.domain.values import parse_partial_date
from guestcard.gui.main_window import MainWindow
from guestcard.services import customers as services
from guestcard.storage import history


def _contacts(window: MainWindow, customer_id: int) -> list[Any]:
    with window.db.session() as session:
        return history.contacts_of(session, customer_id)


def _fresh_board(qtbot: Any, window: MainWindow) -> None:
    bar = window.today.greetings_bar
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        window.today.refresh()
    qtbot.waitUntil(lambda: bar._task is None or not bar._task.running, timeout=10_000)


def test_copy_the_chosen_birthday_greeting_and_then_all_of_today(qtbot: Any, window: MainWindow) -> None:
    today = dt.date.today()
    wang = services.create_customer(window.db, Customer(name="王建国", honorific="王总",
                                                        birthday=parse_partial_date(f"--{today:%m-%d}")))
    _fresh_board(qtbot, window)
    page, bar = window.today, window.today.greetings_bar
    waiting = len(bar.for_today())
    assert waiting >= 1 and bar.copy_all.text() == f"Copy all for today ({waiting})"
    row = next(i for i in range(page.occasion_model.rowCount()) if page.occasion_model.record(i).customer.id == wang.id)
    view = page.views[2]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(page.occasion_model.index(row, 1))
                     .center())
    with qtbot.waitSignal(bar.greeted, timeout=10_000) as logged:
        qtbot.mouseClick(bar.copy_one, Qt.MouseButton.LeftButton)
    assert logged.args == [1]
    assert QGuiApplication.clipboard().text().startswith("Dear 王总, happy birthday")  # the window speaks English
    (contact,) = _contacts(window, wang.id)
    assert contact.channel == "微信" and contact.key_points.startswith(f"已发祝福：生日（{today:%Y-%m-%d}）")

    _fresh_board(qtbot, window)
    assert wang.id not in {g.customer.id for g in bar.for_today()}  # not offered again
    expected = [g.text for g in bar.for_today()]
    if expected:
        with qtbot.waitSignal(bar.greeted, timeout=10_000) as logged:
            qtbot.mouseClick(bar.copy_all, Qt.MouseButton.LeftButton)
        assert logged.args == [len(expected)]
        assert all(text in QGuiApplication.clipboard().text() for text in expected)
        _fresh_board(qtbot, window)
    assert not bar.copy_all.isEnabled() and bar.for_today() == []


def test_the_labels_dialog_previews_and_saves_the_sheet(qtbot: Any, window: MainWindow, answer: Any,
                                                        tmp_path: Any) -> None:
    from pypdf import PdfReader

    window.labels_action.trigger()
    dialog = window.labels_dialog
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.made, timeout=20_000) as made:
        dialog.show()
    first = made.args[0]
    assert first.labels > 0 and "labels" in dialog.summary.text()
    assert not dialog.preview_label.pixmap().isNull()
    everyone = dialog.who.findData("all")
    with qtbot.waitSignal(dialog.made, timeout=20_000) as made:
        dialog.sheet.setCurrentIndex(dialog.sheet.findData("A4-2x7"))
    assert made.args[0].labels == first.labels
    with qtbot.waitSignal(dialog.made, timeout=20_000):
        dialog.who.setCurrentIndex(everyone)
    target = tmp_path / "saved labels.pdf"
    answer("save_file", target)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    pages = PdfReader(target).pages
    assert len(pages) == -(-dialog.report.labels // 14)  # 2 × 7 a page
    dialog.reject()


def test_the_labels_dialog_words_a_refusal_in_the_window_language(qtbot: Any, window: MainWindow,
                                                                  languages: Any) -> None:
    from guestcard.gui.labels_dialog import LabelsDialog
    from guestcard.storage import CustomerFilter

    services.create_customer(window.db, Customer(name="无地址客人", customer_class="B", address=None))
    languages.apply("zh")
    dialog = LabelsDialog(window.db, window.runner, window.settings, list_filter=CustomerFilter(query="无地址客人"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog._task is not None and not dialog._task.running, timeout=20_000)
    qtbot.waitUntil(lambda: dialog.summary.text() == "所选客户都没有地址", timeout=5_000)
    assert not dialog.save_button.isEnabled()
    dialog.reject()


def test_greeting_texts_are_edited_in_the_settings_and_a_bad_one_refused(qtbot: Any, answer: Any,
                                                                         tmp_path: Any) -> None:
    from guestcard.gui.greetings_dialog import GreetingsDialog
    from guestcard.services.greetings import templates

    folder = tmp_path / "greetings"
    dialog = GreetingsDialog(folder)
    qtbot.addWidget(dialog)
    dialog.occasion.setCurrentIndex(dialog.occasion.findData("birthday"))
    dialog.zh.setPlainText("{称呼}，生日快乐！[{菜}已备好。]")
    assert dialog.save()
    assert "{称呼}，生日快乐！" in (folder / "greetings.toml").read_text(encoding="utf-8")
    before = (folder / "greetings.toml").read_bytes()
    dialog.en.setPlainText("Happy birthday, {salutation}! Your {horoscope} awaits.")
    answer("warn", None)
    assert not dialog.save()
    (warned,) = [args for name, args in answer.asked if name == "warn"]
    assert "unknown placeholder {horoscope}" in warned[2]
    assert (folder / "greetings.toml").read_bytes() == before  # nothing written
    assert templates()  # the shipped ones still load
