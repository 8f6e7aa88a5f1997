"""Packaging as a user meets it (issue 10): the sdist's contents, builds with build isolation in brand-new
virtual environments (nothing preinstalled), the self-contained wheel of scripts/wheel.sh, and the commands
the README and docs give.

One wheel is built per session (pip wheel . on the unpacked sdist, in a fresh venv with build isolation)
and shared by the tests that install it; pip's download cache is used as usual.
"""
from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTLETS = ("The Meridian Herald", "Daily Sentinel", "Northwind Wire", "The Coastal Courier")
BUILD_TIMEOUT = 3600  # a full C++ build on a loaded 2-core machine


def _env() -> dict[str, str]:
    """The caller's environment without any trace of the project's .venv or the source tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    ours = Path(sys.executable).parent
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p and Path(p) != ours)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"{' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"
    return r


def _fresh_venv(path: Path) -> Path:
    """A brand-new venv (pip only, no system site-packages); returns its bin folder."""
    _run([sys.executable, "-m", "venv", path], cwd=path.parent)
    listed = _run([path / "bin" / "python", "-m", "pip", "list", "--format=freeze"], cwd=path.parent).stdout
    assert not {line.split("==")[0].lower() for line in listed.split()} - {"pip", "setuptools", "wheel"}, listed
    return path / "bin"


def _check_installed(bin_dir: Path, cwd: Path) -> str:
    """Import from the venv (not the source tree) and run the main job; returns the installed package dir."""
    where = _run([bin_dir / "python", "-c", "import framelens, framelens._core; print(framelens.__file__)"],
                 cwd=cwd).stdout.strip()
    assert Path(where).is_relative_to(bin_dir.parent), where
    out = _run([bin_dir / "framelens", "compare", "--sample"], cwd=cwd, timeout=900).stdout
    assert all(o in out for o in OUTLETS) and "Only Daily Sentinel reports:" in out, out[-2000:]
    return str(Path(where).parent)


@pytest.fixture(scope="session")
def sdist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    _run([sys.executable, "-m", "build", "--sdist", "--outdir", out, ROOT], cwd=out, timeout=900)
    (path,) = out.glob("framelens-*.tar.gz")
    return path


@pytest.fixture(scope="session")
def source(sdist, tmp_path_factory) -> Path:
    """The unpacked sdist: a source tree with nothing but what the sdist holds."""
    out = tmp_path_factory.mktemp("source")
    with tarfile.open(sdist) as tar:
        tar.extractall(out, filter="data")
    (tree,) = out.iterdir()
    return tree


@pytest.fixture(scope="session")
def wheel(source, tmp_path_factory) -> Path:
    """sdist -> wheel: `pip wheel .` in the unpacked sdist, from a brand-new venv, with build isolation."""
    base = tmp_path_factory.mktemp("wheel")
    bin_dir = _fresh_venv(base / "venv")
    _run([bin_dir / "pip", "wheel", "--no-deps", "-w", base / "dist", "."], cwd=source, timeout=BUILD_TIMEOUT)
    (path,) = (base / "dist").glob("framelens-*.whl")
    return path


def test_sdist_holds_what_a_build_needs_and_nothing_else(sdist):
    with tarfile.open(sdist) as tar:
        names = [n.split("/", 1)[1] for n in tar.getnames() if "/" in n]
    top = {n.split("/", 1)[0] for n in names}
    allowed = {"CMakeLists.txt", "pyproject.toml", "README.md", "PKG-INFO", "cmake", "cpp", "python"}
    allowed |= {p.name for p in ROOT.glob("LICENSE*")}
    assert top <= allowed, sorted(top - allowed)
    assert {"CMakeLists.txt", "pyproject.toml", "README.md", "cmake", "cpp", "python"} <= top
    tracked = subprocess.run(["git", "ls-files", "cmake", "cpp", "python"], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    if tracked:  # a git checkout: every tracked source, data and template file is there
        assert not set(tracked) - set(names), sorted(set(tracked) - set(names))
    assert any(n.startswith("cpp/data/lang/en/") for n in names)  # embedded language data
    assert "python/framelens/data/sample/manifest.json" in names  # the sample corpus
    assert "python/framelens/templates/report.html.j2" in names  # the report template
    junk = re.compile(r"(^|/)(build|\.venv|dist|__pycache__|\.ipynb_checkpoints|results)/|\.(so|pyc|ipynb|pyi)$")
    assert not [n for n in names if junk.search(n)], [n for n in names if junk.search(n)]


@pytest.mark.slow
def test_wheel_built_with_isolation_in_a_fresh_venv_installs_and_runs(wheel, tmp_path):
    # The stub step runs inside pip's isolated build environment (issue 10: it used to lose pybind11-stubgen).
    assert "framelens/_core.pyi" in zipfile.ZipFile(wheel).namelist()
    bin_dir = _fresh_venv(tmp_path / "venv")
    _run([bin_dir / "pip", "install", wheel], cwd=tmp_path, timeout=900)
    _check_installed(bin_dir, tmp_path)


@pytest.mark.slow
def test_pip_install_dot_in_a_fresh_venv(source, wheel, tmp_path):
    # `pip install .` exactly as the README's users type it, in the same source tree as the `wheel`
    # fixture (whose build folder makes this second isolated build incremental).
    bin_dir = _fresh_venv(tmp_path / "venv")
    _run([bin_dir / "pip", "install", "."], cwd=source, timeout=BUILD_TIMEOUT)
    _check_installed(bin_dir, tmp_path)


@pytest.mark.slow
def test_repaired_wheel_bundles_icu_and_zlib(wheel, tmp_path):
    r = subprocess.run(["bash", ROOT / "scripts" / "wheel.sh", wheel], env={**_env(), "OUT": str(tmp_path / "out")},
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    print(r.stdout)  # the tag, size and bundled libraries (shown with pytest -rP)
    (repaired,) = (tmp_path / "out").glob("framelens-*.whl")
    tag = repaired.name[:-4].split("-", 2)[2]
    assert re.fullmatch(r"cp3\d+-cp3\d+-manylinux_2_\d+_x86_64(\.manylinux\w+)*", tag), tag
    platform = tag.split("-")[2]
    assert f"platform tag {platform}" in r.stdout and f"size {repaired.stat().st_size} bytes" in r.stdout
    libs = [n for n in zipfile.ZipFile(repaired).namelist() if n.startswith("framelens.libs/")]
    for lib in ("libicuuc", "libicudata", "libz"):
        assert any(Path(n).name.startswith(lib + "-") for n in libs), libs
    # zlib under auditwheel's kind of name: libz-<8 hex of its sha256>.so.1.<minor…>
    assert any(re.fullmatch(r"libz-[0-9a-f]{8}\.so\.1(\.\d+)*", Path(n).name) for n in libs), libs

    bin_dir = _fresh_venv(tmp_path / "venv")
    _run([bin_dir / "pip", "install", repaired], cwd=tmp_path, timeout=900)  # pip checks the rewritten RECORD
    package = Path(_check_installed(bin_dir, tmp_path))
    (core,) = package.glob("_core*.so")
    ldd = _run(["ldd", core], cwd=tmp_path).stdout
    own_libs = package.parent / "framelens.libs"
    resolved = dict(re.findall(r"^\s*(\S+) => (\S+)", ldd, flags=re.M))
    for lib in ("libicuuc", "libicudata", "libz"):  # ICU and zlib from the wheel's own folder, not from the system
        hits = [path for name, path in resolved.items() if name.startswith(lib + "-")]
        assert hits and all(Path(p).resolve().parent == own_libs.resolve() for p in hits), (lib, ldd)
    assert "libz.so.1" not in resolved, ldd  # the system's zlib is not loaded at all
    assert "not found" not in ldd, ldd
    # zlib at work through the bundled copy: a gzip-compressed JSON Lines file read by the C++ reader
    with gzip.open(tmp_path / "docs.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"text": "Rivals clash over the plan.", "outlet": "A"}\n{"text": "Prices fall.", "outlet": "B"}\n')
    out = _run([bin_dir / "python", "-c", "import framelens; c = framelens.Corpus.from_jsonl('docs.jsonl.gz'); "
                "print(len(c), c[1].text)"], cwd=tmp_path).stdout
    assert out.split() == ["2", "Prices", "fall."], out
