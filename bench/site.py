"""Weight and responsiveness of each exercise page of the built site, in headless Chromium.

For every exercise page, five times each in a fresh browser context (empty cache, empty localStorage):

- page KB: the whole page, the sum of the bodies of every response (HTML, CSS, JS, fonts, images, JSON);
- exercise KB: what the exercise adds over a plain chapter page: the responses a chapter page does not make
  (the host, the exercise module, the analyser's rules) plus the exercise's placeholder and embedded spec in
  the HTML;
- ready ms: navigation start to the exercise being mounted (the host marks the container when it is);
- theme ms: navigation start to DOMContentLoaded, which waits for the book theme's own deferred scripts
  (over a megabyte of icon-font code): a floor the exercise cannot go below when the CPU is busy;
- responds ms: navigation start to the first input having a visible effect. The input is made as soon as the
  exercise is mounted; for the two text exercises this includes the deliberate pause (250-300 ms) that
  keeps the checklist from flickering while someone types. The input is made in the page itself (a change
  or input event, as a select or a keystroke makes) and the time taken at the next animation frame.

Targets (issue #4): an exercise adds under 150 KB, and responds within 1 s of navigation.
Run: .venv/bin/python bench/site.py [--runs 5] [--site _build/html]   (build the book first: make book)
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CHAPTER = "book/01-what-outcomes-are.html"
TARGET_KB = 150
TARGET_MS = 1000
CONTAINER = re.compile(r'<div class="so-exercise".*?</script>\s*</div>', re.S)


# Each first input is made inside the page, the moment the exercise is mounted, and the clock stops at the
# first animation frame after its effect is in the DOM: no round trips to Python are counted.
_WAIT_THEN_ACT = """async ([act, effect]) => {
  const until = (test) => new Promise((resolve) => {
    const poll = () => (test() ? resolve() : requestAnimationFrame(poll));
    poll();
  });
  await until(() => document.querySelector('.so-exercise[data-so-ready] .so-ex'));
  const ready = Number(document.querySelector('.so-exercise').dataset.soReady);
  new Function(act)();
  await until(new Function('return ' + effect));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return [ready, performance.now()];
}"""
_SET = (
    "const e = document.querySelector('{sel}'); e.value = {value}; "
    "e.dispatchEvent(new Event('{event}', {{bubbles: true}}));"
)

FIRST_INPUTS: dict[str, tuple[str, str]] = {
    # exercise: (the input, JS; the visible effect it must have, a JS expression)
    "sort": (
        _SET.format(sel=".so-card select", value="'need'", event="change"),
        "!!document.querySelector('.so-zone[data-zone=need] .so-card')",
    ),
    "fix": (
        _SET.format(sel=".so-fix textarea", value="'By the end of Year 8, Mustafa will climb the stairs.'",
                    event="input"),
        "!!document.querySelector('.so-fix [data-role=live] li[data-criterion]')",
    ),
    "jigsaw": (
        "document.querySelector('.so-piece input[value=use]').click();",
        "!!document.querySelector('.so-piece select')",
    ),
    "thread": (
        _SET.format(
            sel=".so-thread select", value="document.querySelector('.so-thread select').options[1].value",
            event="change",
        ),
        "[...document.querySelectorAll('.so-thread [aria-live]')].some((r) => r.textContent.includes(':'))",
    ),
    "checker": (
        _SET.format(sel=".so-checker textarea", value="'Kyle would like more friends.'", event="input"),
        "!!document.querySelector('.so-checker li.so-result[data-kind]')",
    ),
}

EXERCISES: dict[str, tuple[str, str]] = {
    "sort-statements-1": ("book/exercises/sort-statements.html", "sort"),
    "fix-the-outcome-1": ("book/exercises/fix-the-outcome.html", "fix"),
    "beas-jigsaw-1": ("book/exercises/beas-jigsaw.html", "jigsaw"),
    "follow-the-thread-1": ("book/exercises/follow-the-thread.html", "thread"),
    "check-your-plan": ("book/check-your-plan.html", "checker"),
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _load(browser: Any, url: str, kind: str | None) -> dict[str, Any]:
    """One visit in a fresh context: bytes by URL, and (for an exercise) the ready and respond times."""
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    page = ctx.new_page()
    sizes: dict[str, int] = {}
    offsite: list[str] = []
    origin = url.split("/", 3)[:3]

    def on_response(response: Any) -> None:
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            sizes.setdefault(response.url, 0)

    page.on("request", lambda r: offsite.append(r.url) if r.url.split("/", 3)[:3] != origin else None)
    page.on("response", on_response)
    out: dict[str, Any] = {}
    if kind is None:
        page.goto(url)
    else:
        page.goto(url, wait_until="commit")
        out["ready"], out["responds"] = page.evaluate(_WAIT_THEN_ACT, list(FIRST_INPUTS[kind]))
    page.wait_for_load_state("networkidle")
    out["theme"] = float(
        page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventStart")
    )
    ctx.close()
    out["sizes"] = sizes
    out["offsite"] = offsite
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args(argv)
    if not (args.site / CHAPTER).exists():
        print(f"No built site at {args.site}: run `make book` first.", file=sys.stderr)
        return 2
    server, base = _serve(args.site)
    rows = []
    offsite: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            chapter_runs = [_load(browser, base + CHAPTER, None) for _ in range(args.runs)]
            chapter_urls = {u.replace(base, "") for run in chapter_runs for u in run["sizes"]}
            chapter_kb = statistics.median(sum(r["sizes"].values()) for r in chapter_runs) / 1024
            for eid, (path, kind) in EXERCISES.items():
                html = (args.site / path).read_text(encoding="utf-8")
                inline = sum(len(m.group(0).encode("utf-8")) for m in CONTAINER.finditer(html))
                runs = [_load(browser, base + path, kind) for _ in range(args.runs)]
                for r in runs:
                    offsite += r["offsite"]
                page_kb = statistics.median(sum(r["sizes"].values()) for r in runs) / 1024
                added = statistics.median(
                    sum(
                        size for u, size in r["sizes"].items()
                        if u.replace(base, "") not in chapter_urls and u != base + path
                    )
                    for r in runs
                )
                rows.append({
                    "exercise": eid,
                    "page": page_kb,
                    "added": (added + inline) / 1024,
                    "ready": statistics.median(r["ready"] for r in runs),
                    "theme": statistics.median(r["theme"] for r in runs),
                    "responds": statistics.median(r["responds"] for r in runs),
                })
            browser.close()
    finally:
        server.shutdown()
        server.server_close()

    print(f"Exercise pages of {args.site} in headless Chromium; median of {args.runs} fresh visits each.")
    print(f"A plain chapter page ({CHAPTER}) weighs {chapter_kb:.1f} KB.\n")
    head = (
        f"{'exercise':<22}{'page KB':>9}{'exercise KB':>13}{'theme ms':>10}{'ready ms':>10}"
        f"{'responds ms':>13}"
        "  targets"
    )
    print(head)
    print("-" * len(head))
    failed = False
    for r in rows:
        ok_kb = r["added"] < TARGET_KB
        ok_ms = r["responds"] < TARGET_MS
        failed |= not (ok_kb and ok_ms)
        verdict = ("ok" if ok_kb else f"over {TARGET_KB} KB") + ", "
        verdict += "ok" if ok_ms else f"over {TARGET_MS} ms"
        print(
            f"{r['exercise']:<22}{r['page']:>9.1f}{r['added']:>13.1f}{r['theme']:>10.0f}{r['ready']:>10.0f}"
            f"{r['responds']:>13.0f}  {verdict}"
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nLoad average during the run: {load} on {os.cpu_count()} CPUs (times grow with it).")
    print(f"Targets: the exercise adds < {TARGET_KB} KB; responds < {TARGET_MS} ms after navigation.")
    print(f"Requests off the page's origin: {len(offsite)}" + (f" ({offsite[:3]})" if offsite else ""))
    return 1 if failed or offsite else 0


if __name__ == "__main__":
    sys.exit(main())
