"""``send-outcomes check``: analyse statements, one per line, from arguments, a file or stdin.

Which input is which: no argument or ``-`` reads stdin; one argument with no space in it is a file name (a
statement always has spaces, a file name rarely does); anything else is statements, one per argument. Blank
lines are skipped. ``--section`` says which plan section (A to K) the statements come from, when it is known:
the strongest sign of a statement's kind. Each statement is read by itself, as the fix exercise reads a
rewrite; ``--list`` reads them together as one list, as the "Check your plan" page reads its lines, because
how the others read says what kind of document it is (IEP targets, a Section F, aspirations), which one
statement often cannot; in a list, a heading line ("Section E: Outcomes", "Health needs", "## Provision") is
not a statement: it says which section the lines after it come from (its object has ``heading``, the section
letter, and ``name`` instead of a verdict). A file or stdin is read one line at a time and each result printed
as soon as it is known (with ``--list``, as each list of up to ``LIST`` statements is complete), so any size
of input runs in bounded memory; a line longer than the analyser reads is cut (with a note), and input with
NUL bytes is not text (exit 2). ``--format jsonl`` prints one JSON object per statement, the same object as
``analyse(text).to_dict()``; ``json`` prints one array; ``text`` is for people, coloured only on a terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from send_outcomes.analysis import analyse
from send_outcomes.analysis.model import clean_section
from send_outcomes.analysis.rules import load_rules
from send_outcomes.commands._output import error, painter, printable, safe_stream
from send_outcomes.plans.pasted import read_list

NAME = "check"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="analyse statements: kind, SMART criteria, person-centred",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text", help="output format")
    p.add_argument(
        "--list",
        action="store_true",
        help="read the statements together as one list (a plan's outcomes, an IEP's targets): the others "
        "help decide the kind of a doubtful one, and a heading line ('Section E: Outcomes', 'Health needs') "
        "gives the section of the lines after it",
    )
    p.add_argument(
        "--section",
        metavar="LETTER",
        help="the plan section (A to K) every statement comes from, when you know it: the strongest sign of "
        "a statement's kind",
    )
    p.add_argument("inputs", nargs="*", metavar="FILE|-|STATEMENT", help="a file, - for stdin, or statements")
    p.set_defaults(func=run)


class InputError(Exception):
    """The input could not be read or decoded; the message says which and why."""


CHUNK = 1 << 16  # bytes read at a time while skipping the rest of an over-long line
# statements read together as one list at most: a plan's or an IEP's worth many times over, and at most
# LIST times the analyser's prefix of text held at once
LIST = 500


def _cut(data: bytes) -> bytes:
    """An over-long line's kept bytes, without a character that the cut split in two."""
    for back in range(min(3, len(data)) + 1):
        try:
            (data[: len(data) - back] if back else data).decode("utf-8")
        except UnicodeDecodeError as err:
            if err.reason != "unexpected end of data":
                return data
            continue
        return data[: len(data) - back] if back else data
    return data


def stream_statements(binary: BinaryIO, where: str, max_chars: int) -> Iterator[tuple[str, bool]]:
    """Each non-blank line of a byte stream, read one line at a time: ``(statement, was_cut)``.

    Why line by line: memory stays bounded whatever arrives (a 50 MB file, /dev/zero). A line longer than
    ``max_chars`` characters (the analyser reads no more) is cut there and the rest of it skipped; a NUL
    byte means the input is not text at all (InputError), which also stops an endless stream of them.
    """
    limit = 4 * max_chars + 4  # enough bytes for max_chars characters of UTF-8, and a few more
    first = True
    number = 0
    while True:
        line = binary.readline(limit)
        if not line:
            return
        number += 1
        if b"\0" in line:
            raise InputError(f"{where} is not text (line {number} holds NUL bytes); give a plain text file")
        cut = not line.endswith(b"\n") and len(line) >= limit
        if cut:
            line = _cut(line)
            while True:  # skip the rest of the line, a chunk at a time
                rest = binary.readline(CHUNK)
                if b"\0" in rest:
                    raise InputError(f"{where} is not text (line {number} holds NUL bytes)")
                if not rest or rest.endswith(b"\n"):
                    break
        try:
            text = line.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError as err:
            raise InputError(
                f"{where} is not UTF-8 text (bad byte in line {number}, at offset {err.start} of the line); "
                "save it as UTF-8"
            ) from None
        first = False
        for part in text.splitlines():
            if part.strip():
                yield part, cut


