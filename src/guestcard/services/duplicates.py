"""Finding cards that are probably one guest, ranked, each pair with why.

The rules (``RULES``): the same phone digits in any of the two cards' numbers (whatever the
formatting, +86 or not), the same e-mail, the same name and company, the same birthday (with
its year) and surname, and names read alike with one character different (王建国 / 王建囯), or
written in traditional and simplified characters (張建國 / 张建国). Names are compared in
simplified characters (OpenCC), width-folded, without spaces.

Fast by blocking: every card gives a few keys (each phone number, its e-mail, name + company,
surname + birthday, the name's pinyin with tones), and only cards sharing a key are compared —
never all pairs. A key shared by very many cards (a hotel's switchboard number, 王伟 born on one
day) says nothing about any two of them and is passed over (``BLOCK_LIMITS``).

The same rules serve the import (``import_match``): a row is an existing card when a strong rule
(phone, e-mail, name and company) or the same name with the same birthday says so; a match by a
weak rule is reported so the manager can check it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any, NamedTuple

import opencc
from pypinyin import Style, pinyin

from guestcard.domain.model import Customer
from guestcard.domain.values import PartialDate
from guestcard.storage import Database
from guestcard.storage import duplicates as store
from guestcard.storage.duplicates import PHONE_FIELDS, CardKeys, is_han, phone_digits

# rule → (points, strong). A pair's score is the sum of its rules' points and bonuses, at most 100.
RULES: dict[str, tuple[int, bool]] = {
    "phone": (60, True),
    "email": (50, True),
    "name_company": (55, True),
    "birthday_surname": (30, False),
    "pinyin": (35, False),
}
# Not reasons on their own, but they make a pair found by a rule likelier.
BONUSES: dict[str, int] = {"same_name": 25, "same_company": 15}
# A key shared by more cards than this is no evidence (a switchboard, a common name and birthday).
BLOCK_LIMITS: dict[str, int] = {"phone": 20, "email": 20, "name_company": 50, "birthday_surname": 30, "pinyin": 30}
MIN_PHONE_DIGITS = 7

RULE_TEXT: dict[str, str] = {
    "phone": "同一电话 same phone",
    "email": "同一邮箱 same e-mail",
    "name_company": "同名同单位 same name and company",
    "birthday_surname": "同姓同生日 same surname and birthday",
    "pinyin": "姓名同音一字之差 same pinyin, one character different",
    "same_name": "同名 same name",
    "same_company": "同单位 same company",
}


@dataclass(frozen=True)
class Reason:
    """Why two cards look like one guest: a rule (or bonus) and the value that matched."""

    rule: str
    value: str

    @property
    def strong(self) -> bool:
        return RULES.get(self.rule, (0, False))[1]

    @property
    def points(self) -> int:
        return RULES[self.rule][0] if self.rule in RULES else BONUSES.get(self.rule, 0)

    def describe(self) -> str:
        return f"{RULE_TEXT.get(self.rule, self.rule)}: {self.shown_value()}"

    def shown_value(self) -> str:
        """The value as a card shows it: a birthday in words (1950年农历十月廿六, not 1950L10-26)."""
        if self.rule == "birthday_surname" and self.value:
            try:
                return PartialDate.from_iso(self.value).words("zh")
            except ValueError:
                return self.value
        return self.value

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "value": self.value, "strong": self.strong, "points": self.points}


@dataclass(frozen=True)
class DuplicatePair:
    first: int
    second: int
    names: tuple[str, str]
    score: int
    reasons: tuple[Reason, ...]

    @property
    def strong(self) -> bool:
        return any(r.strong for r in self.reasons)

    def to_json(self) -> dict[str, Any]:
        return {
            "ids": [self.first, self.second],
            "names": list(self.names),
            "score": self.score,
            "strong": self.strong,
            "reasons": [r.to_json() for r in self.reasons],
        }


@dataclass
class DuplicateReport:
    pairs: list[DuplicatePair] = field(default_factory=list)
    # Cards linked by pairs into groups of three or more (a guest typed in three times).
    groups: list[tuple[int, ...]] = field(default_factory=list)
    cards: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "cards": self.cards,
            "pairs": [p.to_json() for p in self.pairs],
            "groups": [list(g) for g in self.groups],
        }


# --- normalising ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _to_simplified() -> Any:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=131072)
def canonical(text: str) -> str:
    """Width-folded, lower-case, simplified characters, no spaces: how two spellings compare."""
    folded = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    return _to_simplified().convert(folded) if any(is_han(ch) for ch in folded) else folded


@lru_cache(maxsize=16384)
def _syllable(char: str) -> str:
    readings = pinyin(char, style=Style.TONE3, errors="ignore")
    return readings[0][0] if readings and readings[0] else ""


@lru_cache(maxsize=131072)
def name_reading(name: str) -> str:
    """The pinyin with tones of a Chinese name of two or more characters (``wang2 jian4 guo2``); ''
    for other names."""
    if len(name) < 2 or not all(is_han(ch) for ch in name):
        return ""
    syllables = [_syllable(ch) for ch in name]
    return " ".join(syllables) if all(syllables) else ""


def phone_numbers(digits: str | None) -> frozenset[str]:
    """Each number's digits without the country code, long enough to be a whole number."""
    if not digits:
        return frozenset()
    numbers = set()
    for number in digits.split():
        if number[:1] == "8" and number.startswith("86") and len(number) == 13:
            number = number[2:]
        elif number[:1] == "0" and number.startswith("0086"):
            number = number[4:]
        if len(number) >= MIN_PHONE_DIGITS:
            numbers.add(number)
    return frozenset(numbers)


