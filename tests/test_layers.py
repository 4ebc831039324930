"""The layers, read from the imports of every module (docs/architecture.md).

gui/cli → services → storage → domain; forms, io and printing are Qt-free and database-free;
SQL (SQLAlchemy) lives in storage. The rules are checked on every import statement, including
those written inside functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "guestcard"

# The parts of guestcard each part may import (besides itself and the shared helpers below).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "forms": {"domain"},
    "io": {"domain", "forms"},
    "printing": {"domain", "forms"},
    "storage": {"domain", "forms"},
    "services": {"domain", "forms", "io", "printing", "storage"},
    "cli": {"domain", "forms", "io", "printing", "storage", "services", "gui"},  # gui: to open the window
    "gui": {"domain", "forms", "io", "printing", "storage", "services"},
}
SHARED = {"settings", "paths", "logsetup", "__init__", "__main__"}  # plain helpers any part may use
QT_FREE = {"domain", "forms", "io", "printing", "storage", "services", "cli"}
SQL_FREE = {"domain", "forms", "io", "printing", "gui"}

# What storage offers the layers above: its package and these modules (not models, not names
# starting with "_"). Services and shells speak to storage through plain dataclasses.
STORAGE_PRIVATE_MODULES = {"models", "models_base", "models_staff", "convert", "search_index", "migrate", "migrations"}

# Debt known when this test was written (issue 21): each entry is a module and what it may still
# import against the rules. The list only shrinks; a new entry is a design decision to discuss.
KNOWN_DEBT: dict[str, set[str]] = {}


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(SOURCE.rglob("*.py")):
        yield path.relative_to(SOURCE).as_posix(), path


def _part(relative: str) -> str:
    head = relative.split("/", 1)[0]
    return head.removesuffix(".py")


def _imports(path: Path) -> Iterator[str]:
    """Every imported name, dotted: ``guestcard.storage.search._filtered`` for a from-import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = path.is_relative_to(SOURCE)
    package = ".".join(("guestcard", *path.relative_to(SOURCE).with_suffix("").parts[:-1])) if inside else ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            yield module
            for alias in node.names:
                yield f"{module}.{alias.name}"


def _violations(relative: str, path: Path) -> set[str]:
    part = _part(relative)
    found: set[str] = set()
    for name in _imports(path):
        top = name.split(".")[0]
        if top == "PySide6" and part in QT_FREE:
            found.add("PySide6")
        if top in {"sqlalchemy", "alembic"} and part in SQL_FREE | {"services", "cli"}:
            found.add(top)
        if top != "guestcard" or name.count(".") < 1:
            continue
        target = name.split(".")[1]
        if target in SHARED or target == part or target.startswith("__"):
            continue
        if target not in ALLOWED.get(part, set()) and part in ALLOWED:
            found.add(f"guestcard.{target}")
        if target == "storage" and part != "storage":
            pieces = name.split(".")
            if len(pieces) > 2 and pieces[2] in STORAGE_PRIVATE_MODULES:
                found.add(".".join(pieces[:3]))
            if any(piece.startswith("_") and not piece.startswith("__") for piece in pieces[2:]):
                found.add(name)
    return found


@pytest.mark.parametrize("relative", [r for r, _ in _modules()])
def test_every_module_keeps_to_its_layer(relative: str) -> None:
    path = SOURCE / relative
    extra = _violations(relative, path) - KNOWN_DEBT.get(relative, set())
    assert not extra, f"{relative} imports {sorted(extra)} against the layers (docs/architecture.md)"


def test_the_known_debt_is_still_owed() -> None:
    """An entry whose debt is paid is removed, so the list shows what is left."""
    for relative, names in KNOWN_DEBT.items():
        path = SOURCE / relative
        if not path.exists():
            pytest.fail(f"{relative}: gone; remove it from KNOWN_DEBT")
        paid = names - _violations(relative, path)
        assert not paid, f"{relative} no longer imports {sorted(paid)}: remove it from KNOWN_DEBT"


def test_the_rules_catch_what_they_forbid(tmp_path: Path) -> None:
    """The checker itself: a Qt import in io and a private storage name in services are found."""
    fake = SOURCE / "io" / "readers.py"
    assert _violations("io/readers.py", fake) == set()
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nfrom guestcard.storage.search import _filtered\n")
    assert _violations("io/bad.py", bad) == {"PySide6", "guestcard.storage", "guestcard.storage.search._filtered"}
    assert _violations("services/bad.py", bad) == {"PySide6", "guestcard.storage.search._filtered"}
    assert _violations("gui/bad.py", bad) == {"guestcard.storage.search._filtered"}
