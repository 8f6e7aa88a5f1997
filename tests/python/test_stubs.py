"""The generated _core.pyi ships with the package and describes exactly the compiled module."""
import ast
import inspect
from pathlib import Path

import framelens
import framelens._core as core


def _stub_tree():
    pyi = Path(core.__file__).with_name("_core.pyi")
    assert pyi.is_file(), f"{pyi} missing: the build did not run pybind11-stubgen"
    return ast.parse(pyi.read_text(encoding="utf-8"))


def _public(names):
    return {n for n in names if not n.startswith("_")}


def test_package_is_typed():
    assert Path(framelens.__file__).with_name("py.typed").is_file()


def test_stub_declares_every_module_name_and_nothing_else():
    tree = _stub_tree()
    declared = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            declared.add(node.name)
        elif isinstance(node, ast.ImportFrom) and node.module == "framelens":
            declared.update(a.asname or a.name for a in node.names)  # exceptions re-exported by the package
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
    declared.discard("__all__")
    assert _public(declared) == _public(dir(core))


def test_stub_classes_have_every_member():
    tree = _stub_tree()
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    assert classes, "no classes in the stub"
    for name, node in classes.items():
        members = set()
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                members.add(item.name)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                members.add(item.target.id)
        cls = getattr(core, name)
        actual = {m for m, v in inspect.getmembers(cls) if not m.startswith("_") and m in cls.__dict__}
        assert _public(members) == actual, name
