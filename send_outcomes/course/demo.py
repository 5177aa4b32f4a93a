"""A simulated class: N learners' submissions, with the score each should get, to rehearse a session.

Thirty kinds of learner, cycled to reach N (deterministic for a given seed): learners who get everything
right, some, or nothing; who answer nothing; whose answers file is missing, corrupt, in the wrong shape or
for another exercise; who edit locked cells, delete a test cell, break the notebook's JSON, rename the
notebook or leave an endless loop in it. Used by the end-to-end test, by bench/autograde.py, by the
analytics report (classes of 1 and 300) and by a trainer as ``send-outcomes course demo``.

Expected scores are worked out here, before anything is marked: from the answers each learner is given
(the same graders the hidden tests call, on the answers as a learner left them) and the damage done to their
files, which must cost a learner only what is really lost. Answers are never copied from a model answer, so
a leak check on feedback still means something.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from send_outcomes.answers.files import write_answers
from send_outcomes.course.assignments import Assignment, select
from send_outcomes.specs import load_spec


@dataclass(frozen=True)
class Kind:
    name: str
    quality: str  # right | mostly | half | few | one-wrong | wrong | started | unknown-ids | none
    mishap: str = ""  # what happened to the submission's files (see _apply_mishap)
    written: bool = True  # wrote the short answer the trainer marks by hand
    usable: bool = True  # False when the mishap leaves no answers file that can be marked


KINDS: tuple[Kind, ...] = (
    Kind("all-right", "right"),
    Kind("all-right-no-reasoning", "right", written=False),
    Kind("mostly-right", "mostly"),
    Kind("half-right", "half"),
    Kind("few-right", "few"),
    Kind("all-wrong", "wrong"),
    Kind("one-wrong", "one-wrong"),
    Kind("nothing-answered", "none", written=False),
    Kind("started", "started"),
    Kind("unknown-ids", "unknown-ids"),
    Kind("answers-missing", "right", "missing-file", usable=False),
    Kind("answers-moved", "mostly", "moved-file", usable=False),
    Kind("answers-corrupt", "right", "corrupt-file", usable=False),
    Kind("answers-empty-file", "half", "empty-file", usable=False),
    Kind("answers-wrong-shape", "right", "wrong-shape", usable=False),
    Kind("answers-other-exercise", "right", "other-exercise", usable=False),
    Kind("old-copy-set-aside", "right", "set-aside-copy"),
    Kind("edited-locked-cells", "right", "edited-locked"),
    Kind("claims-full-marks", "few", "edited-locked"),
    Kind("deleted-test-cell", "mostly", "deleted-test"),
    Kind("deleted-every-cell", "half", "deleted-all"),
    Kind("invalid-notebook-json", "right", "invalid-json"),
    Kind("invalid-notebook-partly", "half", "invalid-json"),
    Kind("renamed-notebook", "right", "renamed"),
    Kind("renamed-notebook-partly", "mostly", "renamed"),
    Kind("infinite-loop", "mostly", "infinite-loop"),
    Kind("error-in-own-cell", "right", "own-error"),
    Kind("stray-files", "half", "stray-files"),
    Kind("checkpoint-folder", "one-wrong", "checkpoints"),
    Kind("all-right-again", "right"),
)

# Rewrites a learner might write for fix-the-outcome-a1: good ones, and weak ones (not the model answers).
GOOD_DRAFTS = {
    "round-1": "By the end of Year 4, Ruby will get changed for PE by herself within ten minutes so she "
    "starts the lesson with her friends.",
    "round-2": "By the end of Year 9, Dev will join the chess club at lunchtime twice a week and play at "
    "least one game with another pupil.",
    "round-3": "By the summer term of Year 6, Hana will answer a question aloud in front of her class at "
    "least three times a week.",
    "round-4": "By the end of his first term in Reception, Finn will wait for his turn in a music game with "
    "two friends and stay with the group.",
    "round-5": "By the end of her first year at college, Grace will go to a weekly placement at a stables, "
    "arrive on time and finish her list of jobs.",
}
WEAK_DRAFTS = {
    "round-1": "Ruby will be better at PE.",
    "round-2": "Dev will be happier at lunchtime.",
    "round-3": "Hana will be more confident in class.",
    "round-4": "Finn will learn to share.",
    "round-5": "Grace will get a job.",
}
# Provision a learner might write for the jigsaw: complete (how much, how often, who) and without "who".
GOOD_PROVISION = {
    "piece-1": "The asthma nurse meets Theo and his family for 30 minutes twice a year to update his "
    "exercise plan.",
    "piece-3": "A physiotherapist works with Theo for 45 minutes every fortnight and gives his family daily "
    "exercises.",
    "piece-5": "A speech and language therapist spends two sessions making a waterproof board with Theo, "
    "then one visit a term to update it.",
    "piece-7": "An occupational therapist spends one visit at the pool with Theo's family, then reviews the "
    "plan each term.",
    "piece-8": "A support worker from the short breaks service goes with Theo to the pool for three hours on "
    "two Saturdays a month.",
}
PARTIAL_PROVISION = "Some help for 30 minutes every week."

WRITTEN_ANSWER = (
    "An outcome is the difference for the child over a year or more, like Priya swimming 25 metres by "
    "Year 6. A target is a small step for this term that adults count, like Tom's bus fare tries."
)


@dataclass
class Expected:
    """What marking one learner's submission of one assignment should give."""

    auto: float  # autograded points
    auto_max: float
    written: bool  # has a written answer for the trainer to mark
    answers: dict[str, Any]  # by exercise id: the answers a hidden test can read ({} if none usable)
    repairs: list[str] = field(default_factory=list)  # what the preflight repair should report


