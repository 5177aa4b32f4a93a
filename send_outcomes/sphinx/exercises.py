"""The ``exercise`` directive: place an interactive exercise on a book page, with no server and no network.

    ```{exercise} sort-statements-1
    ```

The directive writes a container with the exercise's spec embedded as JSON and a ``<noscript>`` message; the
page (and only a page that has an exercise) gets one small module script, ``_static/send_outcomes/host.js``,
which mounts the same ES module the JupyterLab widget runs. At the end of the build the bundles and the
analyser's rules are written to ``_static/send_outcomes/``.

Only practice exercises can be published: an assessment spec holds the answer key of a graded assignment,
so the directive refuses it and the build fails rather than leak it.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from send_outcomes.specs import SpecError, load_spec, spec_paths
from send_outcomes.sphinx.worksheet import worksheet_html
from send_outcomes.widgets.esm import JS_DIR, BundleError, bundle

logger = logging.getLogger(__name__)

STATIC_DIR = "send_outcomes"  # under _static; written at build-finished, so exclude_patterns do not apply
ENTRIES = ("host.js", "sort.js", "fix.js", "jigsaw.js", "thread.js", "checker.js")
RULES = Path(__file__).resolve().parent.parent / "data" / "rules.json"


def spec_json(spec: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/json">``.

    Escaping every ``<``, ``>`` and ``&`` as a \\u escape means no ``</script>`` or ``<!--`` can appear in
    the element, whatever the spec's text says, and JSON.parse reads the escapes back unchanged.
    """
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def container_html(spec: dict[str, Any]) -> str:
    """The placeholder the host mounts into: data attributes, a loading line, a noscript message, the spec."""
    eid = html.escape(spec["id"], quote=True)
    kind = html.escape(spec["type"], quote=True)
    mode = html.escape(spec["mode"], quote=True)
    title = html.escape(spec["title"])
    return (
        f'<div class="so-exercise" id="exercise-{eid}" data-exercise-id="{eid}" '
        f'data-exercise-type="{kind}" data-mode="{mode}">\n'
        f'<p class="so-exercise-loading">Loading the exercise “{title}”…</p>\n'
        '<noscript><p class="so-note">This exercise needs JavaScript, which is switched off or blocked '
        "in this browser. The same exercise is in the practice notebooks for JupyterLab.</p></noscript>\n"
        f"{worksheet_html(spec)}"
        f'<script type="application/json" class="so-exercise-spec">{spec_json(spec)}</script>\n'
        "</div>\n"
    )


def _pages(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, "so_exercise_pages"):
        env.so_exercise_pages = {}  # type: ignore[attr-defined]
    return env.so_exercise_pages  # type: ignore[attr-defined]


class ExerciseDirective(SphinxDirective):
    """``{exercise} <exercise-id>``: embed one practice exercise."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        exercise_id = self.arguments[0].strip()
        try:
            spec = load_spec(exercise_id)
        except SpecError as exc:
            raise self.error(str(exc)) from None
        if spec["mode"] != "practice":
            raise self.error(
                f"{exercise_id} is an assessment exercise: its answer key must not be published on the site"
            )
        self.env.note_dependency(str(spec_paths()[exercise_id]))
        for shared in ("statements.json", "cases.json"):
            self.env.note_dependency(str(Path(spec_paths()[exercise_id]).parents[1] / shared))
        _pages(self.env).setdefault(self.env.docname, []).append(exercise_id)
        return [nodes.raw("", container_html(spec), format="html")]


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the host module to pages that have an exercise, and to no other page.

    The host is an *async* module: it runs as soon as it arrives, instead of queueing behind the theme's
    deferred scripts (over a megabyte of icon font code), and mounts the containers already parsed. Each
    exercise module (and, for the analyser's exercises, its rules) is preloaded from the head, so it is on
    its way while the theme loads rather than requested only when the host asks for it.
    """
    ids = _pages(app.env).get(pagename)
    if not ids:
        return
    app.add_js_file(f"{STATIC_DIR}/host.js", type="module", **{"async": "async"})
    pathto = context["pathto"]
    kinds = sorted({load_spec(i)["type"] for i in ids})
    links = [f'<link rel="modulepreload" href="{pathto(f"_static/{STATIC_DIR}/{k}.js", 1)}">' for k in kinds]
    if {"fix", "checker"} & set(kinds):
        rules = pathto(f"_static/{STATIC_DIR}/rules.json", 1)
        links.append(f'<link rel="preload" href="{rules}" as="fetch" crossorigin="anonymous">')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _pages(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _pages(env).update({d: ids for d, ids in _pages(other).items() if d in docnames})


def _fallback(message: str) -> str:
    """A module that shows ``message`` where an exercise could not be bundled (as text, never as HTML)."""
    return (
        "export default { render({ el }) { const p = document.createElement('p'); p.className = 'so-note'; "
        f"p.setAttribute('role', 'alert'); p.textContent = {json.dumps(message)}; "
        "el.replaceChildren(p); } };\n"
    )


def write_static(outdir: Path) -> tuple[list[Path], list[str]]:
    """Write the bundles and the analyser rules into ``<outdir>/_static/send_outcomes/``.

    Returns the files written and the problems found. A module that cannot be bundled is replaced by one
    that says so on the page (never a blank space), and the problem is returned so the build can warn.
    """
    target = outdir / "_static" / STATIC_DIR
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    problems: list[str] = []
    for entry in ENTRIES:
        if not (JS_DIR / entry).exists():
            continue
        path = target / entry
        try:
            code = bundle(entry)
        except BundleError as exc:
            problems.append(f"send_outcomes/js/{entry} could not be bundled: {exc}")
            code = _fallback(f"This exercise cannot be shown: its code could not be built ({exc}).")
        path.write_text(code, encoding="utf-8")
        written.append(path)
    if RULES.exists():
        shutil.copyfile(RULES, target / "rules.json")
        written.append(target / "rules.json")
    return written, problems


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    _, problems = write_static(Path(app.outdir))
    used = {load_spec(i)["type"] for ids in _pages(app.env).values() for i in ids}
    for kind in sorted(used):
        if not (JS_DIR / f"{kind}.js").exists():
            problems.append(
                f"an exercise of type {kind!r} is on a page, but send_outcomes/js/{kind}.js is missing"
            )
    for problem in problems:
        logger.warning(problem, type="send_outcomes", subtype="exercise")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive, the per-page script and the step that writes the bundles."""
    app.add_directive("exercise", ExerciseDirective)
    app.connect("html-page-context", _page_context)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _build_finished)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
