"""The command-line contract: names, JSON keys, exit codes and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guestcard.cli.main import build_parser, main

CORE_KEYS = {
    "id",
    "kind",
    "name",
    "honorific",
    "gender",
    "phone",
    "email",
    "birthday",
    "anniversary",
    "company",
    "position",
    "address",
    "class",
    "annual_spend",
    "favorite_dishes",
    "favorite_drinks",
    "allergies",
    "notes",
    "tags",
    "fields",
}


def run(capsys: pytest.CaptureFixture[str], db: list[str], *args: str) -> tuple[int, str, str]:
    code = main([*db, *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], db: list[str], *args: str) -> object:
    code, out, err = run(capsys, db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_add_prints_the_contract_object(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    created = run_json(
        capsys,
        db_args,
        "add",
        "--name",
        "王建国",
        "--honorific",
        "王总",
        "--gender",
        "男",
        "--phone",
        "138-1234-5678",
        "--birthday",
        "3月2日",
        "--anniversary",
        "2001年5月20日",
        "--company",
        "华润置地",
        "--position",
        "总经理",
        "--class",
        "A类",
        "--annual-spend",
        "1.28万",
        "--favorite-dishes",
        "佛跳墙",
        "--favorite-drinks",
        "茅台",
        "--allergies",
        "海鲜过敏",
        "--notes",
        "靠窗",
        "--email",
        "wang@example.com",
        "--address",
        "深圳",
        "--tags",
        "VIP,常客",
        "--field",
        "preferred_seat=牡丹厅",
        "--field",
        "family_members=妻子李女士",
    )
    assert isinstance(created, dict)
    assert set(created) >= CORE_KEYS
    assert created["phone"] == "13812345678" and created["birthday"] == "--03-02"
    assert created["anniversary"] == "2001-05-20" and created["class"] == "A" and created["gender"] == "male"
    assert created["annual_spend"] == 12800 and created["kind"] == "individual"
    assert created["tags"] == ["VIP", "常客"]
    assert created["fields"] == {"preferred_seat": "牡丹厅", "family_members": "妻子李女士"}


def test_set_show_list_delete(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    created = run_json(capsys, db_args, "add", "--name", "李四", "--phone", "13900001111")
    cid = str(created["id"])  # type: ignore[index]
    updated = run_json(capsys, db_args, "set", cid, "class=B", "birthday=1990/1/2", "notes=", "preferred_seat=兰亭")
    assert updated["class"] == "B" and updated["birthday"] == "1990-01-02"  # type: ignore[index]
    assert (
        run(
            capsys,
            db_args,
            "visit",
            cid,
            "--date",
            "2026-05-01 18:30",
            "--spend",
            "¥3,680",
            "--party",
            "6",
            "--room",
            "兰亭",
            "--notes",
            "生日宴",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            db_args,
            "contact",
            cid,
            "--date",
            "2026-05-02",
            "--channel",
            "微信",
            "--points",
            "致谢",
            "--next",
            "2026-06-01",
        )[0]
        == 0
    )
    shown = run_json(capsys, db_args, "show", cid)
    assert shown["visits"][0]["spend"] == 3680 and shown["visits"][0]["at"] == "2026-05-01T18:30"  # type: ignore[index]
    assert shown["contacts"][0]["next_follow_up"] == "2026-06-01"  # type: ignore[index]
    listed = run_json(capsys, db_args, "list", "--query", "lisi")
    assert [c["name"] for c in listed] == ["李四"]  # type: ignore[union-attr,index]
    # The words after `list` are a search too: a phone fragment typed as it is written
    by_phone = run_json(capsys, db_args, "list", "0000", "1111")
    assert [c["name"] for c in by_phone] == ["李四"]  # type: ignore[union-attr,index]
    assert run_json(capsys, db_args, "list", "9999") == []
    assert run_json(capsys, db_args, "list", "--class", "a") == []
    code, out, _ = run(capsys, db_args, "show", cid)
    assert code == 0 and "李四" in out and "兰亭" in out and "1990年1月2日" in out
    code, out, _ = run(capsys, db_args, "delete", cid)
    assert code == 0 and "deleted customer" in out
    assert run_json(capsys, db_args, "list") == []


def test_agenda_json(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    created = run_json(capsys, db_args, "add", "--name", "寿星", "--birthday", "1950-11-25")
    run(capsys, db_args, "visit", str(created["id"]), "--date", "2026-11-24", "--time", "18:00")  # type: ignore[index]
    result = run_json(capsys, db_args, "agenda", "--date", "2026-11-23", "--days", "7")
    assert result["occasions"][0]["years"] == 76  # type: ignore[index]
    assert result["occasions"][0]["customer"]["name"] == "寿星"  # type: ignore[index]
    assert result["reservations"][0]["at"] == "2026-11-24T18:00"  # type: ignore[index]


def test_demo_and_forms(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    assert run(capsys, db_args, "demo", "--count", "50")[0] == 0
    assert len(run_json(capsys, db_args, "list", "--limit", "500")) == 50  # type: ignore[arg-type]
    forms = run_json(capsys, db_args, "forms")
    assert [f["id"] for f in forms] == ["guest_history", "customer_data", "prospect", "corporate", "deep_profile"]  # type: ignore[union-attr,index]
    assert {f["id"]: f["fields"] for f in forms}["deep_profile"] == 61  # type: ignore[union-attr,index]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("show", "999"), "no customer with id 999"),
        (("set", "999", "notes=x"), "no customer with id 999"),
        (("add", "--name", "x", "--birthday", "1985-02-30"), "birthday: 1985-02-30 is not a real date"),
        (("add", "--name", "x", "--phone", "abc"), "phone: abc is not a phone number"),
        (("add", "--name", "x", "--field", "nonsense"), "is not KEY=VALUE"),
        (("add", "--name", "x", "--field", "shoe_size=42"), "no form has a field called 'shoe_size'"),
        (("visit", "1", "--date", "tomorrow"), "--date: cannot read tomorrow as a date"),
        (("forms", "check"), "name the form file"),
        (("forms", "check", "/nonexistent.toml"), "/nonexistent.toml: cannot be read"),
    ],
)
@pytest.mark.usefixtures("english_settings")  # the English lines
def test_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], db_args: list[str], args: tuple[str, ...], fragment: str
) -> None:
    code, out, err = run(capsys, db_args, *args)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("guestcard: ") and fragment in err
    assert "Traceback" not in err and out == ""


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_unreadable_database_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00garbage" * 512)
    code, _, err = run(capsys, ["--db", str(bad)], "list")
    assert code == 2 and "bad.sqlite3: not a usable guestcard database" in err and err.count("\n") == 1


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    subcommands = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    assert {"add", "set", "delete", "show", "list", "visit", "contact", "agenda", "demo", "forms"} <= set(subcommands)
    for name in subcommands:
        with pytest.raises(SystemExit) as caught:
            main([name, "--help"])
        assert caught.value.code == 0
        assert "usage: guestcard " + name in capsys.readouterr().out


def test_python_dash_m_is_the_same_program(tmp_path: Path) -> None:
    version = subprocess.run(
        [sys.executable, "-m", "guestcard", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("guestcard ")
    env_db = tmp_path / "env.sqlite3"
    added = subprocess.run(
        [sys.executable, "-m", "guestcard", "--db", str(env_db), "--create", "add", "--name", "子进程", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(added.stdout)["name"] == "子进程"


def test_default_database_lives_in_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    assert main(["add", "--name", "默认"]) == 0
    assert (isolated_home / "guestcard.sqlite3").exists()


def test_the_settings_choose_database_backups_and_restaurant(
    capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path
) -> None:
    from guestcard.settings import Settings, save_settings

    save_settings(Settings(restaurant_name="丽晶大酒店", database_path=str(tmp_path / "chosen.sqlite3"),
                           backup_folder=str(tmp_path / "usb"), language="en"))
    # The chosen file is not there (a USB stick not plugged in?): nothing is made unless asked.
    assert main(["add", "--name", "设置里"]) == 2
    assert "chosen.sqlite3: no such guest file (use --create" in capsys.readouterr().err
    assert not (tmp_path / "chosen.sqlite3").exists()
    assert main(["--create", "add", "--name", "设置里"]) == 0
    assert (tmp_path / "chosen.sqlite3").exists()
    assert main(["backup"]) == 0
    assert list((tmp_path / "usb").glob("guestcard-*.sqlite3"))
    assert main(["print", str(tmp_path / "c.pdf"), "--ids", "1"]) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True).stdout
    assert "丽晶大酒店" in text


def test_show_and_agenda_speak_the_language_of_the_settings(
    capsys: pytest.CaptureFixture[str], db_args: list[str]
) -> None:
    """With the window set to English, the command line's words are English too (issue 23, 9);
    ``--lang`` still chooses."""
    import datetime as dt

    from guestcard.settings import Settings, save_settings

    today = dt.date.today()
    created = run_json(capsys, db_args, "add", "--name", "王建国", "--birthday", f"{today:%m-%d}",
                       "--allergies", "花生")
    save_settings(Settings(language="en"))
    code, out, _ = run(capsys, db_args, "show", str(created["id"]))  # type: ignore[index]
    assert code == 0 and "Name" in out and "Guest History Card" in out, out
    assert "姓名" not in out and "客史档案卡" not in out
    code, out, _ = run(capsys, db_args, "agenda", "--days", "1")
    assert code == 0 and "Birthdays and anniversaries" in out and "birthday" in out
    assert "生日" not in out
    code, out, _ = run(capsys, db_args, "agenda", "--days", "1", "--lang", "zh")
    assert "生日与纪念日" in out and "Birthdays" not in out
