"""The feedback page nbgrader writes for each learner, made safe to open and to hand back.

nbgrader's feedback template renders a learner's markdown as HTML as it stands (a ``<script>`` or an
``<img onerror>`` in a markdown cell runs when the page is opened, by the trainer first) and loads MathJax
from a CDN. The course's nbgrader_config.py (config.py) therefore:

- turns on nbconvert's own ``HTMLExporter.sanitize_html``, which cleans HTML and JavaScript outputs;
- puts ``templates/`` before nbgrader's own templates, so the "feedback" template nbgrader always asks
  for is ours: nbgrader's feedback page whose whole body goes through :func:`safe_html` (markdown cells
  included, which nbgrader's template never sanitises), with no MathJax;
- likewise "formgrade", Formgrader's grading page, which opens inside the trainer's JupyterLab (where a
  learner's script could act as the trainer): learners' markdown goes through :func:`safe_html` there
  too, and it loads no MathJax.

``safe_html`` is bleach (the library nbconvert sanitises with) with a wider allowlist than nbconvert's
``clean_html``, which escapes paragraphs, headings and table rows and so mangles the course's own text.
No tag that runs script or fetches anything (script, img, iframe, object, style, link, form) and no
``style`` or event attribute is allowed; what is not allowed is shown escaped, so the trainer sees what
the learner wrote. Links may point only to http(s), mailto or within the page, and open nothing by
themselves.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE_NAME = "feedback"  # the name nbgrader asks for; ours is found first (so is "formgrade")
TEMPLATES = Path(__file__).parent / "templates"

TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl"),
        *("dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s"),
        *("samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot"),
        *("th", "thead", "tr", "ul", "var"),
    }
)
ATTRIBUTES = {
    "*": ["class", "id", "title"],
    "a": ["href", "name", "title"],
    "th": ["align", "colspan", "rowspan", "scope"],
    "td": ["align", "colspan", "rowspan"],
}
PROTOCOLS = frozenset({"http", "https", "mailto"})


def safe_html(html: str) -> str:
    """``html`` with everything outside the allowlist escaped (a Jinja filter for the feedback template)."""
    import bleach  # imported here: only rendering a feedback page needs it

    return bleach.clean(str(html), tags=TAGS, attributes=ATTRIBUTES, protocols=PROTOCOLS, strip=False)


def template_dirs() -> list[str]:
    """Where nbconvert looks for templates: ours first (so "feedback" is ours), then nbgrader's own.

    nbgrader's folder stays on the list because Formgrader renders its grading pages with its "formgrade"
    template through the same setting. The template name itself is not set in the config: nbgrader asks
    for "feedback" when it writes feedback and for "formgrade" in Formgrader, and both must keep working.
    """
    import nbgrader  # imported here: slow to import; the course config calls this once nbgrader is loaded

    formgrader = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    return [str(TEMPLATES), str(formgrader)]
