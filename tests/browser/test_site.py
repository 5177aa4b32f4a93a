"""Site-wide promises of the exercises: nothing requested off the page's origin, the exercise code only on
pages with an exercise, a broken exercise explained rather than blank, and an axe run that can fail."""

from __future__ import annotations

import pytest
from conftest import PAGES, Visit

pytestmark = pytest.mark.browser
CHAPTER = "book/01-what-outcomes-are.html"


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_exercise_pages_request_nothing_off_their_origin(visit: Visit, kind: str) -> None:
    visit.open(kind)
    visit.settle()
    assert visit.requests, "no request was recorded at all"
    assert any("/_static/send_outcomes/" in url for url in visit.requests)
    assert visit.offsite() == []


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_exercise_code_is_fetched_once_by_a_versioned_url(visit: Visit, kind: str) -> None:
    """Each module and the rules come once, under this release's URL: the page's preload is the very request
    the host uses (no second download), and a new release can never be served from a stale cache."""
    visit.open(kind)
    visit.settle()
    ours = [url for url in visit.requests if "/_static/send_outcomes/" in url]
    names = [url.split("/")[-1].split("?")[0] for url in ours]
    assert {"host.js", f"{kind}.js"} <= set(names), ours
    assert len(names) == len(set(names)), f"fetched twice: {ours}"
    assert all("?v=" in url for url in ours), ours


def test_offsite_requests_are_caught(visit: Visit) -> None:
    """The recorder sees a request to another origin (so the tests above could fail)."""
    visit.open("sort")
    visit.page.evaluate("() => { const i = new Image(); i.src = 'http://192.0.2.1/pixel.png'; }")
    visit.page.wait_for_timeout(200)
    assert visit.offsite() == ["http://192.0.2.1/pixel.png"]
    visit.requests.clear()  # leave the page clean for the fixture's own check


def test_chapter_pages_load_no_exercise_code(visit: Visit) -> None:
    visit.page.goto(visit.origin + "/" + CHAPTER)
    visit.settle()
    assert not [url for url in visit.requests if "/send_outcomes/" in url and url.endswith(".js")]
    assert visit.offsite() == []


def test_an_exercise_that_cannot_start_says_so(visit: Visit) -> None:
    visit.open("sort")
    message = visit.page.evaluate(
        """async () => {
            const box = document.createElement('div');
            box.className = 'so-exercise';
            const spec = document.createElement('script');
            spec.type = 'application/json';
            spec.className = 'so-exercise-spec';
            spec.textContent = '{"id": "x", "type": "dance"}';
            box.appendChild(spec);
            document.querySelector('main').appendChild(box);
            const src = document.querySelector('script[src*="send_outcomes/host.js"]').src;
            const host = await import(src);
            await host.mount(box);
            return box.querySelector('[role=alert]').textContent;
        }"""
    )
    assert "could not be started" in message and "dance" in message


def test_axe_finds_a_planted_violation(visit: Visit) -> None:
    """The accessibility check is live: an unlabelled form control in an exercise is reported."""
    visit.open("sort")
    visit.page.evaluate("document.querySelector('.so-ex').appendChild(document.createElement('select'))")
    assert any(v.startswith("select-name") for v in visit.axe_violations())


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_exercise_passes_axe_in_the_dark_theme(visit: Visit, kind: str) -> None:
    """The exercise keeps its own light background, so the theme's dark colours must not leak into it."""
    visit.page.goto(visit.origin + "/" + CHAPTER)
    visit.page.evaluate("() => ['mode', 'theme'].forEach(k => localStorage.setItem(k, 'dark'))")
    visit.open(kind)
    assert visit.page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert visit.axe_violations() == []
