"""Pre-flight: before marking, check that nothing secret is handed out and that every submission can be read.

What it checks, per assignment:

- source/: no ``answers`` folder (the trainer ran the master notebook: that folder is the key, and nbgrader
  would copy it into release/ and over learners' answers);
- release/ and feedback/: none of the key strings (statement reasons, right holders, model answers, hints,
  the hidden tests' code, the model written answers) in any file;
- each submission: its notebook opens, is where nbgrader expects it, and still has every cell it was given;
  each answers file exists and can be marked.

With ``repair=True`` (what ``send-outcomes course autograde`` does) three faults are mended, losing nothing:
a renamed notebook is renamed back; a notebook that is not valid JSON is kept as ``<name>.unreadable`` and
replaced by a fresh copy of the released notebook (the answers are in the answers files, so they are still
marked; the trainer is told to read the kept file for any written answer); deleted cells are put back from
the released notebook where they were. Answers files are never changed: a missing or unreadable one is
reported, and its exercise scores 0 with a message in the learner's feedback.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from send_outcomes.answer_format.files import AnswersFileError, read_answers
from send_outcomes.course.assignments import Assignment
from send_outcomes.course.limits import MAX_NOTEBOOK_BYTES, MAX_OTHER_BYTES
from send_outcomes.course.notebooks import hidden_lines
from send_outcomes.course.runner import students
from send_outcomes.specs import load_spec, public_spec

MIN_KEY_LENGTH = 12  # shorter strings (ids, "outcome", "physio") also occur in public text

UNREADABLE_NOTE = (
    "**Note from the marking tool.** The notebook you handed in could not be opened (it was not valid "
    "notebook JSON), so this fresh copy was marked instead. Your saved answers were marked as usual. Your "
    "file is kept beside this one as `{kept}`, and your trainer will read any written answer in it."
)


# ---- key strings -------------------------------------------------------------------------------------------
def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value)) if value else set()
    return set()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def key_strings(assignment: Assignment) -> list[str]:
    """Every string a learner must never see for this assignment: the key's texts, model answers, hidden code.

    From each spec: the strings of the full spec that the public spec does not have (reasons, holders'
    explanations, model answers, hints), longer than a bare id; plus the hidden tests' lines and the model
    written answers of the master notebook.
    """
    found: set[str] = set()
    for eid in assignment.exercises:
        spec = load_spec(eid)
        secret = _strings(spec) - _strings(public_spec(spec))
        found |= {s for s in secret if len(s) >= MIN_KEY_LENGTH}
    for test in assignment.tests:
        found |= set(hidden_lines(test))
    found |= {w.model_answer for w in assignment.written}
    return sorted(_norm(s) for s in found)


def _searchable(path: Path) -> str:
    """The text of a file as a reader would see it: tags dropped, entities and JSON escapes decoded."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    parts = [raw]
    if path.suffix in (".html", ".htm"):
        parts.append(html.unescape(re.sub(r"<[^>]+>", "", raw)))
    if path.suffix in (".ipynb", ".json"):
        with contextlib.suppress(ValueError):
            parts.append(" \n ".join(_strings(json.loads(raw))))
    return _norm(" \n ".join(parts))


UNCHECKED = "not checked: "  # in place of a key string, for a file find_leaks would not read


def leak_message(path: Path, found: str) -> str:
    """What a trainer is told about one finding of find_leaks."""
    if found.startswith(UNCHECKED):
        return f"{path} was not checked ({found[len(UNCHECKED) :]}): remove it before handing the folder out"
    return f"{path} contains a key string: {found[:60]!r}"


def find_leaks(folder: Path, keys: list[str]) -> list[tuple[Path, str]]:
    """(file, key string) for every key string found in any file under ``folder``.

    A link or a file too large to read safely is reported too (with ``UNCHECKED`` and the reason in place
    of a key string): what was not read cannot be called safe to hand out.
    """
    leaks = []
    if not folder.exists():
        return leaks
    for path in sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()):
        st = path.lstat()
        limit = MAX_NOTEBOOK_BYTES if path.suffix in (".html", ".ipynb") else MAX_OTHER_BYTES
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            # Not read (a link, or too large to hold in memory), so not known to be safe to hand out.
            what = "a link" if stat.S_ISLNK(st.st_mode) else f"{st.st_size:,} bytes"
            leaks.append((path, f"{UNCHECKED}{what}"))
            continue
        text = _searchable(path)
        leaks += [(path, key) for key in keys if key in text]
    return leaks


