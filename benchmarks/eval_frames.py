"""Frame scores against human coders: ROC AUC by k-fold cross-validation on the Narrative Frames train split.

usage: python benchmarks/eval_frames.py [--folds 5] [--seeds 0,1,2,3,4] [--C 1.0] [--feature log_count] [--min-df 3]

Prints one row per frame (and the macro mean) for
  * generic   — the shipped lexicon (cpp/data/frames_generic.json), fixed, scored on each held-out fold;
  * fitted    — FrameLexicon.fit on the other folds (vocabulary included), applied by the C++ scorer;
  * fitted_generic — the same with prior=FrameLexicon.generic() (its weight per frame chosen by inner CV
                in the training folds), one lexicon applied by the C++ scorer;
  * fitted_generic_nested — the same with C="cv": C and the prior weight both chosen inside the training
                folds, so no setting was picked by looking at the held-out folds;
  * fitted_unchecked_prior — as fitted_generic_nested, with the generic lexicon as it was before it was ever
                checked on this split (benchmarks/eval_frames_unchecked_prior.json): a prior that has not
                seen these labels, so the gap to fitted_generic_nested bounds what that revision carries in;
  * sklearn   — the anchor: scikit-learn TfidfVectorizer + LogisticRegression on the same folds.
With several --seeds (shuffles of the folds) the table gives the mean over seeds, then the macro AUC's
standard deviation and minimum over seeds.
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


def seeds_arg(text: str) -> list[int]:
    """'0,1,2' or '0-4' -> seeds."""
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi) + 1)) if hi else [int(lo)]
    return out


def one_seed(corpus, labels, texts, folds: int, seed: int, fit: dict, anchor: bool) -> tuple[pd.DataFrame, dict]:
    """Every column of the table for one shuffle of the folds, and the seconds each took."""
    import framelens

    unchecked = framelens.FrameLexicon.load(ROOT / "benchmarks" / "eval_frames_unchecked_prior.json")
    nested = {**fit, "C": "cv"}
    runs = {"generic": dict(lexicon=framelens.FrameLexicon.generic()), "fitted": fit,
            "fitted_generic": dict(prior=framelens.FrameLexicon.generic(), **fit),
            "fitted_generic_nested": dict(prior=framelens.FrameLexicon.generic(), **nested),
            "fitted_unchecked_prior": dict(prior=unchecked, **nested)}
    table, seconds = pd.DataFrame(), {}
    for name, options in runs.items():
        t = time.perf_counter()
        cv = framelens.FrameLexicon.cross_validate(corpus, labels, folds=folds, seed=seed, **options)
        seconds[name] = time.perf_counter() - t
        table["positives"] = cv["positives"]
        table[name] = cv["auc"]
    if anchor:
        t = time.perf_counter()
        table["sklearn_tfidf_lr"] = sklearn_anchor(texts, labels, folds, seed)
        seconds["sklearn_tfidf_lr"] = time.perf_counter() - t
    return table, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=seeds_arg, default=[0], help="shuffles of the folds, e.g. 0,1,2 or 0-4 (default 0)")
    ap.add_argument("--C", type=float, default=None, help="fit: inverse regularisation (default: FrameLexicon.fit's)")
    ap.add_argument("--feature", default=None, help="fit: feature transform (default: FrameLexicon.fit's)")
    ap.add_argument("--min-df", type=int, default=None, help="fit: minimum document frequency")
    ap.add_argument("--no-anchor", action="store_true", help="skip the scikit-learn TF-IDF anchor")
    args = ap.parse_args()

    shared = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared"))
    path = shared / "frames" / "narrative-frames" / "train.jsonl"
    if not path.is_file():
        sys.exit(f"no {path} (set FRAMELENS_SHARED)")
    corpus, labels, texts = load(path)
    fit = {k: v for k, v in (("C", args.C), ("feature", args.feature), ("min_df", args.min_df)) if v is not None}
    print(f"{len(corpus)} documents, {args.folds}-fold CV, seeds {args.seeds}; fit options {fit or 'defaults'}")
    tables = []
    for seed in args.seeds:
        table, seconds = one_seed(corpus, labels, texts, args.folds, seed, fit, not args.no_anchor)
        tables.append(table)
        print(f"seed {seed}: macro " + ", ".join(f"{c} {table.loc['macro', c]:.3f}" for c in table.columns[1:]))
        print("  time: " + ", ".join(f"{c} {s:.1f} s" for c, s in seconds.items())
              + f"; load average {os.getloadavg()[0]:.2f}", flush=True)
    mean = sum(tables) / len(tables)
    mean["positives"] = tables[0]["positives"]
    if len(tables) > 1:
        macro = pd.DataFrame([t.loc["macro"] for t in tables])
        mean.loc["macro sd over seeds"] = macro.std(ddof=0)
        mean.loc["macro min over seeds"] = macro.min()
        mean.loc[["macro sd over seeds", "macro min over seeds"], "positives"] = np.nan
    print(f"mean over {len(tables)} seed(s):" if len(tables) > 1 else "")
    print(mean.round(4 if len(tables) > 1 else 3).to_string())
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
