"""The words of ``guestcard import`` and ``undo-import`` in English and Chinese: the summary, the
dry run, each sheet's line, each issue (worded from its code), the changes kept or made, the weak
matches, the batch's undo hint. The command's ``--lang`` chooses, else the settings' language
(``guestcard.cli.messages.language``); ``--json`` stays English keys and English messages.

No line carries a guest's data but what the sheet itself said in a cell the import changed (the
manager's own file, on the manager's screen): rows are named by sheet and number, cards by id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guestcard.domain.messages import fill, said

if TYPE_CHECKING:  # guestcard.io costs `guestcard --help` ~45 ms; the words need only the type
    from guestcard.io.results import RowIssue

# key → (English, Chinese); %1, %2… the pieces, in any order.
WORDS: dict[str, tuple[str, str]] = {
    "summary": ("%1: %2 rows — imported %3 new, updated %4, skipped %5",
                "%1：共 %2 行 — 新导入 %3 位，更新 %4 位，跳过 %5 行"),
    "summary_dry": ("%1: %2 rows — would import %3 new, updated %4, skipped %5 (dry run: nothing written)",
                    "%1：共 %2 行 — 将新导入 %3 位，更新 %4 位，跳过 %5 行（试运行：什么也没有写入）"),
    "sheet": ("  sheet %1: %2 rows, %3 new, %4 updated, %5 skipped",
              "  工作表 %1：%2 行，新 %3 位，更新 %4 位，跳过 %5 行"),
    "error": ("error", "错误"),
    "warning": ("warning", "提示"),
    "row": (" row %1", " 第 %1 行"),
    "column": (" column %1", " %1 列"),
    "issue": ("  %1: %2: %3", "  %1：%2：%3"),
    "more": ("  … and %1 more (use --json for all)", "  … 另有 %1 条（--json 列出全部）"),
    "changes": ("  fields of existing cards the import changed or kept (%1%2):",
                "  导入修改或保留的已有卡片栏目（%1 处%2）："),
    "changes_dry": ("  fields of existing cards the import would change or keep (%1%2):",
                    "  导入将修改或保留的已有卡片栏目（%1 处%2）："),
    "kept_hint": ("; %1 kept as the card has them, --overwrite replaces them",
                  "；%1 处按卡片原样保留，--overwrite 可改为表格的值"),
    "change": ("    customer %1 (%2 row %3) %4: %5 → %6  [%7]", "    客户 %1（%2 第 %3 行）%4：%5 → %6  [%7]"),
    "fill": ("filled in", "已补填"),
    "replace": ("replaced", "已替换"),
    "keep": ("kept the card's; the sheet says", "保留卡片原值；表格写的是"),
    "more_changes": ("    … and %1 more (use --json for all)", "    … 另有 %1 处（--json 列出全部）"),
    "weak": ("  rows matched to an existing card by a weak rule — please check (%1):",
             "  按较弱规则匹配到已有卡片的行 — 请核对（%1 行）："),
    "weak_row": ("    %1 row %2 → customer %3 (%4)", "    %1 第 %2 行 → 客户 %3（%4）"),
    "history": ("  visits and contacts of the export: added %1 visits and %2 contacts; %3 already on the cards, "
                "%4 of rows not imported, %5 unreadable; not in the export, not restored: %6",
                "  导出文件中的到店和联系记录：已添加 %1 条到店、%2 条联系；%3 条卡片上已有，%4 条属于未导入的行，"
                "%5 条无法读取；导出文件里没有、未恢复：%6"),
    "history_dry": ("  visits and contacts of the export: would add %1 visits and %2 contacts; %3 already on the "
                    "cards, %4 of rows not imported, %5 unreadable; not in the export, not restored: %6",
                    "  导出文件中的到店和联系记录：将添加 %1 条到店、%2 条联系；%3 条卡片上已有，%4 条属于未导入的行，"
                    "%5 条无法读取；导出文件里没有、未恢复：%6"),
    "batch": ("batch %1: undo with `guestcard undo-import %1`", "第 %1 批：可用 `guestcard undo-import %1` 撤销"),
    "reading": ("reading %1: %2%3 rows", "正在读取 %1：%2%3 行"),
    "no_imports": ("no imports yet", "还没有导入过"),
    "batch_line": ("%1  %2  %3  %4 new, %5 updated  (%6)", "%1  %2  %3  新 %4 位，更新 %5 位  （%6）"),
    "undone_at": ("undone %1", "已于 %1 撤销"),
    "can_undo": ("can be undone", "可以撤销"),
    "undid": ("undid import %1: removed %2 customers, restored %3", "已撤销第 %1 批导入：删除 %2 位客户，恢复 %3 位"),
    "kept_since": ("kept %1 worked on since the import as they are (ids %2); delete or edit them by hand if they "
                   "should go",
                   "导入后有人改过的 %1 位保持原样（编号 %2）；如果它们也该去掉，请手工删除或修改"),
}


def word(key: str, lang: str, *args: object) -> str:
    english, chinese = WORDS[key]
    return fill(chinese if lang == "zh" else english, tuple(str(a) for a in args), lambda inner: said(inner, lang))


def issue_line(issue: RowIssue, lang: str) -> str:
    """``  warning: Sheet1 row 3 column 电话: …`` in ``lang``: the issue by its code, else as written."""
    where = issue.sheet + (word("row", lang, issue.row) if issue.row else "") + (
        word("column", lang, issue.column) if issue.column else "")
    message = issue.as_message
    text = issue.message if message is None else said(message, lang)
    return word("issue", lang, word(issue.level, lang), where, text)
