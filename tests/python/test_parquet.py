"""Parquet in and out (issue 10): the same field mapping as JSON Lines and CSV, round trips of the corpus
and of the quote table."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import framelens
from framelens import Corpus, datasets

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

RECORDS = [
    {"content": "Menu\n\nThe council approved the harbour plan on Tuesday. Critics said it was rushed.",
     "source": "Outlet A", "headline": "Harbour plan approved", "date": "Nov. 24, 2016", "link": "https://a.example/1",
     "authors": ["Ana Ruiz", "Ben Ode"], "section": "local", "words": 14, "paywall": False},
    {"content": "Dockers voted on Monday. He declined to comment.", "source": "Outlet B",
     "headline": "Port strike ends", "date": "2016-11-25", "link": "https://b.example/2",
     "authors": ["Cai Lin"], "section": "business", "words": 9, "paywall": True},
]


def _doc_tuple(d):
    return d.id.split(":")[-1], d.outlet, d.title, d.text, d.metadata, d.sentences


def test_parquet_reads_like_jsonl_and_csv(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    parquet = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist(RECORDS), parquet)
    from_jsonl = Corpus.from_jsonl(jsonl)
    from_parquet = Corpus.from_parquet(parquet)
    assert [_doc_tuple(d) for d in from_parquet] == [_doc_tuple(d) for d in from_jsonl]
    d = from_parquet[0]
    assert d.id == "a.parquet:1" and d.outlet == "Outlet A" and d.title == "Harbour plan approved"
    assert d.metadata["date"] == "2016-11-24" and d.metadata["date_raw"] == "Nov. 24, 2016"
    assert d.metadata["author"] == "Ana Ruiz; Ben Ode" and d.metadata["words"] == "14"
    assert d.metadata["paywall"] == "false" and d.metadata["section"] == "local"
    assert [r["text"] for r in d.removed if r["rule"] == "navigation"] == ["Menu"]  # cleaned, as the records are
    # framelens.read dispatches on the extension, with the same options
    read = framelens.read(parquet, outlet="Mine", clean=False)
    assert [x.outlet for x in read] == ["Mine", "Mine"] and read[0].text.startswith("Menu")


def test_parquet_named_and_nested_fields(tmp_path):
    path = tmp_path / "nested.parquet"
    table = pa.table({
        "body": ["First paragraph.", None],
        "meta": pa.array([{"publisher": "Wire", "url": "u1"}, {"publisher": "Post", "url": "u2"}]),
        "paragraphs": pa.array([["One.", "Two."], ["Three."]]),
        "published": pa.array([pd.Timestamp("2020-03-01 10:30"), None], type=pa.timestamp("s")),
        "uid": ["x1", "x2"],
    })
    pq.write_table(table, path)
    c = Corpus.from_parquet(path, text="paragraphs", outlet="meta.publisher", id="uid", date="published", clean=False)
    assert [d.id for d in c] == ["x1", "x2"] and c.outlets == ["Wire", "Post"]
    assert c[0].text == "One.\n\nTwo." and len(c[0].paragraphs) == 2
    assert c[0].metadata["date"] == "2020-03-01T10:30:00" and "date" not in c[1].metadata
    assert c[0].metadata["url"] == "u1" and c[0].metadata["body"] == "First paragraph."  # meta.url: a url candidate
    assert "meta.publisher" not in c[0].metadata and "meta.url" not in c[0].metadata
    bare = Corpus.from_parquet(path, text="paragraphs", keep_other=False, clean=False)
    assert {"url", "date"} <= set(bare[0].metadata) and "body" not in bare[0].metadata  # candidates still map


def test_parquet_errors_name_the_file(tmp_path):
    with pytest.raises(framelens.MissingFileError, match="nope.parquet"):
        Corpus.from_parquet(tmp_path / "nope.parquet")
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    with pytest.raises(framelens.FormatError, match="bad.parquet: is not a readable Parquet file"):
        Corpus.from_parquet(bad)
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), numbers)
    with pytest.raises(framelens.FormatError, match="text column 'text' is int64, not text"):
        Corpus.from_parquet(numbers)
    pq.write_table(pa.table({"words": ["x"]}), numbers)
    with pytest.raises(framelens.FormatError, match="no text column 'text' .*columns: words.*text='words'"):
        Corpus.from_parquet(numbers)


def test_corpus_round_trip(tmp_path):
    corpus = datasets.sample(lang="en")
    path = tmp_path / "sample.parquet"
    corpus.to_parquet(path)
    back = Corpus.from_parquet(path, clean=False)
    assert len(back) == len(corpus)
    def fields(d, drop=("date_raw",)):
        return d.id, d.outlet, d.title, d.text, {k: v for k, v in d.metadata.items() if k not in drop}

    assert [fields(d) for d in back] == [fields(d) for d in corpus]
    # as for every record reader, date_raw is the text the date was read from: now the ISO date itself
    assert all(d.metadata["date_raw"] == d.metadata["date"] for d in back)
    assert sum(d.metadata["date_raw"] != d.metadata["date"] for d in corpus) > 0
    assert [d.sentences for d in back] == [d.sentences for d in corpus]
    again = tmp_path / "again.parquet"
    back.to_parquet(again)
    first, second = pq.read_table(path), pq.read_table(again)
    assert second.column_names == first.column_names
    keep = [c for c in first.column_names if c != "date_raw"]
    assert second.select(keep).equals(first.select(keep))
    # the analysis gives the same result on the corpus read back
    assert framelens.compare(back, quotes=False).to_json() == framelens.compare(corpus, quotes=False).to_json()


def test_quote_table_round_trip(tmp_path):
    corpus = datasets.sample(lang="en")
    quotes = corpus.quotes()
    assert len(quotes) > 10
    path = tmp_path / "quotes.parquet"
    quotes.to_parquet(path)
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, quotes)
    # and it goes back into a comparison as the quotes to count
    same = framelens.compare(corpus, quotes=back).sourcing
    pd.testing.assert_frame_equal(same, framelens.compare(corpus, quotes=quotes).sourcing)
