"""Corpus/Document basics and the error hierarchy at the C++/Python boundary."""
import pandas as pd
import pytest

import framelens
from framelens import Corpus


def test_add_and_access():
    c = Corpus()
    d = c.add("Seoul welcomed the pact.", outlet="Outlet A", title="Pact", date="2016-11-23", author="J. Doe")
    assert len(c) == 1 and c[0] == d and c[-1] == d
    assert (d.id, d.outlet, d.title) == ("doc0", "Outlet A", "Pact")
    assert d.metadata == {"date": "2016-11-23", "author": "J. Doe"}
    assert d.get("date") == "2016-11-23" and d.get("missing") == ""
    assert [x.outlet for x in c] == ["Outlet A"]
    with pytest.raises(IndexError):
        c[5]


@pytest.mark.parametrize(
    "text",
    ["Korea’s pact", "日本と韓国", "emoji 😀 ok", "cafe\u0301 combining", "line\r\nbreak", ""],
)
def test_text_round_trips(text):
    c = Corpus()
    assert c.add(text, outlet="X").text == text


def test_lone_surrogate_is_an_encoding_error():
    c = Corpus()
    with pytest.raises(framelens.EncodingError, match="string offset 3") as info:
        c.add("abc\ud800def", outlet="X", id="broken")
    assert isinstance(info.value, ValueError)
    assert len(c) == 0


def test_error_hierarchy_uses_builtin_bases():
    assert issubclass(framelens.EncodingError, ValueError)
    assert issubclass(framelens.FormatError, ValueError)
    assert issubclass(framelens.MissingFileError, FileNotFoundError)
    assert issubclass(framelens.FileError, OSError)
    assert issubclass(framelens.NotFoundError, KeyError)
    assert all(issubclass(e, framelens.FramelensError) for e in (framelens.EncodingError, framelens.NotFoundError))


def test_from_pandas_keeps_metadata_and_skips_nan():
    df = pd.DataFrame(
        {"text": ["One.", "Two."], "outlet": ["A", "B"], "title": ["t1", None], "date": ["2020-01-01", float("nan")]}
    )
    c = Corpus.from_pandas(df)
    assert c.outlets == ["A", "B"]
    assert c[0].metadata == {"date": "2020-01-01"} and c[1].metadata == {}
    assert c[1].title == ""
    back = c.to_pandas()
    assert list(back["text"]) == ["One.", "Two."]
    with pytest.raises(KeyError, match="no text column"):
        Corpus.from_pandas(df, text="body")


def test_from_pandas_skips_pandas_missing_values():
    # nullable dtypes (what Arrow-backed and Parquet frames hold) mark a missing value pd.NA, whose
    # comparisons raise; NaT likewise
    df = pd.DataFrame({"text": ["One.", "Two."], "outlet": pd.array(["A", pd.NA], dtype="string"),
                       "date": pd.array([pd.NA, "2020-01-02"], dtype="string"),
                       "n": pd.array([3, pd.NA], dtype="Int64"), "t": [pd.Timestamp("2020-01-01"), pd.NaT]})
    c = Corpus.from_pandas(df)
    assert c[0].metadata == {"n": "3", "t": "2020-01-01 00:00:00"}
    assert c[1].metadata == {"date": "2020-01-02"} and c[1].outlet == ""


def test_to_pandas_round_trips_through_from_pandas():
    c = framelens.datasets.sample(lang="en")
    back = Corpus.from_pandas(c.to_pandas())
    assert [d.id for d in back] == [d.id for d in c]
    assert [d.text for d in back] == [d.text for d in c] and back.outlets == c.outlets
    assert [d.title for d in back] == [d.title for d in c]
    assert back[0].metadata["date"] == c[0].metadata["date"]


def test_from_pandas_rejects_non_text_rows():
    with pytest.raises(ValueError, match="row 1"):
        Corpus.from_pandas(pd.DataFrame({"text": ["ok", None]}))


def test_from_texts_bulk_add():
    texts = ["Tax cut.", "Korea’s pact 日本 😀", "Flood warning."]
    c = Corpus.from_texts(texts, outlets=["A", "B", "A"])
    assert [d.text for d in c] == texts and c.outlets == ["A", "B"]
    assert [d.id for d in c] == ["doc0", "doc1", "doc2"]
    c.add_texts(iter(["More."]), outlets="C")
    assert len(c) == 4 and c[3].outlet == "C" and c[3].id == "doc3"
    # Same documents as one add() per text.
    one = Corpus()
    for t, o in zip(texts, ["A", "B", "A"]):
        one.add(t, outlet=o)
    bulk = Corpus.from_texts(texts, outlets=["A", "B", "A"]).dtm()
    assert bulk.terms == one.dtm().terms
    assert bulk.matrix.toarray().tolist() == one.dtm().matrix.toarray().tolist()


def test_from_texts_is_all_or_nothing():
    c = Corpus.from_texts(["kept"], outlets="A")
    with pytest.raises(framelens.EncodingError, match="text 2 .* string offset 3; nothing was added"):
        c.add_texts(["fine", "also fine", "abc\ud800"], outlets="A")
    with pytest.raises(ValueError, match="text 1 is NoneType"):
        c.add_texts(["fine", None])
    with pytest.raises(ValueError, match="2 outlets for 3 texts"):
        c.add_texts(["a", "b", "c"], outlets=["x", "y"])
    assert len(c) == 1
