"""Column headers → form field keys, through the fields' labels and aliases or a user mapping.

A header is compared after ``norm_header``: NFKC (full-width → half-width), lower case, no spaces,
no trailing ``:``/``：``/``*``. When the whole header is not known, a trailing bracket is dropped
(``年消费额（元）``, ``生日(公历)``), and a word of liking around a field's noun is looked through
(``喜欢的包间``, ``爱喝的酒水``, ``口味偏好``, ``Favourite room`` reach the field whose names hold that
noun). Each field answers to its key, its zh and en labels and its aliases; ties go to the earlier
name (labels first, then aliases in order), so of two columns 手机 and 电话 the first claims
``phone`` and the other is kept as an extra column.

When one header is a name of two fields, the shallower card wins: the core fields first, then the
guest history card's own fields, then the other cards in their order (``Drinks`` is the core
favourite drinks, not the 61-question card's "40. Drinks alcohol?"); within one card a key or a
label wins over an alias. ``header_conflicts`` lists every such header (``guestcard forms check``).

Targets besides field keys: ``None`` ignores a column (序号, No.); ``"id"`` is the customer id our
export writes; ``"tags"``; ``"raw:KEY"`` a column of original text (``生日（原文）``) written by our
export for values that were not understood; ``"extra:HEADER"`` keeps a column under its header;
``"corporate_name"`` (单位名称) is the customer's name on a sheet of organisations.

A user mapping (``load_mapping``: a JSON object ``{"header": "field_key" | null}``) is consulted
first; its values may also be ``"extra"`` (keep under the header) or any target above.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from guestcard.domain.messages import Code
from guestcard.forms import FieldSpec, FormLibrary
from guestcard.io.results import ImportRefused

IGNORED_HEADERS = ("序号", "序", "行号", "no", "no.", "#", "s/n", "sn", "nr", "nº")
ID_HEADERS = ("系统编号", "record id", "recordid", "id")
TAG_HEADERS = ("标签", "tags", "tag")
CORPORATE_NAME_HEADERS = ("单位名称", "企业名称", "公司名称", "单位全称", "客户单位", "机构名称",
                          "organisation name", "organization name", "company name")
RAW_SUFFIXES = ("原文", "original text", "original")

_SPACES = re.compile(r"\s+")
_TRAILING_BRACKET = re.compile(r"^(.+?)\(([^()]*)\)$")
_RAW = re.compile(r"^(.+?)\((原文|originaltext|original)\)$")
# Words of liking around a field's noun (normalised: lower case, no spaces), longest first.
_LIKING_PREFIXES = ("喜欢吃的", "喜欢喝的", "喜欢的", "喜欢", "爱吃的", "爱喝的", "爱吃", "爱喝", "喜爱的", "喜爱",
                    "偏好的", "偏好", "喜好的", "喜好", "偏爱的", "偏爱", "常点的", "常点", "常用的", "常用",
                    "最爱的", "最爱", "favourite", "favorite", "preferred", "fav.", "fav")
_LIKING_SUFFIXES = ("喜好", "偏好", "偏爱", "preferences", "preference")
FIRST_CARD = "guest_history"  # the card whose own fields come right after the core ones


def liked_noun(normal: str) -> str:
    """A normalised header without a word of liking around it (``喜欢的包间`` → ``包间``)."""
    for prefix in _LIKING_PREFIXES:
        if normal.startswith(prefix) and len(normal) > len(prefix):
            normal = normal[len(prefix):]
            break
    for suffix in _LIKING_SUFFIXES:
        if normal.endswith(suffix) and len(normal) > len(suffix):
            return normal[: -len(suffix)]
    return normal


def norm_header(text: object) -> str:
    value = unicodedata.normalize("NFKC", str(text)).lower()
    value = _SPACES.sub("", value)
    value = value.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    return value.strip(":*").strip()


@dataclass(frozen=True, slots=True)
class Match:
    target: str | None  # field key or special target; None = ignore the column
    rank: int  # lower wins when two columns claim one field


@dataclass(frozen=True, slots=True)
class HeaderConflict:
    """A header two or more fields answer to, the field that gets it, and why."""

    header: str  # normalised
    winner: str  # field key
    losers: tuple[str, ...]  # the other fields answering to it, as "key (where: label|alias)"
    reason: str


def field_tiers(library: FormLibrary) -> list[tuple[str, list[FieldSpec]]]:
    """The fields by precedence: core, the guest history card's own, then each other card's own."""
    placed = set(library.core)
    tiers: list[tuple[str, list[FieldSpec]]] = [("core fields", list(library.core.values()))]
    forms = sorted(library.forms.values(), key=lambda f: f.id != FIRST_CARD)  # stable: card order kept
    for form in forms:
        own = [library.fields.get(s.key, s) for s in form.fields() if s.key not in placed]
        placed.update(s.key for s in own)
        if own:
            tiers.append((f"card {form.id}", own))
    return tiers


class HeaderIndex:
    """Every name each field answers to, normalised."""

    def __init__(self, library: FormLibrary, mapping: Mapping[str, str | None] | None = None) -> None:
        self.library = library
        self._names: dict[str, Match] = {}
        self._user: dict[str, str | None] = {}
        # normalised name → every (field key, tier, how) answering to it, in precedence order
        self._claimants: dict[str, list[tuple[str, str, str]]] = {}
        for tier, specs in field_tiers(library):
            for spec in specs:
                for name in (spec.key, spec.label.zh, spec.label.en):
                    self._add(name, spec.key, 0, tier, "key or label")
            for spec in specs:
                for rank, alias in enumerate(spec.aliases, start=1):
                    self._add(alias, spec.key, rank, tier, "alias")
        self._nouns: dict[str, Match] = {}
        for normal, found in self._names.items():
            if found.target is not None:
                self._nouns.setdefault(liked_noun(normal), Match(found.target, found.rank + 200))
        for header in IGNORED_HEADERS:
            self._names[norm_header(header)] = Match(None, 0)
        for header in ID_HEADERS:
            self._names.setdefault(norm_header(header), Match("id", 0))
        for header in TAG_HEADERS:
            self._names.setdefault(norm_header(header), Match("tags", 0))
        for header in CORPORATE_NAME_HEADERS:
            self._names[norm_header(header)] = Match("corporate_name", 0)
        self.name_headers = {h for h, m in self._names.items() if m.target == "name"}
        for header, target in (mapping or {}).items():
            self._user[norm_header(header)] = self._check_target(target)

    def _add(self, name: str, key: str, rank: int, tier: str, how: str) -> None:
        normal = norm_header(name)
        if not normal:
            return
        claimants = self._claimants.setdefault(normal, [])
        if all(k != key for k, _t, _h in claimants):
            claimants.append((key, tier, how))
        if normal not in self._names:
            self._names[normal] = Match(key, rank)

    def conflicts(self) -> list[HeaderConflict]:
        """Every header more than one field answers to (see the module doc)."""
        found = []
        for normal, claimants in self._claimants.items():
            if len(claimants) < 2:
                continue
            (key, tier, how), others = claimants[0], claimants[1:]
            reasons = []
            for _k, other_tier, other_how in others:
                reasons.append(f"the {tier} come before the {other_tier}" if other_tier != tier
                               else f"in the {tier} a {how} comes before an {other_how}"
                               if how != other_how else f"in the {tier} the earlier field wins")
            found.append(HeaderConflict(normal, key, tuple(f"{k} ({t}: {h})" for k, t, h in others),
                                        "; ".join(dict.fromkeys(reasons))))
        return found

    def _check_target(self, target: str | None) -> str | None:
        if target is None:
            return None
        if not isinstance(target, str):
            raise ValueError(f"{target!r} is not a field key")
        if target in self.library.fields or target in ("id", "tags", "corporate_name"):
            return target
        if target == "extra" or target.startswith("extra:"):
            return target
        if target.startswith("raw:") and target[4:] in self.library.fields:
            return target
        keys = ", ".join(sorted(self.library.fields))
        raise ValueError(f"{target!r} is not a field key (known: {keys})")

    def match(self, header: str) -> Match | None:
        """What a header means; ``None`` when nothing claims it (kept as an extra column)."""
        normal = norm_header(header)
        if not normal:
            return None
        if normal in self._user:
            target = self._user[normal]
            if target == "extra":
                target = f"extra:{header.strip()}"
            return Match(target, -1)
        if normal in self._names:
            return self._names[normal]
        if m := _RAW.match(normal):
            inner = self._names.get(m.group(1))
            if inner is not None and inner.target in self.library.fields:
                return Match(f"raw:{inner.target}", 0)
        if m := _TRAILING_BRACKET.match(normal):  # 年消费额（元）, 生日(公历)
            inner = self._names.get(m.group(1).strip(":"))
            if inner is not None:
                return Match(inner.target, inner.rank + 100)
        noun = liked_noun(normal)
        if noun != normal and noun in self._nouns:  # 喜欢的包间, 酒水偏好
            return self._nouns[noun]
        return None

    def is_name_header(self, value: object) -> bool:
        return isinstance(value, str) and norm_header(value) in self.name_headers


def header_conflicts(library: FormLibrary) -> list[HeaderConflict]:
    return HeaderIndex(library).conflicts()


def load_mapping(path: Path) -> dict[str, str | None]:
    """A saved mapping: a JSON object of header → field key (or null to ignore the column)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ImportRefused.of(path, Code.CANNOT_BE_READ, exc.strerror or exc) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportRefused.of(path, Code.MAPPING_NOT_JSON, exc) from None
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()):
        raise ImportRefused.of(path, Code.MAPPING_NOT_OBJECT)
    return data
