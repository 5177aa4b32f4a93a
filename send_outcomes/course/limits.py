"""How much of a learner's submission the course will take in: every size limit in one place.

A submission is whatever a learner's folder held when it was handed in, so it is read as untrusted: only
regular files are taken, each under a limit for its kind, and a folder with absurdly many files is cut
short. The limits are far above anything the course produces (an answers file is a few kilobytes, a
notebook well under a megabyte), so an honest submission never meets them; they exist so that one odd or
hostile file cannot fill the disk or the memory of the trainer's machine.
"""

from __future__ import annotations

# The answers file's limit is part of its format, so it lives with the format (the widgets check it too).
from send_outcomes.answer_format.files import MAX_ANSWERS_BYTES

MAX_NOTEBOOK_BYTES = 20_000_000  # *.ipynb: ours are well under 1 MB even with outputs
MAX_OTHER_BYTES = 5_000_000  # any other file a learner left in the folder (images, notes)
MAX_FILES = 500  # files taken from one learner's folder; the rest are reported, not copied
MAX_DEPTH = 8  # folders nested deeper than this inside a submission are not walked
MAX_NOTEBOOKS_READ = 10  # renamed notebooks read to recognise which assignment a folder holds


def limit_for(relative: str) -> int:
    """The size limit for a file at ``relative`` (a POSIX path inside the submission folder)."""
    if relative.endswith(".ipynb"):
        return MAX_NOTEBOOK_BYTES
    if relative.startswith("answers/") and relative.endswith(".json"):
        return MAX_ANSWERS_BYTES
    return MAX_OTHER_BYTES
