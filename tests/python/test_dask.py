"""framelens.dask on a distributed.LocalCluster with 2 worker processes: the same matrices and quotes as on one machine."""
from __future__ import annotations

import gzip
import io
import itertools
import json
import pickle
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import framelens
from framelens import _core
from framelens.testing import assert_comparison_equal, assert_dtm_equal

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
fd = pytest.importorskip("framelens.dask")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  memory_limit="2GB") as cluster, distributed.Client(cluster) as c:
        yield c




def assert_same_quotes(got, want):
    assert len(want) > 0
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_exact=False, rtol=0, atol=1e-9)
    assert got["kind"].tolist() == want["kind"].tolist() and got["start"].tolist() == want["start"].tolist()


# -- the module itself ---------------------------------------------------------------------------------------
def test_import_framelens_does_not_import_dask():
    code = "import sys, framelens; print('framelens.dask' in sys.modules, 'dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_corpus_pickles_with_its_structure():
    corpus = framelens.datasets.sample(lang="en")
    back = pickle.loads(pickle.dumps(corpus))
    assert len(back) == len(corpus)
    for a, b in zip(corpus, back):
        assert (a.id, a.outlet, a.title, a.text, a.metadata) == (b.id, b.outlet, b.title, b.text, b.metadata)
        assert (a.paragraphs, a.sentences, a.removed) == (b.paragraphs, b.sentences, b.removed)
    assert back.quotes().equals(corpus.quotes())


