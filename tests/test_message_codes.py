"""Refusals and row issues carry a code and arguments (issue 21.3), worded by each shell in its
language (issue 23.9): every code has its English and Chinese for the command line, the same
English for the window to translate, and a finished Chinese translation in the window's file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from guestcard.domain.messages import WORDS, Code, Message, Refusal, Unreadable, fill, message_of, said

ROOT = Path(__file__).resolve().parents[1]


def _window_chinese() -> dict[str, str]:
    tree = ET.parse(ROOT / "resources" / "translations" / "guestcard_zh_CN.ts")
    found = {}
    for context in tree.getroot():
        if context.findtext("name") == "Messages":
            for message in context.findall("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") != "unfinished" and translation.text:
                    found[message.findtext("source") or ""] = translation.text
    return found


WINDOW_CHINESE = _window_chinese()


@pytest.mark.parametrize("code", list(Code))
def test_every_code_is_worded_in_both_languages_and_both_shells(code: Code) -> None:
    from guestcard.gui.messages import WORDS as WINDOW_WORDS

    english, chinese = WORDS[code]
    assert english and chinese and english != chinese
    assert any("\u4e00" <= c <= "\u9fff" for c in chinese) or not any(c.isascii() and c.isalpha() for c in chinese)
    places = sorted(set(fill(english, (), str).split("%")[1:]))  # the same placeholders in both languages
    assert [p[:1] for p in places] == [p[:1] for p in sorted(set(fill(chinese, (), str).split("%")[1:]))]
    assert WINDOW_WORDS[code] == english  # the window translates the same English…
    assert WINDOW_CHINESE.get(english), f"no Chinese for {english!r} in guestcard_zh_CN.ts"  # …into Chinese


def test_a_message_is_worded_with_its_arguments_nested_and_in_any_order() -> None:
    inner = Message(Code.NOT_A_PHONE, ("12",))
    outer = Message(Code.KEPT_AS_TEXT, (inner,))
    assert said(outer) == "12 is not a phone number; kept as text, the field left empty"
    assert said(outer, "zh").startswith("12 不是电话号码；")
    assert fill("%2 before %1", ("a", "b"), str) == "b before a"
    assert fill("%1 and %3", ("50%2",), str) == "50%2 and %3"  # an argument is not read as a template


def test_a_coded_refusal_is_english_as_a_string_and_keeps_its_code() -> None:
    exc = Unreadable(Code.NOT_A_DATE, "13/13")
    assert isinstance(exc, ValueError) and str(exc) == "13/13 is not a date"
    assert exc.code is Code.NOT_A_DATE and exc.args_ == ("13/13",)
    assert message_of(exc) == Message(Code.NOT_A_DATE, ("13/13",))
    plain = Refusal("something new")
    assert plain.code is None and message_of(plain) is None and str(plain) == "something new"
    assert message_of(ValueError("x")) is None


def test_service_errors_carry_codes_and_no_guest_data() -> None:
    from guestcard.domain import Customer
    from guestcard.services.customers import InvalidInput, validate

    with pytest.raises(InvalidInput) as caught:
        validate(Customer(name="王" * 201))
    assert caught.value.code is Code.TOO_LONG and caught.value.args_ == ("name", "201", "200")
    assert "王" not in str(caught.value)
    assert said(caught.value.message, "zh") == "name：201 个字符，最多 200 个"  # type: ignore[arg-type]
