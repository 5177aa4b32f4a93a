"""The graded assignments of the course: which exercises each holds, how its marks are split, what is marked
by hand.

This is the single description the whole nbgrader side works from. The source notebooks are generated from
it and the assessment specs (never edited by hand), the nbgrader configuration names its answers files,
the demo class submits to it, and the leak check knows from it which strings must never reach a learner.
Assessment specs are separate from the practice specs, whose keys are public on the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TestCell:
    """One hidden, auto-graded test: the items of ``exercise`` whose ``part`` matches (None: all items).

    ``part`` is an item's ``part`` field (jigsaw: "piece" or "provision") or an item id (a fix round), so a
    trainer sees a separate mark per part in formgrader.
    """

    exercise: str
    part: str | None
    title: str


@dataclass(frozen=True)
class WrittenAnswer:
    """A short answer the learner types into the notebook, marked by the trainer against ``model_answer``."""

    grade_id: str
    prompt: str
    model_answer: str
    points: int


@dataclass(frozen=True)
class TrainerMark:
    """A manually graded task: the trainer's overall judgement of work saved by a widget."""

    grade_id: str
    prompt: str
    points: int


@dataclass(frozen=True)
class Assignment:
    name: str  # nbgrader's assignment id: the folder name under source/, release/, submitted/
    notebook: str  # the notebook's file name without .ipynb
    title: str
    exercises: tuple[str, ...]
    tests: tuple[TestCell, ...]
    written: tuple[WrittenAnswer, ...] = field(default_factory=tuple)
    tasks: tuple[TrainerMark, ...] = field(default_factory=tuple)

    @property
    def notebook_file(self) -> str:
        return f"{self.notebook}.ipynb"

    def answers_files(self) -> list[str]:
        """The answers files a submission should hold, relative to the assignment folder."""
        return [f"answers/{eid}.json" for eid in self.exercises]


SORTING = Assignment(
    name="sorting",
    notebook="sort-statements",
    title="Sorting the statements in a plan",
    exercises=("sort-statements-a1",),
    tests=(TestCell("sort-statements-a1", None, "Statements placed under the right heading"),),
    written=(
        WrittenAnswer(
            grade_id="justify-outcome-target",
            prompt=(
                "In two or three sentences: how did you decide whether a statement was an **outcome** or a "
                "**target**? Use one of the statements above as your example."
            ),
            model_answer=(
                "I looked at the time frame and at who the change is for. The statement about Priya swimming "
                "25 metres by the end of Year 6 describes a difference in her own life over more than a "
                "year, "
                "so I counted it as an outcome. The one about Tom counting his bus fare this term, in four "
                "tries out of five, is a short step that staff plan and measure on the way to that kind of "
                "change, so I counted it as a target."
            ),
            points=3,
        ),
    ),
)

FIXING = Assignment(
    name="fixing-outcomes",
    notebook="fix-the-outcome",
    title="Fixing outcomes that are not SMART",
    exercises=("fix-the-outcome-a1",),
    tests=tuple(
        TestCell("fix-the-outcome-a1", f"round-{n}", f"Rewrite {n}: SMART and person-centred criteria")
        for n in range(1, 6)
    ),
    tasks=(
        TrainerMark(
            grade_id="trainer-mark-rewrites",
            prompt=(
                "**For the trainer (5 marks).** The criteria above are checked automatically. Read the "
                "rewrites printed under the tests and award up to 5 marks for judgement the checker cannot "
                "make: is each outcome true to the child's story, something the child would care about, "
                "realistic for the time given, and free of provision dressed up as an outcome?"
            ),
            points=5,
        ),
    ),
)

JIGSAW = Assignment(
    name="jigsaw",
    notebook="jigsaw",
    title="A jigsaw of support around one outcome",
    exercises=("beas-jigsaw-a1",),
    tests=(
        TestCell("beas-jigsaw-a1", "piece", "Pieces chosen or set aside, and who holds each"),
        TestCell("beas-jigsaw-a1", "provision", "Each piece written as provision: how much, how often, who"),
    ),
)

THREAD = Assignment(
    name="golden-thread",
    notebook="golden-thread",
    title="Following the golden thread",
    exercises=("follow-the-thread-a1",),
    tests=(TestCell("follow-the-thread-a1", None, "Each link of the thread, or the missing one"),),
)

ASSIGNMENTS: dict[str, Assignment] = {a.name: a for a in (SORTING, FIXING, JIGSAW, THREAD)}


def get(name: str) -> Assignment:
    """The assignment called ``name``; a ValueError listing the known ones otherwise."""
    try:
        return ASSIGNMENTS[name]
    except KeyError:
        raise ValueError(f"no assignment {name!r}; the assignments are: {', '.join(ASSIGNMENTS)}") from None


def select(names: list[str] | None) -> list[Assignment]:
    """The named assignments (all of them when ``names`` is empty or None), in course order."""
    return [get(n) for n in names] if names else list(ASSIGNMENTS.values())
