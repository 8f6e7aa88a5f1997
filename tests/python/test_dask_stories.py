"""framelens.dask.group_stories and fd.compare(story="auto") on a distributed.LocalCluster with 2 worker
processes: the same story labels and the same comparison as framelens.group_stories / framelens.compare on
the whole corpus."""
from __future__ import annotations

import numpy as np
import pytest

import framelens
from framelens import _core

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
fd = pytest.importorskip("framelens.dask")

# the 2-process LocalCluster and the sample frame of test_dask.py (fixtures, used by name)
from framelens.testing import assert_comparison_equal  # noqa: E402
from test_dask import article_bias_rows, client, sample_frame  # noqa: E402,F401


@pytest.fixture(scope="module")
def article_bias(shared):
    return article_bias_rows(shared, 4000)


def single(frame, text="text", **options):
    return framelens.group_stories(framelens.Corpus.from_pandas(frame, text=text), **options)


def test_sample_stories_equal_single_process(client, sample_frame):
    want = single(sample_frame)
    assert len(set(want)) < len(want)  # the sample has stories of several documents
    for n, buckets in ((1, None), (3, 2), (5, 8), (16, 3)):
        got = fd.group_stories(dd.from_pandas(sample_frame, npartitions=n), buckets=buckets).compute()
        assert got.tolist() == want
        assert got.index.tolist() == sample_frame.index.tolist()


def test_options_undated_documents_and_chunks(client, sample_frame):
    # a few documents without a date (compared with every document, held by every bucket), other options
    frame = sample_frame.copy()
    frame.loc[frame.index[::3], "date"] = ""
    for options in ({}, {"threshold": 0.1, "window_days": 20, "entity_weight": 1.0}):
        want = single(frame, **options)
        got = fd.group_stories(dd.from_pandas(frame, npartitions=4), buckets=3, **options).compute()
        assert got.tolist() == want
    corpus = framelens.Corpus.from_pandas(frame)
    got = fd.group_stories(fd.from_corpus(corpus, 3)).compute()
    assert got.tolist() == framelens.group_stories(corpus)


def test_bad_options_are_reported(client, sample_frame):
    ddf = dd.from_pandas(sample_frame, npartitions=2)
    with pytest.raises(framelens.InvalidArgumentError, match="window_days > 0"):
        fd.group_stories(ddf, window_days=0)
    with pytest.raises(framelens.InvalidArgumentError, match="threshold"):
        fd.group_stories(ddf, threshold=0).compute()
    with pytest.raises(framelens.NotFoundError, match="no text column 'body'"):
        fd.group_stories(ddf, text="body")
    with pytest.raises(framelens.InvalidArgumentError, match="unknown option"):
        fd.compare(ddf, id="id", story="auto", story_options={"windw_days": 2})
    with pytest.raises(framelens.InvalidArgumentError, match="story vectors"):
        _core.story_buckets((np.zeros(2, np.int64), np.zeros(2), np.zeros(2, np.int64), np.zeros(0, np.int32),
                             np.zeros(0)), [0.0, 1.0], 3.0)  # indptr one entry short


def test_compare_auto_equals_single_process(client, sample_frame):
    frame = sample_frame.drop(columns=["story"])
    want = framelens.compare(framelens.Corpus.from_pandas(frame, id="id"), story="auto")
    for n in (1, 3):
        got = fd.compare(dd.from_pandas(frame, npartitions=n), id="id", story="auto")
        assert_comparison_equal(got, want)
    options = {"threshold": 0.1, "window_days": 10}
    want = framelens.compare(framelens.Corpus.from_pandas(frame, id="id"), story="auto", story_options=options)
    got = fd.compare(dd.from_pandas(frame, npartitions=3), id="id", story="auto", story_options=dict(options, buckets=2))
    assert_comparison_equal(got, want)


@pytest.mark.shared
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame")  # inside dask's read_parquet
def test_article_bias_stories_equal_single_process(client, article_bias, tmp_path):
    # 4,000 articles over months, about one in nine without a date, read from Parquet parts
    assert (article_bias["date"] == "").sum() > 100
    want = single(article_bias, text="content_original")
    (tmp_path / "parts").mkdir()
    for k, start in enumerate(range(0, len(article_bias), 700)):  # written here: the client sends no data
        article_bias.iloc[start:start + 700].to_parquet(tmp_path / "parts" / f"part.{k:02d}.parquet", index=False)
    got = fd.group_stories(dd.read_parquet(tmp_path / "parts"), text="content_original", buckets=5).compute()
    assert got.tolist() == want
    assert len(set(want)) < len(want) - 200


@pytest.mark.shared
def test_article_bias_compare_auto_equals_single_process(client, article_bias):
    frame = article_bias.iloc[:800]
    fields = dict(text="content_original", outlet="source", id="ID")
    want = framelens.compare(framelens.Corpus.from_pandas(frame, **fields), story="auto")
    got = fd.compare(dd.from_pandas(frame, npartitions=4), **fields, story="auto")
    assert_comparison_equal(got, want)


