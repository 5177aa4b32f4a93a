"""The published site as a whole: accessible on every page, private, usable from a sub-path, on a phone and
on paper.

Screenshots a reviewer can look at (home page, an exercise on a phone, a printed worksheet) are written beside
the test run's own build, never into the working tree: after a run they are in
/tmp/pytest-of-$USER/pytest-current/bookcurrent/_build/screenshots/.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import PAGES, Visit
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shots(built_site: Path) -> Path:
    """The screenshots' folder, beside the HTML of the test run's build."""
    folder = built_site.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


def site_pages(built_site: Path) -> list[str]:
    """Every HTML page a reader can reach (the root index.html only redirects to the home page)."""
    return sorted(
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if not ({"_static", "_sources", "_images"} & set(p.relative_to(built_site).parts))
        and p.relative_to(built_site).as_posix() != "index.html"
    )


def test_every_page_passes_axe_and_stays_on_its_origin(visit: Visit, built_site: Path) -> None:
    pages = site_pages(built_site)
    assert len(pages) >= 20
    problems: dict[str, list[str]] = {}
    for rel in pages:
        # "load", not "networkidle" (half a second of idling on each page): a request made later is still
        # recorded (the listener stays on for the whole test) and the fixture checks them all at the end.
        visit.page.goto(visit.origin + "/" + rel, wait_until="load")
        if visit.page.locator(".so-exercise").count():
            visit.wait_ready()
        found = visit.axe_violations()
        if found:
            problems[rel] = found
    assert problems == {}
    # The fixture also asserts, on teardown, that no request left the origin and no script failed.
    assert len({u for u in visit.requests if u.endswith(".html")}) >= len(pages)


def test_dark_mode_pages_pass_axe(visit: Visit) -> None:
    visit.page.goto(visit.origin + "/book/index.html")
    visit.page.evaluate("() => ['mode', 'theme'].forEach(k => localStorage.setItem(k, 'dark'))")
    for kind in ("sort", "fix"):
        visit.open(kind)
        assert visit.page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        assert visit.axe_violations() == []


def test_home_page_says_nothing_leaves_the_device(visit: Visit, shots: Path) -> None:
    visit.page.goto(visit.origin + "/book/index.html")
    visit.page.screenshot(path=str(shots / "home.png"), full_page=False)
    footer = visit.page.locator(".bd-footer-content").inner_text()
    assert "sends nothing anywhere" in footer


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_each_exercise_fits_a_320px_screen(phone: Visit, kind: str, shots: Path) -> None:
    phone.open(kind)
    overflow = phone.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{kind}: the page scrolls sideways by {overflow}px at 320px wide"
    # Every control in the exercise is big enough to tap (WCAG 2.2 target size, minimum 24 by 24 px).
    small = phone.page.evaluate(
        """() => [...document.querySelectorAll('.so-ex button, .so-ex select, .so-ex textarea')]
            .filter(e => e.offsetParent !== null)
            .map(e => e.getBoundingClientRect())
            .filter(r => r.width < 24 || r.height < 24).length"""
    )
    assert small == 0
    if kind == "sort":
        phone.page.locator(".so-exercise").evaluate("e => e.scrollIntoView({block: 'start'})")
        phone.page.screenshot(path=str(shots / "exercise-phone.png"))  # what the phone's screen shows


def test_every_page_reflows_to_320px_and_200_percent_zoom(phone: Visit, built_site: Path) -> None:
    """WCAG 1.4.10: at 320 CSS px (what a 1280 px window shows at 400 %, so 200 % is covered) nothing
    scrolls sideways; wide tables scroll inside their own box instead."""
    wide = {}
    for rel in site_pages(built_site):
        phone.page.goto(phone.origin + "/" + rel)
        overflow = phone.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide[rel] = overflow
    assert wide == {}


def test_a_chapter_prints_as_the_article_alone(visit: Visit) -> None:
    visit.page.goto(visit.origin + "/book/05-smart-outcomes.html")
    visit.page.emulate_media(media="print")
    assert not visit.page.locator(".bd-sidebar-primary").is_visible()
    assert not visit.page.locator(".prev-next-area").is_visible()
    assert visit.page.locator("article h1").is_visible()
    pdf = visit.page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_an_exercise_prints_as_a_worksheet(visit: Visit, shots: Path) -> None:
    visit.open("sort")
    visit.page.emulate_media(media="print")
    sheet = visit.page.locator(".so-worksheet")
    assert sheet.is_visible()
    assert not visit.page.locator(".so-exercise .so-ex").is_visible()
    rows = sheet.locator("tbody tr").count()
    cards = visit.page.locator(".so-card").count()
    assert rows == cards > 0
    sheet.screenshot(path=str(shots / "printed-worksheet.png"))
    visit.page.emulate_media(media="screen")
    assert not sheet.is_visible()
    assert visit.page.locator(".so-exercise .so-ex").is_visible()


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under /course/outcomes/, as GitHub Pages serves a project site."""

    prefix = "/course/outcomes/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_under_the_sub_path__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def sub_path_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_SubPathHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/course/outcomes/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_site_works_from_a_sub_path(browser: Browser, sub_path_url: str) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        page.goto(sub_path_url)  # the root index.html redirects to the home page
        page.wait_for_url("**/course/outcomes/book/index.html")
        page.get_by_role("link", name="Sort the statements").first.click()
        page.wait_for_selector(".so-exercise[data-so-ready] .so-ex", state="attached", timeout=10_000)
        page.goto(sub_path_url + "book/my-progress.html")
        page.wait_for_selector(".so-progress[data-so-ready]", timeout=10_000)
        assert failed == []
    finally:
        ctx.close()


def test_reduced_motion_is_respected(browser: Browser, site_url: str) -> None:
    ctx = browser.new_context(reduced_motion="reduce")
    page = ctx.new_page()
    try:
        page.goto(site_url + PAGES["sort"])
        page.wait_for_selector(".so-exercise[data-so-ready] .so-ex", state="attached", timeout=10_000)
        longest = page.evaluate(
            """() => Math.max(0, ...[...document.querySelectorAll('.so-ex, .so-ex *')].map(e => {
                const s = getComputedStyle(e);
                return Math.max(...(s.transitionDuration + ',' + s.animationDuration).split(',')
                    .map(x => parseFloat(x) * (x.trim().endsWith('ms') ? 1 : 1000) || 0));
            }))"""
        )
        assert longest <= 1
    finally:
        ctx.close()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_handouts_print_one_sheet_each_and_the_evaluation_form_on_one_page(visit: Visit) -> None:
    """Each handout starts a new sheet; the evaluation form alone prints on a single A4 page."""
    visit.page.goto(visit.origin + "/book/parent-forum-handouts.html")
    handouts = visit.page.locator(".so-handout").count()
    assert handouts >= 2
    whole = _pdf_pages(visit.page.pdf(format="A4"))
    assert whole >= handouts
    visit.page.evaluate(
        "() => document.querySelector('article').replaceChildren(document.querySelector('.so-evaluation'))"
    )
    assert visit.page.locator(".so-evaluation tbody tr").count() >= 3
    assert _pdf_pages(visit.page.pdf(format="A4")) == 1
