"""Trainers' sessions are generated from data: the plan adds up, the handouts carry the exercises' own
content and none of their answers, and the evaluation form asks about every objective on one page."""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path

import pytest

from send_outcomes.specs import cases, load_spec
from send_outcomes.sphinx.sessions import (
    SessionError,
    evaluation_html,
    handouts_html,
    load_session,
    plan_markdown,
)

ROOT = Path(__file__).resolve().parents[2]
FORUM = "parent-carer-forum"


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_forum_session_lasts_ninety_minutes_and_covers_hopes_needs_and_voice() -> None:
    session = load_session(FORUM)
    assert sum(a["minutes"] for a in session["activities"]) == session["minutes"] == 90
    assert {"aspirations", "needs", "voice"} <= {a["topic"] for a in session["activities"]}
    rows = [line for line in plan_markdown(session).splitlines() if line.startswith("| ")]
    assert rows[1].startswith("| 0:00 to 0:10 |")
    assert rows[-1].startswith("| 1:25 to 1:30 |")
    assert all(f"- {o}" in plan_markdown(session) for o in session["objectives"])


def test_every_page_the_plan_links_to_exists() -> None:
    labels = {m for p in (ROOT / "book").rglob("*.md") for m in re.findall(r"^\(([\w-]+)\)=$",
                                                                          p.read_text("utf-8"), re.M)}
    refs = set(re.findall(r"\{ref\}`([\w-]+)`", plan_markdown(load_session(FORUM))))
    assert refs and refs <= labels, refs - labels


def test_handouts_carry_the_exercises_content_and_no_answers() -> None:
    session = load_session(FORUM)
    shown = text(handouts_html(session))
    sort = load_spec("sort-statements-1")
    kept = [i for i in sort["items"] if i["kind"] in ("aspiration", "need", "outcome")]
    assert kept
    for item in kept:
        assert " ".join(item["text"].split()) in shown
        assert " ".join(item["why"].split()) not in shown
    for case in ("bea", "sam", "finn"):
        assert cases()[case]["story"] in shown
    fix = load_spec("fix-the-outcome-1")
    used = [r for r in fix["rounds"] if r["case"] in ("becca", "sam")]
    for rnd in used:
        assert rnd["original"] in shown
        assert rnd["model_answer"] not in shown and rnd["problem"] not in shown
        assert all(h not in shown for h in rnd["hints"])


def test_the_evaluation_form_asks_about_every_objective_on_one_page() -> None:
    session = load_session(FORUM)
    form = evaluation_html(session)
    rows = re.findall(r'<tr><th scope="row">', form)
    assert len(rows) == len(session["objectives"]) <= 8
    for objective in session["objectives"]:
        assert escape(objective) in form
    assert len(session["evaluation"]["open"]) <= 3
    assert "do not write your name" in form


def test_bad_sessions_are_refused_with_a_reason(tmp_path: Path) -> None:
    session = json.loads(json.dumps(load_session(FORUM)))
    session["activities"][0]["minutes"] += 5
    session["handouts"][0]["exercise"] = "no-such-exercise"
    path = tmp_path / "sessions.json"
    path.write_text(json.dumps({"sessions": [session]}), encoding="utf-8")
    with pytest.raises(SessionError, match=r"95 minutes.*no exercise 'no-such-exercise'"):
        load_session(FORUM, path)
    with pytest.raises(SessionError, match="no session 'nope'"):
        load_session("nope")


def test_text_from_the_data_is_escaped() -> None:
    session = json.loads(json.dumps(load_session(FORUM)))
    session["objectives"] = ['<img src=x onerror="alert(1)">']
    session["handouts"] = [{"kind": "questions", "title": "<b>t</b>", "items": ["<script>x</script>"]}]
    html = handouts_html(session) + evaluation_html(session)
    assert "<img" not in html and "<script>" not in html and "<b>t" not in html
