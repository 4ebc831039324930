"""The services' refusals carry a code and its pieces (issue 21.3) and reach the user in the
language of the command (``--lang``, else the settings') or of the window (issue 23.9): one
refusal of each service, from the command line in English and in Chinese (one line, exit 2, no
guest's name in it), and in the Chinese window; every code's placeholders the same in both
languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guest_templates import GuestFileTemplates
from guestcard.cli.main import main
from guestcard.domain.messages import WORDS, Code, Message, message_of, raised, said

GUEST = "王秘密"  # a guest's name, which no error line may carry
COMPANY = "远洋秘密集团"


@pytest.fixture
def guest_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], guest_templates: GuestFileTemplates) -> Path:
    """A person (1), a company (2) with an account signed for by 张三, a staff member (made by
    the command line once per test worker, copied for each test)."""

    def build(file: Path) -> None:
        for argv in (("--create", "add", "--name", GUEST), ("add", "--name", COMPANY, "--kind", "corporate"),
                     ("account", "open", "2", "--limit", "1000", "--signer", "张三"),
                     ("staff", "add", "李经理", "--role", "manager")):
            head, rest = (["--create"], argv[1:]) if argv[0] == "--create" else ([], argv)
            assert main([*head, "--db", str(file), *rest]) == 0, capsys.readouterr().err
        capsys.readouterr()

    return guest_templates.copy_to("refusals: a person, a company, its account, a staff member",
                                   tmp_path / "guests.sqlite3", build)


CASES = [  # (service, the command, its English line, its Chinese line)
    ("accounts", ["account", "open", "1", "--limit", "100"],
     "customer 1 is not a corporate customer: only a company has an account",
     "客户 1 不是协议单位：只有单位才能开挂账账户"),
    ("accounts", ["account", "charge", "2", "100", "--signer", "路人"],
     "signer: not one of the people who may sign for this account (guestcard account show 2 lists them)",
     "签单人：不是该账户的授权签单人（guestcard account show 2 列出授权签单人）"),
    ("accounts", ["statement", "2", "--month", "2026-13", "OUT.pdf"],
     "month: '2026-13' is not a month like 2026-11", "月份：'2026-13' 不是月份（如 2026-11）"),
    ("credit", ["account", "accept", "2"],
     "account of customer 2: no change of limit is suggested", "客户 2 的账户：没有调整额度的建议"),
    ("merging", ["merge", "1", "1"], "#1 cannot be merged into itself", "#1 不能合并到它自己"),
    ("merging", ["merge", "1", "2", "--both", "name"],
     "both: 'name' keeps one value (both: ", "both：'name' 只能保留一个值（both 只用于 "),
    ("staff", ["staff", "add", "李经理"],
     "name: '李经理' is on the staff list already", "姓名：'李经理' 已在员工名单上"),
    ("staff", ["staff", "add", "王五", "--role", "boss"],
     "role: 'boss' is not one of manager, account_manager, front_desk, waiter (经理/客户经理/前台/服务员)",
     "职务：'boss' 不是经理、客户经理、前台或服务员之一（manager, account_manager, front_desk, waiter）"),
    ("review", ["review", "--from", "2026-05-01", "--to", "2026-01-01"],
     "to: the review ends before it starts", "截止日期：回顾的结束日期早于开始日期"),
    ("register", ["register", "add", "--name", "来客", "--purpose", "跳舞"],
     "purpose: '跳舞' is not one of ", "purpose：'跳舞' 不是 "),
    ("register", ["register", "add", "--name", "来客", "--party", "0"],
     "party: the party size is 1 to 10000", "人数：1 到 10000 人"),
    ("intent", ["intent", "set", "B", "--color", "red"],
     "level 4 (B): the colour 'red' is not like #c62828", "第 4 级（B）：颜色 'red' 的写法不对（应如 #c62828）"),
    ("mailing", ["labels", "--sheet", "9q", "OUT.pdf"],
     "--sheet/--ids: '9q': not a label sheet (", "--sheet/--ids：'9q'：不是标签纸规格（"),
    ("printing", ["print", "--ids", "2", "OUT.pdf"],
     "form 'guest_history' is not for organisations (customer 2); choose another form with --form",
     "表格 'guest_history' 不适用于单位（客户 2）；请用 --form 选另一张表格"),
    ("briefing", ["briefing", "--date", "2026-12-02", "--service", "lunch", "OUT.pdf"],
     "no reservations on 2026-12-02 (lunch): nothing to brief", "2026-12-02（lunch）没有预订：没有可交代的"),
    ("cli", ["agenda", "--days", "-1"], "--days: cannot be negative", "--days：不能为负"),
    ("cli", ["print", "--ids", "1", "/nonexistent/o.pdf"], "/nonexistent/o.pdf: the folder /nonexistent does not exist",
     "/nonexistent/o.pdf：文件夹 /nonexistent 不存在"),
    ("dates", ["add", "--name", "某人", "--birthday", "农历2025年13月1日"], "birthday: ", "birthday："),
]


@pytest.mark.parametrize(("lang", "column"), [("en", 2), ("zh", 3)])
@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_services_refusal_is_one_line_in_the_commands_language(
        guest_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple, lang: str,
        column: int) -> None:
    argv = [str(tmp_path / a) if a == "OUT.pdf" else a for a in case[1]]
    code = main(["--db", str(guest_file), *argv, "--lang", lang])
    captured = capsys.readouterr()
    err = captured.err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, (argv, err)
    assert err.startswith(f"guestcard: {case[column]}"), (argv, err)
    assert GUEST not in err and COMPANY not in err
    if lang == "zh":  # not the English words around the pieces
        assert case[2] not in err and re.search(r"[\u4e00-\u9fff]", err.replace(case[1][-1], "")), (argv, err)


def test_a_command_without_lang_speaks_the_settings_language(
        guest_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from guestcard.settings import Settings, save_settings

    for language, line in (("zh", "#1 不能合并到它自己"), ("en", "#1 cannot be merged into itself")):
        save_settings(Settings(language=language))
        assert main(["--db", str(guest_file), "merge", "1", "1"]) == 2
        assert capsys.readouterr().err == f"guestcard: {line}\n"


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "no such guest file (use --create to make a new one)"),
    ("zh", "没有这个客史档案文件（用 --create 新建一个）"),
])
def test_a_missing_guest_file_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
                                                line: str) -> None:
    missing = tmp_path / "nope.sqlite3"
    assert main(["--db", str(missing), "list", "--lang", lang]) == 2
    separator = ": " if lang == "en" else "："
    assert capsys.readouterr().err == f"guestcard: {missing}{separator}{line}\n"
    assert not missing.exists()


@pytest.mark.parametrize("code", list(Code))
def test_every_codes_placeholders_are_the_same_in_both_languages(code: Code) -> None:
    english, chinese = WORDS[code]
    found_en, found_zh = set(re.findall(r"%(\d+)", english)), set(re.findall(r"%(\d+)", chinese))
    assert found_en == found_zh, (code, english, chinese)
    assert sorted(int(n) for n in found_en) == list(range(1, len(found_en) + 1)), (code, english)
    pieces = tuple(f"<{n}>" for n in range(1, len(found_en) + 1))
    for lang in ("en", "zh"):
        worded = said(Message(code, pieces), lang)
        assert not re.search(r"%\d", worded), (code, lang, worded)
        assert all(piece in worded for piece in pieces), (code, lang, worded)


def test_a_lunar_date_that_cannot_be_is_coded() -> None:
    from guestcard.domain.values import PartialDate, Unreadable

    with pytest.raises(Unreadable) as caught:
        PartialDate(month=4, day=1, year=2025, lunar=True, leap_month=True)
    assert caught.value.code is Code.LUNAR_NO_LEAP
    assert str(caught.value) == "lunar year 2025 has no leap month 4 (闰4月)"
    assert said(caught.value.message, "zh") == "农历 2025 年的第 4 个月没有闰月（闰4月）"  # type: ignore[arg-type]
    with pytest.raises(Unreadable) as caught:
        PartialDate(month=13, day=1)
    assert caught.value.code is Code.MONTH_NOT_EXIST and said(caught.value.message, "zh") == "没有 13 月"  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_guest_file_that_does_not_open_is_said_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """Damaged, another program's, encrypted without its password, a wrong password: one line
    each in the command's language, the CLI's hints (the password options, the latest backup)
    in it too."""
    import sqlite3

    from guestcard.storage import Database

    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database at all" * 100)
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    encrypted = tmp_path / "encrypted.sqlite3"
    Database.open(encrypted, create=True, password="秋菊 2026").close()
    (tmp_path / "wrong").write_text("另一个密码", encoding="utf-8")

    expected = {
        "en": [(damaged, [], f"{damaged}: not a usable guestcard database (file is not a database)"),
               (foreign, [], f"{foreign}: not a guestcard database (it has other tables)"),
               (encrypted, [], f"{encrypted}: encrypted — give the password (--password-file FILE or "
                               "GUESTCARD_PASSWORD)"),
               (encrypted, ["--password-file", str(tmp_path / "wrong")], f"{encrypted}: wrong password")],
        "zh": [(damaged, [], f"{damaged}：不是可用的 guestcard 数据库（file is not a database）"),
               (foreign, [], f"{foreign}：不是 guestcard 的数据库（里面有其他程序的表）"),
               (encrypted, [], f"{encrypted}：已加密，请给出密码（--password-file 文件，或设置 GUESTCARD_PASSWORD）"),
               (encrypted, ["--password-file", str(tmp_path / "wrong")], f"{encrypted}：密码错误")],
    }[lang]
    for file, options, line in expected:
        code = main(["--db", str(file), *options, "list", "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2 and err == f"guestcard: {line}\n", err


def test_the_latest_backup_hint_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "guests.sqlite3"
    assert main(["--create", "--db", str(file), "add", "--name", GUEST]) == 0
    assert main(["--db", str(file), "backup"]) == 0
    capsys.readouterr()
    file.write_bytes(b"damaged beyond repair" * 200)
    assert main(["--db", str(file), "list", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"guestcard: {file}：不是可用的 guestcard 数据库") and err.count("\n") == 1, err
    assert "；最新的备份是 " in err and err.endswith("（guestcard restore 该文件 即可恢复）\n"), err
    assert "latest backup" not in err and GUEST not in err


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "the new password is the same as the current one"),
    ("zh", "新密码和现在的密码相同"),
])
def test_a_password_change_refused_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch, lang: str, line: str) -> None:
    file = tmp_path / "guests.sqlite3"
    assert main(["--create", "--db", str(file), "add", "--name", GUEST]) == 0
    monkeypatch.setenv("GUESTCARD_NEW_PASSWORD", "秋菊 2026")
    assert main(["--db", str(file), "password", "set"]) == 0
    monkeypatch.setenv("GUESTCARD_PASSWORD", "秋菊 2026")
    capsys.readouterr()
    assert main(["--db", str(file), "password", "change", "--lang", lang]) == 2
    separator = ": " if lang == "en" else "："
    assert capsys.readouterr().err == f"guestcard: {file}{separator}{line}\n"


def test_a_password_refusal_nests_its_reason_in_the_words() -> None:
    """A wrapped refusal (the re-keying's, then "nothing was changed") is worded whole."""
    from guestcard.services.password import PasswordError
    from guestcard.storage.rekey import RekeyError

    inner = RekeyError.of(Code.REKEY_IN_USE, "/x/guests.sqlite3")
    outer = raised(PasswordError, Code.NOTHING_CHANGED, inner)
    assert str(outer) == "/x/guests.sqlite3: in use by another program; close it and try again; nothing was changed"
    assert said(message_of(outer), "zh") == "/x/guests.sqlite3：正被另一个程序使用；请关闭它后再试；没有做任何修改"