def test_damaged_corpus_pickle_is_a_format_error():
    state = _core.Corpus.__getstate__(framelens.datasets.sample(lang="en")._core)
    for cut in (0, 3, 10, len(state) // 2, len(state) - 1):
        with pytest.raises(framelens.FormatError, match="truncated or damaged|header"):
            _core.Corpus.__new__(_core.Corpus).__setstate__(state[:cut])


def test_document_term_matrix_pickles():
    m = framelens.datasets.sample(lang="en").dtm()
    back = pickle.loads(pickle.dumps(m))
    assert_dtm_equal(back, m)
    assert back.docvars.equals(m.docvars)


def test_quote_extractor_pickles_with_user_cues_and_gazetteer():
    ex = _core.QuoteExtractor("en", indirect=True, scare=False)
    ex.add_cues(json.dumps({"speech": ["harrumph"]}))
    ex.add_gazetteer(json.dumps({"countries": {"Zembla": {"demonyms": ["Zemblan"], "metonyms": []}}}))
    text = "A Zemblan official harrumphed that the bridge was unsafe."
    back = pickle.loads(pickle.dumps(ex))
    got, want = back.extract_text(text), ex.extract_text(text)
    assert got == want
    assert [q["cue"] for q in got["quotes"]] == [(19, 29)]
    assert got["speakers"][0]["affiliation"] == "Zembla"
    plain = _core.QuoteExtractor("en").extract_text(text)
    assert plain != got  # the cue and the gazetteer made the difference that pickling kept
    assert back._added == ex._added and len(back._added) == 2


def test_bad_input_is_reported_before_running(client):
    ddf = dd.from_pandas(pd.DataFrame({"body": ["Tax cut."]}), npartitions=1)
    with pytest.raises(framelens.NotFoundError, match="no text column 'text'"):
        fd.dtm(ddf)
    with pytest.raises(TypeError, match="from_corpus"):
        fd.dtm(framelens.datasets.sample(lang="en"))
    with pytest.raises(framelens.InvalidArgumentError, match="min_df"):
        fd.dtm(ddf, text="body", min_df=-1)
    with pytest.raises(framelens.InvalidArgumentError, match="unknown weighting"):
        fd.dtm(ddf, text="body", weighting="idf")
    bad = dd.from_pandas(pd.DataFrame({"text": ["Fine.", None, "Also fine."]}), npartitions=2)
    with pytest.raises(framelens.InvalidArgumentError, match=r"partition 0: row 1: column 'text' holds null, not text"):
        fd.dtm(bad)
    with dask.config.set({"dataframe.convert-string": False}):  # keep the object column as it is
        mixed = dd.from_pandas(pd.DataFrame({"text": pd.Series(["Fine.", "Also.", 7], dtype=object)}), npartitions=1)
    with pytest.raises(framelens.InvalidArgumentError, match=r"partition 0: row 2: column 'text' holds int, not text"):
        fd.dtm(mixed)


# -- the sample corpus ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_frame():
    return framelens.datasets.sample().to_pandas()


@pytest.mark.parametrize("options", [{}, {"min_df": 2, "max_df": 0.9}, {"mode": "sklearn", "ngrams": (1, 2)},
                                     {"stopwords": True, "min_df": 0.2}])
def test_sample_dtm_equals_single_process(client, sample_frame, options):
    want = framelens.Corpus.from_pandas(sample_frame, id="id").dtm(**options)
    for n, split_every in ((1, 8), (3, 8), (7, 8), (7, 2), (5, 3)):  # merge trees one to three levels deep
        got = fd.dtm(dd.from_pandas(sample_frame, npartitions=n), id="id", split_every=split_every, **options)
        assert_dtm_equal(got, want)
        pd.testing.assert_frame_equal(got.docvars, want.docvars)
    lazy = fd.dtm(dd.from_pandas(sample_frame, npartitions=3), id="id", compute=False, **options)
    assert_dtm_equal(lazy.compute(), want)  # the rows stacked in a task


@pytest.mark.parametrize("by", ["outlet", "story", "lang", "id", "title"])
def test_sample_grouped_dtm_equals_single_process(client, sample_frame, by):
    want = framelens.Corpus.from_pandas(sample_frame, id="id").dtm(min_df=2).group(by)
    got = fd.dtm(dd.from_pandas(sample_frame, npartitions=4), id="id", min_df=2, by=by)
    assert_dtm_equal(got, want)
    for n, split_every in ((1, 8), (5, 2)):  # the root alone; three levels of merges
        assert_dtm_equal(fd.dtm(dd.from_pandas(sample_frame, npartitions=n), id="id", min_df=2, by=by,
                                  split_every=split_every), want)
    assert list(got.docvars[by]) == list(want.docvars[by])


def test_weightings_within_1e9(client, sample_frame):
    corpus = framelens.Corpus.from_pandas(sample_frame, id="id")
    ddf = dd.from_pandas(sample_frame, npartitions=3)
    for w in ("tfidf", "bm25", "proportion", "tfidf_gensim"):
        assert_dtm_equal(fd.dtm(ddf, id="id", weighting=w), corpus.dtm(weighting=w), atol=1e-9)
    assert_dtm_equal(fd.dtm(ddf, id="id", by="outlet", weighting="tfidf"), corpus.dtm().group("outlet").weight("tfidf"),
                       atol=1e-9)


def test_missing_ids_are_numbered_across_partitions(client):
    df = pd.DataFrame({"text": ["Tax cut.", "Tax plan.", "Rain.", "Tax rain."], "id": ["a", None, "", "d"],
                       "outlet": ["A", "B", "A", "B"]})
    want = framelens.Corpus.from_pandas(df, id="id")
    got = fd.dtm(dd.from_pandas(df, npartitions=2), id="id")
    assert got.docnames == want.docnames == ["a", "doc1", "doc2", "d"]
    assert fd.dtm(dd.from_pandas(df, npartitions=2), id="id", by="id").docnames == want.docnames
    assert fd.quotes(dd.from_pandas(df, npartitions=2), id="id").compute().empty


def test_empty_partitions_and_token_free_partitions(client):
    df = pd.DataFrame({"text": ["", "  ", "Tax cut now.", "", "Tax plan."], "outlet": list("ABABA")})
    ddf = dd.from_pandas(df, npartitions=5)
    assert_dtm_equal(fd.dtm(ddf), framelens.Corpus.from_pandas(df).dtm())
    with pytest.raises(framelens.InvalidArgumentError, match="empty vocabulary: the 2 documents"):
        fd.dtm(dd.from_pandas(df.iloc[:2], npartitions=2))
    with pytest.raises(framelens.InvalidArgumentError, match="no terms remain"):
        fd.dtm(ddf, min_df=3)
    with pytest.raises(framelens.NotFoundError, match="no document has a metadata key 'story'"):
        fd.dtm(ddf, by="story")


def test_sample_quotes_equal_single_process(client):
    corpus = framelens.datasets.sample()
    want = corpus.quotes(lang="en")  # fd.quotes(lang="en") is Corpus.quotes(lang="en")
    for n in (1, 4, len(corpus)):
        got = fd.quotes(fd.from_corpus(corpus, n))
        assert isinstance(got, dd.DataFrame)
        assert_same_quotes(got.compute(), want)
    frame = corpus.to_pandas()
    assert_same_quotes(fd.quotes(dd.from_pandas(frame, npartitions=3), id="id").compute(),
                       framelens.Corpus.from_pandas(frame, id="id").quotes(lang="en"))


def test_speakers_canonical_across_partitions(client):
    texts = [
        "“We will rebuild the pier,” Mayor Ana Ruiz said on Monday.",
        "“The money is there,” Ruiz said.",
        "“Funding is late,” Ruiz said in the evening.",
        "“The budget holds,” said Tomas Berg, the treasurer.",
        "“No delay,” Berg said.",
        "“A delay,” said Maria Berg, a councillor.",
    ]
    df = pd.DataFrame({"text": texts, "outlet": ["A", "B", "C", "A", "B", "C"]})
    want = framelens.Corpus.from_pandas(df).quotes()
    assert want["speaker"].tolist() == ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz", "Tomas Berg", "Berg", "Maria Berg"]
    for n in (2, 3, 6):
        got = fd.quotes(dd.from_pandas(df, npartitions=n), split_every=2).compute()
        assert_same_quotes(got, want)
    # Canonical within each partition only would have been different both ways (the test can fail): a lone
    # surname left alone, and "Berg" given the one full name of its own partition though the corpus has two.
    for parts in ([range(0, 2), range(2, 6)], [range(0, 2), range(2, 4), range(4, 6)]):
        local = pd.concat([framelens.Corpus.from_pandas(df.iloc[list(p)]).quotes() for p in parts])
        assert local["speaker"].tolist() != want["speaker"].tolist()


def test_user_cues_travel_to_the_workers(client):
    df = pd.DataFrame({"text": ["The harbour master blethered the quay was unsafe."], "outlet": ["A"]})
    ddf = dd.from_pandas(df, npartitions=1)
    before = fd.quotes(ddf, lang="en").compute()
    registry = sys.modules["framelens.quotes"]  # (framelens.quotes is the function)
    registry.extractor("en")  # the shared extractor exists before the cue is added
    try:
        framelens.add_cues({"speech": ["blether"]})
        after = fd.quotes(ddf, lang="en").compute()
        want = framelens.Corpus.from_pandas(df).quotes()
    finally:
        registry._extractors.pop("en", None)
        registry._user_cues.pop("en", None)
    assert "blethered" not in before["cue"].tolist()
    assert after["cue"].tolist() == ["blethered"]
    assert_same_quotes(after, want)


def test_read_equals_framelens_read_on_sample_files(client, tmp_path):
    files = framelens.datasets.sample_files(lang="en")
    # One partition: exactly framelens.read. Small partitions: exactly framelens.read once the rule that
    # compares an outlet's pages ("repeated" lines) is kept out, since it sees one partition at a time.
    for size, options in (("1GB", {}), (5000, {"keep_rules": ["repeated"]})):
        want = framelens.read(files, **options)
        chunks = fd.read(files, partition_size=size, **options)
        assert chunks.npartitions == 1 if size == "1GB" else chunks.npartitions >= 4
        assert_dtm_equal(fd.dtm(chunks), want.dtm())
        assert_same_quotes(fd.quotes(chunks).compute(), want.quotes())
        frame = chunks.to_dask_dataframe().compute().reset_index(drop=True)
        if size == "1GB":
            pd.testing.assert_frame_equal(frame, want.to_pandas())
        else:  # numeric dates read by the order of the outlet's other dates: per partition (docs/dask.md)
            kept = [c for c in want.to_pandas().columns if c not in ("date", "date_order")]
            pd.testing.assert_frame_equal(frame[kept], want.to_pandas()[kept], check_dtype=False)


def test_read_jsonl_gzip_and_csv_like_framelens_read(client, tmp_path):
    rows = [{"content": f"Story {i} about the tax plan and rain {i % 3}.", "source": f"Outlet {i % 2}"} for i in range(9)]
    with gzip.open(tmp_path / "a.jsonl.gz", "wt") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows[:5])
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows[5:])
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    want = framelens.read(tmp_path)
    assert len(want) == 18 and want.docnames[0] == "a.jsonl.gz:1"
    got = fd.dtm(fd.read(tmp_path, partition_size=1))  # one file per partition
    assert fd.read(tmp_path, partition_size=1).npartitions == 3
    assert_dtm_equal(got, want.dtm())


