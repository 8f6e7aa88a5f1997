"""framelens's own modules import each other without a cycle, so the package reads bottom-up.

Every module of the package is parsed (not imported) and every import of another framelens module is an
edge: module-level and inside functions or methods (a deferred import hides a cycle, it does not break
one), relative (``from .x import y``, ``from . import x``) and absolute (``import framelens.x``), and
``importlib.import_module`` with a literal name.

Imports under ``if TYPE_CHECKING:`` are left out, and only those: that block never runs
(``typing.TYPE_CHECKING`` is False at run time), the names it imports appear only in annotations, which
``from __future__ import annotations`` keeps as strings, and type checkers resolve such references in
either direction. It is how a lower module names the type of an argument it is given (dtm.py names
``Corpus``) without depending on the module that defines it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "framelens"
SOURCE = Path(__file__).resolve().parents[2] / "python" / PACKAGE
#: The compiled module (C++; it imports no framelens Python module): a leaf of the graph.
COMPILED = {"framelens._core"}


def _module_names(root: Path) -> dict[str, Path]:
    """Dotted module name of every .py file of the package (``framelens`` for its ``__init__.py``)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.AST]:
    """Every import statement and call of the tree, at any depth, except the bodies of ``if TYPE_CHECKING:``."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)  # the else branch does run
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.Call)):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _targets(node: ast.AST, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The framelens modules one import statement (or ``importlib.import_module("…")`` call) loads."""

    def known(name: str) -> str | None:
        while name and name not in modules:  # "framelens.quotes.extractor" is the module framelens.quotes
            name = name.rpartition(".")[0]
        return name or None

    if isinstance(node, ast.Import):
        return {m for a in node.names if (m := known(a.name)) and a.name.split(".")[0] == PACKAGE}
    if isinstance(node, ast.Call):
        f = node.func
        if (isinstance(f, ast.Attribute) and f.attr == "import_module" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                and node.args[0].value.startswith(PACKAGE + ".")):
            m = known(node.args[0].value)
            return {m} if m else set()
        return set()
    assert isinstance(node, ast.ImportFrom)
    if node.level:
        base = module.split(".")
        if not is_package:
            base.pop()  # a module's level 1 is its package
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    if source.split(".")[0] != PACKAGE:
        return set()
    out = set()
    for alias in node.names:
        sub = f"{source}.{alias.name}"
        m = sub if sub in modules else known(source)  # "from . import quotes" loads framelens.quotes
        if m:
            out.add(m)
    return out


def import_graph(root: Path = SOURCE) -> dict[str, set[str]]:
    """module -> the framelens modules it imports (itself excluded; the compiled module is not a node)."""
    files = _module_names(root)
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in _imports(tree):
            edges |= _targets(node, module, path.name == "__init__.py", set(files) | COMPILED)
        edges.discard(module)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path a -> ... -> a) through each strongly connected group of modules that has one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components (the package is small: recursion is fine)
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_path_within(graph, set(g)) for g in groups]


def _path_within(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A cycle a -> ... -> a inside one strongly connected group (breadth-first back to its first module)."""
    start = min(group)
    parent: dict[str, str] = {}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v] & group):
            if w == start:
                back = [v]
                while back[-1] != start:
                    back.append(parent[back[-1]])
                return [*reversed(back), start]
            if w not in parent:
                parent[w] = v
                queue.append(w)
    raise AssertionError(f"{sorted(group)} is not strongly connected")


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles among framelens's modules:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_graph_sees_the_imports_it_must(tmp_path):
    """The parser finds each kind of import, so an empty result above means no cycle, not a blind test."""
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .a import A\n")
    (pkg / "a.py").write_text("def f():\n    from .b import g\n")  # deferred, as corpus.py did
    (pkg / "b.py").write_text("import framelens.c\n")
    (pkg / "c.py").write_text("from . import a\n"
                              "from typing import TYPE_CHECKING\n"
                              "if TYPE_CHECKING:\n    from .d import D\nelse:\n    from .e import E\n")
    (pkg / "d.py").write_text("")
    (pkg / "e.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .. import __version__\n")
    (pkg / "sub" / "x.py").write_text("import importlib\nimportlib.import_module('framelens.a')\n")
    graph = import_graph(pkg)
    assert graph == {
        "framelens": {"framelens.a"},
        "framelens.a": {"framelens.b"},
        "framelens.b": {"framelens.c"},
        "framelens.c": {"framelens.a", "framelens.e"},  # not d: only under TYPE_CHECKING
        "framelens.d": set(),
        "framelens.e": set(),
        "framelens.sub": {"framelens"},
        "framelens.sub.x": {"framelens.a"},
    }
    assert cycles(graph) == [["framelens.a", "framelens.b", "framelens.c", "framelens.a"]]



def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for w in graph.get(todo.pop(), ()):
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return seen


@pytest.mark.parametrize("module", ["framelens._readers", "framelens.tokens", "framelens.dtm", "framelens.quotes"])
def test_what_corpus_builds_on_knows_no_corpus(module):
    """corpus.py builds a Corpus with the file readers and offers tokens, dtm() and quotes() as methods, so
    these modules sit below it: they are given a corpus, and never import corpus.py or a module that does."""
    assert "framelens.corpus" not in reachable(import_graph(), module)
