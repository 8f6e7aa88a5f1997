"""The `framelens` command line: one module per subcommand, each with `add_parser(sub)` and `run(args)`."""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from .. import __version__
from .._core import FramelensError

#: Subcommand modules, in the order `framelens --help` lists them.
COMMANDS: tuple[str, ...] = ("compare", "inspect", "quotes")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelens",
        description="Compare how news outlets frame the same story: sources, coverage, wording, similarity.",
    )
    parser.add_argument("--version", action="version", version=f"framelens {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f".{name}", __name__).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # `framelens ... | head`
        return 0
    except (FramelensError, OSError, ValueError, KeyError) as exc:
        # Errors the user can act on: one clear line, no traceback.
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"framelens {args.command}: error: {msg}", file=sys.stderr)
        return 2
