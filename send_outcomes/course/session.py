"""The steps of a marking session, each a function that prints a short report and returns an exit status.

``send-outcomes course <step>`` calls these (send_outcomes/commands/course.py is only the argument parsing),
and the end-to-end test calls them directly, so the test drives exactly what a trainer runs.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from send_outcomes.course import config, intake, notebooks, preflight, runner
from send_outcomes.course import demo as demo_class
from send_outcomes.course import exchange as shared
from send_outcomes.course.assignments import Assignment, select

Say = Callable[[str], None]


def init(course_dir: Path, names: list[str] | None, say: Say = print) -> int:
    """Write nbgrader_config.py and the master notebooks (source/) from the specs; safe to run again."""
    course_dir.mkdir(parents=True, exist_ok=True)
    path, note = config.write_reporting(course_dir)
    written = notebooks.write_sources(course_dir, select(names))
    say(f"Course directory {course_dir}: {path.name} and {len(written)} master notebooks")
    if note:
        say(f"  note: {note}")
    for p in written:
        say(f"  {p.relative_to(course_dir)}")
    return 0


def generate(course_dir: Path, names: list[str] | None, clean: bool = False, say: Say = print) -> int:
    """nbgrader generate_assignment for each assignment, refusing if source/ holds answers (the key)."""
    status = 0
    for assignment in select(names):
        try:
            for note in runner.generate(course_dir, assignment, clean=clean):
                say(note)
        except runner.CourseError as exc:
            say(f"NOT generated: {exc}")
            status = 2
            continue
        keys = preflight.key_strings(assignment)
        leaks = preflight.find_leaks(course_dir / "release" / assignment.name, keys)
        if leaks:
            say(
                f"NOT safe to hand out release/{assignment.name}: "
                + "; ".join(preflight.leak_message(Path(p.name), k) for p, k in leaks[:3])
            )
            status = 2
        else:
            say(f"release/{assignment.name}: generated; none of {len(keys)} key strings in it")
    return status


def release(course_dir: Path, names: list[str] | None, say: Say = print) -> int:
    """Release each assignment to the exchange; exit status 2 when any was not released (and why)."""
    status = 0
    for assignment in select(names):
        try:
            say(runner.release(course_dir, assignment))
        except runner.CourseError as exc:
            say(str(exc))
            status = 2
    return status


def exchange(course_dir: Path, owner: str | None, say: Say = print) -> int:
    """Check the exchange's folder modes; with ``owner`` (as root), first set them as nbgrader's, for them."""
    api = runner.make_api(course_dir)
    root = Path(api.exchange_root)
    if owner:
        if os.geteuid() != 0:
            say("NOT set up: run this as root (it gives the course's exchange folders to the trainer)")
            return 2
        try:
            made = shared.prepare(root, api.course_id, owner)
        except KeyError:
            say(f"NOT set up: there is no Unix user {owner!r}")
            return 2
        say(f"exchange {root}: {len(made) - 1} folders of course {api.course_id} made, owned by {owner}")
    findings = shared.check(root, api.course_id)
    for f in findings:
        say(f"  {f.path}: {f.problem}")
    say(
        f"exchange {root}: "
        + ("learners could reach each other's work (see above)" if findings else "modes are nbgrader's")
    )
    return 2 if findings else 0


def collect(course_dir: Path, names: list[str] | None, from_dir: Path | None, say: Say = print) -> int:
    """From the exchange, or with ``from_dir`` from a folder of learners' folders (see intake.py).

    From a folder, each learner's folder is matched to the assignment it holds (only the named ones when
    ``names`` is given), links and special or oversized files are left behind, and no submission already
    in submitted/ is deleted. Exit status 1 when anything was left behind (listed), else 0.
    """
    if from_dir is not None:
        report = intake.collect_folder(course_dir, from_dir, names)
        for line in report.lines(course_dir):
            say(line)
        return report.exit_code()
    status = 0
    for assignment in select(names):
        try:
            say(runner.collect(course_dir, assignment))
        except runner.CourseError as exc:
            say(str(exc))
            status = 2
    return status


def check(course_dir: Path, names: list[str] | None, repair: bool, say: Say = print) -> int:
    """The pre-flight report for each assignment; the worst exit status (2 leak, 1 marks lost, 0 clear)."""
    status = 0
    for assignment in select(names):
        report = preflight.preflight(course_dir, assignment, repair=repair)
        say(report.render())
        status = max(status, report.exit_code())
    return status


def _score_table(course_dir: Path, assignment: Assignment, say: Say) -> None:
    marks = runner.scores(course_dir, assignment)
    if not marks:
        say("  no marks in the gradebook yet")
        return
    width = max(len(s) for s in marks)
    say(f"  {'learner':<{width}}  {'auto':>6}  {'of':>4}  by hand")
    for name, s in sorted(marks.items()):
        if s.to_mark:
            hand = f"{s.to_mark:g} to mark"
        else:
            hand = f"{s.manual:g} of {s.manual_max:g}" if s.manual_max else "-"
        say(f"  {name:<{width}}  {s.auto:>6g}  {s.auto_max:>4g}  {hand}")
    waiting = sum(1 for s in marks.values() if s.provisional)
    say(
        f"  Totals are provisional: {waiting} learner{' still has' if waiting == 1 else 's still have'} "
        "hand marks to give (Formgrader, Manual grading)."
        if waiting
        else "  Every hand mark is in: the totals are final."
    )


def autograde(
    course_dir: Path,
    names: list[str] | None,
    workers: int | None = None,
    timeout: int | None = None,
    repair: bool = True,
    show_progress: bool | None = None,
    say: Say = print,
) -> int:
    """Pre-flight (mending what it safely can), then autograde every learner in parallel, then the marks.

    Exit status 0 when every submission was marked; 1 when some could not be (listed); 2 when source/ or
    release/ would leak the key (nothing is marked then).
    """
    status = 0
    overrides: dict[str, object] = {} if timeout is None else {"Execute__timeout": timeout}
    for assignment in select(names):
        report = preflight.preflight(course_dir, assignment, repair=repair)
        if report.leaks:
            say(report.render())
            say(f"{assignment.name}: NOT marked until the problems above are fixed.")
            status = 2
            continue
        if not report.submissions:
            say(f"{assignment.name}: no submissions in submitted/")
            continue
        repaired = report.count("repaired")
        unusable = report.count("warning")
        say(
            f"{assignment.name}: {len(report.submissions)} submissions; {repaired} repaired, {unusable} with "
            "answers that cannot be marked (run `send-outcomes course preflight` for details)"
        )
        outcomes = runner.autograde(
            course_dir,
            assignment,
            workers=workers or default_workers(),
            show_progress=show_progress,
            **overrides,
        )
        failed = [o for o in outcomes if not o.ok]
        for o in failed:
            say(f"  could not mark {o.student}: {'; '.join(o.problems) or 'see .nbgrader-workers.log'}")
        status = max(status, 1 if failed else 0)
        _score_table(course_dir, assignment, say)
    return status


def default_workers() -> int:
    """One more worker than cores: a worker waits while its kernel starts, and the spare keeps cores busy."""
    return (os.cpu_count() or 1) + 1


def feedback(course_dir: Path, names: list[str] | None, release_it: bool = False, say: Say = print) -> int:
    """nbgrader feedback (hidden tests cleared) for every marked learner, then a leak check on feedback/."""
    status = 0
    for assignment in select(names):
        outcomes = runner.feedback(course_dir, assignment, workers=default_workers())
        failed = [o for o in outcomes if not o.ok]
        for o in failed:
            say(f"  no feedback for {o.student}: {'; '.join(o.problems)}")
        leaks = [
            f
            for f in preflight.check_course(course_dir, assignment, preflight.key_strings(assignment))
            if f.level == "problem"
        ]
        for f in leaks:
            say(f"  LEAK: {f.message}")
        say(
            f"{assignment.name}: feedback for {len(outcomes) - len(failed)} of {len(outcomes)} learners in "
            f"feedback/<learner>/{assignment.name}/; "
            + ("KEY FOUND, do not release" if leaks else "no key string in any feedback file")
        )
        status = max(status, 2 if leaks else 1 if failed else 0)
        if release_it and not leaks:
            api = runner.make_api(course_dir)
            if api.exchange_is_functional:
                result = api.release_feedback(assignment.name)
                say(f"  released to the exchange: {'done' if result['success'] else 'FAILED'}")
            else:
                say("  no exchange here: hand each learner their feedback/<learner>/ folder")
    return status


def scores(course_dir: Path, names: list[str] | None, say: Say = print) -> int:
    for assignment in select(names):
        say(f"{assignment.name}:")
        _score_table(course_dir, assignment, say)
    return 0


def demo(
    course_dir: Path,
    learners: int,
    seed: int,
    names: list[str] | None,
    run: bool,
    workers: int | None = None,
    show_progress: bool | None = None,
    say: Say = print,
) -> int:
    """A fresh course in ``course_dir`` with a simulated class; ``run`` marks it and checks every mark."""
    if course_dir.exists() and any(course_dir.iterdir()):
        if not (course_dir / "demo-expected.json").exists():
            say(f"{course_dir} is not empty and is not a demo course: choose another folder")
            return 2
        shutil.rmtree(course_dir)
    init(course_dir, names, say=lambda _line: None)
    status = generate(course_dir, names, say=say)
    if status:
        return status
    cls = demo_class.make_class(course_dir, learners, seed, names)
    say(f"{learners} simulated learners in {course_dir / 'submitted'}; expected marks in demo-expected.json")
    if not run:
        say(f"Next: send-outcomes course autograde --course-dir {course_dir}")
        return 0
    status = autograde(course_dir, names, workers=workers, show_progress=show_progress, say=say)
    status = max(status, feedback(course_dir, names, say=say))
    wrong = 0
    for assignment in select(names):
        marks = runner.scores(course_dir, assignment)
        for learner, expected in cls.expected_scores(assignment.name).items():
            got = marks.get(learner)
            if got is None or abs(got.auto - expected) > 1e-6:
                wrong += 1
                say(f"  {assignment.name} {learner}: expected {expected}, marked {got.auto if got else None}")
    say("Every learner got the expected mark." if not wrong else f"{wrong} marks differ from the expected.")
    return max(status if status != 1 else 0, 1 if wrong else 0)
