"""The generic lexicon against human coders: how its scores are formed (every frame) and whether vocabulary
written from the responsibility frame's definition raises that frame, checked by cross-validation (Narrative
Frames train split, read in place).

usage: python benchmarks/eval_frames_generic.py [--folds 5] [--seeds 0-4]

Prints, as the mean over --seeds shuffles of the stratified folds (fold-mean AUC, as
FrameLexicon.cross_validate reports a fixed lexicon):
  * scorers: the shipped terms of all five coded frames, scored per 1,000 tokens counting every match
    (feature count), per 1,000 tokens with each pattern's rate dampened (log_per_1000, the shipped setting),
    the same with every match of overlapping patterns counted (match every), counted once per document
    (binary), log(1 + count) without length normalisation, and the rate with the words after a negation
    (not, no, never, ... n't) masked; document length alone for reference;
  * responsibility: Semetko & Valkenburg's items ask whether a story says some level of government can
    alleviate or is responsible for the problem, suggests solutions, holds an individual or group
    responsible, or says the problem needs urgent action. Each candidate group was written from one of those
    questions before it was scored (CANDIDATES in an earlier session, CANDIDATES_2 in a later one). Each group
    alone and the shipped frame with it added, under the shipped scorer;
  * the responsibility frame with its term weights x idf (document frequency from the split's texts, no labels);
  * nested selection: greedy forward selection of groups (the shipped frame's own groups and the candidates)
    by AUC on the training folds, scored on the held-out fold — what choosing vocabulary by these labels
    would give on documents it has not seen.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_frames import seeds_arg  # noqa: E402  (the same --seeds syntax as eval_frames.py)
FRAME = "responsibility"
FRAMES = ["responsibility", "human_interest", "conflict", "morality", "economic"]

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

# Written from the same five items in a later session, before any was scored (none of them overlaps the
# shipped frame except subsid*/incentive*, which CANDIDATES has too).
CANDIDATES_2 = {
    "government can act (item 1)": {
        "government could": 2, "government can": 2, "governments can": 2, "governments could": 2, "federal funding": 1,
        "funding for": 1, "grant*": 0.5, "program*": 0.5, "initiative*": 1, "relief": 0.5, "assistance": 0.5, "aid": 0.5,
        "subsid*": 0.5, "incentive*": 1},
    "executive officials (item 2)": {
        "governor*": 1, "president": 0.5, "minister*": 1, "ministry": 1, "department": 0.5, "secretary": 0.5,
        "official": 0.5, "officials": 0.5, "epa": 1, "environmental protection agency": 1, "white house": 1, "regulator*": 1},
    "recommended courses of action (item 3)": {
        "recommend*": 1, "strategy": 1, "strategies": 1, "approach*": 0.5, "way to": 1, "ways to": 1, "could help": 1,
        "would help": 1, "can help": 1, "plan to": 1, "aims to": 1, "aim to": 1, "in order to": 0.5, "best way": 2,
        "answer is": 1, "options": 0.5},
    "who failed (item 4)": {
        "their fault": 2, "because they": 1, "failed": 1, "refused": 1, "refuse*": 1, "neglect*": 1, "inaction": 2,
        "did nothing": 2, "not enough": 1, "too little": 1},
    "urgency (item 5)": {
        "now": 0.5, "immediately": 1, "quickly": 1, "soon": 0.5, "time is running out": 2, "before it is too late": 2,
        "by 2030": 1, "by 2050": 1, "tipping point*": 1, "irreversible": 1, "catastroph*": 1},
}

NEGATIONS = {"not", "no", "never", "nor", "without", "cannot", "nobody", "nothing", "neither"}


def mask_negated(text: str, window: int) -> str:
    """The text with the `window` words after a negation (in the same clause) replaced by a placeholder, so no
    pattern matches them. A throwaway approximation of negation handling for this measurement only."""
    out, left = [], 0
    for t in re.findall(r"\w+(?:'\w+)?|[^\w\s]", text):
        if t.lower() in NEGATIONS or t.lower().endswith("n't"):
            out.append(t)
            left = window
        elif re.fullmatch(r"[.;:!?]", t):
            out.append(t)
            left = 0
        elif left > 0:
            out.append("negatedword")
            left -= 1
        else:
            out.append(t)
    return " ".join(out)


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
    labels = {f: np.array([bool(r["frames"][f]) for r in rows]) for f in FRAMES}
    generic = framelens.FrameLexicon.generic()
    shipped = generic.patterns(FRAME)
    assert sorted(t for g in SHIPPED_GROUPS.values() for t in g) == sorted(shipped), "SHIPPED_GROUPS is out of date"

    def score(terms: dict, feature: str = generic.feature, texts=None, match: str = generic.match) -> np.ndarray:
        """Linear score of one frame's terms: per 1,000 tokens (count, log_per_1000), else the sum of
        weight x feature (read back from the logistic scale with the weights scaled to keep it invertible)."""
        c = corpus if texts is None else framelens.Corpus([{"text": t} for t in texts])
        scale, k = ("per_1000", 1.0) if feature in ("count", "log_per_1000") else ("logistic", 1e-5)
        lex = framelens.FrameLexicon.from_json(json.dumps({"version": 2, "scale": scale, "feature": feature, "match": match,
                                                           "frames": {"f": {"terms": {t: w * k for t, w in terms.items()}}}}))
        v = lex.score_corpus(c._core, 0)[:, 0]
        return v if scale == "per_1000" else np.log(v / (1.0 - v)) / k

    splits = {f: {s: list(StratifiedKFold(args.folds, shuffle=True, random_state=s).split(y, y)) for s in args.seeds}
              for f, y in labels.items()}

    def cv(s: np.ndarray, frame: str = FRAME) -> float:  # fold-mean AUC of a fixed score, averaged over the seeds
        y = labels[frame]
        return float(np.mean([np.mean([roc_auc_score(y[te], s[te]) for _, te in sp]) for sp in splits[frame].values()]))

    print(f"{len(rows)} documents; {args.folds}-fold CV, mean over seeds {args.seeds}; shipped feature {generic.feature}")
    print("scorers, shipped terms (" + ", ".join(FRAMES) + ", macro):")
    texts = [r["text"] for r in rows]
    tokens = np.asarray(corpus.dtm().matrix.sum(axis=1)).ravel()
    variants = {"per 1,000 tokens, every match counted (count)": dict(feature="count"),
                "per 1,000 tokens, rate dampened (log_per_1000)": dict(feature="log_per_1000"),
                "log_per_1000, every match (overlaps allowed)": dict(feature="log_per_1000", match="every"),
                "once per document (binary, no length normalisation)": dict(feature="binary"),
                "log(1 + count) (no length normalisation)": dict(feature="log_count"),
                "log_per_1000, 1 word after a negation masked": dict(feature="log_per_1000", texts=[mask_negated(t, 1) for t in texts]),
                "log_per_1000, 3 words after a negation masked": dict(feature="log_per_1000", texts=[mask_negated(t, 3) for t in texts])}
    for name, v in variants.items():
        auc = [cv(score(generic.patterns(f), **v), f) for f in FRAMES]
        print(f"  {name:50s} " + " ".join(f"{a:.3f}" for a in auc) + f"  {np.mean(auc):.3f}", flush=True)
    print(f"  {'document length alone':50s} " + " ".join(f"{cv(tokens, f):.3f}" for f in FRAMES))

    print(f"{FRAME}, {len(shipped)} shipped patterns, {labels[FRAME].sum()} coded; shipped frame {cv(score(shipped)):.3f}")
    for label, groups in (("earlier session", CANDIDATES), ("later session", CANDIDATES_2)):
        for name, terms in groups.items():
            print(f"  {name:55s} alone {cv(score(terms)):.3f}   shipped + it {cv(score({**shipped, **terms})):.3f}")
        every = {t: w for g in groups.values() for t, w in g.items()}
        print(f"  {'every group of the ' + label:55s} {'':11s}   shipped + it {cv(score({**shipped, **every})):.3f}")
    every = {t: w for gs in (CANDIDATES, CANDIDATES_2) for g in gs.values() for t, w in g.items()}
    print(f"  {'every group of both sessions':55s} {'':11s}   shipped + it {cv(score({**shipped, **every})):.3f}")
    n = len(rows)
    df = {t: int((score({t: 1.0}, "count") > 0).sum()) for t in shipped}
    print(f"shipped weights x idf (log (n+1)/(df+1), this split's texts): {cv(score({t: w * np.log((n + 1) / (df[t] + 1)) for t, w in shipped.items()})):.3f}")
    groups = {g: {t: shipped[t] for t in ts} for g, ts in SHIPPED_GROUPS.items()} | CANDIDATES | CANDIDATES_2
    S = {g: score(t) for g, t in groups.items()}
    y, held = labels[FRAME], []
    for sp in splits[FRAME].values():
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
