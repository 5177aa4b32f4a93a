"""Facts kept as data (criteria.json, exercise_types.json) have one home, read by Python and JavaScript alike.

Python reads the data files directly; the JavaScript reads send_outcomes/js/facts.js, generated from them by
``make facts`` (send_outcomes/facts_js.py). These tests fail when facts.js is older than the data, when a
module keeps its own copy of a table, and where a name is still written out by hand (the analyser's tuple of
SMART criteria, the plan checks' names), so a change made in one place and not the other fails here, not in
front of a learner.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from send_outcomes import criteria, facts_js
from send_outcomes.analysis.statement import CRITERIA as ANALYSER_CRITERIA
from send_outcomes.exercise_types import TYPES
from send_outcomes.grading import CRITERIA as GRADING_CRITERIA
from send_outcomes.widgets.esm import JS_DIR

DATA = Path(criteria.__file__).resolve().parent / "data"
FACTS_JS = JS_DIR / "facts.js"


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


def test_facts_js_is_current_with_the_data() -> None:
    assert FACTS_JS.read_text(encoding="utf-8") == facts_js.render(), (
        "send_outcomes/js/facts.js is out of date with data/criteria.json or data/exercise_types.json: "
        "run make facts"
    )


def test_facts_js_follows_a_change_in_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The staleness check above can fail: a relabelled criterion gives a different module.
    for name in ("criteria.json", "exercise_types.json"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    before = facts_js.render()
    entries = json.loads((tmp_path / "criteria.json").read_text(encoding="utf-8"))
    entries["criteria"][3]["label"] = "Timed"
    (tmp_path / "criteria.json").write_text(json.dumps(entries), encoding="utf-8")
    monkeypatch.setattr(facts_js, "DATA", tmp_path)
    after = facts_js.render()
    assert after != before
    assert '"label": "Timed"' in after
    assert after.startswith("// Generated from data/criteria.json and data/exercise_types.json by ")


def _node_json(script: str) -> object:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to read the JavaScript modules (Debian: nodejs)", pytrace=False)
    proc = subprocess.run(
        [node, "--no-warnings", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_javascript_reads_the_facts_and_cannot_change_them() -> None:
    def uri(name: str) -> str:
        return json.dumps((JS_DIR / name).as_uri())

    found = _node_json(
        f"const facts = await import({uri('facts.js')});"
        f"const g = await import({uri('grading.js')});"
        f"const f = await import({uri('feedback.js')});"
        "let changed = true;"
        "try { facts.EXERCISE_TYPES.sort.answers.tries.push('x'); } catch { changed = false; }"
        "console.log(JSON.stringify({criteria: facts.CRITERION_ENTRIES, types: facts.EXERCISE_TYPES,"
        " grading: g.CRITERIA, feedback: f.CRITERIA, changed,"
        " unknown: g.answerProblems('constructor', {})}));"
    )
    assert isinstance(found, dict)
    assert found["criteria"] == json.loads((DATA / "criteria.json").read_text(encoding="utf-8"))["criteria"]
    assert found["types"] == json.loads((DATA / "exercise_types.json").read_text(encoding="utf-8"))["types"]
    assert found["changed"] is False
    assert found["grading"] == list(criteria.ALL)
    assert found["feedback"] == [[c, criteria.LABELS[c]] for c in criteria.ALL]
    assert found["unknown"] == ['unknown exercise type "constructor"']


def test_no_module_but_facts_js_writes_out_the_shared_tables() -> None:
    # Every module derives its tables from facts.js; a hand copy (a module map, a label) is a second home.
    copies = [
        name
        for path in sorted(JS_DIR.glob("*.js"))
        if path.name != FACTS_JS.name
        for name in ('"Time-bound"', '"time-bound"', '"Person-centred"', '"checker.js"', '"thread.js"')
        if name in path.read_text(encoding="utf-8")
    ]
    assert copies == []


def test_every_exercise_type_has_its_module_and_only_the_checker_keeps_nothing() -> None:
    assert all((JS_DIR / t.module).is_file() for t in TYPES.values())
    assert [t for t in TYPES.values() if not t.saves] == [TYPES["checker"]]
