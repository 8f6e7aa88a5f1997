"""framelens.tokens / Corpus.tokens: string offsets, normalisation, options, errors."""
import pytest

import framelens
from framelens import Corpus

UNICODE_CASES = [
    ("Korea’s “envoy” said it’s done.", ["korea's", "envoy", "said", "it's", "done"]),
    ("東京と大阪の会談", None),
    ("Great 😀 news 👍🏽 today", ["great", "news", "today"]),
    ("Cafe\u0301 and re\u0301sume\u0301", ["café", "and", "résumé"]),
    ("first line\r\nsecond line\r\n", ["first", "line", "second", "line"]),
    ("ΟΔΟΣ and Straße", ["οδοσ", "and", "strasse"]),
]


@pytest.mark.parametrize("text,expected", UNICODE_CASES)
@pytest.mark.parametrize("mode", ["icu", "sklearn"])
def test_offsets_are_string_offsets(text, expected, mode):
    toks = framelens.tokens(text, mode=mode, symbols=True, punct=True)
    assert toks or not text.strip()
    for t in toks:
        assert text[t.start : t.end] == t.text
    # tokens come in text order and do not overlap
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:]))
    if expected is not None and mode == "icu":
        assert [t.norm for t in framelens.tokens(text)] == expected


def test_cjk_single_characters_survive():
    toks = framelens.tokens("東京と大阪")
    assert "".join(t.text for t in toks) == "東京と大阪"
    assert {t.kind for t in toks} <= {"ideographic", "kana"}


def test_emoji_kept_as_symbols_on_request():
    toks = framelens.tokens("news 😀", symbols=True)
    assert [(t.text, t.kind) for t in toks] == [("news", "word"), ("😀", "symbol")]


def test_options():
    text = "In 2016, the U.S. Senate voted 52-48!"
    assert [t.norm for t in framelens.tokens(text, numbers=False, stopwords=True)] == ["u.s", "senate", "voted"]
    assert "!" in [t.norm for t in framelens.tokens(text, punct=True)]
    assert [t.norm for t in framelens.tokens("Tax cut now", ngrams=(2, 2), ngram_separator="_")] == ["tax_cut", "cut_now"]
    bigrams = framelens.tokens("Tax cut now", ngrams=2)
    assert [t.norm for t in bigrams] == ["tax", "cut", "now", "tax cut", "cut now"]
    assert bigrams[3].text == "Tax cut"
    assert [t.norm for t in framelens.tokens("a bb ccc", min_length=2)] == ["bb", "ccc"]
    assert [t.norm for t in framelens.tokens("Senate SAID", stopwords=["said"])] == ["senate"]
    assert [t.norm for t in framelens.tokens("It’s", unify_quotes=False)] == ["it’s"]
    assert [t.norm for t in framelens.tokens("ＡＢＣ Abc", nfkc=False, case_fold=False)] == ["ＡＢＣ", "Abc"]


@pytest.mark.parametrize(
    "kwargs",
    [dict(mode="spacy"), dict(ngrams=(2, 1)), dict(ngrams=0), dict(min_length=0), dict(stopwords="french")],
)
def test_bad_options_are_value_errors(kwargs):
    with pytest.raises(ValueError):
        framelens.tokens("text", **kwargs)


def test_lone_surrogate_is_an_encoding_error():
    with pytest.raises(framelens.EncodingError, match="string offset 2"):
        framelens.tokens("ab\ud800")


def test_corpus_tokens():
    c = Corpus()
    c.add("Seoul’s reply came fast.", outlet="A")
    toks = c.tokens(0, stopwords=True)
    assert [(t.text, t.norm) for t in toks] == [("Seoul’s", "seoul's"), ("reply", "reply"), ("came", "came"), ("fast", "fast")]
    assert c[0].text[toks[0].start : toks[0].end] == "Seoul’s"
    with pytest.raises(IndexError):
        c.tokens(3)


def test_stopword_list():
    words = framelens.stopwords()
    assert "the" in words and "said" not in words and len(words) == len(set(words))
