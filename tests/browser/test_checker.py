"""Check your plan on the built site: one result per line from the in-page analyser (agreeing with the
Python one reading the same lines as one list), the line cap, learner text kept as text, and nothing saved
in the browser."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Visit

from send_outcomes.analysis import analyse_all
from send_outcomes.plans.pasted import read_list
from send_outcomes.specs import load_spec

pytestmark = pytest.mark.browser
EID = "check-your-plan"
LINES = [
    "Kyle would like more friends.",
    "Becca will attend a social skills group every day.",
    "",
    "By the end of Year 7, Kyle will read and follow a five-step recipe in his food lessons without help.",
    "Leon will develop independent living skills.",
]

COUNT = "(n) => document.querySelectorAll('.so-checker li.so-result').length === n"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec(EID)


def rows(v: Visit) -> Any:
    return v.page.locator(".so-checker li.so-result")


def assert_rows(v: Visit, lines: list[str], section: str | None = None) -> None:
    numbered = [(n, text.strip()) for n, text in enumerate(lines, start=1) if text.strip()]
    v.page.wait_for_function(COUNT.replace("li.so-result", "li.so-result[data-kind]"), arg=len(numbered))
    # Typing is checked as it goes: wait until each row shows its whole line, not a result for half of it.
    v.page.wait_for_function(
        "(lines) => lines.every(([n, text]) => {"
        "  const row = document.querySelector(`.so-checker li.so-result[data-line='${n}'][data-kind]`);"
        "  return !!row && row.querySelector('.so-result-text').textContent.includes(text); })",
        arg=numbered,
    )
    texts = [text for _, text in numbered]
    together = analyse_all(texts, sections=[section] * len(texts))  # the lines are read as one list
    for (n, text), analysis in zip(numbered, together, strict=True):
        expected = analysis.to_dict()
        row = v.page.locator(f'.so-checker li.so-result[data-line="{n}"]')
        assert row.get_attribute("data-kind") == expected["kind"], text
        assert text in row.locator(".so-result-text").inner_text()
        if expected["smart"] is None:
            assert row.locator("li[data-criterion]").count() == 0
            continue
        for criterion, value in [*expected["smart"].items(), ("person_centred", expected["person_centred"])]:
            assert row.locator(f'li[data-criterion="{criterion}"]').get_attribute("data-met") == str(
                bool(value)
            ).lower(), (text, criterion)


def test_typing_lines_gives_a_result_per_line_and_saves_nothing(visit: Visit) -> None:
    visit.open("checker")
    visit.tab_to(".so-checker textarea")  # keyboard alone
    for n, line in enumerate(LINES):
        if n:
            visit.page.keyboard.press("Enter")
        visit.page.keyboard.type(line)
    assert_rows(visit, LINES)
    summary = visit.page.locator('.so-checker [data-role="summary"]').inner_text()
    assert summary.startswith(f"{sum(1 for x in LINES if x.strip())} lines checked")
    stored = visit.page.evaluate(
        "[...Object.keys(localStorage), ...Object.values(localStorage), ...Object.keys(sessionStorage),"
        " ...Object.values(sessionStorage)].join('\\n')"
    )
    assert "send-outcomes" not in stored
    assert not any(line and line in stored for line in LINES)


def test_the_section_chosen_by_keyboard_is_read_with_every_line(visit: Visit) -> None:
    lines = ["Small group work", "Reading and writing", "Making friends"]  # read differently under A
    visit.open("checker")
    visit.page.locator(".so-checker textarea").fill("\n".join(lines))
    assert_rows(visit, lines)
    visit.tab_to(".so-checker select")  # keyboard alone: the first option after "Not sure" is Section A
    visit.page.keyboard.press("ArrowDown")
    assert visit.page.locator(".so-checker select").input_value() == "A"
    first = analyse_all(lines, sections=["A"] * 3)[0].kind
    visit.page.wait_for_function(
        "(kind) => document.querySelector('.so-checker li.so-result[data-line=\"1\"]').dataset.kind === kind",
        arg=first,
    )
    assert_rows(visit, lines, "A")
    assert [a.kind for a in analyse_all(lines, sections=["A"] * 3)] != [a.kind for a in analyse_all(lines)]


def test_a_heading_line_gives_its_section_to_the_lines_below(visit: Visit) -> None:
    """The page finds headings as Python's read_list does (JupyterLab, ``check --list``): the heading's row
    says which section follows, and the rows after it are read in that section, over the one chosen."""
    lines = ["Having a job and earning money", "Section F: Provision", "Small group work", "Making friends"]
    visit.open("checker")
    visit.page.locator(".so-checker select").select_option("A")
    visit.page.locator(".so-checker textarea").fill("\n".join(lines))
    expected = read_list(lines, "A")
    kinds = [e.get("kind", "heading") for e in expected]
    assert kinds[1] == "heading" and kinds[2:] != [a.kind for a in analyse_all(lines[2:], sections=["A"] * 2)]
    visit.page.wait_for_function(
        "(kinds) => kinds.every((k, i) => document.querySelector("
        "`.so-checker li.so-result[data-line='${i + 1}']`)?.dataset.kind === k)",
        arg=kinds,
    )
    heading = visit.page.locator('.so-checker li.so-result[data-line="2"]').inner_text()
    assert "The lines below it are read as Section F (Special educational provision)." in heading
    summary = visit.page.locator('.so-checker [data-role="summary"]').inner_text()
    assert summary.startswith("4 lines checked") and "1 heading." in summary


def test_pasted_text_and_clear_by_mouse(visit: Visit) -> None:
    visit.open("checker")
    visit.page.locator(".so-checker textarea").fill("\n".join(LINES))
    assert_rows(visit, LINES)
    visit.page.get_by_role("button", name="Clear").click()
    assert rows(visit).count() == 0
    assert visit.focused(".so-checker textarea")


def test_lines_beyond_the_cap_are_left_out_with_a_note(visit: Visit, spec: dict[str, Any]) -> None:
    visit.open("checker")
    cap = spec["max_lines"]
    lines = [f"By the end of Year 6, Sam will read {n} words." for n in range(cap + 7)]
    visit.page.locator(".so-checker textarea").fill("\n".join(lines))
    visit.page.wait_for_function(COUNT, arg=cap)
    note = visit.page.locator(".so-checker .so-note").inner_text()
    assert f"first {cap} lines" in note and "7 lines were left out" in note


def test_learner_text_is_shown_as_text(visit: Visit) -> None:
    visit.open("checker")
    nasty = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=2</script> will attend a club"]
    visit.page.locator(".so-checker textarea").fill("\n".join(nasty))
    assert_rows(visit, nasty)
    assert visit.page.locator(".so-ex img, .so-ex script").count() == 0
    assert visit.page.evaluate("window.__pwned === undefined")


def test_touch_at_320px(phone: Visit) -> None:
    phone.open("checker")
    phone.page.locator(".so-checker textarea").tap()
    phone.page.locator(".so-checker textarea").fill(LINES[3])
    assert_rows(phone, [LINES[3]])
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 320


def test_no_accessibility_violations(visit: Visit) -> None:
    visit.open("checker")
    assert visit.axe_violations() == []
    visit.page.locator(".so-checker textarea").fill("\n".join(LINES))
    assert_rows(visit, LINES)
    assert visit.axe_violations() == []
