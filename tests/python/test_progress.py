"""Progress bars on long Python-side loops: shown when FRAMELENS_PROGRESS=1 (or in an interactive run),
never in a non-interactive run such as this test by default."""
import json

import pytest

import framelens
from framelens._progress import progress

pytest.importorskip("tqdm")


def write_records(tmp_path, n=3):
    paths = []
    for i in range(n):
        p = tmp_path / f"part{i}.jsonl"
        p.write_text(json.dumps({"text": f"The council met on day {i}. Nobody objected.", "outlet": "Town Crier"}) + "\n",
                     encoding="utf-8")
        paths.append(p)
    return paths


def test_reading_many_files_shows_a_bar_when_asked(tmp_path, monkeypatch, capsys):
    paths = write_records(tmp_path)
    monkeypatch.setenv("FRAMELENS_PROGRESS", "1")
    corpus = framelens.ingest.read_records(paths)
    err = capsys.readouterr().err
    assert len(corpus) == 3
    assert "reading files" in err and "/3 " in err  # the bar knows the total


def test_no_bar_when_not_interactive(tmp_path, monkeypatch, capsys):
    paths = write_records(tmp_path)
    monkeypatch.delenv("FRAMELENS_PROGRESS", raising=False)  # pytest's stderr is not a terminal
    assert len(framelens.ingest.read_records(paths)) == 3
    assert "reading files" not in capsys.readouterr().err
    monkeypatch.setenv("FRAMELENS_PROGRESS", "0")
    assert len(framelens.ingest.read_records(paths)) == 3
    assert capsys.readouterr().err == ""


def test_progress_passes_items_through(monkeypatch, capsys):
    monkeypatch.setenv("FRAMELENS_PROGRESS", "1")
    assert list(progress(iter("abc"), total=3, desc="letters")) == ["a", "b", "c"]
    assert "letters" in capsys.readouterr().err


def test_one_call_into_the_core_shows_no_bar(monkeypatch, capsys):
    pd = pytest.importorskip("pandas")
    monkeypatch.setenv("FRAMELENS_PROGRESS", "1")
    df = pd.DataFrame({"text": [f"Row {i}: the mayor said the road would reopen." for i in range(1000)],
                       "outlet": ["Town Crier"] * 1000})
    corpus = framelens.Corpus.from_pandas(df)  # the columns go to the core in one call (Arrow buffers)
    table = corpus.quotes()  # one call into the core (no loop over rows in Python): nothing to show a bar for
    assert len(table) == 1000 and len(corpus) == 1000
    assert capsys.readouterr().err == ""
    small = framelens.Corpus.from_pandas(df.head(10))  # small inputs never get a bar
    small.quotes()
    assert capsys.readouterr().err == ""
