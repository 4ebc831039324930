"""The monthly statement of a corporate account (对账单) as a PDF: letterhead, the month's signed
bills and payments, opening and closing balance, the due date and the ageing; one or many
accounts in one file. Qt-free and database-free: it is given ``MonthStatement``s.

The font is the one the cards use (printing.fonts: a CJK TrueType, every glyph embedded as a
subset), and the file appears whole or not at all (written beside the target, then renamed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from guestcard.domain.ledger import METHOD_ENGLISH, Entry, MonthStatement
from guestcard.domain.values import cents_to_money
from guestcard.printing.fonts import Font, FontNotFound, load_font
from guestcard.printing.options import PrintError
from guestcard.printing.output import pdf_file
from guestcard.printing.render import CREATOR, binary_streams

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
MARGIN = 18 * MM
ROW = 6.2 * MM

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("对 账 单", "Statement of account"),
    "to": ("单位", "To"),
    "contact": ("联系人", "Attention"),
    "account": ("账户号", "Account no."),
    "month": ("账期", "Period"),
    "month_value": ("{y} 年 {m} 月", "{month}"),
    "terms": ("结算方式", "Terms"),
    "monthly": ("月结，次月 {d} 日前付清", "monthly, by the {d}th of the next month"),
    "days": ("签单后 {d} 天内付清", "within {d} days of the bill"),
    "limit": ("信用额度", "Credit limit"),
    "charges": ("本期签单", "Bills signed this month"),
    "payments": ("本期付款", "Payments received this month"),
    "date": ("日期", "Date"),
    "signer": ("签单人", "Signed by"),
    "bill": ("单号", "Bill no."),
    "amount": ("金额（元）", "Amount (¥)"),
    "method": ("方式", "Method"),
    "reference": ("凭证号", "Reference"),
    "reversal": ("冲销 #{id}", "reversal of #{id}"),
    "none": ("（无）", "(none)"),
    "total": ("合计", "Total"),
    "opening": ("上期结欠", "Opening balance"),
    "charged": ("本期签单", "Charges"),
    "paid": ("本期付款", "Payments"),
    "closing": ("本期结欠", "Closing balance"),
    "due": ("请于 {date} 前付清", "Please pay by {date}"),
    "ageing": ("账龄", "Ageing"),
    "buckets": ("未满30天 {a}　30–59天 {b}　60–89天 {c}　90天以上 {d}",
                "under 30 days {a}   30–59 {b}   60–89 {c}   90+ {d}"),
    "credit": ("预付余额 {a}", "credit {a}"),
    "confirm": ("以上账目核对无误。　单位盖章：　　　　　　　经办人：　　　　　　　日期：",
                "We confirm the above.   Stamp:                 Signed:                 Date:"),
    "page_x": ("第 {x} 页", "Page {x}"),
    "page_of": ("共 {y} 页", "of {y}"),
    "printed": ("打印日期 {date}", "Printed {date}"),
}


def word(key: str, lang: str, **values: object) -> str:
    zh, en = _WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


@dataclass(frozen=True)
class Letterhead:
    """The hotel's name and the lines under it (address, phone, bank account for payments)."""

    name: str = ""
    lines: tuple[str, ...] = ()


def money(fen: int) -> str:
    """``1,200.25`` (always two decimals: finance offices add columns of these)."""
    amount = cents_to_money(fen)
    return f"{amount:,.2f}"


def _day(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def render_statements(out: Path, statements: Sequence[MonthStatement], letterhead: Letterhead, *,
                      lang: str = "zh", font: Font | None = None, today: dt.date | None = None) -> int:
    """Write ``statements`` (each on pages of its own) into one PDF at ``out``; the pages written."""
    if not statements:
        raise PrintError("nothing to print: no account has anything in that month")
    if font is None:
        try:
            font = load_font()
        except FontNotFound as exc:
            raise PrintError(str(exc)) from None
    with pdf_file(out) as temporary, binary_streams():
        pages = _write(temporary, statements, letterhead, lang, font, today or dt.date.today())
    return pages


class _Pages:
    """A canvas that knows where the next line goes and starts a new page when one is full."""

    def __init__(self, path: Path, font: Font, lang: str, today: dt.date) -> None:
        self.canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), pageCompression=1)
        self.canvas.setCreator(CREATOR)
        self.font, self.lang, self.today = font, lang, today
        self.y = PAGE_H - MARGIN

    def text(self, x: float, text: str, size: float = 9.5, *, right: bool = False, centre: bool = False) -> None:
        shown = self.font.printable(text)
        self.canvas.setFont(self.font.name, size)
        if right:
            self.canvas.drawRightString(x, self.y, shown)
        elif centre:
            self.canvas.drawCentredString(x, self.y, shown)
        else:
            self.canvas.drawString(x, self.y, shown)

    def room_for(self, height: float) -> bool:
        return self.y - height >= MARGIN + 14 * MM

    def rule(self, width: float = 0.6, start: float = MARGIN) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(start, self.y, PAGE_W - MARGIN, self.y)


