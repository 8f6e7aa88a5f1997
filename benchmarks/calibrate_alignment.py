"""Calibrate the sentence-alignment threshold of framelens.compare on BASIL (read in place from ../shared).

A sentence counts as "also reported" by another outlet when its best TF-IDF cosine with that outlet's
sentences of the same story reaches the threshold. The null distribution: articles of two DIFFERENT
BASIL events presented as one story (nothing they say is the same report). The threshold is the
99th percentile of the best cosines of their sentences, i.e. a 1% false-match rate per sentence and
outlet. It is chosen on the dev years (2010-2014) and checked on the held years (2015-2019), where the
script also reports how many sentences of same-event articles find a match.

    .venv/bin/python benchmarks/calibrate_alignment.py [corpus|story]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import framelens  # noqa: E402
from basil_stories import load_basil  # noqa: E402


def best_cosines(groups, idf_scope):
    """Best cosine of every sentence with each other article of its group (threshold 1: nothing aligns)."""
    corpus = framelens.Corpus()
    stories = []
    for k, group in enumerate(groups):
        for d in group:
            corpus.add(d["text"], outlet=d["outlet"])
            stories.append(f"group{k}")
    cmp = framelens.compare(corpus, story=stories, align_threshold=1.0, quotes=False, top_terms=1, top_actors=1,
                            idf_scope=idf_scope)
    values = []
    for o in cmp.data["outlets"]:
        for s in o["unique"]:
            values.extend(s["best"].values())
    return np.array(values)


def groups_for(docs, same_event):
    """Three articles per group, one per outlet (fox, nyt, hpo): of one event, or of three different events."""
    events = {}
    for d in docs:
        events.setdefault(d["event"], {})[d["outlet"]] = d
    keys = sorted(events)
    out = []
    for i, e in enumerate(keys):
        picks = [events[keys[i if same_event else (i + k) % len(keys)]].get(o) for k, o in enumerate(("fox", "nyt", "hpo"))]
        if all(p is not None for p in picks):
            out.append(picks)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scope", nargs="?", choices=("corpus", "story"), default="corpus",
                    help="where the IDF weights come from (default: corpus)")
    scope = ap.parse_args().scope
    shared = Path(os.environ.get("FRAMELENS_SHARED", str(ROOT.parent / "shared")))
    dev = load_basil(shared, range(2010, 2015))
    held = load_basil(shared, range(2015, 2020))
    null_dev = best_cosines(groups_for(dev, same_event=False), scope)
    threshold = float(np.quantile(null_dev, 0.99))
    null_held = best_cosines(groups_for(held, same_event=False), scope)
    same_held = best_cosines(groups_for(held, same_event=True), scope)
    out = {
        "idf_scope": scope,
        "threshold_p99_null_dev": round(threshold, 4),
        "null_dev_sentences": int(null_dev.size),
        "held_false_match_rate": round(float(np.mean(null_held >= threshold)), 4),
        "held_same_event_match_rate": round(float(np.mean(same_held >= threshold)), 4),
        "held_same_event_sentences": int(same_held.size),
        "null_quantiles_dev": {q: round(float(np.quantile(null_dev, q)), 4) for q in (0.5, 0.9, 0.95, 0.99)},
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
