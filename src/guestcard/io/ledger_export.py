"""The accounts' ledger as an .xlsx workbook: every entry (reversals with what they cancel) and
the ageing of every account. Written whole or not at all (io.xlsx_writer). Database-free: it is
given the accounts' entries and standings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guestcard.domain.ledger import Account, Entry, Standing
from guestcard.domain.values import cents_to_money
from guestcard.io.xlsx_writer import (
    SheetSpec,
    WorkbookWriter,
    display_width,
    value_cells,
)

LEDGER_HEADERS = {
    "zh": ("单位", "账户号", "编号", "日期", "类别", "金额", "签单人", "单号", "付款方式", "凭证号", "冲销", "备注",
           "经办人", "记录时间"),
    "en": ("Company", "Account", "Entry", "Date", "Kind", "Amount", "Signed by", "Bill no.", "Method", "Reference",
           "Reverses", "Note", "By", "Recorded"),
}
AGEING_HEADERS = {
    "zh": ("单位", "账户号", "信用额度", "结欠", "未满30天", "30–59天", "60–89天", "90天以上", "预付", "逾期天数"),
    "en": ("Company", "Account", "Credit limit", "Balance", "Under 30 days", "30–59", "60–89", "90+", "Credit",
           "Days overdue"),
}
KINDS = {"zh": {"charge": "签单", "payment": "付款"}, "en": {"charge": "charge", "payment": "payment"}}
SHEETS = {"zh": ("账目", "账龄"), "en": ("Ledger", "Ageing")}


@dataclass(frozen=True)
class LedgerOfAccount:
    account: Account
    name: str
    entries: Sequence[Entry]
    standing: Standing


def _widths(headers: Sequence[str], rows: list[list[Any]]) -> list[float]:
    return [
        min(max([display_width(h) + 4, *(display_width(str(r[i] or "")) + 2 for r in rows[:200])]), 50)
        for i, h in enumerate(headers)
    ]


def write_ledger_xlsx(path: Path, ledgers: Sequence[LedgerOfAccount], *, lang: str = "zh") -> Path:
    entries = [
        [item.name, item.account.id, e.id, e.on, KINDS[lang][e.kind], cents_to_money(e.amount_fen), e.signer,
         e.bill_no, e.method, e.reference, e.reverses, e.note, e.by, e.recorded_at]
        for item in ledgers for e in item.entries
    ]
    ageing = [
        [item.name, item.account.id, cents_to_money(item.account.limit_fen), cents_to_money(item.standing.balance_fen),
         *(cents_to_money(b) for b in item.standing.ageing.buckets()), cents_to_money(item.standing.ageing.credit),
         item.standing.days_overdue]
        for item in ledgers
    ]
    writer = WorkbookWriter(Path(path))
    try:
        for name, headers, rows in ((SHEETS[lang][0], LEDGER_HEADERS[lang], entries),
                                    (SHEETS[lang][1], AGEING_HEADERS[lang], ageing)):
            writer.add_sheet(SheetSpec(name, headers, _widths(headers, rows), value_cells(rows), len(rows)))
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return Path(path)
