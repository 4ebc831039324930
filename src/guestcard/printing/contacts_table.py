"""An organisation's contact people as a table (姓名/职务/电话/负责事项), not a run-on paragraph.

The field is free text ("王经理 13812345678；李秘书，行政，0755-8888 1234，订餐"): one person per
line or per "；", their particulars split at spaces and commas; a run of digits is the phone,
printed grouped the way it is read aloud.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guestcard.domain.values import format_phone
from guestcard.printing.grid import K_TEXT, Block, Cell, Column

if TYPE_CHECKING:
    from guestcard.printing.layout import CardLayout

FIELD_KEY = "contact_persons"
HEADS = {"zh": ("姓名", "职务", "电话", "负责事项"), "en": ("Name", "Position", "Phone", "Looks after")}
_PERSON = re.compile(r"[\n；;]+")
_PART = re.compile(r"[\s，,、/]+")
_PHONE = re.compile(r"^\+?[\d\-()]{7,}$")


def people(text: str) -> list[list[str]]:
    rows = []
    for person in _PERSON.split(text or ""):
        parts = [p for p in _PART.split(person.strip()) if p]
        if not parts:
            continue
        phones = [p for p in parts if _PHONE.match(p)]
        words = [p for p in parts if not _PHONE.match(p)]
        phone = "  ".join(grouped(p) for p in phones)
        name = words[0] if words else ""
        position = words[1] if len(words) > 1 else ""
        duty = " ".join(words[2:])
        rows.append([name, position, phone, duty])
    return rows


def grouped(phone: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("+"):  # +1 415 555 0199: country code, then groups of three and four
        body = digits[1:]
        cc = 1 if body.startswith("1") else 2
        rest = body[cc:]
        groups = [rest[i : i + 3] for i in range(0, max(len(rest) - 4, 0), 3)] + [rest[-4:]]
        return "+" + " ".join([body[:cc], *[g for g in groups if g]])
    return format_phone(digits)


def columns(L: CardLayout) -> list[Column]:
    w = L.m.content_width
    return L._columns(
        [("name", w * 0.22, "l"), ("position", w * 0.22, "l"), ("phone", w * 0.26, "l"), ("duty", w * 0.30, "l")]
    )


def contacts_block(L: CardLayout, text: str | None, title: str, blank_rows: int = 0, pitch: float = 0.0) -> Block:
    cols = columns(L)
    header = L.table_rows(cols, [list(HEADS["en" if L.lang == "en" else "zh"])], header=True)[0]
    if blank_rows:
        rows = [
            L.row_of([Cell(c.x, c.w, [], "", K_TEXT, [""], L.m.table, pitch * 0.85, 0.0) for c in cols], keep=True)
            for _ in range(blank_rows)
        ]
    else:
        rows = L.table_rows(cols, people(text or ""))
    return Block(title, rows, header=header)
