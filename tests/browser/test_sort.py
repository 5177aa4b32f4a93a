"""Sort the statements on the built site: mouse, keyboard alone, touch, feedback, saving and bad saved data.

The expected placements and reasons come from the spec (send_outcomes.specs.load_spec), never from this file.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import Visit

from send_outcomes.specs import load_spec

pytestmark = pytest.mark.browser
EID = "sort-statements-1"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec(EID)


def label(spec: dict[str, Any], kind: str) -> str:
    return next(c["label"] for c in spec["categories"] if c["id"] == kind)


def wrong_kind(spec: dict[str, Any], kind: str, skip: int = 1) -> str:
    ids = [c["id"] for c in spec["categories"]]
    return ids[(ids.index(kind) + skip) % len(ids)]


def card(v: Visit, item_id: str) -> Any:
    return v.page.locator(f'.so-card[data-item="{item_id}"]')


def feedback(v: Visit, item_id: str) -> str:
    return card(v, item_id).locator(".so-fb").inner_text()


def check(v: Visit) -> None:
    v.page.get_by_role("button", name="Check my answers").click()


def test_mouse_drag_and_drop_completes_with_reasons(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("sort")
    for item in spec["items"]:
        card(visit, item["id"]).locator(".so-grab").drag_to(
            visit.page.locator(f'.so-zone[data-zone="{item["kind"]}"] .so-zone-head')
        )
        assert card(visit, item["id"]).locator("xpath=ancestor::*[@data-zone][1]").get_attribute(
            "data-zone"
        ) == item["kind"]
    check(visit)
    summary = visit.page.locator('[data-role="summary"]').inner_text()
    assert f"All {len(spec['items'])} right" in summary
    for item in spec["items"]:
        text = feedback(visit, item["id"])
        assert "Correct" in text and item["why"] in text and label(spec, item["kind"]) in text
    saved = visit.saved(EID)
    assert saved["answers"]["placements"] == {i["id"]: i["kind"] for i in spec["items"]}


def test_keyboard_alone_completes_the_exercise(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("sort")
    zones = [""] + [c["id"] for c in spec["categories"]]
    visit.tab_to(".so-grab")
    for _ in spec["items"]:
        item_id = visit.page.evaluate("document.activeElement.closest('[data-item]').dataset.item")
        kind = next(i["kind"] for i in spec["items"] if i["id"] == item_id)
        visit.page.keyboard.press("Enter")  # pick up
        assert visit.page.locator(".so-card.so-picked").get_attribute("data-item") == item_id
        for _ in range(zones.index(kind)):
            visit.page.keyboard.press("ArrowRight")
        visit.page.keyboard.press("Enter")  # drop
        placed = card(visit, item_id).locator("xpath=ancestor::*[@data-zone][1]").get_attribute("data-zone")
        assert placed == kind
    # The live region says where the last card went.
    visit.wait_announced("Moved to")
    visit.tab_to("button.so-primary")
    visit.page.keyboard.press("Enter")
    assert f"All {len(spec['items'])} right" in visit.page.locator('[data-role="summary"]').inner_text()
    visit.wait_announced("right")


def test_escape_cancels_a_keyboard_move(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("sort")
    visit.tab_to(".so-grab")
    first = spec["items"][0]["id"]
    visit.page.keyboard.press("Space")
    visit.page.keyboard.press("ArrowRight")
    visit.page.keyboard.press("Escape")
    assert card(visit, first).locator("xpath=ancestor::*[@data-zone][1]").get_attribute("data-zone") == ""
    assert visit.page.locator(".so-card.so-picked").count() == 0
    assert visit.focused(f'.so-card[data-item="{first}"] .so-grab')


def test_wrong_answers_get_hints_then_the_answer_and_retry_only_wrong(
    visit: Visit, spec: dict[str, Any]
) -> None:
    visit.open("sort")
    items = spec["items"]
    wrong = {items[0]["id"], items[3]["id"]}
    for item in items:
        kind = wrong_kind(spec, item["kind"]) if item["id"] in wrong else item["kind"]
        card(visit, item["id"]).locator("select").select_option(kind)
    check(visit)
    n = len(items)
    assert f"You have {n - 2} of {n} right." in visit.page.locator('[data-role="summary"]').inner_text()
    for item in items:
        text = feedback(visit, item["id"])
        if item["id"] in wrong:
            assert "Not yet" in text and spec["hints"][item["kind"]] in text and item["why"] not in text
        else:
            assert "Correct" in text and item["why"] in text
    # Retry only the wrong ones: right cards are locked (no grip, no menu).
    grabbable = visit.page.locator(".so-card .so-grab")
    movable = grabbable.evaluate_all("bs => bs.map(b => b.closest('[data-item]').dataset.item)")
    assert sorted(movable) == sorted(wrong)
    # A second wrong try reveals the answer with its reason.
    for item in items:
        if item["id"] in wrong:
            card(visit, item["id"]).locator("select").select_option(wrong_kind(spec, item["kind"], 2))
    check(visit)
    for item in items:
        if item["id"] in wrong:
            text = feedback(visit, item["id"])
            assert f"It belongs under {label(spec, item['kind'])}" in text and item["why"] in text
    for item in items:
        if item["id"] in wrong:
            card(visit, item["id"]).locator("select").select_option(item["kind"])
    check(visit)
    assert f"All {n} right" in visit.page.locator('[data-role="summary"]').inner_text()


def test_progress_survives_a_reload(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("sort")
    first, second = spec["items"][0], spec["items"][1]
    card(visit, first["id"]).locator("select").select_option(first["kind"])
    card(visit, second["id"]).locator("select").select_option(wrong_kind(spec, second["kind"]))
    check(visit)
    visit.reload()
    zone = card(visit, second["id"]).locator("xpath=ancestor::*[@data-zone][1]").get_attribute("data-zone")
    assert zone == wrong_kind(spec, second["kind"])
    assert "Correct" in feedback(visit, first["id"])
    assert "Not yet" in feedback(visit, second["id"])
    assert visit.page.locator(".so-note").count() == 0


@pytest.mark.parametrize(
    "raw",
    ["{not json", json.dumps({"version": 1, "answers": {"placements": ["a", "b"]}}), json.dumps([1, 2])],
    ids=["bad-json", "wrong-shape", "not-an-object"],
)
def test_corrupt_saved_progress_is_set_aside_with_a_note(
    visit: Visit, spec: dict[str, Any], raw: str
) -> None:
    visit.open("sort")
    visit.page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["send-outcomes:v1:" + EID, raw])
    visit.reload()
    note = visit.page.locator(".so-exercise .so-note")
    assert note.count() == 1 and "could not be used" in note.inner_text()
    assert visit.set_aside(EID) == [raw]
    item = spec["items"][0]
    card(visit, item["id"]).locator("select").select_option(item["kind"])
    check(visit)
    assert "Correct" in feedback(visit, item["id"])
    assert visit.saved(EID)["answers"]["placements"] == {item["id"]: item["kind"]}


def test_touch_at_320px(phone: Visit, spec: dict[str, Any]) -> None:
    phone.open("sort")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320
    item = spec["items"][0]
    card(phone, item["id"]).locator(".so-grab").tap()
    phone.page.locator(f'.so-zone[data-zone="{item["kind"]}"] .so-drop').tap()
    zone = card(phone, item["id"]).locator("xpath=ancestor::*[@data-zone][1]").get_attribute("data-zone")
    assert zone == item["kind"]
    phone.page.get_by_role("button", name="Check my answers").tap()
    assert "Correct" in feedback(phone, item["id"])
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320
    size = card(phone, spec["items"][1]["id"]).locator(".so-grab").bounding_box()
    assert size and size["width"] >= 24 and size["height"] >= 24  # WCAG 2.2 target size (minimum)


def test_no_accessibility_violations(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("sort")
    assert visit.axe_violations() == []
    for n, item in enumerate(spec["items"]):
        kind = wrong_kind(spec, item["kind"]) if n % 4 == 0 else item["kind"]
        card(visit, item["id"]).locator("select").select_option(kind)
    check(visit)
    assert visit.axe_violations() == []
