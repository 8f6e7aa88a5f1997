"""Numbers proven against the anchors on real news text (BASIL, read in place from ../shared):
scikit-learn CountVectorizer / TfidfVectorizer / cosine_similarity, gensim TfidfModel, and quanteda's,
BM25's, Pearson's and Jensen-Shannon's formulas computed directly with NumPy / SciPy."""
from __future__ import annotations

import json

import numpy as np
import pytest

import framelens

pytestmark = pytest.mark.shared

TOL = 1e-12


@pytest.fixture(scope="module")
def basil(shared):
    files = sorted((shared / "corpora/basil/articles").glob("*/*.json"))
    if not files:
        pytest.skip(f"no BASIL articles under {shared}/corpora/basil/articles")
    texts, outlets = [], []
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        paras = d["body-paragraphs"]
        texts.append("\n".join(" ".join(p) if isinstance(p, list) else p for p in paras))
        outlets.append(d.get("source", ""))
    return texts, outlets


@pytest.fixture(scope="module")
def corpus(basil):
    texts, outlets = basil
    c = framelens.Corpus()
    for t, o in zip(texts, outlets):
        c.add(t, outlet=o)
    return c


def assert_same(a, b, tol=TOL):
    a = a.toarray() if hasattr(a, "toarray") else np.asarray(a)
    b = b.toarray() if hasattr(b, "toarray") else np.asarray(b)
    assert a.shape == b.shape
    np.testing.assert_allclose(a, b, rtol=0, atol=tol)


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"ngram_range": (1, 2)}, {"min_df": 2, "max_df": 0.5}, {"min_df": 0.01, "max_df": 40}, {"lowercase": False},
     {"stop_words": "english"}],
)
def test_count_vectorizer(basil, corpus, kwargs):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    texts, _ = basil
    X = CountVectorizer(**kwargs).fit_transform(texts)
    cv = CountVectorizer(**kwargs).fit(texts)
    opts = {"mode": "sklearn"}
    if "ngram_range" in kwargs:
        opts["ngrams"] = kwargs["ngram_range"]
    for k in ("min_df", "max_df"):
        if k in kwargs:
            opts[k] = kwargs[k]
    if "lowercase" in kwargs:
        opts["case_fold"] = kwargs["lowercase"]
    if "stop_words" in kwargs:
        opts["stopwords"] = sorted(ENGLISH_STOP_WORDS)
    m = corpus.dtm(**opts)
    assert m.terms == list(cv.get_feature_names_out())
    assert_same(m.matrix, X, tol=0)  # counts are exact