@dataclass
class Learner:
    id: str
    kind: Kind
    expected: dict[str, Expected] = field(default_factory=dict)  # by assignment name


@dataclass
class DemoClass:
    course_dir: Path
    learners: list[Learner]

    def expected_scores(self, assignment: str) -> dict[str, float]:
        return {ln.id: ln.expected[assignment].auto for ln in self.learners if assignment in ln.expected}

    def to_json(self) -> dict[str, Any]:
        return {
            ln.id: {
                "kind": ln.kind.name,
                "assignments": {
                    name: {
                        "auto": e.auto,
                        "auto_max": e.auto_max,
                        "written": e.written,
                        "repairs": e.repairs,
                        "answers": e.answers,
                    }
                    for name, e in ln.expected.items()
                },
            }
            for ln in self.learners
        }


def kinds_for(n: int) -> list[Kind]:
    """The kinds of ``n`` learners: the thirty kinds in order, cycled."""
    return [KINDS[i % len(KINDS)] for i in range(n)]


# ---- answers by quality ------------------------------------------------------------------------------------
def _wrong_set(ids: list[str], quality: str, rng: random.Random) -> tuple[set[str], set[str]]:
    """Which items a learner gets wrong and which they leave unanswered, for a quality level."""
    n = len(ids)
    share = {"right": 0.0, "mostly": 0.2, "half": 0.5, "few": 0.8, "wrong": 1.0, "unknown-ids": 0.3}
    if quality == "one-wrong":
        return {rng.choice(ids)}, set()
    if quality == "started":
        return set(), set(ids[3:])
    if quality == "none":
        return set(), set(ids)
    k = round(share[quality] * n)
    return set(rng.sample(ids, k)), set()


def _sort_answers(spec: dict[str, Any], quality: str, rng: random.Random) -> dict[str, Any]:
    ids = [i["id"] for i in spec["items"]]
    wrong, blank = _wrong_set(ids, quality, rng)
    cats = [c["id"] for c in spec["categories"]]
    placements = {}
    for item in spec["items"]:
        if item["id"] in blank:
            continue
        kind = item["kind"]
        placements[item["id"]] = cats[(cats.index(kind) + 1) % len(cats)] if item["id"] in wrong else kind
    if quality == "unknown-ids":
        placements["no-such-statement"] = "outcome"
    return {"placements": placements, "checked": {}, "tries": {}}


def _fix_answers(spec: dict[str, Any], quality: str, rng: random.Random) -> dict[str, Any]:
    ids = [r["id"] for r in spec["rounds"]]
    wrong, blank = _wrong_set(ids, quality, rng)
    drafts = {}
    for rnd in spec["rounds"]:
        rid = rnd["id"]
        if rid in blank:
            continue
        drafts[rid] = WEAK_DRAFTS.get(rid, rnd["original"]) if rid in wrong else GOOD_DRAFTS.get(rid, "")
    if quality == "unknown-ids":
        drafts["no-such-round"] = GOOD_DRAFTS["round-1"]
    return {"drafts": drafts, "checks": {}, "shown": {}, "round": 0}


