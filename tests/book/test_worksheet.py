"""Worksheets (the print version of each exercise) carry every question and none of the answers."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import pytest

from send_outcomes.specs import all_specs, load_spec
from send_outcomes.sphinx.worksheet import worksheet_html

PRACTICE = sorted(i for i, s in all_specs().items() if s["mode"] == "practice" and s["type"] != "checker")


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def secrets(spec: dict) -> list[str]:
    """Every string of the key: reasons, model answers, hints, and the right holder of each piece."""
    found: list[str] = []
    for item in spec.get("items", []):
        found.append(item["why"])
    for rnd in spec.get("rounds", []):
        found += [rnd["model_answer"], rnd.get("problem", ""), *rnd.get("hints", [])]
    for piece in spec.get("pieces", []):
        found += [piece.get("reason", ""), piece.get("model_provision", ""), piece.get("hint", "")]
    for part in spec.get("parts", []):
        found += [link.get("why", "") for link in part["links"]]
    return [s for s in found if s]


def test_there_is_a_worksheet_for_every_practice_exercise() -> None:
    assert PRACTICE == ["beas-jigsaw-1", "fix-the-outcome-1", "follow-the-thread-1", "sort-statements-1"]


@pytest.mark.parametrize("exercise_id", PRACTICE)
def test_worksheet_has_the_questions_and_no_answers(exercise_id: str) -> None:
    spec = load_spec(exercise_id)
    text = text_of(worksheet_html(spec))
    questions = (
        [i["text"] for i in spec.get("items", [])]
        + [r["original"] for r in spec.get("rounds", [])]
        + [p["text"] for p in spec.get("pieces", [])]
        + [a["text"] for part in spec.get("parts", []) for a in part["aspirations"]]
    )
    assert questions
    for question in questions:
        assert " ".join(question.split()) in text
    leaked = [s for s in secrets(spec) if " ".join(s.split()) in text]
    assert leaked == []


def test_spec_text_is_escaped() -> None:
    spec = load_spec("sort-statements-1")
    spec["items"][0]["text"] = '<img src=x onerror="alert(1)"> & more'
    html = worksheet_html(spec)
    assert "<img" not in html
    assert escape('<img src=x onerror="alert(1)"> & more') in html


def test_the_checker_has_no_worksheet() -> None:
    assert worksheet_html(load_spec("check-your-plan")) == ""
