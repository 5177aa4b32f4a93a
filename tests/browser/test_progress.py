"""My progress: the learner's saved work across the course on one page, with export, import and reset.

Saved answers are put into localStorage in the same format the exercises write (host.js), so these tests
check the page against what a learner would really have; expected scores come from the Python graders.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Visit

from send_outcomes.grading import grade
from send_outcomes.specs import load_spec

pytestmark = pytest.mark.browser
PAGE = "book/my-progress.html"
SORT = "sort-statements-1"
KEY = "send-outcomes:v1:"


def half_right_sort() -> tuple[dict[str, Any], float, int]:
    """Sort answers with the first half of the items right and the rest in a wrong pile; score and max."""
    spec = load_spec(SORT)
    kinds = [c["id"] for c in spec["categories"]]
    placements = {}
    for n, item in enumerate(spec["items"]):
        right = item["kind"]
        placements[item["id"]] = right if n < len(spec["items"]) // 2 else kinds[(kinds.index(right) + 1) % 5]
    answers = {"placements": placements}
    result = grade(spec, answers)
    return answers, result["score"], result["max"]


def open_progress(v: Visit) -> None:
    v.page.goto(v.origin + "/" + PAGE)
    v.page.wait_for_selector(".so-progress[data-so-ready]", timeout=10_000)


def row(v: Visit, exercise_id: str) -> list[str]:
    cells = v.page.locator(f'tr[data-exercise="{exercise_id}"] > *')
    return [c.strip() for c in cells.all_inner_texts()]


def store(v: Visit, exercise_id: str, answers: Any) -> None:
    v.page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [KEY + exercise_id, json.dumps({"version": 1, "answers": answers})],
    )


def test_lists_every_exercise_and_scores_saved_work(visit: Visit) -> None:
    open_progress(visit)
    ids = visit.page.locator("tr[data-exercise]").evaluate_all("rs => rs.map(r => r.dataset.exercise)")
    assert set(ids) == {"sort-statements-1", "fix-the-outcome-1", "beas-jigsaw-1", "follow-the-thread-1"}
    assert all(row(visit, i)[1] == "Not started" for i in ids)

    answers, score, maximum = half_right_sort()
    store(visit, SORT, answers)
    open_progress(visit)
    _title, status, shown = row(visit, SORT)
    assert status == "In progress"
    assert shown == f"{round(score, 1):g} of {maximum}"
    # The link goes to the page that holds the exercise, relative to this page (works from a sub-path).
    href = visit.page.locator(f'tr[data-exercise="{SORT}"] a').get_attribute("href")
    assert href == f"exercises/sort-statements.html#exercise-{SORT}"
    assert visit.axe_violations() == []


def test_export_then_import_elsewhere_restores_the_answers(visit: Visit, tmp_path: Path) -> None:
    answers, _, _ = half_right_sort()
    open_progress(visit)
    store(visit, SORT, answers)
    open_progress(visit)
    with visit.page.expect_download() as download:
        visit.page.get_by_role("button", name="Export my progress").click()
    path = tmp_path / "progress.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["exercises"] == {SORT: answers}
    visit.wait_announced("Progress exported")

    # "Another device": clear everything, then import the file.
    visit.page.evaluate("() => localStorage.clear()")
    open_progress(visit)
    assert row(visit, SORT)[1] == "Not started"
    visit.page.locator('.so-progress input[type="file"]').set_input_files(str(path))
    visit.wait_announced("Progress imported")
    assert row(visit, SORT)[1] == "In progress"
    saved = json.loads(visit.page.evaluate("(k) => localStorage.getItem(k)", KEY + SORT))
    assert saved["answers"] == answers


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "could not be read as JSON"),
        (json.dumps({"format": "something-else", "version": 1, "exercises": {}}), "not a progress file"),
        (
            json.dumps({"format": "outcomes-that-matter-progress", "version": 1,
                        "exercises": {SORT: {"placements": ["not", "a", "map"]}}}),
            "Sort the statements",
        ),
    ],
)
def test_a_bad_file_changes_nothing_and_says_why(
    visit: Visit, tmp_path: Path, content: str, reason: str
) -> None:
    answers, _, _ = half_right_sort()
    open_progress(visit)
    store(visit, SORT, answers)
    open_progress(visit)
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    visit.page.locator('.so-progress input[type="file"]').set_input_files(str(path))
    visit.wait_announced("Import failed")
    notes = visit.page.locator(".so-progress .so-notes").inner_text()
    assert "Nothing was changed" in notes and reason in notes
    saved = json.loads(visit.page.evaluate("(k) => localStorage.getItem(k)", KEY + SORT))
    assert saved["answers"] == answers


def test_reset_asks_first_then_deletes_only_the_course_keys(visit: Visit) -> None:
    answers, _, _ = half_right_sort()
    open_progress(visit)
    store(visit, SORT, answers)
    visit.page.evaluate("() => { localStorage.setItem('other-site-thing', 'keep'); "
                        "localStorage.setItem('send-outcomes:v1:sort-statements-1:corrupt:x', 'old'); }")
    open_progress(visit)
    # Keyboard only: Tab to Reset, Enter, then the confirmation has focus; first say no.
    visit.tab_to('.so-progress button[data-action="reset"]')
    visit.page.keyboard.press("Enter")
    assert visit.focused('.so-progress button[data-action="reset-confirm"]')
    visit.page.keyboard.press("Tab")
    visit.page.keyboard.press("Enter")
    assert row(visit, SORT)[1] == "In progress"
    visit.page.keyboard.press("Enter")  # focus is back on Reset
    visit.page.keyboard.press("Enter")  # confirm
    visit.wait_announced("Progress deleted")
    keys = visit.page.evaluate("() => Object.keys(localStorage)")
    assert "other-site-thing" in keys
    assert [k for k in keys if k.startswith("send-outcomes")] == []
    assert row(visit, SORT)[1] == "Not started"
