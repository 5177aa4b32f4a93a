"""nbgrader's own API, driven for a session: generate, release, collect, autograde (in parallel), feedback.

Everything goes through ``nbgrader.apps.NbGraderAPI`` with the course's nbgrader_config.py, so a trainer can
mix these commands with nbgrader's own (formgrader, ``nbgrader export``) on the same course directory.

Autograde in parallel: stock ``nbgrader autograde`` marks submissions one after another, each in a fresh
kernel. Here the parent process imports nbgrader once and forks ``workers`` processes (by default one per
core); each takes the next learner from a shared queue and runs nbgrader's ``Autograde`` converter for them.
Forking saves the two seconds of imports each ``nbgrader`` command pays, and the queue keeps every core
busy even when one learner's notebook is slow (an endless loop waits for the cell timeout). All workers
write to the one gradebook (SQLite, which serialises the short writes); an SQLite "database is locked" is
retried, and a learner whose marking fails is reported, never allowed to stop the batch.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from send_outcomes.course import config as course_config
from send_outcomes.course.assignments import Assignment
from send_outcomes.course.progress import Progress


def make_api(course_dir: Path, **overrides: object) -> Any:
    """An ``NbGraderAPI`` on ``course_dir`` with its nbgrader_config.py (and ``Section__name`` overrides)."""
    from nbgrader.apps import NbGraderAPI  # imported here: about two seconds, paid only by steps that mark

    course_config.ensure_tools_on_path()
    cfg = course_config.load(course_dir, **overrides)
    cfg.NbGraderAPI.log_level = logging.ERROR
    api = NbGraderAPI(config=cfg)
    api.log.setLevel(logging.ERROR)
    return api


class CourseError(RuntimeError):
    """A step cannot go ahead safely; the message says why and what to do."""


def trainer_answers(course_dir: Path, assignment: Assignment) -> list[Path]:
    """Answers files in source/: left there when the trainer ran the master notebook. They are the key."""
    folder = course_dir / "source" / assignment.name / "answers"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def set_aside_trainer_answers(course_dir: Path, assignment: Assignment) -> Path | None:
    """Move source/<a>/answers out of the course's source folder (kept, never deleted); where it went."""
    folder = course_dir / "source" / assignment.name / "answers"
    if not folder.exists():
        return None
    target_root = course_dir / "set-aside" / assignment.name
    target_root.mkdir(parents=True, exist_ok=True)
    target = target_root / f"answers-{time.strftime('%Y%m%dT%H%M%S')}"
    n = 1
    while target.exists():
        n += 1
        target = target_root / f"answers-{time.strftime('%Y%m%dT%H%M%S')}-{n}"
    os.replace(folder, target)
    return target


def guard_source(course_dir: Path, assignment: Assignment, clean: bool) -> str | None:
    """Refuse (or, with ``clean``, set aside) answers left in source/; a note when something was moved."""
    found = trainer_answers(course_dir, assignment)
    if not found:
        return None
    if not clean:
        names = ", ".join(p.relative_to(course_dir).as_posix() for p in found)
        raise CourseError(
            f"{assignment.name}: source/ holds answers files ({names}), left by running the master notebook. "
            "They would be released to every learner and would replace learners' answers at autograde. "
            "Run again with --clean to move them to set-aside/ (nothing is deleted)."
        )
    moved = set_aside_trainer_answers(course_dir, assignment)
    return f"{assignment.name}: moved answers left in source/ to {moved}"


def generate(course_dir: Path, assignment: Assignment, clean: bool = False) -> list[str]:
    """nbgrader generate_assignment (source/ → release/ and the gradebook), after the source/ guard."""
    notes = [n for n in [guard_source(course_dir, assignment, clean)] if n]
    api = make_api(course_dir)
    result = api.generate_assignment(assignment.name)
    if not result["success"]:
        raise CourseError(f"{assignment.name}: nbgrader could not generate it:\n{_last_error(result)}")
    leftover = course_dir / "release" / assignment.name / "answers"
    if leftover.exists():  # belt and braces: nothing may reach release/ with answers in it
        raise CourseError(f"{leftover} exists: remove it before handing out release/{assignment.name}")
    return notes


