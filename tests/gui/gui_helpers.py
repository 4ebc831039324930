"""Helpers for the window's tests: typing like a user (Chinese too), finding things on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key into ``widget``, Chinese too (QTest only knows ASCII keys)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def replace_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Select all in a text box and type ``text`` over it (an empty text deletes)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def list_settled(qtbot: Any, model: Any, timeout: int = 10_000) -> Any:
    """Wait until the customer list's model has read what it asked the runner for (its pages,
    its count): the list never reads on the GUI thread. Returns the model."""
    qtbot.waitUntil(lambda: not model.busy(), timeout=timeout)
    return model


def list_total(qtbot: Any, model: Any, timeout: int = 10_000) -> int:
    """The list's count, once counted on the runner."""
    model.total()
    qtbot.waitUntil(lambda: model.total() is not None and not model.busy(), timeout=timeout)
    return model.total()


def fetch_all(qtbot: Any, model: Any) -> Any:
    """Every page of the list fetched (each on the runner)."""
    list_settled(qtbot, model)
    while model.canFetchMore():
        model.fetchMore()
        list_settled(qtbot, model)
    return model
