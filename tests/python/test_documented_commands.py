"""Every command the README and docs give runs as written from a fresh checkout after the set-up command
(issue 10): benchmarks are run with the project's .venv, never from the source tree with PYTHONPATH."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _documented_benchmarks() -> dict[str, list[str]]:
    """Every `benchmarks/….py` command in README.md and docs/, with the file that gives it."""
    found: dict[str, list[str]] = {}
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for line in doc.read_text(encoding="utf-8").splitlines():
            for m in re.finditer(r"([\w./=-]*python[\w.]*) (benchmarks/\w+\.py)", line):
                found.setdefault(m.group(2), []).append(f"{doc.name}: {m.group(0)}")
    return found


def test_documented_commands_run_from_a_fresh_checkout():
    # After `bash scripts/bootstrap.sh` the package lives in .venv; nothing is importable from the source
    # tree (framelens._core is built into the venv), so commands must name .venv/bin/python.
    found = _documented_benchmarks()
    assert len(found) >= 5, found
    stale = [c for cs in found.values() for c in cs if not c.split(": ", 1)[1].startswith(".venv/bin/python ")]
    assert not stale, stale
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "PYTHONPATH=python" not in doc.read_text(encoding="utf-8"), doc.name


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "benchmarks").glob("*.py")))
def test_benchmark_help(script):
    r = subprocess.run([sys.executable, ROOT / "benchmarks" / script, "--help"], capture_output=True, text=True,
                       timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage:") and script in r.stdout, r.stdout
