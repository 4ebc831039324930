"""Read card forms from TOML files into frozen specs, with errors that name file, key and fault.

Layout of a form file::

    id = "guest_history"
    kind = "individual"                 # individual | corporate | any
    title = { zh = "客史档案卡", en = "Guest History Card" }

    [[sections]]
    id = "identity"
    title = { zh = "基本信息", en = "Identity" }
    columns = 4

    [[sections.fields]]
    key = "name"                        # a core field: defined once in core_fields.toml
    span = 2

    [[sections.fields]]
    key = "preferred_seat"
    type = "text"
    label = { zh = "喜欢的包房/座位", en = "Preferred room or table" }
    aliases = ["包房", "座位"]

Core fields (name, phone, birthday, class…) are described once in ``core_fields.toml`` and only
referenced by key from forms, so every card shows the same value with the same label.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from guestcard.domain.model import CORE_FIELDS, CUSTOMER_KINDS
from guestcard.forms.spec import Choice, FieldSpec, FieldType, FormSpec, Label, SectionSpec

CORE_FILE = "core_fields.toml"
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_FORM_KINDS = (*CUSTOMER_KINDS, "any")
# What a form may change about a core field it places on its card.
_CORE_OVERRIDES = {"key", "span", "lines", "required"}
_FIELD_KEYS = {
    "key",
    "type",
    "label",
    "required",
    "confidential",
    "aliases",
    "choices",
    "span",
    "lines",
    "help",
}
_FORM_KEYS = {"id", "kind", "title", "description", "order", "sections", "blank_tables"}
BLANK_TABLES = ("visits", "contacts")
_SECTION_KEYS = {"id", "title", "columns", "fields"}


class FormError(ValueError):
    """A form file that cannot be used; the message names the file, the key and the fault."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        self.source, self.where, self.problem = source, where, problem
        super().__init__(f"{source}: {where}: {problem}" if where else f"{source}: {problem}")


