"""`framelens compare FILE…`: several outlets' coverage side by side.

Per outlet: documents, tokens and types, distinctive terms, what it alone reports and what it leaves
out, its sources, its frames; then the outlet×outlet similarity. ``--sample`` runs on the embedded
sample corpus; ``--format json`` prints the full comparison (schema in docs/comparison.md);
``--report FILE.html`` writes the standalone HTML report.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import datasets
from ..compare import compare
from ..corpus import Corpus
from ..dtm import similarity
from .._report import _largest_outlets
from ..ingest import read


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "compare",
        help="compare outlets side by side: terms, coverage and omission, sources, frames, similarity",
        description="Read articles and compare the outlets side by side, story by story.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="files, directories or glob patterns")
    p.add_argument("--sample", action="store_true", help="compare the outlets of the embedded sample corpus")
    p.add_argument("--outlet", action="append", metavar="NAME",
                   help="the outlet of the files (once for all, or once per FILE in order)")
    p.add_argument("--story", default=None, metavar="KEY|auto",
                   help="metadata key holding story labels, or 'auto' to group articles into stories "
                        "(default: the 'story' metadata when every article has one, else one story for up to "
                        "50 articles and 'auto' for more)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--report", metavar="FILE.html", help="also write the standalone HTML report")
    p.add_argument("--measure", choices=("log_odds", "chi2", "g2", "pmi"), default="log_odds",
                   help="keyness measure for distinctive terms (default: log_odds)")
    p.add_argument("--house-style", action="store_true",
                   help="drop honorifics/titles and outlet self-references from distinctive terms")
    p.add_argument("--frames", metavar="LEXICON", help="frame lexicon (.json or LIWC-style .dic; default: generic)")
    p.add_argument("--no-quotes", dest="quotes", action="store_false", help="skip quote attribution")
    p.add_argument("--top", type=int, default=8, help="terms and sentences shown per outlet (default: 8)")
    p.add_argument("--lang", choices=("en", "de"), default=None, help="--sample only: keep one language")
    p.add_argument("--method", choices=("cosine", "jaccard", "correlation", "jensen_shannon"), default=None,
                   help="also show outlet similarity of term counts by this method (framelens.similarity)")
    p.add_argument("--threads", type=int, default=0, help="worker threads (default: all cores)")
    p.add_argument("--width", type=int, default=100, metavar="COLUMNS",
                   help="width of the table output in characters (default: 100)")
    p.add_argument("--wide", action="store_true",
                   help="the side-by-side layout: one column per outlet, as wide as it needs")
    p.add_argument("--max-outlets", type=int, default=30, metavar="N",
                   help="the table and the report show the N outlets with the most documents (default: 30; "
                        "0: every outlet); --format json holds them all")
    p.set_defaults(run=run)


def _load(args: argparse.Namespace) -> Any:
    if args.sample:
        if args.files:
            raise ValueError("give FILEs or --sample, not both")
        return datasets.sample(lang=args.lang or "en")
    if not args.files:
        raise ValueError("no input: give article files (or directories, globs), or --sample for the embedded corpus")
    outlets = args.outlet or []
    if len(outlets) > 1 and len(outlets) != len(args.files):
        raise ValueError(f"{len(outlets)} --outlet values for {len(args.files)} FILEs: give one for all, or one per FILE")
    if len(outlets) <= 1:
        corpus = read(args.files, outlet=outlets[0] if outlets else None)
    else:
        corpus = Corpus()
        for f, o in zip(args.files, outlets):
            for d in read(f, outlet=o):
                corpus._core.add_document(d._doc)
    _outlets_from_folders(corpus)
    return corpus


def _outlets_from_folders(corpus: Any) -> None:
    """Pages whose outlet was neither given nor found on the page (``framelens.read`` names the outlets
    by folder when the pages lie in two or more) take their folder's name, read as ``framelens.read``
    reads it (not a date folder: ``cnn/2020/a.txt`` is "cnn")."""
    import os
    from pathlib import Path

    from .._readers import _outlet_folder

    pages = [(d, Path(d.get("file")).resolve().parent) for d in corpus if d.get("file")]
    if not pages:
        return
    root = Path(os.path.commonpath([str(folder) for _, folder in pages]))
    for d, folder in pages:
        if not d.outlet:
            d._doc.outlet = _outlet_folder(folder, root)


def top_terms(corpus: Any, n: int, threads: int = 0) -> dict[str, list[dict[str, Any]]]:
    """The ``n`` most frequent terms of each outlet, stopwords and punctuation removed."""
    grouped = corpus.dtm(stopwords=True, numbers=False, threads=threads).group("outlet")
    return {o: [{"term": t, "count": int(c)} for t, c in grouped.top_terms(n, row=o).items()] for o in grouped.docnames}


def _wide_table(cmp: Any, top: int, frequent: dict[str, list[dict[str, Any]]], extra: Any = None,
                shown: list[str] | None = None) -> str:
    """The side-by-side layout (``--wide``): one column per outlet (``shown``: these), each as wide as its
    longest cell."""
    import pandas as pd

    shown = list(cmp.outlets) if shown is None else shown
    out = []
    s = cmp.summary.set_index("outlet")
    src = cmp.sourcing.set_index("outlet")
    frames = cmp.frames
    side = pd.DataFrame(index=shown)
    side["documents"] = s["documents"]
    side["tokens"] = s["tokens"]
    side["types"] = s["types"]
    side["only this outlet"] = s["unique"]
    side["left out"] = s["omitted"]
    side["quotes"] = src["quotes"]
    side["speakers"] = src["speakers"]
    side["anonymous"] = (src["anonymous_share"] * 100).round(0).astype(int).astype(str) + "%"
    side["top frame"] = [f"{frames.loc[o].idxmax()} ({frames.loc[o].max():.1f})" if frames.loc[o].max() > 0 else "–"
                         for o in shown]
    terms = _by_outlet(cmp.distinctive_terms, top)
    side["distinctive terms"] = [", ".join(terms[o]["term"]) if o in terms else "" for o in shown]
    side["top terms"] = [", ".join(t["term"] for t in frequent.get(o, [])) for o in shown]
    with pd.option_context("display.max_colwidth", 90, "display.width", 200):
        out.append(side.T.to_string())
        out.append("")
        out.append("Similarity (TF-IDF cosine)")
        out.append(cmp.similarity.loc[shown, shown].round(3).to_string())
        if extra is not None:
            out.append("")
            out.append(f"Similarity ({extra.attrs.get('method', 'term counts')})")
            out.append(extra.loc[shown, shown].round(3).to_string())
    unique = _by_outlet(cmp.unique, top)
    for o in shown:
        rows = unique.get(o)
        if rows is not None and len(rows):
            out.append("")
            out.append(f"Only {o} reports:")
            for _, r in rows.iterrows():
                text = " ".join(r["text"].split())
                out.append(f"  - [{r['story']}] {text[:160]}{'…' if len(text) > 160 else ''}")
    labels = _labels_of(cmp, shown)
    if len(labels):
        out.append("")
        out.append(labels.to_string())
    return "\n".join(out)


def _by_outlet(df: Any, top: int | None = None) -> dict[str, Any]:
    """A view's rows per outlet (its first ``top`` each), in one pass over the view."""
    groups = df.groupby("outlet", sort=False, observed=True)
    return {str(o): (g.head(top) if top is not None else g) for o, g in groups}


