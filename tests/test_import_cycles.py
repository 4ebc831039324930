"""No circle of imports between the files of guestcard (issue 21).

A module that imports another (at the top or inside a function) must not be imported back by it,
directly or round a longer circle: a circle means neither file can be understood, tested or
loaded without the other. ``if TYPE_CHECKING:`` imports are for the type checker only and do not
count. The graph is read from the source with ``ast``: ``from a.b import c`` is an edge to the
module ``a.b.c`` when that is a file, else to ``a.b``; importing ``a.b.c`` runs ``a/__init__.py``
too, but that implicit step is not an edge (a package's ``__init__`` re-exporting its modules
would otherwise make a circle of every module that imports a sibling). Its strongly connected
components (Tarjan) must all be single files.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "guestcard"

def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imported(name: str, path: Path, files: dict[str, Path]) -> Iterator[str]:
    """The modules of ``files`` that the module ``name`` (the file ``path``) imports at run time."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def walk(node: ast.AST) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if _type_checking(child):
                continue
            if isinstance(child, ast.Import):
                yield from (alias.name for alias in child.names if alias.name in files)
            elif isinstance(child, ast.ImportFrom):
                module = child.module or ""
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    module = ".".join([*base, module] if module else base)
                for alias in child.names:
                    if f"{module}.{alias.name}" in files:
                        yield f"{module}.{alias.name}"  # a module of the package, not the package
                    elif module in files:
                        yield module
            yield from walk(child)

    yield from walk(ast.parse(path.read_text(encoding="utf-8")))


def import_graph(files: dict[str, Path] | None = None) -> dict[str, set[str]]:
    files = modules() if files is None else files
    return {name: set(imported(name, path, files)) - {name} for name, path in files.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, each sorted (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return sorted(found)


def test_the_finder_sees_circles_and_only_circles() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set(), "c": {"c"}}) == []
    assert circles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}) == [["a", "b"], ["c", "d"]]


def test_the_graph_reads_function_level_imports_and_skips_type_checking(tmp_path: Path) -> None:
    package = tmp_path / "guestcard"
    package.mkdir()
    (package / "a.py").write_text("def f():\n    from guestcard import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from guestcard.a import f\n"
        "from guestcard.c import x\n"
    )
    (package / "c.py").write_text("from . import a\nx = 1\n")
    files = {f"guestcard.{p.stem}": p for p in package.glob("*.py")}
    graph = import_graph(files)
    assert graph == {"guestcard.a": {"guestcard.b"}, "guestcard.b": {"guestcard.c"}, "guestcard.c": {"guestcard.a"}}
    assert circles(graph) == [["guestcard.a", "guestcard.b", "guestcard.c"]]


def test_the_real_graph_is_read() -> None:
    graph = import_graph()
    # main_window opens the staff window inside a method: a function-level import counts.
    assert "guestcard.gui.staff_window" in graph["guestcard.gui.main_window"]
    assert "guestcard.storage.insights" in graph["guestcard.services.insights.queries"]


def test_no_circles_between_files() -> None:
    # The last two (io.readers ↔ io.vcard, io.safety ↔ io.xlsx_cells) went in bb3b70b and 4aba057.
    found = circles(import_graph())
    assert not found, f"import circles: {found}"