def no_exchange_message(course_dir: Path, api: Any) -> str:
    """Why nbgrader finds no exchange here, naming the settings files it read and the folder it looked for."""
    read = ", ".join(os.fspath(p) for p in course_config.sources(course_dir)) or "none"
    return (
        f"no nbgrader exchange at {api.exchange_root} (Exchange.root; settings read from: {read}). On a hub, "
        "put the exchange settings (solutions/deploy/nbgrader_config.py) in the Jupyter config path "
        "(`jupyter --paths` lists it) or at the end of the course's nbgrader_config.py, and create that "
        "folder"
    )


def release(course_dir: Path, assignment: Assignment) -> str:
    """Hand out release/<a> through nbgrader's exchange; a CourseError when nothing could be released."""
    api = make_api(course_dir)
    folder = course_dir / "release" / assignment.name
    if not folder.is_dir():
        raise CourseError(
            f"{assignment.name}: NOT released: {folder} does not exist; run "
            f"`send-outcomes course generate {assignment.name}` first"
        )
    if not api.exchange_is_functional:
        raise CourseError(
            f"{assignment.name}: NOT released: {no_exchange_message(course_dir, api)}. Without a hub, share "
            f"{folder} with learners yourself (a shared drive or a zip), and put what they hand back in "
            f"submitted/<learner>/{assignment.name}/ (see `send-outcomes course collect --from`)."
        )
    result = api.release_assignment(assignment.name)
    if not result["success"]:
        raise CourseError(
            f"{assignment.name}: NOT released: nbgrader could not release it:\n{_last_error(result)}"
        )
    released = Path(api.exchange_root) / api.course_id / "outbound" / assignment.name
    if not released.is_dir():
        raise CourseError(
            f"{assignment.name}: NOT released: nbgrader reported success but {released} is missing"
        )
    return f"{assignment.name}: released to the exchange at {released}"


def collect(course_dir: Path, assignment: Assignment) -> str:
    """Bring submissions into submitted/ from nbgrader's exchange (folders handed in: see intake.py)."""
    api = make_api(course_dir)
    if not api.exchange_is_functional:
        raise CourseError(
            "no nbgrader exchange is set up here: collect from a folder with --from DIR, where DIR holds "
            "one folder per learner (DIR/<learner>/ with the notebook and its answers folder)."
        )

    api.log.setLevel(logging.WARNING)  # the safe collect reports what it left behind as warnings
    result = api.collect(assignment.name)
    if not result["success"]:
        raise CourseError(f"{assignment.name}: nbgrader could not collect:\n{_last_error(result)}")
    # What the safe collect left behind or kept aside, as it logged it (exchange_collect.py).
    notes = [
        "  " + line.split("]", 1)[-1].strip()
        for line in (result.get("log") or "").splitlines()
        if "Left behind" in line or "Kept the older submission" in line
    ]
    return "\n".join([f"{assignment.name}: collected from the exchange into submitted/", *notes])


def _last_error(result: dict[str, Any]) -> str:
    text = (result.get("error") or result.get("log") or "").strip().splitlines()
    return "\n".join(text[-6:])


def students(course_dir: Path, assignment: Assignment) -> list[str]:
    """Learners with a submission for ``assignment`` in submitted/, sorted."""
    root = course_dir / "submitted"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / assignment.name).is_dir())


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    problems: list[str] = field(default_factory=list)


WORKER_LOG = ".nbgrader-workers.log"

# Filled in each worker process by _worker_init (the parent has already imported nbgrader; fork shares it).
_WORKER: dict[str, Any] = {}


def _worker_init(course_dir: str, overrides: dict[str, object]) -> None:
    """Set up one worker: its own API object, and its stderr (and its kernels') into the course's log.

    Kernels and SQLAlchemy write warnings to stderr that say nothing to a trainer and would bury the
    progress bar; they are kept in ``.nbgrader-workers.log`` in the course directory instead.
    """
    warnings.filterwarnings("ignore")
    log = open(Path(course_dir) / WORKER_LOG, "a", encoding="utf-8")  # noqa: SIM115 (lives as long as the worker)
    os.dup2(log.fileno(), 2)
    _WORKER["log"] = log
    _WORKER["api"] = make_api(Path(course_dir), **overrides)


