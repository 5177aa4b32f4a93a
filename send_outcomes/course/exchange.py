"""nbgrader's exchange on a shared machine: the folder modes that keep one learner out of another's work.

nbgrader's filesystem exchange relies on Unix permissions. Its own modes (from its release step) are:

- the exchange root ``1777``: anyone may make a course folder in it, nobody may remove another's;
- ``<course>/`` and ``outbound/`` ``0755``, owned by the trainer: learners read what is released;
- ``inbound/`` ``2733``, owned by the trainer: learners may put a submission in but cannot list the folder,
  and the set-group-id bit gives every submission the trainer's group;
- ``feedback/`` ``0711``: learners reach their own feedback by its (secret) hashed name, never list it.

Two gaps remain, closed here. A learner who makes ``<course>/`` before the trainer's first release owns it
(and could swap ``inbound/`` for a folder they can read), so ``prepare`` makes the course's folders up front,
owned by the trainer. And stock ``nbgrader submit`` leaves each submission open to all (files ``0644`` in
a ``0777`` folder), hidden only by its unguessable name; ``PrivateSubmit`` closes its folders to all but
the learner and the trainer's group (``0770``). Both need every person to be their own Unix user: on
Zero to JupyterHub, where every server runs as uid 1000, see solutions/deploy/z2jh/config.yaml.
"""

from __future__ import annotations

import os
import pwd
import stat
from dataclasses import dataclass
from pathlib import Path

from nbgrader.exchange.default.submit import ExchangeSubmit

# Mode of each folder of the exchange, relative to its root ("" is the root itself).
ROOT_MODE = 0o1777
COURSE_MODES = {"": 0o755, "outbound": 0o755, "inbound": 0o2733, "feedback": 0o711}
SUBMISSION_DIR_MODE = 0o770  # its group is the trainer's (inbound/ is set-group-id)


@dataclass(frozen=True)
class Finding:
    path: Path
    problem: str


def prepare(root: Path, course_id: str, owner: str) -> list[Path]:
    """Make (or put right) the exchange root and the course's folders, owned by the trainer ``owner``.

    Run as root, once, before the first release (solutions/deploy/tljh/setup.sh does). Returns the folders.
    """
    account = pwd.getpwnam(owner)
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    os.chmod(root, ROOT_MODE)
    made = [root]
    for name, mode in COURSE_MODES.items():
        folder = root / course_id / name if name else root / course_id
        folder.mkdir(exist_ok=True)
        os.chown(folder, account.pw_uid, account.pw_gid, follow_symlinks=False)
        os.chmod(folder, mode)
        made.append(folder)
    return made


def check(root: Path, course_id: str) -> list[Finding]:
    """What would let one learner reach another's work (empty when the modes and owners are nbgrader's)."""
    found: list[Finding] = []
    if not root.is_dir():
        return [Finding(root, "the exchange folder does not exist")]
    # Without the sticky bit a learner could rename <course>/ and put a folder of their own in its place.
    if stat.S_IMODE(root.stat().st_mode) != ROOT_MODE:
        found.append(Finding(root, f"mode {stat.S_IMODE(root.stat().st_mode):o}, not {ROOT_MODE:o}"))
    course = root / course_id
    owner = course.lstat().st_uid if course.exists() else None
    for name, mode in COURSE_MODES.items():
        folder = course / name if name else course
        if not folder.exists():
            continue
        info = folder.lstat()
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            found.append(Finding(folder, "is not a plain folder"))
            continue
        if stat.S_IMODE(info.st_mode) != mode:
            found.append(Finding(folder, f"mode {stat.S_IMODE(info.st_mode):o}, not {mode:o}"))
        if info.st_uid != owner:
            found.append(Finding(folder, "is owned by someone other than the course folder's owner"))
    return found


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, with the submission's folders closed to everyone but the learner and the trainer.

    ``inbound/`` carries the set-group-id bit, so each folder of a submission is made with the trainer's
    group. Those folders become ``0770``: other learners cannot enter them, whatever they know of the name;
    the trainer's collect enters through the group and reads the files (left ``0644``, as nbgrader makes
    them) and may remove them afterwards. Where inbound/ did not give the trainer's group (a set-up
    without per-person Unix users), nbgrader's own modes are left alone, so collect still works.
    """

    def copy_files(self) -> None:
        super().copy_files()
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        group = os.stat(self.inbound_path).st_gid
        folders = [folder for folder, _dirs, _files in os.walk(dest)]
        if any(os.stat(folder).st_gid != group for folder in folders):
            self.log.warning("inbound/ gave the submission another group: nbgrader's modes are kept")
            return
        for folder in folders:
            os.chmod(folder, SUBMISSION_DIR_MODE)
