"""framelens: comparative source-framing analysis of news.

Put several outlets' coverage of the same story side by side and ask who each outlet lets speak,
what each one mentions or leaves out, which words each one chooses, and how alike they are.

>>> import framelens
>>> corpus = framelens.Corpus()
>>> _ = corpus.add("Officials said the pact was signed.", outlet="Outlet A")
>>> len(corpus)
1
"""
# The modules, each importing only modules listed before it (tests/python/test_import_graph.py fails on any cycle):
#   _core (C++) · _progress · _tables · _html · plot        helpers
#   tokens · quotes · dtm · _readers                        text, quotes, matrices, file readers: given a corpus, never import it
#   corpus                                                  Corpus and Document; Corpus.from_* read with _readers
#   ingest · datasets                                       framelens.read & co., the sample corpus: each returns a Corpus
#   frames · _report · compare                              the comparison and its report
#   cli · dask                                              the command line; Dask (imported only on request)
from ._core import (  # noqa: F401  (the error hierarchy lives in the C++ module)
    EncodingError,
    FileError,
    FormatError,
    FramelensError,
    InvalidArgumentError,
    MissingFileError,
    NotFoundError,
    __version__,
)
from .corpus import Corpus, Document
from .dtm import DocumentTermMatrix, nearest, similarity
from .tokens import Token, stopwords, tokens
from .ingest import parse_date, read, read_html
from . import datasets  # noqa: E402
from . import quotes  # the module, callable as the function: framelens.quotes(text), framelens.quotes.add_cues
from .quotes import add_cues, add_gazetteer  # noqa: E402
from .compare import Comparison, compare, group_stories, keyness  # noqa: E402
from .frames import FrameLexicon  # noqa: E402

__all__ = [
    "Corpus",
    "Document",
    "DocumentTermMatrix",
    "EncodingError",
    "FileError",
    "FormatError",
    "FramelensError",
    "InvalidArgumentError",
    "MissingFileError",
    "NotFoundError",
    "Token",
    "__version__",
    "nearest",
    "similarity",
    "stopwords",
    "tokens",
    "parse_date",
    "read",
    "read_html",
    "datasets",
    "quotes",
    "add_cues",
    "add_gazetteer",
    "Comparison",
    "FrameLexicon",
    "compare",
    "group_stories",
    "keyness",
]
