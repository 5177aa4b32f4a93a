"""The ``exercise`` directive: place an interactive exercise on a book page, with no server and no network.

    ```{exercise} sort-statements-1
    ```

The directive writes a container with the exercise's spec embedded as JSON and a ``<noscript>`` message; the
page (and only a page that has an exercise) gets one small module script, ``_static/send_outcomes/host.js``,
which mounts the same ES module the JupyterLab widget runs. When the build starts, before any page is read or
written, the bundles and the analyser's rules are written to ``_static/send_outcomes/``.

Why then: Sphinx adds ``?v=<checksum>`` to a script's URL from the file it finds in the output when a page
is written, so a file written later (at build-finished) would carry the *previous* build's checksum and a
returning visitor's browser could keep a stale copy. When the bundles change, every exercise page is written
again, since Sphinx would otherwise leave unchanged pages pointing at the old URLs. The host is stamped with
a release tag (a hash of every bundle and the rules) that it adds to the URLs of the modules and rules it
loads, and the pages' preload links carry the same tag: a new release of any exercise is a new URL, so no
browser mixes old and new.

Only practice exercises can be published: an assessment spec holds the answer key of a graded assignment,
so the directive refuses it and the build fails rather than leak it.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from send_outcomes.exercise_types import TYPES
from send_outcomes.specs import SpecError, load_spec, spec_paths
from send_outcomes.sphinx.pages import PageRecords
from send_outcomes.sphinx.worksheet import worksheet_html
from send_outcomes.widgets.esm import JS_DIR, BundleError, bundle

logger = logging.getLogger(__name__)

STATIC_DIR = "send_outcomes"  # under _static, written straight to the output: exclude_patterns do not apply
RELEASE_MARK = "@@SO_RELEASE@@"  # in host.js and progress.js; replaced by the release tag when written
ENTRIES = ("host.js", *(t.module for t in TYPES.values()))
RULES = Path(__file__).resolve().parent.parent / "data" / "rules.json"
MODEL = RULES.with_name("model.json")
PLAN_DATA = {  # read by the checker (js/checker.js: headings; js/planpanel.js: whole plans) beside rules.json
    "plan-reading.json": RULES.parent / "plan" / "reading.json",
    "plan-checks.json": RULES.parent / "plan" / "checks.json",
}
# pdf.js, from npm (package.json, installed by the Makefile), copied into the site: the whole-plan checker
# imports it only when a PDF is chosen, and its worker is this site's own file.
VENDOR = {"vendor/pdf.min.mjs": "pdf.min.mjs", "vendor/pdf.worker.min.mjs": "pdf.worker.min.mjs"}
PDFJS_BUILD = Path("node_modules") / "pdfjs-dist" / "build"


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


PAGES = PageRecords("so_exercise_pages")  # docname -> ids of the exercises on it, in page order


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
        PAGES.of(self.env).setdefault(self.env.docname, []).append(exercise_id)
        return [nodes.raw("", container_html(spec), format="html")]


def add_page_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add the host module to pages that have an exercise, and to no other page.

    The host is an *async* module: it runs as soon as it arrives, instead of queueing behind the theme's
    deferred scripts (over a megabyte of icon font code), and mounts the containers already parsed. Each
    exercise module (and, for the analyser's exercises, its rules) is preloaded from the head, so it is on
    its way while the theme loads rather than requested only when the host asks for it.
    """
    ids = PAGES.of(app.env).get(pagename)
    if not ids:
        return
    app.add_js_file(f"{STATIC_DIR}/host.js", type="module", **{"async": "async"})
    pathto = context["pathto"]
    kinds = sorted({load_spec(i)["type"] for i in ids})
    tag = release_query(app)
    links = [
        f'<link rel="modulepreload" href="{pathto(f"_static/{STATIC_DIR}/{TYPES[k].module}", 1)}{tag}">'
        for k in kinds
    ]
    if any(TYPES[k].analyser for k in kinds):
        rules = pathto(f"_static/{STATIC_DIR}/rules.json", 1) + tag
        links.append(f'<link rel="preload" href="{rules}" as="fetch" crossorigin="anonymous">')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


