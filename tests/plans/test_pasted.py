"""A pasted list's headings: which lines are headings, the section each gives the lines after it, and the
objects ``read_list`` returns (what ``check --list`` prints and the JupyterLab checker shows)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from send_outcomes.analysis import analyse_all
from send_outcomes.plans.pasted import list_heading, list_sections, read_list

DATA = json.loads((Path(__file__).parent.parent / "data" / "list_headings.json").read_text("utf-8"))
TABLE, PASTED = DATA["lines"], DATA["pasted"]


@pytest.mark.parametrize(("line", "letter"), TABLE)
def test_a_line_is_a_heading_only_when_it_reads_as_one(line: str, letter: str | None) -> None:
    assert list_heading(line) == letter


def test_a_heading_gives_its_section_to_the_lines_after_it() -> None:
    lines = ["Ola will read.", "Section F", "Small group work", "Health needs", "Asthma"]
    assert list_sections(lines, "E") == [("E", False), ("F", True), ("F", False), ("C", True), ("C", False)]
    assert list_sections(lines[2:]) == [(None, False), ("C", True), ("C", False)]


def test_read_list_reads_the_statements_together_in_their_sections() -> None:
    lines = PASTED
    got = read_list(lines, "A")
    assert got[1] == {"text": lines[1], "heading": "E", "name": "Outcomes"}
    assert got[4] == {"text": lines[4], "heading": "F", "name": "Special educational provision"}
    statements = [0, 2, 3, 5, 6]
    expected = analyse_all([lines[i] for i in statements], sections=["A", "E", "E", "F", "F"])
    assert [got[i] for i in statements] == [a.to_dict() for a in expected]
    # the headings change the reading: with no sections, the same lines are read otherwise (kind or certainty)
    unheaded = analyse_all([lines[i] for i in statements])
    assert [a.to_dict() for a in expected] != [a.to_dict() for a in unheaded]
    assert read_list([]) == []
    assert read_list(["Outcomes"]) == [{"text": "Outcomes", "heading": "E", "name": "Outcomes"}]
