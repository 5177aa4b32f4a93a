"""Course text kept as data: the generators read it, and the book pages it links to exist."""

from __future__ import annotations

import json
import re
from typing import Any

from send_outcomes import generate_notebooks as gen
from send_outcomes.course import assignments, notebooks
from send_outcomes.specs import load_spec
from send_outcomes.sphinx import worksheet

TEXT_DIR = gen.DATA / "text"


def _placeholders(value: Any) -> set[str]:
    if isinstance(value, str):
        return set(re.findall(r"{(\w+)}", value))
    if isinstance(value, list):
        return set().union(*map(_placeholders, value)) if value else set()
    if isinstance(value, dict):
        return set().union(*map(_placeholders, value.values())) if value else set()
    return set()


def test_every_text_file_is_json_with_only_the_placeholders_its_reader_fills() -> None:
    allowed = {
        "assignment_notebook.json": {"title"},
        "practice_notebooks.json": {"exercise_id", "book_page"},
        "worksheet.json": {"n", "name", "title"},
    }
    for path in sorted(TEXT_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data.get("description"), str), f"{path.name}: say what the text is for"
        assert _placeholders(data) <= allowed.get(path.name, set()), path.name


def test_each_practice_notebook_links_to_a_book_page_that_exists() -> None:
    for name, exercise_id, page in gen.PRACTICE:
        assert (gen.ROOT / page).is_file(), f"{name}: no book page {page}"
        intro = "".join(gen.build(name, exercise_id, page)["cells"][0]["source"])
        assert f"[{page}](../{page})" in intro


def test_the_practice_notebook_says_what_the_text_file_says() -> None:
    saving = gen.build(*gen.PRACTICE[0])
    intro = "".join(saving["cells"][0]["source"])
    assert gen.TEXT["saved"].format(exercise_id=gen.PRACTICE[0][1]) in intro
    assert "".join(saving["cells"][2]["source"]) == gen.TEXT["score_intro"]
    checker = gen.build(*gen.PRACTICE[-1])
    code = "".join(checker["cells"][3]["source"])
    assert all(f"\n{line}\n" in code for line in gen.TEXT["text_check_examples"])


def test_the_assignment_notebook_says_what_the_text_file_says() -> None:
    nb = notebooks.master_notebook(assignments.SORTING)
    assert nb.cells[0].source == notebooks.TEXT["intro"].format(title=assignments.SORTING.title)
    test_cell = next(c for c in nb.cells if c.metadata["nbgrader"]["grade"] and c.cell_type == "code")
    first_line = notebooks.TEXT["test_comment"].format(title=assignments.SORTING.tests[0].title)
    assert test_cell.source.startswith(first_line + "\n")
    prompt = assignments.SORTING.written[0]
    assert f"{notebooks.TEXT['written_heading']}\n\n{prompt.prompt}" in [c.source for c in nb.cells]


def test_every_paper_worksheet_has_its_own_instructions_and_words_from_the_text_file() -> None:
    assert set(worksheet.TEXT["on_paper"]) == set(worksheet.RENDERERS)
    html = worksheet.worksheet_html(load_spec("fix-the-outcome-1"))
    assert worksheet.TEXT["on_paper"]["fix"] in html
    assert worksheet.TEXT["fix"]["rewrite"] in html
    assert html.count("<h3>" + worksheet.TEXT["fix"]["round"].split("{")[0]) == len(
        load_spec("fix-the-outcome-1")["rounds"]
    )
    assert worksheet.TEXT["name_line_html"] in html