def test_malformed_pieces_are_errors_not_crashes():
    # what a damaged or hand-made task result could hold: every step checks lengths, ranges and order
    i64, f64 = np.int64, np.float64
    good = (np.array([0, 1], i64), np.array([20000.0, np.nan]), np.array([0, 1, 2], i64), np.array([0, 1], np.int32),
            np.array([1.0, 1.0]))
    columns = (np.array([2, 2], np.uint32), np.array([0, 0], np.uint32), 2)
    bad_vectors = [
        (good[0], good[1], np.array([0, 3, 2], i64), good[3], good[4]),       # indptr decreases / past the end
        (good[0], good[1], good[2], np.array([0, 7], np.int32), good[4]),     # a column out of range
        (np.array([1, 0], i64), good[1], good[2], good[3], good[4]),         # positions out of order
        (good[0], good[1], good[2], good[3], np.array([1.0])),               # values shorter than columns
    ]
    for k, v in enumerate(bad_vectors):
        if k != 1:  # splitting into buckets does not know the corpus's columns
            with pytest.raises(framelens.InvalidArgumentError):
                _core.story_buckets(v, [-np.inf, np.inf], 3.0)
        with pytest.raises(framelens.InvalidArgumentError):
            _core.story_bucket_pairs(v, -np.inf, np.inf, True, columns, 0.2, 3.0)
    with pytest.raises(framelens.InvalidArgumentError, match="edges"):
        _core.story_buckets(good, [1.0, 0.0], 3.0)
    pairs = (np.array([1], i64), np.array([0], i64), np.array([0.5]))  # a >= b
    with pytest.raises(framelens.InvalidArgumentError, match="pair"):
        _core.story_blocks([pairs], 2, 0.2, 3.0)
    with pytest.raises(framelens.InvalidArgumentError, match="pair"):
        _core.story_blocks([(np.array([0], i64), np.array([5], i64), np.array([0.5]))], 2, 0.2, 3.0)
    blocks = _core.story_blocks([(np.array([0], i64), np.array([1], i64), np.array([0.5]))], 2, 0.2, 3.0)
    assert blocks[1].tolist() == [0, 0]
    with pytest.raises(framelens.InvalidArgumentError, match="block"):
        _core.story_numbers((blocks[0], np.array([0, 3], np.int32), blocks[2]), [], 0.2, 3.0)
    with pytest.raises(framelens.InvalidArgumentError, match="block"):
        _core.story_numbers(blocks, [(np.array([0], i64), np.array([9], i64), np.array([0.5]))], 0.2, 3.0)
    # a small block's pairs come from the buckets (story_block_pairs); without them its documents stay apart
    assert _core.story_numbers(blocks, [], 0.2, 3.0).tolist() == [1, 2]
    one = (np.array([0], i64), np.array([1], i64), np.array([0.5]))
    assert _core.story_numbers(blocks, [one], 0.2, 3.0).tolist() == [1, 1]
    vocabulary = (np.frombuffer(b"ab", np.uint8), np.array([1, 2], np.uint64), np.array([1, 1], np.uint64), 1)
    for counts in [(vocabulary, np.array([0, 1], i64), np.array([5], np.uint32), np.array([1.0], np.float32), np.array([0.0])),
                   (vocabulary, np.array([0, 2], i64), np.array([0], np.uint32), np.array([1.0], np.float32), np.array([0.0]))]:
        with pytest.raises(framelens.InvalidArgumentError, match="story counts"):
            _core.story_vectors(counts, vocabulary, 0)
    with pytest.raises(framelens.InvalidArgumentError, match="undated"):
        _core.story_undated_best([(np.array([0], i64), np.array([1, 2], i64), np.array([1.0], np.float32))])


def test_large_blocks_are_clustered_apart_from_the_small_pairs():
    # one block of 401 documents (two groups of close documents and one weak link between them: a large
    # block, clustered from the blocks' own pairs by story_large_blocks while the buckets compute the small
    # blocks' pairs), one small block of two, three documents alone
    i64 = np.int64
    a_group, b_group = np.arange(0, 201), np.arange(201, 401)
    within = [np.array(np.triu_indices(len(g), 1)) + g[0] for g in (a_group, b_group)]
    a = np.concatenate([within[0][0], within[1][0], [0]]).astype(i64)
    b = np.concatenate([within[0][1], within[1][1], [201]]).astype(i64)
    sim = np.where((a == 0) & (b == 201), 0.5, 0.9)
    order = np.lexsort((b, a))
    pairs = (a[order], b[order], sim[order])
    blocks = _core.story_blocks([pairs, (np.array([401], i64), np.array([402], i64), np.array([0.5]))], 406, 0.2, 3.0)
    assert sorted(np.bincount(blocks[1][blocks[1] >= 0]).tolist()) == [2, 401]
    assert len(blocks[0][0]) == len(a)  # the large block's pairs travel with the blocks; the small one's do not
    large = _core.story_large_blocks(blocks, 0.2, 3.0)
    assert large[:201].tolist() == [0] * 201 and large[201:401].tolist() == [201] * 200
    assert large[401:].tolist() == [401, 402, 403, 404, 405]  # not in a large block: their own
    small = [(np.array([401], i64), np.array([402], i64), np.array([0.5]))]
    want = [1] * 201 + [2] * 200 + [3, 3, 4, 5, 6]
    assert _core.story_numbers(blocks, small, 0.2, 3.0, large=large).tolist() == want
    assert _core.story_numbers(blocks, small, 0.2, 3.0).tolist() == want
    with pytest.raises(framelens.InvalidArgumentError, match="documents"):
        _core.story_numbers(blocks, small, 0.2, 3.0, large=large[:-1])
    with pytest.raises(framelens.InvalidArgumentError, match="outside the corpus"):
        _core.story_numbers(blocks, small, 0.2, 3.0, large=np.full(406, 406, i64))
    with pytest.raises(framelens.InvalidArgumentError, match="large block"):  # a large block's pair among the small ones
        _core.story_numbers(blocks, [(np.array([0], i64), np.array([1], i64), np.array([0.9]))], 0.2, 3.0, large=large)