def _fallback(message: str) -> str:
    """A module that shows ``message`` where an exercise could not be bundled (as text, never as HTML)."""
    return (
        "export default { render({ el }) { const p = document.createElement('p'); p.className = 'so-note'; "
        f"p.setAttribute('role', 'alert'); p.textContent = {json.dumps(message)}; "
        "el.replaceChildren(p); } };\n"
    )


def release_tag(files: dict[str, bytes]) -> str:
    """A short tag that changes whenever any bundle or the rules change, whatever the order of ``files``."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()[:12]


def stamp(code: str, tag: str) -> str:
    """Put the release tag where a module asks for it (host.js and progress.js)."""
    return code.replace(RELEASE_MARK, tag)


def release_query(app: Sphinx) -> str:
    """``?v=<tag>`` for this build's bundles, or nothing if they have not been written (not an HTML build)."""
    tag = getattr(app.builder, "so_release", "")
    return f"?v={tag}" if tag else ""


def site_rules() -> bytes:
    """The analyser's rules with its fitted model inside (``"model"``): one file for the page to fetch.

    Why one file: the page's JS engine needs both before it can say anything, and one fetch (already
    preloaded from the head) is quicker than two. Each stays in its own file in the package.
    """
    rules = json.loads(RULES.read_text(encoding="utf-8"))
    if MODEL.exists():
        rules["model"] = json.loads(MODEL.read_text(encoding="utf-8"))
    return json.dumps(rules, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_static(outdir: Path, srcdir: Path | None = None) -> tuple[list[Path], list[str], str]:
    """Write the bundles and the analyser rules into ``<outdir>/_static/send_outcomes/``.

    Returns the files written, the problems found and the release tag stamped into the host. A module that
    cannot be bundled is replaced by one that says so on the page (never a blank space), and the problem is
    returned so the build can warn.
    """
    target = outdir / "_static" / STATIC_DIR
    target.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    codes: dict[str, str] = {}
    for entry in ENTRIES:
        if not (JS_DIR / entry).exists():
            continue
        try:
            codes[entry] = bundle(entry)
        except BundleError as exc:
            problems.append(f"send_outcomes/js/{entry} could not be bundled: {exc}")
            codes[entry] = _fallback(f"This exercise cannot be shown: its code could not be built ({exc}).")
    files = {name: code.encode("utf-8") for name, code in codes.items()}
    if RULES.exists():
        files["rules.json"] = site_rules()
    for name, path in PLAN_DATA.items():
        files[name] = path.read_bytes()
    build = (srcdir or Path.cwd()) / PDFJS_BUILD
    for name, source in VENDOR.items():
        if (build / source).exists():
            files[name] = (build / source).read_bytes()
        else:
            logger.info(f"{build / source} is missing (run `make book`): PDFs cannot be read on the site")
    tag = release_tag(files)
    written: list[Path] = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name == "host.js":
            data = stamp(codes[name], tag).encode("utf-8")
        if not path.exists() or path.read_bytes() != data:  # unchanged files keep their time stamp
            path.write_bytes(data)
        written.append(path)
    return written, problems, tag


def write_bundles(app: Sphinx) -> None:
    """Write the bundles before any page is read or written, so the pages' ``?v=`` checksums are current."""
    if app.builder.format != "html":
        return
    _, problems, tag = write_static(Path(app.outdir), Path(app.srcdir))
    app.builder.so_release = tag  # type: ignore[attr-defined]
    for problem in problems:
        logger.warning(problem, type="send_outcomes", subtype="exercise")


def pages_to_rewrite(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """After a new release of the bundles, write every exercise page again, or it would keep the old URLs."""
    tag = getattr(app.builder, "so_release", "")
    if not tag or getattr(env, "so_release", None) == tag:
        return []
    env.so_release = tag  # type: ignore[attr-defined]
    return sorted(PAGES.of(env))


def warn_missing_modules(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Warn about an exercise type that is used on a page but has no module."""
    if app.builder.format != "html":
        return []
    used = {load_spec(i)["type"] for ids in PAGES.of(env).values() for i in ids}
    for kind in sorted(used):
        if not (JS_DIR / f"{kind}.js").exists():
            logger.warning(
                f"an exercise of type {kind!r} is on a page, but send_outcomes/js/{kind}.js is missing",
                type="send_outcomes", subtype="exercise",
            )
    return []
