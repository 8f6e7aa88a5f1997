"""`framelens compare`: seeds through the CLI and the Python API; clear errors for bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import framelens
from framelens.cli import main
from framelens.cli.compare import corpus_from_files, summarize

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "python"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "framelens", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def two_outlets(tmp_path):
    a = tmp_path / "ledger" / "story.txt"
    b = tmp_path / "courier" / "story.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    a.write_text("The senator’s plan cuts taxes for families, aides said.\n", encoding="utf-8")
    b.write_text("Critics said the senator’s tax plan favours the rich.\r\n", encoding="utf-8")
    return a, b


def test_compare_files_table_and_json(two_outlets):
    a, b = two_outlets
    out = run_cli("compare", str(a), str(b))
    assert out.returncode == 0, out.stderr
    assert "ledger" in out.stdout and "courier" in out.stdout and "cosine similarity" in out.stdout
    js = run_cli("compare", str(a), str(b), "--format", "json", "--outlet", "Ledger", "--outlet", "Courier")
    data = json.loads(js.stdout)
    assert [o["outlet"] for o in data["outlets"]] == ["Ledger", "Courier"]
    assert data["outlets"][0]["tokens"] == 9 and data["outlets"][1]["tokens"] == 9
    assert {"term": "senator's", "count": 1} in data["outlets"][0]["top_terms"]
    sim = data["similarity"]["matrix"]
    assert sim[0][0] == pytest.approx(1) and 0 < sim[0][1] < 1 and sim[0][1] == sim[1][0]


def test_compare_seeds_cli_and_api(seeds):
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    assert len(files) == 2
    out = run_cli("compare", *files, "--format", "json", "--method", "jensen_shannon")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["outlets"]) == 2
    assert all(o["documents"] == 1 and o["tokens"] > 100 and 0 < o["types"] < o["tokens"] for o in data["outlets"])
    # Both seeds cover the same story: Korea is among each outlet's top terms.
    assert all(any(t["term"].startswith("korea") for t in o["top_terms"]) for o in data["outlets"])
    corpus = corpus_from_files(files)
    api = summarize(corpus, method="jensen_shannon")
    assert api == data
    m = corpus.dtm(stopwords=True).group("outlet")
    s = framelens.similarity(m)
    assert s.shape == (2, 2) and 0 < s.iloc[0, 1] < 1


def test_table_output_from_main(two_outlets, capsys):
    a, b = two_outlets
    assert main(["compare", str(a), str(b), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["ledger", "courier"]
    assert "documents" in out and "types" in out and "top terms" in out


@pytest.mark.parametrize(
    "content,message",
    [
        (b"caf\xe9 au lait\n", "invalid UTF-8 at byte 3 (line 1, column 4)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL byte at byte 8)"),
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = run_cli("compare", str(bad))
    assert out.returncode == 2
    assert message in out.stderr and str(bad) in out.stderr
    assert "Traceback" not in out.stderr
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        corpus_from_files([str(bad)])


def test_missing_file_and_no_input(tmp_path):
    missing = tmp_path / "nope.txt"
    out = run_cli("compare", str(missing))
    assert out.returncode == 2 and "no such file" in out.stderr and str(missing) in out.stderr
    with pytest.raises(FileNotFoundError):
        corpus_from_files([str(missing)])
    out = run_cli("compare")
    assert out.returncode == 2 and "no input" in out.stderr


def test_outlet_count_must_match(two_outlets):
    a, b = two_outlets
    out = run_cli("compare", str(a), str(b), "--outlet", "Only")
    assert out.returncode == 2 and "one --outlet per file" in out.stderr


def test_empty_corpus_is_an_error():
    with pytest.raises(ValueError, match="corpus is empty"):
        summarize(framelens.Corpus())


def test_sample_corpus():
    pytest.importorskip("framelens.datasets", reason="framelens.datasets (the sample corpus) is not merged yet")
    out = run_cli("compare", "--sample", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["outlets"]) >= 2
