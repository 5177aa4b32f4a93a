"""A new release of the exercise code reaches returning visitors: its URLs change, even on pages whose text
did not, and an unchanged release keeps its URLs (so browsers can go on caching it)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sphinx.application import Sphinx

import send_outcomes.sphinx.exercises as exercises


def build(src: Path, out: Path) -> tuple[str, str]:
    """Build the one-page project incrementally; return the page's HTML and the warnings."""
    warnings = io.StringIO()
    app = Sphinx(str(src), str(src), str(out / "html"), str(out / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=False)
    app.build()
    return (out / "html" / "index.html").read_text(encoding="utf-8"), warnings.getvalue()


def urls(page: str) -> dict[str, str]:
    return dict(re.findall(r'_static/send_outcomes/([a-z]+\.(?:js|json))\?v=([0-9a-f]+)', page))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["send_outcomes.sphinx"]\n', encoding="utf-8")
    (src / "index.rst").write_text("Sorting\n=======\n\n.. exercise:: sort-statements-1\n", encoding="utf-8")
    return tmp_path


def test_changed_module_gets_new_urls_on_an_unchanged_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, warnings = build(project / "src", project / "out")
    assert warnings == ""
    before = urls(first)
    assert set(before) == {"host.js", "sort.js"}, before
    host = project / "out" / "html" / "_static" / "send_outcomes" / "host.js"
    stamp_before = host.stat().st_mtime_ns

    again, _ = build(project / "src", project / "out")
    assert urls(again) == before  # nothing changed: same URLs, and the host was not rewritten
    assert host.stat().st_mtime_ns == stamp_before

    real_bundle = exercises.bundle
    def bundle_v2(entry: str) -> str:
        return real_bundle(entry) + ("\n// v2\n" if entry == "sort.js" else "")

    monkeypatch.setattr(exercises, "bundle", bundle_v2)
    after, _ = build(project / "src", project / "out")
    changed = urls(after)
    assert changed["sort.js"] != before["sort.js"], "the sort module changed but its URL did not"
    assert changed["host.js"] != before["host.js"], "the host stamps the release, so its checksum must move"
    assert f'const RELEASE = "{changed["sort.js"]}"' in host.read_text(encoding="utf-8")


def test_release_tag_depends_on_every_file_and_not_on_order() -> None:
    files = {"host.js": b"h", "sort.js": b"s", "rules.json": b"{}"}
    tag = exercises.release_tag(files)
    assert tag == exercises.release_tag(dict(reversed(list(files.items()))))
    for name in files:
        assert exercises.release_tag({**files, name: files[name] + b" "}) != tag, name
    assert exercises.release_tag({**files, "fix.js": b""}) != tag