@dataclass
class _Reader:
    """Checks one TOML table at a time, remembering where it is for error messages."""

    source: str

    def fail(self, where: str, problem: str) -> FormError:
        return FormError(self.source, where, problem)

    def table(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be a table, not {type(value).__name__}")
        return value

    def string(self, data: Mapping[str, Any], key: str, where: str, *, default: str | None = None) -> str:
        value = data.get(key, default)
        if value is None:
            raise self.fail(f"{where}.{key}" if where else key, "is missing")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}" if where else key, "must be a non-empty string")
        return value

    def ident(self, data: Mapping[str, Any], key: str, where: str) -> str:
        value = self.string(data, key, where)
        if not _KEY.fullmatch(value):
            raise self.fail(
                f"{where}.{key}" if where else key,
                f"{value!r} must be lower-case letters, digits and _ (like 'favorite_dishes')",
            )
        return value

    def label(self, value: Any, where: str) -> Label:
        if value is None:
            raise self.fail(where, "is missing (a table with zh and en)")
        data = self.table(value, where)
        unknown = set(data) - {"zh", "en"}
        if unknown:
            raise self.fail(where, f"unknown language {sorted(unknown)[0]!r} (use zh and en)")
        return Label(zh=self.string(data, "zh", where), en=self.string(data, "en", where))

    def integer(self, data: Mapping[str, Any], key: str, where: str, default: int, lo: int, hi: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.fail(
                f"{where}.{key}" if where else key, f"must be a whole number from {lo} to {hi}, not {value!r}"
            )
        return value

    def boolean(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", f"must be true or false, not {value!r}")
        return value

    def strings(self, data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{where}.{key}", "must be a list of non-empty strings")
        return tuple(value)

    def choices(self, data: Mapping[str, Any], where: str) -> tuple[Choice, ...]:
        value = data.get("choices", [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.choices", "must be a list of tables with value, zh and en")
        result = []
        seen: set[str] = set()
        for i, item in enumerate(value):
            here = f"{where}.choices[{i}]"
            item = self.table(item, here)
            choice_value = self.string(item, "value", here)
            if choice_value in seen:
                raise self.fail(here, f"value {choice_value!r} appears twice")
            seen.add(choice_value)
            label = Label(zh=self.string(item, "zh", here), en=self.string(item, "en", here))
            result.append(Choice(choice_value, label))
        return tuple(result)

    def field(self, data: Mapping[str, Any], where: str, *, core: bool = False) -> FieldSpec:
        unknown = set(data) - _FIELD_KEYS
        if unknown:
            raise self.fail(f"{where}.{sorted(unknown)[0]}", f"is not a field setting (use {sorted(_FIELD_KEYS)})")
        key = self.ident(data, "key", where)
        type_name = self.string(data, "type", where)
        try:
            field_type = FieldType(type_name)
        except ValueError:
            names = ", ".join(t.value for t in FieldType)
            raise self.fail(f"{where}.type", f"{type_name!r} is not a field type ({names})") from None
        choices = self.choices(data, where)
        if field_type in (FieldType.CHOICE, FieldType.MULTICHOICE) and not choices:
            raise self.fail(f"{where}.choices", f"a {field_type.value} field needs at least one choice")
        if choices and field_type not in (FieldType.CHOICE, FieldType.MULTICHOICE):
            raise self.fail(f"{where}.choices", f"only choice and multichoice fields have choices, not {type_name}")
        return FieldSpec(
            key=key,
            type=field_type,
            label=self.label(data.get("label"), f"{where}.label"),
            required=self.boolean(data, "required", where),
            confidential=self.boolean(data, "confidential", where),
            aliases=self.strings(data, "aliases", where),
            choices=choices,
            span=self.integer(data, "span", where, 1, 1, 6),
            lines=self.integer(data, "lines", where, 3 if field_type is FieldType.LONGTEXT else 1, 1, 20),
            help=self.label(data["help"], f"{where}.help") if "help" in data else None,
            core=core,
        )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise FormError(str(path), "", f"not valid TOML ({exc})") from None
    except OSError as exc:
        raise FormError(str(path), "", f"cannot be read ({exc.strerror or exc})") from None


def load_core_fields(path: Path) -> dict[str, FieldSpec]:
    """The core fields' labels, types and aliases; their keys are fixed by the database."""
    reader = _Reader(str(path))
    data = _read_toml(path)
    items = data.get("fields")
    if not isinstance(items, list):
        raise reader.fail("fields", "is missing (a list of [[fields]] tables)")
    core: dict[str, FieldSpec] = {}
    for i, item in enumerate(items):
        spec = reader.field(reader.table(item, f"fields[{i}]"), f"fields[{i}]", core=True)
        if spec.key not in CORE_FIELDS:
            raise reader.fail(f"fields[{i}].key", f"{spec.key!r} is not a core field ({', '.join(CORE_FIELDS)})")
        if spec.key in core:
            raise reader.fail(f"fields[{i}].key", f"{spec.key!r} is defined twice")
        core[spec.key] = spec
    missing = [key for key in CORE_FIELDS if key not in core]
    if missing:
        raise reader.fail("fields", f"core field {missing[0]!r} is not defined")
    return core


def parse_form(data: Mapping[str, Any], source: str, core: Mapping[str, FieldSpec]) -> FormSpec:
    reader = _Reader(source)
    if unknown := set(data) - _FORM_KEYS:
        raise reader.fail(sorted(unknown)[0], f"is not a form setting (use {sorted(_FORM_KEYS)})")
    form_id = reader.ident(data, "id", "")
    kind = data.get("kind", "any")
    if kind not in _FORM_KINDS:
        raise reader.fail("kind", f"{kind!r} must be one of {', '.join(_FORM_KINDS)}")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise reader.fail("sections", "is missing (at least one [[sections]] table)")
    sections = []
    seen: dict[str, str] = {}
    for s, raw_section in enumerate(raw_sections):
        where = f"sections[{s}]"
        section_data = reader.table(raw_section, where)
        if unknown := set(section_data) - _SECTION_KEYS:
            raise reader.fail(
                f"{where}.{sorted(unknown)[0]}", f"is not a section setting (use {sorted(_SECTION_KEYS)})"
            )
        raw_fields = section_data.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            raise reader.fail(f"{where}.fields", "is missing (at least one [[sections.fields]] table)")
        columns = reader.integer(section_data, "columns", where, 2, 1, 6)
        specs = []
        for f, raw_field in enumerate(raw_fields):
            here = f"{where}.fields[{f}]"
            field_data = reader.table(raw_field, here)
            key = reader.ident(field_data, "key", here)
            if key in core:
                extra = set(field_data) - _CORE_OVERRIDES
                if extra:
                    raise reader.fail(
                        f"{here}.{sorted(extra)[0]}",
                        f"{key!r} is a core field: a form may only set {sorted(_CORE_OVERRIDES)}",
                    )
                spec = replace(
                    core[key],
                    span=reader.integer(field_data, "span", here, core[key].span, 1, 6),
                    lines=reader.integer(field_data, "lines", here, core[key].lines, 1, 20),
                    required=reader.boolean(field_data, "required", here) or core[key].required,
                )
            else:
                spec = reader.field(field_data, here)
            if spec.span > columns:
                raise reader.fail(f"{here}.span", f"{spec.span} is wider than the section's {columns} columns")
            if key in seen:
                raise reader.fail(f"{here}.key", f"{key!r} is already used at {seen[key]}")
            seen[key] = here
            specs.append(spec)
        sections.append(
            SectionSpec(
                id=reader.ident(section_data, "id", where),
                title=reader.label(section_data.get("title"), f"{where}.title"),
                fields=tuple(specs),
                columns=columns,
            )
        )
    blank_tables = reader.strings(data, "blank_tables", "") if "blank_tables" in data else BLANK_TABLES
    if unknown_tables := [t for t in blank_tables if t not in BLANK_TABLES]:
        raise reader.fail("blank_tables", f"{unknown_tables[0]!r} is not a table (use {', '.join(BLANK_TABLES)})")
    return FormSpec(
        id=form_id,
        title=reader.label(data.get("title"), "title"),
        sections=tuple(sections),
        kind=kind,
        order=reader.integer(data, "order", "", 100, 0, 10_000),
        description=reader.label(data["description"], "description") if "description" in data else None,
        source=source,
        blank_tables=blank_tables,
    )


@dataclass(frozen=True)
class FormLibrary:
    """Every form the program knows, and the one definition of each field key across them."""

    core: Mapping[str, FieldSpec]
    forms: Mapping[str, FormSpec]
    fields: Mapping[str, FieldSpec] = field(default_factory=dict)

    def form(self, form_id: str) -> FormSpec:
        try:
            return self.forms[form_id]
        except KeyError:
            raise KeyError(f"no form {form_id!r} (forms: {', '.join(self.forms)})") from None

    def field(self, key: str) -> FieldSpec:
        return self.fields[key]


def _check_shared_keys(forms: Iterable[FormSpec], core: Mapping[str, FieldSpec]) -> dict[str, FieldSpec]:
    """A key means one value of the customer: two forms may share it only with the same type."""
    fields: dict[str, FieldSpec] = dict(core)
    origin: dict[str, str] = {key: CORE_FILE for key in core}
    for form in forms:
        for spec in form.fields():
            known = fields.get(spec.key)
            if known is None:
                fields[spec.key], origin[spec.key] = spec, form.source
            elif known.type is not spec.type:
                raise FormError(
                    form.source,
                    f"field {spec.key!r}",
                    f"is a {spec.type.value} here but a {known.type.value} in {origin[spec.key]}",
                )
    return fields


def form_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.toml") if p.name != CORE_FILE)


def load_library(builtin: Path, extra_folders: Iterable[Path] = ()) -> FormLibrary:
    """Load the shipped forms, then the user's (a user form replaces a shipped one of the same id)."""
    core = load_core_fields(builtin / CORE_FILE)
    forms: dict[str, FormSpec] = {}
    for folder in (builtin, *extra_folders):
        if not folder.is_dir():
            continue
        for path in form_files(folder):
            form = parse_form(_read_toml(path), str(path), core)
            forms[form.id] = form
    forms = dict(sorted(forms.items(), key=lambda item: (item[1].order, item[0])))
    return FormLibrary(core=core, forms=forms, fields=_check_shared_keys(forms.values(), core))


def check_form_file(path: Path, library: FormLibrary) -> FormSpec:
    """Validate one form file against the known core fields and forms (``guestcard forms check``)."""
    form = parse_form(_read_toml(path), str(path), library.core)
    others = [f for f in library.forms.values() if f.id != form.id]
    _check_shared_keys([*others, form], library.core)
    return form
