"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Every test page records each request it makes, so a test can assert that nothing left the page's origin
(the course promises that the site loads nothing from other sites and sends nothing anywhere).
Chromium is Debian's (/usr/bin/chromium), never a browser downloaded by Playwright.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PAGES = {
    "sort": "book/exercises/sort-statements.html",
    "fix": "book/exercises/fix-the-outcome.html",
    "jigsaw": "book/exercises/beas-jigsaw.html",
    "thread": "book/exercises/follow-the-thread.html",
    "checker": "book/check-your-plan.html",
}

# Script errors we tolerate: none. (Jupyter Book's thebe scripts declared a constant twice on every page;
# send_outcomes/sphinx/site.py now leaves them out, so any script error fails the test.)
KNOWN_THEME_ERRORS: tuple[str, ...] = ()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FOCUSED_MATCHES = "(s) => !!document.activeElement && document.activeElement.matches(s)"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    """A folder on a random free port of 127.0.0.1, as a browser would reach it; the address has no slash."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def serve_folder() -> Callable[[Path], AbstractContextManager[str]]:
    """``with serve_folder(path) as base:`` serves any folder the way ``site_url`` serves the site."""
    return _serve


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on a random free port of 127.0.0.1, for the whole session."""
    with _serve(built_site) as base:
        yield base + "/"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (Debian's chromium package)", pytrace=False)
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@dataclass
class Visit:
    """A page plus what it did: every request URL, console errors, page errors and dialogs."""

    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    in_flight: dict[int, str] = field(default_factory=dict)  # requests sent and not yet answered

    def watch(self) -> None:
        """Record what the page does from now on: every request (and which are still in flight), and every
        script error. Every page a test drives is watched this way, on the site and in JupyterLab."""
        self.page.on("request", self._sent)
        self.page.on("requestfinished", self._answered)
        self.page.on("requestfailed", self._answered)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _sent(self, request: Any) -> None:
        self.requests.append(request.url)
        self.in_flight[id(request)] = request.url

    def _answered(self, request: Any) -> None:
        self.in_flight.pop(id(request), None)

    def settle(self, quiet_ms: int = 300, timeout_ms: int = 15_000) -> None:
        """Wait until no request has been in flight for ``quiet_ms``: what Playwright's "networkidle" does,
        but named after the requests still pending when it gives up (that one stalls on a busy machine)."""
        quiet = waited = 0
        while quiet < quiet_ms:
            if waited >= timeout_ms:
                pending = list(self.in_flight.values())
                raise AssertionError(f"requests still in flight after {timeout_ms} ms: {pending}")
            self.page.wait_for_timeout(50)  # lets Playwright deliver the request events meanwhile
            waited += 50
            quiet = quiet + 50 if not self.in_flight else 0

    def offsite(self) -> list[str]:
        """Requests that left the page's origin (data: and blob: URLs stay on the device)."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                out.append(url)
        return out

    def open(self, kind: str) -> None:
        """Go to the page of exercise ``kind`` and wait until the exercise is mounted."""
        self.page.goto(self.origin + "/" + PAGES[kind])
        self.wait_ready()

    def wait_ready(self) -> None:
        self.page.wait_for_selector(".so-exercise[data-so-ready] .so-ex", state="attached", timeout=10_000)

    def reload(self) -> None:
        self.page.reload()
        self.wait_ready()

    def tab_to(self, selector: str, limit: int = 400, key: str = "Tab") -> None:
        """Press Tab (keyboard only) until the focused element matches ``selector``."""
        for _ in range(limit):
            self.page.keyboard.press(key)
            if self.focused(selector):
                return
        raise AssertionError(f"{key} never reached {selector}")

    def focused(self, selector: str) -> bool:
        """Does the focused element match ``selector``? (Reads the page; presses nothing.)"""
        return bool(self.page.evaluate(FOCUSED_MATCHES, selector))

    def axe_violations(self) -> list[str]:
        """axe-core (WCAG 2.0-2.2 A and AA rules) on the whole page: one line per violation and node."""
        # Park the pointer: whatever it last clicked may have moved, leaving a theme link in its hover colour.
        self.page.mouse.move(0, 0)
        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        out = []
        for v in results.response["violations"]:
            for node in v["nodes"]:
                out.append(f"{v['id']}: {v['help']} at {node['target']}: {node.get('failureSummary', '')}")
        return out

    def page_errors(self) -> list[str]:
        """Script errors, leaving out the book theme's own known one (see KNOWN_THEME_ERRORS)."""
        return [e for e in self.errors if not any(k in e for k in KNOWN_THEME_ERRORS)]

    def wait_announced(self, words: str) -> None:
        """Wait until a live region of an exercise says ``words`` (what a screen reader would read)."""
        self.page.wait_for_function(
            "(w) => [...document.querySelectorAll('.so-ex [aria-live]')]"
            ".some(r => r.textContent.includes(w))",
            arg=words, timeout=5_000,
        )

    def set_aside(self, exercise_id: str) -> list[str]:
        """The values moved aside (under <key>:corrupt:<time>) for this exercise."""
        return list(self.page.evaluate(
            "(k) => Object.keys(localStorage).filter(x => x.startsWith(k + ':corrupt:'))"
            ".map(x => localStorage.getItem(x))",
            "send-outcomes:v1:" + exercise_id,
        ))

    def corrupt(self, exercise_id: str, raw: str) -> None:
        """Put ``raw`` where the exercise's progress is kept, then reload the page."""
        self.page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["send-outcomes:v1:" + exercise_id, raw])
        self.reload()

    def saved(self, exercise_id: str) -> Any:
        raw = self.page.evaluate("(k) => localStorage.getItem(k)", "send-outcomes:v1:" + exercise_id)
        return None if raw is None else json.loads(raw)


def _visit(browser: Browser, site_url: str, **context: Any) -> Iterator[Visit]:
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    origin = site_url.rstrip("/")
    visit = Visit(page, origin)
    visit.watch()

    def on_dialog(d: Any) -> None:
        visit.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield visit
        # Every test, whatever it checks, also proves nothing left the origin and no script failed.
        assert visit.offsite() == [], f"requests left the page's origin: {visit.offsite()}"
        assert visit.page_errors() == [], f"script errors: {visit.page_errors()}"
        assert visit.dialogs == [], f"a dialog opened: {visit.dialogs}"
    finally:
        ctx.close()


@pytest.fixture()
def visit(browser: Browser, site_url: str) -> Iterator[Visit]:
    """A fresh browser context (empty localStorage) at a desktop size."""
    yield from _visit(browser, site_url, viewport={"width": 1100, "height": 900})


@pytest.fixture()
def phone(browser: Browser, site_url: str) -> Iterator[Visit]:
    """A fresh context the size of a small phone, with touch."""
    yield from _visit(
        browser, site_url, viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True,
        device_scale_factor=2,
    )
