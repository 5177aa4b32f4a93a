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

from send_outcomes.analysis import analyse
from send_outcomes.grading import check_provision, grade_rewrite
from send_outcomes.plans.pasted import read_list
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

# Each cell's type, source and execution count (a re-run changes the count), and which cell is active.
CELLS = """() => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  return {
    cells: nb.widgets.map((c) => [c.model.type, c.model.sharedModel.getSource(),
                                  c.model.type === "code" ? c.model.executionCount : null]),
    active: nb.activeCellIndex,
  };
}"""
GONE = "The kernel restarted: run this cell again"
SILENT = "The kernel is not answering, so your latest answers may not be saved: run this cell again"


@dataclass
class Notebook:
    visit: Visit
    lab: Lab
    name: str
    exercise_id: str
    cells: list[Any]
    active: int

    @property
    def page(self) -> Any:
        return self.visit.page

    def state(self) -> dict[str, Any]:
        return dict(self.page.evaluate(CELLS))

    def assert_cells_unchanged(self) -> None:
        """The same cells, of the same types and with the same sources, and the exercise still on screen."""
        now = self.state()
        assert now["cells"] == self.cells, "the notebook's cells changed"
        assert now["active"] == self.active, "the keys moved to another cell"
        assert self.page.locator(".jp-OutputArea .so-ex").count() == 1, "the exercise is no longer shown"

    def answers(self) -> Any:
        path = self.lab.folder / "answers" / f"{self.exercise_id}.json"
        return json.loads(path.read_text(encoding="utf-8"))["answers"] if path.exists() else None

    def wait_saved(self, predicate: Any, timeout: float = 10.0) -> Any:
        """Wait until the kernel has written answers for which ``predicate`` holds (saving is not instant)."""
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
    page.goto(f"{lab.url}/lab/tree/{name}?reset&token={lab.token}")  # reset: no tabs left from other tests
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
        timeout=30_000,
    )
    run_all(page)
    state = page.evaluate(CELLS)
    return Notebook(visit, lab, name, exercise_id, state["cells"], state["active"])


def run_all(page: Any) -> None:
    """Run every cell (as Lab's Run menu does) and wait for a live exercise and an idle kernel."""
    page.evaluate(
        "async () => { const w = window.jupyterapp.shell.currentWidget; await w.sessionContext.ready;"
        " await window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
    )
    live = ".jp-OutputArea .so-ex:not(.so-stale)"
    page.wait_for_selector(live, state="attached", timeout=30_000)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'",
        timeout=30_000,
    )
    # Running all cells scrolls to the end; Lab does not render cells out of view, so bring the exercise in.
    page.locator(live).evaluate("(e) => e.scrollIntoView({ block: 'start' })")
    page.wait_for_selector(live, timeout=10_000)


def choose(v: Visit, selector: str, value: str) -> None:
    """Pick ``value`` in the focused-or-not select by arrow keys alone (focus it first by Tab)."""
    if not v.focused(selector):
        v.tab_to(selector)
    select = v.page.locator(selector)
    values = select.evaluate("(s) => [...s.options].map((o) => o.value)")
    steps = values.index(value) - select.evaluate("(s) => s.selectedIndex")
    for _ in range(abs(steps)):
        v.page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    v.page.wait_for_function("([s, x]) => document.querySelector(s).value === x", arg=[selector, value])