def read_statements(inputs: list[str], max_chars: int, stdin: Any = None) -> Iterator[tuple[str, bool]]:
    """The statements to check, in order, as they are read; InputError when the input cannot be read."""
    if not inputs or inputs == ["-"]:
        source = stdin if stdin is not None else sys.stdin
        if hasattr(source, "buffer"):
            yield from stream_statements(source.buffer, "standard input", max_chars)
        else:  # a text stream (tests): its lines as they are
            for line in source:
                yield from ((p, False) for p in line.splitlines() if p.strip())
    elif len(inputs) == 1 and not any(c.isspace() for c in inputs[0]):
        path = Path(inputs[0])
        try:
            f = path.open("rb")
        except FileNotFoundError:
            raise InputError(
                f"{inputs[0]}: no such file (to check a statement, give it with spaces)"
            ) from None
        except IsADirectoryError:
            raise InputError(f"{inputs[0]}: is a folder, not a file") from None
        except OSError as err:
            raise InputError(f"{inputs[0]}: cannot read it ({err.strerror or err})") from None
        with f:
            try:
                yield from stream_statements(f, inputs[0], max_chars)
            except IsADirectoryError:
                raise InputError(f"{inputs[0]}: is a folder, not a file") from None
            except OSError as err:
                raise InputError(f"{inputs[0]}: cannot read it ({err.strerror or err})") from None
    else:
        yield from ((line, False) for line in inputs if line.strip())


def render_text(result: dict[str, Any], colour: Any) -> str:
    if "heading" in result:
        return (
            f"{colour(printable(result['text'].strip()), 'bold')}\n  heading: the lines below are read as "
            f"Section {result['heading']} ({result['name']})"
        )
    lines = [colour(printable(result["text"].strip()), "bold"), f"  kind: {result['kind']}"]
    for item in result["feedback"]:
        mark = colour("  ok  ", "green") if item["met"] else colour("  fix ", "red")
        lines.append(f"{mark}{printable(item['message'])}")
    return "\n".join(lines)


def _json_item(result: dict[str, Any]) -> str:
    """One result as ``json.dumps(results, indent=2)`` prints it inside the array."""
    return "  " + json.dumps(result, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def lists(statements: Iterator[tuple[str, bool]], size: int) -> Iterator[list[tuple[str, bool]]]:
    """The statements in lists of ``size`` (the last one shorter), each yielded as soon as it is full."""
    block: list[tuple[str, bool]] = []
    for item in statements:
        block.append(item)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def run(args: argparse.Namespace) -> int:
    """Check the statements as they are read and print each list's results at once (flushed), so memory stays
    bounded and the first results appear before a long input ends."""
    section = clean_section(args.section) if args.section is not None else None
    if args.section is not None and section is None:
        return error(NAME, f"--section {args.section!r}: give a plan section letter, A to K")
    out = safe_stream(sys.stdout)
    rules = load_rules()
    colour = painter(out)
    count = 0
    cut_note = ""
    try:
        for block in lists(read_statements(args.inputs, rules.max_chars), LIST if args.list else 1):
            texts = [statement for statement, _ in block]
            if args.list:
                results = read_list(texts, section, rules)
                section = next((r["heading"] for r in reversed(results) if "heading" in r), section)
            else:
                results = [analyse(texts[0], rules, section=section).to_dict()]
            for (_, cut), result in zip(block, results, strict=True):
                out.write(_item(result, args.format, count, cut, colour))
                count += 1
                if cut:
                    cut_note = f"lines longer than {rules.max_chars:,} characters were cut there"
            out.flush()
    except InputError as err:
        _close(out, args.format, count, failed=True)
        return error(NAME, str(err))
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as other tools do
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so that Python's own flush at exit stays quiet
        return 0
    _close(out, args.format, count)
    if cut_note:
        print(f"send-outcomes {NAME}: note: {cut_note}", file=safe_stream(sys.stderr))
    return 0


def _item(result: dict[str, Any], fmt: str, count: int, cut: bool, colour: Any) -> str:
    """One result as the format prints it, after ``count`` others."""
    if fmt == "jsonl":
        return json.dumps(result, ensure_ascii=False) + "\n"
    if fmt == "json":
        return ("[\n" if count == 0 else ",\n") + _json_item(result)
    text = ("\n\n" if count else "") + render_text(result, colour)
    if cut:
        text += "\n" + colour("  note ", "dim") + "the rest of this over-long line was skipped"
    return text


def _close(out: Any, fmt: str, count: int, failed: bool = False) -> None:
    """End the output: close the JSON array (so what was printed stays valid), or say there was nothing."""
    if fmt == "json":
        out.write("\n]\n" if count else "[]\n")
    elif fmt == "text" and (count or not failed):
        out.write("\n" if count else "No statements to check.\n")
    out.flush()
