"""Follow the golden thread on the built site: every plan by mouse and by keyboard alone, the missing link,
hints then reasons, saving and bad saved data. The right links come from the spec, never from this file."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Visit

from send_outcomes.grading import grade_thread
from send_outcomes.specs import load_spec

pytestmark = pytest.mark.browser
EID = "follow-the-thread-1"
COLUMNS = (("need", "needs"), ("outcome", "outcomes"), ("provision", "provision"))


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec(EID)


def expected(link: dict[str, Any], key: str) -> str:
    return "missing" if link[key] is None else link[key]


def select(v: Visit, case: str, aspiration: str, key: str) -> Any:
    return v.page.locator(f'select[data-link="{case}/{aspiration}/{key}"]')


def verdict(v: Visit, case: str, aspiration: str, key: str) -> str:
    """The feedback shown for one link (a locked right link replaces its menu with the verdict)."""
    link = f"{case}/{aspiration}/{key}"
    locked = v.page.locator(f'p[data-link="{link}"]')
    if locked.count():
        return locked.inner_text()
    return select(v, case, aspiration, key).locator("xpath=..").locator(".so-fb").inner_text()


def summary(v: Visit) -> str:
    return v.page.locator('[data-role="summary"]').inner_text()


def check(v: Visit) -> None:
    v.page.get_by_role("button", name="Check this plan").click()


def test_mouse_completes_every_plan(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("thread")
    for n, part in enumerate(spec["parts"]):
        visit.page.locator(f'nav.so-tabs button[data-key="part:{n}"]').click()
        for link in part["links"]:
            for key, _ in COLUMNS:
                select(visit, part["case"], link["aspiration"], key).select_option(expected(link, key))
        check(visit)
        assert f"All {3 * len(part['links'])} links" in summary(visit)
        for link in part["links"]:
            for key, _ in COLUMNS:
                text = verdict(visit, part["case"], link["aspiration"], key)
                assert "Correct" in text
                if link[key] is None:  # the missing link is explained
                    assert link["why"] in text
    saved = visit.saved(EID)["answers"]["links"]
    assert saved == {
        p["case"]: {lk["aspiration"]: {k: expected(lk, k) for k, _ in COLUMNS} for lk in p["links"]}
        for p in spec["parts"]
    }


def test_keyboard_alone_completes_the_first_plan(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("thread")
    part = spec["parts"][0]
    for link in part["links"]:
        for key, column in COLUMNS:
            visit.tab_to(f'select[data-link="{part["case"]}/{link["aspiration"]}/{key}"]')
            ids = [c["id"] for c in part[column]] + ["missing"]
            for _ in range(ids.index(expected(link, key)) + 1):  # option 0 is "Choose…"
                visit.page.keyboard.press("ArrowDown")
            assert select(visit, part["case"], link["aspiration"], key).input_value() == expected(link, key)
    visit.tab_to("button.so-primary")
    visit.page.keyboard.press("Enter")
    visit.wait_announced(f"All {3 * len(part['links'])} links")
    visit.tab_to('button[data-key="next"]')
    visit.page.keyboard.press("Enter")
    assert visit.page.locator(f'section[data-case="{spec["parts"][1]["case"]}"]').count() == 1


def test_wrong_links_get_hints_then_the_reason(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("thread")
    part = spec["parts"][0]
    link = next(lk for lk in part["links"] if any(lk[k] is None for k, _ in COLUMNS))
    gap = next(k for k, _ in COLUMNS if link[k] is None)
    column = dict(COLUMNS)[gap]
    wrong = part[column][0]["id"]  # a real card where the plan has nothing that fits
    answers = {lk["aspiration"]: {k: expected(lk, k) for k, _ in COLUMNS} for lk in part["links"]}
    answers[link["aspiration"]][gap] = wrong
    for asp, row in answers.items():
        for key, value in row.items():
            select(visit, part["case"], asp, key).select_option(value)
    check(visit)
    text = verdict(visit, part["case"], link["aspiration"], gap)
    assert "Not yet" in text and "Hint:" in text and link["why"] not in text
    total = 3 * len(part["links"])
    assert f"You have {total - 1} of {total} links right" in summary(visit)
    check(visit)
    graded = grade_thread(spec, {"links": {part["case"]: answers}})
    item = next(i for i in graded["items"] if i["id"] == f"{part['case']}/{link['aspiration']}/{gap}")
    assert item["explanation"] in verdict(visit, part["case"], link["aspiration"], gap)
    select(visit, part["case"], link["aspiration"], gap).select_option("missing")
    check(visit)
    assert "Correct" in verdict(visit, part["case"], link["aspiration"], gap)


def test_progress_and_plan_survive_a_reload(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("thread")
    part = spec["parts"][1]
    visit.page.locator('nav.so-tabs button[data-key="part:1"]').click()
    link = part["links"][0]
    select(visit, part["case"], link["aspiration"], "need").select_option(expected(link, "need"))
    visit.reload()
    assert visit.page.locator(f'section[data-case="{part["case"]}"]').count() == 1
    assert select(visit, part["case"], link["aspiration"], "need").input_value() == expected(link, "need")


@pytest.mark.parametrize("raw", ["{'single': quotes}", '{"version": 1, "answers": {"links": "kyle"}}'])
def test_corrupt_saved_progress_is_set_aside(visit: Visit, spec: dict[str, Any], raw: str) -> None:
    visit.open("thread")
    visit.corrupt(EID, raw)
    assert "could not be used" in visit.page.locator(".so-exercise .so-note").inner_text()
    assert visit.set_aside(EID) == [raw]
    part = spec["parts"][0]
    link = part["links"][0]
    select(visit, part["case"], link["aspiration"], "need").select_option(expected(link, "need"))
    check(visit)
    assert "Correct" in verdict(visit, part["case"], link["aspiration"], "need")


def test_touch_at_320px(phone: Visit, spec: dict[str, Any]) -> None:
    phone.open("thread")
    part = spec["parts"][0]
    link = part["links"][0]
    select(phone, part["case"], link["aspiration"], "need").select_option(expected(link, "need"))
    phone.page.get_by_role("button", name="Check this plan").tap()
    assert "Correct" in verdict(phone, part["case"], link["aspiration"], "need")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_no_accessibility_violations(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("thread")
    assert visit.axe_violations() == []
    part = spec["parts"][0]
    for n, link in enumerate(part["links"]):
        for key, column in COLUMNS:
            value = expected(link, key) if n else part[column][-1]["id"]
            select(visit, part["case"], link["aspiration"], key).select_option(value)
    check(visit)
    assert visit.axe_violations() == []
