"""Fix the outcome on the built site: live checklist from the in-page analyser, checking, hints, the model
answer only after an honest attempt, rounds, saving and bad saved data, learner text kept as text.

The expected verdicts come from the Python analyser and graders (the JS engine must agree with them)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from conftest import Visit
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from send_outcomes.analysis import analyse
from send_outcomes.grading import grade_rewrite, honest_attempt
from send_outcomes.specs import load_spec

pytestmark = pytest.mark.browser
EID = "fix-the-outcome-1"
NAMES = {
    "specific": "Specific", "measurable": "Measurable", "achievable": "Achievable",
    "time_bound": "Time-bound", "person_centred": "Person-centred",
}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec(EID)


def met(analysis: dict[str, Any], criterion: str) -> bool:
    if criterion == "person_centred":
        return analysis["person_centred"] is True
    return bool(analysis["smart"] and analysis["smart"][criterion])


def assert_checklist(v: Visit, text: str) -> None:
    """The live checklist shows the analyser's verdict on ``text`` for every criterion."""
    expected = analyse(text).to_dict()
    live = v.page.locator('.so-fix [data-role="live"]')
    if expected["smart"] is None:
        v.page.wait_for_function("() => !!document.querySelector('.so-fix .so-kind')")
        assert live.locator("li").count() == 0
        return
    want = {criterion: str(met(expected, criterion)).lower() for criterion in NAMES}
    # The checklist follows typing after a short pause, so it may still show a verdict on part of the text:
    # wait until it has caught up (or the wait runs out, and the assertions below name the criterion).
    with contextlib.suppress(PlaywrightTimeout):
        v.page.wait_for_function(
            """(want) => Object.entries(want).every(([c, m]) => document.querySelector(
                `.so-fix [data-role="live"] li[data-criterion="${c}"]`)?.getAttribute("data-met") === m)""",
            arg=want, timeout=5_000,
        )
    for criterion in NAMES:
        item = live.locator(f'li[data-criterion="{criterion}"]')
        item.wait_for()
        assert item.get_attribute("data-met") == want[criterion], criterion


def result_text(v: Visit) -> str:
    return v.page.locator('.so-fix [data-role="result"]').inner_text()


def test_mouse_rewrites_every_round_and_sees_the_model(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("fix")
    for n, rnd in enumerate(spec["rounds"]):
        visit.page.locator(f'nav.so-tabs button[data-key="round:{n}"]').click()
        assert rnd["original"] in visit.page.locator(".so-original").inner_text()
        visit.page.locator(".so-fix textarea").click()
        visit.page.keyboard.type(rnd["model_answer"])
        assert_checklist(visit, rnd["model_answer"])
        visit.page.get_by_role("button", name="Check my rewrite").click()
        graded = grade_rewrite(rnd["original"], rnd["model_answer"], analyse(rnd["model_answer"]).to_dict())
        assert graded["explanation"] in result_text(visit)
        visit.page.get_by_role("button", name="Show a model answer").click()
        assert rnd["model_answer"] in visit.page.locator(".so-model").inner_text()
    drafts = visit.saved(EID)["answers"]["drafts"]
    assert drafts == {r["id"]: r["model_answer"] for r in spec["rounds"]}


def test_keyboard_alone(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("fix")
    rnd = spec["rounds"][0]
    visit.tab_to(".so-fix textarea")
    visit.page.keyboard.type(rnd["model_answer"])
    visit.tab_to("button.so-primary")
    visit.page.keyboard.press("Enter")
    visit.tab_to('button[data-key="model"]')
    visit.page.keyboard.press("Enter")
    assert visit.focused(".so-model")
    assert rnd["model_answer"] in visit.page.locator(".so-model").inner_text()
    visit.tab_to('button[data-key="next"]')
    visit.page.keyboard.press("Enter")
    assert spec["rounds"][1]["original"] in visit.page.locator(".so-original").inner_text()
    visit.wait_announced("Round 2 of")


def test_no_model_answer_without_an_honest_attempt(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("fix")
    rnd = spec["rounds"][0]
    area = visit.page.locator(".so-fix textarea")
    area.fill(rnd["original"])
    assert not honest_attempt(rnd["original"], rnd["original"])
    visit.page.get_by_role("button", name="Check my rewrite").click()
    text = result_text(visit)
    graded = grade_rewrite(rnd["original"], rnd["original"], analyse(rnd["original"]).to_dict())
    assert graded["explanation"] in text
    assert rnd["hints"][0] in text and rnd["problem"] in text
    assert visit.page.get_by_role("button", name="Show a model answer").count() == 0
    assert rnd["model_answer"] not in visit.page.locator(".so-fix").inner_text()
    # A second check gives the next hint.
    visit.page.get_by_role("button", name="Check my rewrite").click()
    assert rnd["hints"][1] in result_text(visit)
    area.fill("Better now")
    assert visit.page.get_by_role("button", name="Show a model answer").count() == 0
    attempt = rnd["original"].rstrip(".") + " by the end of Year 8 at school"
    assert honest_attempt(rnd["original"], attempt)
    area.fill(attempt)
    visit.page.get_by_role("button", name="Show a model answer").wait_for()


def test_drafts_and_round_survive_a_reload_and_stay_text(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("fix")
    visit.page.locator('nav.so-tabs button[data-key="round:2"]').click()
    nasty = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Kyle will'
    visit.page.locator(".so-fix textarea").fill(nasty)
    assert_checklist(visit, nasty)
    visit.page.get_by_role("button", name="Check my rewrite").click()
    visit.reload()
    rnd = spec["rounds"][2]
    assert rnd["original"] in visit.page.locator(".so-original").inner_text()
    assert visit.page.locator(".so-fix textarea").input_value() == nasty
    assert visit.page.locator(".so-ex img, .so-ex script").count() == 0
    assert visit.page.evaluate("window.__pwned === undefined")
    assert result_text(visit) != ""  # the checked state came back too


BAD_DRAFT = '{"version": 1, "answers": {"drafts": {"vague": 42}}}'


@pytest.mark.parametrize("raw", ["null", BAD_DRAFT, '{"version": 2}'], ids=["null", "wrong-shape", "version"])
def test_corrupt_saved_progress_is_set_aside(visit: Visit, spec: dict[str, Any], raw: str) -> None:
    visit.open("fix")
    visit.corrupt(EID, raw)
    assert "could not be used" in visit.page.locator(".so-exercise .so-note").inner_text()
    assert visit.set_aside(EID) == [raw]
    rnd = spec["rounds"][0]
    visit.page.locator(".so-fix textarea").fill(rnd["model_answer"])
    assert_checklist(visit, rnd["model_answer"])


def test_touch_at_320px(phone: Visit, spec: dict[str, Any]) -> None:
    phone.open("fix")
    rnd = spec["rounds"][4]
    phone.page.locator('nav.so-tabs button[data-key="round:4"]').tap()
    phone.page.locator(".so-fix textarea").fill(rnd["model_answer"])
    phone.page.get_by_role("button", name="Check my rewrite").tap()
    phone.page.get_by_role("button", name="Show a model answer").tap()
    assert rnd["model_answer"] in phone.page.locator(".so-model").inner_text()
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_no_accessibility_violations(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("fix")
    assert visit.axe_violations() == []
    visit.page.locator(".so-fix textarea").fill(spec["rounds"][0]["original"] + " soon")
    visit.page.get_by_role("button", name="Check my rewrite").click()
    assert visit.axe_violations() == []
