"""A plain progress bar on stderr for the long course steps (tqdm is not among the installed packages).

It redraws one line when stderr is a terminal and prints nothing otherwise, so logs and tests stay clean;
the step's own report on stdout says what happened.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``with Progress(total, "Autograding") as bar: ... bar.advance(note)``."""

    def __init__(
        self, total: int, label: str, stream: TextIO | None = None, enabled: bool | None = None
    ) -> None:
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.perf_counter()

    def __enter__(self) -> Progress:
        self._draw("")
        return self

    def advance(self, note: str = "") -> None:
        self.done += 1
        self._draw(note)

    def _draw(self, note: str) -> None:
        if not self.enabled:
            return
        width = 24
        filled = width * self.done // self.total if self.total else width
        elapsed = time.perf_counter() - self.started
        line = (
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
            f"{elapsed:5.1f}s {note[:30]}"
        )
        self.stream.write(line.ljust(100)[:100])
        self.stream.flush()

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
