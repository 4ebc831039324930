"""How one sheet's columns are read: ``RowPlan`` (what each column means, from the header row) and
its ``parse`` (one row of cells → a ``ParsedRow`` with its issues, or a skipped row), with the rules
for what is not a guest (totals, notes, a date or heading in the name column). ``read_customers``
(``io/customers.py``) finds the header rows and walks the sheets; this is the per-row reading, kept
inlined for speed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from guestcard.domain import Customer
from guestcard.domain.messages import Code, Message, message_of
from guestcard.domain.values import PartialDate
from guestcard.forms import FieldType
from guestcard.io.coerce import LUNAR_HEADER, Converter, cell_text, make_converter
from guestcard.io.mapping import HeaderIndex, norm_header
from guestcard.io.results import ParsedRow, RowIssue, SheetInfo

_TOTAL = re.compile(r"^(合计|总计|小计|共计|总共|累计|本页合计|total|subtotal|grandtotal|sum)(\b|[:：\s(（]|$)",
                    re.IGNORECASE)
_NOTE = re.compile(r"^(注|备注|说明|制表|填表|审核|note|remark)[:：]", re.IGNORECASE)
_TOTAL_FIRST = set("合总小共累本tTsSgG")
_NOTE_FIRST = set("注备说制填审nNrR")
# Spaces typed between the characters of a Chinese name (李 娜): not part of it.
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])[\s\u3000]+(?=[\u3400-\u9fff\uf900-\ufaff])")
# A "name" that is a date or a number (2020-01-01, 2020年, 12.5): a section or a stray cell, not a guest.
_NOT_A_NAME = re.compile(r"[\d\s.,:/\-_~年月日号时分秒]+")
_SECTION_STARTS = ("以下", "以上", "下面", "下列")  # 以下为2020年: a section heading
# ({name}, ${name}: a template's placeholder, not a guest, is skipped the same way.)
# What an allergy column says when the guest has none.
NO_ALLERGY = frozenset({"无", "没有", "无忌口", "没有忌口", "不忌口", "无禁忌", "没有禁忌", "无过敏", "没有过敏",
                        "无过敏史", "不过敏", "无特殊", "无特殊要求", "都吃", "什么都吃", "none", "no", "nil", "n/a",
                        "na", "-", "--", "/", "—", "无/无", "无。"})
_TAG_SPLIT = re.compile(r"[、,，;；/|\n]+")


class RowPlan:
    """What each column of one sheet means, and how to turn a row into a customer."""

    def __init__(self, header: list[Any], index: HeaderIndex, sheet: str) -> None:
        self.sheet = sheet
        self.index = index
        claims: dict[str, tuple[int, int]] = {}  # target → (rank, col)
        headers: dict[int, str] = {}
        targets: dict[int, str | None] = {}
        for col, cell in enumerate(header):
            text = cell_text(cell).strip()
            if not text:
                continue
            headers[col] = text
            match = index.match(text)
            if match is None:
                targets[col] = f"extra:{text}"
                continue
            targets[col] = match.target
            if match.target is not None and not match.target.startswith("extra"):
                known = claims.get(match.target)
                if known is None or match.rank < known[0]:
                    claims[match.target] = (match.rank, col)
        # A second column claiming a field is kept as an extra column under its header.
        for col, target in list(targets.items()):
            if target is not None and target in claims and claims[target][1] != col:
                targets[col] = f"extra:{headers[col]}"
        self.kind = "individual"
        corporate = [c for c, t in targets.items() if t == "corporate_name"]
        if "name" not in claims:
            if corporate:
                targets[corporate[0]] = "name"
                self.kind = "corporate"
            elif "company" in claims:
                targets[claims["company"][1]] = "name"
                self.kind = "corporate"
        elif corporate:
            targets[corporate[0]] = "company" if "company" not in claims else f"extra:{headers[corporate[0]]}"
        # Extra columns of one header get (2), (3)…
        seen_extra: dict[str, int] = {}
        for col, target in targets.items():
            if target is not None and target.startswith("extra:"):
                label = target[6:] or headers[col]
                count = seen_extra.get(label, 0) + 1
                seen_extra[label] = count
                targets[col] = f"extra:{label}" if count == 1 else f"extra:{label} ({count})"
        self.columns: list[tuple[str, str | None]] = [(headers[c], targets[c]) for c in sorted(headers)]
        self.headers = headers
        library = index.library
        self.name_col: int | None = next((c for c, t in targets.items() if t == "name"), None)
        if self.name_col is None:  # only with a header row chosen by the user: nothing to read
            return
        self.class_col = next((c for c, t in targets.items() if t == "class"), None)
        self.kind_col = next((c for c, t in targets.items() if t == "kind"), None)
        self.id_col = next((c for c, t in targets.items() if t == "id"), None)
        self.tags_col = next((c for c, t in targets.items() if t == "tags"), None)
        self.ignored = {c for c, t in targets.items() if t is None}
        # (col, key, attribute or None for Customer.fields, converter)
        # (col, key, attribute or None for Customer.fields, how, converter, cache of text → result)
        self.fields: list[tuple[int, str, str | None, int, Converter, dict[str, Any]]] = []
        self.date_cols: list[int] = []
        for col, target in sorted(targets.items()):
            if target is None or target in ("name", "id", "tags") or target.startswith(("extra:", "raw:")):
                continue
            spec = library.fields.get(target)
            if spec is None:
                continue
            attribute = ("customer_class" if target == "class" else target) if spec.core else None
            how = _ALLERGIES if target == "allergies" else _TEXT if spec.type is FieldType.TEXT \
                else _LONGTEXT if spec.type is FieldType.LONGTEXT else _CALL if spec.type is FieldType.PHONE \
                else _CACHED
            lunar = spec.type is FieldType.DATE and bool(LUNAR_HEADER.search(str(headers[col])))  # 农历生日
            if spec.type is FieldType.DATE:
                self.date_cols.append(col)
            self.fields.append((col, target, attribute, how, make_converter(spec, lunar=lunar), {}))
        self.extras = [(c, t[6:]) for c, t in sorted(targets.items()) if t and t.startswith("extra:")]
        self.this_year = dt.date.today().year
        # A sheet with a birthday column says what it knows of birthdays (our export among them);
        # on one without, an age column gives the approximate birth year.
        self.age_gives_birth_year = "birthday" not in claims and AGE_FIELD in claims
        self.raws = [(c, t[4:]) for c, t in sorted(targets.items()) if t and t.startswith("raw:")]
        self.content_cols = sorted(c for c, t in targets.items() if t is not None)
        self.width = max(headers) + 1
        # Exact texts a repeated header row has in the name column (checked properly when met).
        self.header_names = {headers[self.name_col]} | set(library.fields["name"].aliases) | {
            library.fields["name"].label.zh, library.fields["name"].label.en}

    def _repeats_header(self, cells: list[Any]) -> bool:
        """Whether a row whose name cell reads as a header is the header row repeated (printed sheets
        repeat it page after page): its other filled cells read as headers too. A guest written
        "Guest" or "客户" with a phone number is a guest."""
        def reads_as_header(col: int) -> bool:
            text = cell_text(cells[col])
            return norm_header(text) == norm_header(self.headers[col]) or self.index.match(text) is not None

        return all(reads_as_header(c) for c in self.content_cols if c != self.name_col and filled(cells[c]))

    def parse(self, number: int, cells: list[Any], error_at: Any, info: SheetInfo) -> Any:
        """A ``ParsedRow``, ``None`` for a skipped row, or a list of issues (with the row, if any)."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        issues: list[Any] | None = None
        if error_at is not None:
            for col in self.content_cols:
                code = error_at((number, col))
                if code is not None:
                    issues = issues or []
                    issues.append(RowIssue.coded(self.sheet, number, self.headers[col], "warning", Code.CELL_ERROR,
                                                 code))
        name_value = cells[self.name_col]
        name = name_value.strip() if name_value.__class__ is str else cell_text(name_value).strip()
        if not name:
            if not any(filled(cells[c]) for c in self.content_cols):
                info.skipped += 1
                return issues
            first = next((cell_text(v).strip() for v in cells if filled(v)), "")
            if first[:1] in _TOTAL_FIRST and _TOTAL.match(first):
                info.skipped += 1
                return None
            issues = issues or []
            issues.append(RowIssue.coded(self.sheet, number, self.headers.get(self.name_col), "error",
                                         Code.ROW_WITHOUT_NAME))
            return issues
        if name[0] in _TOTAL_FIRST and _TOTAL.match(name):
            info.skipped += 1
            return None
        if name_value.__class__ is not str or not_a_guest_name(name):
            info.skipped += 1
            issues = issues or []
            issues.append(RowIssue.coded(self.sheet, number, self.headers[self.name_col], "warning",
                                         Code.NAME_NOT_A_GUEST, name))
            return issues
        if " " in name or "\u3000" in name or "\t" in name:
            name = clean_name(name)
        if name in self.header_names and self.index.is_name_header(name) and self._repeats_header(cells):
            info.skipped += 1
            return None
        if name[0] in _NOTE_FIRST and _NOTE.match(name) and not any(
                filled(cells[c]) for c in self.content_cols if c != self.name_col):
            info.skipped += 1
            return None
        values: dict[str, Any] = {"name": name, "kind": self.kind}
        if info.sheet_class is not None:
            values["customer_class"] = info.sheet_class
        others: dict[str, Any] = {}
        raw: dict[str, str] = {}
        for col, key, attribute, how, convert, cache in self.fields:
            value = cells[col]
            if value == "":
                continue
            # Inlined for speed: text as is, repeated text from the cache, the rest converted.
            if value.__class__ is str and how == _TEXT:
                kept = value.strip() or None
            elif value.__class__ is str and how == _LONGTEXT:
                kept = value.strip("\n ") or None
            elif how == _ALLERGIES:
                kept = convert(value)
                if kept is not None and unicodedata.normalize("NFKC", kept).lower() in NO_ALLERGY:
                    continue
            elif value.__class__ is str and how == _CACHED:
                kept = cache.get(value, _MISS)
                if kept is _MISS:
                    try:
                        kept = convert(value)
                    except ValueError as exc:
                        kept = _Failed(message_of(exc) or str(exc))
                    if len(cache) < _CACHE_LIMIT:
                        cache[value] = kept
            else:
                try:
                    kept = convert(value)
                except ValueError as exc:
                    kept = _Failed(message_of(exc) or str(exc))
            if kept is None:
                continue
            if kept.__class__ is _Failed:
                text = cell_text(value).strip()
                if not text:
                    continue
                raw[key] = text
                issues = issues or []
                reason = kept.reason
                if isinstance(reason, Message) and reason.code in _SAYS_KEPT:  # its words say "kept as text"
                    issues.append(RowIssue.coded(self.sheet, number, self.headers[col], "warning", reason.code,
                                                 *reason.args))
                else:
                    issues.append(RowIssue.coded(self.sheet, number, self.headers[col], "warning",
                                                 Code.KEPT_AS_TEXT, reason))
                continue
            if attribute is not None:
                values[attribute] = kept
            else:
                others[key] = kept
        extra: dict[str, str] = {}
        for col, header in self.extras:
            value = cells[col]
            if value != "":
                text = value.strip() if value.__class__ is str else cell_text(value).strip()
                if text:
                    extra[header] = text
        for col, key in self.raws:
            value = cells[col]
            if value != "":
                text = cell_text(value).strip()
                if text:
                    raw[key] = text
        if self.age_gives_birth_year and AGE_FIELD in others and values["kind"] == "individual":
            age = others[AGE_FIELD]
            if age.__class__ is int and age in _AGES:  # 年纪 48: born about 1978, never a full date
                values["birthday"] = PartialDate.about_year(self.this_year - age)
        source_id = None
        if self.id_col is not None:
            source_id = cell_text(cells[self.id_col]).strip() or None
        if self.tags_col is not None:
            tags = [t.strip() for t in _TAG_SPLIT.split(cell_text(cells[self.tags_col])) if t.strip()]
            if tags:
                values["tags"] = tuple(dict.fromkeys(tags))
        row = ParsedRow(self.sheet, number, Customer(**values, fields=others, extra=extra, raw=raw), source_id)
        if issues is None:
            return row
        return [*issues, row]


_TEXT, _LONGTEXT, _CACHED, _CALL, _ALLERGIES = range(5)
_DIGITS = frozenset("0123456789")
AGE_FIELD = "age"
_AGES = range(1, 121)
_MISS = object()
_SAYS_KEPT = frozenset({Code.DATE_CELL_PHANTOM, Code.DATE_CELL_NOT_A_DAY})
_CACHE_LIMIT = 100_000


class _Failed:
    """A value that could not be understood, and why (cached like a result): its ``Message``, or
    the English of an uncoded reason."""

    __slots__ = ("reason",)

    def __init__(self, reason: str | Message) -> None:
        self.reason = reason


def not_a_guest_name(name: str) -> bool:
    """A stripped, non-empty name cell that is a date, a number, a section heading or a placeholder."""
    return bool((name[0] in _DIGITS and _NOT_A_NAME.fullmatch(name)) or name[:2] in _SECTION_STARTS
                or (name[0] in "{$" and name[-1] == "}"))


def clean_name(name: str) -> str:
    """Spaces between the characters of a Chinese name dropped (李 娜 → 李娜); others kept."""
    return _CJK_GAP.sub("", name)


def filled(value: Any) -> bool:
    if value.__class__ is str:
        return bool(value.strip())
    return value is not None
