"""Small helpers shared by the commands: safe terminal output and colour only on a terminal."""

from __future__ import annotations

import contextlib
import re
import sys
from typing import TextIO

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")
_COLOURS = {"green": "32", "red": "31", "bold": "1", "dim": "2"}


def safe_stream(stream: TextIO) -> TextIO:
    """The stream, set to escape (not crash on) characters its encoding cannot hold, e.g. lone surrogates."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot be reconfigured is used as is
            reconfigure(errors="backslashreplace")
    return stream


def printable(text: str) -> str:
    """Learner text made harmless for a terminal: control characters (escape codes) become '?'."""
    return _CONTROL.sub("?", text)


def painter(stream: TextIO) -> object:
    """A function colour(text, name) that colours only when the stream is a terminal."""
    tty = bool(getattr(stream, "isatty", lambda: False)())

    def colour(text: str, name: str) -> str:
        return f"\x1b[{_COLOURS[name]}m{text}\x1b[0m" if tty else text

    return colour


def error(command: str, message: str) -> int:
    """Print a clear error on stderr and return exit status 2."""
    print(f"send-outcomes {command}: {message}", file=safe_stream(sys.stderr))
    return 2
