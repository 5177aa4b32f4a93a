"""The practice notebooks in a real JupyterLab, driven by keyboard alone in Debian's Chromium.

JupyterLab runs its notebook shortcuts on keys pressed anywhere in the page, so the exercises must keep their
keys to themselves: arrows in a menu must not move to another cell, "a" must not insert one, "m" must not turn
the exercise cell into Markdown, Enter must make a new line in a text box and Shift+Enter there must not
re-run the cell. Each test completes one exercise with the keyboard and then checks that the notebook's cells
are exactly as they were. After a kernel restart an exercise must say so and take no more moves.

One Lab server serves the whole module: started here on a free loopback port with a token, on a temporary
copy of notebooks/, with its own config, data and runtime folders (nothing from the user's set-up leaks in),
and stopped when the module is done. What is right comes from the specs, never from this file.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import WCAG_TAGS, Visit
from playwright.sync_api import Browser

from send_outcomes.grading import check_provision
from send_outcomes.specs import load_spec

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = {
    "sort": ("01-sort-statements.ipynb", "sort-statements-1"),
    "fix": ("02-fix-the-outcome.ipynb", "fix-the-outcome-1"),
    "jigsaw": ("03-beas-jigsaw.ipynb", "beas-jigsaw-1"),
    "thread": ("04-follow-the-thread.ipynb", "follow-the-thread-1"),
    "checker": ("05-check-your-plan.ipynb", "check-your-plan"),
}
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Lab:
    url: str  # http://127.0.0.1:<port>
    token: str
    folder: Path  # the server's root: a copy of notebooks/


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(url: str, token: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("jupyter lab stopped at start:\n" + _tail(log), pytrace=False)
        try:
            req = urllib.request.Request(url + "/api/status", headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(req, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("jupyter lab did not answer in time:\n" + _tail(log), pytrace=False)


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab on a copy of notebooks/, isolated from the user's Jupyter set-up; stopped afterwards."""
    base = tmp_path_factory.mktemp("lab")
    folder = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", folder, ignore=shutil.ignore_patterns("answers", ".ipynb_*"))
    home = {name: base / name for name in ("config", "data", "runtime", "ipython")}
    for path in home.values():
        path.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(
        JUPYTER_CONFIG_DIR=str(home["config"]), JUPYTER_DATA_DIR=str(home["data"]),
        JUPYTER_RUNTIME_DIR=str(home["runtime"]), IPYTHONDIR=str(home["ipython"]),
        JUPYTER_PLATFORM_DIRS="1", JUPYTER_PREFER_ENV_PATH="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    port, token = _free_port(), secrets.token_hex(16)
    log = base / "lab.log"
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={folder}", "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # the default one asks PyPI about extensions
    ]
    if os.geteuid() == 0:  # CI containers run as root; Jupyter refuses that unless told
        cmd.append("--allow-root")
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_up(url, token, proc, log)
        yield Lab(url, token, folder)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


# ---- driving Lab ----------------------------------------------------------------------------------------

CELLS = """() => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  return {
    cells: nb.widgets.map((c) => [c.model.type, c.model.sharedModel.getSource()]),
    active: nb.activeCellIndex,
  };
}"""


