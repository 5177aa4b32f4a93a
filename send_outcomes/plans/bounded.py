"""Read a file or stream without ever holding more than a limit, whatever it is (a device, a huge file).

Why not ``Path.read_bytes``: ``/dev/zero`` never ends and a 200 MB file would be read whole before any
check. Reading one byte past the limit is enough to know the file is too large.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from send_outcomes.plans.document import ReadError

MAX_BYTES = 20_000_000  # a long plan with photographs is a few megabytes


def read_stream(stream: BinaryIO, name: str, limit: int = MAX_BYTES) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"{name}: larger than {limit:,} bytes, too large for a plan; nothing was checked")
    return data


def read_file(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file") from None
    except OSError as err:
        raise ReadError(f"{name}: cannot read it ({err.strerror or err})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{name}: is a folder, not a plan file")
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise ReadError(
            f"{name}: {info.st_size:,} bytes is too large for a plan (limit {limit:,}); nothing was checked"
        )
    try:
        with open(path, "rb") as f:
            return read_stream(f, name, limit)
    except OSError as err:
        raise ReadError(f"{name}: cannot read it ({err.strerror or err})") from None