# -- nothing per document reaches the client --------------------------------------------------------------------
def test_grouped_dtm_sends_only_the_grouped_matrix_to_the_client(client, sample_frame):
    ddf = dd.from_pandas(sample_frame, npartitions=4)
    lazy = fd.dtm(ddf, id="id", by="outlet", compute=False)
    keys = lazy.__dask_keys__()
    assert len(keys) == 1  # the client asks for one result ...
    graph = dict(lazy.__dask_graph__())
    assert len(graph) > 3 * 4  # ... of a graph of per-partition tasks (read, count, sum) that stay on the workers
    future = client.compute(lazy)
    result = future.result()
    assert result.docnames == list(dict.fromkeys(sample_frame["outlet"]))
    assert result.shape[0] < len(sample_frame)  # what came back has a row per outlet, not per document
    assert_dtm_equal(result, framelens.Corpus.from_pandas(sample_frame, id="id").dtm().group("outlet"))


# -- BASIL and a slice of article-bias ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def basil_dir(shared):
    path = shared / "corpora" / "basil" / "articles"
    if not path.is_dir():
        pytest.skip(f"{path} is absent: BASIL not available")
    return path


@pytest.mark.shared
def test_basil_read_dtm_and_quotes_equal_single_process(client, basil_dir):
    want = framelens.read(basil_dir)
    chunks = fd.read(basil_dir, partition_size="200kB")
    assert chunks.npartitions >= 4
    for options in ({}, {"mode": "sklearn", "min_df": 2, "max_df": 0.5}):
        assert_dtm_equal(fd.dtm(chunks, **options), want.dtm(**options))
    assert_dtm_equal(fd.dtm(chunks, by="outlet"), want.dtm().group("outlet"))
    assert_same_quotes(fd.quotes(chunks).compute(), want.quotes())


@pytest.fixture(scope="module")
def article_bias_slice(shared):
    return article_bias_rows(shared, 1500)


def article_bias_rows(shared, n):
    """The first n articles of article-bias (read in place) as strings, or a skip when the corpus is absent."""
    path = shared / "corpora" / "article-bias" / "articles.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"{path} is absent: article-bias not available")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, n))
    df = pd.read_json(io.StringIO("".join(lines)), lines=True, dtype=False)
    return df[["ID", "source", "title", "content_original", "date", "topic"]].fillna("").astype(str)


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame")  # inside dask's read_parquet
def test_article_bias_slice_from_parquet_equals_single_process(client, article_bias_slice, tmp_path):
    dd.from_pandas(article_bias_slice, npartitions=5).to_parquet(tmp_path / "parts")
    ddf = dd.read_parquet(tmp_path / "parts")
    fields = dict(text="content_original", outlet="source", id="ID")
    corpus = framelens.Corpus.from_pandas(article_bias_slice, **fields)
    assert_dtm_equal(fd.dtm(ddf, **fields, min_df=2), corpus.dtm(min_df=2))
    grouped = fd.dtm(ddf, **fields, by="outlet", compute=False)
    future = client.compute(grouped)
    documents = corpus.dtm()
    assert_dtm_equal(future.result(), documents.group("outlet"))
    documents._corpus = None  # the per-document matrix alone, without the texts
    assert len(pickle.dumps(future.result())) < len(pickle.dumps(documents)) / 2  # the client got no document rows
    assert_same_quotes(fd.quotes(ddf, **fields).compute(), corpus.quotes())


# -- compare -----------------------------------------------------------------------------------------------------