def test_tfidf_vectorizer(basil, corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, _ = basil
    tv = TfidfVectorizer()
    X = tv.fit_transform(texts)
    m = corpus.dtm(mode="sklearn", weighting="tfidf")
    assert m.terms == list(tv.get_feature_names_out())
    assert_same(m.matrix, X)


def test_gensim_tfidf(corpus):
    from gensim.models import TfidfModel

    counts = corpus.dtm(mode="sklearn").matrix
    bow = [list(zip(counts.indices[a:b].tolist(), counts.data[a:b].tolist()))
           for a, b in zip(counts.indptr[:-1], counts.indptr[1:])]
    model = TfidfModel(bow)  # defaults: raw tf, log2(N/df), L2 normalisation
    expected = np.zeros(counts.shape)
    for i, doc in enumerate(bow):
        for j, v in model[doc]:
            expected[i, j] = v
    assert_same(corpus.dtm(mode="sklearn", weighting="tfidf_gensim").matrix, expected)


def test_quanteda_tfidf_formula(corpus):
    counts = corpus.dtm().matrix.toarray()
    n = counts.shape[0]
    df = (counts > 0).sum(axis=0)
    assert_same(corpus.dtm(weighting="tfidf_quanteda").matrix, counts * np.log10(n / df))


def test_bm25_formula(corpus):
    counts = corpus.dtm().matrix.toarray()
    n = counts.shape[0]
    df = (counts > 0).sum(axis=0)
    dl = counts.sum(axis=1, keepdims=True)
    k1, b = 1.6, 0.7
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    expected = np.where(counts > 0, idf * counts * (k1 + 1) / (counts + k1 * (1 - b + b * dl / dl.mean())), 0)
    assert_same(corpus.dtm().weight("bm25", k1=k1, b=b).matrix, expected)


def test_simple_weightings(corpus):
    m = corpus.dtm()
    c = m.matrix.toarray()
    with np.errstate(divide="ignore"):
        assert_same(m.weight("log").matrix, np.where(c > 0, 1 + np.log(c), 0))
    assert_same(m.weight("boolean").matrix, (c > 0).astype(float))
    assert_same(m.weight("proportion").matrix, c / c.sum(axis=1, keepdims=True))


def test_cosine_matches_sklearn(basil, corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    X = TfidfVectorizer().fit_transform(basil[0])
    m = corpus.dtm(mode="sklearn", weighting="tfidf")
    s = framelens.similarity(m, "cosine")
    assert_same(s.to_numpy(), cosine_similarity(X))
    counts = corpus.dtm(mode="sklearn")
    assert_same(framelens.similarity(counts, "cosine").to_numpy(), cosine_similarity(counts.matrix))


def test_outlet_cosine_matches_sklearn(basil, corpus):
    from sklearn.metrics.pairwise import cosine_similarity

    m = corpus.dtm(mode="sklearn")
    g = m.group("outlet")
    outlets = np.asarray(basil[1])
    expected_rows = np.vstack([np.asarray(m.matrix[outlets == o].sum(axis=0)) for o in g.docnames])
    assert_same(g.matrix, expected_rows, tol=0)
    assert_same(framelens.similarity(g).to_numpy(), cosine_similarity(expected_rows))


def test_correlation_and_jensen_shannon(corpus):
    from scipy.spatial.distance import jensenshannon

    g = corpus.dtm().group("outlet")
    x = g.matrix.toarray()
    assert_same(framelens.similarity(g, "correlation").to_numpy(), np.corrcoef(x))
    js = framelens.similarity(g, "jensen_shannon").to_numpy()
    for i in range(len(x)):
        for j in range(len(x)):
            assert js[i, j] == pytest.approx(jensenshannon(x[i], x[j], base=2) ** 2, abs=1e-12)
    jac = framelens.similarity(g, "jaccard").to_numpy()
    b = x > 0
    inter = b.astype(float) @ b.T.astype(float)
    union = b.sum(1)[:, None] + b.sum(1)[None, :] - inter
    assert_same(jac, inter / union)


def test_nearest_matches_dense_ranking(corpus):
    m = corpus.dtm(mode="sklearn", weighting="tfidf")
    s = framelens.similarity(m).to_numpy()
    nb = framelens.nearest(m, k=3)
    for i in range(0, s.shape[0], 17):
        row = s[i].copy()
        row[i] = -np.inf
        order = sorted(range(len(row)), key=lambda j: (-row[j], j))[:3]
        got = nb[nb.document == m.docnames[i]]
        assert got.neighbor.tolist() == [m.docnames[j] for j in order]
        np.testing.assert_allclose(got.value.to_numpy(), row[order], atol=TOL)


def test_icu_mode_thread_determinism(corpus):
    a = corpus.dtm(threads=1, ngrams=2)
    b = corpus.dtm(threads=2, ngrams=2)
    assert a.terms == b.terms
    assert (a.matrix != b.matrix).nnz == 0


def test_fast_path_is_identical_to_icu(basil, shared):
    """ICU mode segments ASCII pieces without ICU; on real news text the tokens are identical."""
    import gzip

    from framelens import _core
    from framelens.tokens import token_options

    texts = list(basil[0])
    path = shared / "corpora/article-bias/articles.jsonl.gz"
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                texts.append(json.loads(line)["content_original"] or "")
                if len(texts) >= 2300:
                    break
    fast = token_options(punct=True, symbols=True)
    slow = token_options(punct=True, symbols=True)
    slow.fast_path = False
    for i, t in enumerate(texts):
        a, b = _core.tokenize(t, fast), _core.tokenize(t, slow)
        assert a[2] == b[2] and a[3] == b[3], f"document {i}: tokens differ"
        assert (a[0] == b[0]).all() and (a[1] == b[1]).all(), f"document {i}: offsets differ"
