"""The card editor's parts: the form tabs of a customer kind built from the TOML specs (lazily,
one form at a time), a field's row on screen, and the undo step of one field's change."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from guestcard.forms import FieldSpec, FieldType, FormLibrary, FormSpec, Label
from guestcard.gui.field_editors import FieldEditor, make_editor
from guestcard.gui.i18n import fill

if TYPE_CHECKING:
    from guestcard.gui.card_editor import CardEditor


def _tr(text: str) -> str:
    return QCoreApplication.translate("CardEditor", text)


TAGS_SPEC = FieldSpec(
    key="tags",
    type=FieldType.TEXT,
    label=Label(zh="标签", en="Tags"),
    help=Label(zh="用逗号分隔，例如：常客, 素食", en="Separated by commas, e.g. regular, vegetarian"),
)
_TAG_SPLIT = re.compile(r"[,，、;；]+")
ERROR_STYLE = "color: #b3261e;"
NOTE_STYLE = "color: #8a5a00;"
CONFIDENTIAL_STYLE = "color: #1a4d8f;"
UNSAVED_STYLE = "color: #c05800; font-weight: bold;"
SAVED_STYLE = "color: #5f6b5f;"


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in _TAG_SPLIT.split(text or "") if t.strip()))


@dataclass
class FieldRow:
    """One field of one form on screen: its label, its editor and its message line."""

    spec: FieldSpec
    editor: FieldEditor
    label: QLabel
    message: QLabel
    tab: int  # index of the form among the kind's pages (-1: the header's tags)


@dataclass
class KindPages:
    """The form tabs built for one customer kind."""

    forms: list[FormSpec]
    pages: list[QScrollArea]  # one per form; filled when the tab is first shown
    groups: list[tuple[QGroupBox, Any]] = field(default_factory=list)  # (box, SectionSpec)
    rows: dict[str, list[FieldRow]] = field(default_factory=dict)
    built: set[int] = field(default_factory=set)  # the forms whose fields exist


class FieldEdit(QUndoCommand):
    """One field's change; consecutive changes of the same field merge into one step."""

    ID = 7301

    def __init__(self, card: CardEditor, key: str, old: Any, new: Any, source: FieldEditor | None) -> None:
        super().__init__(fill(QCoreApplication.translate("CardEditor", "Edit %1"), card.field_label(key)))
        self.card, self.key, self.old, self.new = card, key, old, new
        self.source = source

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or other.key != self.key:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.card.apply_state(self.key, self.new, skip=self.source)
        self.source = None  # later redos set every editor

    def undo(self) -> None:
        self.card.apply_state(self.key, self.old, focus=True)


def kind_pages(library: FormLibrary, kind: str) -> KindPages:
    """The (empty) form tabs of one customer kind: a scroll area per form that applies to it."""
    forms = [form for form in library.forms.values() if form.applies_to(kind)]
    pages = KindPages(forms=forms, pages=[])
    for _form in forms:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        pages.pages.append(scroll)
    return pages


def build_form(form: FormSpec, tab: int, pages: KindPages, lang: str,
               edited: Callable[[str, FieldEditor], None]) -> None:
    """Make the fields of one form in its tab; each editor's change goes to ``edited(key, editor)``."""
    scroll = pages.pages[tab]
    inner = QWidget()
    inner.setObjectName(f"form_{form.id}")
    outer = QVBoxLayout(inner)
    outer.setContentsMargins(4, 4, 12, 4)
    for section in form.sections:
        box = QGroupBox(section.title.text(lang), inner)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        for column in range(section.columns):
            grid.setColumnStretch(column, 1)
        row = col = 0
        for spec in section.fields:
            if col + spec.span > section.columns:
                row, col = row + 1, 0
            cell = QWidget(box)
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 2, 0, 4)
            cell_layout.setSpacing(1)
            label = QLabel(cell)
            label.setWordWrap(True)
            editor = make_editor(spec, lang, cell)
            editor.widget.setSizePolicy(QSizePolicy.Policy.Expanding, editor.widget.sizePolicy().verticalPolicy())
            label.setBuddy(editor.widget)
            message = QLabel(cell)
            message.setWordWrap(True)
            message.hide()
            cell_layout.addWidget(label)
            cell_layout.addWidget(editor.widget)
            cell_layout.addWidget(message)
            grid.addWidget(cell, row, col, 1, spec.span, Qt.AlignmentFlag.AlignTop)
            field_row = FieldRow(spec, editor, label, message, tab)
            set_label(field_row, lang)
            pages.rows.setdefault(spec.key, []).append(field_row)
            editor.changed.connect(lambda key=spec.key, source=editor: edited(key, source))
            col += spec.span
            if col >= section.columns:
                row, col = row + 1, 0
        pages.groups.append((box, section))
        outer.addWidget(box)
    outer.addStretch(1)
    scroll.setWidget(inner)


def set_label(row: FieldRow, lang: str) -> None:
    """A field's label in ``lang``: a star when required, the confidential mark and the help as tip."""
    spec = row.spec
    text = spec.label.text(lang)
    if spec.required:
        text += " *"
    tips = []
    if spec.help is not None:
        tips.append(spec.help.text(lang))
    if spec.confidential:
        text += " " + _tr("(confidential)")
        tips.append(_tr("Confidential: left out of staff copies and exports unless asked"))
        row.label.setStyleSheet(CONFIDENTIAL_STYLE)
    row.label.setText(text)
    row.label.setToolTip("\n".join(tips))
    row.editor.widget.setToolTip("\n".join(tips))


def line_edit_of(editor: FieldEditor) -> QLineEdit:
    """The text box of a line or date editor (tests type into it)."""
    edit = getattr(editor, "edit", None)
    if not isinstance(edit, QLineEdit):
        raise TypeError(f"{editor.spec.key} has no single-line text box")
    return edit
