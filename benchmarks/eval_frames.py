"""Frame scores against human coders: ROC AUC by k-fold cross-validation on the Narrative Frames train split.

usage: python benchmarks/eval_frames.py [--folds 5] [--seed 0] [--C 1.0] [--feature log_count] [--min-df 3]

Prints one row per frame (and the macro mean) for
  * generic   — the shipped lexicon (cpp/data/frames_generic.json), fixed, scored on each held-out fold;
  * fitted    — FrameLexicon.fit on the other folds (vocabulary included), applied by the C++ scorer;
  * fitted+generic — the same with prior=FrameLexicon.generic() (its weight per frame chosen by inner CV
                in the training folds), one lexicon applied by the C++ scorer;
  * sklearn   — the anchor: scikit-learn TfidfVectorizer + LogisticRegression on the same folds.
The data (../shared/frames/narrative-frames/train.jsonl, or $FRAMELENS_SHARED) is read in place.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ["responsibility", "human_interest", "conflict", "morality", "economic"]


def load(path: Path):
    import framelens

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = framelens.Corpus([{"text": r["text"], "outlet": r["outlet"], "id": str(r["id"])} for r in rows])
    labels = pd.DataFrame([{f: bool(r["frames"][f]) for f in FRAMES} for r in rows])
    return corpus, labels, [r["text"] for r in rows]


def sklearn_anchor(texts, labels: pd.DataFrame, folds: int, seed: int) -> pd.Series:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    texts = np.asarray(texts, dtype=object)
    auc = {f: [] for f in FRAMES}
    for f in FRAMES:  # the same stratified folds per frame as FrameLexicon.cross_validate
        y = labels[f].to_numpy()
        for train, test in StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(texts, y):
            vec = TfidfVectorizer(sublinear_tf=True, min_df=2)
            Xtr, Xte = vec.fit_transform(texts[train]), vec.transform(texts[test])
            clf = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000).fit(Xtr, y[train])
            auc[f].append(roc_auc_score(y[test], clf.decision_function(Xte)))
    s = pd.Series({f: float(np.mean(v)) for f, v in auc.items()})
    s["macro"] = s.mean()
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--C", type=float, default=None, help="fit: inverse regularisation (default: FrameLexicon.fit's)")
    ap.add_argument("--feature", default=None, help="fit: feature transform (default: FrameLexicon.fit's)")
    ap.add_argument("--min-df", type=int, default=None, help="fit: minimum document frequency")
    ap.add_argument("--no-anchor", action="store_true", help="skip the scikit-learn TF-IDF anchor")
    args = ap.parse_args()
    import framelens

    shared = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared"))
    path = shared / "frames" / "narrative-frames" / "train.jsonl"
    if not path.is_file():
        sys.exit(f"no {path} (set FRAMELENS_SHARED)")
    corpus, labels, texts = load(path)
    fit = {k: v for k, v in (("C", args.C), ("feature", args.feature), ("min_df", args.min_df)) if v is not None}
    t0 = time.perf_counter()
    generic = framelens.FrameLexicon.cross_validate(corpus, labels, folds=args.folds, seed=args.seed,
                                                    lexicon=framelens.FrameLexicon.generic())
    t1 = time.perf_counter()
    fitted = framelens.FrameLexicon.cross_validate(corpus, labels, folds=args.folds, seed=args.seed, **fit)
    t2 = time.perf_counter()
    prior = framelens.FrameLexicon.cross_validate(corpus, labels, folds=args.folds, seed=args.seed,
                                                  prior=framelens.FrameLexicon.generic(), **fit)
    t2b = time.perf_counter()
    table = pd.DataFrame({"positives": generic["positives"], "generic": generic["auc"], "generic_min_fold":
                          generic[[c for c in generic.columns if c.startswith("auc_fold")]].min(axis=1),
                          "fitted": fitted["auc"], "fitted_std": fitted["auc_std"],
                          "fitted_generic": prior["auc"], "fitted_generic_min_fold":
                          prior[[c for c in prior.columns if c.startswith("auc_fold")]].min(axis=1)})
    if not args.no_anchor:
        table["sklearn_tfidf_lr"] = sklearn_anchor(texts, labels, args.folds, args.seed)
    t3 = time.perf_counter()
    print(f"{len(corpus)} documents, {args.folds}-fold CV (seed {args.seed}); fit options {fit or 'defaults'}")
    print(table.round(3).to_string())
    print(f"time: generic {t1 - t0:.2f} s, fitted {t2 - t1:.2f} s, fitted+generic {t2b - t2:.2f} s, "
          f"anchor {t3 - t2b:.2f} s; "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