def _labels_of(cmp: Any, shown: list[str]) -> Any:
    """The labels matrix (actor, label) × outlet; when only some outlets are ``shown``, their columns and
    the rows they use."""
    labels = cmp.labels
    if not len(labels) or len(shown) == len(cmp.outlets):
        return labels
    labels = labels[[o for o in shown if o in labels.columns]]
    return labels[(labels != 0).any(axis=1)]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _wrap(label: str, items: list[str], width: int, indent: int = 4) -> list[str]:
    """``label: a, b, c`` wrapped to ``width``, continuation lines indented."""
    import textwrap

    return textwrap.wrap(f"{label}: {', '.join(items) if items else '–'}", width=width,
                         subsequent_indent=" " * indent, break_long_words=True, break_on_hyphens=False)


def _matrix(df: Any, width: int, digits: int = 3) -> list[str]:
    """A labelled matrix (outlet columns) within ``width``: full column names when they fit, else the
    columns are numbered and the rows carry the numbers."""
    import pandas as pd

    df = df.round(digits) if digits is not None else df
    with pd.option_context("display.width", 10_000, "display.max_columns", None, "display.max_colwidth", 10_000):
        lines = df.to_string().splitlines()
        if max(map(len, lines)) <= width:
            return lines
        cols = [str(c) for c in df.columns]
        numbered = df.copy()
        numbered.columns = [f"[{k}]" for k in range(1, len(cols) + 1)]
        if list(df.index) and all(str(i) in cols for i in df.index):  # a square outlet x outlet matrix
            numbered.index = [f"[{cols.index(str(i)) + 1}] {_fit(str(i), 30)}" for i in df.index]
            key: list[str] = []
        else:
            key = _wrap("columns", [f"[{k}] {c}" for k, c in enumerate(cols, 1)], width)
        lines = numbered.to_string().splitlines()
    return key + [_fit(line, width) for line in lines]


