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
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from send_outcomes.course.assignments import ASSIGNMENTS

ROOT = Path(__file__).resolve().parents[1]
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


@contextmanager
def lab(target: str) -> Iterator[str]:
    """Run ``make <target>`` with a free port; yield its base URL; stop the whole process group after."""
    port = _free_port()
    args = f"--no-browser --port={port} --IdentityProvider.token={TOKEN} --ServerApp.open_browser=False"
    if os.geteuid() == 0:
        args += " --allow-root"
    proc = subprocess.Popen(
        ["make", "--no-print-directory", target, f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
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
