"""The ``audience`` and ``audience-index`` directives.

Every chapter says whom it is written for (parents, SENCOs, caseworkers, trainers), so a parent reading on
a phone can follow a plain-English path and skip the professional pages. The marks are recorded once, on
the pages themselves, and the home page's reading paths are generated from them, so a path can never list
a page that stopped being meant for that audience.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from send_outcomes.sphinx.pages import PageRecords, toc_order

STATIC = Path(__file__).resolve().parent.parent / "static"

AUDIENCES: dict[str, str] = {
    "parents": "Parents and carers",
    "sencos": "SENCOs",
    "caseworkers": "Caseworkers",
    "trainers": "Trainers",
}


class audience_index(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """Placeholder replaced by the reading paths once every page has been read."""


MARKS = PageRecords("so_audiences")  # docname -> the audiences it is marked for


class AudienceDirective(SphinxDirective):
    """Mark the page for one or more audiences and show the mark as a short line under the title."""

    required_arguments = 1
    optional_arguments = len(AUDIENCES) - 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        words = [w.lower() for w in self.arguments]
        unknown = [w for w in words if w not in AUDIENCES]
        if unknown:
            raise self.error(
                f"unknown audience {', '.join(unknown)!r}: use any of {', '.join(AUDIENCES)}"
            )
        MARKS.of(self.env)[self.env.docname] = words
        para = nodes.paragraph(classes=["so-audience"])
        para += nodes.inline(text="Written for: ", classes=["so-audience-label"])
        for i, word in enumerate(words):
            if i:
                para += nodes.Text(" ")
            para += nodes.inline(text=AUDIENCES[word], classes=["so-badge", f"so-badge-{word}"])
        return [para]


class AudienceIndexDirective(SphinxDirective):
    """Insert the generated reading paths (one list of pages per audience)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [audience_index()]


def _resolve(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    env = app.builder.env
    marks = MARKS.of(env)
    for node in doctree.findall(audience_index):
        container = nodes.container(classes=["so-audience-index"])
        for key, label in AUDIENCES.items():
            docs = [d for d in toc_order(env) if key in marks.get(d, []) and d != fromdocname]
            if not docs:
                continue
            container += nodes.rubric(text=f"{label}: your path")
            items = nodes.enumerated_list()
            for doc in docs:
                ref = nodes.reference(
                    "", env.titles[doc].astext(), internal=True,
                    refuri=app.builder.get_relative_uri(fromdocname, doc),
                )
                items += nodes.list_item("", nodes.paragraph("", "", ref))
            container += items
        node.replace_self(container)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the step that writes the reading paths."""
    app.add_node(audience_index)
    app.add_directive("audience", AudienceDirective)
    app.add_directive("audience-index", AudienceIndexDirective)
    app.connect("doctree-resolved", _resolve)
    MARKS.connect(app)
    app.add_css_file("course/course.css")
    app.connect("config-inited", _add_static)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def _add_static(app: Sphinx, config: Config) -> None:
    """Serve the course stylesheet from the package, so the book needs no copy of it."""
    config.html_static_path.append(str(STATIC))
