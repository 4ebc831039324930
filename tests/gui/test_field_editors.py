"""Every field of every shipped form gets an editor of its type that shows a value and gives it back,
in Chinese and in English; what cannot be read is a readable ValueError (the inline message)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from guestcard.domain.values import PartialDate
from guestcard.forms import FieldSpec, FieldType, FormLibrary
from guestcard.gui.field_editors import EDITORS, make_editor

SAMPLES: dict[FieldType, Any] = {
    FieldType.TEXT: "牡丹厅",
    FieldType.LONGTEXT: "不吃辣\n每次都要一杯胡萝卜汁",
    FieldType.DATE: PartialDate(3, 2, 1985),
    FieldType.PHONE: "13812345678",
    FieldType.EMAIL: "wang@example.cn",
    FieldType.NUMBER: 61,
    FieldType.MONEY: Decimal("12800"),
    FieldType.BOOL: True,
}


def sample(spec: FieldSpec) -> Any:
    if spec.type is FieldType.CHOICE:
        return spec.choices[-1].value
    if spec.type is FieldType.MULTICHOICE:
        return [spec.choices[0].value, spec.choices[-1].value]
    return SAMPLES[spec.type]


def kept(spec: FieldSpec, value: Any) -> Any:
    """The value as the customer keeps it: a form's own (non-core) fields are JSON-native."""
    if spec.core:
        return value
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Decimal):
        return str(value)
    return value


def every_field(library: FormLibrary) -> list[FieldSpec]:
    seen: dict[str, FieldSpec] = {}
    for form in library.forms.values():
        for section in form.sections:
            for spec in section.fields:
                seen.setdefault(f"{spec.key}:{spec.type.value}", spec)
    return list(seen.values())


def test_every_field_type_has_an_editor() -> None:
    assert set(EDITORS) == set(FieldType)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_field_shows_its_value_and_gives_it_back(qtbot: Any, library: FormLibrary, lang: str) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    for spec in every_field(library):
        editor = make_editor(spec, lang, holder)
        assert editor.value() is None or (spec.type is FieldType.MULTICHOICE and not editor.value())
        value = kept(spec, sample(spec))
        editor.set_value(value)
        assert editor.value() == value, spec.key
        other = "en" if lang == "zh" else "zh"
        editor.set_lang(other)  # the language switch keeps the value
        assert editor.value() == value, spec.key


def test_editors_emit_changed_only_for_the_users_edits(qtbot: Any, library: FormLibrary) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    for spec in every_field(library):
        editor = make_editor(spec, "zh", holder)
        changes: list[int] = []
        editor.changed.connect(lambda changes=changes: changes.append(1))
        editor.set_value(kept(spec, sample(spec)))  # loading a card: quiet
        assert changes == [], spec.key
        widget = editor.widget
        if isinstance(getattr(editor, "edit", None), QLineEdit):
            editor.edit.setText("x")
            editor.edit.textEdited.emit("x")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("x")
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(0 if widget.currentIndex() else 1)
        else:
            widget.findChildren(QCheckBox)[0].toggle()
        assert changes, spec.key


def test_a_birthday_without_a_year_is_written_as_managers_do(qtbot: Any, library: FormLibrary) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    zh = make_editor(library.fields["birthday"], "zh", holder)
    en = make_editor(library.fields["birthday"], "en", holder)
    for text in ("3月2日", "03-02", "3-2"):
        zh.set_state(text)
        assert zh.value() == PartialDate(3, 2, None), text
    zh.set_value(PartialDate(3, 2, None))
    en.set_value(PartialDate(3, 2, None))
    assert zh.state() == "3月2日" and en.state() == "03-02"
    zh.set_state("1985年3月2日")
    assert zh.value() == PartialDate(3, 2, 1985)


@pytest.mark.parametrize(("key", "text"), [("birthday", "2月30日"), ("birthday", "not a date"),
                                           ("annual_spend", "a lot"), ("phone", "12"), ("email", "wang at example")])
def test_what_cannot_be_read_says_why(qtbot: Any, library: FormLibrary, key: str, text: str) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    editor = make_editor(library.fields[key], "en", holder)
    editor.set_state(text)
    with pytest.raises(ValueError) as raised:
        editor.value()
    assert str(raised.value)


def test_a_choice_kept_from_an_old_import_is_shown_not_blanked(qtbot: Any, library: FormLibrary) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    editor = make_editor(library.fields["gender"], "zh", holder)
    editor.set_state("未知")
    assert isinstance(editor.widget, QComboBox) and editor.widget.currentText() == "未知"
    with pytest.raises(ValueError):
        editor.value()
