"""Shared fixtures: the repository root and the site built once per test session.

The book is built here, not by the Makefile, so that `make test` always proves the book builds with warnings
as errors from a clean state, and the browser tests run against exactly that build. It is built into
pytest's temporary folder, never the working tree's _build/.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from send_outcomes.course import assignments, config, demo, notebooks, runner, session

# sphinx.testing's fixtures (app, make_app, ...) build the tiny projects under tests/book/sphinx/roots/.
pytest_plugins = "sphinx.testing.fixtures"

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# The debugger bundled with ipykernel warns on stderr about frozen modules; that is noise in every
# executed notebook, not a fault of ours.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


@dataclass(frozen=True)
class BuiltSite:
    """The result of one full book build: where the HTML is and what the build printed."""

    html: Path
    log: str
    returncode: int


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def build_result(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> BuiltSite:
    """Build every page from scratch with warnings as errors; keep going to report them all.

    The build goes to a temporary folder (``--path-output``: the HTML, the doctrees, and myst-nb's executed
    outputs and cache, which it keeps beside the HTML), so a test run never overwrites the site that
    `make book` wrote into _build/. On several workers the first to need the site builds it into the run's
    shared temporary folder, under a lock, and the other reads that build: a full build costs half a
    minute of CPU.
    """
    if worker_id == "master":
        return _build_book(tmp_path_factory.mktemp("book"))
    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, above each worker's own
    with (shared / "book.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "book.json"
        if done.exists():
            saved = json.loads(done.read_text(encoding="utf-8"))
            return BuiltSite(Path(saved["html"]), saved["log"], saved["returncode"])
        result = _build_book(shared / "book")
        record = {"html": str(result.html), "log": result.log, "returncode": result.returncode}
        done.write_text(json.dumps(record), encoding="utf-8")
        return result


def _build_book(out: Path) -> BuiltSite:
    proc = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output", str(out),
         "-W", "--keep-going", "--all"],
        cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )
    return BuiltSite(out / "_build" / "html", proc.stdout + proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def built_site(build_result: BuiltSite) -> Path:
    """The path of the built HTML; fails every dependent test at once if the build failed."""
    if build_result.returncode != 0:
        pytest.fail("the book did not build:\n" + build_result.log[-6000:], pytrace=False)
    return build_result.html


@pytest.fixture(scope="session")
def released_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course folder with the sorting assignment generated into release/ by nbgrader, made once: tests copy
    it before changing anything."""
    root = tmp_path_factory.mktemp("released-course")
    config.write(root)
    notebooks.write_sources(root, [assignments.SORTING])
    runner.generate(root, assignments.SORTING)
    return root


@dataclass(frozen=True)
class MarkedClass:
    """The demo class's course after one real session: what the session printed and the class it marked."""

    root: Path
    cls: demo.DemoClass
    said: list[str]


@pytest.fixture(scope="session")
def marked_demo_class(tmp_path_factory: pytest.TempPathFactory) -> MarkedClass:
    """Every assignment generated, 30 demo learners handed in, autograded and given feedback, once a test
    session (it starts about 120 kernels): the marking tests and the class report's tests read the same
    marked course. A test that changes it must put it back."""
    root = tmp_path_factory.mktemp("session") / "course"
    said: list[str] = []
    assert session.init(root, None, say=said.append) == 0
    assert session.generate(root, None, say=said.append) == 0
    cls = demo.make_class(root, 30, seed=0)
    assert session.autograde(root, None, show_progress=False, say=said.append) == 0, "\n".join(said)
    assert session.feedback(root, None, say=said.append) == 0, "\n".join(said)
    return MarkedClass(root, cls, said)


# `make test` runs the tests on several workers (pytest-xdist, --dist loadgroup). Each file's tests stay
# together on one worker, for their module-scoped servers; the files that read the marked demo class (two
# minutes of marking) share one worker, so it is marked once. The book is built once (build_result).
SHARED_ONCE = ("marked_demo_class",)


# tryfirst: pytest-xdist reads the groups in its own hook of the same name (it runs after this one).
# Longest first: with --no-loadscope-reorder (the Makefile's) the workers take groups in collection order, so
# the marked demo class (minutes of marking) and then the slow and browser files start at once, and the quick
# ones fill in around them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    group: dict[int, str] = {}
    rank: dict[str, int] = {}  # a whole group moves together, so a file's module fixtures are made once
    for item in items:
        shared = [name for name in SHARED_ONCE if name in getattr(item, "fixturenames", ())]
        name = shared[0] if shared else item.path.name
        item.add_marker(pytest.mark.xdist_group(name))
        group[id(item)] = name
        slow = item.get_closest_marker("slow") or item.get_closest_marker("browser")
        here = 0 if shared else 1 if slow else 2
        rank[name] = min(here, rank.get(name, here))
    items.sort(key=lambda item: rank[group[id(item)]])  # stable: each group's tests keep their order


def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    """With `--dist loadgroup`, every test a worker collected must carry its group in its id, or the
    scheduler hands tests out one by one: each worker would start its own servers and mark the demo class
    again (a pytest release once made pytest-xdist's grouping silently do nothing)."""
    if node.config.getoption("dist") != "loadgroup":
        return
    ungrouped = [nodeid for nodeid in ids if "@" not in nodeid.rsplit("]", 1)[-1]]
    if ungrouped:
        pytest.exit(
            f"{len(ungrouped)} tests lost their xdist group (first: {ungrouped[0]}): this pytest and "
            "pytest-xdist do not group tests together; install the pinned ones (make .venv/.installed-dev)",
            returncode=4,
        )
