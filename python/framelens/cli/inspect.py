"""`framelens inspect FILE…`: what ingestion makes of each article before any analysis runs.

Shows the metadata (outlet, title, date, author, dateline, url), the first lines of the kept text and
every removed line with the rule that removed it. ``--format json`` prints one JSON object per
article (``null`` for absent values), for scripts and tests.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import Any

from ..ingest import read

META_KEYS = ("subtitle", "date", "date_raw", "author", "dateline", "url")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "inspect",
        help="show the metadata, kept text and removed boilerplate of articles",
        description="Read articles (text pages, JSONL, CSV, JSON, HTML; gzip too) and show what ingestion found: "
        "metadata, the first kept lines and every removed line with its rule.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="files, directories or glob patterns")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--outlet", help="the outlet of every article (wins over detected ones)")
    p.add_argument("--lines", type=int, default=3, help="kept paragraphs to show per article (default: 3)")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="invalid UTF-8: stop with an error (default) or replace by U+FFFD")
    p.add_argument("--no-clean", dest="clean", action="store_false", help="keep every line (no boilerplate removal)")
    p.add_argument("--keep", action="append", default=[], metavar="RULE",
                   help="keep the lines a rule removed (repeatable), e.g. --keep page-end")
    p.set_defaults(run=run)


def describe(doc: Any, lines: int = 3) -> dict[str, Any]:
    """One article as a JSON-ready dict (absent values are None)."""
    meta = doc.metadata
    text = doc.text
    return {
        "id": doc.id,
        "file": meta.get("file"),
        "outlet": doc.outlet or None,
        "title": doc.title or None,
        **{k: meta.get(k) or None for k in META_KEYS},
        "boilerplate": [r["text"] for r in doc.removed if not r["metadata"]],
        "removed": doc.removed,
        "paragraphs": len(doc.paragraphs),
        "sentences": len(doc.sentences),
        "replaced": int(meta.get("replaced", 0)),
        "text_start": [text[a:b] for a, b in doc.paragraphs[:lines]],
    }


def run(args: argparse.Namespace) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnicodeWarning)
        corpus = read(args.files, outlet=args.outlet, errors=args.errors, clean=args.clean, keep_rules=args.keep)
    for w in caught:
        print(f"framelens inspect: warning: {w.message}", file=sys.stderr)
    out = sys.stdout
    items = [describe(d, args.lines) for d in corpus]
    if args.format == "json":
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
        return 0
    for n, item in enumerate(items):
        if n:
            out.write("\n")
        out.write(f"== {item['file'] or item['id']}\n")
        for key in ("outlet", "title") + META_KEYS:
            if item[key] is not None:
                out.write(f"  {key:<9} {item[key]}\n")
        out.write(f"  {'structure':<9} {item['paragraphs']} paragraphs, {item['sentences']} sentences\n")
        if item["replaced"]:
            out.write(f"  {'replaced':<9} {item['replaced']} invalid UTF-8 sequences (U+FFFD)\n")
        out.write("  -- kept text starts\n")
        for para in item["text_start"]:
            short = para if len(para) <= 100 else para[:99] + "…"
            out.write(f"     {short}\n")
        out.write(f"  -- removed ({len(item['removed'])})\n")
        for r in item["removed"]:
            out.write(f"     line {r['line']:>4}  {r['rule']:<10}  {r['text']}\n")
    return 0
