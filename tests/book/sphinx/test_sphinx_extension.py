"""The course's one Sphinx extension, tried on tiny projects: each directive family (exercise, worksheet,
audience, progress, sessions, and the per-page records every one of them keeps) is built by sphinx.testing
from tests/book/sphinx/roots/test-<name>/ into pytest's temporary folder, and the HTML is checked.

These take seconds, not the book's minutes, so they run in ``make test-fast``.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from send_outcomes.specs import load_spec

EXT = 'extensions = ["send_outcomes.sphinx"]\n'
HOST = re.compile(r'<script async="async" type="module" src="_static/send_outcomes/host\.js\?v=[0-9a-f]+">')
PROGRESS = re.compile(r'<script type="module" src="_static/send_outcomes/progress\.js\?v=[0-9a-f]+">')


def built(app: SphinxTestApp) -> str:
    """Build, and return the warnings (an empty string for a clean build)."""
    app.build()
    return app.warning.getvalue()


def page(app: SphinxTestApp, name: str = "index") -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """What a reader sees: tags dropped, entities read, white space collapsed, curly apostrophes straight."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("’", "'").split())


def between(html: str, start: str, end: str) -> str:
    """The part of ``html`` after the first ``start`` up to the next ``end``."""
    assert start in html, f"{start!r} is not on the page"
    return html.split(start, 1)[1].split(end, 1)[0]


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"#]+)', html)


def embedded(html: str, klass: str) -> Any:
    """The JSON a page embeds in ``<script type="application/json" class="klass">``."""
    match = re.search(rf'<script type="application/json" class="{klass}">(.*?)</script>', html, re.DOTALL)
    assert match, f"no {klass} data on the page"
    return json.loads(match.group(1))


def tiny_project(folder: Path, index: str) -> Path:
    """A one-page project in ``folder`` with ``index`` as its only page (for the builds that must fail)."""
    folder.mkdir(parents=True)
    (folder / "conf.py").write_text(EXT, encoding="utf-8")
    (folder / "index.rst").write_text(index, encoding="utf-8")
    return folder


# exercise ---------------------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="exercise")
def test_an_exercise_page_embeds_its_spec_and_loads_the_host_but_other_pages_do_not(
    app: SphinxTestApp,
) -> None:
    assert built(app) == ""
    html = page(app)
    box = between(html, '<div class="so-exercise" id="exercise-sort-statements-1"', "</div>\n</div>")
    assert 'data-exercise-type="sort"' in box and 'data-mode="practice"' in box
    assert embedded(html, "so-exercise-spec") == load_spec("sort-statements-1")
    assert HOST.search(html)
    assert re.search(r'<link rel="modulepreload" href="_static/send_outcomes/sort\.js\?v=[0-9a-f]{12}">',
                     html)
    assert "rules.json" not in html  # only the analyser's exercises preload the rules
    assert "host.js" not in page(app, "plain") and "so-exercise" not in page(app, "plain")
    static = Path(app.outdir) / "_static" / "send_outcomes"
    release = re.search(r"sort\.js\?v=([0-9a-f]{12})", html).group(1)  # type: ignore[union-attr]
    assert f'const RELEASE = "{release}"' in (static / "host.js").read_text(encoding="utf-8")
    assert {"host.js", "sort.js", "fix.js", "rules.json", "progress.js"} <= {p.name for p in static.iterdir()}
    assert "course/course.css" in html and (Path(app.outdir) / "_static" / "course" / "course.css").is_file()


@pytest.mark.parametrize(("index", "message"), [
    (".. exercise:: sort-statements-a1\n", "is an assessment exercise"),
    (".. exercise:: no-such-exercise\n", "no-such-exercise"),
])
def test_an_exercise_that_must_not_be_published_fails_the_page(
    make_app: Any, tmp_path: Path, index: str, message: str
) -> None:
    """An assessment's answer key never reaches the page: the directive refuses it with a message."""
    app = make_app("html", srcdir=tiny_project(tmp_path / "src", "Title\n=====\n\n" + index))
    warnings = built(app)
    assert message in warnings and "ERROR" in warnings
    assert "so-exercise-spec" not in page(app) and "model_answer" not in page(app)


# worksheet --------------------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="worksheet")
def test_each_exercise_carries_its_paper_worksheet_without_the_answers(app: SphinxTestApp) -> None:
    assert built(app) == ""
    html = page(app)
    spec = load_spec("fix-the-outcome-1")
    sheet = between(html, f'<div class="so-worksheet" data-exercise-id="{spec["id"]}">', "</div>\n")
    words = text(sheet)
    assert words.startswith(f"Worksheet: {spec['title']}")
    for n, rnd in enumerate(spec["rounds"], start=1):
        assert f"Round {n}" in words and rnd["original"] in words
        assert rnd["model_answer"] not in words and rnd["problem"] not in words
    assert "Name:" in words
    # The whole-plan checker is a tool, not an exercise: it has no paper version.
    checker = between(html, 'id="exercise-check-your-plan"', '<script type="application/json"')
    assert "so-worksheet" not in checker
    assert 'href="_static/send_outcomes/rules.json?v=' in html  # the analyser's exercises preload the rules