def _table(cmp: Any, top: int, frequent: dict[str, list[dict[str, Any]]], extra: Any = None, width: int = 100,
           shown: list[str] | None = None) -> str:
    """The default layout: outlets (``shown``: these) as rows, every line at most ``width`` characters; long
    lists trimmed with a count of what was left out."""
    import textwrap

    shown = list(cmp.outlets) if shown is None else shown
    width = max(width, 40)
    s = cmp.summary.set_index("outlet")
    src = cmp.sourcing.set_index("outlet")
    frames = cmp.frames
    name_w = min(max(len(o) for o in shown), 28)
    heads = ["documents", "tokens", "types", "only", "left out", "quotes", "speakers", "anonymous"]
    rows = []
    for o in shown:
        rows.append([str(int(s.loc[o, "documents"])), f"{int(s.loc[o, 'tokens']):,}", f"{int(s.loc[o, 'types']):,}",
                     str(int(s.loc[o, "unique"])), str(int(s.loc[o, "omitted"])), str(int(src.loc[o, "quotes"])),
                     str(int(src.loc[o, "speakers"])), f"{src.loc[o, 'anonymous_share'] * 100:.0f}%"])
    col_w = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(heads)]
    out = [_fit(" " * name_w + "".join(f"  {h:>{w}}" for h, w in zip(heads, col_w)), width)]
    for o, r in zip(shown, rows):
        out.append(_fit(f"{_fit(o, name_w):<{name_w}}" + "".join(f"  {v:>{w}}" for v, w in zip(r, col_w)), width))
    out.extend(textwrap.wrap("(only: sentences no other outlet reports; left out: what the others report and this "
                             "one does not; anonymous: share of attributed quotes with an anonymous source)",
                             width=width))
    terms = _by_outlet(cmp.distinctive_terms, top)
    for o in shown:
        out.append("")
        out.append(_fit(o, width))
        top_frame = f"{frames.loc[o].idxmax()} ({frames.loc[o].max():.1f} per 1,000 tokens)" \
            if len(frames.columns) and frames.loc[o].max() > 0 else "–"
        out.extend("  " + line for line in _wrap("top frame", [top_frame], width - 2))
        out.extend("  " + line for line in _wrap("distinctive terms", list(terms[o]["term"]) if o in terms else [],
                                                 width - 2))
        out.extend("  " + line for line in _wrap("top terms", [t["term"] for t in frequent.get(o, [])], width - 2))
    out.append("")
    out.append("Similarity (TF-IDF cosine)")
    out.extend(_matrix(cmp.similarity.loc[shown, shown], width))
    if extra is not None:
        out.append("")
        out.append(f"Similarity ({extra.attrs.get('method', 'term counts')})")
        out.extend(_matrix(extra.loc[shown, shown], width))
    unique = _by_outlet(cmp.unique)
    for o in shown:
        rows_o = unique.get(o)
        if rows_o is None or not len(rows_o):
            continue
        out.append("")
        out.append(_fit(f"Only {o} reports:", width))
        for _, r in rows_o.head(top).iterrows():
            out.extend(textwrap.wrap(" ".join(r["text"].split()), width=width, initial_indent=f"  - [{r['story']}] ",
                                     subsequent_indent="    ", max_lines=3, placeholder=" …"))
        if len(rows_o) > top:
            out.append(f"  … and {len(rows_o) - top} more (--top to show more, --format json for all)")
    labels = _labels_of(cmp, shown)
    if len(labels):
        out.append("")
        out.append("Labels (actor, label: uses per outlet)")
        out.extend(_matrix(labels, width, digits=None))
    return "\n".join(out)


