"""The JavaScript engine (js/analyser.js, run under node) gives exactly Python's result for every case.

Cases: every devset and held-out statement, every corpus statement (with and without its plan section, and
read together with the rest of its source as one list),
the edge-case table, and extra strings chosen to stress the
places where Python and JavaScript differ (astral characters and lone surrogates, non-ASCII letters that
case-fold to ASCII in Python's Unicode mode, Unicode spaces, text longer than the prefix that is read).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from send_outcomes.analysis import analyse, analyse_all
from send_outcomes.analysis.corpus import read_all

HERE = Path(__file__).resolve().parents[1]  # tests/


EXTRA = [
    "",
    " ",
    "x" * 2500,
    "é" * 2001 + " will",
    "😀" * 1999 + " Ava will walk to school by the end of Year 6.",
    "Ava will walk to school 😀 by the end of Year 6 😀 with a friend.",
    "\ud800 Jack will walk to the shop by Year 9.",
    "\x00\x01\x02 Mia will read a book.",
    "ſam will walk to the ſhop by the end of Year 6.",
    "Kelvin \u212a will \u017fit on the carpet.",
    "By\u2003the\u00a0end\u2028of Year 6,\u3000Amir will read a book.",
    "Leo\u2019s mum wants him to be happy.",
    "İsla will walk to school by the end of Year 2.",
    "Will be able to tie shoelaces.",
    "I WANT TO BE A VET.",
    "BY THE END OF YEAR 6, AMIR WILL READ A BOOK.",
    "<img src=x onerror=alert(1)> will receive support",
    "By the end of Year 6 {n} {words} Amir will read a book.",
    "will " * 400,
    "by the end of " * 200,
]


def _texts() -> list[str]:
    texts: list[str] = []
    for name in ("analyser_devset.jsonl", "analyser_heldout.jsonl"):
        texts += [
            json.loads(x)["text"] for x in (HERE / "data" / name).read_text(encoding="utf-8").splitlines()
        ]
    texts += [
        c["text"] for c in json.loads((HERE / "data" / "analyser_cases.json").read_text("utf-8"))["cases"]
    ]
    return [*texts, *EXTRA, *(r.text for r in read_all())]


def _with_sections() -> list[list]:
    """Every corpus statement with its own section, and a few with a section it does not sit in."""
    rows = read_all()
    items = [[r.text, r.section] for r in rows if r.section]
    items += [[r.text, s] for r, s in zip(rows[:40], "ABEFGHKabef" * 4, strict=False)]
    return [*items, ["Access to a quiet space", " f "], ["Having a job", "Z"], ["Having a job", None]]


@pytest.fixture(scope="module")
def js_results(node_analyse) -> tuple[list[str], list[dict]]:
    texts = _texts()
    return texts, node_analyse(texts)


def test_node_answers_every_case(js_results):
    texts, results = js_results
    assert len(results) == len(texts) > 250


def test_every_case_identical(js_results):
    texts, results = js_results
    differ = [t[:80] for t, js in zip(texts, results, strict=True) if analyse(t).to_dict() != js]
    assert not differ, f"{len(differ)} cases differ, e.g. {differ[:3]}"


def test_key_order_matches(js_results):
    texts, results = js_results
    for text, js in zip(texts[:20], results[:20], strict=True):
        py = analyse(text).to_dict()
        assert list(js) == list(py)
        assert [list(f) for f in js["feedback"]] == [list(f) for f in py["feedback"]]


def test_sections_identical(node_analyse):
    items = _with_sections()
    results = node_analyse(items)
    assert len(results) == len(items) > 100
    differ = [
        t[:80] for (t, s), js in zip(items, results, strict=True) if analyse(t, section=s).to_dict() != js
    ]
    assert not differ, f"{len(differ)} cases differ, e.g. {differ[:3]}"


def _lists() -> list[list[str]]:
    """Every corpus source's statements as one list (read in company), and lists that stress the edges:
    too short for company, empty lines among them, and one mixed across sources."""
    by_source: dict[str, list[str]] = {}
    for r in read_all():
        by_source.setdefault(r.source, []).append(r.text)
    mixed = [texts[0] for texts in by_source.values()][:30]
    return [*by_source.values(), mixed, EXTRA, ["Having a job", "", "Access to a quiet space"], []]


def test_lists_identical(node_analyse):
    lists = _lists()
    results = node_analyse(lists, lists=True)
    assert len(results) == len(lists)
    differ = [
        t[:80]
        for texts, js in zip(lists, results, strict=True)
        for t, a, b in zip(texts, analyse_all(texts), js, strict=True)
        if a.to_dict() != b
    ]
    assert not differ, f"{len(differ)} statements read in company differ, e.g. {differ[:3]}"


def test_company_changes_some_verdicts():
    """The parity above means something only if company is used: some statements read differently in their
    list than alone, and their feedback says why."""
    changed = [
        a
        for texts in _lists()[:-4]
        for t, a in zip(texts, analyse_all(texts), strict=True)
        if a.kind != analyse(t).kind
    ]
    assert len(changed) > 20
    assert all("checked with it" in a.feedback[0].message for a in changed)