def test_compare_on_the_sample_equals_single_process(client, sample_frame):
    want = framelens.compare(framelens.Corpus.from_pandas(sample_frame, id="id"), story="story")
    assert len(want.table("sentences")) > 0 and len(want.table("quotes")) > 0
    assert len(want.table("shared_quotes")) > 0  # the sample's "tunnel" story quotes one minister three ways
    # 5 pieces with fan-in 2: the sums added up in a tree two levels deep (pieces without documents among them)
    for n, after, split_every in ((1, None, 8), (3, 2, 8), (5, 5, 8), (5, 5, 2)):
        got = fd.compare(dd.from_pandas(sample_frame, npartitions=n), id="id", story="story", npartitions=after,
                         split_every=split_every)
        assert_comparison_equal(got, want)


def test_compare_takes_one_extractor_for_every_language(client, sample_frame):
    """quotes=<QuoteExtractor>: the user's extractor (here with an invented cue) travels to the workers and
    counts for every document, German ones too, as in framelens.compare; a quote table is refused."""
    ex = _core.QuoteExtractor("en")
    ex.add_cues(json.dumps({"speech": ["harrumph"]}))
    extra = sample_frame.iloc[:2].copy()
    extra["id"] = ["harbour-1", "harbour-2"]
    extra["text"] = ["A harbour pilot harrumphed that the new quay was far too shallow for the ferries.",
                     "Die Lotsin Ida Roos harrumphed that the quay would flood in winter."]
    extra["lang"] = ["en", "de"]
    frame = pd.concat([sample_frame.assign(lang="en"), extra], ignore_index=True)
    corpus = framelens.Corpus.from_pandas(frame, id="id", meta=[c for c in frame.columns if c not in ("id", "text", "outlet", "title")])
    want = framelens.compare(corpus, story="story", quotes=ex)
    cues = want.table("quotes")["cue"].tolist()
    assert cues.count("harrumphed") == 2 and "harrumphed" not in framelens.compare(corpus, story="story").table("quotes")["cue"].tolist()
    got = fd.compare(dd.from_pandas(frame, npartitions=3), id="id", story="story", quotes=ex)
    assert_comparison_equal(got, want)
    with pytest.raises(framelens.InvalidArgumentError, match="quote table"):
        fd.compare(dd.from_pandas(frame, npartitions=3), id="id", story="story", quotes="yes")


def test_compare_takes_a_quote_table_pandas_or_dask(client, sample_frame):
    """quotes=<table>: each row follows its document through the shuffle and is counted as given, as in
    framelens.compare(corpus, quotes=table): the whole table, a table filtered on the cluster, and a table
    whose rows are in another order within each document; a row of a document the corpus lacks is an error."""
    corpus = framelens.Corpus.from_pandas(sample_frame, id="id")
    table = corpus.quotes()
    ddf = dd.from_pandas(sample_frame, npartitions=3)
    want = framelens.compare(corpus, story="story", quotes=table)
    assert_comparison_equal(fd.compare(ddf, id="id", story="story", quotes=table), want)
    # within a document the table's order is kept (on Dask the documents come in corpus order)
    backwards = table.iloc[::-1].sort_values("document", kind="stable").reset_index(drop=True)
    assert not backwards[["document", "start"]].equals(table[["document", "start"]])
    assert_comparison_equal(fd.compare(ddf, id="id", story="story", quotes=backwards),
                            framelens.compare(corpus, story="story", quotes=backwards))
    found = fd.quotes(ddf, id="id")  # a Dask DataFrame (every document read as English: Corpus.quotes("en"))
    direct = found[found["kind"] == "direct"]
    got = fd.compare(ddf, id="id", story="story", quotes=direct, npartitions=2)
    direct = direct.compute().reset_index(drop=True)
    assert_comparison_equal(got, framelens.compare(corpus, story="story", quotes=direct))
    assert len(got.table("quotes")) == len(direct) > 0
    # integer story labels: the quote rows' stories keep the documents' dtype through the left join
    numbered = sample_frame.assign(story=pd.factorize(sample_frame["story"])[0].astype(np.int64))
    assert_comparison_equal(fd.compare(dd.from_pandas(numbered, npartitions=3), id="id", story="story", quotes=table),
                            framelens.compare(framelens.Corpus.from_pandas(numbered, id="id"), story="story", quotes=table))
    wrong = table.assign(document=table["document"] + len(corpus))
    with pytest.raises(framelens.InvalidArgumentError, match="refers to document .* but the corpus has"):
        fd.compare(ddf, id="id", story="story", quotes=wrong)


def test_compare_lazy_and_without_distributed_equal_single_process(client, sample_frame):
    # compute=False: the two merged halves joined in a task (the rows half left as it is); another scheduler:
    # the halves joined where dask.compute returns them
    want = framelens.compare(framelens.Corpus.from_pandas(sample_frame, id="id"), story="story")
    ddf = dd.from_pandas(sample_frame, npartitions=3)
    lazy = fd.compare(ddf, id="id", story="story", npartitions=2, compute=False)
    assert_comparison_equal(framelens.Comparison(lazy.compute()), want)
    with dask.config.set({"scheduler": "synchronous", "dataframe.shuffle.method": "tasks"}):
        assert_comparison_equal(fd.compare(ddf, id="id", story="story", npartitions=2), want)
        assert_comparison_equal(fd.compare(ddf, id="id", story="story", npartitions=5, split_every=2), want)