def _jigsaw_answers(spec: dict[str, Any], quality: str, rng: random.Random) -> dict[str, Any]:
    ids = [p["id"] for p in spec["pieces"]]
    wrong, blank = _wrong_set(ids, quality, rng)
    holders = [h["id"] for h in spec["holders"]]
    pieces: dict[str, Any] = {}
    provision: dict[str, str] = {}
    for n, piece in enumerate(spec["pieces"]):
        pid = piece["id"]
        if pid in blank:
            continue
        real = piece["role"] == "piece"
        if pid not in wrong:
            pieces[pid] = {"choice": "use", "holder": piece["holder"]} if real else {"choice": "aside"}
            if real:
                provision[pid] = GOOD_PROVISION.get(pid, PARTIAL_PROVISION)
        elif real and n % 2:
            accepted = {piece["holder"], *piece.get("also_accept", [])}
            other = next(h for h in holders if h not in accepted)
            pieces[pid] = {"choice": "use", "holder": other}  # right piece, wrong holder: half a point
            provision[pid] = PARTIAL_PROVISION
        elif real:
            pieces[pid] = {"choice": "aside"}
        else:
            pieces[pid] = {"choice": "use", "holder": holders[0]}
    if quality == "unknown-ids":
        pieces["no-such-piece"] = {"choice": "use", "holder": holders[0]}
    return {"pieces": pieces, "provision": provision, "checks": 0, "tries": {}, "shown": {}}


def _thread_answers(spec: dict[str, Any], quality: str, rng: random.Random) -> dict[str, Any]:
    slots = [
        (part["case"], link["aspiration"], key)
        for part in spec["parts"]
        for link in part["links"]
        for key in ("need", "outcome", "provision")
    ]
    wrong, blank = _wrong_set([f"{c}/{a}/{k}" for c, a, k in slots], quality, rng)
    links: dict[str, dict[str, dict[str, str]]] = {}
    for part in spec["parts"]:
        for link in part["links"]:
            row = links.setdefault(part["case"], {}).setdefault(link["aspiration"], {})
            for key, column in (("need", "needs"), ("outcome", "outcomes"), ("provision", "provision")):
                slot = f"{part['case']}/{link['aspiration']}/{key}"
                if slot in blank:
                    continue
                right = link[key] or "missing"
                if slot in wrong:
                    others = [c["id"] for c in part[column] if c["id"] != right] + ["missing"]
                    row[key] = next(o for o in others if o != right)
                else:
                    row[key] = right
    if quality == "unknown-ids":
        links["no-such-case"] = {"x": {"need": "y"}}
    return {"links": links, "checks": {}, "tries": {}, "part": 0}


_MAKERS = {"sort": _sort_answers, "fix": _fix_answers, "jigsaw": _jigsaw_answers, "thread": _thread_answers}


def answers_for(exercise_id: str, quality: str, rng: random.Random) -> dict[str, Any]:
    """The answers a learner of ``quality`` saves for one exercise (``{}`` for "none")."""
    spec = load_spec(exercise_id)
    if quality == "none":
        return {}
    return _MAKERS[spec["type"]](spec, quality, rng)


# ---- submissions -------------------------------------------------------------------------------------------
def _write_notebook(path: Path, nb: nbformat.NotebookNode) -> None:
    path.write_text(nbformat.writes(nb), encoding="utf-8")


