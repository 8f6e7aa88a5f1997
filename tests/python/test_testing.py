"""framelens.testing: the assertions pass on equal results and fail, naming where, on different ones."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framelens
from framelens import testing
from framelens.testing import assert_comparison_equal, assert_dtm_equal


@pytest.fixture(scope="module")
def corpus():
    return framelens.datasets.sample()


def test_equal_comparisons_pass_and_different_ones_name_the_table(corpus):
    want = framelens.compare(corpus, story="story")
    assert_comparison_equal(framelens.compare(corpus, story="story", threads=1), want)
    with pytest.raises(AssertionError, match="distinctive_terms"):
        assert_comparison_equal(framelens.compare(corpus, story="story", top_terms=3), want)
    with pytest.raises(AssertionError, match="keyness_measure"):
        assert_comparison_equal(framelens.compare(corpus, story="story", measure="chi2"), want)


def test_equal_matrices_pass_and_different_ones_fail(corpus):
    want = corpus.dtm()
    assert_dtm_equal(corpus.dtm(threads=1), want)
    with pytest.raises(AssertionError, match="terms"):
        assert_dtm_equal(corpus.dtm(min_df=2), want)
    weighted = corpus.dtm(weighting="tfidf")
    assert_dtm_equal(corpus.dtm(weighting="tfidf"), weighted, atol=1e-12)
    with pytest.raises(AssertionError, match="weighting"):
        assert_dtm_equal(weighted, want)


def test_columns_floats_within_atol_and_missing_values_only_equal_missing():
    check = testing._assert_column_equal
    check(pd.Series([1.0, np.nan, 3.0]), pd.Series([1.0 + 1e-12, np.nan, 3.0]), "x", 1e-9)
    with pytest.raises(AssertionError, match="x: 1 values differ by more than 1e-09 .first at row 2"):
        check(pd.Series([1.0, np.nan, 3.1]), pd.Series([1.0, np.nan, 3.0]), "x", 1e-9)
    with pytest.raises(AssertionError, match="first at row 0"):
        check(pd.Series([np.nan, 2.0]), pd.Series([1.0, 2.0]), "x", 1e-9)
    check(pd.Series(["a", None, "c"]), pd.Series(["a", np.nan, "c"]), "s", 0)
    check(pd.Series([1, 2], dtype="int64"), pd.Series([1, 2], dtype="Int64"), "n", 0)
    with pytest.raises(AssertionError, match="s: 1 values differ .first at row 1: .* != 'b'"):
        check(pd.Series(["a", None]), pd.Series(["a", "b"]), "s", 0)
