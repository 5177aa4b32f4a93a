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
from typing import Any

from send_outcomes.answers.files import answers_path, write_answers
from send_outcomes.course.report.collect import ClassRecord, Learner
from send_outcomes.specs import Spec, load_spec

ASSESSED = ("sort-statements-a1", "fix-the-outcome-a1", "beas-jigsaw-a1", "follow-the-thread-a1")
# Where a learner who gets a statement wrong most often puts it (the confusions the course is about).
LIKELY_MIXUP = {
    "provision": ["outcome", "target"],
    "target": ["outcome", "provision"],
    "outcome": ["target", "aspiration"],
    "aspiration": ["outcome", "need"],
    "need": ["provision", "outcome"],
}
WEAK_ENDINGS = ("", " by the end of the year", " with support from staff", " every week")


def sort_answers(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    kinds = [c["id"] for c in spec["categories"]]
    placements = {}
    for item in spec["items"]:
        roll = rng.random()
        if roll < ability:
            placements[item["id"]] = item["kind"]
        elif roll < 0.97:
            options = [k for k in LIKELY_MIXUP.get(item["kind"], kinds) if k in kinds]
            placements[item["id"]] = options[0] if rng.random() < 0.7 else rng.choice(options)
        # else: left unplaced
    return {"placements": placements}


def fix_answers(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    drafts = {}
    for rnd in spec["rounds"]:
        roll = rng.random()
        if roll < ability * 0.8:
            drafts[rnd["id"]] = rnd["model_answer"]
        elif roll < 0.92:
            drafts[rnd["id"]] = rnd["original"].rstrip(".") + rng.choice(WEAK_ENDINGS) + "."
        elif roll < 0.96:
            drafts[rnd["id"]] = rnd["original"]
    return {"drafts": drafts}


def jigsaw_answers(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    holders = [h["id"] for h in spec["holders"]]
    pieces: dict[str, dict[str, str]] = {}
    provision: dict[str, str] = {}
    for piece in spec["pieces"]:
        roll = rng.random()
        if piece["role"] != "piece":
            pieces[piece["id"]] = {"choice": "aside" if roll < ability + 0.1 else "use", "holder": ""}
            continue
        if roll < ability:
            pieces[piece["id"]] = {"choice": "use", "holder": piece["holder"]}
        elif roll < ability + (1 - ability) * 0.6:
            wrong = [h for h in holders if h != piece["holder"] and h not in piece.get("also_accept", [])]
            pieces[piece["id"]] = {"choice": "use", "holder": rng.choice(wrong)}
        elif roll < 0.95:
            pieces[piece["id"]] = {"choice": "aside", "holder": ""}
        write = rng.random()
        if write < ability:
            provision[piece["id"]] = piece["model_provision"]
        elif write < 0.9:
            provision[piece["id"]] = piece["text"] + " with help from staff."
    return {"pieces": pieces, "provision": provision}


def thread_answers(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    links: dict[str, dict[str, dict[str, str]]] = {}
    for part in spec["parts"]:
        cards = {"need": part["needs"], "outcome": part["outcomes"], "provision": part["provision"]}
        for link in part["links"]:
            row = {}
            for key in ("need", "outcome", "provision"):
                right = "missing" if link[key] is None else link[key]
                roll = rng.random()
                # The missing link is the hard one: learners tend to fill it with something.
                if roll < (ability * 0.7 if right == "missing" else ability):
                    row[key] = right
                elif roll < 0.95:
                    row[key] = rng.choice([c["id"] for c in cards[key] if c["id"] != right] or ["missing"])
            links.setdefault(part["case"], {})[link["aspiration"]] = row
    return {"links": links}


MAKERS = {"sort": sort_answers, "fix": fix_answers, "jigsaw": jigsaw_answers, "thread": thread_answers}


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
            answers = MAKERS[spec["type"]](spec, ability, rng)
            if rng.random() < 0.04:  # now and then a learner does not touch an exercise
                continue
            learner.answers[eid] = answers
        learners.append(learner)
    maximum = float(sum(_max_points(s) for s in specs.values()))
    record = ClassRecord(assignment, maximum, specs, learners, [assignment])
    score_class(record)
    return record


def _max_points(spec: Spec) -> int:
    from send_outcomes.grading import grade

    return grade(spec, {}, analyses={})["max"]


def score_class(record: ClassRecord) -> None:
    """Each learner's score: the sum of the graders' scores (what the hidden tests would have given)."""
    from send_outcomes.course.report.summary import analyse_class
    from send_outcomes.grading import grade

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
    from send_outcomes.course.report.collect import open_gradebook
    from send_outcomes.grading import grade

    course_dir.mkdir(parents=True, exist_ok=True)
    from send_outcomes.course.report.summary import analyse_class

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
