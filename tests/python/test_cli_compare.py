"""`framelens compare`: seeds through the CLI and the Python API; clear errors for bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import framelens
from framelens.cli import main
from framelens.cli.compare import top_terms

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)  # the installed package (or the developer's PYTHONPATH), never the source tree
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
    # No outlet on the page and none given: each file's folder names its outlet.
    assert "ledger" in out.stdout and "courier" in out.stdout and "Similarity (TF-IDF cosine)" in out.stdout
    js = run_cli("compare", str(a), str(b), "--format", "json", "--outlet", "Ledger", "--outlet", "Courier")
    assert js.returncode == 0, js.stderr
    data = json.loads(js.stdout)
    assert sorted(data["outlets"]) == ["Courier", "Ledger"]
    cmp = framelens.Comparison.from_json(js.stdout)  # a comparison, the CLI's additions passed over
    ledger = cmp.summary.set_index("outlet").loc["Ledger"]
    assert ledger["documents"] == 1 and ledger["types"] > 0
    assert {"term": "senator's", "count": 1} in data["top_terms"]["Ledger"]
    sim = cmp.similarity.to_numpy()
    assert sim[0][0] == pytest.approx(1) and 0 < sim[0][1] < 1 and sim[0][1] == pytest.approx(sim[1][0])


def test_compare_seeds_cli_and_api(seeds):
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    assert len(files) == 2
    out = run_cli("compare", *files, "--format", "json", "--method", "jensen_shannon", "--top", "10")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    summary = framelens.Comparison.from_json(out.stdout).summary
    assert len(summary) == 2
    assert ((summary["documents"] == 1) & (summary["tokens"] > 100) & (summary["types"] > 0)
            & (summary["types"] < summary["tokens"])).all()
    # Both seeds cover the same story: Korea is among each outlet's top terms.
    assert all(any(t["term"].startswith("korea") for t in terms) for terms in data["top_terms"].values())
    by_method = data["similarity_by_method"]
    assert by_method["method"] == "jensen_shannon" and len(by_method["matrix"]) == 2
    corpus = framelens.read(files)
    api = top_terms(corpus, 10)
    assert api == data["top_terms"]
    js = framelens.similarity(corpus.dtm(stopwords=True).group("outlet"), method="jensen_shannon")
    assert js.to_numpy().ravel().tolist() == pytest.approx(sum(by_method["matrix"], []))
    m = corpus.dtm(stopwords=True).group("outlet")
    s = framelens.similarity(m)
    assert s.shape == (2, 2) and 0 < s.iloc[0, 1] < 1


def test_table_output_from_main(two_outlets, capsys):
    a, b = two_outlets
    assert main(["compare", str(a), str(b), "--top", "3"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["documents", "tokens", "types"]
    assert sorted(line.split()[0] for line in lines[1:3]) == ["courier", "ledger"]  # outlets as rows
    assert "top terms:" in out
    assert main(["compare", str(a), str(b), "--top", "3", "--wide"]) == 0
    wide = capsys.readouterr().out
    assert sorted(wide.splitlines()[0].split()) == ["courier", "ledger"]  # side by side: outlets as columns
    assert "documents" in wide and "types" in wide and "top terms" in wide


def test_default_table_fits_100_columns_and_counts_what_it_leaves_out(capsys):
    sample = framelens.datasets.sample(lang="en")
    cmp = framelens.compare(sample, actors=framelens.datasets.sample_manifest()["actors"])
    assert main(["compare", "--sample", "--top", "3"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    too_long = [line for line in lines if len(line) > 100]
    assert not too_long, too_long
    # every outlet is a row with its figures from the comparison
    summary = cmp.summary.set_index("outlet")
    for outlet in cmp.outlets:
        row = next(line for line in lines if line.startswith(outlet + " ") and "%" in line)
        numbers = row[len(outlet):].split()
        assert numbers[0] == str(summary.loc[outlet, "documents"])
        assert numbers[3:5] == [str(summary.loc[outlet, "unique"]), str(summary.loc[outlet, "omitted"])]
    # long sentence lists are trimmed to --top with a count of the rest
    unique = cmp.unique
    for outlet in cmp.outlets:
        n = int((unique.outlet == outlet).sum())
        if n > 3:
            block = out[out.index(f"Only {outlet} reports:"):]
            block = block[:block.index("\n\n")] if "\n\n" in block else block
            assert block.count("\n  - [") == 3 and f"… and {n - 3} more" in block
    assert any(int((unique.outlet == o).sum()) > 3 for o in cmp.outlets)  # the trimming was exercised
    # the side-by-side layout is still there, as wide as it needs
    assert main(["compare", "--sample", "--top", "3", "--wide"]) == 0
    wide = capsys.readouterr().out
    assert max(map(len, wide.splitlines())) > 100 and all(o in wide.splitlines()[0] for o in cmp.outlets)
    # a narrower terminal is respected too
    assert main(["compare", "--sample", "--top", "3", "--width", "72"]) == 0
    assert max(map(len, capsys.readouterr().out.splitlines())) <= 72


@pytest.mark.parametrize(
    "content,message",
    [
        (b"caf\xe9 au lait\n", "invalid UTF-8 at byte 3"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL byte at byte 8)"),
        (b"", "is empty (0 bytes)"),
        (b"  \n\t\n", "holds only white space"),
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
        framelens.read([str(bad)])


def test_missing_file_and_no_input(tmp_path):
    missing = tmp_path / "nope.txt"
    out = run_cli("compare", str(missing))
    assert out.returncode == 2 and "no such file" in out.stderr and str(missing) in out.stderr
    with pytest.raises(FileNotFoundError):
        framelens.read([str(missing)])
    out = run_cli("compare")
    assert out.returncode == 2 and "no input" in out.stderr


def test_outlet_count_must_match(two_outlets):
    a, b = two_outlets
    out = run_cli("compare", str(a), str(b), "--outlet", "One", "--outlet", "Two", "--outlet", "Three")
    assert out.returncode == 2 and "give one for all, or one per FILE" in out.stderr
    one = run_cli("compare", str(a), str(b), "--outlet", "Only", "--format", "json")
    assert one.returncode == 0 and json.loads(one.stdout)["outlets"] == ["Only"]


def test_empty_corpus_is_an_error():
    with pytest.raises(ValueError, match="empty"):
        framelens.compare(framelens.Corpus())


def test_sample_corpus():
    out = run_cli("compare", "--sample", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["outlets"]) >= 2


def test_json_written_in_slices_is_the_same_json(monkeypatch, capsys):
    # The comparison's JSON is written a slice at a time (a whole corpus's is 420 MB); slices of 1,000
    # characters must give the same output as one slice.
    assert main(["compare", "--sample", "--format", "json", "--no-quotes"]) == 0
    whole = capsys.readouterr().out
    import framelens.cli.compare as cli_compare

    monkeypatch.setattr(cli_compare, "_JSON_SLICE", 1000)
    assert main(["compare", "--sample", "--format", "json", "--no-quotes"]) == 0
    sliced = capsys.readouterr().out
    assert len(whole) > 10_000 and sliced == whole
    assert json.loads(sliced)["top_terms"]
