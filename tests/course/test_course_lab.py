"""`make lab`: Formgrader finds the course. `make learner-lab`: no trainer tools for learners.

Each test starts the real JupyterLab server through the Makefile target (with a port and token added through
LAB_ARGS), asks it over HTTP, and stops it. Formgrader's assignment list comes from the course folder it
found, so an empty or failing answer means it is looking in the wrong place.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from send_outcomes.course.assignments import ASSIGNMENTS

# Each test starts a real JupyterLab server: end to end, so not part of `make test-fast`.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "course-lab-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _lab_args(port: int) -> list[str]:
    args = ["--no-browser", f"--port={port}", f"--IdentityProvider.token={TOKEN}"]
    return [*args, "--allow-root"] if os.geteuid() == 0 else args


@contextmanager
def lab(target: str, command: list[str] | None = None, cwd: Path = ROOT) -> Iterator[str]:
    """Run ``make <target>`` (or ``command``) on a free port; yield its base URL; stop it all after."""
    port = _free_port()
    argv = (
        command + _lab_args(port)
        if command
        else ["make", "--no-print-directory", target, f"LAB_ARGS={' '.join(_lab_args(port))}"]
    )
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"make {target} stopped with status {proc.returncode}"
            try:
                if _get(f"{base}/api/status?token={TOKEN}")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            raise AssertionError(f"make {target}: JupyterLab did not answer within 120 s")
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _disabled(page: str) -> list[str]:
    found = re.search(r'"disabledExtensions":\s*(\[[^\]]*\])', page)
    return json.loads(found.group(1)) if found else []


def test_the_trainers_lab_finds_the_course_in_formgrader():
    gradebook = ROOT / "exercises" / "gradebook.db"
    existed = gradebook.exists()
    try:
        with lab("lab") as base:
            status, body = _get(f"{base}/formgrader/api/assignments?token={TOKEN}")
            assert status == 200
            assert {a["name"] for a in json.loads(body)} >= set(ASSIGNMENTS)
            status, page = _get(f"{base}/lab?token={TOKEN}")
            assert status == 200 and "@jupyter/nbgrader:formgrader" not in _disabled(page)
    finally:
        if not existed:  # Formgrader made an empty gradebook in the course folder; leave it as found
            gradebook.unlink(missing_ok=True)


def test_a_learners_lab_has_no_formgrader_or_create_assignment():
    with lab("learner-lab") as base:
        assert _get(f"{base}/formgrader?token={TOKEN}")[0] == 404
        status, page = _get(f"{base}/lab?token={TOKEN}")
        assert status == 200
        disabled = _disabled(page)
        assert "@jupyter/nbgrader:formgrader" in disabled
        assert "@jupyter/nbgrader:create-assignment" in disabled
        assert "@jupyter/nbgrader:course-list" in disabled
        assert _get(f"{base}/api/contents/01-sort-statements.ipynb?token={TOKEN}&content=0")[0] == 200


def test_formgraders_grading_page_shows_a_learners_script_as_text(tmp_path):
    """The grading page opens inside the trainer's Lab: a learner's script there would act as the trainer."""
    import nbformat

    from send_outcomes.course import demo, session

    course = tmp_path / "course"
    said: list[str] = []
    assert session.init(course, ["sorting"], say=said.append) == 0
    assert session.generate(course, ["sorting"], say=said.append) == 0
    demo.make_class(course, 1, seed=0, assignments=["sorting"])
    (nb_path,) = (course / "submitted").glob("*/sorting/*.ipynb")
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = (
                'Mine <script>window.hostileRan = 1</script> <img src=x onerror="window.hostileRan=1">'
            )
    nbformat.write(nb, nb_path)
    assert session.autograde(course, ["sorting"], show_progress=False, say=said.append) == 0, said
    jupyter = str(Path(sys.executable).parent / "jupyter")
    with lab("", [jupyter, "lab", f"--ServerApp.root_dir={tmp_path}"], cwd=course) as base:
        status, body = _get(
            f"{base}/formgrader/api/submitted_notebooks/sorting/sort-statements?token={TOKEN}"
        )
        assert status == 200
        (submission,) = json.loads(body)
        status, page = _get(f"{base}/formgrader/submissions/{submission['id']}/?token={TOKEN}")
    assert status == 200
    assert "full-credit" in page  # the grading buttons are all there
    assert "<script>window.hostileRan" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.hostileRan = 1&lt;/script&gt;" in page
    assert "cdnjs" not in page  # no MathJax from a CDN
