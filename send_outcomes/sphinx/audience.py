"""The ``audience`` and ``audience-index`` directives.

Every chapter says whom it is written for (parents, SENCOs, caseworkers, trainers). The marks are recorded
once, on the pages themselves, and the home page's reading paths are generated from them, so a path can never
list a page that stopped being meant for that audience.

A parent needs less than every page: a short route they can finish in an evening. A page joins that route
with ``:parents-route: N`` (its step number); the home page lists the route in step order, then the other
pages written for parents as further reading. Steps must run 1, 2, 3... with no gap or repeat, and only a
page marked for parents can be a step, so the route can never silently lose or scramble a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from send_outcomes.sphinx.pages import PageRecords, toc_order

logger = logging.getLogger(__name__)

AUDIENCES: dict[str, str] = {
    "parents": "Parents and carers",
    "sencos": "SENCOs",
    "caseworkers": "Caseworkers",
    "trainers": "Trainers",
}


class audience_index(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """Placeholder replaced by the reading paths once every page has been read."""


MARKS = PageRecords("so_audiences")  # docname -> the audiences it is marked for
ROUTE = PageRecords("so_parents_route")  # docname -> its step on the parents' short route
ROUTE_LABEL = "Parents and carers: your path"
MORE_LABEL = "Parents and carers: more when you have time"


class AudienceDirective(SphinxDirective):
    """Mark the page for one or more audiences and show the mark as a short line under the title."""

    required_arguments = 1
    optional_arguments = len(AUDIENCES) - 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"parents-route": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        words = [w.lower() for w in self.arguments]
        unknown = [w for w in words if w not in AUDIENCES]
        if unknown:
            raise self.error(
                f"unknown audience {', '.join(unknown)!r}: use any of {', '.join(AUDIENCES)}"
            )
        MARKS.of(self.env)[self.env.docname] = words
        step = self.options.get("parents-route")
        if step is not None:
            if "parents" not in words:
                raise self.error("a page on the parents' route must be marked for parents")
            ROUTE.of(self.env)[self.env.docname] = step
        para = nodes.paragraph(classes=["so-audience"])
        para += nodes.inline(text="Written for: ", classes=["so-audience-label"])
        for i, word in enumerate(words):
            if i:
                para += nodes.Text(" ")
            para += nodes.inline(text=AUDIENCES[word], classes=["so-badge", f"so-badge-{word}"])
        if step is not None:
            para += nodes.Text(" ")
            para += nodes.inline(text=f"Parents' short route: step {step}", classes=["so-route"])
        return [para]


class AudienceIndexDirective(SphinxDirective):
    """Insert the generated reading paths (one list of pages per audience)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [audience_index()]


def parents_route(route: dict[str, int]) -> list[str]:
    """The route's pages in step order; ValueError unless the steps run 1..n with no gap or repeat."""
    steps = sorted(route.values())
    if steps != list(range(1, len(steps) + 1)):
        by_step = ", ".join(f"{d}={n}" for d, n in sorted(route.items(), key=lambda kv: kv[1]))
        raise ValueError(f"the parents' route steps must be 1 to {len(steps)} once each, not: {by_step}")
    return sorted(route, key=route.__getitem__)


def _page_list(app: Sphinx, fromdocname: str, docs: list[str], ordered: bool = True) -> nodes.Element:
    env = app.builder.env
    items = nodes.enumerated_list() if ordered else nodes.bullet_list()
    for doc in docs:
        ref = nodes.reference(
            "", env.titles[doc].astext(), internal=True,
            refuri=app.builder.get_relative_uri(fromdocname, doc),
        )
        items += nodes.list_item("", nodes.paragraph("", "", ref))
    return items


def write_reading_paths(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each ``audience-index`` placeholder with the reading paths (doctree-resolved: every page's
    marks are known by then)."""
    env = app.builder.env
    marks = MARKS.of(env)
    for node in doctree.findall(audience_index):
        container = nodes.container(classes=["so-audience-index"])
        try:
            route = parents_route(ROUTE.of(env))
        except ValueError as err:
            logger.warning(str(err), location=fromdocname)
            route = sorted(ROUTE.of(env), key=ROUTE.of(env).__getitem__)
        for key, label in AUDIENCES.items():
            docs = [d for d in toc_order(env) if key in marks.get(d, []) and d != fromdocname]
            if key == "parents" and route:
                container += nodes.rubric(text=ROUTE_LABEL)
                container += nodes.paragraph(
                    text=f"{len(route)} pages that you can read in one evening, in this order:"
                )
                container += _page_list(app, fromdocname, route)
                docs = [d for d in docs if d not in route]
                label_text = MORE_LABEL
                ordered = False
            else:
                label_text = f"{label}: your path"
                ordered = True
            if not docs:
                continue
            container += nodes.rubric(text=label_text)
            container += _page_list(app, fromdocname, docs, ordered)
        node.replace_self(container)
