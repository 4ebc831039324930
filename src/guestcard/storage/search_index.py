"""The search material derived from a customer: spaced Chinese, pinyin, phone suffixes.

SQLite FTS5's ``unicode61`` tokenizer treats a run of Chinese characters as one word, and its
trigram tokenizer finds nothing for 1–2-character queries. So every Chinese character is written
as a word of its own (``张 三 丰``): any 1, 2 or n-character query is then an FTS5 *phrase* of
single characters, answered from the index. Pinyin syllables are indexed there too.

Short ASCII *terms* go to a plain B-tree table instead (``search_terms``): the whole name in
pinyin (``zhangsan``) and its initials (``zs``), with every reading of the surname (单 →
dan/shan/chan). A prefix query there is a range scan: ``zhan`` and ``zs`` are found in
microseconds, and the full-text index stays free of one-off terms.

Phones are digits in a column of their own (``search_phones``) under a trigram index: any
fragment of four or more digits is a substring match. Each number also gives one term, its digits
reversed behind ``#`` (``#8765…``): "the number ending in 5678" is a prefix range scan there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from typing import Any, NamedTuple

_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff])")
_ASCII_WORD = re.compile(r"[a-z]+")
_NOT_DIGIT = re.compile(r"\D")
MIN_PHONE_FRAGMENT = 4


def is_han(char: str) -> bool:
    return bool(_HAN.fullmatch(char))


class _SpacingTable(dict[int, str]):
    """A ``str.translate`` table that pads Chinese characters with spaces, filled as it is used:
    translate runs in C, far faster than a regular-expression substitution per character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = f" {char} " if _HAN.fullmatch(char) else char
        return value


_SPACING = _SpacingTable()


def spaced(text: str) -> str:
    """Lower-cased, width-folded text with every Chinese character standing alone."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return " ".join(folded.translate(_SPACING).split())


def search_name(name: str, honorific: str | None) -> str:
    return spaced(f"{name} {honorific or ''}")


def search_other(values: Iterable[str | None]) -> str:
    """The other searchable values spaced, value by value: companies, positions, dishes and
    allergies recur from card to card, and each is spaced once (the same text as spacing them joined)."""
    return " ".join(filter(None, map(_spaced_value, filter(None, values))))


@lru_cache(maxsize=16384)
def _spaced_value(value: str) -> str:
    return spaced(value)


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Any, Callable[[str], list[str]]]:
    """pypinyin's phrase table and its reader, loaded on first use (the dictionaries cost ~0.1 s)."""
    from pypinyin import Style, lazy_pinyin  # lazy: ~0.2 s the window shows itself before paying (bench_gui)
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT, partial(lazy_pinyin, style=Style.NORMAL, errors="ignore")


@lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin  # lazy: see _pypinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(r for r in (readings[0] if readings else []) if r.isascii() and r.isalpha()))


def _name_syllables(han: str) -> list[str]:
    """The pinyin of a run of Chinese characters, one syllable per character where it can."""
    phrases, read_phrase = _pypinyin()
    # pypinyin reads a character by its context only inside a known phrase; a name holding none
    # reads character by character, from the cached readings: the same answer, 13x faster.
    size = len(han)
    if not any(han[i:j] in phrases for i in range(size - 1) for j in range(i + 2, size + 1)):
        readings = [_readings(char) for char in han]
        if all(readings):
            return [r[0] for r in readings]
    return [s for s in read_phrase(han) if s.isascii() and s.isalpha()]


# Surnames read otherwise than the character's everyday reading (单 is dan, the surname Shan).
# pypinyin's heteronym lists are far wider (方 fang/pang/wang/feng): taken whole, "wang" would find
# every 方; so only these readings are added to a surname's usual one.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",), "曾": ("zeng",), "解": ("xie",), "仇": ("qiu",), "区": ("ou",), "查": ("zha",),
    "盖": ("ge",), "朴": ("piao",), "尉": ("yu",), "乐": ("yue", "le"), "召": ("shao",), "缪": ("miao",),
    "翟": ("zhai", "di"), "覃": ("qin", "tan"), "种": ("chong",), "秘": ("bi",), "员": ("yun",),
    "黑": ("he",), "繁": ("po",), "句": ("gou",), "折": ("she",), "能": ("nai",), "重": ("chong",),
    "柏": ("bai", "bo"), "宿": ("su",), "鲜": ("xian",), "隗": ("wei", "kui"), "莘": ("shen", "xin"),
    "洗": ("xian",), "粘": ("nian",), "乜": ("nie",), "长": ("chang",), "藏": ("zang",), "沈": ("shen",),
    "贲": ("ben", "bi"), "汜": ("si",), "卜": ("bu",), "薄": ("bo",), "过": ("guo",), "那": ("na",),
    "佴": ("nai",), "蕃": ("pi", "fan"), "都": ("du",), "行": ("xing", "hang"), "会": ("kuai",),
}



class NameMaterial(NamedTuple):
    """What a name gives the search index and the list order, computed once per distinct name."""

    pinyin: str  # syllables for the full-text index: "zhang san" (a query "san" finds 张三)
    terms: tuple[str, ...]  # for the search_terms B-tree: "zhangsan", "zs", … (prefix range scans)
    sort_key: str  # the name's place in a Chinese address book