def _fill_written(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "markdown":
            cell.source = WRITTEN_ANSWER


def _apply_mishap(kind: Kind, folder: Path, assignment: Assignment, rng: random.Random) -> list[str]:
    """Damage the submission as this kind of learner does; returns the repairs the preflight should make."""
    nb_path = folder / assignment.notebook_file
    mishap = kind.mishap
    first = assignment.exercises[0]
    answers = folder / "answers" / f"{first}.json"
    if mishap == "missing-file":
        for path in (folder / "answers").glob("*.json"):
            path.unlink()
    elif mishap == "moved-file":
        (folder / "my work").mkdir()
        for path in (folder / "answers").glob("*.json"):
            path.rename(folder / "my work" / path.name)
    elif mishap == "corrupt-file":
        answers.write_text(answers.read_text(encoding="utf-8")[:40], encoding="utf-8")
    elif mishap == "empty-file":
        answers.write_text("", encoding="utf-8")
    elif mishap == "wrong-shape":
        data = json.loads(answers.read_text(encoding="utf-8"))
        first_key = sorted(data["answers"])[0]
        data["answers"][first_key] = ["not", "the", "right", "shape"]
        answers.write_text(json.dumps(data), encoding="utf-8")
    elif mishap == "other-exercise":
        data = json.loads(answers.read_text(encoding="utf-8"))
        data["exercise"] = "sort-statements-1"
        answers.write_text(json.dumps(data), encoding="utf-8")
    elif mishap == "set-aside-copy":
        (folder / "answers" / f"{first}.json.corrupt-20261101T090000").write_text("{ half a file", "utf-8")
    elif mishap in ("edited-locked", "deleted-test", "deleted-all", "infinite-loop", "own-error"):
        nb = nbformat.read(nb_path, as_version=4)
        if mishap == "edited-locked":
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if meta.get("grade") and cell.cell_type == "code":
                    cell.source = f"{float(meta.get('points', 1))}  # full marks, surely"
                elif meta.get("locked") and cell.cell_type == "code":
                    cell.source = "print('I changed this cell')"
        elif mishap == "deleted-test":
            tests = [
                c
                for c in nb.cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade") and c.cell_type == "code"
            ]
            nb.cells.remove(rng.choice(tests))
        elif mishap == "deleted-all":
            nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get("nbgrader", {}).get("locked")]
        elif mishap == "infinite-loop":
            nb.cells.insert(2, nbformat.v4.new_code_cell("# trying something\nwhile True:\n    pass"))
        else:
            nb.cells.insert(2, nbformat.v4.new_code_cell("print(undefined_name)"))
        _write_notebook(nb_path, nb)
        return {
            "deleted-test": ["restored 1 deleted test cell"],
            "deleted-all": ["restored deleted test cells"],
        }.get(mishap, [])
    elif mishap == "invalid-json":
        text = nb_path.read_text(encoding="utf-8")
        nb_path.write_text(text[: len(text) // 2], encoding="utf-8")
        return ["replaced an unreadable notebook"]
    elif mishap == "renamed":
        nb_path.rename(folder / f"{assignment.notebook}-Copy1.ipynb")
        return ["renamed the notebook back"]
    elif mishap == "stray-files":
        (folder / "notes.txt").write_text("my notes", encoding="utf-8")
        (folder / "answers" / "scratch.json").write_text("{}", encoding="utf-8")
    elif mishap == "checkpoints":
        (folder / ".ipynb_checkpoints").mkdir()
        shutil.copy(nb_path, folder / ".ipynb_checkpoints" / f"{assignment.notebook}-checkpoint.ipynb")
    return []


def _expected(kind: Kind, assignment: Assignment, answers: dict[str, dict[str, Any]]) -> tuple[float, float]:
    """Autograded points by the same graders the hidden tests use, on the answers that can be read."""
    from send_outcomes.course.notebooks import test_points
    from send_outcomes.grading import grade

    auto = 0.0
    for test in assignment.tests:
        if not kind.usable:
            continue
        result = grade(load_spec(test.exercise), answers.get(test.exercise, {}), reveal=False)
        items = [
            i
            for i in result["items"]
            if test.part is None or i.get("part") == test.part or i["id"] == test.part
        ]
        auto += round(sum(i["points"] for i in items), 4)
    return round(auto, 4), float(sum(test_points(t) for t in assignment.tests))


def make_class(
    course_dir: Path,
    learners: int = 30,
    seed: int = 0,
    assignments: list[str] | None = None,
) -> DemoClass:
    """Write ``learners`` submissions of each assignment into ``course_dir/submitted`` (release/ must exist).

    Learner ids are ``NNN-<kind>`` so a trainer rehearsing a session can see at a glance who is who.
    """
    course_dir = Path(course_dir)
    chosen = select(assignments)
    people: list[Learner] = []
    for index, kind in enumerate(kinds_for(learners)):
        learner = Learner(f"{index + 1:03d}-{kind.name}", kind)
        for assignment in chosen:
            rng = random.Random(f"{seed}/{learner.id}/{assignment.name}")
            release = course_dir / "release" / assignment.name
            if not (release / assignment.notebook_file).exists():
                raise FileNotFoundError(f"{release} has no {assignment.notebook_file}: generate it first")
            folder = course_dir / "submitted" / learner.id / assignment.name
            if folder.exists():
                shutil.rmtree(folder)
            shutil.copytree(release, folder)
            nb = nbformat.read(folder / assignment.notebook_file, as_version=4)
            if kind.written:
                _fill_written(nb)
            _write_notebook(folder / assignment.notebook_file, nb)
            saved: dict[str, dict[str, Any]] = {}
            for eid in assignment.exercises:
                answers = answers_for(eid, kind.quality, rng)
                if answers:
                    spec_type = load_spec(eid)["type"]
                    write_answers(folder / "answers" / f"{eid}.json", eid, spec_type, answers)
                    saved[eid] = answers
            repairs = _apply_mishap(kind, folder, assignment, rng)
            auto, auto_max = _expected(kind, assignment, saved)
            usable = saved if kind.usable else {}
            lost_written = kind.mishap == "invalid-json"
            learner.expected[assignment.name] = Expected(
                auto,
                auto_max,
                kind.written and bool(assignment.written) and not lost_written,
                usable,
                repairs,
            )
        people.append(learner)
    demo = DemoClass(course_dir, people)
    (course_dir / "demo-expected.json").write_text(
        json.dumps(demo.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return demo
