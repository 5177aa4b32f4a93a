"""What our Sphinx extensions know about the book's pages: their reading order, and records kept per page.

Sphinx keeps its build environment between builds and, when it reads in parallel, merges the environments of
its worker processes. A record an extension keeps per page must therefore be dropped when that page is read
again (``env-purge-doc``) and taken from a worker for the pages that worker read (``env-merge-info``).
The audience marks, the parents' route, the exercises on each page and the progress pages are all kept that
way, so they share :class:`PageRecords` (the extension's ``setup`` connects each one's ``purge`` and
``merge``); the reading paths and the progress table both list pages in :func:`toc_order`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class PageRecords:
    """A ``{docname: value}`` record kept on the build environment under ``attr``."""

    def __init__(self, attr: str) -> None:
        self.attr = attr

    def of(self, env: BuildEnvironment) -> dict[str, Any]:
        """The records of every page read so far (created empty on a fresh environment)."""
        if not hasattr(env, self.attr):
            setattr(env, self.attr, {})
        return getattr(env, self.attr)

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """env-purge-doc: forget what a page recorded before it is read again."""
        self.of(env).pop(docname, None)

    def merge(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        """env-merge-info: take a parallel reader's records of the pages it read."""
        self.of(env).update({d: v for d, v in self.of(other).items() if d in docnames})


def toc_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order a reader meets them in the table of contents."""
    order: list[str] = []
    seen: set[str] = set()

    def walk(doc: str) -> None:
        if doc in seen:
            return
        seen.add(doc)
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return order
