"""Assessment mode (the nbgrader notebooks): the same modules, given a spec with no answer key, must still
work and must show no right/wrong feedback, only that the answers are kept.

The modules are mounted in a page of the built site with the host's model stand-in and the spec a learner's
notebook would receive (``public_spec`` of an assessment exercise)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import Visit

from send_outcomes.specs import load_spec, public_spec

pytestmark = pytest.mark.browser

MOUNT = """async ([kind, spec]) => {
  const src = document.querySelector('script[src*="send_outcomes/host.js"]').src;
  const host = await import(src);
  const widget = (await import(new URL(kind + '.js', src).href)).default;
  const model = host.createModel({spec, mode: 'assessment', answers: {}, notes: [], engine: 'js',
    rules_url: new URL('rules.json', src).href, analysis: {}}, null);
  const el = document.createElement('div');
  el.id = 'assessed';
  document.querySelector('main').prepend(el);
  await widget.render({model, el});
  window.__assessed = model;
}"""
FEEDBACK_WORDS = ("Correct", "Not yet", "Partly right", "Hint:", "model answer", "Met:")


def mount(v: Visit, kind: str, exercise_id: str) -> dict[str, Any]:
    spec = public_spec(load_spec(exercise_id))
    assert spec["mode"] == "assessment"
    v.open("sort")  # any exercise page: it carries the host
    v.page.evaluate(MOUNT, [kind, json.loads(json.dumps(spec))])
    return spec


def answers(v: Visit) -> Any:
    return v.page.evaluate("window.__assessed.get('answers')")


def assert_no_feedback(v: Visit) -> None:
    text = v.page.locator("#assessed").inner_text()
    assert not [w for w in FEEDBACK_WORDS if w in text], text
    assert "saved" in text
    assert v.page.locator("#assessed button.so-primary").count() == 0  # no "Check" button


def test_sort(visit: Visit) -> None:
    spec = mount(visit, "sort", "sort-statements-a1")
    first = spec["items"][0]
    visit.page.locator(f'#assessed .so-card[data-item="{first["id"]}"] select').select_option("outcome")
    assert answers(visit)["placements"] == {first["id"]: "outcome"}
    assert_no_feedback(visit)


def test_fix(visit: Visit) -> None:
    spec = mount(visit, "fix", "fix-the-outcome-a1")
    draft = "By the end of Year 4, Ruby will get changed for PE on her own."
    visit.page.locator("#assessed textarea").fill(draft)
    assert answers(visit)["drafts"] == {spec["rounds"][0]["id"]: draft}
    visit.page.wait_for_timeout(400)  # past the checklist's pause: still nothing must appear
    assert visit.page.locator("#assessed li[data-criterion]").count() == 0
    assert_no_feedback(visit)


def test_jigsaw(visit: Visit) -> None:
    spec = mount(visit, "jigsaw", "beas-jigsaw-a1")
    first = spec["pieces"][0]
    piece = visit.page.locator(f'#assessed .so-piece[data-piece="{first["id"]}"]')
    piece.locator('input[value="use"]').check()
    piece.locator("select").select_option(spec["holders"][0]["id"])
    box = visit.page.locator(f'#assessed [data-provision="{first["id"]}"] textarea')
    box.fill("A nurse for 20 minutes every week")
    got = answers(visit)
    assert got["pieces"][first["id"]] == {"choice": "use", "holder": spec["holders"][0]["id"]}
    assert got["provision"] == {first["id"]: "A nurse for 20 minutes every week"}
    assert visit.page.locator("#assessed .so-criteria li").count() == 0
    assert_no_feedback(visit)


def test_thread(visit: Visit) -> None:
    spec = mount(visit, "thread", "follow-the-thread-a1")
    part = spec["parts"][0]
    asp = part["aspirations"][0]["id"]
    visit.page.locator(f'#assessed select[data-link="{part["case"]}/{asp}/need"]').select_option("missing")
    assert answers(visit)["links"] == {part["case"]: {asp: {"need": "missing"}}}
    assert_no_feedback(visit)