# ---- findings ----------------------------------------------------------------------------------------------
@dataclass
class Finding:
    level: str  # "ok", "repaired", "warning" (marked, but the learner loses marks) or "problem" (stop)
    message: str


@dataclass
class SubmissionCheck:
    student: str
    notebook: list[Finding] = field(default_factory=list)
    answers: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.notebook + self.answers


@dataclass
class Report:
    course_dir: Path
    assignment: Assignment
    course: list[Finding] = field(default_factory=list)
    submissions: list[SubmissionCheck] = field(default_factory=list)

    @property
    def leaks(self) -> bool:
        return any(f.level == "problem" for f in self.course)

    def count(self, level: str) -> int:
        return sum(1 for s in self.submissions if any(f.level == level for f in s.findings))

    def exit_code(self) -> int:
        """2: something secret would be or was handed out; 1: some submissions lose marks; 0: all clear."""
        if self.leaks:
            return 2
        return 1 if self.count("warning") else 0

    def render(self) -> str:
        a = self.assignment.name
        lines = [f"Pre-flight check of {a} in {self.course_dir}"]
        lines += [f"  [{f.level.upper()}] {f.message}" for f in self.course]
        if self.submissions:
            width = max(len(s.student) for s in self.submissions)
            lines.append(f"  {len(self.submissions)} submissions:")
            for sub in self.submissions:
                notes = [f for f in sub.findings if f.level != "ok"]
                if not notes:
                    lines.append(f"    {sub.student:<{width}}  ok")
                    continue
                for n, f in enumerate(notes):
                    who = sub.student if n == 0 else ""
                    lines.append(f"    {who:<{width}}  {f.level}: {f.message}")
            lines.append(
                f"  Summary: {len(self.submissions)} submissions, {self.count('repaired')} repaired, "
                f"{self.count('warning')} with answers that cannot be marked (0 for that exercise; the "
                "feedback says why)."
            )
        else:
            lines.append("  No submissions yet.")
        return "\n".join(lines)


# ---- course folders ----------------------------------------------------------------------------------------
def check_course(course_dir: Path, assignment: Assignment, keys: list[str]) -> list[Finding]:
    out = []
    a = assignment.name
    source_answers = course_dir / "source" / a / "answers"
    if source_answers.exists():
        out.append(
            Finding(
                "problem",
                f"source/{a}/answers exists: the key would go out with the release and "
                "overwrite learners' answers. Move it away (`generate --clean` does).",
            )
        )
    release = course_dir / "release" / a
    if not release.exists():
        out.append(Finding("warning", f"release/{a} does not exist yet: run `send-outcomes course generate`"))
    else:
        if (release / "answers").exists():
            out.append(Finding("problem", f"release/{a}/answers exists: do not hand this release out"))
        leaks = find_leaks(release, keys)
        out += [Finding("problem", leak_message(p.relative_to(course_dir), k)) for p, k in leaks]
        if not leaks:
            out.append(Finding("ok", f"release/{a}: none of the {len(keys)} key strings in any file"))
    feedback = course_dir / "feedback"
    if feedback.exists():
        leaks = find_leaks(feedback, keys)
        out += [
            Finding("problem", leak_message(p.relative_to(course_dir), k)) for p, k in leaks if a in p.parts
        ]
        if not any(a in p.parts for p, _ in leaks):
            out.append(Finding("ok", f"feedback/*/{a}: none of the key strings in any file"))
    return out


# ---- one submission ----------------------------------------------------------------------------------------
def _grade_ids(nb: nbformat.NotebookNode) -> list[str]:
    return [
        c.metadata["nbgrader"]["grade_id"]
        for c in nb.cells
        if "grade_id" in c.get("metadata", {}).get("nbgrader", {})
    ]


