"""Files of one idea each (issue 21): no source file runs over ~500 lines unless its docstring says
which one idea it holds ("One idea"), and none over 600 lines at all."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "guestcard"
SOFT_LIMIT = 500
HARD_LIMIT = 600


def long_files() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > SOFT_LIMIT:
            found.append((str(path.relative_to(SOURCE)), lines, ast.get_docstring(ast.parse(text)) or ""))
    return found


def test_the_source_tree_is_where_the_check_looks() -> None:
    assert (SOURCE / "gui" / "main_window.py").is_file()


@pytest.mark.parametrize(("name", "lines", "docstring"), long_files() or [("(none)", 0, "One idea")])
def test_a_long_file_names_its_one_idea(name: str, lines: int, docstring: str) -> None:
    assert lines <= HARD_LIMIT, f"{name}: {lines} lines; split it by idea"
    assert "One idea" in docstring, f"{name}: {lines} lines and its docstring names no one idea"
