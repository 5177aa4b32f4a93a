"""The exercise modules and their node tests are eslint-clean under eslint.config.js.

Why a test as well as `make lint`: the modules run in learners' browsers with no build step, so an undefined
name or a stray global only shows up when a learner reaches that branch. The second test plants a mistake
through eslint's stdin, so a config that silently stopped checking (a wrong glob, a dropped rule set) fails
here too.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESLINT = ROOT / "node_modules" / ".bin" / "eslint"
LINTED = ["send_outcomes/js", "tests/js"]


def _eslint(*args: str, stdin: str | None = None) -> list[dict[str, Any]]:
    """eslint's JSON report (one entry per file), or a clear failure if eslint is missing or crashed."""
    if not ESLINT.exists():
        pytest.fail("eslint is not installed: run `make node_modules`", pytrace=False)
    proc = subprocess.run(
        [str(ESLINT), "--format", "json", "--no-warn-ignored", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )
    # 0: clean, 1: problems found; anything else means eslint itself failed (bad config, crash)
    assert proc.returncode in (0, 1), proc.stderr
    report: list[dict[str, Any]] = json.loads(proc.stdout)
    return report


def _problems(report: list[dict[str, Any]]) -> list[str]:
    return [
        f"{Path(f['filePath']).relative_to(ROOT)}:{m.get('line')}: {m.get('ruleId')}: {m['message']}"
        for f in report
        for m in f["messages"]
    ]


def test_eslint_finds_nothing_in_the_modules_and_their_tests() -> None:
    report = _eslint(*LINTED)
    files = {Path(f["filePath"]).relative_to(ROOT).as_posix() for f in report}
    assert "send_outcomes/js/grading.js" in files and "send_outcomes/js/sort.js" in files
    assert any(f.startswith("tests/js/") for f in files)
    assert _problems(report) == []


def test_eslint_catches_a_planted_mistake_in_a_module() -> None:
    planted = 'export function broken() {\n  var x = y;\n  return 1;\n}\n'
    report = _eslint("--stdin", "--stdin-filename", "send_outcomes/js/planted.js", stdin=planted)
    rules = {m.get("ruleId") for f in report for m in f["messages"]}
    assert {"no-var", "no-undef", "no-unused-vars"} <= rules, _problems(report)