@dataclass
class Notebook:
    visit: Visit
    lab: Lab
    name: str
    exercise_id: str
    cells: list[Any]

    @property
    def page(self) -> Any:
        return self.visit.page

    def state(self) -> dict[str, Any]:
        return dict(self.page.evaluate(CELLS))

    def assert_cells_unchanged(self) -> None:
        """The same cells, of the same types and with the same sources, and the exercise still on screen."""
        now = self.state()
        assert now["cells"] == self.cells, "the notebook's cells changed"
        assert self.page.locator(".jp-OutputArea .so-ex").count() == 1, "the exercise is no longer shown"

    def answers(self) -> Any:
        path = self.lab.folder / "answers" / f"{self.exercise_id}.json"
        return json.loads(path.read_text(encoding="utf-8"))["answers"] if path.exists() else None

    def wait_saved(self, predicate: Any, timeout: float = 10.0) -> Any:
        """Wait until the kernel has written answers for which ``predicate`` holds (saves are asynchronous)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = self.answers()
            except (json.JSONDecodeError, OSError):
                last = None
            if last is not None and predicate(last):
                return last
            time.sleep(0.1)
        raise AssertionError(f"answers never saved as expected; last saved: {last}")


def open_notebook(visit: Visit, lab: Lab, kind: str) -> Notebook:
    """Open the practice notebook, run all its cells and wait until the exercise is on screen."""
    name, exercise_id = NOTEBOOKS[kind]
    page = visit.page
    page.goto(f"{lab.url}/lab/tree/{name}?token={lab.token}")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
        timeout=30_000,
    )
    cells = page.evaluate(CELLS)["cells"]
    page.evaluate(
        "async () => { const w = window.jupyterapp.shell.currentWidget; await w.sessionContext.ready;"
        " await window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
    )
    page.wait_for_selector(".jp-OutputArea .so-ex", timeout=30_000)
    return Notebook(visit, lab, name, exercise_id, cells)


@pytest.fixture()
def visit(browser: Browser, lab: Lab) -> Iterator[Visit]:
    """A fresh browser context on the Lab server; nothing may leave its origin and no script may fail."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    v = Visit(page, lab.url)
    page.on("request", lambda r: v.requests.append(r.url))
    page.on("pageerror", lambda e: v.errors.append(str(e)))
    try:
        yield v
        assert v.offsite() == [], f"requests left the page's origin: {v.offsite()}"
        assert v.page_errors() == [], f"script errors: {v.page_errors()}"
    finally:
        ctx.close()


def first_control(nb: Notebook, selector: str) -> None:
    """Focus a control of the exercise: the one step not done by keys (Lab's own cells come first)."""
    nb.page.locator(f".jp-OutputArea .so-ex {selector}").first.focus()


def axe_on_exercise(nb: Notebook) -> list[str]:
    """axe-core (WCAG 2.0-2.2 A and AA) on the exercise's output area only: Lab's own page is not ours."""
    nb.page.mouse.move(0, 0)
    results = Axe().run(
        nb.page, context={"include": [[".jp-OutputArea-output .so-ex"]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    return [
        f"{v['id']}: {v['help']} at {node['target']}"
        for v in results.response["violations"] for node in v["nodes"]
    ]


# ---- the exercises ---------------------------------------------------------------------------------------


def test_sort_by_keyboard_alone_in_lab(visit: Visit, lab: Lab) -> None:
    spec = load_spec(NOTEBOOKS["sort"][1])
    nb = open_notebook(visit, lab, "sort")
    zones = [""] + [c["id"] for c in spec["categories"]]
    kinds = {i["id"]: i["kind"] for i in spec["items"]}
    # The "Move to" menu: arrows choose a category (not another cell), typing a letter picks by name.
    first = spec["items"][0]["id"]
    first_control(nb, f'.so-card[data-item="{first}"] select')
    visit.page.keyboard.press("ArrowDown")
    nb.wait_saved(lambda a: a.get("placements", {}).get(first) == zones[1])
    target = next(c for c in spec["categories"] if c["id"] == kinds[first])
    assert visit.focused(f'.so-card[data-item="{first}"] select')  # focus followed the card
    visit.page.keyboard.press(target["label"][0].lower())
    nb.wait_saved(lambda a: a.get("placements", {}).get(first) == kinds[first])
    nb.assert_cells_unchanged()
    # The rest by the grip: Enter picks up, arrows choose, Enter drops.
    visit.tab_to(".so-grab")
    for _ in spec["items"][1:]:
        item_id = visit.page.evaluate("document.activeElement.closest('[data-item]').dataset.item")
        visit.page.keyboard.press("Enter")
        for _ in range(zones.index(kinds[item_id])):
            visit.page.keyboard.press("ArrowRight")
        visit.page.keyboard.press("Enter")
        zone = visit.page.locator(f'.so-card[data-item="{item_id}"]').locator(
            "xpath=ancestor::*[@data-zone][1]").get_attribute("data-zone")
        assert zone == kinds[item_id]
    visit.tab_to("button.so-primary")
    visit.page.keyboard.press("Enter")
    assert f"All {len(spec['items'])} right" in visit.page.locator('[data-role="summary"]').inner_text()
    nb.wait_saved(lambda a: a.get("placements") == kinds)
    nb.assert_cells_unchanged()
    assert axe_on_exercise(nb) == []