def _write(tmp: Path, statements: Sequence[MonthStatement], letterhead: Letterhead, lang: str, font: Font,
           today: dt.date) -> int:
    pages = _Pages(tmp, font, lang, today)
    total = 0
    for number, statement in enumerate(statements):
        if number:
            pages.canvas.showPage()
            pages.y = PAGE_H - MARGIN
        pages.canvas.bookmarkPage(f"s{number}")
        pages.canvas.addOutlineEntry(statement.customer_name, f"s{number}", 0)
        count_form = f"pages{number}"
        count = _statement(pages, statement, letterhead, count_form)
        pages.canvas.beginForm(count_form)
        pages.canvas.setFont(font.name, 7.5)
        pages.canvas.drawString(0, 0, font.printable(word("page_of", lang, y=count)))
        pages.canvas.endForm()
        total += count
    pages.canvas.save()
    return total


def _statement(pages: _Pages, st: MonthStatement, letterhead: Letterhead, count_form: str) -> int:
    lang = pages.lang
    month_text = word("month_value", lang, y=st.month.year, m=st.month.month, month=st.month.strftime("%B %Y"))
    page = 1

    def new_page() -> None:
        nonlocal page
        _finish_page(pages, page, count_form)
        page += 1
        pages.canvas.showPage()
        pages.y = PAGE_H - MARGIN
        pages.text(MARGIN, f"{st.customer_name} · {month_text}" + ("（续）" if lang == "zh" else " (cont.)"), 9)
        pages.y -= 1.5 * ROW

    # Letterhead
    if letterhead.name:
        pages.text(PAGE_W / 2, letterhead.name, 16, centre=True)
        pages.y -= 5.5 * MM
    for line in letterhead.lines:
        pages.text(PAGE_W / 2, line, 8.5, centre=True)
        pages.y -= 4.2 * MM
    pages.y -= 2 * MM
    pages.rule(1.0)
    pages.y -= 9 * MM
    pages.text(PAGE_W / 2, word("title", lang), 15, centre=True)
    pages.y -= 10 * MM

    account = st.account
    terms = word(account.terms.kind, lang, d=account.terms.day)
    facts = [
        (word("to", lang), st.customer_name, word("account", lang), f"{account.id or ''}"),
        (word("contact", lang), account.statement_contact or "", word("month", lang), month_text),
        (word("terms", lang), terms, word("limit", lang), money(account.limit_fen)),
    ]
    for left_label, left, right_label, right in facts:
        pages.text(MARGIN, f"{left_label}：" if lang == "zh" else f"{left_label}:", 9.5)
        pages.text(MARGIN + 22 * MM, left, 9.5)
        pages.text(PAGE_W / 2 + 22 * MM, f"{right_label}：" if lang == "zh" else f"{right_label}:", 9.5)
        pages.text(PAGE_W / 2 + 45 * MM, right, 9.5)
        pages.y -= ROW
    pages.y -= 3 * MM

    columns = (MARGIN, MARGIN + 30 * MM, MARGIN + 72 * MM, MARGIN + 108 * MM, PAGE_W - MARGIN)

    def table(title: str, heads: tuple[str, ...], rows: list[tuple[str, str, str, str]], sum_fen: int) -> None:
        if not pages.room_for(4 * ROW):
            new_page()
        pages.text(MARGIN, title, 11)
        pages.y -= ROW
        for x, head in zip(columns[:3], heads[:3], strict=True):
            pages.text(x + 1 * MM, head, 8.5)
        pages.text(columns[4] - 1 * MM, heads[3], 8.5, right=True)
        pages.y -= 2 * MM
        pages.rule()
        pages.y -= 4.4 * MM
        if not rows:
            pages.text(MARGIN + 1 * MM, word("none", lang), 9)
            pages.y -= ROW
        for row in rows:
            if not pages.room_for(ROW):
                new_page()
            for x, cell in zip(columns[:3], row[:3], strict=True):
                pages.text(x + 1 * MM, cell, 9)
            pages.text(columns[4] - 1 * MM, row[3], 9, right=True)
            pages.y -= ROW
        pages.y += 4.4 * MM - 1.5 * MM
        pages.rule()
        pages.y -= 4.8 * MM
        pages.text(columns[3] + 1 * MM, word("total", lang), 9.5)
        pages.text(columns[4] - 1 * MM, money(sum_fen), 9.5, right=True)
        pages.y -= 1.6 * ROW

    table(word("charges", lang), (word("date", lang), word("signer", lang), word("bill", lang), word("amount", lang)),
          [_charge_row(e, lang) for e in st.charges], st.charged_fen)
    table(word("payments", lang),
          (word("date", lang), word("method", lang), word("reference", lang), word("amount", lang)),
          [_payment_row(e, lang) for e in st.payments], st.paid_fen)

    if not pages.room_for(9 * ROW):
        new_page()
    pages.y -= 2 * MM
    for key, fen in (("opening", st.opening_fen), ("charged", st.charged_fen), ("paid", -st.paid_fen),
                     ("closing", st.closing_fen)):
        bold = key == "closing"
        if bold:
            pages.y += 2 * MM
            pages.rule(0.8, columns[3] - 11 * MM)
            pages.y -= 4.6 * MM
        pages.text(columns[3] - 10 * MM, word(key, lang), 11 if bold else 9.5)
        pages.text(columns[4] - 1 * MM, money(fen), 11 if bold else 9.5, right=True)
        pages.y -= ROW
    if st.due is not None and st.closing_fen > 0:
        pages.y -= 1 * MM
        pages.text(columns[4] - 1 * MM, word("due", lang, date=_day(st.due, lang)), 10.5, right=True)
        pages.y -= ROW
    pages.y -= 3 * MM
    ageing = st.ageing
    line = word("buckets", lang, a=money(ageing.current), b=money(ageing.d30), c=money(ageing.d60),
                d=money(ageing.d90))
    if ageing.credit:
        line += "　" + word("credit", lang, a=money(ageing.credit))
    pages.text(MARGIN, f"{word('ageing', lang)}{'：' if lang == 'zh' else ': '}{line}", 8.5)
    pages.y -= 2.4 * ROW
    pages.text(MARGIN, word("confirm", lang), 9.5)
    _finish_page(pages, page, count_form)
    return page


