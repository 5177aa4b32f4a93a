"""The ``progress`` directive: a learner's progress across every practice exercise, on one page.

    ```{progress}
    ```

The page embeds each practice exercise's spec (already public on its own page) and a link to the page that
holds it; ``_static/send_outcomes/progress.js`` reads what this browser saved and scores it with the same
graders as the exercises. Links are worked out after every page has been read, so moving an exercise to
another page needs no change here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from send_outcomes.specs import load_spec
from send_outcomes.sphinx.exercises import PAGES, STATIC_DIR, spec_json, stamp
from send_outcomes.sphinx.pages import PageRecords, toc_order
from send_outcomes.widgets.esm import bundle

SCRIPT = "progress.js"
PROGRESS_PAGES = PageRecords("so_progress_pages")  # docname -> True for each page with a progress table


class progress_table(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """Placeholder replaced by the progress container once every page's exercises are known."""


class ProgressDirective(SphinxDirective):
    """``{progress}``: place the learner's progress table, with export, import and reset."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        PROGRESS_PAGES.of(self.env)[self.env.docname] = True
        return [progress_table()]


def _entries(app: Sphinx, fromdocname: str) -> list[dict[str, Any]]:
    placed: dict[str, list[str]] = PAGES.of(app.env)
    entries = []
    order = {doc: n for n, doc in enumerate(toc_order(app.env))}
    for docname in sorted(placed, key=lambda d: order.get(d, len(order))):
        for exercise_id in placed[docname]:
            spec = load_spec(exercise_id)
            if spec["type"] == "checker":
                continue  # a tool, not an exercise: it saves nothing
            entries.append({
                "id": exercise_id,
                "title": spec["title"],
                "url": app.builder.get_relative_uri(fromdocname, docname) + f"#exercise-{exercise_id}",
                "spec": spec,
            })
    return entries


def container_html(entries: list[dict[str, Any]]) -> str:
    data = spec_json({"exercises": entries})
    return (
        '<div class="so-progress" id="my-progress">\n'
        '<p class="so-exercise-loading">Loading your progress…</p>\n'
        '<noscript><p class="so-note">Your progress is kept by JavaScript in this browser, which is switched '
        "off or blocked, so it cannot be shown.</p></noscript>\n"
        f'<script type="application/json" class="so-progress-data">{data}</script>\n'
        "</div>\n"
    )


def write_progress_tables(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each ``progress`` placeholder with the table's data (doctree-resolved: every page's exercises
    are known by then)."""
    for node in doctree.findall(progress_table):
        node.replace_self(nodes.raw("", container_html(_entries(app, fromdocname)), format="html"))


def add_page_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the progress script to the progress page, and to no other page."""
    if pagename in PROGRESS_PAGES.of(app.env):
        app.add_js_file(f"{STATIC_DIR}/{SCRIPT}", type="module")


def pages_to_reread(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the progress page on every build: its links depend on the other pages."""
    return sorted(PROGRESS_PAGES.of(env))


def write_bundle(app: Sphinx) -> None:
    """Write the bundle before the pages, so the page's ``?v=`` checksum is this build's (see exercises.py).

    Runs after the exercises' step, whose release tag it stamps in: the rules it loads are fetched with it.
    """
    if app.builder.format == "html":
        target = Path(app.outdir) / "_static" / STATIC_DIR
        target.mkdir(parents=True, exist_ok=True)
        code = stamp(bundle(SCRIPT), getattr(app.builder, "so_release", "")).encode("utf-8")
        path = target / SCRIPT
        if not path.exists() or path.read_bytes() != code:
            path.write_bytes(code)
