"""The JavaScript unit tests (tests/js/*.test.mjs, node's built-in runner) pass.

Why from pytest: `make test` and `make test-fast` are the one command a maintainer runs, so the grading,
analyser and storage tests of the browser code run there too. The counts are read from node's TAP summary, so
a runner that found no test files (a renamed folder, a wrong pattern) fails instead of passing empty. The
hand-worked grading cases the node tests use are also run through the Python graders here, so both engines
answer to the same written results.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from send_outcomes.answer_format.shapes import answer_problems
from send_outcomes.grading import grade, honest_attempt

ROOT = Path(__file__).resolve().parents[2]
TEST_FILES = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


def _summary(tap: str) -> dict[str, int]:
    found = re.findall(r"^# (tests|pass|fail|cancelled|skipped|todo) (\d+)$", tap, re.M)
    return {k: int(v) for k, v in found}


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed for the JavaScript tests (Debian: apt-get install nodejs)", pytrace=False)
    assert {p.name for p in TEST_FILES} >= {"grading.test.mjs", "analyser.test.mjs", "storage.test.mjs"}
    proc = subprocess.run(
        [node, "--test", "--test-reporter=tap", *(str(p) for p in TEST_FILES)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    counts = _summary(proc.stdout)
    failed = "\n".join(line for line in proc.stdout.splitlines() if line.lstrip().startswith("not ok"))
    assert proc.returncode == 0, f"{counts}\n{failed}\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    assert counts.get("fail") == 0 and counts.get("cancelled") == 0 and counts.get("skipped") == 0, counts
    assert counts.get("pass", 0) >= 30, counts


CASES = json.loads((ROOT / "tests" / "js" / "grading_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["grade"], ids=lambda c: c["name"])
def test_python_graders_give_the_results_the_js_tests_expect(case: dict[str, Any]) -> None:
    """grading.test.mjs holds grading.js to these hand-worked results; the Python graders must match."""
    spec = CASES["specs"][case["spec"]]
    got = grade(spec, case["answers"], case.get("analyses"), reveal=case["reveal"])
    assert got["score"] == pytest.approx(case["score"], abs=1e-12)
    assert got["max"] == case["max"]
    items = [{k: item[k] for k in want} for item, want in zip(got["items"], case["items"], strict=True)]
    assert items == case["items"]


def test_python_shape_checks_and_honesty_match_the_js_cases() -> None:
    for case in CASES["answerProblems"]:
        assert answer_problems(case["type"], case["answers"]) == case["problems"], case
    for case in CASES["honestAttempt"]:
        assert honest_attempt(case["original"], case["draft"]) is case["honest"], case