def _finish_page(pages: _Pages, page: int, count_form: str) -> None:
    """The footer: when printed, and "page x of y" (y is a form drawn once the count is known)."""
    y, pages.y = pages.y, MARGIN - 4 * MM
    pages.text(MARGIN, word("printed", pages.lang, date=pages.today.isoformat()), 7.5)
    pages.text(PAGE_W - MARGIN - 16 * MM, word("page_x", pages.lang, x=page), 7.5, right=True)
    pages.canvas.saveState()
    pages.canvas.translate(PAGE_W - MARGIN - 15 * MM, pages.y)
    pages.canvas.doForm(count_form)
    pages.canvas.restoreState()
    pages.y = y


def _charge_row(entry: Entry, lang: str) -> tuple[str, str, str, str]:
    bill = entry.bill_no or ""
    if entry.reverses is not None:
        bill = (bill + " " if bill else "") + word("reversal", lang, id=entry.reverses)
    return entry.on.isoformat(), entry.signer or "", bill, money(entry.amount_fen)


def _payment_row(entry: Entry, lang: str) -> tuple[str, str, str, str]:
    method = entry.method or ""
    shown = method if lang == "zh" else METHOD_ENGLISH.get(method, method)
    reference = entry.reference or ""
    if entry.reverses is not None:
        reference = (reference + " " if reference else "") + word("reversal", lang, id=entry.reverses)
    return entry.on.isoformat(), shown, reference, money(entry.amount_fen)
