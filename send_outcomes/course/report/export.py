"""Grades as a CSV file that Moodle's gradebook imports (and most other learning platforms read too).

The file has one identifier column and one column per assignment in the nbgrader gradebook, holding the
learner's total marks. Moodle matches rows to its users by the identifier column, which the trainer must map
by hand on the import screen:

- ``Email address`` (used when every learner in the gradebook has an email): map it to "Email address".
  Moodle compares emails case-sensitively, so they must be written exactly as in the learners' profiles.
- ``ID number`` (otherwise): the nbgrader learner id. Map it to "ID number"; this only works if each Moodle
  user's ID number field was set to the same id the learners submitted under.

Importing into Moodle: Grades, then Import, then "CSV file"; upload the file (comma separator, UTF-8); in
"Identify user" set "Map from" to the identifier column above and "Map to" to the matching field; under
"Grade item mappings" map each assignment column to its grade item (or to "new grade item"); then upload. A
learner with no graded submission of an assignment gets an empty cell: there is no grade to import for them.
Make the grade item's maximum the assignment's maximum mark, or the imported totals will be out of scale.

The last column, ``Provisional``, names the assignments whose total still waits for a hand mark (written
answers, trainer's tasks) and says ``no`` when every hand mark is in: leave it as "Ignore" on the import
screen, and import only when it says ``no`` everywhere (or accept that those totals may rise).

Every text cell (identifiers, column names) is neutralised against formula injection as OWASP advises: a
cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so
a spreadsheet shows it as text instead of running it. Marks are numbers and are written as they are. An
identifier changed this way will not match a Moodle user, so it is reported as a warning.
"""

from __future__ import annotations

import csv
from pathlib import Path

from send_outcomes.course.report.collect import ClassRecord

IDENTIFIERS = {"email": "Email address", "idnumber": "ID number"}
PROVISIONAL = "Provisional"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def import_steps(column: str) -> str:
    """The Moodle import steps in one paragraph, for the report page (the module docstring has the why)."""
    field = "Email address" if column == IDENTIFIERS["email"] else "ID number"
    return (
        "In the Moodle course: Grades, then Import, then CSV file. Upload grades.csv (comma separator, "
        f"UTF-8). Under Identify user, set Map from to “{column}” and Map to to “{field}”. Under Grade item "
        "mappings, map each assignment column to its grade item (or to a new grade item), then upload. "
        "Empty cells are learners with no graded submission: there is no grade to import for them. Set each "
        "grade item's maximum to the assignment's maximum mark. Leave the Provisional column as Ignore: it "
        "names the assignments whose totals still wait for hand marks (no means final)."
    )


def choose_identifier(record: ClassRecord, identifier: str = "auto") -> str:
    """ "email" when every learner has one (and it was not overruled), else "idnumber"."""
    if identifier not in ("auto", *IDENTIFIERS):
        raise ValueError(f"identifier must be auto, email or idnumber, not {identifier!r}")
    if identifier != "auto":
        return identifier
    return "email" if record.learners and all(x.email for x in record.learners) else "idnumber"


def grade_rows(record: ClassRecord, identifier: str = "auto") -> tuple[list[list[str]], list[str]]:
    """The CSV rows (header first) and warnings about learners the identifier cannot match."""
    kind = choose_identifier(record, identifier)
    assignments = record.assignments or [record.assignment]
    rows = [[IDENTIFIERS[kind], *(spreadsheet_safe(a) for a in assignments), PROVISIONAL]]
    warnings = []
    for learner in record.learners:
        key = learner.email if kind == "email" else learner.id
        if not key:
            warnings.append(f"{learner.id} has no email address in the gradebook, so is not in the CSV.")
            continue
        safe_key = spreadsheet_safe(key)
        if safe_key != key:
            warnings.append(
                f"{key!r} begins like a spreadsheet formula, so it is written as {safe_key!r}; it will not "
                "match a Moodle user until the learner's id is changed."
            )
        cells = []
        for name in assignments:
            score = learner.grades.get(name)
            if name == record.assignment and score is None:
                score = learner.score
            cells.append("" if score is None else f"{round(score, 2):g}")
        waiting = [a for a in assignments if a in learner.pending and learner.grades.get(a) is not None]
        rows.append([safe_key, *cells, spreadsheet_safe("; ".join(waiting)) if waiting else "no"])
    return rows, warnings


def write_grades_csv(record: ClassRecord, path: Path, identifier: str = "auto") -> tuple[str, list[str]]:
    """Write the CSV (UTF-8, comma-separated); return the identifier column's name and any warnings."""
    rows, warnings = grade_rows(record, identifier)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return rows[0][0], warnings
