"""check_plan on the two example plans, and every kind of malformed plan naming its place."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from send_outcomes.analysis import PlanError, check_plan, load_plan

PLANS = Path(__file__).resolve().parents[2] / "send_outcomes" / "data" / "plans"
GOOD = PLANS / "good-plan.yaml"
FLAWED = PLANS / "flawed-plan.yaml"


def _codes(report) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for issue in report.issues:
        out.setdefault(issue.code, set()).add(issue.path)
    return out


def _good() -> dict:
    return yaml.safe_load(GOOD.read_text(encoding="utf-8"))


def test_good_plan_has_no_problems():
    report = check_plan(GOOD)
    assert report.ok, report.to_text()
    assert len(report.analyses) == len(report.plan["outcomes"]) >= 4
    assert all(a.smart_ok and a.person_centred for a in report.analyses.values())


def test_flawed_plan_finds_each_planted_problem():
    codes = _codes(check_plan(FLAWED))
    assert codes["need_without_outcome"] == {"needs[2]"}
    assert codes["outcome_is_provision"] == {"outcomes[1]"}
    assert codes["outcome_without_provision"] == {"outcomes[1].provision"}
    assert codes["provision_without_outcome"] == {"provision[2]"}
    assert {"outcomes[0]", "outcomes[2]"} <= codes["outcome_not_smart"]
    assert codes["outcome_not_person_centred"] == {"outcomes[3]"}
    assert codes["no_pfa_outcome"] == {"outcomes"}
    assert "too_many_outcomes" not in codes


def test_too_many_outcomes():
    plan = _good()
    first = plan["outcomes"][0]
    plan["outcomes"] = [dict(first, id=f"O{n}") for n in range(11)]
    assert "too_many_outcomes" in _codes(check_plan(plan))
    plan["outcomes"] = plan["outcomes"][:10]
    assert "too_many_outcomes" not in _codes(check_plan(plan))


def test_pfa_only_from_year_9():
    plan = _good()
    for o in plan["outcomes"]:
        o["text"] = "By the end of Year 8, Kacper will read a page aloud to his teacher."
        o.pop("preparing_for_adulthood", None)
    plan["child"] = {"name": "Kacper", "year": 10}
    assert "no_pfa_outcome" in _codes(check_plan(plan))
    plan["child"] = {"name": "Kacper", "year": 8}
    assert "no_pfa_outcome" not in _codes(check_plan(plan))
    plan["child"] = {"name": "Kacper", "age": 19}
    assert "no_pfa_outcome" in _codes(check_plan(plan))


def test_json_plan_works_like_yaml(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(_good()), encoding="utf-8")
    assert check_plan(path).ok


def test_report_dict_and_text():
    report = check_plan(FLAWED)
    d = report.to_dict()
    assert d["ok"] is False and d["counts"]["outcomes"] == 4
    assert d["issues"][0]["path"] and d["issues"][0]["message"]
    assert "outcomes[1].provision" in report.to_text()


def _error(tmp_path, text: str, name: str = "plan.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(path)
    return str(err.value)


def test_yaml_syntax_error_gives_line_and_column(tmp_path):
    msg = _error(tmp_path, "needs:\n  - id: N1\n    text: ok\n  - id: [N2\n")
    assert "line 5, column 1" in msg or "line 4" in msg
    assert "plan.yaml" in msg


def test_json_syntax_error_gives_line_and_column(tmp_path):
    msg = _error(tmp_path, '{\n  "needs": [\n    {"id": "N1",}\n  ]\n}', "plan.json")
    assert "line 3, column" in msg and "JSON syntax error" in msg


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda p: p["outcomes"][2].__setitem__("provision", "P4"), "outcomes[2].provision"),
        (lambda p: p["outcomes"][2]["provision"].append("P99"), "outcomes[2].provision[1]"),
        (lambda p: p["outcomes"][1].__setitem__("needs", ["N9"]), "outcomes[1].needs[0]"),
        (lambda p: p["outcomes"][0].pop("text"), "outcomes[0]"),
        (lambda p: p["needs"][1].__setitem__("text", 7), "needs[1].text"),
        (lambda p: p["provision"][0].__setitem__("colour", "red"), "provision[0]"),
        (lambda p: p.pop("provision"), "(top level)"),
        (lambda p: p["needs"][3].__setitem__("id", "N1"), "needs[3].id"),
        (lambda p: p["child"].__setitem__("year", "ten"), "child.year"),
    ],
)
def test_wrong_shape_names_the_key_path(tmp_path, change, place):
    plan = copy.deepcopy(_good())
    change(plan)
    msg = _error(tmp_path, yaml.safe_dump(plan))
    assert f": {place}:" in msg, msg


def test_not_a_mapping(tmp_path):
    assert "expected a mapping" in _error(tmp_path, "- just\n- a list\n")
    assert "got nothing" in _error(tmp_path, "")


def test_unreadable_files(tmp_path):
    with pytest.raises(PlanError, match="no such file"):
        load_plan(tmp_path / "missing.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"needs: \xff\xfe\x00")
    with pytest.raises(PlanError, match="not UTF-8"):
        load_plan(tmp_path / "bin.yaml")
    with pytest.raises(PlanError, match="folder"):
        load_plan(tmp_path)


def test_loaded_plan_is_not_changed_by_checking():
    plan = _good()
    before = copy.deepcopy(plan)
    check_plan(plan)
    assert plan == before
