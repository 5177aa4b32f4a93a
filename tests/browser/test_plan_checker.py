"""The whole-plan checker on the built site: every example plan (.docx and .pdf, and pasted text) gives the
same report in the page as the command line does, nothing leaves the page's origin, bad files get a clear
message, and the page has no accessibility violations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Visit

from send_outcomes.plans import check, read_plan
from send_outcomes.plans.examples import EXAMPLES, specs
from send_outcomes.plans.report import to_dict

pytestmark = pytest.mark.browser
SPECS = specs()
DONE = (
    "(s) => { const r = document.querySelector('.so-plan');"
    " return r && ['done', 'error'].includes(r.dataset.state) }"
)


def _python(path: Path) -> dict:
    plan = read_plan(path)
    return to_dict(plan, check(plan))


def _page_report(v: Visit) -> dict:
    v.page.wait_for_function(DONE, arg=None, timeout=20_000)
    assert v.page.locator(".so-plan").get_attribute("data-state") == "done", v.page.locator(
        '[data-role="plan-status"]'
    ).inner_text()
    return json.loads(v.page.locator(".so-plan pre.so-plan-json").text_content())


def _choose(v: Visit, path: Path) -> dict:
    v.page.evaluate("() => { const r = document.querySelector('.so-plan'); if (r) delete r.dataset.state; }")
    v.page.locator(".so-plan input[type=file]").set_input_files(str(path))
    return _page_report(v)


def _no_uploads(v: Visit) -> list[str]:
    methods: list[str] = []
    v.page.on("request", lambda r: methods.append(f"{r.method} {r.url}") if r.method != "GET" else None)
    return methods


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_every_example_plan_gives_the_cli_report(visit: Visit, ext: str) -> None:
    posts = _no_uploads(visit)
    visit.open("checker")
    for s in SPECS:
        path = EXAMPLES / f"{s['id']}.{ext}"
        page = _choose(visit, path)
        cli = _python(path)
        assert page["problems"] == cli["problems"], s["id"]
        assert page["sections"] == cli["sections"], s["id"]
        assert page["links"] == cli["links"], s["id"]
        assert page["child"] == cli["child"], s["id"]
        shown = visit.page.locator(".so-plan .so-plan-problem").count()
        assert shown == len(cli["problems"]) > 0
    assert posts == []
    assert all(visit.origin in u for u in visit.requests if not u.startswith(("data:", "blob:")))
    if ext == "pdf":
        assert any(u.split("?")[0].endswith("/vendor/pdf.worker.min.mjs") for u in visit.requests)


def test_pasted_text_gives_the_cli_report(visit: Visit) -> None:
    visit.open("checker")
    for s in SPECS[:3]:
        path = EXAMPLES / f"{s['id']}.txt"
        visit.page.evaluate("() => { delete document.querySelector('.so-plan').dataset.state; }")
        visit.page.locator(".so-plan textarea").fill(path.read_text(encoding="utf-8"))
        visit.page.get_by_role("button", name="Check the pasted text").click()
        assert _page_report(visit)["problems"] == _python(path)["problems"]


def test_pdf_js_is_loaded_only_for_a_pdf(visit: Visit) -> None:
    visit.open("checker")
    _choose(visit, EXAMPLES / "ola-brook.docx")
    assert not any("pdf.min.mjs" in u or "pdf.worker" in u for u in visit.requests)


def test_names_replaced_for_sharing(visit: Visit) -> None:
    visit.open("checker")
    _choose(visit, EXAMPLES / "maisie-rowe.docx")
    visit.page.get_by_label("Replace the child's and family's names in the report").check()
    text = visit.page.locator(".so-plan .so-plan-results").inner_text()
    assert "Maisie" not in text and "Rowe" not in text and "[child]" in text


def test_page_says_the_file_never_leaves_the_device(visit: Visit) -> None:
    visit.open("checker")
    note = visit.page.locator(".so-plan .so-note").inner_text()
    assert "never uploaded or sent" in note and "remove the child's and family's names" in note


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("protected.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password"),
        ("scan.txt", b"\xff\xfe\x00 not text", "not UTF-8"),
        ("broken.pdf", b"%PDF-1.7\ntrash", "not a PDF that can be read"),
        ("letter.txt", b"Dear parent,\nPlease find the plan attached.\n", "nothing was checked"),
    ],
)
def test_bad_files_get_a_clear_message(
    visit: Visit, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    visit.open("checker")
    path = tmp_path / name
    path.write_bytes(data)
    visit.page.locator(".so-plan input[type=file]").set_input_files(str(path))
    visit.page.wait_for_function(DONE, arg=None, timeout=20_000)
    assert visit.page.locator(".so-plan").get_attribute("data-state") == "error"
    assert words in visit.page.locator('[data-role="plan-status"]').inner_text()


def test_zip_bomb_is_refused_unopened(visit: Visit, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a/>")
        with z.open("word/big.bin", "w") as f:
            for _ in range(120):
                f.write(b"\0" * 1_000_000)
    visit.open("checker")
    visit.page.locator(".so-plan input[type=file]").set_input_files(str(path))
    visit.page.wait_for_function(DONE, arg=None, timeout=20_000)
    assert "zip bomb" in visit.page.locator('[data-role="plan-status"]').inner_text()


def test_report_is_text_not_markup(visit: Visit) -> None:
    visit.open("checker")
    visit.page.locator(".so-plan textarea").fill(
        "Section F - Special educational provision\n\n"
        '- <img src=x onerror="window.__pwned=1"> access to help\n'
    )
    visit.page.get_by_role("button", name="Check the pasted text").click()
    _page_report(visit)
    assert visit.page.locator(".so-plan img").count() == 0
    assert visit.page.evaluate("window.__pwned === undefined")


def test_no_accessibility_violations_with_a_report(visit: Visit) -> None:
    visit.open("checker")
    _choose(visit, EXAMPLES / "kofi-nwosu.pdf")
    assert visit.axe_violations() == []


def test_damaged_copies_get_a_report_or_a_message(visit: Visit, tmp_path: Path) -> None:
    """Bytes changed at random (seeded) in a Word file and a PDF: the page reads each copy or says why
    not, and no script error escapes (the fixture fails the test on any)."""
    import random

    visit.open("checker")
    for name in ("ola-brook.docx", "kofi-nwosu.pdf"):
        data = (EXAMPLES / name).read_bytes()
        rng = random.Random(name)
        for n in range(6):
            broken = bytearray(data)
            for _ in range(rng.randint(1, 40)):
                broken[rng.randrange(len(broken))] = rng.randrange(256)
            path = tmp_path / f"{n}-{name}"
            path.write_bytes(bytes(broken))
            visit.page.evaluate("() => { delete document.querySelector('.so-plan').dataset.state; }")
            visit.page.locator(".so-plan input[type=file]").set_input_files(str(path))
            visit.page.wait_for_function(DONE, arg=None, timeout=20_000)
            assert visit.page.locator('[data-role="plan-status"]').inner_text().strip()


def test_shuffled_plans_agree_with_python(visit: Visit, tmp_path: Path) -> None:
    """Lines of the example plans shuffled (seeded) into new documents: whatever the page makes of them,
    it makes the same as Python does (sections, links and problems)."""
    import random

    lines = [x for s in SPECS for x in (EXAMPLES / f"{s['id']}.txt").read_text(encoding="utf-8").splitlines()]
    visit.open("checker")
    for seed in range(4):
        rng = random.Random(seed)
        text = "\n".join(rng.sample(lines, 60))
        path = tmp_path / f"shuffled-{seed}.txt"
        path.write_text(text, encoding="utf-8")
        try:
            cli = _python(path)
        except Exception:  # nothing recognisable: the page must say so too
            cli = None
        visit.page.evaluate("() => { delete document.querySelector('.so-plan').dataset.state; }")
        visit.page.locator(".so-plan textarea").fill(text)
        visit.page.get_by_role("button", name="Check the pasted text").click()
        visit.page.wait_for_function(DONE, arg=None, timeout=20_000)
        if cli is None:
            assert visit.page.locator(".so-plan").get_attribute("data-state") == "error"
            continue
        page = json.loads(visit.page.locator(".so-plan pre.so-plan-json").text_content())
        for key in ("child", "sections", "links", "problems"):
            assert page[key] == cli[key], (seed, key)


BANNERS = (
    "Name\tNoor Lacey\nYear group\tYear 3\n\n"
    "Section B\tSpecial educational needs\n\n"
    "1. Noor finds it hard to stay seated on the carpet during story time.\n\n"
    "Section E\tOutcomes\n\n1. Noor will be calmer.\n\n"
    "Section F\tSpecial educational provision\n\n- Access to a quiet space as needed (Outcome 1).\n"
)


def test_section_banners_in_table_rows_agree_with_python(visit: Visit, tmp_path: Path) -> None:
    path = tmp_path / "banners.txt"
    path.write_text(BANNERS, encoding="utf-8")
    cli = _python(path)
    assert [p["code"] for p in cli["problems"]]  # a plan with problems, so the comparison means something
    visit.open("checker")
    visit.page.locator(".so-plan textarea").fill(BANNERS)
    visit.page.get_by_role("button", name="Check the pasted text").click()
    page = _page_report(visit)
    for key in ("child", "sections", "links", "problems"):
        assert page[key] == cli[key], key
