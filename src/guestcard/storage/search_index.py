"""The search material derived from a customer: spaced Chinese, pinyin, phone suffixes.

SQLite FTS5's ``unicode61`` tokenizer treats a run of Chinese characters as one word, and its
trigram tokenizer finds nothing for 1–2-character queries. So every Chinese character is written
as a word of its own (``张 三 丰``): any 1, 2 or n-character query is then an FTS5 *phrase* of
single characters, answered from the index. Pinyin is stored as syllables, the whole name joined
(``zhangsan``) and initials (``zs``), with every reading of the surname (单 → dan/shan/chan);
prefix queries then find ``zhang``, ``zhangs`` and ``zs``. Phones are stored as all their suffixes
of four or more digits, so a prefix query finds any digit fragment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff])")
_ASCII_WORD = re.compile(r"[a-z]+")
MIN_PHONE_FRAGMENT = 4


def is_han(char: str) -> bool:
    return bool(_HAN.fullmatch(char))


def spaced(text: str) -> str:
    """Lower-cased, width-folded text with every Chinese character standing alone."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_HAN.sub(r" \1 ", folded).split())


def search_name(name: str, honorific: str | None) -> str:
    return spaced(f"{name} {honorific or ''}")


def search_other(values: Iterable[str | None]) -> str:
    return spaced(" ".join(v for v in values if v))


@lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin  # lazy: loading the dictionaries costs ~0.1 s

    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(r for r in (readings[0] if readings else []) if r.isascii() and r.isalpha()))


@lru_cache(maxsize=65536)
def _name_syllables(name: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    return tuple(s for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore") if s.isascii() and s.isalpha())


@lru_cache(maxsize=65536)
def name_pinyin(name: str) -> tuple[str, str]:
    """(main joined pinyin, every pinyin token) of a Chinese name; ('', '') when it has none."""
    han = "".join(ch for ch in unicodedata.normalize("NFKC", name) if is_han(ch))
    if not han:
        return "", ""
    syllables = _name_syllables(han)
    if not syllables:
        return "", ""
    main = "".join(syllables)
    rest = syllables[1:]
    surnames = dict.fromkeys((syllables[0], *_readings(han[0])))
    tokens: dict[str, None] = {}
    for surname in surnames:
        tokens[surname] = None
        tokens[surname + "".join(rest)] = None
        tokens[surname[0] + "".join(s[0] for s in rest)] = None
    for syllable in rest:
        tokens[syllable] = None
    if len(rest) > 1:  # the given name alone: "xiaoming"
        tokens["".join(rest)] = None
    return main, " ".join(tokens)


def phone_fragments(phones: Iterable[str | None]) -> str:
    parts: dict[str, None] = {}
    for phone in phones:
        if not phone:
            continue
        digits = re.sub(r"\D", "", phone)
        for start in range(0, len(digits) - MIN_PHONE_FRAGMENT + 1):
            parts[digits[start:]] = None
    return " ".join(parts)


# --- queries ----------------------------------------------------------------------------------


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def fts_terms(query: str) -> list[str]:
    """A user query as FTS5 terms: Chinese runs become phrases of single characters, other words
    become prefix terms. All terms must match (implicit AND)."""
    terms = []
    for word in spaced(query).split(" "):
        if not word:
            continue
        if is_han(word):
            terms.append(word)
        else:
            terms.extend(part + "*" for part in re.findall(r"[^\W_]+", word))
    # Consecutive Chinese characters form one phrase; prefix terms stand alone.
    merged: list[str] = []
    run: list[str] = []
    for term in terms:
        if is_han(term):
            run.append(term)
            continue
        if run:
            merged.append(_quote(" ".join(run)))
            run = []
        merged.append(_quote(term[:-1]) + "*")
    if run:
        merged.append(_quote(" ".join(run)))
    return merged


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
