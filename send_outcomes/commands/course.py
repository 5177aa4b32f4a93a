"""``send-outcomes course``: run a graded session with nbgrader, step by step.

  init        write nbgrader_config.py and the master notebooks (from the specs) into the course folder
  generate    make release/ with nbgrader (refuses if source/ holds answers; checks no key string got out)
  exchange    check the exchange's folder modes; as root with --owner, set them up for that trainer
  release     hand release/ out through nbgrader's exchange (or say how to share it without one)
  collect     bring submissions into submitted/ (from the exchange, or --from a folder of learner folders),
              following no link and deleting nothing
  preflight   check release/, feedback/ and every submission; --repair mends renamed, broken or cut notebooks
  autograde   pre-flight with repair, then mark the whole class in parallel, then print the marks
  feedback    HTML feedback per learner (hidden tests cleared), then a leak check on feedback/
  scores      the marks in the gradebook: automatic, by hand, and what is still to mark by hand
  demo        rehearse: a fresh course with a simulated class (--run marks it and checks every mark)
  report      after marking: the class report (figures, common mistakes), learner summaries, grades CSV

The course folder is ``exercises`` unless --course-dir says otherwise. Exit status: 0 all clear; 1 some
submissions lose marks or could not be marked (listed); 2 a key would leak or the step could not run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from send_outcomes.commands._output import error, printable, safe_stream
from send_outcomes.course.assignments import ASSIGNMENTS
from send_outcomes.course.report.cli import register as register_report

NAME = "course"


def _say(line: str) -> None:
    print(printable(line), file=safe_stream(sys.stdout))


def _common(p: argparse.ArgumentParser, assignments: bool = True) -> None:
    p.add_argument("--course-dir", type=Path, default=Path("exercises"), help="the course folder")
    if assignments:
        p.add_argument(
            "assignments",
            nargs="*",
            metavar="ASSIGNMENT",
            help=f"which assignments (default: all): {', '.join(ASSIGNMENTS)}",
        )


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        NAME,
        help="run a graded session with nbgrader (init, generate, autograde, feedback, ...)",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    steps = p.add_subparsers(dest="step", metavar="STEP")
    p.set_defaults(func=lambda _args: _help(p))

    def step(name: str, help_text: str) -> argparse.ArgumentParser:
        """A step of the session, taking the course folder and assignments as every step does."""
        s = steps.add_parser(name, help=help_text)
        _common(s)
        s.set_defaults(func=_run(name))
        return s

    step("init", "write nbgrader_config.py and the master notebooks")

    s = step("generate", "make release/ with nbgrader, safely")
    s.add_argument("--clean", action="store_true", help="move answers left in source/ to set-aside/ first")

    s = step("exchange", "check (or, as root, set up) the exchange's folders")
    s.add_argument("--owner", help="as root: make the course's exchange folders, owned by this trainer")

    step("release", "hand release/ out through the exchange")

    s = step("collect", "bring submissions into submitted/")
    s.add_argument(
        "--from",
        dest="from_dir",
        type=Path,
        help="a folder holding one folder per learner: each is matched to the assignment it holds, links "
        "and special or oversized files are left behind (listed), and no collected submission is deleted",
    )

    s = step("preflight", "check release/, feedback/ and every submission")
    s.add_argument("--repair", action="store_true", help="mend renamed, unreadable or cut notebooks")

    s = step("autograde", "mark the class in parallel")
    s.add_argument("--workers", type=int, help="processes at once (default: cores + 1)")
    s.add_argument("--timeout", type=int, help="seconds before a cell is interrupted (default: config)")
    s.add_argument("--no-repair", action="store_true", help="report faults but do not mend notebooks")

    s = step("feedback", "HTML feedback for every marked learner")
    s.add_argument("--release", action="store_true", help="also release it through the exchange")

    step("scores", "the marks in the gradebook")

    s = step("demo", "rehearse with a simulated class")
    s.set_defaults(course_dir=Path("demo-course"))
    s.add_argument("--learners", type=int, default=30, help="how many simulated learners (default 30)")
    s.add_argument("--seed", type=int, default=0, help="the same seed makes the same class")
    s.add_argument("--run", action="store_true", help="also autograde, give feedback and check every mark")
    s.add_argument("--workers", type=int, help="processes at once (default: cores + 1)")

    register_report(steps)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _run(step: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        from send_outcomes.course import session  # imported here: `--help` need not load nbgrader's tools

        names = args.assignments or None
        course_dir: Path = args.course_dir.resolve()
        try:
            if step == "init":
                return session.init(course_dir, names, say=_say)
            if not (course_dir / "nbgrader_config.py").exists() and step != "demo":
                return error(
                    f"course {step}",
                    f"{course_dir} has no nbgrader_config.py: run "
                    f"`send-outcomes course init --course-dir {args.course_dir}` first",
                )
            if step == "generate":
                return session.generate(course_dir, names, clean=args.clean, say=_say)
            if step == "exchange":
                return session.exchange(course_dir, args.owner, say=_say)
            if step == "release":
                return session.release(course_dir, names, say=_say)
            if step == "collect":
                return session.collect(course_dir, names, args.from_dir, say=_say)
            if step == "preflight":
                return session.check(course_dir, names, repair=args.repair, say=_say)
            if step == "autograde":
                return session.autograde(
                    course_dir,
                    names,
                    workers=args.workers,
                    timeout=args.timeout,
                    repair=not args.no_repair,
                    say=_say,
                )
            if step == "feedback":
                return session.feedback(course_dir, names, release_it=args.release, say=_say)
            if step == "scores":
                return session.scores(course_dir, names, say=_say)
            return session.demo(
                course_dir, args.learners, args.seed, names, args.run, workers=args.workers, say=_say
            )
        except (ValueError, FileNotFoundError) as exc:  # unknown assignment, missing folder: say so plainly
            return error(f"course {step}", str(exc))

    return run
