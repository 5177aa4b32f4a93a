"""nbgrader's collect from the exchange, made as careful as ``collect --from`` (intake.py).

nbgrader's own collect copies each learner's inbound folder with ``shutil.copytree``, which follows
symbolic links (a link to /etc/passwd is copied as the file, a link to /dev/zero never ends) and chokes
on a FIFO, and it deletes the collected submission before copying a newer one. The course's
nbgrader_config.py selects this class instead (``ExchangeFactory.collect``): the same records and the
same timestamp rules, but each folder is copied by intake.copy_submission (no link followed, only regular
files under the limits in limits.py, each thing left behind logged as a warning), and a submission that a
newer one replaces is moved to set-aside/ first, never deleted.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nbgrader.exchange.default.collect import ExchangeCollect

from send_outcomes.course.intake import Skipped, aside_folder, copy_submission

SKIPPED_PREFIX = "Left behind"


class SafeExchangeCollect(ExchangeCollect):  # type: ignore[misc]
    """ExchangeCollect with a copy that follows no link and a replace that deletes nothing."""

    def _will_replace(self, rec: dict[str, Any], dest: str) -> bool:
        """nbgrader's own rule (ExchangeCollect.copy_files) for replacing a collected submission."""
        existing = self.coursedir.get_existing_timestamp(dest)
        if self.update and (existing is None or rec["timestamp"] > existing):
            return True
        return bool(self.before_duedate and existing != rec["timestamp"])

    def copy_files(self) -> None:
        root = Path(self.coursedir.root)
        assignment = self.coursedir.assignment_id
        for rec in self.src_records:
            dest = self.coursedir.format_path(self.coursedir.submitted_directory, rec["username"], assignment)
            if os.path.isdir(dest) and self._will_replace(rec, dest):
                kept = aside_folder(root, assignment, f"replaced-{rec['username']}")
                os.replace(dest, kept)
                self.log.warning(
                    "Kept the older submission of %s in %s",
                    rec["username"],
                    kept.relative_to(root).as_posix(),
                )
        super().copy_files()

    def do_copy(self, src: str, dest: str, log: Any = None) -> None:
        skipped: list[Skipped] = []
        try:
            copy_submission(Path(src), Path(dest), f"{Path(src).name}/", skipped)
        except OSError as exc:  # the inbound folder itself is a link or unreadable
            skipped.append(Skipped(Path(src).name, f"could not be read ({exc.strerror or exc})"))
        for s in skipped:
            self.log.warning("%s %s: %s", SKIPPED_PREFIX, s.path, s.reason)
