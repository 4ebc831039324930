"""No circle of imports between the window's files (issue 21).

A file that imports another (at the top or inside a function; ``if TYPE_CHECKING:`` imports are
for the type checker only and do not count) must not be imported back, directly or round a longer
circle: such circles are how a page ends up knowing the window that holds it. The graph is read
from the source, and its strongly connected components (Tarjan) must all be single files.

Limited to the files of the window this test watches (``OWNED``); the rest of the package has its
own test.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "guestcard"
GUI = SOURCE / "gui"

# The window's shell, its pages and the card: every module under gui/ except the packages and
# files other work owns (import wizard, insights, printing, dashboard, dialogs).
NOT_OWNED = ("import_wizard/", "insights_", "print_dialog.py", "dashboard.py", "dialogs.py")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _owned() -> dict[str, Path]:
    files = {}
    for path in sorted(GUI.rglob("*.py")):
        relative = path.relative_to(GUI).as_posix()
        if not relative.startswith(NOT_OWNED):
            files[_module_name(path)] = path
    return files


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imported(path: Path) -> Iterator[str]:
    """Every dotted name ``path`` imports at run time (module and ``module.name`` of a from-import)."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]

    def walk(node: ast.AST) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if _type_checking_block(child):
                continue
            if isinstance(child, ast.Import):
                yield from (alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                module = child.module or ""
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    module = ".".join([*base, module] if module else base)
                yield module
                yield from (f"{module}.{alias.name}" for alias in child.names)
            yield from walk(child)

    yield from walk(ast.parse(path.read_text(encoding="utf-8")))


def import_graph() -> dict[str, set[str]]:
    files = _owned()
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = {target for target in _imported(path) if target in files and target != name}
        graph[name] = targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one file (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_finder_sees_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_graph_reads_imports_inside_functions() -> None:
    graph = import_graph()
    assert "guestcard.gui.main_window" in graph
    # main_window opens the staff features inside __init__: a function-level import counts.
    assert "guestcard.gui.staff_window" in graph["guestcard.gui.main_window"]


def test_no_circles_between_the_window_files() -> None:
    assert circles(import_graph()) == []
