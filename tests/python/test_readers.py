"""The readers behind ``framelens.read`` & co. (_readers.py) and their public faces (ingest.py, ``Corpus.from_*``)."""
from __future__ import annotations

import inspect

import pytest

import framelens
import framelens.ingest
from framelens import Corpus, _readers


@pytest.mark.parametrize("name", ["read_records", "read_text", "read_html", "read"])
def test_public_readers_take_the_readers_options_with_the_same_defaults(name):
    """ingest.py repeats each reader's options (its documented signature): none may be lost or drift."""
    public = inspect.signature(getattr(framelens.ingest, name)).parameters
    reader = inspect.signature(getattr(_readers, name)).parameters
    assert list(reader)[0] == "into"
    expected = [p for n, p in reader.items() if n != "into"]
    got = [p for n, p in public.items() if n != "corpus"]  # the corpus to add to, when given
    assert [(p.name, p.kind, p.default) for p in got] == [(p.name, p.kind, p.default) for p in expected]


@pytest.mark.parametrize("read", [
    lambda path: framelens.read(path, errors="replace"),
    lambda path: framelens.ingest.read_text(path, errors="replace"),
    lambda path: Corpus.from_files(path, errors="replace"),
], ids=["read", "read_text", "Corpus.from_files"])
def test_replaced_bytes_warning_names_the_callers_line(tmp_path, read):
    path = tmp_path / "page.txt"
    path.write_bytes(b"Harbour plan\n\nThe council met \xff on Tuesday. Critics said it was rushed.\n")
    with pytest.warns(UnicodeWarning, match=r"replaced 1 invalid UTF-8 sequence") as record:
        corpus = read(path)
    assert "\ufffd" in corpus[0].text
    assert [w.filename for w in record] == [__file__]