_JSON_SLICE = 1 << 24  # characters of the comparison's JSON written at a time


def run(args: argparse.Namespace) -> int:
    corpus = _load(args)
    actors = None
    if args.sample:
        actors = datasets.sample_manifest().get("actors")
    cmp = compare(corpus, story=args.story, measure=args.measure, house_style=args.house_style,
                  frames=args.frames, quotes=args.quotes, actors=actors)
    if args.max_outlets < 0:
        raise ValueError(f"--max-outlets must be 0 (every outlet) or more, not {args.max_outlets}")
    if args.report:
        cmp.to_html(args.report, max_outlets=args.max_outlets or None)
    frequent = top_terms(corpus, args.top, args.threads)
    extra = None
    if args.method:
        extra = similarity(corpus.dtm(stopwords=True, threads=args.threads).group("outlet"),
                           method=args.method, threads=args.threads)
        extra.attrs["method"] = f"{args.method} of term counts"
    if args.format == "json":
        import json

        # The comparison (schema 2) plus what the table shows besides it, under keys of their own that
        # Comparison.from_json passes over. The comparison's text is one JSON object: the added keys go
        # before its closing brace, so that a whole corpus's comparison (420 MB of JSON) is written as it is
        # instead of being parsed into Python objects and written again (9.2 GB peak that way).
        data: dict = {"top_terms": {o: frequent.get(o, []) for o in cmp.outlets}}
        if extra is not None:
            data["similarity_by_method"] = {"method": args.method, "outlets": list(extra.index),
                                            "matrix": extra.to_numpy().tolist()}
        text = cmp.to_json()
        if not text.endswith("}"):  # never expected: to_json writes one object
            raise RuntimeError("Comparison.to_json did not end with '}'")
        # in slices: one slice of the whole and its UTF-8 encoding would each be as large as the text again
        for start in range(0, len(text) - 1, _JSON_SLICE):
            sys.stdout.write(text[start:min(start + _JSON_SLICE, len(text) - 1)])
        del text
        sys.stdout.write("," + json.dumps(data, ensure_ascii=False)[1:] + "\n")
    else:
        shown, _ = _largest_outlets(cmp, args.max_outlets or None)
        if len(shown) < len(cmp.outlets):
            sys.stdout.write(f"Shown: the {len(shown)} outlets with the most documents of {len(cmp.outlets):,} "
                             "(--max-outlets 0 for every outlet; --format json holds them all)\n\n")
        if args.wide:
            sys.stdout.write(_wide_table(cmp, args.top, frequent, extra, shown=shown) + "\n")
        else:
            sys.stdout.write(_table(cmp, args.top, frequent, extra, width=args.width, shown=shown) + "\n")
        if args.report:
            sys.stdout.write(f"\nreport written to {args.report}\n")
    return 0