def test_compare_numbers_missing_ids_and_passes_options(client, sample_frame):
    frame = sample_frame.drop(columns=["id"])
    options = dict(house_style=True, idf_scope="corpus", max_omitted=3, top_terms=5, measure="chi2", quotes=False)
    want = framelens.compare(framelens.Corpus.from_pandas(frame), story="story", **options)
    got = fd.compare(dd.from_pandas(frame, npartitions=4), story="story", **options)
    assert_comparison_equal(got, want)
    assert got.table("documents")["id"].tolist()[:2] == ["doc0", "doc1"]
    assert len(want.table("omitted")) > 0


def test_piece_quotes_found_once_travel_and_are_checked(sample_frame):
    """A piece's quotes found once give the piece's share exactly as a second extraction would; they pickle
    as their bytes, and damaged bytes or another piece's quotes are refused with the position."""
    corpus = framelens.Corpus.from_pandas(sample_frame, id="id")
    options = {"by": "outlet", "extract_quotes": True, "threads": 1, "extractors": {}}
    found = _core.piece_quotes(corpus._core, options)
    assert len(found) == len(corpus.quotes()) > 0
    assert found.full_names == sorted(set(found.full_names)) and all(" " in n for n in found.full_names)
    globals_ = (list(dict.fromkeys(corpus.labels("outlet"))), _core.compare_vocabulary(corpus._core, options),
                found.full_names, ([], np.zeros(0, dtype=np.int64)))
    args = (corpus._core, np.arange(len(corpus)), corpus.labels("story"), options, globals_)
    state = bytes(found.__getstate__())
    back = pickle.loads(pickle.dumps(found, protocol=5))
    assert bytes(back.__getstate__()) == state
    again = bytes(_core.compare_partial(*args).__getstate__())
    assert bytes(_core.compare_partial(*args, back).__getstate__()) == again
    for cut in (0, 5, 20, len(state) - 1):
        with pytest.raises(framelens.FormatError, match="piece quotes bytes"):
            _core.PieceQuotes.__new__(_core.PieceQuotes).__setstate__(state[:cut])
    first = framelens.Corpus.from_pandas(sample_frame.iloc[:2], id="id")  # a piece with fewer documents
    with pytest.raises(framelens.InvalidArgumentError, match="not fit the piece"):
        _core.compare_partial(first._core, np.arange(2), first.labels("story"), options, globals_, found)


