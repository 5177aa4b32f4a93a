"""Autograde a simulated class: stock nbgrader (serial) against `send-outcomes course autograde` (parallel).

    .venv/bin/python bench/autograde.py [--learners 30] [--assignment sorting] [--repeat 1]

Builds a demo course (send_outcomes.course.demo: the 30 kinds of learner, an endless loop included),
mends it once with the pre-flight repair so every run marks the same files, then times:

- stock, plain config: the `nbgrader autograde` command with only the course's safety settings (what a
  trainer gets from nbgrader alone);
- stock, course config: the same command with the course's nbgrader_config.py (its kernel speed-ups);
- ours: send_outcomes.course.runner.autograde, forked workers sharing one queue, at cores and cores + 1.

Prints per-submission times (median, slowest) and whole-class times (median over --repeat runs), the
machine's core count and load, and checks every run gave every learner the expected mark.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from send_outcomes.course import assignments, config, demo, notebooks, preflight, runner

PLAIN_DROP = ("exec_lines", "shutdown_kernel")  # the course config's speed settings, removed for "plain"


def build(root: Path, learners: int, name: str) -> demo.DemoClass:
    config.write(root)
    notebooks.write_sources(root, [assignments.get(name)])
    runner.generate(root, assignments.get(name))
    cls = demo.make_class(root, learners, seed=0, assignments=[name])
    preflight.preflight(root, assignments.get(name), repair=True)
    return cls


def plain_config(root: Path) -> None:
    text = config.render()
    kept = [line for line in text.splitlines() if not any(d in line for d in PLAIN_DROP)]
    (root / "nbgrader_config.py").write_text("\n".join(kept) + "\n", encoding="utf-8")


def reset(root: Path) -> None:
    shutil.rmtree(root / "autograded", ignore_errors=True)


def stock(root: Path, name: str) -> tuple[float, list[float]]:
    """Whole-class seconds and per-submission seconds (from the log's timestamps) of `nbgrader autograde`."""
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    started = time.perf_counter()
    done = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "nbgrader"),
            "autograde",
            name,
            "--force",
            "--Application.log_format=%(created)f %(message)s",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    total = time.perf_counter() - started
    first: dict[str, float] = {}  # when the log first mentions each learner: their submission's start
    last = 0.0
    for m in re.finditer(r"^(\d+\.\d+) (.*)$", done.stderr, re.MULTILINE):
        last = float(m.group(1))
        who = re.search(r"submitted/([^/]+)/|student with ID '([^']+)'", m.group(2))
        if who:
            first.setdefault(who.group(1) or who.group(2), last)
    stamps = [*sorted(first.values()), last]
    per = [b - a for a, b in itertools.pairwise(stamps)]
    return total, per


def ours(root: Path, name: str, workers: int) -> tuple[float, list[float]]:
    started = time.perf_counter()
    outcomes = runner.autograde(root, assignments.get(name), workers=workers, show_progress=False)
    return time.perf_counter() - started, [o.seconds for o in outcomes]


def check(root: Path, name: str, cls: demo.DemoClass) -> str:
    marks = runner.scores(root, assignments.get(name))
    expected = cls.expected_scores(name)
    wrong = [s for s, e in expected.items() if s not in marks or abs(marks[s].auto - e) > 1e-6]
    return "all as expected" if not wrong else f"{len(wrong)} differ"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--assignment", default="sorting", choices=list(assignments.ASSIGNMENTS))
    parser.add_argument("--repeat", type=int, default=1, help="whole-class runs per method (median)")
    parser.add_argument("--skip-stock", action="store_true", help="time only ours")
    args = parser.parse_args(argv)

    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-autograde-") as tmp:
        root = Path(tmp) / "course"
        cls = build(root, args.learners, args.assignment)
        methods: list[tuple[str, object]] = []
        if not args.skip_stock:
            methods.append(("stock nbgrader, plain config, serial", "plain"))
            methods.append(("stock nbgrader, course config, serial", "stock"))
        methods += [(f"ours, {w} workers", w) for w in sorted({cores, cores + 1})]
        for label, how in methods:
            totals, per_all, verdict = [], [], ""
            for _ in range(args.repeat):
                reset(root)
                if how == "plain":
                    plain_config(root)
                else:
                    config.write(root)
                load = os.getloadavg()[0]
                total, per = (
                    stock(root, args.assignment) if isinstance(how, str) else ours(root, args.assignment, how)
                )
                config.write(root)
                totals.append(total)
                per_all += per
                verdict = check(root, args.assignment, cls)
            rows.append(
                (
                    label,
                    statistics.median(per_all) if per_all else float("nan"),
                    max(per_all) if per_all else float("nan"),
                    statistics.median(totals),
                    load,
                    verdict,
                )
            )

    print(
        f"Autograde {args.learners} simulated learners ({args.assignment}); {cores} cores; "
        f"cell timeout {config.TIMEOUT} s (one learner has an endless loop); {args.repeat} run(s) each"
    )
    print()
    print(f"| {'method':<40} | per submission, median (s) | slowest (s) | whole class (s) | load | marks |")
    print(f"|{'-' * 42}|---------------------------:|------------:|----------------:|-----:|-------|")
    for label, med, slow, total, load, verdict in rows:
        print(f"| {label:<40} | {med:26.2f} | {slow:11.2f} | {total:15.1f} | {load:4.1f} | {verdict} |")
    print()
    print("Per submission: stock from the log's timestamps (one after another); ours from each worker's own")
    print("clock (several run at once, so they add up to more than the whole class). 'load' is the 1-minute")
    print("load average when the run started: other work on the machine slows every row.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
