"""Who may sign for a company's account, picked from person cards: the company's people (those
who work for it, by relation or the card's company) ticked or not, any other card found by a
search, and names of people without a card. Only collects; the search runs through the function
the account tab gives (on the window's runner)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

CARD = Qt.ItemDataRole.UserRole
# search(text, answer): find person cards for ``text`` and call ``answer([(id, label), ...])``.
Search = Callable[[str, Callable[[list[tuple[int, str]]], None]], None]


class SignersBox(QWidget):
    def __init__(self, people: Sequence[tuple[int, str]] = (), chosen_cards: Sequence[int] = (),
                 names: Sequence[str] = (), search: Search | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_function = search
        self.cards = QListWidget(self)
        self.cards.setMinimumHeight(110)
        self.find_edit = QLineEdit(self)
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setVisible(search is not None)
        self.signers = QLineEdit(self)  # names of signers without a card
        self.signers.setText("，".join(names))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(2)]
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.hint)
        form.addRow(self.cards)
        form.addRow(self.labels[0], self.find_edit)
        form.addRow(self.labels[1], self.signers)
        for card_id, label in people:
            self.add_card(card_id, label, checked=card_id in chosen_cards)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run_search)
        self.find_edit.textEdited.connect(lambda _text: self._timer.start())
        self.retranslate()

    def add_card(self, card_id: int, label: str, *, checked: bool = False) -> QListWidgetItem:
        """A person card in the list (once): ticked, they may sign."""
        for row in range(self.cards.count()):
            item = self.cards.item(row)
            if item.data(CARD) == card_id:
                return item
        item = QListWidgetItem(label, self.cards)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(CARD, card_id)
        return item

    def run_search(self) -> None:
        text = self.find_edit.text().strip()
        if self.search_function is None or not text:
            return
        self.search_function(text, self.show_found)

    def show_found(self, found: list[tuple[int, str]]) -> None:
        for card_id, label in found:
            self.add_card(card_id, label)

    def chosen_cards(self) -> list[int]:
        return [int(self.cards.item(row).data(CARD)) for row in range(self.cards.count())
                if self.cards.item(row).checkState() == Qt.CheckState.Checked]

    def names(self) -> list[str]:
        text = self.signers.text().replace("，", ",").replace("、", ",")
        return [n.strip() for n in text.split(",") if n.strip()]

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Tick the people who may sign (their cards); none ticked and no names: anyone may."))
        self.labels[0].setText(self.tr("Find a card"))
        self.labels[1].setText(self.tr("Others (no card)"))
        self.find_edit.setPlaceholderText(self.tr("name, pinyin or phone"))
        self.signers.setPlaceholderText(self.tr("names, separated by commas"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def person_label(customer: Any) -> str:
    return customer.display_name + (f" · {customer.position}" if customer.position else "") \
        + (f" · {customer.phone}" if customer.phone else "")


class SignersDialog(QDialog):
    """Change who may sign for an open account (all of them anew, as ``account set --signer``)."""

    def __init__(self, box: SignersBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = box
        box.setParent(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Who may sign"))
        self.resize(460, 360)

    def values(self) -> dict[str, Any]:
        return {"signers": self.box.names(), "signer_cards": self.box.chosen_cards()}
