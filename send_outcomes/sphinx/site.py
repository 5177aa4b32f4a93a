"""Site chrome the theme does not give us: every part of each page inside a landmark, no unused CDN scripts.

Why an extension rather than settings in ``_config.yml``: the templates and stylesheets live in the package
(the book's folders are content only), and Sphinx needs their absolute paths, which only code can compute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"  # the course stylesheet (course/course.css)

# The theme's default list, with the title wrapped in a landmark and the empty icon-links item dropped.
SIDEBAR = ["course-title.html", "search-button-field.html", "sbt-sidebar-nav.html"]


def configure(app: Sphinx, config: Config) -> None:
    """Add our templates, the accessible sidebar (unless conf.py chose one) and the folder of the course
    stylesheet, served from the package so the book needs no copy of it."""
    config.templates_path.append(str(TEMPLATES))
    config.html_static_path.append(str(STATIC))
    if not config.html_sidebars and config.html_theme == "sphinx_book_theme":  # SIDEBAR names its templates
        config.html_sidebars = {"**": SIDEBAR}


def _is_thebe(script: Any) -> bool:
    filename = getattr(script, "filename", None) or ""
    body = (getattr(script, "attributes", None) or {}).get("body", "")
    return filename.split("?")[0].endswith(("sphinx-thebe.js", "sphinx-thebe.css")) or "THEBE_JS_URL" in body


def drop_thebe(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out sphinx-thebe's scripts, which Jupyter Book adds to every page even with thebe switched off.

    The course runs no live code on the site, and those scripts name a CDN (unpkg.com) and declare the same
    constant twice, which is a script error on every page.
    """
    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [s for s in context[key] if not _is_thebe(s)]
