"""The book builds with no warnings, every page in the table of contents is there, and the pages keep the
promises the course makes to its readers: whom each page is for, alt text, nothing loaded from elsewhere,
British spelling."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow


def toc_files(root: Path) -> list[str]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc["parts"]:
        walk(part["chapters"])
    return files


class PageParser(HTMLParser):
    """Collects what the checks need from one page: resources, images, audience marks and main text."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.badges: list[str] = []
        self.text: list[str] = []
        self._skip = 0
        self._in_main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.resources.append(a["src"] or "")
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
            self.resources.append(a.get("href") or "")
        if tag in ("img", "source", "iframe", "embed", "object"):
            self.resources.append(a.get("src") or a.get("data") or "")
        if tag == "img":
            self.images.append(a)
        classes = (a.get("class") or "").split()
        if tag == "span" and "so-badge" in classes:
            self.badges.extend(c.removeprefix("so-badge-") for c in classes if c.startswith("so-badge-"))
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "main":
            self._in_main += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "main":
            self._in_main -= 1

    def handle_data(self, data: str) -> None:
        if self._in_main and not self._skip:
            self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_book_builds_without_warnings(build_result) -> None:
    assert build_result.returncode == 0, build_result.log[-6000:]
    warnings = [line for line in build_result.log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert warnings == []


def test_every_toc_page_is_built(built_site: Path, root: Path) -> None:
    missing = [f for f in toc_files(root) if not (built_site / f"{f}.html").is_file()]
    assert missing == []


def test_every_page_says_whom_it_is_for(built_site: Path, root: Path) -> None:
    unmarked = [f for f in toc_files(root) if not parse(built_site / f"{f}.html").badges]
    assert unmarked == []


CHAPTER = re.compile(r"^\d\d-.+\.md$")


def chapter_sources(root: Path) -> list[Path]:
    return sorted(p for p in (root / "book").iterdir() if CHAPTER.match(p.name))


def test_chapters_open_with_a_plain_english_summary(built_site: Path, root: Path) -> None:
    chapters = [built_site / "book" / f"{p.stem}.html" for p in chapter_sources(root)]
    assert len(chapters) == 10
    for page in chapters:
        assert "In short" in "".join(parse(page).text), page.name


def test_parents_have_a_short_route_they_can_finish_in_an_evening(built_site: Path) -> None:
    """The parents' path is a short, ordered route (not every page), each step marked for parents and
    numbered on its own page in the same order; the rest of the parents' pages follow as further reading."""
    html = (built_site / "book" / "index.html").read_text(encoding="utf-8")
    section = html.split("Parents and carers: your path", 1)[1].split("</ol>", 1)[0]
    linked = re.findall(r'href="([^"#]+)"', section)
    assert 4 <= len(linked) <= 6, linked
    assert {"10-when-you-disagree.html", "check-your-plan.html"} <= set(linked)
    for step, href in enumerate(linked, start=1):
        page = parse(built_site / "book" / href)
        assert "parents" in page.badges, href
        assert f"short route: step {step}" in " ".join(page.text), href
    more = html.split("Parents and carers: more when you have time", 1)[1].split("</ul>", 1)[0]
    further = re.findall(r'href="([^"#]+)"', more)
    assert further and not set(further) & set(linked)
    words = sum(len(" ".join(parse(built_site / "book" / h).text).split()) for h in linked)
    assert words < 15000, f"the route is {words} words: too long for one evening"


def test_professional_boxes_are_the_same_collapsed_box_in_every_chapter(root: Path) -> None:
    """Parents can skip the professional detail the same way on every page: it is always a dropdown."""
    for path in chapter_sources(root):
        lines = path.read_text(encoding="utf-8").splitlines()
        boxes = [line for line in lines if "For SENCOs and caseworkers" in line]
        assert boxes, f"{path.name} has no box for SENCOs and caseworkers"
        assert all(line == ":::{dropdown} For SENCOs and caseworkers" for line in boxes), path.name


def test_images_have_alt_text_and_figures_exist(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    figures = 0
    for page in pages:
        for img in parse(page).images:
            assert (img.get("alt") or "").strip(), f"{page.name}: image {img.get('src')} has no alt text"
            if (img.get("src") or "").endswith(".svg"):
                figures += 1
                assert (page.parent / (img.get("src") or "")).is_file()
    assert figures >= 3


def test_nothing_is_loaded_from_another_origin(built_site: Path) -> None:
    offsite = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
    for page in sorted(built_site.rglob("*.html")):
        for url in parse(page).resources:
            assert not offsite.match(url), f"{page.relative_to(built_site)} loads {url}"


AMERICAN = re.compile(
    r"\b(behavior\w*|color(?:s|ed|ful)?|organiz\w+|favorite\w*|realiz\w+|recogniz\w+|analyz\w+|"
    r"labeled|modeled|pediatric\w*|center(?:s|d)?|judgment|enrollment|counselor\w*)\b",
    re.IGNORECASE,
)


def test_pages_use_british_spelling(built_site: Path) -> None:
    found = {}
    for page in sorted((built_site / "book").rglob("*.html")):
        hits = sorted({m.group(0) for m in AMERICAN.finditer(" ".join(parse(page).text))})
        if hits:
            found[page.name] = hits
    assert found == {}


def test_exercise_assets_are_fetched_by_this_builds_urls(built_site: Path) -> None:
    """Every exercise script and preload carries a version: the host's and progress script's is the checksum
    of the file now in the output (not a previous build's), and the modules and rules carry the release tag
    stamped into the host, so a returning visitor never mixes a cached module with a new host."""
    from sphinx.builders.html._assets import _file_checksum

    static = built_site / "_static" / "send_outcomes"
    stamped = re.compile(r'const RELEASE = "([0-9a-f]{12})"')
    scripts = ("host.js", "progress.js")
    releases = {name: stamped.findall((static / name).read_text("utf-8")) for name in scripts}
    assert releases["host.js"] == releases["progress.js"] and len(releases["host.js"]) == 1, releases
    release = releases["host.js"][0]
    seen: set[str] = set()
    for page in sorted(built_site.rglob("*.html")):
        for url in parse(page).resources:
            if "_static/send_outcomes/" not in url:
                continue
            name, _, version = url.split("/")[-1].partition("?v=")
            where = page.relative_to(built_site)
            seen.add(name)
            if name in ("host.js", "progress.js"):
                expected = _file_checksum(built_site, f"_static/send_outcomes/{name}")
                assert version == expected, f"{where}: {url} is not this build's {name}"
            else:
                assert version == release, f"{where}: {url} lacks release {release}"
    expected_files = {"host.js", "progress.js", "sort.js", "fix.js", "jigsaw.js", "thread.js", "checker.js"}
    assert expected_files | {"rules.json"} <= seen