def test_partial_comparison_pickles_and_rejects_damage(client, sample_frame):
    corpus = framelens.Corpus.from_pandas(sample_frame, id="id")
    options = {"by": "outlet", "extract_quotes": True, "threads": 1, "extractors": {}}
    keys = _core.compare_sentence_keys(corpus._core, options)
    found = _core.piece_quotes(corpus._core, options)
    globals_ = (list(dict.fromkeys(corpus.labels("outlet"))), _core.compare_vocabulary(corpus._core, options),
                found.full_names, ([], np.zeros(0, dtype=np.int64)))
    assert len(keys[0]) == len(keys[1]) > 0
    part = _core.compare_partial(corpus._core, np.arange(len(corpus)), corpus.labels("story"), options, globals_)
    state = bytes(part.__getstate__())  # a uint8 array (out of band under protocol 5); bytes read as well
    for protocol in (4, 5):
        back = pickle.loads(pickle.dumps(part, protocol=protocol))
        assert bytes(back.__getstate__()) == state and "documents" in back.table_names
    buffers = []
    pickled = pickle.dumps(part, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 1 and len(pickled) < 1000  # the bytes travel out of band
    assert bytes(pickle.loads(pickled, buffers=buffers).__getstate__()) == state
    for cut in (0, 5, len(state) // 2, len(state) - 1):
        with pytest.raises(framelens.FormatError, match="damaged|truncated|header|FLPC"):
            _core.PartialComparison.__new__(_core.PartialComparison).__setstate__(state[:cut])
    with pytest.raises(framelens.InvalidArgumentError, match="position"):
        _core.compare_partial(corpus._core, np.arange(len(corpus))[::-1].copy(), corpus.labels("story"), options, globals_)


def test_comparison_bytes_and_segments_round_trip_and_reject_damage(sample_frame):
    want = framelens.compare(framelens.Corpus.from_pandas(sample_frame, id="id"), story="story")._core
    state = bytes(want.__getstate__())
    assert state[:4] == b"FLCM"
    for protocol in (4, 5):
        assert pickle.loads(pickle.dumps(want, protocol=protocol)).to_json() == want.to_json()
    buffers = []
    pickled = pickle.dumps(want, protocol=5, buffer_callback=buffers.append)
    assert len(buffers) == 1 and pickle.loads(pickled, buffers=buffers).to_json() == want.to_json()
    for cut in (0, 3, 40, len(state) // 2, len(state) - 1):
        with pytest.raises(framelens.FormatError, match="damaged|truncated|header|FLCM|FLCS"):
            _core.Comparison.__new__(_core.Comparison).__setstate__(state[:cut])
    # segments of a few columns each, read one at a time (framelens.dask sends the comparison so)
    plan = _core.comparison_segments(want, 1)
    assert sum(len(p) for p in plan) == sum(len(want.table_types(t)) for t in want.table_names) == len(plan)
    got = _core.Comparison()
    header = _core.comparison_header(want)
    assert header.dtype == np.uint8 and not header.flags.writeable
    _core.read_comparison_segment(got, header)
    for columns in plan:
        _core.read_comparison_segment(got, _core.comparison_columns(want, columns))
    _core.check_comparison(got)
    assert got.to_json() == want.to_json()
    segment = _core.comparison_columns(want, plan[0])
    with pytest.raises(framelens.FormatError, match="header does not list"):
        _core.read_comparison_segment(_core.Comparison(), segment)
    with pytest.raises(framelens.FormatError, match="second column"):
        _core.read_comparison_segment(got, segment)
    for cut in (0, 8, len(segment) - 1):
        fresh = _core.Comparison()
        _core.read_comparison_segment(fresh, header)
        with pytest.raises(framelens.FormatError):
            _core.read_comparison_segment(fresh, segment[:cut])
    other = framelens.compare(framelens.Corpus.from_pandas(sample_frame, id="id"), story="story", max_omitted=1)._core
    assert other.table_rows("sentences") != want.table_rows("sentences")
    mixed = _core.Comparison()  # a table whose columns differ in length
    _core.read_comparison_segment(mixed, header)
    _core.read_comparison_segment(mixed, _core.comparison_columns(want, [("sentences", 0)]))
    _core.read_comparison_segment(mixed, _core.comparison_columns(other, [("sentences", 1)]))
    with pytest.raises(framelens.FormatError, match="sentences"):
        _core.check_comparison(mixed)
    with pytest.raises(framelens.InvalidArgumentError, match="columns"):
        _core.comparison_columns(want, [("sentences", 99)])


def test_compare_rejects_a_missing_story_column(client, sample_frame):
    ddf = dd.from_pandas(sample_frame, npartitions=2)
    with pytest.raises(framelens.NotFoundError, match="no column 'plot'"):
        fd.compare(ddf, id="id", story="plot")


@pytest.mark.shared
def test_basil_compare_equals_single_process(client, basil_dir):
    frame = framelens.read(basil_dir).to_pandas()
    want = framelens.compare(framelens.Corpus.from_pandas(frame, id="id"), story="triplet-uuid")
    got = fd.compare(dd.from_pandas(frame, npartitions=4), id="id", story="triplet-uuid")
    assert_comparison_equal(got, want)


@pytest.mark.shared
def test_article_bias_slice_compare_equals_single_process(client, article_bias_slice):
    frame = article_bias_slice.iloc[:600]
    fields = dict(text="content_original", outlet="source", id="ID")
    want = framelens.compare(framelens.Corpus.from_pandas(frame, **fields), story="topic")
    got = fd.compare(dd.from_pandas(frame, npartitions=5), **fields, story="topic")
    assert_comparison_equal(got, want)


def test_compare_leaves_out_sentences_an_outlet_repeats_across_partitions(client):
    # The outlet "Ledger" ends four articles, in four partitions, with the same line; the corpus-wide sentence
    # counts (added up in the statistics' tree) must find it, so that it stays out of the alignment as in
    # framelens.compare, where the "Courier" article of the first story would otherwise match it.
    footer = "Readers can reach our newsroom by telephone every weekday morning before nine."
    events = ["The city council approved the new harbour budget after a long evening debate.",
              "Farmers in the valley reported the earliest apple harvest in twenty years.",
              "The regional rail line will close for repairs during the first two weeks of March.",
              "A local school won the national robotics contest with a machine that sorts plastic."]
    rows = []
    for k, event in enumerate(events):
        rows.append({"id": f"l{k}", "outlet": "Ledger", "story": f"s{k}", "text": f"{event} Officials said more details would follow soon. {footer}"})
        extra = f" {footer}" if k == 0 else ""
        rows.append({"id": f"c{k}", "outlet": "Courier", "story": f"s{k}", "text": f"{event} Residents gave the news a mixed reception.{extra}"})
    frame = pd.DataFrame(rows)
    want = framelens.compare(framelens.Corpus.from_pandas(frame, id="id"), story="story")
    got = fd.compare(dd.from_pandas(frame, npartitions=4), id="id", story="story")
    assert_comparison_equal(got, want)
    alone = framelens.compare(framelens.Corpus.from_pandas(frame.iloc[:2], id="id"), story="story")
    assert len(alone.table("matches")) != len(want.table("matches"))  # the footer matches when it is not furniture


def _piece_on(k: int, slow: str) -> int:
    import time

    import distributed

    time.sleep(2.0 if distributed.get_worker().address == slow else 0.01)
    return k


def test_pieces_are_handed_out_largest_first_to_the_worker_that_is_free(client):
    workers = sorted(client.scheduler_info()["workers"])
    slow, fast = workers
    sizes = [20, 50, 5, 40, 10, 30]
    given: list[tuple[int, str]] = []

    def submit(k, worker):
        given.append((sizes[k], worker))
        return client.submit(_piece_on, k, slow, workers=[worker], allow_other_workers=False, pure=False)

    futures = fd._hand_out(submit, sizes, workers)
    assert [f.result() for f in futures] == list(range(len(sizes)))  # every piece once, in piece order
    assert [s for s, _ in given] == [50, 40, 30, 20, 10, 5]  # the largest first
    # two queued on each worker at the start, then each next piece to the worker that finished one: the
    # slow worker is still on its first when the fast one has done all the rest
    assert given == [(50, slow), (40, fast), (30, slow), (20, fast), (10, fast), (5, fast)]
    futures = fd._hand_out(submit, [7, 3], workers[:1])
    assert [f.result() for f in futures] == [0, 1]
    given.clear()  # no worker yet (an adaptive cluster): every piece at once, the scheduler places them
    futures = fd._hand_out(lambda k, w: given.append((sizes[k], w)) or client.submit(_piece_on, k, "", pure=False),
                           sizes, [])
    assert [f.result() for f in futures] == list(range(len(sizes)))
    assert given == [(50, None), (40, None), (30, None), (20, None), (10, None), (5, None)]


def test_rows_stacked_in_partition_order_whatever_order_they_arrive():
    def piece(rows, first):  # rows: lists of (column, count); labels named by the first document's number
        indptr = np.cumsum([0] + [len(r) for r in rows])
        indices = np.array([c for r in rows for c, _ in r], dtype=np.int32)
        data = np.array([v for r in rows for _, v in r], dtype=np.uint8)
        names = [f"d{first + i}" for i in range(len(rows))]
        labels = {"docnames": names, "outlets": ["o"] * len(rows), "titles": [""] * len(rows), "meta": ([], [])}
        return (indptr, indices, data, (len(rows), 3)), fd._Box(labels)
    pieces = [piece([[(0, 1), (2, 5)]], 0), piece([], 1), piece([[(1, 2)], [(0, 7), (1, 1)]], 1)]
    want = fd._stacked_matrix(pieces, fd._Box(["a", "b", "c"]))
    stack = fd._RowStack()
    for k in (2, 1, 0):
        stack.add(k, pieces[k])
    got = stack.matrix(fd._Box(["a", "b", "c"]))
    assert got.docnames == want.docnames == ["d0", "d1", "d2"]
    assert (got.matrix != want.matrix).nnz == 0
    assert want.matrix.toarray().tolist() == [[1, 0, 5], [0, 2, 0], [7, 1, 0]]
    # rows in their partitions' own columns, moved with column maps (-1: a pruned term), ids numbered here
    raw = []
    for p, auto in zip(pieces, ([True], [], [False, True])):
        labels = dict(p[1].value, docnames=[f"doc{i}" for i in range(len(auto))], auto=np.array(auto, dtype=bool))
        raw.append((p[0], fd._Box(labels)))
    stack = fd._RowStack()
    for k in (1, 2, 0):
        stack.add(k, raw[k])
    maps = [np.array([0, -1, 1], np.int32), np.array([-1, -1, 0], np.int32), np.array([-1, 0, 1], np.int32)]
    got = stack.matrix(fd._Box((["x", "y"], maps)))
    assert got.docnames == ["doc0", "doc0", "doc2"]  # the third partition's own id kept, the others renumbered
    assert got.matrix.toarray().tolist() == [[1, 5], [2, 0], [1, 0]]


def test_sentence_counts_add_up_per_outlet_and_hash_in_any_tree():
    rng = np.random.default_rng(7)
    outlets = ["Ledger", "Herald", "Courier"]
    parts, expected = [], {}
    for k in range(7):
        n = 0 if k == 3 else 200  # one partition without sentences
        names = [outlets[i] for i in rng.integers(0, 3, n)]
        hashes = rng.integers(-40, 40, n)  # few distinct hashes: many shared across outlets and partitions
        keys = {}
        for o, h in zip(names, hashes):
            keys[o, int(h)] = keys.get((o, int(h)), 0) + 1
        for key, d in keys.items():
            expected[key] = expected.get(key, 0) + d
        parts.append(fd._sentence_counts([o for o, _ in keys], np.array([h for _, h in keys]), np.array(list(keys.values()))))
    for tree in (parts, [fd._merge_sentence_counts(parts[:3]), fd._merge_sentence_counts(parts[3:])]):
        names, codes, hashes, documents = fd._merge_sentence_counts(tree)
        got = {(names[c], int(h)): int(d) for c, h, d in zip(codes, hashes, documents)}
        assert got == expected and len(got) == len(codes)  # every key once
        assert (np.diff(hashes) >= 0).all()  # sorted by hash: the next merge only merges runs
    empty = fd._sentence_counts([], np.array([], np.int64), np.array([], np.int64))
    assert [len(x) for x in fd._merge_sentence_counts([empty, empty])] == [0, 0, 0, 0]


def test_vocabularies_travel_as_arrays_and_merge_by_bytes():
    def vocabulary(terms, df, documents):
        indptr = np.arange(len(terms) + 1, dtype=np.int32)  # one document per term
        return _core.vocabulary(indptr, np.arange(len(terms), dtype=np.int32), np.ones(len(terms)), documents,
                                len(terms), terms)

    a, b = vocabulary(["café", "zebra"], [1, 1], 2), vocabulary(["naïve", "zebra"], [1, 1], 2)
    assert all(isinstance(x, np.ndarray) for x in a[:3]) and a[0].dtype == np.uint8
    assert bytes(a[0]).decode() == "cafézebra" and a[1].tolist() == [5, 10]
    merged = _core.merge_vocabularies([a, b])
    terms, kept = _core.prune_vocabulary(merged, 1, False, 1.0, True, positions=True)
    assert terms == ["café", "naïve", "zebra"] and merged[2].tolist() == [1, 1, 2] and merged[3] == 4
    assert pickle.loads(pickle.dumps(merged, protocol=5))[0].tobytes() == merged[0].tobytes()
    bad = [
        (a[0], np.array([5, 3], np.uint64), a[2], 2),    # ends that decrease
        (a[0], np.array([5, 99], np.uint64), a[2], 2),   # an end past the bytes
        (a[0], np.array([5, 9], np.uint64), a[2], 2),    # bytes left over after the last term
        (a[0], a[1], np.array([1], np.uint64), 2),       # fewer document frequencies than terms
        (a[0], a[1], a[2]),                              # no document count
    ]
    for v in bad:
        with pytest.raises(framelens.InvalidArgumentError, match="vocabulary"):
            _core.merge_vocabularies([v])


def test_remap_columns_takes_its_positions_as_an_array_and_checks_them():
    indptr, indices, data = np.array([0, 2], np.int32), np.array([0, 1], np.int32), np.array([3.0, 4.0])
    got = _core.remap_columns(indptr, indices, data, 1, 2, np.array([-1, 2], np.int32), 4)
    assert got[1].tolist() == [2] and got[2].tolist() == [4.0] and tuple(got[3]) == (1, 4)
    for positions in (np.array([1, 0], np.int32), np.array([0], np.int32), np.array([0, 9], np.int32)):
        with pytest.raises(framelens.InvalidArgumentError, match="remap_columns"):
            _core.remap_columns(indptr, indices, data, 1, 2, positions, 4)
    with pytest.raises(framelens.InvalidArgumentError, match="1-d"):
        _core.remap_columns(indptr, indices, data, 1, 2, np.zeros((1, 2), np.int32), 4)


def _stacked(pieces, maps, cols):
    stack = _core.RowStack(len(pieces))
    for p in pieces:
        stack.add(p)
    return stack.finish(maps, cols)


def test_row_stack_rejects_malformed_pieces_without_crashing():
    good = (np.array([0, 2], np.int32), np.array([0, 1], np.int32), np.array([3, 1], np.uint16), (1, 2))
    indptr, indices, data, shape = _stacked([good, good], [np.array([1, 2], np.int32), np.array([0, -1], np.int32)], 3)
    assert indptr.tolist() == [0, 2, 3] and indices.tolist() == [1, 2, 0] and data.tolist() == [3.0, 1.0, 3.0]
    assert shape == (2, 3) and data.dtype == np.float64
    narrow = (good[0], good[1].astype(np.uint16), good[2].astype(np.uint8), good[3])  # as _raw_rows sends them
    assert _stacked([narrow], None, 2)[1].tolist() == [0, 1]
    bad_pieces = [
        (np.array([0, 5], np.int32), good[1], good[2], (1, 2)),     # indptr past the entries
        (good[0], np.array([0, 7], np.int32), good[2], (1, 2)),     # a column past the partition's
        (good[0], np.array([1, 1], np.uint16), good[2], (1, 2)),    # a column twice in a row
        (good[0], good[1], np.array([1.0]), (1, 2)),                # counts shorter than indices
        (np.array([0, 2, 2], np.int32), good[1], good[2], (1, 2)),  # indptr of the wrong length
        (good[0], good[1], good[2]),                                # no shape
        (good[0], good[1], np.array(["a", "b"]), (1, 2)),           # counts that are not numbers
    ]
    for piece in bad_pieces:
        stack = _core.RowStack()
        with pytest.raises(framelens.InvalidArgumentError, match="RowStack.add"):
            stack.add(piece)
        assert stack.rows == 0
    bad_maps = [[np.array([1, 0], np.int32)], [np.array([0, 9], np.int32)], [np.array([0], np.int32)],
                [np.array([0, 1], np.int32)] * 2]
    for maps in bad_maps:
        stack = _core.RowStack()
        stack.add(good)
        with pytest.raises(framelens.InvalidArgumentError, match="RowStack.finish"):
            stack.finish(maps, 3)
        assert stack.rows == 1  # the rows are still there


def test_read_cleans_each_outlet_folder_in_one_partition(client, tmp_path):
    # Each outlet folder's footer is in its three pages: with one file per partition the repeated-lines rule saw
    # one page at a time and kept it; a folder's run of files is now never cut, so the texts are exactly
    # framelens.read's. Every text is invented.
    for folder, footer in (("ledger", "The Valley Ledger is printed by Quarry Press, Mill Lane, Dunmore."),
                           ("courier", "Harbour Courier: independent news for the island ports since 1921.")):
        (tmp_path / folder).mkdir()
        for k in range(3):
            (tmp_path / folder / f"{k}.txt").write_text(
                f"Vote number {k}\n\nThe board met on day {k} and approved crane number {k}.\n\n{footer}\n", encoding="utf-8")
    want = framelens.read(tmp_path)
    assert all(any(r["rule"] == "repeated" for r in d.removed) for d in want)
    chunks = fd.read(tmp_path, partition_size=1)
    assert chunks.npartitions == 2
    frame = chunks.to_dask_dataframe().compute().reset_index(drop=True)
    assert frame["text"].tolist() == [d.text for d in want]
    assert frame["outlet"].tolist() == [d.outlet for d in want]


def test_read_names_outlets_by_folder_over_all_partitions(client, tmp_path):
    # Pages in two folders take the folder's name, decided over every file, not per partition (one file per
    # partition here, so no partition alone sees two folders). Every text is invented.
    for folder, k in (("ledger", 0), ("ledger", 1), ("courier", 2)):
        page = tmp_path / folder / f"{k}.txt"
        page.parent.mkdir(exist_ok=True)
        page.write_text(f"Crane vote {k}\n\nThe harbour board approved crane number {k} on Monday.\n\n"
                        "Copyright 2021 Harbour Features Syndicate. All rights reserved.\n", encoding="utf-8")
    want = framelens.read(tmp_path)
    assert sorted(d.outlet for d in want) == ["courier", "ledger", "ledger"]
    frame = fd.read(tmp_path, partition_size=1).to_dask_dataframe().compute().reset_index(drop=True)
    assert frame["outlet"].tolist() == [d.outlet for d in want]
    kept = fd.read(tmp_path, partition_size=1, outlets_by_folder=False).to_dask_dataframe().compute()
    assert set(kept["outlet"]) == {"Harbour Features Syndicate"}
