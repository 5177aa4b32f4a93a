"""A simulated class with plausible mistakes, for the trainer's notebook, the tests and the benchmark.

Real classes make the same few mistakes: provision read as an outcome, a target read as an outcome, a
rewrite with no time frame, the right piece given to the wrong professional. The simulated learners make
those mistakes at rates set by an "ability" drawn per learner, so the figures look like a real session's. It
is deterministic: the same ``n`` and ``seed`` always give the same class, answer for answer.

``write_course`` turns a simulated class into an nbgrader course folder (a gradebook made through
nbgrader's own API, and answers files under ``submitted/``), so the whole report can be rehearsed, tested
and timed without running a session. ``send_outcomes.course.demo`` makes a class whose notebooks are really
autograded (its learners are built to test marking: every kind of damaged submission); this one writes only
what the report reads, with realistic mix-ups, which is what makes a class of 300 quick to produce.
"""

from __future__ import annotations

import random
import warnings
from pathlib import Path

from send_outcomes.answer_format.files import answers_path, write_answers
from send_outcomes.course.report.collect import ClassRecord, Learner, open_gradebook
from send_outcomes.course.report.summary import analyse_class
from send_outcomes.course.synthetic import answers_by_ability
from send_outcomes.grading import grade
from send_outcomes.specs import Spec, load_spec

ASSESSED = ("sort-statements-a1", "fix-the-outcome-a1", "beas-jigsaw-a1", "follow-the-thread-a1")
def simulated_class(
    n: int, seed: int = 7, assignment: str = "outcomes-assessed", exercise_ids: tuple[str, ...] = ASSESSED
) -> ClassRecord:
    """``n`` learners with answers and no scores yet (``score_class`` fills them in from the graders)."""
    specs = {eid: load_spec(eid) for eid in exercise_ids}
    learners = []
    for k in range(n):
        rng = random.Random(f"{seed}:{k}")
        ability = 0.35 + 0.6 * rng.random()
        learner = Learner(
            id=f"learner-{k + 1:03d}", name=f"Learner {k + 1}", email=f"learner{k + 1}@example.org"
        )
        for eid, spec in specs.items():
            answers = answers_by_ability(spec, ability, rng)
            if rng.random() < 0.04:  # now and then a learner does not touch an exercise
                continue
            learner.answers[eid] = answers
        learners.append(learner)
    maximum = float(sum(_max_points(s) for s in specs.values()))
    record = ClassRecord(assignment, maximum, specs, learners, [assignment])
    score_class(record)
    return record


def _max_points(spec: Spec) -> int:
    return grade(spec, {}, analyses={})["max"]


def score_class(record: ClassRecord) -> None:
    """Each learner's score: the sum of the graders' scores (what the hidden tests would have given)."""
    analyses, _ = analyse_class(record)
    for learner in record.learners:
        total = 0.0
        for eid, spec in record.specs.items():
            found = analyses[eid][learner.id] if eid in analyses else ({} if spec["type"] == "fix" else None)
            total += grade(spec, learner.answers.get(eid, {}), found)["score"]
        learner.score = total
        learner.grades = {record.assignment: learner.score}


def write_course(record: ClassRecord, course_dir: Path, damage: bool = True) -> None:
    """Write the class as an nbgrader course: ``gradebook.db`` and ``submitted/<id>/<assignment>/answers``.

    One notebook per exercise, one grade cell per exercise, so the gradebook holds real nbgrader rows.
    With ``damage``, the last learner's first answers file is replaced by broken JSON (a report must list it
    and count it as not answered), as happens when a laptop dies mid-save.
    """
    course_dir.mkdir(parents=True, exist_ok=True)
    analyses, _ = analyse_class(record)
    with open_gradebook(course_dir / "gradebook.db") as gb, warnings.catch_warnings():
        # nbgrader's own add_submission trips SQLAlchemy's autoflush warning; the rows are written correctly.
        warnings.simplefilter("ignore", category=Warning)
        gb.add_assignment(record.assignment)
        for eid, spec in record.specs.items():
            gb.add_notebook(eid, record.assignment)
            gb.add_grade_cell(
                f"{eid}-score", eid, record.assignment, max_score=_max_points(spec), cell_type="code"
            )
        for learner in record.learners:
            first, _, last = learner.name.partition(" ")
            gb.add_student(learner.id, first_name=first, last_name=last, email=learner.email or None)
            gb.add_submission(record.assignment, learner.id)
            for eid, spec in record.specs.items():
                found = (
                    analyses[eid][learner.id] if eid in analyses else ({} if spec["type"] == "fix" else None)
                )
                g = gb.find_grade(f"{eid}-score", eid, record.assignment, learner.id)
                g.auto_score = grade(spec, learner.answers.get(eid, {}), found)["score"]
                g.needs_manual_grade = False  # as nbgrader's autograde leaves a test cell it has marked
            gb.db.commit()
            folder = course_dir / "submitted" / learner.id / record.assignment
            for eid, spec in record.specs.items():
                if eid in learner.answers:
                    write_answers(
                        answers_path(folder / "answers", eid), eid, spec["type"], learner.answers[eid]
                    )
            folder.mkdir(parents=True, exist_ok=True)
    if damage and record.learners:
        last = record.learners[-1]
        folder = course_dir / "submitted" / last.id / record.assignment / "answers"
        target = answers_path(folder, next(iter(record.specs)))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text('{"exercise": "sort-statements-a1", "answers": {', encoding="utf-8")