class Material(NamedTuple):
    """A card's values as the rules compare them, computed once per card."""

    id: int
    name: str
    canonical_name: str
    company: str
    email: str
    birthday: str  # with its year only
    reading: str
    phones: frozenset[str]


_NAMES: dict[str, tuple[str, str]] = {}  # name → (canonical, reading): names recur from card to card
_new_material = tuple.__new__


def material(keys: CardKeys) -> Material:
    card_id, name, company, email, birthday, phones = keys
    name = name or ""
    known = _NAMES.get(name)
    if known is None:
        if len(_NAMES) > 200_000:
            _NAMES.clear()
        canonical_name = canonical(name)
        known = _NAMES[name] = (canonical_name, name_reading(canonical_name))
    if email:
        email = email.strip().casefold()
        email = email if "@" in email else ""
    if birthday and birthday[0] == "-":
        birthday = ""
    numbers = (frozenset((phones,)) if len(phones) == 11 else phone_numbers(phones)) if phones else _NO_PHONES
    return _new_material(Material, (card_id, name, known[0], canonical(company) if company else "",
                                    email or "", birthday or "", known[1], numbers))


_NO_PHONES: frozenset[str] = frozenset()


def keys_of(customer: Customer) -> CardKeys:
    """A card not (yet) in the database, as the rules see it (an incoming import row)."""
    phones = phone_digits((customer.phone, *(str(customer.fields.get(k) or "") for k in PHONE_FIELDS)))
    birthday = customer.birthday.iso() if customer.birthday else None
    return CardKeys(customer.id or 0, customer.name, customer.company, customer.email, birthday, phones)


def block_keys(card: Material) -> Iterable[tuple[str, str]]:
    """The keys under which a card meets the cards it may be a duplicate of."""
    for number in card.phones:
        yield "phone", number
    if card.email:
        yield "email", card.email
    if card.company and card.canonical_name:
        yield "name_company", f"{card.canonical_name}\x00{card.company}"
    if card.birthday and card.canonical_name:
        yield "birthday_surname", f"{card.canonical_name[0]}\x00{card.birthday}"
    if card.reading:
        yield "pinyin", card.reading


# --- the rules -----------------------------------------------------------------------------------


