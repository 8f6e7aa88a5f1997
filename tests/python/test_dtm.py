"""DocumentTermMatrix, weightings, grouping, similarity, nearest (API; parity lives in test_parity.py)."""
import threading
import time

import numpy as np
import pytest
import scipy.sparse

import framelens
from framelens import Corpus


@pytest.fixture
def corpus():
    c = Corpus()
    c.add("The tax cut helps families.", outlet="Ledger", date="2016-11-23")
    c.add("The tax cut helps the rich.", outlet="Courier", date="2016-11-23")
    c.add("Families fear the tax.", outlet="Ledger", date="2016-11-24")
    return c


def test_counts_terms_docnames(corpus):
    m = corpus.dtm()
    assert isinstance(m.matrix, scipy.sparse.csr_matrix)
    assert m.terms == ["cut", "families", "fear", "helps", "rich", "tax", "the"]
    assert m.docnames == ["doc0", "doc1", "doc2"]
    assert m.outlets == ["Ledger", "Courier", "Ledger"]
    assert m.matrix[1, m.terms.index("the")] == 2
    assert m.shape == (3, 7) and m.weighting == "count"
    assert list(m.docvars.columns[:3]) == ["id", "outlet", "title"] and m.docvars["date"].tolist()[2] == "2016-11-24"
    df = m.to_pandas()
    assert df.loc["doc1", "the"] == 2 and list(df.columns) == m.terms
    assert m.to_pandas(sparse=True).sparse.to_dense().equals(df)


def test_matrix_views_cpp_buffers_without_copy(corpus):
    m = corpus.dtm().matrix
    for arr in (m.indptr, m.indices, m.data):
        assert not arr.flags.owndata  # a view of the C++ buffer (owned by a capsule), not a copy
    assert m.indices.dtype == np.int32 and m.data.dtype == np.float64
    del corpus
    assert m.sum() == 15  # the buffers outlive the corpus (5 + 6 + 4 tokens)


def test_group_by_outlet_and_metadata(corpus):
    m = corpus.dtm()
    g = m.group("outlet")
    assert g.docnames == ["Ledger", "Courier"] and g.outlets == ["Ledger", "Courier"]
    assert g.matrix[0, m.terms.index("families")] == 2
    assert g.matrix.sum() == m.matrix.sum()
    d = m.group("date")
    assert d.docnames == ["2016-11-23", "2016-11-24"] and d.outlets == ["", "Ledger"]
    assert m.group(["x", "y", "x"]).docnames == ["x", "y"]
    with pytest.raises(KeyError):
        m.group("section")
    with pytest.raises(ValueError):
        m.group(["x"])
    with pytest.raises(ValueError, match="group the count matrix"):
        m.weight("tfidf").group("outlet")


def test_weight_and_top_terms(corpus):
    m = corpus.dtm()
    p = m.weight("proportion")
    np.testing.assert_allclose(np.asarray(p.matrix.sum(axis=1)).ravel(), 1.0)
    assert corpus.dtm(weighting="tfidf").weighting == "tfidf"
    with pytest.raises(ValueError, match="unknown weighting"):
        m.weight("tf-idf")
    with pytest.raises(ValueError, match="already weighted"):
        p.weight("log")
    top = m.top_terms(2)
    assert list(top.items()) == [("the", 4.0), ("tax", 3.0)]
    assert list(m.group("outlet").top_terms(1, row="Courier").index) == ["the"]


def test_df_bounds_follow_sklearn(corpus):
    assert corpus.dtm(min_df=2).terms == ["cut", "families", "helps", "tax", "the"]
    assert corpus.dtm(max_df=0.5).terms == ["fear", "rich"]
    with pytest.raises(ValueError):
        corpus.dtm(max_df=1.5)
    with pytest.raises(ValueError, match="no terms remain"):
        corpus.dtm(min_df=0, max_df=0.2)
    with pytest.raises(ValueError, match="fewer documents than min_df"):
        corpus.dtm(min_df=5)


def test_empty_corpus_and_empty_vocabulary():
    with pytest.raises(ValueError, match="corpus is empty"):
        Corpus().dtm()
    c = Corpus()
    c.add("   ", outlet="A")
    with pytest.raises(ValueError, match="empty vocabulary"):
        c.dtm()


def test_similarity_is_labelled(corpus):
    g = corpus.dtm(stopwords=True).group("outlet")
    s = framelens.similarity(g)
    assert list(s.index) == ["Ledger", "Courier"] == list(s.columns)
    assert s.loc["Ledger", "Ledger"] == pytest.approx(1.0)
    js = framelens.similarity(g, method="jensen_shannon")
    assert js.loc["Ledger", "Ledger"] == 0 and 0 < js.loc["Ledger", "Courier"] < 1
    with pytest.raises(ValueError, match="unknown similarity"):
        framelens.similarity(g, method="euclid")


def test_nearest(corpus):
    nb = framelens.nearest(corpus.dtm(), k=2)
    assert list(nb.columns) == ["document", "rank", "neighbor", "value"]
    assert len(nb) == 6
    first = nb[nb.document == "doc0"]
    assert first.neighbor.tolist()[0] == "doc1"  # shares 'the tax cut helps'
    with pytest.raises(ValueError):
        framelens.nearest(corpus.dtm(), k=0)


def test_gil_is_released_during_counting():
    c = Corpus()
    text = " ".join(f"word{i % 997}" for i in range(20000))
    for _ in range(300):
        c.add(text, outlet="A")
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        t0 = time.perf_counter()
        c.dtm(threads=1)
        t1 = time.perf_counter()
    finally:
        stop.set()
        t.join()
    during = [x for x in ticks if t0 <= x <= t1]
    assert t1 - t0 > 0.05, "the workload is too small to observe"
    assert len(during) >= 10, f"the Python thread ran {len(during)} times in {t1 - t0:.2f} s: the GIL was held"


def test_concurrent_calls_from_python_threads_agree():
    """The GIL is released, so several Python threads may count at once; results must not mix."""
    from concurrent.futures import ThreadPoolExecutor

    c = Corpus()
    for i in range(200):
        c.add(f"Doc {i}: Seoul’s envoy met officials {i % 13} times; “talks” went on. 東京 {i % 7}", outlet=f"o{i % 3}")
    reference = c.dtm(ngrams=2, stopwords=True, threads=1)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda t: c.dtm(ngrams=2, stopwords=True, threads=t), [1, 2, 2, 1, 2, 2]))
    for m in results:
        assert m.terms == reference.terms
        assert (m.matrix != reference.matrix).nnz == 0
    toks = [t.norm for t in c.tokens(5)]
    with ThreadPoolExecutor(4) as pool:
        assert all(r == toks for r in pool.map(lambda _: [t.norm for t in c.tokens(5)], range(8)))
