"""Every question, message and file chooser the window puts to the user, in one replaceable place.

Widgets call these through the module (``prompts.confirm(...)``), never import the functions, so
tests replace them (``monkeypatch.setattr(prompts, "confirm", ...)``) and no modal ``exec()``
blocks a test. Each returns plain Python values.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("prompts", text)


def confirm(parent: QWidget | None, title: str, text: str, *, ok_text: str | None = None) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    ok = box.addButton(ok_text or QCoreApplication.translate("prompts", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


def choose(parent: QWidget | None, title: str, text: str, options: Sequence[str], *, default: int = 0) -> int | None:
    """One of ``options`` (its index), or ``None`` when the user closed the box (Cancel is added)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[default] if buttons else cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def save_discard_cancel(parent: QWidget | None, text: str) -> str:
    """``"save"``, ``"discard"`` or ``"cancel"``: what to do with unsaved changes."""
    title = QCoreApplication.translate("prompts", "Unsaved changes")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_error(parent: QWidget | None, title: str, text: str, details: str | None = None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def open_file(parent: QWidget | None, title: str, filters: str, folder: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return Path(name) if name else None


def save_file(parent: QWidget | None, title: str, filters: str, suggested: str = "") -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None


def choose_folder(parent: QWidget | None, title: str, folder: str = "") -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, folder)
    return Path(name) if name else None


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog and wait; True when it was accepted. Tests replace this to fill and accept."""
    return dialog.exec() == QDialog.DialogCode.Accepted
