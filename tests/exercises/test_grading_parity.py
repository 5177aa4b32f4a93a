"""grading.js (the static site) and send_outcomes/grading (notebooks, nbgrader) must give identical results.

Both are run on one table of cases built here from every spec: right, wrong, half, empty and damaged answers,
with and without ``reveal``, plus ``answerProblems``, ``checkProvision``, ``normalise`` and
``honestAttempt`` on shared inputs. Node runs the JavaScript once for the whole table (grading.js is imported
as a data: URL, so nothing is written to disk).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from send_outcomes.answer_format.shapes import answer_problems
from send_outcomes.course.synthetic import half_answers, right_answers, wrong_answers
from send_outcomes.grading import (
    CRITERIA,
    check_provision,
    grade,
    honest_attempt,
    normalise,
)
from send_outcomes.specs import all_specs

GRADING_JS = Path(__file__).resolve().parents[2] / "send_outcomes" / "js" / "grading.js"

RUNNER = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const g = await import(pathToFileURL(process.argv[1]).href);  // by path: its import of facts.js resolves
const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map((c) => {
  try {
    if (c.fn === "grade") return g.grade(c.spec, c.answers, c.analyses, c.reveal);
    if (c.fn === "answerProblems") return g.answerProblems(c.type, c.answers);
    if (c.fn === "checkProvision") return g.checkProvision(c.text, c.checks);
    if (c.fn === "normalise") return g.normalise(c.text);
    if (c.fn === "honestAttempt") return g.honestAttempt(c.original, c.text);
    return { error: "unknown fn " + c.fn };
  } catch (err) {
    return { error: String(err && err.stack || err) };
  }
});
process.stdout.write(JSON.stringify(out));
"""


def _damaged(rng: random.Random, answers: dict[str, Any]) -> Any:
    """Deterministic damage: values swapped for lists, numbers, nulls or odd ids."""
    junk = [None, 3, 2.5, True, [], ["x"], "", "constructor", {"__proto__": 1}, {"toString": "x"}]

    def spoil(value: Any, depth: int) -> Any:
        if isinstance(value, dict):
            out = {
                k: spoil(v, depth + 1) if rng.random() < 0.7 else rng.choice(junk) for k, v in value.items()
            }
            if rng.random() < 0.3:
                out[rng.choice(["constructor", "hasOwnProperty", "zzz"])] = rng.choice(junk)
            return out
        return rng.choice(junk) if rng.random() < 0.5 else value

    return spoil(answers, 0)


def _analyses(spec: dict[str, Any], rng: random.Random) -> Any:
    if spec["type"] != "fix":
        return None
    out: dict[str, Any] = {}
    for rnd in spec["rounds"]:
        roll = rng.random()
        if roll < 0.2:
            out[rnd["id"]] = {"kind": "provision", "smart": None, "person_centred": None}
        elif roll < 0.3:
            out[rnd["id"]] = ["not", "an", "analysis"]
        else:
            met = {c for c in CRITERIA if rng.random() < 0.6}
            smart = {c: c in met for c in CRITERIA if c != "person_centred"}
            out[rnd["id"]] = {"kind": "outcome", "smart": smart, "person_centred": "person_centred" in met}
    return out


def _cases() -> list[dict[str, Any]]:
    rng = random.Random(20261123)
    cases: list[dict[str, Any]] = []
    for spec in all_specs().values():
        if spec["type"] == "checker":
            continue
        sets = [right_answers(spec), wrong_answers(spec), half_answers(spec), {}, None, [], "x"]
        sets += [_damaged(rng, right_answers(spec)) for _ in range(6)]
        for answers in sets:
            for reveal in (True, False):
                cases.append(
                    {
                        "fn": "grade",
                        "spec": spec,
                        "answers": answers,
                        "analyses": _analyses(spec, rng) if spec["type"] == "fix" else None,
                        "reveal": reveal,
                    }
                )
            cases.append({"fn": "answerProblems", "type": spec["type"], "answers": answers})
        if spec["type"] == "jigsaw":
            texts = [p.get("model_provision", p["text"]) for p in spec["pieces"]]
            texts += [
                "",
                "Staff help.",
                "A TA for 20 mins daily",
                "every 2 weeks a Nurse visits for half an hour",
            ]
            cases += [{"fn": "checkProvision", "text": t, "checks": spec["provision_checks"]} for t in texts]
        if spec["type"] == "fix":
            for rnd in spec["rounds"]:
                for text in (
                    rnd["original"],
                    rnd["model_answer"],
                    rnd["original"].upper() + " ",
                    "Too short.",
                ):
                    cases.append({"fn": "normalise", "text": text})
                    cases.append({"fn": "honestAttempt", "original": rnd["original"], "text": text})
    cases.append({"fn": "answerProblems", "type": "nonsense", "answers": {}})
    cases.append({"fn": "answerProblems", "type": "checker", "answers": {"text": 5}})
    return cases


def _python(case: dict[str, Any]) -> Any:
    fn = case["fn"]
    if fn == "grade":
        analyses = case["analyses"] if case["spec"]["type"] == "fix" else None
        return grade(case["spec"], case["answers"], analyses, reveal=case["reveal"])
    if fn == "answerProblems":
        return answer_problems(case["type"], case["answers"])
    if fn == "checkProvision":
        return check_provision(case["text"], case["checks"])
    if fn == "normalise":
        return normalise(case["text"])
    return honest_attempt(case["original"], case["text"])


@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.fail("node is needed to run grading.js (Debian: apt-get install nodejs)", pytrace=False)
    return path


def test_python_and_javascript_grade_every_case_identically(node: str) -> None:
    cases = _cases()
    proc = subprocess.run(
        [node, "--input-type=module", "-e", RUNNER, str(GRADING_JS)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    js_results = json.loads(proc.stdout)
    assert len(js_results) == len(cases) > 200
    mismatches = []
    for case, js in zip(cases, js_results, strict=True):
        py = json.loads(json.dumps(_python(case)))
        if py != js:
            label = {k: v for k, v in case.items() if k not in ("spec", "checks")}
            mismatches.append(f"{case.get('spec', {}).get('id', '')} {label}\n  py: {py}\n  js: {js}")
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first:\n" + "\n".join(mismatches[:3])


def test_the_runner_would_notice_a_difference(node: str, tmp_path: Path) -> None:
    """Guard against a comparison that always passes: a doctored grading.js must be caught."""
    source = GRADING_JS.read_text(encoding="utf-8").replace('"Right."', '"Right!"', 1)
    doctored = tmp_path / GRADING_JS.name
    doctored.write_text(source, encoding="utf-8")
    shutil.copy(GRADING_JS.parent / "facts.js", tmp_path / "facts.js")  # the one module grading.js imports
    (tmp_path / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    spec = next(s for s in all_specs().values() if s["type"] == "sort")
    case = {"fn": "grade", "spec": spec, "answers": right_answers(spec), "analyses": None, "reveal": False}
    proc = subprocess.run(
        [node, "--input-type=module", "-e", RUNNER, str(doctored)],
        input=json.dumps([case]),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0] != json.loads(json.dumps(_python(case)))
