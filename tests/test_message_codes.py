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


def test_the_readers_row_issues_carry_codes_worded_in_both_languages(tmp_path: Path, library) -> None:
    """A real CSV: a phone that is no phone, a date that does not exist, a row without a name; each
    issue has its code and pieces (the value's reason nested in "kept as text"), no English to match."""
    from guestcard.io import RowIssue, read_customers

    path = tmp_path / "客户.csv"
    path.write_text("姓名,电话,生日\n王建国,12ab,1985-02-30\n,13912345678,\n", encoding="utf-8")
    issues = [item for item in read_customers(path, library) if isinstance(item, RowIssue)]
    by_code = {issue.code: issue for issue in issues}
    assert set(by_code) == {Code.KEPT_AS_TEXT, Code.ROW_WITHOUT_NAME}, [i.message for i in issues]
    kept = sorted((i for i in issues if i.code is Code.KEPT_AS_TEXT), key=lambda i: i.column or "")
    assert [i.as_message.args[0].code for i in kept] == [Code.NOT_A_REAL_DATE, Code.NOT_A_PHONE]  # type: ignore[union-attr]
    assert kept[1].message == "12ab is not a phone number; kept as text, the field left empty"
    assert said(kept[1].as_message, "zh") == "12ab 不是电话号码；已按原文保留，该栏目留空"  # type: ignore[arg-type]
    assert said(by_code[Code.ROW_WITHOUT_NAME].as_message, "zh") == "该行没有姓名，未导入"  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "guestcard: no customer with id 999\n"),
    ("zh", "guestcard: 没有编号为 999 的客户\n"),
])
def test_the_command_lines_error_follows_lang(db_args: list[str], capsys: pytest.CaptureFixture[str], lang: str,
                                              line: str) -> None:
    from guestcard.cli.main import main

    assert main([*db_args, "show", "999", "--lang", lang]) == 2
    assert capsys.readouterr().err == line


@pytest.mark.parametrize(("language", "fragment"), [
    ("en", "name: 201 characters, at most 200"),
    ("zh", "name：201 个字符，最多 200 个"),
])
def test_a_command_without_lang_speaks_the_settings_language(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              language: str, fragment: str) -> None:
    from guestcard.cli.main import main
    from guestcard.settings import Settings, save_settings

    save_settings(Settings(language=language))
    assert main(["--db", str(tmp_path / "g.sqlite3"), "add", "--name", "王" * 201]) == 2
    err = capsys.readouterr().err
    assert err == f"guestcard: {fragment}\n" and "王" not in err


def test_a_busy_file_is_said_in_chinese_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An import holds the file (its mark) and another writer holds SQLite's lock: the line names
    the import in the settings' language (Chinese, a fresh install's)."""
    import sqlite3

    from guestcard.cli.main import main
    from guestcard.storage import Database
    from guestcard.storage.busy import long_write

    file = tmp_path / "g.sqlite3"
    db = Database.open(file)
    try:
        with long_write(db, "an import"):
            holder = sqlite3.connect(file, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            try:
                import os

                os.environ["GUESTCARD_BUSY_WAIT"] = "0.3"
                code = main(["--db", str(file), "add", "--name", "x"])
            finally:
                os.environ.pop("GUESTCARD_BUSY_WAIT", None)
                holder.rollback()
                holder.close()
    finally:
        db.close()
    err = capsys.readouterr().err
    assert code == 2
    assert "客户档案正忙：一项导入正在进行（进程 " in err and "正在等它结束" in err  # the note, then the refusal
    assert err.rstrip().endswith("请等它结束后再试") and "busy" not in err.replace(str(file), "")
