"""Bring learners' handed-in folders into submitted/ safely: ``send-outcomes course collect --from DIR``.

DIR holds one folder per learner, either with the assignment's folder inside (``DIR/ada/sorting/...``, as
nbgrader lays a submission out) or with the notebook and its answers folder directly in it (``DIR/ada/``).
Everything in DIR was written by learners, so it is read as untrusted:

- which assignment a folder is comes from what it holds (the assignment's folder, its notebook, its
  answers files); a folder that could be more than one, or none, is left where it is and the trainer is
  asked to name the assignment. Nothing is ever copied in "as every assignment".
- the walk never follows a symbolic link and takes only regular files, each under its size limit
  (limits.py), checked from the directory entry before a byte is read and again while copying, so a link
  to /etc/passwd, a FIFO, a device or a 100 MB file is reported and left behind without being opened or
  held in memory. Files are opened relative to their folder with O_NOFOLLOW, so a folder swapped for a
  link part-way through is not followed either.
- an existing submission is never deleted. A handed-in copy replaces it only when nbgrader's own rule says
  it is newer (its timestamp.txt is later, or the existing one has none); the older copy is moved to
  set-aside/. A copy that is not newer is itself kept in set-aside/ and reported, so nothing is lost
  either way. Each copy is made in a staging folder first and moved into place in one step.
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import os
import shutil
import stat
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from send_outcomes.course.assignments import Assignment, select
from send_outcomes.course.limits import MAX_DEPTH, MAX_FILES, MAX_NOTEBOOKS_READ, limit_for

# Names nbgrader itself leaves out of a submission (CourseDirectory.ignore), skipped without a word.
IGNORED = frozenset({".ipynb_checkpoints", "__pycache__", "feedback", ".DS_Store"})
CHUNK = 1 << 16
TIMESTAMP_FILE = "timestamp.txt"


@dataclass
class Skipped:
    """Something in DIR that was not copied, and why (``path`` is relative to DIR)."""

    path: str
    reason: str


@dataclass
class Intake:
    """What one ``collect --from`` did, learner by learner; ``lines()`` is the trainer's summary."""

    source: Path
    collected: list[str] = field(default_factory=list)  # "learner/assignment"
    unchanged: list[str] = field(default_factory=list)
    replaced: list[tuple[str, Path]] = field(default_factory=list)  # older submission kept at
    kept_aside: list[tuple[str, Path]] = field(default_factory=list)  # handed-in copy not newer: kept at
    refused: list[str] = field(default_factory=list)  # folders left where they are, with the reason
    skipped: list[Skipped] = field(default_factory=list)

    def exit_code(self) -> int:
        """0 when everything was taken in; 1 when a folder was refused or a file left behind (listed)."""
        return 1 if self.refused or self.skipped else 0

    def lines(self, course_dir: Path) -> list[str]:
        def rel(p: Path) -> str:
            try:
                return p.relative_to(course_dir).as_posix()
            except ValueError:
                return str(p)

        out = [
            f"Collected from {self.source}: {len(self.collected)} new, {len(self.replaced)} replaced by a "
            f"newer copy, {len(self.unchanged)} unchanged, {len(self.kept_aside)} not newer (kept aside), "
            f"{len(self.refused)} folders not collected, {len(self.skipped)} files skipped."
        ]
        out += [f"  replaced {w}; the older submission is kept in {rel(p)}" for w, p in self.replaced]
        out += [
            f"  kept {w} as it was: the handed-in copy is not newer (nbgrader's timestamp rule); "
            f"it is in {rel(p)}"
            for w, p in self.kept_aside
        ]
        out += [f"  NOT collected: {r}" for r in self.refused]
        out += [f"  skipped {s.path}: {s.reason}" for s in self.skipped]
        return out