# Failures of the machine, not of the learner's work: a busy machine can lose a kernel as it starts, or two
# workers can write to the gradebook at once. Such a submission is simply marked again (up to three times).
TRANSIENT = (
    "database is locked",
    "Kernel died before replying",
    "Kernel didn't respond",
    "error occurred while starting new kernel",
)


def _transient(result: dict[str, Any]) -> bool:
    text = f"{result.get('error') or ''}\n{result.get('log') or ''}"
    return any(marker in text for marker in TRANSIENT)


def _autograde_one(job: tuple[str, str]) -> Outcome:
    assignment, student = job
    api = _WORKER["api"]
    started = time.perf_counter()
    result: dict[str, Any] = {"success": False}
    for attempt in range(3):
        result = api.autograde(assignment, student)
        if result["success"] or not _transient(result):
            break
        time.sleep(0.5 * (attempt + 1))
    problems = _logged_problems(result)
    return Outcome(student, bool(result["success"]), time.perf_counter() - started, problems)


def _logged_problems(result: dict[str, Any]) -> list[str]:
    lines = (result.get("log") or "").splitlines()
    found = [ln.strip() for ln in lines if ln.startswith("[ERROR]")]
    if not result["success"] and not found:
        found = [_last_error(result)]
    return found[:5]


def _feedback_one(job: tuple[str, str]) -> Outcome:
    assignment, student = job
    started = time.perf_counter()
    result = _WORKER["api"].generate_feedback(assignment, student)
    return Outcome(student, bool(result["success"]), time.perf_counter() - started, _logged_problems(result))


def _run_pool(
    course_dir: Path,
    jobs: list[tuple[str, str]],
    task: Callable[[tuple[str, str]], Outcome],
    workers: int | None,
    label: str,
    show_progress: bool | None,
    on_done: Callable[[Outcome], None] | None,
    overrides: dict[str, object],
) -> list[Outcome]:
    """Run ``task`` on every job, ``workers`` processes at a time, taking jobs from one queue."""
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    outcomes: list[Outcome] = []
    make_api(course_dir, **overrides)  # import nbgrader (and check the config) once, before forking
    ctx = multiprocessing.get_context("fork")
    with (
        Progress(len(jobs), label, enabled=show_progress) as bar,
        ctx.Pool(count, _worker_init, (os.fspath(course_dir), overrides)) as pool,
    ):
        for outcome in pool.imap_unordered(task, jobs):
            outcomes.append(outcome)
            bar.advance(outcome.student)
            if on_done:
                on_done(outcome)
    return sorted(outcomes, key=lambda o: o.student)


def _added_code_cells(course_dir: Path, assignment: Assignment, student: str) -> int:
    """Code cells the learner added (no nbgrader id): the only cells that can make marking slow."""
    path = course_dir / "submitted" / student / assignment.name / assignment.notebook_file
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        return sum(
            1
            for c in cells
            if c.get("cell_type") == "code" and "grade_id" not in c.get("metadata", {}).get("nbgrader", {})
        )
    except (OSError, ValueError, AttributeError):
        return 0


def timed_out_cells(course_dir: Path, assignment: Assignment, student: str) -> list[str]:
    """The course's own cells (widget, tests) that hit the cell timeout in a learner's autograded notebook.

    A learner's own endless loop is expected to time out; one of *our* cells timing out only means the
    machine was too busy, so that learner is marked again rather than given 0.
    """
    path = course_dir / "autograded" / student / assignment.name / assignment.notebook_file
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return []
    hit = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("locked"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") in (
                "CellTimeoutError",
                "KeyboardInterrupt",
            ):
                hit.append(meta.get("grade_id", "?"))
    return hit


