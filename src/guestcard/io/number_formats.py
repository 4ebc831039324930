"""Which cells of a workbook show dates, and which of those show no year, by their number format.

``shows_month_day_only(code)`` reads a format's first section as Excel does (quoted text, escaped
characters, ``[…]`` locale and colour prefixes, spacing and fill left out): a month and a day and
no year (``m"月"d"日"``, ``m/d``, ``d-mmm``, ``[$-804]mmm d``). ``date_styles(path)`` gives the cell
styles (``s=`` → ``cellXfs``) of an .xlsx that show dates, and the month-day ones among them, from
``xl/styles.xml`` parsed with defusedxml; built-in formats count as calamine counts them, and
28/29/51/53/54/58 are ``m"月"d"日"`` as in a Chinese Excel (ECMA-376 §18.8.30, zh-cn), 16 ``d-mmm``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import defusedxml.ElementTree as SafeET

# Built-in number formats that show a date (calamine's list: the rest are numbers or text), and
# those of them that show a month and day without a year (see the module doc).
BUILTIN_DATES = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
BUILTIN_MONTH_DAY = frozenset({16, 28, 29, 51, 53, 54, 58})
_MAX_STYLES_BYTES = 16 << 20

_AM_PM = re.compile(r"am/pm|a/p", re.IGNORECASE)


def format_letters(code: str) -> list[tuple[str, int]]:
    """The runs of format letters (``("m", 2)`` for ``mm``) of a number format's first section,
    without quoted text, escaped characters (``\\y``), ``[…]`` (locale ``[$-804]``, colours,
    conditions, elapsed ``[h]``), spacing ``_x`` and fill ``*x``."""
    runs: list[tuple[str, int]] = []
    text = _AM_PM.sub("\x00", code)
    i, size = 0, len(text)
    while i < size:
        ch = text[i]
        if ch == ";":
            break
        if ch == '"':
            end = text.find('"', i + 1)
            i = size if end < 0 else end + 1
            continue
        if ch == "[":
            end = text.find("]", i + 1)
            i = size if end < 0 else end + 1
            continue
        if ch in "\\_*":
            i += 2
            continue
        lowered = ch.lower()
        if lowered.isascii() and lowered.isalpha():
            start = i
            while i < size and text[i].lower() == lowered:
                i += 1
            runs.append((lowered, i - start))
            continue
        if ch == "\x00":
            runs.append(("a", 1))  # AM/PM: a time's mark
        i += 1
    return runs


def shows_month_day_only(code: str) -> bool:
    """Whether a date format shows a month and a day but no year (``m"月"d"日"``, ``[$-804]m/d``,
    ``d-mmm``, ``mmm d``); ``yyyy-mm-dd``, ``mmm-yy``, ``h:mm`` and ``dddd`` do not."""
    runs = [run for run in format_letters(code) if run[0] in "ymdhsebg"]
    month = day = year = False
    for index, (letter, count) in enumerate(runs):
        if letter in "yeb" or (letter == "g" and count >= 1):
            year = year or letter != "g"
        elif letter == "d" and count <= 2:
            day = True
        elif letter == "m":
            before = runs[index - 1][0] if index else ""
            after = runs[index + 1][0] if index + 1 < len(runs) else ""
            if before != "h" and after != "s" and count <= 5:
                month = True
    return month and day and not year


@dataclass(frozen=True, slots=True)
class DateStyles:
    """A workbook's cell styles (indices into ``cellXfs``) that show dates."""

    dates: frozenset[int]
    month_day: frozenset[int]
    date1904: bool = False


NO_DATE_STYLES = DateStyles(frozenset(), frozenset())


def date_styles(path: Path) -> DateStyles:
    """The date styles of an .xlsx (``NO_DATE_STYLES`` when its styles cannot be read: then
    cells are taken as calamine reads them, as before)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = {n.lower(): n for n in archive.namelist()}
            styles_name = names.get("xl/styles.xml") or _styles_part(archive, names)
            if styles_name is None:
                return NO_DATE_STYLES
            info = archive.getinfo(styles_name)
            if info.file_size > _MAX_STYLES_BYTES:
                return NO_DATE_STYLES
            styles = SafeET.fromstring(archive.read(styles_name))
            workbook = names.get("xl/workbook.xml")
            book = SafeET.fromstring(archive.read(workbook)) if workbook else None
    except Exception:
        return NO_DATE_STYLES
    formats: dict[int, str] = {}
    xf_formats: list[int] = []
    for element in styles:
        tag = local_name(element.tag)
        if tag == "numFmts":
            for fmt in element:
                number = as_int(fmt.get("numFmtId"))
                if number is not None:
                    formats[number] = fmt.get("formatCode") or ""
        elif tag == "cellXfs":
            xf_formats = [as_int(xf.get("numFmtId")) or 0 for xf in element if local_name(xf.tag) == "xf"]
    dates: set[int] = set()
    month_day: set[int] = set()
    for index, number in enumerate(xf_formats):
        code = formats.get(number)
        if code is None:
            if number in BUILTIN_DATES:
                dates.add(index)
                if number in BUILTIN_MONTH_DAY:
                    month_day.add(index)
        elif _is_date_format(code):
            dates.add(index)
            if shows_month_day_only(code):
                month_day.add(index)
    date1904 = False
    if book is not None:
        for element in book.iter():
            if local_name(element.tag) == "workbookPr":
                date1904 = (element.get("date1904") or "").lower() in ("1", "true")
    return DateStyles(frozenset(dates), frozenset(month_day), date1904)


def _is_date_format(code: str) -> bool:
    """calamine's test: a format with a date or time letter outside quotes and brackets."""
    if code.strip().lower() == "general":
        return False
    return any(letter in "ymdhs" for letter, _count in format_letters(code))


def _styles_part(archive: zipfile.ZipFile, names: dict[str, str]) -> str | None:
    rels = names.get("xl/_rels/workbook.xml.rels")
    if rels is None:
        return None
    for rel in SafeET.fromstring(archive.read(rels)):
        if (rel.get("Type") or "").endswith("/styles") and rel.get("Target"):
            target = rel.get("Target") or ""
            member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            return names.get(member.lower())
    return None


def local_name(tag: Any) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def as_int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
