"""How long the book takes to build: from clean, and again with nothing changed.

A trainer editing one chapter rebuilds many times; the no-change rebuild is the number that matters to
them, the clean build is what CI pays. Prints medians over a few runs and the ratio between the two.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JB = str(Path(sys.executable).parent / "jupyter-book")
RUNS = 3


def build(*extra: str) -> float:
    start = time.perf_counter()
    subprocess.run([JB, "build", str(ROOT), "-q", *extra], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    clean, again = [], []
    for _ in range(RUNS):
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
        clean.append(build())
        again.append(build())
    pages = len(list((ROOT / "_build" / "html").rglob("*.html")))
    c, a = statistics.median(clean), statistics.median(again)
    print(f"Book build times ({RUNS} runs each, {pages} HTML pages)")
    print(f"| {'build':<22} | {'median (s)':>10} | {'min (s)':>8} | {'max (s)':>8} |")
    print(f"|{'-' * 24}|{'-' * 12}|{'-' * 10}|{'-' * 10}|")
    for name, xs in (("clean", clean), ("no-change rebuild", again)):
        print(f"| {name:<22} | {statistics.median(xs):>10.2f} | {min(xs):>8.2f} | {max(xs):>8.2f} |")
    print(f"no-change rebuild takes {a / c:.0%} of a clean build")


if __name__ == "__main__":
    main()
