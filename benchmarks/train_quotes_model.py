"""Train a quote model (content boundaries and/or speaker choice) on a train split of ../shared/quotes.

usage: python benchmarks/train_quotes_model.py --set polnear|german-wikinews -o /tmp/MODEL.txt
           [--learn both|boundaries|speakers|statements|all] [--epochs 5] [--half DIR [--fold 1|2]]
           [--no-speaker-margin] [--no-boundary-margin] [--statement-margin]

The annotated train split is read in place ($FRAMELENS_SHARED or ../shared) — its quotes carry
contents and sources, the training format of framelens.quotes.train_model. With --half DIR the
model learns from the first half of the train documents only, and DIR receives the second half as
a held-out "dev" split in the layout benchmarks/eval_quotes.py reads
(`FRAMELENS_SHARED=DIR python benchmarks/eval_quotes.py --split dev --sets SET --model LANG=MODEL`).
`--fold 2` swaps the halves (learn from the second, hold out the first), so that a change can be judged
on both held-out halves of train without reading dev.
Keep DIR and the model outside the repository (e.g. /tmp): both derive from the data's licence
(PolNeAR research use, German WikiNews CC BY-NC-SA), and no such model ships with framelens.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = {"polnear": "en", "german-wikinews": "de"}


def shared() -> Path:
    p = Path(os.environ.get("FRAMELENS_SHARED", ROOT.parent / "shared"))
    if not (p / "quotes").is_dir():
        sys.exit(f"no quote data at {p}/quotes (set FRAMELENS_SHARED)")
    return p


def split_halves(src: Path, set_name: str, half_dir: Path, sh: Path, fold: int = 1) -> Path:
    """The first half of src's documents as a training file in half_dir; the second half as
    half_dir/quotes/<set>/dev.jsonl (with the scorer linked beside it); ``fold=2`` the other way round.
    Returns the training file."""
    lines = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = len(lines) // 2
    learn, held = (lines[:n], lines[n:]) if fold == 1 else (lines[n:], lines[:n])
    (half_dir / "quotes" / set_name).mkdir(parents=True, exist_ok=True)
    train = half_dir / f"{set_name}_train_fold{fold}.jsonl"
    train.write_text("\n".join(learn) + "\n", encoding="utf-8")
    (half_dir / "quotes" / set_name / "dev.jsonl").write_text("\n".join(held) + "\n", encoding="utf-8")
    tools = half_dir / "tools"
    if not tools.exists():
        tools.symlink_to(sh / "tools")
    return train


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", required=True, choices=sorted(LANGS))
    ap.add_argument("-o", "--output", required=True, help="the model file to write (outside the repository)")
    ap.add_argument("--learn", choices=["both", "boundaries", "speakers", "statements", "all"], default="both",
                    help="both: boundaries and speakers; statements: loose candidate statements alone; all: the three")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--half", metavar="DIR", help="train on the first half of train; DIR gets the second half as dev")
    ap.add_argument("--fold", type=int, choices=(1, 2), default=1,
                    help="with --half: 1 learns from the first half, 2 from the second (the other is held out)")
    ap.add_argument("--no-speaker-margin", action="store_true",
                    help="no cross-fitted margin for the speaker choice (as before round 19: any higher score replaces the rules' pick)")
    ap.add_argument("--no-boundary-margin", action="store_true",
                    help="no cross-fitted margin for the content boundaries (as before round 19)")
    ap.add_argument("--statement-margin", action="store_true",
                    help="a cross-fitted margin for accepting a loose candidate statement (off by default: fewer statements, "
                         "a higher speaker share, lower content F1 on held-out halves)")
    args = ap.parse_args()
    if args.fold != 1 and not args.half:
        ap.error("--fold needs --half DIR")
    from framelens.quotes import train_model

    sh = shared()
    src = sh / "quotes" / args.set / "train.jsonl"
    if args.half:
        src = split_halves(src, args.set, Path(args.half), sh, args.fold)
    t0 = time.perf_counter()
    r = train_model(str(src), args.output, lang=LANGS[args.set], epochs=args.epochs,
                    speakers=args.learn in ("both", "speakers", "all"), boundaries=args.learn in ("both", "boundaries", "all"),
                    statements=args.learn in ("statements", "all"), speaker_margin=not args.no_speaker_margin,
                    boundary_margin=not args.no_boundary_margin, statement_margin=args.statement_margin)
    r["seconds"] = round(time.perf_counter() - t0, 1)
    for part, key in (("boundary", ""), ("speaker", "speaker_"), ("statement", "statement_")):
        n = r.get(f"{key}decisions", 0)
        if n:
            print(f"{args.set} {part} decisions {n}: rules right {r[f'{key}rules_right'] / n:.3f}, "
                  f"model right {r[f'{key}model_right'] / n:.3f} (training data)")
    print(r)


if __name__ == "__main__":
    main()