# audience ---------------------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="audience")
def test_reading_paths_follow_the_marks_and_the_parents_route_runs_in_step_order(app: SphinxTestApp) -> None:
    assert built(app) == ""
    html = page(app)
    assert links(between(html, "Parents and carers: your path", "</ol>")) == ["second.html", "first.html"]
    assert "2 pages that you can read in one evening" in text(html)
    assert links(between(html, "Parents and carers: more when you have time", "</ul>")) == ["third.html"]
    assert links(between(html, "SENCOs: your path", "</ol>")) == ["third.html"]
    assert links(between(html, "Caseworkers: your path", "</ol>")) == ["second.html"]
    assert "Trainers: your path" not in html  # the only trainers' page is the home page itself
    assert "Written for: Parents and carers SENCOs Trainers" in text(html)
    first = text(page(app, "first"))
    assert "Written for: Parents and carers Parents' short route: step 2" in first
    assert 'class="so-badge so-badge-caseworkers"' in page(app, "second")


@pytest.mark.parametrize(("mark", "message"), [
    (".. audience:: governors\n", "unknown audience 'governors'"),
    (".. audience:: sencos\n   :parents-route: 1\n", "must be marked for parents"),
])
def test_a_wrong_audience_mark_fails_with_a_message(
    make_app: Any, tmp_path: Path, mark: str, message: str
) -> None:
    app = make_app("html", srcdir=tiny_project(tmp_path / "src", "Title\n=====\n\n" + mark))
    warnings = built(app)
    assert message in warnings and "ERROR" in warnings
    assert "so-badge" not in page(app)


# progress ---------------------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="progress")
def test_the_progress_page_lists_every_practice_exercise_in_reading_order_with_its_page(
    app: SphinxTestApp,
) -> None:
    assert built(app) == ""
    html = page(app, "mine")
    data = embedded(html, "so-progress-data")
    assert [(e["id"], e["url"]) for e in data["exercises"]] == [
        ("sort-statements-1", "sorting.html#exercise-sort-statements-1"),
        ("fix-the-outcome-1", "checker.html#exercise-fix-the-outcome-1"),  # the checker itself saves nothing
    ]
    assert data["exercises"][0]["spec"] == load_spec("sort-statements-1")
    assert PROGRESS.search(html)
    assert "progress.js" not in page(app, "sorting") and "so-progress" not in page(app, "sorting")
    static = Path(app.outdir) / "_static" / "send_outcomes"
    stamped = re.compile(r'const RELEASE = "([0-9a-f]{12})"')
    releases = [stamped.findall((static / name).read_text("utf-8")) for name in ("host.js", "progress.js")]
    assert releases[0] == releases[1] and len(releases[0]) == 1, releases


# sessions ---------------------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="sessions")
def test_a_session_page_has_its_timed_plan_with_links_and_its_handouts(app: SphinxTestApp) -> None:
    assert built(app) == ""  # every {ref} in the plan found its label
    html = page(app)
    plan = between(html, '<div class="so-session-plan', "</table>")
    assert "0:00 to 0:10" in text(plan) and "1:25 to 1:30" in text(plan)
    assert {"#ch-aspirations", "#ex-sort", "#ch-disagree"} <= set(re.findall(r'href="(#[^"]+)"', plan))
    handouts = unescape(between(html, 'data-session-id="parent-carer-forum">', "so-evaluation"))
    assert any(item["text"] in handouts for item in load_spec("sort-statements-1")["items"])
    rounds = load_spec("fix-the-outcome-1")["rounds"]
    assert any(r["original"] in handouts for r in rounds)  # the worksheet handout's outcomes, and no answers
    assert not any(r["model_answer"] in handouts or r["problem"] in handouts for r in rounds)
    assert "Evaluation:" in text(between(html, 'class="so-handout so-evaluation"', "</section>"))


def test_a_session_that_does_not_exist_fails_the_page(make_app: Any, tmp_path: Path) -> None:
    index = "Title\n=====\n\n.. session-plan:: no-such-session\n"
    app = make_app("html", srcdir=tiny_project(tmp_path / "src", index))
    warnings = built(app)
    assert "no session 'no-such-session'" in warnings and "parent-carer-forum" in warnings
    assert "so-session-plan" not in page(app)


# pages: records kept per page ---------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pages", parallel=2, srcdir="pages-parallel")
def test_records_from_parallel_readers_are_merged_in_table_of_contents_order(app: SphinxTestApp) -> None:
    """Seven pages read by two processes: the home page still lists every page, in the order of its toctree
    (not the alphabet), which holds only if each reader's records are merged back."""
    warnings = built(app)
    assert "parallel" not in warnings and warnings == ""
    order = ["zebra.html", "mango.html", "apple.html", "kiwi.html", "fig.html", "lime.html"]
    assert links(between(page(app), "SENCOs: your path", "</ol>")) == order
    assert "host.js" in page(app, "kiwi") and "host.js" not in page(app, "zebra")


@pytest.mark.sphinx("html", testroot="pages", srcdir="pages-reread")
def test_a_page_read_again_forgets_what_it_no_longer_says(app: SphinxTestApp, make_app: Any) -> None:
    """An incremental build (a new process, as `make book` run again is) re-reads only the changed page."""
    assert built(app) == ""
    assert "kiwi.html" in links(between(page(app), "SENCOs: your path", "</ol>"))
    (Path(app.srcdir) / "kiwi.rst").write_text("Kiwi\n====\n\n.. audience:: trainers\n", encoding="utf-8")
    app.cleanup()  # forget this process's registered nodes, as a new process would start without them
    app = make_app("html", srcdir=Path(app.srcdir))
    assert built(app) == ""
    assert "kiwi" in app.status.getvalue() and "1 changed" in app.status.getvalue()
    assert "kiwi.html" not in links(between(page(app), "SENCOs: your path", "</ol>"))
    assert links(between(page(app), "Trainers: your path", "</ol>")) == ["kiwi.html"]
    assert "host.js" not in page(app, "kiwi")
