"""Facts kept as data (criteria.json, exercise_types.json) and the copies that still live in code agree.

Python reads the data files directly. The analyser's own tuple of SMART criteria, the JavaScript tables
(grading.js, feedback.js, host.js) and the plan checks' names are still written out by hand; these tests
hold them to the data until they read it too, so a change made in one place and not the other fails here,
not in front of a learner.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from send_outcomes import criteria
from send_outcomes.analysis.statement import CRITERIA as ANALYSER_CRITERIA
from send_outcomes.exercise_types import TYPES
from send_outcomes.grading import CRITERIA as GRADING_CRITERIA
from send_outcomes.widgets.esm import JS_DIR

DATA = Path(criteria.__file__).resolve().parent / "data"


def test_the_criteria_file_names_each_criterion_once_with_a_label() -> None:
    entries = json.loads((DATA / "criteria.json").read_text(encoding="utf-8"))["criteria"]
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)) == 5
    assert all(isinstance(e["label"], str) and e["label"] for e in entries)
    assert criteria.SMART == ("specific", "measurable", "achievable", "time_bound")
    assert criteria.WORDS["time_bound"] == "time-bound"
    assert criteria.LABELS["person_centred"] == "Person-centred"


def test_python_copies_of_the_criteria_agree_with_the_data() -> None:
    assert ANALYSER_CRITERIA == criteria.SMART
    assert GRADING_CRITERIA == criteria.ALL
    # The plan checks' own names for the SMART letters (read by plancheck.js too).
    checks = json.loads((DATA / "plan" / "checks.json").read_text(encoding="utf-8"))
    assert checks["not_smart_names"] == {c: criteria.WORDS[c] for c in criteria.SMART}


def test_javascript_copies_of_the_criteria_agree_with_the_data() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to read the JavaScript modules (Debian: nodejs)", pytrace=False)
    script = (
        f"const g = await import({json.dumps((JS_DIR / 'grading.js').as_uri())});"
        f"const f = await import({json.dumps((JS_DIR / 'feedback.js').as_uri())});"
        "console.log(JSON.stringify({grading: g.CRITERIA, feedback: f.CRITERIA}));"
    )
    proc = subprocess.run(
        [node, "--no-warnings", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["grading"] == list(criteria.ALL)
    assert found["feedback"] == [[c, criteria.LABELS[c]] for c in criteria.ALL]
    names = re.search(r"const CRITERION_NAMES = \{(.*?)\};", (JS_DIR / "grading.js").read_text(), re.S)
    assert names is not None
    assert dict(re.findall(r'(\w+): "([^"]*)"', names.group(1))) == criteria.WORDS


def test_every_exercise_type_has_its_module_and_the_site_host_maps_it() -> None:
    host = (JS_DIR / "host.js").read_text(encoding="utf-8")
    modules = re.search(r"const MODULES = \{(.*?)\};", host, re.S)
    assert modules is not None
    assert dict(re.findall(r'(\w+): "([^"]+)"', modules.group(1))) == {t: TYPES[t].module for t in TYPES}
    assert all((JS_DIR / t.module).is_file() for t in TYPES.values())
    assert [t for t in TYPES.values() if not t.saves] == [TYPES["checker"]]
