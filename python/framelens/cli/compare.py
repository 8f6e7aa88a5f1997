"""`framelens compare FILE… | --sample`: outlets side by side — documents, tokens, types, top terms
and the outlet × outlet similarity matrix.

Files are read as UTF-8 text, one document per file. The outlet of a file is given by ``--outlet``
(once per file, in order); otherwise it is the file's name (stem) when all files share one folder,
else the name of the file's folder.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from .. import _core

METHODS = ("cosine", "jaccard", "correlation", "jensen_shannon")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "compare",
        help="compare outlets side by side: tokens, types, top terms, similarity",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files, one document each")
    p.add_argument("--outlet", action="append", metavar="NAME", help="outlet of each FILE, in order (repeat once per file)")
    p.add_argument("--sample", action="store_true", help="use the embedded sample corpus (framelens.datasets.sample())")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--top", type=int, default=10, metavar="N", help="top terms per outlet (default 10)")
    p.add_argument("--method", choices=METHODS, default="cosine", help="similarity of the outlets' term counts")
    p.add_argument("--keep-stopwords", action="store_true", help="count stopwords in top terms and similarity")
    p.add_argument("--threads", type=int, default=0, help="worker threads (default: all cores)")
    p.set_defaults(run=run)


# -- reading ------------------------------------------------------------------------------------
def read_text_file(path: Path) -> str:
    """The text of a UTF-8 file, or a clear framelens error naming the file and what to do."""
    if not path.exists():
        raise _core.MissingFileError(2, "no such file (check the path)", str(path))
    if path.is_dir():
        raise _core.FileError(21, f"{path}: is a folder; pass the text files inside it", str(path))
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _core.FormatError(
            f"{path}: looks like a binary file (NUL byte at byte {nul}); compare reads UTF-8 text files"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _core.EncodingError(
            f"{path}: invalid UTF-8 at byte {exc.start} (line {line}, column {col}); "
            f"re-save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        ) from None
    if not text.strip():
        raise _core.FormatError(f"{path}: the file is empty (no text to compare)")
    return text


def default_outlets(paths: Sequence[Path]) -> list[str]:
    folders = {p.resolve().parent for p in paths}
    if len(folders) == 1:
        return [p.stem for p in paths]
    return [p.resolve().parent.name for p in paths]


def corpus_from_files(files: Sequence[str], outlets: Sequence[str] | None = None) -> Any:
    from ..corpus import Corpus

    paths = [Path(f) for f in files]
    if outlets:
        if len(outlets) != len(paths):
            raise _core.InvalidArgumentError(
                f"{len(outlets)} --outlet names for {len(paths)} files: give one --outlet per file, in order"
            )
        names = list(outlets)
    else:
        names = default_outlets(paths)
    corpus = Corpus()
    for path, outlet in zip(paths, names):
        corpus.add(read_text_file(path), outlet=outlet, title=path.stem, id=str(path))
    return corpus


# -- the comparison -----------------------------------------------------------------------------
def summarize(corpus: Any, top: int = 10, method: str = "cosine", stopwords: bool = True, threads: int = 0) -> dict:
    """Per outlet: documents, tokens, types, top terms; and the outlet × outlet similarity.

    >>> import framelens
    >>> c = framelens.Corpus()
    >>> _ = c.add("The senator said the tax cut helps families.", outlet="Ledger")
    >>> _ = c.add("Critics said the tax cut helps the rich.", outlet="Courier")
    >>> s = summarize(c, top=2)
    >>> [(o["outlet"], o["tokens"], o["types"]) for o in s["outlets"]]
    [('Ledger', 8, 7), ('Courier', 8, 7)]
    >>> s["outlets"][0]["top_terms"]
    [{'term': 'cut', 'count': 1}, {'term': 'families', 'count': 1}]
    """
    from ..dtm import similarity

    if len(corpus) == 0:
        raise _core.InvalidArgumentError("the corpus is empty: nothing to compare")
    full = corpus.dtm(threads=threads).group("outlet")
    terms = corpus.dtm(threads=threads, stopwords=stopwords).group("outlet")
    docs_per_outlet: dict[str, int] = {}
    for o in corpus.labels("outlet"):
        docs_per_outlet[o] = docs_per_outlet.get(o, 0) + 1
    outlets = []
    m = full.matrix
    for i, name in enumerate(full.docnames):
        row = m.getrow(i)
        t = terms.top_terms(top, row=i)
        outlets.append(
            {
                "outlet": name,
                "documents": docs_per_outlet.get(name, 0),
                "tokens": int(row.sum()),
                "types": int(row.nnz),
                "top_terms": [{"term": k, "count": int(v)} for k, v in t.items()],
            }
        )
    sim = similarity(terms, method=method, threads=threads)
    return {
        "outlets": outlets,
        "similarity": {
            "method": method,
            "outlets": list(sim.index),
            "matrix": [[None if v != v else round(float(v), 6) for v in r] for r in sim.to_numpy()],
        },
    }


def format_table(summary: dict, top: int) -> str:
    outlets = summary["outlets"]
    names = [o["outlet"] or "(no outlet)" for o in outlets]
    cells: list[list[str]] = [
        ["documents"] + [str(o["documents"]) for o in outlets],
        ["tokens"] + [str(o["tokens"]) for o in outlets],
        ["types"] + [str(o["types"]) for o in outlets],
    ]
    for r in range(top):
        row = ["top terms" if r == 0 else ""]
        for o in outlets:
            tt = o["top_terms"]
            row.append(f"{tt[r]['term']} ({tt[r]['count']})" if r < len(tt) else "")
        if any(row[1:]):
            cells.append(row)
    lines = [_render([[""] + names] + cells)]
    sim = summary["similarity"]
    label = "Jensen-Shannon divergence (0 = same)" if sim["method"] == "jensen_shannon" else f"{sim['method']} similarity"
    lines.append("")
    lines.append(f"{label}, outlet x outlet:")
    snames = [n or "(no outlet)" for n in sim["outlets"]]
    rows = [[""] + snames] + [
        [snames[i]] + ["nan" if v is None else f"{v:.3f}" for v in r] for i, r in enumerate(sim["matrix"])
    ]
    lines.append(_render(rows))
    return "\n".join(lines)


def _render(rows: list[list[str]]) -> str:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    out = []
    for k, r in enumerate(rows):
        out.append("  ".join(cell.ljust(w) if c == 0 else cell.ljust(w) for c, (cell, w) in enumerate(zip(r, widths))).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    if args.sample and args.files:
        raise _core.InvalidArgumentError("give FILEs or --sample, not both")
    if args.top < 0:
        raise _core.InvalidArgumentError("--top must be >= 0")
    if args.sample:
        try:
            from ..datasets import sample  # written by the comparison area; imported lazily
        except ImportError:
            raise _core.NotFoundError(
                "the embedded sample corpus is not available in this build (framelens.datasets is missing)"
            ) from None
        corpus = sample()
    elif args.files:
        corpus = corpus_from_files(args.files, args.outlet)
    else:
        raise _core.InvalidArgumentError("no input: give one or more text FILEs, or --sample")
    summary = summarize(corpus, top=args.top, method=args.method, stopwords=not args.keep_stopwords,
                        threads=args.threads)
    if args.format == "json":
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_table(summary, args.top))
    return 0
