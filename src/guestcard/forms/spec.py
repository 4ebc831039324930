"""Frozen, Qt-free descriptions of the card forms, read from ``forms/*.toml``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class FieldType(StrEnum):
    """The closed set of field kinds: each has one editor widget and one PDF renderer."""

    TEXT = "text"
    LONGTEXT = "longtext"
    DATE = "date"  # may lack a year: "--03-02"
    PHONE = "phone"
    EMAIL = "email"
    NUMBER = "number"
    MONEY = "money"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    BOOL = "bool"


LANGUAGES = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Label:
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: Label


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    type: FieldType
    label: Label
    required: bool = False
    confidential: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    span: int = 1  # grid columns the field takes on screen and on paper
    lines: int = 1  # writing lines on a blank printed form (long text)
    help: Label | None = None
    core: bool = False  # stored in a customer column shared by every form

    def choice_label(self, value: str, lang: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label.text(lang)
        return value


@dataclass(frozen=True, slots=True)
class SectionSpec:
    id: str
    title: Label
    fields: tuple[FieldSpec, ...]
    columns: int = 2


@dataclass(frozen=True, slots=True)
class FormSpec:
    id: str
    title: Label
    sections: tuple[SectionSpec, ...]
    kind: str = "any"  # "individual", "corporate" or "any": the customers the card is for
    order: int = 100  # where the card stands among the others (tabs, listings)
    description: Label | None = None
    source: str = ""
    # The ruled tables on a blank of this form, as on its paper original (a filled card shows the
    # customer's visits and contacts whenever there are any).
    blank_tables: tuple[str, ...] = ("visits", "contacts")

    def applies_to(self, customer_kind: str) -> bool:
        return self.kind in ("any", customer_kind)

    def fields(self) -> Iterator[FieldSpec]:
        for section in self.sections:
            yield from section.fields

    def field(self, key: str) -> FieldSpec:
        for spec in self.fields():
            if spec.key == key:
                return spec
        raise KeyError(key)

    @property
    def field_count(self) -> int:
        return sum(len(section.fields) for section in self.sections)
