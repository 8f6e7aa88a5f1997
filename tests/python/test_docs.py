"""Every example in the docs runs: docstring examples of every module, and the README quick start."""
import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import framelens

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(framelens.__path__, "framelens.") if m.name.split(".")[-1] != "__main__"
)


@pytest.mark.parametrize("name", ["framelens"] + MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} failing examples in {name}"


def test_public_names_have_runnable_examples():
    """Every public name the package exports documents itself with at least one example."""
    missing = []
    for name in framelens.__all__:
        obj = getattr(framelens, name)
        if isinstance(obj, type) and issubclass(obj, BaseException) or isinstance(obj, str):
            continue
        doc = getattr(obj, "__doc__", None) or ""
        if ">>>" not in doc and name not in getattr(framelens, "_EXAMPLES_ELSEWHERE", ()):
            missing.append(name)
    assert not missing, f"public names without a runnable example: {missing}"


def _readme_python_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_quick_start_runs(tmp_path, monkeypatch):
    blocks = _readme_python_blocks()
    if not blocks:
        pytest.fail("README.md has no ```python quick-start block")
    monkeypatch.chdir(tmp_path)
    for code in blocks:
        assert len(code.strip().splitlines()) <= 10, "the README quick start must stay within 10 lines"
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
