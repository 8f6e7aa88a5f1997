"""The generic lexicon's responsibility frame against human coders: can vocabulary written from the frame's
definition raise it, checked by cross-validation (Narrative Frames train split, read in place)?

usage: python benchmarks/eval_frames_generic.py [--folds 5] [--seeds 0-4]

Semetko & Valkenburg's responsibility items ask whether a story says some level of government can alleviate
or is responsible for the problem, suggests solutions, holds an individual or group responsible, or says the
problem needs urgent action. Each group below was written from one of those questions before it was scored.
Prints, as the mean over --seeds shuffles of the stratified folds (fold-mean AUC, as
FrameLexicon.cross_validate reports a fixed lexicon):
  * the shipped lexicon's responsibility frame, each candidate group alone, and the frame with it added;
  * the same frame with its term weights x idf (document frequency from the split's texts, no labels);
  * the frame's terms counted once per document (the binary feature a fitted prior uses), not per 1,000 tokens;
  * nested selection: greedy forward selection of groups (the shipped frame's own groups and the candidates)
    by AUC on the training folds, scored on the held-out fold — what choosing vocabulary by these labels
    would give on documents it has not seen.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_frames import seeds_arg  # noqa: E402  (the same --seeds syntax as eval_frames.py)
FRAME = "responsibility"

# Written from the five items before any was scored on the coded articles.
CANDIDATES = {
    "human causes (an individual or group is responsible)": {
        "human activity": 2, "human activities": 2, "man-made": 2, "manmade": 2, "human-caused": 2, "human-induced": 2,
        "caused by humans": 2, "humans are": 1, "our own": 1, "emission*": 1, "emitter*": 1, "polluter*": 2, "pollut*": 1,
        "fossil fuel*": 1, "burning": 1, "greenhouse gas*": 1, "carbon dioxide": 1, "deforestation": 1, "footprint*": 1},
    "urgent action": {
        "urgency": 1, "immediate*": 1, "emergency": 1, "too late": 2, "running out of time": 2, "deadline*": 1, "act now": 2,
        "swift*": 1, "drastic*": 1, "ambitious": 1, "critical": 0.5, "now or never": 2, "must be": 1},
    "government can alleviate": {
        "government should": 2, "government must": 2, "governments must": 2, "governments should": 2,
        "federal government": 1, "policymakers": 1, "policy makers": 1, "officials must": 2, "officials should": 2,
        "state and local": 1, "executive order*": 1, "carbon tax*": 1, "carbon pric*": 1, "cap and trade": 1,
        "cap-and-trade": 1, "incentive*": 1, "subsid*": 0.5},
    "levels of government": {
        "federal": 1, "state": 0.5, "states": 0.5, "statewide": 1, "local": 1, "city": 1, "cities": 1, "municipal*": 1,
        "county": 1, "counties": 1, "regional": 1, "national": 0.5, "mayor*": 1, "council*": 1, "legislature*": 1,
        "senate": 0.5, "assembly": 0.5, "officials": 0.5, "public": 0.5, "local government*": 1, "state government*": 1},
    "individuals and groups who must act": {
        "individuals": 1, "consumers": 0.5, "we all": 1, "each of us": 2, "everyone": 0.5, "ourselves": 1, "lifestyle*": 1,
        "choices": 1, "behaviour*": 1, "behavior*": 1, "industry": 0.5, "industries": 0.5, "oil companies": 2,
        "fossil fuel companies": 2, "big oil": 2, "rich countries": 2, "developed countries": 1, "wealthy nations": 2},
    "accountability": {
        "to blame": 2, "held accountable": 2, "hold accountable": 2, "answer for": 2, "culprit*": 2, "responsible for": 2,
        "at fault": 2, "fault of": 2, "pay for": 1, "liable for": 2},
    "solutions that change practice": {
        "innovation*": 1, "technolog*": 0.5, "conserv*": 0.5, "protect*": 0.5, "resilien*": 1, "adaptation": 1,
        "retrofit*": 1, "plant trees": 2, "electric vehicle*": 1, "solar": 1, "wind power": 1, "wind farm*": 1,
        "nuclear power": 1, "net zero": 1, "net-zero": 1, "carbon neutral": 1, "decarboni*": 1},
}

# The shipped frame's own groups (every term of cpp/data/frames_generic.json's responsibility frame, once).
SHIPPED_GROUPS = {
    "blame": ["blame*", "responsib*", "accountab*", "fault*", "negligen*", "mismanag*", "liable", "liability",
              "should have", "failed to", "ignored", "failure*", "warning*"],
    "causes": ["caused", "causes", "cause of", "caused by", "because of", "due to", "driven by", "result of", "contribut*"],
    "solutions": ["solution*", "solve*", "solving", "tackl*", "fix", "remed*", "prevent*", "reduce", "reducing",
                  "reduction*", "curb*", "cut", "cuts", "limit*", "mitigat*", "adapt*", "address the", "deal with"],
    "obligation": ["must act", "take action", "action", "actions", "act", "must", "should", "need to", "needs to",
                   "have to", "urgent*", "duty", "obligat*", "we must", "we need", "we have to", "we can", "it is up to",
                   "step up", "in charge", "urge*", "call for", "calls for", "called for", "called on", "demand*"],
    "commitments": ["pledg*", "commit*", "promis*", "target*", "goal*", "agreement*", "accord", "treaty"],
    "policy": ["polic*", "regulat*", "legislat*", "law", "laws", "rule", "rules", "ban", "bans", "banned", "mandat*",
               "require*", "plan", "plans", "proposal*", "propos*", "measure*", "implement*", "enforc*", "invest in", "fund*"],
    "government": ["government*", "administration", "lawmakers", "congress", "parliament", "authorities", "agenc*",
                   "leaders", "leadership", "oversight"],
    "legal": ["lawsuit*", "sue", "sued", "suing", "court*", "inquiry", "investigat*"],
    "actors": ["compan*", "corporation*", "countries", "nations"],
    "problem": ["threat*", "risk*", "crisis", "damage*", "impact*", "consequence*"],
    "remedies": ["renewable*", "clean energy", "efficien*", "carbon capture", "transition*", "switch to", "phase out", "shift to"],
}




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=seeds_arg, default=[0, 1, 2, 3, 4], help="shuffles of the folds (default 0-4)")
    args = ap.parse_args()
    import framelens
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    shared = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared"))
    path = shared / "frames" / "narrative-frames" / "train.jsonl"
    if not path.is_file():
        sys.exit(f"no {path} (set FRAMELENS_SHARED)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = framelens.Corpus([{"text": r["text"], "outlet": r["outlet"]} for r in rows])
    y = np.array([bool(r["frames"][FRAME]) for r in rows])
    shipped = framelens.FrameLexicon.generic().patterns(FRAME)
    assert sorted(t for g in SHIPPED_GROUPS.values() for t in g) == sorted(shipped), "SHIPPED_GROUPS is out of date"

    def score(terms: dict, scale: str = "per_1000", feature: str = "count", match: str = "longest") -> np.ndarray:
        lex = framelens.FrameLexicon.from_json(json.dumps({"version": 2, "scale": scale, "feature": feature, "match": match,
                                                           "frames": {"f": {"terms": terms}}}))
        return lex.score_corpus(corpus._core, 0)[:, 0]

    splits = {s: list(StratifiedKFold(args.folds, shuffle=True, random_state=s).split(y, y)) for s in args.seeds}

    def cv(s: np.ndarray) -> float:  # fold-mean AUC of a fixed score, averaged over the seeds
        return float(np.mean([np.mean([roc_auc_score(y[te], s[te]) for _, te in sp]) for sp in splits.values()]))

    print(f"{len(y)} documents, {y.sum()} coded {FRAME}; {args.folds}-fold CV, mean over seeds {args.seeds}")
    print(f"shipped frame ({len(shipped)} patterns): {cv(score(shipped)):.3f}")
    for name, terms in CANDIDATES.items():
        print(f"  {name:55s} alone {cv(score(terms)):.3f}   shipped + it {cv(score({**shipped, **terms})):.3f}")
    every = {t: w for g in CANDIDATES.values() for t, w in g.items()}
    print(f"  {'every candidate group':55s} {'':11s}   shipped + it {cv(score({**shipped, **every})):.3f}")
    X = (corpus.dtm().matrix > 0).tocsc()
    n = X.shape[0]
    df = {t: int((score({t: 1.0}) > 0).sum()) for t in shipped}
    print(f"shipped weights x idf (log (n+1)/(df+1), this split's texts): {cv(score({t: w * np.log((n + 1) / (df[t] + 1)) for t, w in shipped.items()})):.3f}")
    binary = score(shipped, scale="logistic", feature="binary", match="every")
    print(f"shipped terms, each counted once per document (binary, the fitted prior's feature): {cv(binary):.3f}")
    groups = {g: {t: shipped[t] for t in ts} for g, ts in SHIPPED_GROUPS.items()} | CANDIDATES
    S = {g: score(t) for g, t in groups.items()}
    held = []
    for sp in splits.values():
        for tr, te in sp:
            chosen, best = [], 0.5
            while True:
                trial = [(roc_auc_score(y[tr], sum(S[c] for c in chosen + [g])[tr]), g) for g in groups if g not in chosen]
                if not trial or max(trial)[0] <= best + 1e-4:
                    break
                best, g = max(trial)
                chosen.append(g)
            held.append(roc_auc_score(y[te], sum(S[c] for c in chosen)[te]))
    print(f"nested greedy selection of groups by the training folds' labels, held-out: {np.mean(held):.3f}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