def _restore_cells(nb: nbformat.NotebookNode, released: nbformat.NotebookNode) -> list[str]:
    """Put back every nbgrader cell of the released notebook missing from ``nb``, after its predecessor."""
    present = set(_grade_ids(nb))
    restored = []
    for index, cell in enumerate(released.cells):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid is None or gid in present:
            continue
        position = 0
        for earlier in reversed(released.cells[:index]):
            eid = earlier.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if eid in present:
                position = (
                    next(
                        i
                        for i, c in enumerate(nb.cells)
                        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == eid
                    )
                    + 1
                )
                break
        nb.cells.insert(position, nbformat.from_dict(json.loads(json.dumps(cell))))
        present.add(gid)
        restored.append(gid)
    return restored


def check_submission(course_dir: Path, assignment: Assignment, student: str, repair: bool) -> SubmissionCheck:
    folder = course_dir / "submitted" / student / assignment.name
    released_path = course_dir / "release" / assignment.name / assignment.notebook_file
    check = SubmissionCheck(student)
    nb_path = folder / assignment.notebook_file
    verb = "" if repair else "would be "

    if not nb_path.exists():
        others = sorted(p for p in folder.glob("*.ipynb"))
        if len(others) == 1:
            if repair:
                others[0].rename(nb_path)
            check.notebook.append(Finding("repaired", f"notebook {verb}renamed back from {others[0].name!r}"))
        else:
            names = ", ".join(p.name for p in others) or "none"
            level = "repaired" if repair and released_path.exists() else "warning"
            if repair and released_path.exists():
                shutil.copy(released_path, nb_path)
            check.notebook.append(
                Finding(
                    level,
                    f"no {assignment.notebook_file} (notebooks found: {names}); "
                    f"a fresh copy {verb}put in its place",
                )
            )
    if nb_path.exists():
        try:
            nb = nbformat.read(nb_path, as_version=4)
            nbformat.validate(nb)
        except Exception as exc:  # nbformat raises JSON, validation and reader errors of several types
            kept = nb_path.with_name(nb_path.name + ".unreadable")
            if repair and released_path.exists():
                shutil.move(nb_path, kept)
                fresh = nbformat.read(released_path, as_version=4)
                fresh.cells.insert(0, nbformat.v4.new_markdown_cell(UNREADABLE_NOTE.format(kept=kept.name)))
                nbformat.write(fresh, nb_path)
            short = str(exc).splitlines()[0][:80]
            check.notebook.append(
                Finding(
                    "repaired" if repair else "warning",
                    f"notebook could not be read ({short}); kept as {kept.name} and a "
                    f"fresh copy {verb}marked with the saved answers",
                )
            )
        else:
            if released_path.exists():
                restored = _restore_cells(nb, nbformat.read(released_path, as_version=4))
                if restored:
                    tests = sum(1 for g in restored if g.startswith("test-"))
                    if repair:
                        nbformat.write(nb, nb_path)
                    check.notebook.append(
                        Finding(
                            "repaired", f"{len(restored)} deleted cells ({tests} test cells) {verb}put back"
                        )
                    )
    if not check.notebook:
        check.notebook.append(Finding("ok", "notebook opens and has all its cells"))

    for eid in assignment.exercises:
        path = folder / "answers" / f"{eid}.json"
        rel = f"answers/{eid}.json"
        if not path.exists():
            elsewhere = [p.relative_to(folder).as_posix() for p in folder.rglob(f"{eid}.json")]
            where = f" (a file of that name is at {', '.join(elsewhere)}; not moved)" if elsewhere else ""
            check.answers.append(Finding("warning", f"no {rel}{where}: nothing to mark for {eid}"))
            continue
        try:
            read_answers(path, eid, load_spec(eid)["type"])
        except AnswersFileError as exc:
            reason = str(exc).split(": ", 1)[-1]
            check.answers.append(Finding("warning", f"{rel} cannot be marked: {reason}"))
        else:
            check.answers.append(Finding("ok", f"{rel} can be marked"))
    return check


def preflight(course_dir: Path, assignment: Assignment, repair: bool = False) -> Report:
    """Check (and with ``repair``, mend) one assignment's release, feedback and every submission."""
    course_dir = Path(course_dir).resolve()
    report = Report(course_dir, assignment, check_course(course_dir, assignment, key_strings(assignment)))
    for student in students(course_dir, assignment):
        report.submissions.append(check_submission(course_dir, assignment, student, repair))
    return report
