"""``send-outcomes course report ASSIGNMENT``: the trainer's class report after grading.

``register(course_subparsers)`` adds the subcommand to the ``course`` command group; ``main(argv)`` runs it on
its own (used by the tests and by ``python -m send_outcomes.course.report``). Errors the trainer can fix (no
gradebook, unknown assignment) are printed as one plain sentence with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from send_outcomes.course.report.build import build_report
from send_outcomes.course.report.collect import CourseDataError, collect
from send_outcomes.course.report.learners import default_book_url
from send_outcomes.specs import SpecError

HELP = "write the class report (HTML, figures, learner summaries, grades CSV) for a graded assignment"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", metavar="ASSIGNMENT", help="the nbgrader assignment name")
    parser.add_argument(
        "--course-dir",
        default="exercises",
        type=Path,
        help="the nbgrader course folder with gradebook.db and submitted/ (default: exercises)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder for the report (default: <course-dir>/reports/<assignment>)",
    )
    parser.add_argument(
        "--names",
        action="store_true",
        help="show learners' names in the tables and add a per-learner score figure "
        "(off by default: no name appears in any figure)",
    )
    parser.add_argument(
        "--book-url",
        default="",
        help="the address of the published book, so learner summaries link into it "
        "(default: the book built on this computer, _build/html of the repository, as file:// links)",
    )
    parser.add_argument(
        "--csv",
        type=Path,
        default=None,
        help="where to write the grades CSV for Moodle (default: <out>/grades.csv)",
    )
    parser.add_argument(
        "--identifier",
        choices=("auto", "email", "idnumber"),
        default="auto",
        help="the CSV's learner column: Email address or ID number (default: email if every learner has one)",
    )
    parser.set_defaults(func=run)


def register(course_subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``report`` to the ``send-outcomes course`` subcommands; returns the new parser."""
    parser = course_subparsers.add_parser("report", help=HELP, description=HELP)
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    course = Path(args.course_dir)
    out = args.out or course / "reports" / args.assignment
    try:
        record = collect(course, args.assignment)
        book_url, book_note = (args.book_url, "") if args.book_url else default_book_url(course)
        report = build_report(record, out, args.names, book_url, args.csv, args.identifier)
    except (CourseDataError, SpecError) as exc:
        print(f"send-outcomes course report: {exc}", file=sys.stderr)
        return 2
    s = report.summary
    print(f"Report for {args.assignment}: {s['graded']} graded learner(s) of {s['learners']}.")
    print(f"  page:     {report.html}")
    print(f"  figures:  {len(report.figures)} files in {report.html.parent / 'figures'}")
    print(f"  learners: {len(report.learners)} summaries in {report.html.parent / 'learners'}")
    print(f"  grades:   {report.csv}")
    if s["provisional"]:
        print(
            f"  PROVISIONAL: {len(s['provisional'])} learner(s) still have answers to mark by hand; "
            "the totals and grades.csv may rise. Mark them in Formgrader, then run this report again."
        )
    for line in [*s["notes"], *report.warnings, *([book_note] if book_note else [])]:
        print(f"  note: {line}")
    if s["problems"]:
        print(f"  {len(s['problems'])} answers file(s) missing or unusable; they are listed in the report.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="send-outcomes course report", description=HELP)
    add_arguments(parser)
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