@lru_cache(maxsize=65536)
def name_material(name: str) -> NameMaterial:
    folded = unicodedata.normalize("NFKC", name).lower().strip()
    han = "".join(_HAN.findall(folded))
    syllables = _name_syllables(han) if han else []
    return NameMaterial(*_pinyin_terms(han, syllables), _sort_key(name, folded, han, syllables))


def _pinyin_terms(han: str, syllables: list[str]) -> tuple[str, tuple[str, ...]]:
    # The whole name joined and its initials, once per reading of the surname (SURNAME_READINGS),
    # and the given name joined.
    if not syllables:
        return "", ()
    rest = syllables[1:]
    surnames = dict.fromkeys((syllables[0], *SURNAME_READINGS.get(han[0], ())))
    joined, initials = "".join(rest), "".join(s[0] for s in rest)
    terms: dict[str, None] = {}
    for surname in surnames:
        terms[surname + joined] = None
        terms[surname[0] + initials] = None
    if len(rest) > 1:  # the given name alone: "xiaoming"
        terms[joined] = None
    return " ".join(dict.fromkeys((*surnames, *rest))), tuple(terms)


def _sort_key(name: str, folded: str, han: str, syllables: list[str]) -> str:
    # By pinyin, syllable by syllable (李 li before 林 lin, 张三 before 张三丰), surnames by their
    # surname reading (单 shan, 曾 zeng), Latin names among them alphabetically; the name itself
    # breaks ties. \x02 between syllables and \x01 before the tie-breaker: a shorter name sorts first.
    if len(syllables) != len(han):  # a character without a reading: read each on its own
        syllables = [(_readings(ch) or (ch,))[0] for ch in han]
    if han and folded.startswith(han[0]) and han[0] in SURNAME_READINGS:
        syllables = [SURNAME_READINGS[han[0]][0], *syllables[1:]]
    if len(han) == len(folded):  # the usual name: Chinese characters only
        return "\x02".join(syllables) + "\x01" + name
    readings = iter(syllables)
    words: list[str] = []
    word = ""
    for char in folded:
        if is_han(char) or char.isspace():
            if word:
                words.append(word)
            word = ""
            if not char.isspace():
                words.append(next(readings))
        else:
            word += char
    if word:
        words.append(word)
    return "\x02".join(words) + "\x01" + name


def name_pinyin(name: str) -> tuple[str, tuple[str, ...]]:
    """(syllables, terms) of a Chinese name: ``("zhang san", ("zhangsan", "zs", …))``."""
    material = name_material(name)
    return material.pinyin, material.terms


def name_sort_key(name: str) -> str:
    """A key ordering names as a Chinese address book does. Compare it bytewise (SQLite's
    BINARY, PostgreSQL's "C"): the separators are control characters."""
    return name_material(name).sort_key


ENDING_MARK = "#"  # sorts before digits and letters: these terms never meet a pinyin prefix


def ending_terms(digits: str | None) -> list[str]:
    """The terms of a customer's phone numbers (``phone_digits``) for finding them by their end."""
    return [ENDING_MARK + number[::-1][:39] for number in (digits or "").split()]


def ending_range(digits: str) -> tuple[str, str]:
    """The range of ``search_terms`` holding the numbers that end in ``digits``."""
    start = ENDING_MARK + digits[::-1]
    return start, start + ":"  # ":" sorts right after "9"


def phone_digits(phones: Iterable[str | None]) -> str | None:
    """The digits of each phone, space-separated: a trigram index over them finds any fragment of
    three or more digits (never across two numbers: a query holds no space)."""
    digits = (_NOT_DIGIT.sub("", phone) for phone in phones if phone)
    return " ".join(dict.fromkeys(d for d in digits if d)) or None


# --- queries ----------------------------------------------------------------------------------


def quote(token: str) -> str:
    """A token as an FTS5 string: its own text, whatever FTS5 syntax it holds."""
    return '"' + token.replace('"', '""') + '"'


def fts_terms(query: str) -> list[str]:
    """A user query as FTS5 terms: each Chinese run becomes a phrase of single characters, other
    words become prefix terms. Words the user separated stay separate ("王 松鼠": 王 and, anywhere,
    松鼠). All terms must match (implicit AND)."""
    merged: list[str] = []
    for word in unicodedata.normalize("NFKC", query).lower().split():
        run: list[str] = []
        for token in spaced(word).split(" "):
            if not token:
                continue
            if is_han(token):
                run.append(token)
                continue
            if run:
                merged.append(quote(" ".join(run)))
                run = []
            merged.extend(quote(part) + "*" for part in re.findall(r"[^\W_]+", token))
        if run:
            merged.append(quote(" ".join(run)))
    return merged


def term_query(query: str) -> str | None:
    """The folded query when it can be looked up among the pinyin terms: letters only."""
    folded = unicodedata.normalize("NFKC", query).lower().replace(" ", "").replace("'", "")
    return folded if folded.isascii() and folded.isalpha() else None


def phone_query(query: str) -> str | None:
    """The digits of a query that is only a phone fragment (4+ digits), else ``None``."""
    folded = unicodedata.normalize("NFKC", query).strip()
    if not re.fullmatch(r"[\d\s\-+()]+", folded):
        return None
    digits = re.sub(r"\D", "", folded)
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits if len(digits) >= MIN_PHONE_FRAGMENT else None