@pytest.fixture(scope="module")
def lab_page(browser: Browser, lab: Lab) -> Iterator[Visit]:
    """One browser page for the module (Lab's code loads once); each test opens its notebook afresh."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    v = Visit(page, lab.url)
    v.watch()
    try:
        yield v
    finally:
        ctx.close()


@pytest.fixture()
def visit(lab_page: Visit) -> Iterator[Visit]:
    """The page for one test; nothing may leave its origin and no script may fail while it runs."""
    lab_page.requests.clear()
    lab_page.errors.clear()
    yield lab_page
    assert lab_page.offsite() == [], f"requests left the page's origin: {lab_page.offsite()}"
    assert lab_page.page_errors() == [], f"script errors: {lab_page.page_errors()}"


def write(v: Visit, text: str, by_keys: bool) -> None:
    """Type ``text`` key by key, or put it in at once as pasting it would (Ctrl+V): typing every answer
    key by key proves nothing more and is slow when each key is also a save."""
    if by_keys:
        v.page.keyboard.type(text)
    else:
        v.page.keyboard.insert_text(text)


def first_control(nb: Notebook, selector: str) -> None:
    """Focus a control of the exercise: the one step not done by keys (Lab's own cells come first)."""
    nb.page.locator(f".jp-OutputArea .so-ex {selector}").first.focus()
    nb.active = nb.state()["active"]  # focus in an output makes its cell the active one, as a click would


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
    # Hosts other than Lab listen on the document too: the keys the exercise uses must not get there.
    visit.page.evaluate(
        "() => { window.__keysSeen = [];"
        " document.addEventListener('keydown', (e) => {"
        "   if (e.target.closest && e.target.closest('.so-ex')) window.__keysSeen.push(e.key); }); }"
    )
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
    assert visit.page.evaluate("window.__keysSeen") == []
    assert axe_on_exercise(nb) == []


def test_fix_by_keyboard_alone_in_lab_with_new_lines(visit: Visit, lab: Lab) -> None:
    spec = load_spec(NOTEBOOKS["fix"][1])
    nb = open_notebook(visit, lab, "fix")
    first_control(nb, "textarea")
    # Enter makes a new line; Shift+Enter does too, and never re-runs the cell (which would wipe the text).
    visit.page.evaluate("document.querySelector('.jp-OutputArea .so-ex').dataset.probe = 'same'")
    visit.page.keyboard.type("am")
    visit.page.keyboard.press("Enter")
    visit.page.keyboard.type("ma")
    visit.page.keyboard.press("Shift+Enter")
    assert visit.page.locator(".so-fix textarea").input_value() == "am\nma\n"
    visit.page.wait_for_timeout(500)  # a re-run would have replaced the output by now
    assert visit.page.locator('.jp-OutputArea .so-ex[data-probe="same"] textarea').input_value() == "am\nma\n"
    nb.assert_cells_unchanged()
    visit.page.keyboard.press("Control+a")
    visit.page.keyboard.press("Delete")
    for n, rnd in enumerate(spec["rounds"]):
        visit.tab_to(".so-fix textarea", key="Shift+Tab")
        write(visit, rnd["model_answer"], by_keys=n == 0)
        visit.tab_to("button.so-primary")
        visit.page.keyboard.press("Enter")
        graded = grade_rewrite(rnd["original"], rnd["model_answer"], analyse(rnd["model_answer"]).to_dict())
        visit.page.wait_for_function(
            "(t) => document.querySelector('.so-fix [data-role=result]').textContent.includes(t)",
            arg=graded["explanation"], timeout=10_000,
        )
        if n + 1 < len(spec["rounds"]):
            visit.tab_to('button[data-key="next"]')
            visit.page.keyboard.press("Enter")
            assert spec["rounds"][n + 1]["original"] in visit.page.locator(".so-original").inner_text()
    drafts = {r["id"]: r["model_answer"] for r in spec["rounds"]}
    nb.wait_saved(lambda a: a.get("drafts") == drafts)
    nb.assert_cells_unchanged()
    assert axe_on_exercise(nb) == []


def test_jigsaw_by_keyboard_alone_in_lab(visit: Visit, lab: Lab) -> None:
    spec = load_spec(NOTEBOOKS["jigsaw"][1])
    nb = open_notebook(visit, lab, "jigsaw")
    right = {
        p["id"]: {"choice": "use", "holder": p["holder"]} if p["role"] == "piece"
        else {"choice": "aside", "holder": ""}
        for p in spec["pieces"]
    }
    first_control(nb, 'input[type="radio"]')
    for pid, ans in right.items():
        radio = f'.so-piece[data-piece="{pid}"] input[type="radio"]'
        if not visit.focused(radio):
            visit.tab_to(radio)
        visit.page.keyboard.press("Space")  # the group's first radio: "Use it"
        if ans["choice"] == "aside":
            visit.page.keyboard.press("ArrowDown")  # arrows move between the radios, not between cells
            assert visit.focused(f'input[data-key="choice:{pid}:aside"]:checked')
        else:
            choose(visit, f'select[data-key="holder:{pid}"]', ans["holder"])
    nb.assert_cells_unchanged()
    visit.tab_to("button.so-primary")
    visit.page.keyboard.press("Enter")
    visit.wait_announced("All")
    for n, p in enumerate(x for x in spec["pieces"] if x["role"] == "piece"):
        visit.tab_to(f'[data-provision="{p["id"]}"] textarea')
        write(visit, p["model_provision"], by_keys=n == 0)
        box = visit.page.locator(f'[data-provision="{p["id"]}"]')
        for c in check_provision(p["model_provision"], spec["provision_checks"]).values():
            assert ("✓" in box.locator(".so-criteria li", has_text=c["label"]).inner_text()) == c["met"]
    provision = {p["id"]: p["model_provision"] for p in spec["pieces"] if p["role"] == "piece"}
    saved = nb.wait_saved(lambda a: a.get("provision") == provision)
    assert saved["pieces"] == right
    nb.assert_cells_unchanged()
    assert axe_on_exercise(nb) == []


def test_thread_by_keyboard_alone_in_lab(visit: Visit, lab: Lab) -> None:
    spec = load_spec(NOTEBOOKS["thread"][1])
    nb = open_notebook(visit, lab, "thread")
    keys = ("need", "outcome", "provision")
    first_control(nb, "select")
    visit.page.keyboard.press("m")  # in Lab's command mode "m" would make this cell Markdown
    nb.assert_cells_unchanged()
    for n, part in enumerate(spec["parts"]):
        for link in part["links"]:
            for key in keys:
                choose(visit, f'select[data-key="link:{link["aspiration"]}:{key}"]', link[key] or "missing")
        visit.tab_to("button.so-primary")
        visit.page.keyboard.press("Enter")
        summary = visit.page.locator('[data-role="summary"]').inner_text()
        assert f"All {len(part['links']) * len(keys)} links" in summary
        if n + 1 < len(spec["parts"]):
            visit.tab_to('button[data-key="next"]')
            visit.page.keyboard.press("Enter")
            visit.page.wait_for_selector(f'section[data-case="{spec["parts"][n + 1]["case"]}"]')
    links = {
        part["case"]: {
            link["aspiration"]: {key: link[key] or "missing" for key in keys} for link in part["links"]
        }
        for part in spec["parts"]
    }
    nb.wait_saved(lambda a: a.get("links") == links)
    nb.assert_cells_unchanged()
    assert axe_on_exercise(nb) == []


def test_checker_takes_new_lines_and_keeps_its_text_in_lab(visit: Visit, lab: Lab) -> None:
    lines = ["Small group work", "Reading and writing"]  # read differently when they come from Section A
    nb = open_notebook(visit, lab, "checker")
    first_control(nb, "textarea")
    visit.page.evaluate("document.querySelector('.jp-OutputArea .so-ex').dataset.probe = 'same'")
    visit.page.keyboard.type(lines[0])
    visit.page.keyboard.press("Enter")
    visit.page.keyboard.type(lines[1])
    visit.page.keyboard.press("Shift+Enter")
    visit.page.wait_for_function(
        "() => document.querySelectorAll('.so-checker li.so-result[data-kind]').length === 2", timeout=10_000
    )
    area = visit.page.locator('.jp-OutputArea .so-ex[data-probe="same"] textarea')
    assert area.input_value() == lines[0] + "\n" + lines[1] + "\n"
    for n, line in enumerate(lines, start=1):
        row = visit.page.locator(f'.so-checker li.so-result[data-line="{n}"]')
        assert row.get_attribute("data-kind") == analyse(line).kind
    # the section, chosen by keys Lab would otherwise take (ArrowDown moves between cells), reaches the kernel
    visit.page.keyboard.press("Tab")
    visit.page.keyboard.press("ArrowDown")
    assert visit.page.locator(".jp-OutputArea .so-checker select").input_value() == "A"
    kinds = [analyse(line, section="A").kind for line in lines]
    assert kinds != [analyse(line).kind for line in lines]
    visit.page.wait_for_function(
        "(kinds) => kinds.every((k, i) => document.querySelector("
        "`.so-checker li.so-result[data-line='${i + 1}']`)?.dataset.kind === k)",
        arg=kinds,
        timeout=10_000,
    )
    # a heading typed above the lines (Enter and Home: keys Lab would otherwise take) gives them its section
    first_control(nb, "textarea")
    visit.page.keyboard.press("Control+Home")
    visit.page.keyboard.type("Section F")
    visit.page.keyboard.press("Enter")
    headed = ["Section F", *lines]
    kinds = [r.get("kind", "heading") for r in read_list(headed, "A")]
    assert kinds[0] == "heading" and kinds[1:] != [analyse(line, section="A").kind for line in lines]
    visit.page.wait_for_function(
        "(kinds) => kinds.every((k, i) => document.querySelector("
        "`.so-checker li.so-result[data-line='${i + 1}']`)?.dataset.kind === k)",
        arg=kinds,
        timeout=10_000,
    )
    nb.assert_cells_unchanged()
    assert axe_on_exercise(nb) == []


def test_after_a_kernel_restart_the_exercise_says_so_and_takes_no_moves(visit: Visit, lab: Lab) -> None:
    spec = load_spec(NOTEBOOKS["sort"][1])
    (lab.folder / "answers" / f"{NOTEBOOKS['sort'][1]}.json").unlink(missing_ok=True)
    nb = open_notebook(visit, lab, "sort")
    first, second = spec["items"][0]["id"], spec["items"][1]["id"]
    zones = [c["id"] for c in spec["categories"]]
    first_control(nb, f'.so-card[data-item="{first}"] select')
    visit.page.keyboard.press("ArrowDown")
    nb.wait_saved(lambda a: a.get("placements") == {first: zones[0]})
    visit.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
    alert = visit.page.locator(".jp-OutputArea .so-ex [role=alert]")
    alert.get_by_text(GONE).wait_for(timeout=10_000)
    assert visit.focused(".so-ex [role=alert] .so-note")  # focus went to the message, not to Lab
    # Try to move: by keyboard, by a click on a grip, and by a change event on a menu (as a script or an
    # assistive tool might send). None is taken: the cards stay put and nothing is saved.
    for key in ("ArrowDown", "Tab", "Enter", "ArrowRight", "Enter"):
        visit.page.keyboard.press(key)
    visit.page.locator(f'.so-card[data-item="{second}"] .so-grab').click(force=True)
    menu = f'.jp-OutputArea .so-card[data-item="{second}"] select'
    visit.page.evaluate(
        "([s, v]) => { const m = document.querySelector(s); m.value = v;"
        " m.dispatchEvent(new Event('change', { bubbles: true })); }",
        [menu, zones[1]],
    )
    placed = visit.page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('.jp-OutputArea .so-card')]"
        ".map((c) => [c.dataset.item, c.closest('[data-zone]').dataset.zone]).filter(([, z]) => z))"
    )
    assert placed == {first: zones[0]}
    assert visit.page.locator(".so-card.so-picked").count() == 0
    assert GONE in alert.inner_text()  # not replaced by news of a move
    assert nb.answers() == {"placements": {first: zones[0]}}
    nb.assert_cells_unchanged()
    assert axe_on_exercise(nb) == []
    # Running the cell again, as the message says, brings the exercise back with the saved move.
    run_all(visit.page)
    zone = visit.page.locator(f'.so-card[data-item="{first}"]').locator(
        "xpath=ancestor::*[@data-zone][1]").get_attribute("data-zone")
    assert zone == zones[0]


