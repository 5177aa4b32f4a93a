"""Real draft plans: the six example plans as Word, PDF and text, the report's forms, and the CLI."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from send_outcomes.cli import main
from send_outcomes.plans import check, read_plan
from send_outcomes.plans.examples import EXAMPLES, score, specs
from send_outcomes.plans.read import read_document
from send_outcomes.plans.report import to_dict, to_html, to_text

FORMATS = ("docx", "pdf", "txt")
SPECS = specs()
LAYOUTS = {s["layout"] for s in SPECS}


def _found(path: Path) -> set[tuple[str, str, str]]:
    plan = read_plan(path)
    return {(p.code, p.section, p.text) for p in check(plan)}


def test_six_plans_in_at_least_four_layouts():
    assert len(SPECS) >= 6 and len(LAYOUTS) >= 4
    for s in SPECS:
        for ext in FORMATS:
            assert (EXAMPLES / f"{s['id']}.{ext}").stat().st_size > 500


@pytest.mark.parametrize("ext", FORMATS)
def test_recall_and_false_alarms_on_the_examples(ext):
    found = planted = alarmed = sound = 0
    missed = []
    for s in SPECS:
        plan = read_plan(EXAMPLES / f"{s['id']}.{ext}")
        r = score(s, plan, check(plan))
        found += len(r["found"])
        planted += len(r["planted"])
        alarmed += r["alarmed_items"]
        sound += r["sound"]
        missed += [(s["id"], m["code"]) for m in r["missed"]]
    assert found / planted >= 0.9, missed
    assert alarmed / sound <= 0.05
    assert sound >= 40


@pytest.mark.parametrize("spec", SPECS, ids=[s["id"] for s in SPECS])
def test_word_pdf_and_text_give_the_same_problems(spec):
    docx = _found(EXAMPLES / f"{spec['id']}.docx")
    assert docx
    assert _found(EXAMPLES / f"{spec['id']}.pdf") == docx
    assert _found(EXAMPLES / f"{spec['id']}.txt") == docx


def test_every_planted_code_and_the_issue_codes_are_exercised():
    codes = Counter(e["code"] for s in SPECS for e in s["expected"])
    for code in (
        "need_without_provision",
        "need_without_outcome",
        "provision_not_specific",
        "outcome_is_provision",
        "outcome_not_smart",
        "aspiration_as_outcome",
        "provision_without_outcome",
        "health_provision_in_f",
        "educational_provision_in_g_h",
    ):
        assert codes[code] >= 1, code


def test_links_are_recovered_from_each_layout():
    for s in SPECS:
        plan = read_plan(EXAMPLES / f"{s['id']}.docx")
        hows = {how.split(" ")[0] for _, _, how in plan.links}
        assert plan.links, s["id"]
        if s["layout"] in ("single-table",):
            assert "same" in hows
        if s["layout"] in ("person-centred", "landscape"):
            assert "names" in hows


def test_sections_recognised_whatever_their_names_and_order():
    wren = read_plan(EXAMPLES / "wren-castell.docx")
    order = [i.section for i in wren.items]
    assert order.index("E") < order.index("B")  # this council puts outcomes first
    deniz = read_plan(EXAMPLES / "deniz-arslan.docx")
    assert {i.section for i in deniz.items} >= {"A", "B", "E", "F"}  # "All about me", "What I find hard"...
    assert deniz.child == {"name": "Deniz Arslan", "year": 10, "family": ["Selin Arslan"]}


def test_merged_cells_in_word_tables():
    blocks = read_document((EXAMPLES / "maisie-rowe.docx").read_bytes(), "maisie-rowe.docx").blocks
    title_rows = [b for b in blocks if b.kind == "row" and b.cells[0] == "Cognition and learning"]
    assert title_rows and title_rows[0].cells == ["Cognition and learning"]  # merged across: one cell


def test_json_report_shape(capsys):
    assert main(["plan", "--format", "json", str(EXAMPLES / "ola-brook.docx")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {"child", "sections", "links", "problems"} <= set(data)
    assert set(data["sections"]) >= {"A", "B", "E", "F"}
    assert all(
        set(x) == {"id", "text"} | (set(x) & {"area", "detail"}) for v in data["sections"].values() for x in v
    )
    p = data["problems"][0]
    assert {"code", "section", "text", "message", "severity", "rule"} <= set(p)
    assert {x["severity"] for x in data["problems"]} == {"law", "good practice"}
    assert all(x["rule"] for x in data["problems"])


def test_pseudonymise_replaces_child_and_family_names(capsys):
    for fmt in ("json", "text", "html"):
        assert main(["plan", "--pseudonymise", "--format", fmt, str(EXAMPLES / "ola-brook.pdf")]) == 1
        out = capsys.readouterr().out
        assert "Ola" not in out and "Brook" not in out and "[child]" in out, fmt
    plan = read_plan(EXAMPLES / "maisie-rowe.txt")
    text = to_text(plan, check(plan), pseudonymise=True)
    assert "Rowe" not in text and "Kerry" not in text and "Maisie" not in text


def test_html_report_escapes_and_loads_nothing(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Section E - Outcomes\n\n1. <img src=x onerror=alert(1)> will <b>attend</b> a club.\n\n"
        "Section F - Special educational provision\n\n"
        "- Access to <script>alert(2)</script> as appropriate.\n",
        encoding="utf-8",
    )
    plan = read_plan(path)
    page = to_html(plan, check(plan))
    assert "<img" not in page and "<script>" not in page and "&lt;script&gt;" in page
    assert "src=" not in page.replace("&lt;img src=x", "") and "http:" not in page and "https:" not in page
    assert "<link" not in page and "url(" not in page
    assert "default-src 'none'" in page
    assert page.count('class="problem') == len(check(plan)) >= 2


def test_text_plan_problems_beside_items():
    plan = read_plan(EXAMPLES / "wren-castell.txt")
    data = to_dict(plan, check(plan))
    ids = {x["id"] for v in data["sections"].values() for x in v}
    assert all(p["id"] in ids for p in data["problems"] if p["id"])


@pytest.mark.parametrize(("name", "code"), [("good-plan.yaml", 0), ("flawed-plan.yaml", 1)])
def test_explicit_form_uses_the_same_checks(name, code):
    path = EXAMPLES.parent.parent / "plans" / name
    problems = check(read_plan(path))
    assert (not problems) == (code == 0)
    if code:
        codes = {p.code for p in problems}
        assert {
            "need_without_outcome",
            "need_without_provision",
            "outcome_is_provision",
            "provision_without_outcome",
            "no_pfa_outcome",
        } <= codes


def test_stdin_text(monkeypatch, capsys):
    import io
    import sys

    class Stdin(io.StringIO):
        def __init__(self, data: bytes) -> None:
            super().__init__()
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", Stdin((EXAMPLES / "kofi-nwosu.txt").read_bytes()))
    assert main(["plan", "--format", "json", "-"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert any(p["code"] == "educational_provision_in_g_h" for p in data["problems"])


def test_regenerating_gives_the_same_content(tmp_path):
    from send_outcomes.plans import examples

    examples.main([str(tmp_path)])
    for s in SPECS:
        for ext in FORMATS:
            new = read_document((tmp_path / f"{s['id']}.{ext}").read_bytes(), f"x.{ext}")
            old = read_document((EXAMPLES / f"{s['id']}.{ext}").read_bytes(), f"x.{ext}")
            assert new.to_dict() == old.to_dict(), (s["id"], ext)
        assert (tmp_path / f"{s['id']}.pdf").read_bytes() == (EXAMPLES / f"{s['id']}.pdf").read_bytes()


def test_vertically_merged_cells_link_every_row_they_span():
    for ext in FORMATS:
        plan = read_plan(EXAMPLES / f"idris-quayle.{ext}")
        need = next(i for i in plan.items if i.text.startswith("Idris finds it hard to remember"))
        checklists = [i for i in plan.items if i.section == "F" and "checklist" in i.text]
        assert len(checklists) == 2, ext
        outcome = next(i for i in plan.items if i.section == "E" and "photo checklist" in i.text)
        for p in checklists:
            assert outcome.id in plan.neighbours(p.id), (ext, p.text)
        assert plan.neighbours(need.id) & {outcome.id}
    rows = [
        b
        for b in read_document((EXAMPLES / "idris-quayle.docx").read_bytes(), "x.docx").blocks
        if b.kind == "row" and b.cells[0] == "Cognition and learning"
    ]
    assert len(rows) == 2 and rows[0].cells[1] == rows[1].cells[1]  # the merged need, read in both rows


def test_too_many_outcomes_and_pfa_on_a_text_plan(tmp_path):
    outcomes = "\n".join(
        f"{n}. By the end of Year 10, Lowri will read {n} pages of a college prospectus aloud to her tutor."
        for n in range(1, 12)
    )
    path = tmp_path / "plan.txt"
    path.write_text(
        f"Name: Lowri Pike\nYear group: Year 10\n\nSection E - Outcomes\n\n{outcomes}\n", encoding="utf-8"
    )
    codes = [p.code for p in check(read_plan(path))]
    assert "too_many_outcomes" in codes and "no_pfa_outcome" not in codes  # "college" prepares for adulthood
    path.write_text(
        path.read_text().replace("college prospectus", "storybook").replace("\n\n1. ", "\n\n1. ", 1),
        encoding="utf-8",
    )
    codes = [p.code for p in check(read_plan(path))]
    assert "no_pfa_outcome" in codes


def test_a_section_named_in_a_table_row_heads_that_section(tmp_path):
    path = tmp_path / "banner.txt"
    path.write_text(
        "Name\tNoor Lacey\nYear group\tYear 3\n\n"
        "Section B\tSpecial educational needs\n\n"
        "1. Noor finds it hard to stay seated on the carpet during story time.\n\n"
        "Section E\tOutcomes\n\n"
        "1. By the end of Year 3, Noor will stay seated on the carpet for a ten-minute story.\n\n"
        "Section F\tSpecial educational provision\n\n"
        "- A teaching assistant will give Noor a wobble cushion and a fidget toy for 10 minutes daily "
        "at story time (Outcome 1).\n",
        encoding="utf-8",
    )
    plan = read_plan(path)
    assert [i.section for i in plan.items] == ["B", "E", "F"]
    assert plan.child == {"name": "Noor Lacey", "year": 3}
    assert check(plan) == []
