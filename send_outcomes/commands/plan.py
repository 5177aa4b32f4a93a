"""``send-outcomes plan FILE``: check a whole plan, as a Word file, a PDF, text, or our YAML/JSON form.

FILE is .docx, .pdf, .txt/.md, .yaml or .json, or - for standard input. Every need, outcome and piece of
provision is found however the council's template lays them out, linked, and checked against the law and
the Code of Practice. Nothing is sent anywhere. Exit status: 0 when nothing needs fixing, 1 when the report
lists problems, 2 when the file cannot be read (the message says why).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from send_outcomes.commands._output import error, printable, safe_stream
from send_outcomes.plans import ReadError, check, read_plan
from send_outcomes.plans.report import to_dict, to_html, to_text

NAME = "plan"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="check a whole plan (.docx, .pdf, text, YAML or JSON): needs, outcomes, provision, links",
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument(
        "file", metavar="FILE", help="the plan: .docx, .pdf, .txt, .md, .yaml, .yml or .json (- for stdin)"
    )
    p.add_argument("--format", choices=("text", "json", "html"), default="text", help="output format")
    p.add_argument(
        "--pseudonymise",
        action="store_true",
        help="replace the child's and family's names in the report (for sharing with an adviser)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = safe_stream(sys.stdout)
    try:
        plan = read_plan(args.file)
    except ReadError as err:
        return error(NAME, str(err))
    except (RecursionError, MemoryError):
        return error(NAME, f"{args.file}: too deeply nested or too large to read")
    problems = check(plan)
    if args.format == "json":
        out.write(json.dumps(to_dict(plan, problems, args.pseudonymise), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "html":
        out.write(to_html(plan, problems, args.pseudonymise))
    else:
        out.write(printable(to_text(plan, problems, args.pseudonymise)) + "\n")
    return 0 if not problems else 1
