"""The same quote across outlets on BASIL (100 events x 3 outlets), read in place from ../shared.

Compares the articles twice: with the BASIL events as stories (the groups found), and with stories made of
three different events (event i's first outlet, event i+1's second, event i+2's third), where every group
is a false alignment. Reports groups and members by relation in each, and the false-group rate (groups in
mismatched stories per group in true ones) — the check of the thresholds in docs/comparison.md. Years
2010-2014 chose them ("dev"); 2015-2019 are reported apart ("held").

    .venv/bin/python benchmarks/shared_quotes_basil.py [--shared ../shared] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import framelens  # noqa: E402
from basil_stories import load_basil, to_corpus  # noqa: E402


def mismatched(docs: list[dict]) -> list[str]:
    """Stories of three different events: the k-th outlet's article of event i goes to story i - k."""
    events = sorted({d["event"] for d in docs})
    outlets = sorted({d["outlet"] for d in docs})
    at = {e: i for i, e in enumerate(events)}
    return [f"mix{(at[d['event']] - outlets.index(d['outlet'])) % len(events)}" for d in docs]


def count(cmp) -> dict:
    g, m = cmp.shared_quotes, cmp.shared_quote_members
    return {"groups": int(len(g)), "by_relation": {k: int(v) for k, v in g["relation"].value_counts().items()},
            "members": {k: int(v) for k, v in m["relation"].value_counts().items()},
            "different_speakers": int((~g["same_speaker"]).sum()),
            "direct_and_indirect": int(g["direct_and_indirect"].sum())}


def measure(docs: list[dict]) -> dict:
    corpus = to_corpus(docs)
    true = framelens.compare(corpus, story=[d["event"] for d in docs])
    false = framelens.compare(corpus, story=mismatched(docs))
    out = {"articles": len(docs), "quotes": int(len(true.quotes)), "true_stories": count(true),
           "mismatched_stories": count(false)}
    t, f = out["true_stories"]["groups"], out["mismatched_stories"]["groups"]
    out["false_group_rate"] = round(f / t, 3) if t else None
    return out


def emit(out: dict, path: str | None) -> int:
    """Prints the figures as JSON, also into the file `path` when given."""
    text = json.dumps(out, indent=2)
    print(text)
    if path:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FRAMELENS_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    try:
        docs = load_basil(Path(args.shared))
    except FileNotFoundError as e:
        print(e, file=sys.stderr)
        return 2
    return emit({"dev": measure([d for d in docs if d["year"] < 2015]),
                 "held": measure([d for d in docs if d["year"] >= 2015]), "all": measure(docs)}, args.json)


if __name__ == "__main__":
    sys.exit(main())
