"""Quote extraction accuracy: predictions for PolNeAR and German WikiNews, scored with ../shared/tools/score_quotes.py.

usage: python benchmarks/eval_quotes.py [--split dev|train] [--out benchmarks/results] [--model LANG=MODEL.txt ...]
Prints the scorer's report for each data set (all attributions and --only-direct) and writes a
JSON summary (benchmarks/results/quotes_<split>.json). Third-party data is read in place from
$FRAMELENS_SHARED or ../shared. --model en=MODEL.txt evaluates the rules plus a user-trained
model for that language (content boundaries and/or speaker choice: `framelens quotes --train`,
benchmarks/train_quotes_model.py; docs/quotes.md); the predictions and summary then carry a
"_model" suffix.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCARE_DE = os.environ.get("FRAMELENS_QUOTES_SCARE_DE", "1") == "1"
SCARE_EN = os.environ.get("FRAMELENS_QUOTES_SCARE_EN", "0") == "1"
MIN_CONF = float(os.environ.get("FRAMELENS_QUOTES_MIN_CONF", "0"))
# (data set, language, content convention, scare quotes written): PolNeAR's content is the reported
# clause; German WikiNews annotates each quotation itself, fragments included.
SETS = [("polnear", "en", "clause", SCARE_EN, MIN_CONF), ("german-wikinews", "de", "clause", SCARE_DE, MIN_CONF)]


def shared() -> Path:
    p = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared"))
    if not (p / "quotes").is_dir():
        sys.exit(f"no quote data at {p}/quotes (set FRAMELENS_SHARED)")
    return p


def parse(report: str) -> dict:
    out = {}
    for role in ("content", "source", "cue"):
        m = re.search(role + r"\s+exact P/R/F1 = ([\d.]+)/([\d.]+)/([\d.]+)\s+char-overlap P/R/F1 = ([\d.]+)/([\d.]+)/([\d.]+)", report)
        if m:
            v = [float(x) for x in m.groups()]
            out[role] = {"exact": dict(zip("PRF", v[:3])), "overlap": dict(zip("PRF", v[3:]))}
    m = re.search(r"gold quotes (\d+); content matched \(Jaccard>=0.5\) (\d+) \(([\d.]+)\); speaker overlap among matched (\d+) \(([\d.]+)\)", report)
    if m:
        out["gold"] = int(m.group(1)); out["matched"] = float(m.group(3)); out["speaker"] = float(m.group(5))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    ap.add_argument("--sets", nargs="*", default=[s[0] for s in SETS])
    ap.add_argument("--model", action="append", default=[], metavar="LANG=MODEL.txt",
                    help="a user-trained quote model (boundaries and/or speakers) for a language (repeatable)")
    args = ap.parse_args()
    models = dict(m.split("=", 1) for m in args.model)
    suffix = "_model" if models else ""
    from framelens.quotes import quotes_jsonl

    sh = shared()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name, lang, contents, scare, min_conf in SETS:
        if name not in args.sets:
            continue
        gold = sh / "quotes" / name / f"{args.split}.jsonl"
        pred = out / f"pred_{name}_{args.split}{suffix}.jsonl"
        t0 = time.perf_counter()
        n = quotes_jsonl(str(gold), str(pred), lang=lang, contents=contents, scare=scare, min_confidence=min_conf,
                         model=models.get(lang))
        dt = time.perf_counter() - t0
        summary[name] = {"docs": n, "seconds": round(dt, 3)}
        for mode in ("all", "only-direct"):
            cmd = [sys.executable, str(sh / "tools" / "score_quotes.py"), str(gold), str(pred)]
            if mode == "only-direct":
                cmd.append("--only-direct")
            report = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            print(f"== {name} {args.split} ({mode})\n{report}")
            summary[name][mode] = parse(report)
    (out / f"quotes_{args.split}{suffix}.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