def autograde(
    course_dir: Path,
    assignment: Assignment,
    learners: Iterable[str] | None = None,
    workers: int | None = None,
    show_progress: bool | None = None,
    on_done: Callable[[Outcome], None] | None = None,
    retry_timeouts: bool = True,
    **overrides: object,
) -> list[Outcome]:
    """Autograde every learner's submission of ``assignment``, ``workers`` at a time (default: one per core).

    ``overrides`` are config settings for this run (``Execute__timeout=5``). Returns one Outcome per learner
    in name order; a failure is recorded in its Outcome, and the rest of the class is still marked. A
    learner whose widget or test cell timed out (a busy machine, not their doing) is marked once more, alone.
    """
    course_dir = Path(course_dir).resolve()
    names = sorted(learners) if learners is not None else students(course_dir, assignment)
    if not names:
        return []
    # Longest first: a notebook with code the learner added (perhaps an endless loop that must wait for the
    # timeout) starts at once, while the other workers get through the quick ones.
    order = sorted(names, key=lambda s: -_added_code_cells(course_dir, assignment, s))
    jobs = [(assignment.name, s) for s in order]
    outcomes = _run_pool(
        course_dir,
        jobs,
        _autograde_one,
        workers,
        f"Autograding {assignment.name}",
        show_progress,
        on_done,
        overrides,
    )
    if retry_timeouts:
        again = [o.student for o in outcomes if timed_out_cells(course_dir, assignment, o.student)]
        if again:
            retried = _run_pool(
                course_dir,
                [(assignment.name, s) for s in again],
                _autograde_one,
                1,
                f"Marking again after a timeout ({len(again)})",
                show_progress,
                None,
                overrides,
            )
            by_name = {o.student: o for o in retried}
            for o in by_name.values():
                o.problems.insert(0, "marked a second time: a course cell timed out on a busy machine")
            outcomes = [by_name.get(o.student, o) for o in outcomes]
    return outcomes


def feedback(
    course_dir: Path,
    assignment: Assignment,
    workers: int | None = None,
    show_progress: bool | None = None,
) -> list[Outcome]:
    """nbgrader generate_feedback for every autograded learner (HTML, hidden tests cleared), in parallel."""
    course_dir = Path(course_dir).resolve()
    root = course_dir / "autograded"
    names = sorted(p.name for p in root.iterdir() if (p / assignment.name).is_dir()) if root.is_dir() else []
    if not names:
        return []
    jobs = [(assignment.name, s) for s in names]
    return _run_pool(
        course_dir, jobs, _feedback_one, workers, f"Feedback {assignment.name}", show_progress, None, {}
    )


@dataclass
class Score:
    student: str
    auto: float  # the autograded points
    auto_max: float
    manual_max: float  # points marked by hand (written answers, trainer's tasks), given or not
    total: float  # nbgrader's total: auto plus any manual marks given so far
    total_max: float
    cells: dict[str, float | None]
    to_mark: float = 0.0  # points of the cells still waiting for a hand mark (nbgrader's needs_manual_grade)
    manual: float = 0.0  # hand marks given so far

    @property
    def provisional(self) -> bool:
        """Whether the total can still change: some cell still waits for the trainer's mark."""
        return self.to_mark > 0


def scores(course_dir: Path, assignment: Assignment) -> dict[str, Score]:
    """Each learner's marks from the gradebook: automatic, by hand, and what still waits for a hand mark.

    "Still to mark" is nbgrader's own ``needs_manual_grade`` on each grade, so it falls to nothing as the
    trainer marks in Formgrader (a written answer left blank needs no mark, and nbgrader says so).
    """
    api = make_api(Path(course_dir).resolve())
    out: dict[str, Score] = {}
    gb = api.gradebook
    try:
        try:
            assignment_row = gb.find_assignment(assignment.name)
        except Exception:
            return {}
        for submission in assignment_row.submissions:
            auto = auto_max = manual_max = to_mark = manual = 0.0
            cells: dict[str, float | None] = {}
            for nb in submission.notebooks:
                for grade in nb.grades:
                    cells[grade.name] = grade.score
                    if grade.needs_manual_grade:  # waiting for the trainer, whatever kind of cell
                        to_mark += grade.max_score
                    if grade.cell_type == "code":  # an autograded test cell
                        auto += grade.auto_score or 0
                        auto_max += grade.max_score
                    else:
                        manual_max += grade.max_score
                        if not grade.needs_manual_grade:
                            manual += grade.score or 0
            out[submission.student.id] = Score(
                submission.student.id,
                round(auto, 4),
                auto_max,
                manual_max,
                round(float(submission.score), 4),
                float(submission.max_score),
                cells,
                to_mark,
                round(manual, 4),
            )
    finally:
        gb.close()
    return out
