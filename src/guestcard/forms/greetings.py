"""Greeting texts as data: templates per occasion, in Chinese and English, with placeholders.

The shipped texts are ``forms/greetings/*.toml``; a user's own (same format, only the occasions
they change) in the ``greetings`` folder of their forms folder win. The format is documented in
the shipped file: ``[occasion]`` tables with ``zh`` and ``en``; ``{称呼}``/``{salutation}``-style
placeholders; a part in ``[square brackets]`` is left out when a placeholder inside it is empty.
A template naming an unknown placeholder is refused (``TemplateError`` naming the file, the
occasion and the placeholder) when loaded and when saved.
"""

from __future__ import annotations

import json
import os
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Every placeholder name a template may use → the value it stands for.
PLACEHOLDERS: dict[str, str] = {
    "称呼": "salutation", "salutation": "salutation",
    "姓名": "name", "name": "name",
    "姓": "surname", "surname": "surname",
    "年龄": "age", "age": "age",
    "菜": "dish", "dish": "dish",
    "酒水": "drink", "drink": "drink",
    "包间": "room", "room": "room",
    "节日": "festival", "festival": "festival",
    "经理": "manager", "manager": "manager",
    "酒店": "hotel", "hotel": "hotel",
}
VALUES = tuple(dict.fromkeys(PLACEHOLDERS.values()))
LANGS = ("zh", "en")
# The occasions a greeting is for; "festival.KEY" (a key of domain.festivals) refines "festival".
OCCASIONS = ("birthday", "lunar_birthday", "anniversary", "festival", "miss_you", "thank_you")
FILE_NAME = "greetings.toml"

_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")


class TemplateError(ValueError):
    """A greeting template that cannot be used; the message names where and why."""


@dataclass(frozen=True)
class Template:
    occasion: str
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def placeholders_in(text: str) -> list[str]:
    """The placeholder names of ``text`` in order (``ValueError`` for unbalanced braces)."""
    return [name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None]


def check_text(text: str, where: str) -> None:
    """``TemplateError`` naming ``where`` and the first unknown or malformed placeholder."""
    try:
        names = placeholders_in(text)
    except ValueError as exc:
        raise TemplateError(f"{where}: {exc} (write braces only around a placeholder)") from None
    for name in names:
        if name not in PLACEHOLDERS:
            known = "、".join(k for k in PLACEHOLDERS if not k.isascii())
            raise TemplateError(f"{where}: unknown placeholder {{{name}}} (known: {known} or their English names)")
    if text.count("[") != text.count("]"):
        raise TemplateError(f"{where}: a [ has no ] (square brackets mark a part left out when empty)")


def _occasion_ok(occasion: str) -> bool:
    from guestcard.domain.festivals import FESTIVAL_KEYS  # lazy: it loads the lunar calendar (~25 ms), not for --help

    head, _, festival = occasion.partition(".")
    return occasion in OCCASIONS or (head == "festival" and festival in FESTIVAL_KEYS)


def _read(path: Path) -> dict[str, Template]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: not valid TOML ({exc})") from None
    found: dict[str, Template] = {}

    def take(occasion: str, table: object) -> None:
        if not isinstance(table, dict):
            raise TemplateError(f"{path}: [{occasion}] must be a table with zh and en")
        texts = {lang: table.get(lang) for lang in LANGS}
        nested = {k: v for k, v in table.items() if isinstance(v, dict)}
        if any(isinstance(v, str) for v in texts.values()):
            if not _occasion_ok(occasion):
                raise TemplateError(f"{path}: [{occasion}] is not an occasion ({', '.join(OCCASIONS)}, festival.KEY)")
            for lang, text in texts.items():
                if text is not None and not isinstance(text, str):
                    raise TemplateError(f"{path}: [{occasion}] {lang} must be text")
                if text is not None:
                    check_text(text, f"{path}: [{occasion}] {lang}")
            found[occasion] = Template(occasion, texts["zh"] or "", texts["en"] or "")
        for key, sub in nested.items():
            take(f"{occasion}.{key}", sub)

    for occasion, table in data.items():
        take(occasion, table)
    return found


def load_templates(shipped: Path, user: Path | None = None) -> dict[str, Template]:
    """The shipped templates, each occasion replaced by the user's where they wrote one."""
    templates: dict[str, Template] = {}
    for folder in (shipped, user):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            for occasion, template in _read(path).items():
                earlier = templates.get(occasion)
                if earlier is not None and folder == user:  # a user's file may change one language only
                    template = Template(occasion, template.zh or earlier.zh, template.en or earlier.en)
                templates[occasion] = template
    # A text in one language only serves both.
    return {k: Template(k, t.zh or t.en, t.en or t.zh) for k, t in templates.items()}


def template_for(templates: Mapping[str, Template], occasion: str) -> Template | None:
    """The template of ``occasion``; a festival without its own falls back to ``festival``."""
    return templates.get(occasion) or (templates.get("festival") if occasion.startswith("festival.") else None)


def fill(text: str, values: Mapping[str, str | None]) -> str:
    """``text`` with its placeholders filled from ``values`` (keyed as ``VALUES``); a
    ``[part]`` with an empty placeholder is left out, the brackets of the others dropped."""

    def value(name: str) -> str:
        return str(values.get(PLACEHOLDERS[name]) or "")

    def optional(match: re.Match[str]) -> str:
        part = match.group(1)
        if any(not value(name) for name in placeholders_in(part)):
            return ""
        return part

    text = _OPTIONAL.sub(optional, text)
    return string.Formatter().vformat(text, (), _Filled(value))


class _Filled(dict):  # type: ignore[type-arg]
    def __init__(self, value: object) -> None:
        super().__init__()
        self._value = value

    def __missing__(self, key: str) -> str:
        return self._value(key)  # type: ignore[operator]


def save_template(folder: Path, occasion: str, lang: str, text: str) -> Path:
    """Write one occasion's text in ``lang`` into the user's ``greetings.toml`` in ``folder``
    (checked first: nothing is written for a template that would be refused)."""
    if lang not in LANGS:
        raise TemplateError(f"{lang}: the language is zh or en")
    if not _occasion_ok(occasion):
        raise TemplateError(f"{occasion}: not an occasion ({', '.join(OCCASIONS)}, festival.KEY)")
    check_text(text, f"{occasion} {lang}")
    path = folder / FILE_NAME
    current = _read(path) if path.exists() else {}
    old = current.get(occasion)
    current[occasion] = Template(occasion, text if lang == "zh" else (old.zh if old else ""),
                                 text if lang == "en" else (old.en if old else ""))
    lines = ["# Your own greeting texts (guestcard greetings set); see the shipped greetings.toml.", ""]
    for key in sorted(current):
        template = current[key]
        lines.append(f"[{key}]")
        for code in LANGS:
            value = template.text(code)
            if value:
                lines.append(f"{code} = {json.dumps(value, ensure_ascii=False)}")  # a JSON string is TOML
        lines.append("")
    folder.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.partial")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    os.replace(temporary, path)
    _read(path)  # what was written reads back
    return path
