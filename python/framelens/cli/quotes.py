"""`framelens quotes`: who speaks in each file (a table or JSON), or quote JSONL for evaluation."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import quotes as q  # the module (callable as the function framelens.quotes)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "quotes",
        help="find quotations and who said them",
        description="Find every attributed statement (direct, partial, indirect, scare) and its speaker.",
        epilog="examples:\n  framelens quotes article.txt\n  framelens quotes --json a.txt b.txt\n"
        "  framelens quotes --jsonl IN.jsonl --text-field text --id-field id --lang en -o OUT.jsonl\n"
        "  framelens quotes --train GOLD.jsonl --lang en -o MODEL.txt   (content boundaries and speaker choice)\n"
        "  framelens quotes --model MODEL.txt article.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files (one article each)")
    p.add_argument("--lang", default="en", help="cue lexicon language (en, de; default en)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--jsonl", metavar="IN.jsonl", help="read one JSON document per line (evaluation mode)")
    p.add_argument("--text-field", default="text", help="field holding the text in --jsonl input (default text)")
    p.add_argument("--id-field", default="id", help="field holding the id in --jsonl input (default id)")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="where --jsonl writes (required with --jsonl)")
    p.add_argument("--contents", choices=["clause", "marks"], default="clause",
                   help="content spans in --jsonl output: the reported clause, or each quotation itself")
    p.add_argument("--scare", action="store_true", help="also write scare quotes in --jsonl output")
    p.add_argument("--threads", type=int, default=0, help="threads (default: all cores)")
    p.add_argument("--model", metavar="MODEL.txt",
                   help="content boundaries from this model after the rules (default: the rules alone)")
    p.add_argument("--train", metavar="GOLD.jsonl",
                   help="train a content-boundary model on annotated quotes (JSONL with text and quotes) into -o")
    p.add_argument("--epochs", type=int, default=5, help="training passes with --train (default 5)")
    p.add_argument("--learn", choices=["both", "boundaries", "speakers", "statements", "all"], default="both",
                   help="with --train: content boundaries, the speaker choice (needs annotated sources), both (default), "
                        "loose candidate statements alone, or all three")
    p.set_defaults(run=run)


def _read(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    data = p.read_bytes()
    if not data.strip():
        raise ValueError(f"{path}: the file is empty; give a UTF-8 text file with the article")
    if b"\x00" in data[:4096]:
        raise ValueError(f"{path}: looks binary (NUL bytes); give a UTF-8 text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(
            f"{path}: not valid UTF-8 at byte {exc.start} (line {line}); re-encode the file as UTF-8 "
            "(e.g. iconv -f latin1 -t utf-8)"
        ) from None


def run(args: argparse.Namespace) -> int:
    if args.train:
        if not args.output:
            raise ValueError("--train needs -o MODEL.txt")
        if not Path(args.train).is_file():
            raise FileNotFoundError(f"{args.train}: no such file")
        r = q.train_model(args.train, args.output, lang=args.lang, epochs=args.epochs, threads=args.threads,
                          text_field=args.text_field, speakers=args.learn in ("both", "speakers", "all"),
                          boundaries=args.learn in ("both", "boundaries", "all"),
                          statements=args.learn in ("statements", "all"))
        n = max(r["decisions"], 1)
        print(f"{r['decisions']} boundary decisions: rules right {r['rules_right'] / n:.3f}, model right "
              f"{r['model_right'] / n:.3f} (training data) -> {args.output}", file=sys.stderr)
        if "speaker_decisions" in r:
            n = max(r["speaker_decisions"], 1)
            print(f"{r['speaker_decisions']} speaker decisions: rules right {r['speaker_rules_right'] / n:.3f}, model right "
                  f"{r['speaker_model_right'] / n:.3f} (training data)", file=sys.stderr)
        if r.get("statement_decisions"):
            n = r["statement_decisions"]
            print(f"{n} statement decisions: no statement right {r['statement_rules_right'] / n:.3f}, model right "
                  f"{r['statement_model_right'] / n:.3f} (training data)", file=sys.stderr)
        return 0
    if args.jsonl:
        if not args.output:
            raise ValueError("--jsonl needs -o OUT.jsonl")
        if not Path(args.jsonl).is_file():
            raise FileNotFoundError(f"{args.jsonl}: no such file")
        n = q.quotes_jsonl(args.jsonl, args.output, text_field=args.text_field, id_field=args.id_field,
                           lang=args.lang, threads=args.threads, scare=args.scare, contents=args.contents,
                           model=args.model)
        print(f"{n} documents -> {args.output}", file=sys.stderr)
        return 0
    if not args.files:
        raise ValueError("give FILE(s), or --jsonl IN.jsonl -o OUT.jsonl")
    results = []
    for path in args.files:
        text = _read(path)
        for s in q.quotes(text, lang=args.lang, model=args.model):
            rec = q.to_records(s, "clause")[0]
            rec.update({"file": path, "kind": s.kind, "role": s.speaker.role if s.speaker else None})
            results.append(rec)
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for r in results:
        text = " ".join(c["text"] for c in r["contents"]).replace("\n", " ")
        if len(text) > 70:
            text = text[:69] + "…"
        speaker = r["speaker"] or "-"
        aff = f" ({r['affiliation']})" if r.get("affiliation") else ""
        print(f"{Path(r['file']).name}\t{r['kind']}\t{speaker}{aff}\t{r['source_type'] or '-'}\t"
              f"{r['confidence']:.2f}\t{text}")
    return 0
