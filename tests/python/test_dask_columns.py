"""A DataFrame built as a corpus from its Arrow string buffers (Corpus.from_pandas and framelens.dask's
partitions, _core.add_columns): the same documents as adding the rows one by one, whatever the column types;
bad buffers are errors, never reads outside them."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framelens
from framelens import _core

pa = pytest.importorskip("pyarrow")
fd = pytest.importorskip("framelens.dask")

TEXTS = [
    "\u201cWe will cut taxes,\u201d the minister said.\r\nShe left.",
    "\u6771\u4eac\u3067\u5927\u96e8\u3002 Rain in Tokyo \U0001F327\ufe0f.",
    "Cafe\u0301 owners \u2014 and ministers \u2014 disagreed.",
    "",
    "Plain ASCII text. Two sentences.",
]


def frame(**columns) -> pd.DataFrame:
    base = {"text": TEXTS, "outlet": ["A", None, "B", np.nan, "A"], "title": ["T1", "T2", None, "", "T5"],
            "id": ["a", None, "", "d", np.nan]}
    base.update(columns)
    return pd.DataFrame({k: pd.Series(v, dtype=object) if isinstance(v, list) else v for k, v in base.items()})


def documents(corpus):
    return [(d.id, d.outlet, d.title, d.text, d.metadata, d.paragraphs, d.sentences) for d in corpus]


def missing(v):
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)


def row_by_row(df, text="text", outlet="outlet", title="title", id=None, meta=None, clean=False):
    """The oracle: each row added on its own, values as str, missing ones left out."""
    named = {c for c in (text, outlet, title, id) if c}
    keep = [c for c in (meta if meta is not None else df.columns) if c not in named]
    def field(c, i):
        return "" if c not in df.columns or missing(df[c].iloc[i]) else str(df[c].iloc[i])
    corpus, docs = framelens.Corpus(), []
    for i in range(len(df)):
        values = (df[text].iloc[i], field(outlet, i), field(title, i), field(id, i))
        extra = {str(c): str(df[c].iloc[i]) for c in keep if not missing(df[c].iloc[i])}
        if not clean:
            corpus.add(values[0], outlet=values[1], title=values[2], id=values[3] or None, **extra)
            continue
        d = _core.Document()
        d.text, d.outlet, d.title, d.id = values
        d.meta = extra
        docs.append(d)
    if clean:
        _core.add_documents(corpus._core, docs, clean=True, page=False)
    return corpus


def assert_same_corpus(df, **fields):
    strings = [c for c in df.columns if isinstance(df[c].dtype, (pd.StringDtype, pd.ArrowDtype))]
    plain = df.astype({c: object for c in strings})
    for c in strings:
        plain[c] = plain[c].where(df[c].notna(), None)
    want = row_by_row(plain, **fields)
    spec = dict(text="text", outlet="outlet", title="title", id=None, meta=None, clean=False)
    spec.update(fields)
    got, auto = fd._from_frame(df, spec, 0)
    assert documents(got) == documents(want)
    assert documents(framelens.Corpus.from_pandas(df, **fields)) == documents(want)
    ids = plain[fields["id"]].tolist() if fields.get("id") in df.columns else [None] * len(df)
    assert auto.tolist() == [v is None or v != v or str(v) == "" for v in ids]
    return got


@pytest.mark.parametrize("clean", [False, True])
def test_object_columns_equal_from_pandas(clean):
    corpus = assert_same_corpus(frame(date=["2020-01-02", None, "3 March 2021", "", "x"]), id="id", clean=clean)
    assert [d.text[s:e] for d in corpus for s, e in d.sentences] or not clean


def test_arrow_strings_numbers_and_missing_values_equal_from_pandas():
    df = frame(count=pd.Series([1, 2, 3, 4, 5]), share=pd.Series([0.5, np.nan, 2.0, 1e-7, 3.0]),
               flag=pd.Series([True, False, True, True, False]),
               when=pd.to_datetime(pd.Series(["2020-01-02", None, "2021-03-04", "2022-05-06", "2023-07-08"])),
               mixed=pd.Series(["x", 3, None, 2.5, "y"], dtype=object),
               empty=pd.Series([None] * 5, dtype=object))
    assert_same_corpus(df, id="id")
    arrow = df.astype({"text": "string[pyarrow]", "outlet": "string[pyarrow]", "id": "string[pyarrow]"})
    assert_same_corpus(arrow, id="id")
    assert_same_corpus(df.astype({"text": "string[python]"}), id="id", meta=["count", "when"])
    assert_same_corpus(df.drop(columns=["id", "title"]))  # no id, no title: every id numbered


def test_chunked_and_sliced_arrow_columns():
    chunked = pa.chunked_array([TEXTS[:2], TEXTS[2:4], TEXTS[4:]])
    df = frame(text=pd.Series(chunked, dtype=pd.ArrowDtype(pa.string())))
    assert_same_corpus(df, id="id")
    large = pa.chunked_array([pa.array(TEXTS, type=pa.large_string()).slice(1, 3), pa.array(TEXTS[4:], type=pa.large_string())])
    sliced = frame().iloc[1:].reset_index(drop=True)
    sliced["text"] = pd.Series(large, dtype=pd.ArrowDtype(pa.large_string()))
    assert_same_corpus(sliced, id="id")


def test_bad_values_are_framelens_errors():
    with pytest.raises(framelens.InvalidArgumentError, match="partition 0: row 1: column 'text' holds null"):
        fd._from_frame(frame(text=["ok", None, "x", "y", "z"]), dict(text="text", clean=False), 0)
    with pytest.raises(framelens.InvalidArgumentError, match="row 3: column 'text' holds float"):
        fd._from_frame(frame(text=["ok", "a", "b", 1.5, "z"]), dict(text="text", clean=False), 0)
    with pytest.raises(framelens.EncodingError, match="row 2: column 'text' is not valid Unicode at string offset 1"):
        fd._from_frame(frame(text=["ok", "a", "b\ud800", "c", "z"]), dict(text="text", clean=False), 0)
    with pytest.raises(KeyError, match=r"metadata columns \['nope'\]"):
        fd._from_frame(frame(), dict(text="text", meta=["nope"], clean=False), 0)


def chunk(values, *, offsets=None, data=None, offset=0, length=None, large=False):
    arr = pa.array(values, type=pa.large_string() if large else pa.string())
    validity, offs, buf = arr.buffers()
    return (validity, offsets if offsets is not None else offs, data if data is not None else buf, offset,
            len(arr) if length is None else length, large)


def test_damaged_buffers_are_rejected_before_reading():
    good = ("text", [chunk(["ab", "cd"])])
    c = _core.Corpus()
    _core.add_columns(c, good, ("outlet", [chunk(["A", None], large=True)]))
    assert [(d.text, d.outlet) for d in (c[0], c[1])] == [("ab", "A"), ("cd", "")]
    cases = {
        "outside its data buffer": chunk(["ab", "cd"], data=np.frombuffer(b"abc", dtype=np.uint8)),
        "offsets buffer holds fewer": chunk(["ab", "cd"], offsets=np.array([0, 2], dtype=np.int32)),
        "value 1 has offsets": chunk(["ab", "cd"], offsets=np.array([0, 3, 2], dtype=np.int32)),
        "offsets buffer holds fewer than": chunk(["ab", "cd"], offset=1, length=5),
    }
    for message, bad in cases.items():
        with pytest.raises(framelens.InvalidArgumentError, match=message):
            _core.add_columns(_core.Corpus(), ("text", [bad]))
    with pytest.raises(framelens.InvalidArgumentError, match="negative"):
        _core.add_columns(_core.Corpus(), ("text", [chunk(["ab"], offset=-1)]))
    with pytest.raises(framelens.InvalidArgumentError, match="has 1 values for 2 rows"):
        _core.add_columns(_core.Corpus(), good, ("outlet", [chunk(["A"])]))
    latin1 = np.frombuffer(b"caf\xe9", dtype=np.uint8)
    with pytest.raises(framelens.EncodingError):
        _core.add_columns(_core.Corpus(), ("text", [chunk(["abcd"], data=latin1)]))
