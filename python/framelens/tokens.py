"""Tokens: ICU word tokenization (or scikit-learn's exact rules) with string offsets.

Each token keeps where it came from, so ``text[t.start:t.end] == t.text`` (the surface form), and its
normalised form ``t.norm`` (the term counted in a document-term matrix).

>>> import framelens
>>> [t.norm for t in framelens.tokens("Korea’s Premier said: “No.”")]
["korea's", 'premier', 'said', 'no']
>>> t = framelens.tokens("Seoul’s reply")[0]
>>> t.start, t.end, t.text, t.norm
(0, 7, 'Seoul’s', "seoul's")
"""
from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence, Union

from . import _core

__all__ = ["Token", "tokens", "stopwords", "token_options"]

Ngrams = Union[int, Sequence[int]]


class Token(NamedTuple):
    """One token: string offsets into the text, the surface text, the normalised form and its kind.

    ``kind`` is one of ``word``, ``number``, ``ideographic``, ``kana``, ``punctuation``, ``symbol``
    (from ICU's word-break status) or ``ngram``.

    >>> text = "Officials’ reply: 42 😀"
    >>> [(t.start, t.end, t.text, t.norm, t.kind) for t in tokens(text, symbols=True)]
    [(0, 9, 'Officials', 'officials', 'word'), (11, 16, 'reply', 'reply', 'word'), (18, 20, '42', '42', 'number'), (21, 22, '😀', '😀', 'symbol')]
    """

    start: int
    end: int
    text: str
    norm: str
    kind: str


def stopwords(language: str = "english") -> list[str]:
    """The project's stopword list (function words, contractions), to extend or pass as ``stopwords=``.

    >>> words = stopwords()
    >>> "the" in words and "said" not in words
    True
    """
    if language not in ("english", "en"):
        raise _core.InvalidArgumentError(f"no stopword list for {language!r}; pass your own list of words")
    return list(_core.english_stopwords())


def token_options(
    mode: str = "icu",
    case_fold: bool = True,
    nfkc: bool = True,
    unify_quotes: bool = True,
    numbers: bool = True,
    punct: bool = False,
    symbols: bool = False,
    stopwords: Union[None, bool, str, Iterable[str]] = None,
    min_length: int = 1,
    ngrams: Ngrams = 1,
    ngram_separator: str = " ",
) -> _core.TokenOptions:
    """Build tokenizer options (the keyword arguments of :func:`tokens` and ``Corpus.dtm``).

    - ``mode``: ``"icu"`` (ICU word boundaries, normalised tokens) or ``"sklearn"`` (exactly
      scikit-learn's ``CountVectorizer`` defaults: ``str.lower()`` then ``(?u)\\b\\w\\w+\\b``; only
      ``case_fold`` (= sklearn's ``lowercase``), ``stopwords`` and ``ngrams`` apply).
    - ``case_fold``: Unicode case folding; ``nfkc``: NFKC normalisation (both on: NFKC_Casefold, which
      also drops default-ignorable characters such as soft hyphens); ``unify_quotes``: ’ → ' and “ ” → ".
    - ``numbers``/``punct``/``symbols``: keep number, punctuation and symbol (incl. emoji) tokens.
    - ``stopwords``: ``True`` or ``"english"`` for the project's list, or your own list of words.
    - ``min_length``: minimum length in characters (default 1 keeps single CJK characters).
    - ``ngrams``: ``N`` for all n-grams of 1..N tokens, or ``(lo, hi)`` like scikit-learn's ``ngram_range``;
      n-gram parts are joined with ``ngram_separator``.
    """
    o = _core.TokenOptions()
    o.mode = mode
    o.case_fold = bool(case_fold)
    o.nfkc = bool(nfkc)
    o.unify_quotes = bool(unify_quotes)
    o.keep_numbers = bool(numbers)
    o.keep_punct = bool(punct)
    o.keep_symbols = bool(symbols)
    if stopwords is True or stopwords in ("english", "en"):
        o.remove_stopwords = True
    elif stopwords not in (None, False):
        if isinstance(stopwords, str):
            raise _core.InvalidArgumentError(
                f"stopwords={stopwords!r}: pass True or 'english' for the built-in list, or a list of words"
            )
        o.stopwords = [str(w) for w in stopwords]
    if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 1:
        raise _core.InvalidArgumentError(f"min_length must be an integer >= 1, not {min_length!r}")
    o.min_length = min_length
    if isinstance(ngrams, int) and not isinstance(ngrams, bool):
        lo, hi = 1, ngrams
    else:
        try:
            lo, hi = (int(x) for x in ngrams)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            raise _core.InvalidArgumentError(f"ngrams must be N or (lo, hi), not {ngrams!r}") from None
    if not 1 <= lo <= hi:
        raise _core.InvalidArgumentError(f"ngrams must satisfy 1 <= lo <= hi, not {ngrams!r}")
    o.ngram_min, o.ngram_max = lo, hi
    o.ngram_separator = ngram_separator
    return o


def tokens(text: str, **options) -> list[Token]:
    """Tokens of ``text`` in order (unigrams first, then bigrams, ...); options as :func:`token_options`.

    >>> [t.norm for t in tokens("The vote, the VOTE!", stopwords=True)]
    ['vote', 'vote']
    >>> [t.text for t in tokens("Seoul and Tokyo agreed", ngrams=(2, 2))]
    ['Seoul and', 'and Tokyo', 'Tokyo agreed']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _core.EncodingError(
            f"text is not valid Unicode at string offset {exc.start} ({exc.reason}); clean or re-decode it"
        ) from None
    starts, ends, norms, kinds = _core.tokenize(text, token_options(**options))
    return [Token(s, e, text[s:e], n, k) for s, e, n, k in zip(starts.tolist(), ends.tolist(), norms, kinds)]