def test_a_kernel_that_was_shut_down_stops_the_exercise_after_one_move(visit: Visit, lab: Lab) -> None:
    # Start from no saved answers whichever test ran before (the sort test places every card).
    (lab.folder / "answers" / f"{NOTEBOOKS['sort'][1]}.json").unlink(missing_ok=True)
    spec = load_spec(NOTEBOOKS["sort"][1])
    nb = open_notebook(visit, lab, "sort")
    before = nb.answers()
    item = next(i["id"] for i in spec["items"] if i["id"] not in (before or {}).get("placements", {}))
    visit.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    visit.page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.sessionContext.session")
    first_control(nb, f'.so-card[data-item="{item}"] select')
    visit.page.keyboard.press("ArrowDown")  # a move the kernel never hears of
    alert = visit.page.locator(".jp-OutputArea .so-ex [role=alert]")
    alert.get_by_text(SILENT).wait_for(timeout=15_000)
    assert visit.focused(".so-ex [role=alert] .so-note")
    zones_before = visit.page.evaluate(
        "() => [...document.querySelectorAll('.jp-OutputArea .so-card')].map((c) => c.closest('[data-zone]')"
        ".dataset.zone)"
    )
    for key in ("ArrowDown", "Enter", "Space"):
        visit.page.keyboard.press(key)
    zones_after = visit.page.evaluate(
        "() => [...document.querySelectorAll('.jp-OutputArea .so-card')].map((c) => c.closest('[data-zone]')"
        ".dataset.zone)"
    )
    assert zones_after == zones_before
    assert nb.answers() == before
    nb.assert_cells_unchanged()