def reasons_between(a: Material, b: Material) -> list[Reason]:
    """Every rule and bonus that holds for the two cards (none: not duplicates)."""
    found: list[Reason] = []
    shared = sorted(a.phones & b.phones)
    if shared:
        found.append(Reason("phone", shared[0]))
    if a.email and a.email == b.email:
        found.append(Reason("email", a.email))
    same_name = bool(a.canonical_name) and a.canonical_name == b.canonical_name
    same_company = bool(a.company) and a.company == b.company
    if same_name and same_company:
        found.append(Reason("name_company", b.name))
    if a.birthday and a.birthday == b.birthday and a.canonical_name[:1] == b.canonical_name[:1]:
        found.append(Reason("birthday_surname", a.birthday))
    if a.reading and a.reading == b.reading and a.name != b.name:
        differing = sum(map(str.__ne__, a.canonical_name, b.canonical_name))
        if differing <= 1:  # 0: the same name in traditional and simplified characters
            found.append(Reason("pinyin", f"{a.name} / {b.name}"))
    if not found:
        return []
    if same_name and not any(r.rule == "name_company" for r in found):
        found.append(Reason("same_name", b.name))
    if same_company and not any(r.rule == "name_company" for r in found):
        found.append(Reason("same_company", b.company))
    return found


def score_of(reasons: Sequence[Reason]) -> int:
    return min(100, sum(r.points for r in reasons))


def scan(
    cards: Iterable[CardKeys], *, excluded: set[tuple[int, int]] = frozenset(), min_score: int = 0  # type: ignore[assignment]
) -> DuplicateReport:
    """The ranked pairs (and groups) among ``cards``; pairs in ``excluded`` (smaller id first) are
    left out."""
    materials: list[Material] = []
    blocks: dict[tuple[str, str], list[int]] = {}
    # The pinyin block by name: two cards of one name are no pinyin pair (the other rules find them).
    readings: dict[str, dict[str, list[int]]] = {}
    read_by: dict[str, int] = {}  # how many cards each reading has (a block too large is passed over)
    for keys in cards:
        card = material(keys)
        index = len(materials)
        materials.append(card)
        for key in block_keys(card):
            if key[0] == "pinyin":
                readings.setdefault(key[1], {}).setdefault(card.name, []).append(index)
                read_by[key[1]] = read_by.get(key[1], 0) + 1
            else:
                blocks.setdefault(key, []).append(index)
    candidates: set[tuple[int, int]] = set()
    for (rule, _key), members in blocks.items():
        if 2 <= len(members) <= BLOCK_LIMITS[rule]:
            candidates.update(combinations(members, 2))
    limit = BLOCK_LIMITS["pinyin"]
    for reading, by_name in readings.items():
        if len(by_name) < 2 or read_by[reading] > limit:
            continue
        for (_name_a, first), (_name_b, second) in combinations(by_name.items(), 2):
            # Decided once per two names, not per two cards: most names read alike differ in more.
            a, b = materials[first[0]].canonical_name, materials[second[0]].canonical_name
            if sum(map(str.__ne__, a, b)) <= 1:
                candidates.update((i, j) for i in first for j in second)
    pairs = []
    for i, j in candidates:
        a, b = materials[i], materials[j]
        if a.id > b.id:
            a, b = b, a
        if (a.id, b.id) in excluded or a.id == b.id:
            continue
        reasons = reasons_between(a, b)
        score = score_of(reasons)
        if reasons and score >= min_score:
            reasons.sort(key=lambda r: -r.points)
            pairs.append(DuplicatePair(a.id, b.id, (a.name, b.name), score, tuple(reasons)))
    pairs.sort(key=lambda p: (-p.score, p.first, p.second))
    return DuplicateReport(pairs=pairs, groups=_groups(pairs), cards=len(materials))


def _groups(pairs: Sequence[DuplicatePair]) -> list[tuple[int, ...]]:
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        parent[root(pair.first)] = root(pair.second)
    members: dict[int, list[int]] = {}
    for node in parent:
        members.setdefault(root(node), []).append(node)
    return sorted((tuple(sorted(m)) for m in members.values() if len(m) > 2), key=lambda g: g[0])


# --- the services --------------------------------------------------------------------------------