class _Copier:
    """Copies one submission folder, never following a link, and records what it left behind."""

    def __init__(self, report_prefix: str, skipped: list[Skipped]) -> None:
        self.prefix = report_prefix
        self.skipped = skipped
        self.files = 0

    def skip(self, rel: str, reason: str) -> None:
        self.skipped.append(Skipped(f"{self.prefix}{rel}", reason))

    def copy_dir(self, dir_fd: int, dest: Path, rel: str = "", depth: int = 0) -> None:
        dest.mkdir(parents=True, exist_ok=True)
        with os.scandir(dir_fd) as entries:
            names = sorted(e.name for e in entries)
        for name in names:
            if name in IGNORED:
                continue
            here = f"{rel}{name}"
            try:
                st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
            except OSError as exc:
                self.skip(here, f"could not be read ({exc.strerror})")
                continue
            mode = st.st_mode
            if stat.S_ISLNK(mode):
                self.skip(here, "a symbolic link (links are never followed)")
            elif stat.S_ISDIR(mode):
                if depth >= MAX_DEPTH:
                    self.skip(here + "/", f"folders nested more than {MAX_DEPTH} deep are not taken")
                    continue
                try:
                    fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
                except OSError as exc:
                    self.skip(here + "/", f"could not be opened ({exc.strerror})")
                    continue
                try:
                    self.copy_dir(fd, dest / name, here + "/", depth + 1)
                finally:
                    os.close(fd)
            elif stat.S_ISREG(mode):
                self.copy_file(dir_fd, name, here, st.st_size, dest / name)
            else:
                self.skip(here, _kind(mode))

    def copy_file(self, dir_fd: int, name: str, rel: str, size: int, target: Path) -> None:
        limit = limit_for(rel)
        if self.files >= MAX_FILES:
            self.skip(rel, f"more than {MAX_FILES} files in one submission; the rest are not taken")
            return
        if size > limit:
            self.skip(rel, f"too large ({size:,} bytes; the limit for this kind of file is {limit:,})")
            return
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
        except OSError as exc:
            link = exc.errno == errno.ELOOP
            reason = "a symbolic link (links are never followed)" if link else exc.strerror
            self.skip(rel, f"could not be opened ({reason})")
            return
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):  # swapped for something else since the listing
                self.skip(rel, _kind(st.st_mode))
                return
            written = 0
            with target.open("wb") as out:
                while chunk := os.read(fd, CHUNK):
                    written += len(chunk)
                    if written > limit:
                        break
                    out.write(chunk)
            if written > limit:  # grew while being copied
                target.unlink()
                self.skip(rel, f"too large (over {limit:,} bytes while being copied)")
                return
            os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
            self.files += 1
        finally:
            os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def copy_submission(src: Path, dest: Path, report_prefix: str, skipped: list[Skipped]) -> int:
    """Copy the folder ``src`` to ``dest`` (no link followed, limits applied); how many files it copied."""
    fd = os.open(src, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        copier = _Copier(report_prefix, skipped)
        copier.copy_dir(fd, dest)
        return copier.files
    finally:
        os.close(fd)


def _is_dir(p: Path) -> bool:
    try:
        return stat.S_ISDIR(p.lstat().st_mode)
    except OSError:
        return False


def _is_file(p: Path) -> bool:
    try:
        return stat.S_ISREG(p.lstat().st_mode)
    except OSError:
        return False


def _notebook_mentions(folder: Path, assignment: Assignment) -> bool:
    """Whether a (renamed) notebook at the top of ``folder`` names one of the assignment's exercises."""
    for p in sorted(folder.glob("*.ipynb"))[:MAX_NOTEBOOKS_READ]:
        if not _is_file(p) or p.lstat().st_size > limit_for(p.name):
            continue
        try:
            fd = os.open(p, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            with os.fdopen(fd, "rb") as f:
                text = f.read(limit_for(p.name)).decode("utf-8", errors="replace")
        except OSError:
            continue
        if any(eid in text for eid in assignment.exercises):
            return True
    return False


def _names(found: list[Assignment]) -> str:
    return ", ".join(a.name for a in found)


def identify(folder: Path, candidates: list[Assignment]) -> tuple[list[tuple[Assignment, Path]], str]:
    """Which of ``candidates`` a learner's folder holds, each with the folder to copy; else why not.

    The folder is read against every assignment of the course, so a folder holding another assignment's
    work is never taken as the one the trainer named.
    """
    every = select(None)
    nested = [a for a in every if _is_dir(folder / a.name)]
    if nested:
        chosen = [a for a in nested if a in candidates]
        if chosen:
            return [(a, folder / a.name) for a in chosen], ""
        return [], f"it holds only {_names(nested)}, not {_names(candidates)}"
    # The notebook's own name is the strongest sign; then the answers files; then a renamed notebook.
    by_notebook = [a for a in every if _is_file(folder / a.notebook_file)]
    by_answers = [a for a in every if any(_is_file(folder / f) for f in a.answers_files())]
    found = (by_notebook if len(by_notebook) == 1 else by_notebook or by_answers) or [
        a for a in every if _notebook_mentions(folder, a)
    ]
    chosen = [a for a in found if a in candidates]
    if len(chosen) == 1 and len(found) == 1:
        return [(chosen[0], folder)], ""
    if not found and len(candidates) == 1:
        return [(candidates[0], folder)], ""  # the trainer named the assignment: take their word for it
    if len(found) > 1:
        return [], f"it holds work for more than one assignment ({_names(found)})"
    if found:
        return [], f"it holds work for {_names(found)}, not {_names(candidates)}"
    return [], "it holds no notebook or answers file of any assignment"


def read_timestamp(folder: Path) -> datetime | None:
    """nbgrader's timestamp.txt of a submission folder (None when missing or unreadable), never a link."""
    from nbgrader.utils import parse_utc  # imported here: nbgrader is slow to import

    p = folder / TIMESTAMP_FILE
    if not _is_file(p) or p.lstat().st_size > 200:
        return None
    try:
        return parse_utc(p.read_text(encoding="utf-8").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def is_newer(incoming: datetime | None, existing: datetime | None) -> bool:
    """nbgrader's collect rule: replace when the existing copy has no timestamp or the new one is later."""
    if incoming is None:
        return False
    return existing is None or incoming > existing


def same_tree(a: Path, b: Path) -> bool:
    """Whether two submission folders hold the same files with the same bytes (both already size-limited)."""
    cmp = filecmp.dircmp(a, b, ignore=[])
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(a / d, b / d) for d in cmp.common_dirs)


def aside_folder(course_dir: Path, assignment: str, label: str) -> Path:
    """A new, unused folder name under set-aside/<assignment>/ for a copy kept rather than deleted."""
    root = course_dir / "set-aside" / assignment
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = root / f"{label}-{stamp}"
    n = 1
    while target.exists():
        n += 1
        target = root / f"{label}-{stamp}-{n}"
    return target


def _safe_learner_id(name: str) -> str:
    """Why a folder name cannot be a learner id, or "" when it can (ids become folder names in the course)."""
    if name.startswith(".") or not name.strip():
        return "a hidden or blank folder name is not a learner id"
    if any(ord(ch) < 32 for ch in name):
        return "the folder name holds control characters"
    return ""


def collect_folder(course_dir: Path, from_dir: Path, names: list[str] | None = None) -> Intake:
    """Take every learner's folder in ``from_dir`` into ``course_dir/submitted`` (see the module docstring).

    ``names`` restricts (and, for folders that hold one assignment's work directly, decides) which
    assignments are looked for; None looks for every assignment of the course.
    """
    course_dir = Path(course_dir).resolve()
    from_dir = Path(from_dir)
    if not _is_dir(from_dir):
        raise FileNotFoundError(f"{from_dir} is not a folder (it must hold one folder per learner)")
    candidates = select(names)
    report = Intake(from_dir)
    staging = course_dir / ".collecting" / uuid.uuid4().hex
    try:
        for entry in sorted(from_dir.iterdir(), key=lambda p: p.name):
            if entry.name in IGNORED:
                continue
            if not _is_dir(entry):
                what = "a symbolic link (links are never followed)" if entry.is_symlink() else "not a folder"
                report.skipped.append(Skipped(entry.name, f"{what}; DIR must hold one folder per learner"))
                continue
            problem = _safe_learner_id(entry.name)
            if problem:
                report.refused.append(f"{entry.name}: {problem}")
                continue
            found, why = identify(entry, candidates)
            if not found and names:
                report.refused.append(f"{entry.name}: not taken: {why}")
                continue
            if not found:
                report.refused.append(
                    f"{entry.name}: cannot tell which assignment it is: {why}. Name the assignment: "
                    f"send-outcomes course collect ASSIGNMENT --from {from_dir}"
                )
                continue
            for assignment, inner in found:
                prefix = inner.relative_to(from_dir).as_posix() + "/"
                _take(course_dir, staging, entry.name, assignment, inner, prefix, report)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # only our own staging copies
        with contextlib.suppress(OSError):
            (course_dir / ".collecting").rmdir()
    return report


def _take(
    course_dir: Path,
    staging: Path,
    learner: str,
    assignment: Assignment,
    inner: Path,
    prefix: str,
    report: Intake,
) -> None:
    """Copy one submission into staging, then into submitted/ by nbgrader's rule; nothing is deleted."""
    who = f"{learner}/{assignment.name}"
    staged = staging / learner / assignment.name
    try:
        copy_submission(inner, staged, prefix, report.skipped)
    except OSError as exc:
        report.refused.append(f"{who}: could not be read ({exc.strerror or exc})")
        return
    target = course_dir / "submitted" / learner / assignment.name
    if not target.exists() and not target.is_symlink():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        report.collected.append(who)
        return
    if _is_dir(target) and same_tree(staged, target):
        report.unchanged.append(who)
        return
    if is_newer(read_timestamp(staged), read_timestamp(target)):
        old = aside_folder(course_dir, assignment.name, f"replaced-{learner}")
        os.replace(target, old)
        os.replace(staged, target)
        report.replaced.append((who, old))
        return
    kept = aside_folder(course_dir, assignment.name, f"not-newer-{learner}")
    os.replace(staged, kept)
    report.kept_aside.append((who, kept))
