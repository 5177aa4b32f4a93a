"""How long `send-outcomes course report` takes for a class of 30 and of 300.

Each class is the package's simulated one, written once as an nbgrader course (gradebook + answers files,
not timed). Then the report is built three times and the medians printed: reading the gradebook and the
answers files, computing the numbers (which runs the analyser on every rewrite), and writing figures, the
page, the learner summaries and the CSV. A trainer runs this once after a session, so a few seconds is fine;
the point is to see that 300 learners do not make it minutes.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from send_outcomes.course.report.build import build_report  # noqa: E402
from send_outcomes.course.report.collect import collect  # noqa: E402
from send_outcomes.course.report.simulate import simulated_class, write_course  # noqa: E402
from send_outcomes.course.report.summary import summarise  # noqa: E402

RUNS = 3
SIZES = (30, 300)
ASSIGNMENT = "outcomes-assessed"


def time_once(course: Path, out: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    record = collect(course, ASSIGNMENT)
    t1 = time.perf_counter()
    summarise(record)
    t2 = time.perf_counter()
    build_report(record, out)  # summarises again, then draws and writes everything
    t3 = time.perf_counter()
    return {"collect": t1 - t0, "numbers": t2 - t1, "whole build": t3 - t2, "total": (t1 - t0) + (t3 - t2)}


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        for n in SIZES:
            course = Path(tmp) / f"course-{n}"
            write_course(simulated_class(n, seed=1, assignment=ASSIGNMENT), course)
            runs = [time_once(course, Path(tmp) / f"out-{n}-{k}") for k in range(RUNS)]
            size = sum(p.stat().st_size for p in (Path(tmp) / f"out-{n}-0").rglob("*") if p.is_file())
            rows.append((n, {key: statistics.median(r[key] for r in runs) for key in runs[0]}, size))
    print(f"Class report build time (median of {RUNS} runs; simulated class, 4 exercises)")
    head = "| learners | read gradebook + answers (s) | numbers incl. analyser (s) | build + write (s) |"
    print(head + " total (s) | output (KB) |")
    print(
        "|---------:|-----------------------------:|---------------------------:|------------------:|"
        "----------:|------------:|"
    )
    for n, t, size in rows:
        print(
            f"| {n:>8} | {t['collect']:>28.2f} | {t['numbers']:>26.2f} | {t['whole build']:>17.2f} |"
            f" {t['total']:>9.2f} | {size / 1024:>11.0f} |"
        )
    print("total = read + build (the build includes computing the numbers once).")


if __name__ == "__main__":
    main()
