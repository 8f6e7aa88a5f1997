"""Story grouping and outlet similarity on BASIL (100 events x 3 outlets), read in place from ../shared.

Reports, for a split of the years (dev = 2010-2014, used to choose the parameters; held = 2015-2019;
all = both): the adjusted Rand index of framelens.group_stories against the BASIL events, how often each
article's nearest other-outlet neighbour is from its own event (framelens vs scikit-learn TF-IDF cosine),
and the mean outlet-pair cosine within events.

    .venv/bin/python benchmarks/basil_stories.py [--shared ../shared] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

import framelens  # noqa: E402
from framelens import _core  # noqa: E402


def load_basil(shared: Path, years: range | None = None):
    """BASIL articles as dicts: text (title + body), outlet, date, event, year."""
    base = shared / "corpora" / "basil" / "articles"
    if not base.is_dir():
        raise FileNotFoundError(f"{base} not found: BASIL is read in place from ../shared (set $FRAMELENS_SHARED)")
    docs = []
    for ydir in sorted(base.iterdir()):
        if not ydir.name.isdigit() or (years is not None and int(ydir.name) not in years):
            continue
        for f in sorted(ydir.glob("*.json")):
            a = json.loads(f.read_text(encoding="utf-8"))
            body = "\n\n".join(" ".join(p) for p in a["body-paragraphs"])
            docs.append(
                {
                    "text": f"{a['title']}\n\n{body}",
                    "outlet": a["source"].lower(),
                    "date": a.get("date") or "",
                    "event": a["triplet-uuid"],
                    "year": int(ydir.name),
                    "id": f.stem,
                }
            )
    return docs


def to_corpus(docs):
    corpus = framelens.Corpus()
    for d in docs:
        corpus.add(d["text"], outlet=d["outlet"], id=d["id"], date=d["date"], event=d["event"])
    return corpus


def nearest_accuracy(nn, docs):
    ok = [nn[i] >= 0 and docs[nn[i]]["event"] == d["event"] for i, d in enumerate(docs)]
    return float(np.mean(ok))


def sklearn_nearest(docs):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    x = TfidfVectorizer().fit_transform([d["text"] for d in docs])
    sim = cosine_similarity(x)
    outlets = np.array([d["outlet"] for d in docs])
    nn = []
    for i in range(len(docs)):
        s = sim[i].copy()
        s[outlets == outlets[i]] = -np.inf
        nn.append(int(np.argmax(s)))
    return nn


def outlet_pairs_within_events(docs):
    """Mean TF-IDF cosine (scikit-learn default TfidfVectorizer) of each outlet pair over the events."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    x = TfidfVectorizer().fit_transform([d["text"] for d in docs])
    events = {}
    for i, d in enumerate(docs):
        events.setdefault(d["event"], {})[d["outlet"]] = i
    pairs = {}
    for members in events.values():
        outs = sorted(members)
        for a in range(len(outs)):
            for b in range(a + 1, len(outs)):
                s = cosine_similarity(x[members[outs[a]]], x[members[outs[b]]])[0, 0]
                pairs.setdefault(f"{outs[a]}-{outs[b]}", []).append(s)
    return {k: round(float(np.mean(v)), 4) for k, v in sorted(pairs.items())}


def evaluate(docs, threshold, window, entity_weight, threads=0):
    from sklearn.metrics import adjusted_rand_score

    corpus = to_corpus(docs)
    t0 = time.perf_counter()
    labels = _core.group_stories(corpus._core, threshold=threshold, window_days=window,
                                 entity_weight=entity_weight, threads=threads)
    t_group = time.perf_counter() - t0
    nn = _core.nearest_other_outlet(corpus._core, window_days=window, entity_weight=entity_weight, threads=threads)
    nn_nowindow = _core.nearest_other_outlet(corpus._core, window_days=0, entity_weight=entity_weight, threads=threads)
    return {
        "documents": len(docs),
        "events": len({d["event"] for d in docs}),
        "stories_found": len(set(labels)),
        "ari": round(adjusted_rand_score([d["event"] for d in docs], labels), 4),
        "nearest_other_outlet_same_event": round(nearest_accuracy(nn, docs), 4),
        "nearest_other_outlet_same_event_no_window": round(nearest_accuracy(nn_nowindow, docs), 4),
        "sklearn_tfidf_nearest_same_event": round(nearest_accuracy(sklearn_nearest(docs), docs), 4),
        "group_seconds": round(t_group, 3),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FRAMELENS_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--threshold", type=float, default=0.2)
    ap.add_argument("--window", type=float, default=3.0)
    ap.add_argument("--entity-weight", type=float, default=3.0)
    ap.add_argument("--sweep", action="store_true", help="grid over the parameters on the dev years only")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    dev = load_basil(shared, range(2010, 2015))
    if args.sweep:
        for th in (0.1, 0.15, 0.2, 0.25, 0.3):
            for w in (0, 3, 7):
                for ew in (1, 2, 3, 5):
                    r = evaluate(dev, th, w, ew)
                    print(f"threshold={th} window={w} entity_weight={ew}: ari={r['ari']} "
                          f"nn={r['nearest_other_outlet_same_event']} stories={r['stories_found']}")
        return 0
    held = load_basil(shared, range(2015, 2020))
    alldocs = dev + held
    out = {"parameters": {"threshold": args.threshold, "window_days": args.window, "entity_weight": args.entity_weight}}
    for name, docs in (("dev_2010_2014", dev), ("held_2015_2019", held), ("all", alldocs)):
        out[name] = evaluate(docs, args.threshold, args.window, args.entity_weight)
    out["outlet_pair_cosine_within_events"] = outlet_pairs_within_events(alldocs)
    print(json.dumps(out, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
