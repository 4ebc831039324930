"""``guestcard import`` reports in the command's language (issue 23.9): its summary, dry run, sheet
lines, each issue worded from its code (a reader's note on a weak encoding guess too), the undo
hint and ``undo-import``; ``--lang`` chooses, else the settings' language."""

from __future__ import annotations

from pathlib import Path

import pytest

from guestcard.cli.main import main


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "客户.csv"
    path.write_text("姓名,电话,生日\n王建国,12ab,1985-02-30\n,13912345678,\n李四,13800000000,\n", encoding="utf-8")
    return path


def _import(db_args: list[str], capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main([*db_args, *argv]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_dry_run_in_chinese(db_args: list[str], sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _import(db_args, capsys, "import", str(sheet), "--dry-run", "--lang", "zh")
    assert lines == [
        "客户.csv：共 2 行 — 将新导入 2 位，更新 0 位，跳过 0 行（试运行：什么也没有写入）",
        "  工作表 客户：2 行，新 2 位，更新 0 位，跳过 0 行",
        "  错误：客户 第 3 行 姓名 列：该行没有姓名，未导入",
        "  提示：客户 第 2 行 电话 列：12ab 不是电话号码；已按原文保留，该栏目留空",
        "  提示：客户 第 2 行 生日 列：1985-02-30 不是有效日期；已按原文保留，该栏目留空",
    ]


def test_the_import_and_its_undo_in_english(db_args: list[str], sheet: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    lines = _import(db_args, capsys, "import", str(sheet), "--lang", "en")
    assert lines[0] == "客户.csv: 2 rows — imported 2 new, updated 0, skipped 0"
    assert "  warning: 客户 row 2 column 电话: 12ab is not a phone number; kept as text, the field left empty" in lines
    assert lines[-1] == "batch 1: undo with `guestcard undo-import 1`"
    assert _import(db_args, capsys, "undo-import", "1", "--lang", "en") == [
        "undid import 1: removed 2 customers, restored 0"]


def test_without_lang_the_settings_language(db_args: list[str], sheet: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from guestcard.settings import Settings, save_settings

    save_settings(Settings(language="zh"))
    lines = _import(db_args, capsys, "import", str(sheet))
    assert lines[0] == "客户.csv：共 2 行 — 新导入 2 位，更新 0 位，跳过 0 行"
    assert lines[-1] == "第 1 批：可用 `guestcard undo-import 1` 撤销"
    assert _import(db_args, capsys, "undo-import")[0].endswith("新 2 位，更新 0 位  （可以撤销）")
    assert _import(db_args, capsys, "undo-import", "1") == ["已撤销第 1 批导入：删除 2 位客户，恢复 0 位"]


def test_a_weak_encoding_guess_is_noted_in_chinese(db_args: list[str], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"Name,Phone\n" + bytes(range(0x81, 0xFF)) + b",13812345678\n")
    lines = _import(db_args, capsys, "import", str(path), "--dry-run", "--lang", "zh")
    notes = [line for line in lines if "文本编码无法确定：已按 " in line]
    assert len(notes) == 1 and notes[0].startswith("  提示：odd：") and "另存为 UTF-8 后再导入" in notes[0]
    english = _import(db_args, capsys, "import", str(path), "--dry-run", "--lang", "en")
    assert any("the text encoding is not certain: read as " in line for line in english)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_that_cannot_be_imported_is_refused_in_the_commands_language(
        db_args: list[str], sheet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """The readers' refusals by code: a sheet that is not there, a sheet without a customer
    header, a mapping that is no JSON object."""
    headless = tmp_path / "无标题.csv"
    headless.write_text("1,2,3\n4,5,6\n", encoding="utf-8")
    mapping = tmp_path / "列.json"
    mapping.write_text("[1, 2]", encoding="utf-8")
    cases = [
        (["--sheet", "二楼"], sheet, {
            "en": f"{sheet}: has no sheet named '二楼' (sheets: 客户)",
            "zh": f"{sheet}：没有名为 '二楼' 的工作表（工作表：客户）"}),
        ([], headless, {
            "en": f"{headless}: no customer header found in any sheet (a row naming columns such as 姓名/Name and "
                  "手机/Phone within the first 30 rows)",
            "zh": f"{headless}：所有工作表里都找不到客户资料的标题行"
                  "（即前 30 行中写有“姓名/Name”“手机/Phone”等列名的一行）"}),
        (["--mapping", str(mapping)], sheet, {
            "en": f'{mapping}: must be a JSON object like {{"客户姓名": "name", "序号": null}}',
            "zh": f'{mapping}：必须是 JSON 对象，如 {{"客户姓名": "name", "序号": null}}'}),
    ]
    for options, file, lines in cases:
        assert main([*db_args, "import", str(file), *options, "--lang", lang]) == 2
        assert capsys.readouterr().err == f"guestcard: {lines[lang]}\n"