def find_duplicates(db: Database, *, min_score: int = 0) -> DuplicateReport:
    """Every pair of cards that are probably one guest, best first (not those marked different)."""
    with db.session() as session:
        excluded = store.not_duplicate_pairs(session)
        return scan(store.all_card_keys(session), excluded=excluded, min_score=min_score)


def mark_not_duplicate(db: Database, first: int, second: int) -> None:
    """The two cards are different guests: never proposed as duplicates again."""
    if first == second:
        raise ValueError("a card is not a duplicate of itself")
    with db.session() as session:
        store.mark_not_duplicate(session, first, second)


def unmark_not_duplicate(db: Database, first: int, second: int) -> None:
    with db.session() as session:
        store.unmark_not_duplicate(session, first, second)


# --- at import -----------------------------------------------------------------------------------


class ImportMatch(NamedTuple):
    customer_id: int
    reasons: tuple[Reason, ...]

    @property
    def weak(self) -> bool:
        """Matched without a strong rule (the manager checks these)."""
        return not any(r.strong for r in self.reasons)


def import_match(incoming: Customer, candidates: Sequence[CardKeys]) -> ImportMatch | None:
    """The existing card (among ``candidates``, e.g. those sharing a phone or name) an incoming
    row is, by the duplicate rules: a strong rule, or the same name with a weak one (the same
    birthday; or traditional and simplified spellings of it, with the same company or birthday).
    The best-scoring one; the earliest card on a tie."""
    row = material(keys_of(incoming))
    best: tuple[int, int, tuple[Reason, ...]] | None = None
    for keys in candidates:
        card = material(keys)
        reasons = reasons_between(row, card)
        if not reasons and row.canonical_name == card.canonical_name and keys.birthday and (
            incoming.birthday and incoming.birthday.iso() == keys.birthday
        ):  # one name and one day, the year unknown: enough for one file's rows (not for the scan)
            reasons = [Reason("birthday_surname", keys.birthday), Reason("same_name", keys.name)]
        if not _enough_for_import(reasons):
            continue
        score = score_of(reasons)
        if best is None or (score, -keys.id) > (best[0], -best[1]):
            best = (score, keys.id, tuple(sorted(reasons, key=lambda r: -r.points)))
    return None if best is None else ImportMatch(best[1], best[2])


def _enough_for_import(reasons: Sequence[Reason]) -> bool:
    rules = {r.rule for r in reasons}
    if any(r.strong for r in reasons):
        return True
    if "same_name" in rules and "birthday_surname" in rules:
        return True
    return "pinyin" in rules and bool(rules & {"same_company", "birthday_surname"})


_NAME_COMPANY = (Reason("name_company", ""),)


def same_name_match(company: str, birthday: str | None, name: str,
                    candidates: Iterable[tuple[int, str, str | None]]) -> ImportMatch | None:
    """``import_match`` for the import's commonest case, fast: candidates of the row's very name,
    known by (id, ``canonical`` company or '', ISO birthday or None) only — no phone or e-mail of
    theirs is compared. Of the rules, only these can then hold: the same name and company (strong,
    55 points; 85 with the same birthday), or the same name and birthday (weak, 55 points). The
    best-scoring one; the earliest card on a tie (as ``import_match``, a provisional negative id
    first). ``company`` is the row's canonical company ('' for none)."""
    best: tuple[int, int, bool] | None = None  # (score, id, by company)
    for card_id, card_company, card_birthday in candidates:
        same_day = bool(birthday) and birthday == card_birthday
        if company and company == card_company:
            score, by_company = (85 if same_day and birthday[0] != "-" else 55), True  # type: ignore[index]
        elif same_day:
            score, by_company = 55, False
        else:
            continue
        if best is None or (score, -card_id) > (best[0], -best[1]):
            best = (score, card_id, by_company)
    if best is None:
        return None
    score, card_id, by_company = best
    if by_company:
        reasons = [Reason("name_company", name)]
        if score == 85:
            reasons.append(Reason("birthday_surname", birthday or ""))
    else:
        reasons = [Reason("birthday_surname", birthday or ""), Reason("same_name", name)]
    return ImportMatch(card_id, tuple(reasons))
