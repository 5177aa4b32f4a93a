"""Bea's jigsaw on the built site: by mouse and by keyboard alone, feedback, provision, saving, bad data.

What is right (which pieces belong, who holds them, what a reason says) is read from the spec and the
Python graders, never written into this file.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Visit

from send_outcomes.grading import check_provision, grade_jigsaw
from send_outcomes.specs import load_spec

pytestmark = pytest.mark.browser
EID = "beas-jigsaw-1"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec(EID)


def piece(v: Visit, piece_id: str) -> Any:
    return v.page.locator(f'.so-piece[data-piece="{piece_id}"]')


def right_answers(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    use = {p["id"]: {"choice": "use", "holder": p["holder"]} for p in spec["pieces"] if p["role"] == "piece"}
    aside = {p["id"]: {"choice": "aside", "holder": ""} for p in spec["pieces"] if p["role"] != "piece"}
    return {p["id"]: use.get(p["id"]) or aside[p["id"]] for p in spec["pieces"]}


def choose_by_mouse(v: Visit, piece_id: str, choice: str, holder: str = "") -> None:
    piece(v, piece_id).locator(f'input[value="{choice}"]').click()
    if choice == "use" and holder:
        piece(v, piece_id).locator("select").select_option(holder)


def check(v: Visit) -> None:
    v.page.get_by_role("button", name="Check my jigsaw").click()


def test_mouse_completes_both_steps(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("jigsaw")
    assert visit.page.locator("textarea").count() == 0  # step 2 opens only when step 1 is right
    for pid, ans in right_answers(spec).items():
        choose_by_mouse(visit, pid, ans["choice"], ans["holder"])
    check(visit)
    for p in spec["pieces"]:
        fb = piece(visit, p["id"]).locator(".so-fb").inner_text()
        assert "Correct" in fb and p["reason"] in fb
    assert "All" in visit.page.locator('[data-role="summary"]').inner_text()
    support = [p for p in spec["pieces"] if p["role"] == "piece"]
    assert visit.page.locator("textarea").count() == len(support)
    for p in support:
        box = visit.page.locator(f'[data-provision="{p["id"]}"]')
        box.locator("textarea").fill(p["model_provision"])
        expected = check_provision(p["model_provision"], spec["provision_checks"])
        for c in expected.values():
            item = box.locator(".so-criteria li", has_text=c["label"])
            assert ("✓" in item.inner_text()) == c["met"]
            if c["met"]:
                assert c["evidence"] in item.inner_text()
        box.get_by_role("button", name="Compare with a model answer").click()
        assert p["model_provision"] in box.locator(".so-model").inner_text()
    saved = visit.saved(EID)["answers"]
    assert saved["pieces"] == right_answers(spec)
    assert saved["provision"] == {p["id"]: p["model_provision"] for p in support}


def test_keyboard_alone_completes_step_one(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("jigsaw")
    holders = [h["id"] for h in spec["holders"]]
    for pid, ans in right_answers(spec).items():
        visit.tab_to(f'.so-piece[data-piece="{pid}"] input[type="radio"]')
        visit.page.keyboard.press("Space")  # the first radio: "Use it"
        if ans["choice"] == "aside":
            visit.page.keyboard.press("ArrowDown")
            assert visit.focused(f'input[data-key="choice:{pid}:aside"]:checked')
        else:
            assert visit.focused(f'input[data-key="choice:{pid}:use"]:checked')
            visit.tab_to(f'select[data-key="holder:{pid}"]')
            for _ in range(holders.index(ans["holder"]) + 1):
                visit.page.keyboard.press("ArrowDown")
            assert piece(visit, pid).locator("select").input_value() == ans["holder"]
    visit.tab_to("button.so-primary")
    visit.page.keyboard.press("Enter")
    visit.wait_announced("All")
    assert visit.saved(EID)["answers"]["pieces"] == right_answers(spec)
    first = next(p for p in spec["pieces"] if p["role"] == "piece")
    visit.tab_to(f'[data-provision="{first["id"]}"] textarea')
    visit.page.keyboard.type(first["model_provision"])
    visit.wait_announced("how much, how often and who")


def test_wrong_answers_get_hints_then_reasons(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("jigsaw")
    answers = right_answers(spec)
    pieces = [p for p in spec["pieces"] if p["role"] == "piece"]
    distractor = next(p for p in spec["pieces"] if p["role"] != "piece")
    accepted = [pieces[0]["holder"], *pieces[0].get("also_accept", [])]
    wrong_holder = next(h["id"] for h in spec["holders"] if h["id"] not in accepted)
    answers[pieces[0]["id"]] = {"choice": "use", "holder": wrong_holder}  # half right
    answers[pieces[1]["id"]] = {"choice": "aside", "holder": ""}  # wrong
    answers[distractor["id"]] = {"choice": "use", "holder": ""}  # wrong
    for pid, ans in answers.items():
        choose_by_mouse(visit, pid, ans["choice"], ans["holder"])
    check(visit)
    result = {i["id"]: i for i in grade_jigsaw(spec, {"pieces": answers})["items"] if i["part"] == "piece"}
    score = sum(1 for i in result.values() if i["correct"])
    summary = visit.page.locator('[data-role="summary"]').inner_text()
    assert f"You have {score} of {len(spec['pieces'])} pieces right." in summary
    first = piece(visit, pieces[0]["id"]).locator(".so-fb").inner_text()
    assert "Partly right" in first and pieces[0]["hint"] in first and pieces[0]["reason"] not in first
    for p in (pieces[1], distractor):
        fb = piece(visit, p["id"]).locator(".so-fb").inner_text()
        assert "Not yet" in fb and p["hint"] in fb and p["reason"] not in fb
    # Locked pieces cannot change: only the three wrong ones still have controls.
    assert visit.page.locator(".so-piece input[type=radio]").count() == 3 * 2
    # A second try with the same wrong choices reveals the reasons.
    check(visit)
    for p in (pieces[0], pieces[1], distractor):
        assert result[p["id"]]["explanation"] in piece(visit, p["id"]).locator(".so-fb").inner_text()
    # Retry only the wrong ones.
    for p in (pieces[0], pieces[1], distractor):
        ans = right_answers(spec)[p["id"]]
        choose_by_mouse(visit, p["id"], ans["choice"], ans["holder"])
        assert piece(visit, p["id"]).locator(".so-fb").count() == 0  # the old verdict no longer applies
    check(visit)
    assert "All" in visit.page.locator('[data-role="summary"]').inner_text()


def test_progress_survives_reload_and_learner_text_stays_text(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("jigsaw")
    for pid, ans in right_answers(spec).items():
        choose_by_mouse(visit, pid, ans["choice"], ans["holder"])
    check(visit)
    first = next(p for p in spec["pieces"] if p["role"] == "piece")
    nasty = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> 30 minutes weekly'
    visit.page.locator(f'[data-provision="{first["id"]}"] textarea').fill(nasty)
    visit.reload()
    assert visit.page.locator(f'[data-provision="{first["id"]}"] textarea').input_value() == nasty
    assert visit.page.locator(".so-piece.so-locked").count() == len(spec["pieces"])
    assert visit.page.locator(".so-ex img, .so-ex script").count() == 0
    assert visit.page.evaluate("window.__pwned === undefined")


BAD_SHAPE = '{"version": 1, "answers": {"pieces": {"chewing": {"choice": "maybe"}}}}'


@pytest.mark.parametrize("raw", ["]]]", BAD_SHAPE], ids=["bad-json", "wrong-shape"])
def test_corrupt_saved_progress_is_set_aside(visit: Visit, spec: dict[str, Any], raw: str) -> None:
    visit.open("jigsaw")
    visit.corrupt(EID, raw)
    assert "could not be used" in visit.page.locator(".so-exercise .so-note").inner_text()
    assert visit.set_aside(EID) == [raw]
    p = spec["pieces"][0]
    choose_by_mouse(visit, p["id"], "use", p["holder"])
    check(visit)
    assert "Correct" in piece(visit, p["id"]).locator(".so-fb").inner_text()


def test_touch_at_320px(phone: Visit, spec: dict[str, Any]) -> None:
    phone.open("jigsaw")
    p = next(x for x in spec["pieces"] if x["role"] == "piece")
    piece(phone, p["id"]).locator('input[value="use"]').tap()
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320  # the holder menu fits
    piece(phone, p["id"]).locator("select").select_option(p["holder"])
    phone.page.get_by_role("button", name="Check my jigsaw").tap()
    assert "Correct" in piece(phone, p["id"]).locator(".so-fb").inner_text()
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_no_accessibility_violations(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("jigsaw")
    assert visit.axe_violations() == []
    for pid, ans in right_answers(spec).items():
        choose_by_mouse(visit, pid, ans["choice"], ans["holder"])
    check(visit)
    assert visit.axe_violations() == []
