"""``send-outcomes check``: analyse statements, one per line, from arguments, a file or stdin.

Which input is which: no argument or ``-`` reads stdin; one argument with no space in it is a file name (a
statement always has spaces, a file name rarely does); anything else is statements, one per argument.
Blank lines are skipped. ``--format jsonl`` prints one JSON object per statement, the same object as
``analyse(text).to_dict()``; ``json`` prints one array; ``text`` is for people, coloured only on a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from send_outcomes.analysis import analyse
from send_outcomes.commands._output import error, painter, printable, safe_stream

NAME = "check"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="analyse statements: kind, SMART criteria, person-centred",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text", help="output format")
    p.add_argument("inputs", nargs="*", metavar="FILE|-|STATEMENT", help="a file, - for stdin, or statements")
    p.set_defaults(func=run)


class InputError(Exception):
    """The input could not be read or decoded; the message says which and why."""


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{where} is not UTF-8 text (bad byte at offset {err.start}); save it as UTF-8"
        ) from None


def read_statements(inputs: list[str], stdin: Any = None) -> list[str]:
    """The statements to check, in order; InputError when a file cannot be read or decoded."""
    if not inputs or inputs == ["-"]:
        source = stdin if stdin is not None else sys.stdin
        raw = source.buffer.read() if hasattr(source, "buffer") else source.read()
        text = _decode(raw, "standard input") if isinstance(raw, bytes) else raw
        lines = text.splitlines()
    elif len(inputs) == 1 and not any(c.isspace() for c in inputs[0]):
        path = Path(inputs[0])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(
                f"{inputs[0]}: no such file (to check a statement, give it with spaces)"
            ) from None
        except IsADirectoryError:
            raise InputError(f"{inputs[0]}: is a folder, not a file") from None
        except OSError as err:
            raise InputError(f"{inputs[0]}: cannot read it ({err.strerror or err})") from None
        lines = _decode(data, inputs[0]).splitlines()
    else:
        lines = list(inputs)
    return [line for line in lines if line.strip()]


def render_text(result: dict[str, Any], colour: Any) -> str:
    lines = [colour(printable(result["text"].strip()), "bold"), f"  kind: {result['kind']}"]
    for item in result["feedback"]:
        mark = colour("  ok  ", "green") if item["met"] else colour("  fix ", "red")
        lines.append(f"{mark}{printable(item['message'])}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    out = safe_stream(sys.stdout)
    try:
        statements = read_statements(args.inputs)
    except InputError as err:
        return error(NAME, str(err))
    results = [analyse(s).to_dict() for s in statements]
    if args.format == "jsonl":
        for r in results:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif args.format == "json":
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    else:
        colour = painter(out)
        if not results:
            out.write("No statements to check.\n")
        out.write("\n\n".join(render_text(r, colour) for r in results) + ("\n" if results else ""))
    return 0
