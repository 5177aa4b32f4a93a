"""``send-outcomes plan FILE``: check a whole plan's golden thread and its outcomes.

Exit status: 0 when nothing needs fixing, 1 when the report lists problems, 2 when the file cannot be read
(the message names the line and column, or the key path such as outcomes[2].provision).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from send_outcomes.analysis import PlanError, check_plan
from send_outcomes.commands._output import error, printable, safe_stream

NAME = "plan"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="check a whole plan (YAML or JSON): needs, outcomes, provision and their links",
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument("file", metavar="FILE", help="the plan file (.yaml, .yml or .json)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = safe_stream(sys.stdout)
    try:
        report = check_plan(args.file)
    except PlanError as err:
        return error(NAME, str(err))
    if args.format == "json":
        out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(printable(report.to_text()) + "\n")
    return 0 if report.ok else 1
