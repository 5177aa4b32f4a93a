"""A real JupyterHub session: a trainer and two learners, each their own Unix user, through the exchange.

JupyterHub (DummyAuthenticator, LocalProcessSpawner, configurable-http-proxy from node_modules/) listens on
loopback only. The users are made here with ``useradd`` (so this needs root, as ``make test`` in CI runs)
and removed afterwards. Every user server reads the course's own shared settings
(solutions/deploy/nbgrader_config.py, with the exchange moved to a temporary folder) from the Jupyter
config path, as on a hub, and the exchange is set up by ``send-outcomes course exchange``.

The trainer works in a terminal as the guide says (``send-outcomes course ...`` as their Unix user); the
learners work through their own single-user servers, over the hub's proxy, with their own API tokens: the
same requests JupyterLab's Assignments tab makes (fetch, submit, fetch feedback) and the contents API for
their answers. Then each learner tries to reach the other's work directly, as their own Unix user.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
import requests

from send_outcomes.answer_format.files import VERSION
from send_outcomes.course import assignments, config, demo, runner
from send_outcomes.grading import grade
from send_outcomes.specs import load_spec

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
DEPLOY_CONFIG = ROOT / "solutions" / "deploy" / "nbgrader_config.py"
ASSIGNMENT = assignments.SORTING
EXERCISE = ASSIGNMENT.exercises[0]
COURSE = config.COURSE_ID
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"

pytestmark = [pytest.mark.slow, pytest.mark.alone]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _open_the_way(paths: list[Path]) -> dict[Path, int]:
    """Let other users pass through (not list) each folder above ``paths``; the modes changed, to restore.

    The learners' servers run this environment's Python; if it lives under a private folder (``/root``
    for a pyenv build), they could not start it otherwise.
    """
    changed: dict[Path, int] = {}
    for path in paths:
        for folder in [*reversed(path.resolve().parents)]:
            mode = stat.S_IMODE(folder.stat().st_mode)
            if folder not in changed and not mode & stat.S_IXOTH:
                changed[folder] = mode
                os.chmod(folder, mode | stat.S_IXOTH)
    return changed


@dataclass
class Hub:
    url: str
    tmp: Path
    exchange: Path
    etc: Path
    trainer: str
    learners: list[str]
    token: str
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def home(self, user: str) -> Path:
        return self.tmp / "home" / user

    @property
    def course_dir(self) -> Path:
        return self.home(self.trainer) / "exercises"

    def env(self, user: str) -> dict[str, str]:
        return {
            "PATH": f"{BIN}:/usr/bin:/bin",
            "HOME": str(self.home(user)),
            "USER": user,
            "LOGNAME": user,
            "JUPYTER_CONFIG_PATH": str(self.etc),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "LANG": "C.UTF-8",
        }

    def run_as(self, user: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A command as ``user`` (a terminal on the hub), from their home folder."""
        proc = subprocess.run(
            [RUNUSER, "-u", user, "--", *args],
            env=self.env(user),
            cwd=self.home(user),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert proc.returncode == 0, f"{' '.join(args)} as {user}: {proc.stdout}\n{proc.stderr}"
        return proc

    def api(self, method: str, path: str, **kwargs: object) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=60, **kwargs)

    def server(self, user: str, method: str, path: str, **kwargs: object) -> requests.Response:
        """A request to ``user``'s own server through the proxy, with ``user``'s own token."""
        headers = {"Authorization": f"token {self.tokens[user]}"}
        url = f"{self.url}/user/{user}/{path}"
        response = requests.request(method, url, headers=headers, timeout=120, **kwargs)
        assert response.status_code < 400, f"{method} {url}: {response.status_code} {response.text[:500]}"
        return response


HUB_CONFIG = """
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{dir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{dir}/cookie_secret"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = ["{chp}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.pid_file = "{dir}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {users!r}
c.Authenticator.admin_users = {{{trainer!r}}}
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = ["{bin}/jupyterhub-singleuser"]
c.Spawner.environment = {{"JUPYTER_CONFIG_PATH": "{etc}", "PATH": "{bin}:/usr/bin:/bin",
                         "PYDEVD_DISABLE_FILE_VALIDATION": "1"}}
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.services = [{{"name": "course-test", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "admin", "services": ["course-test"]}}]
"""


def _stop(proc: subprocess.Popen[bytes], spawned: set[int]) -> None:
    """Stop the hub (which stops the proxy and the user servers), then anything of ours still running."""
    with contextlib.suppress(psutil.NoSuchProcess):
        spawned |= {p.pid for p in psutil.Process(proc.pid).children(recursive=True)}
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for pid in spawned:
        try:
            p = psutil.Process(pid)
            p.terminate()
            p.wait(timeout=10)
        except psutil.NoSuchProcess:
            pass
        except psutil.TimeoutExpired:
            p.kill()


def _remove_user(user: str) -> None:
    """userdel, waiting a little for the user's last processes to end (their servers were just stopped)."""
    for _ in range(10):
        if subprocess.run(["userdel", user], check=False, capture_output=True).returncode == 0:
            return
        time.sleep(1)
    subprocess.run(["userdel", "--force", user], check=False, capture_output=True)


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    if os.geteuid() != 0:
        pytest.fail(
            "the JupyterHub test makes Unix users and must run as root: run `make test` as root (CI does)",
            pytrace=False,
        )
    if not CHP.exists():
        pytest.fail(f"{CHP} is missing: run `make node_modules`", pytrace=False)
    tmp = Path(tempfile.mkdtemp(prefix="outcomes-hub-"))
    os.chmod(tmp, 0o755)
    tag = secrets.token_hex(3)
    trainer, learners = f"otmtrain{tag}", [f"otmada{tag}", f"otmben{tag}"]
    made: list[str] = []
    restore = _open_the_way([Path(sys.executable).resolve(), Path(sys.prefix), Path(sys.base_prefix), ROOT])
    proc: subprocess.Popen[bytes] | None = None
    spawned: set[int] = set()
    log = tmp / "hub" / "jupyterhub.log"
    try:
        (tmp / "home").mkdir()
        for user in [trainer, *learners]:
            home = tmp / "home" / user
            subprocess.run(
                [
                    "useradd",
                    "--create-home",
                    "--home-dir",
                    str(home),
                    "--shell",
                    "/bin/bash",
                    "--user-group",
                    "-K",
                    "HOME_MODE=0700",
                    user,
                ],
                check=True,
                capture_output=True,
            )
            made.append(user)
        exchange = tmp / "exchange"
        etc = tmp / "etc" / "jupyter"
        etc.mkdir(parents=True)
        shared = DEPLOY_CONFIG.read_text(encoding="utf-8")
        moved = shared.replace(
            'c.Exchange.root = "/srv/nbgrader/exchange"', f'c.Exchange.root = "{exchange}"'
        )
        assert moved != shared, "the shared settings no longer name /srv/nbgrader/exchange"
        (etc / "nbgrader_config.py").write_text(moved, encoding="utf-8")
        os.chmod(tmp / "etc", 0o755)

        token = secrets.token_hex(32)
        port = _free_port()
        h = Hub(f"http://127.0.0.1:{port}", tmp, exchange, etc, trainer, learners, token, log)
        # The trainer's course folder, and the exchange set up for them (as root), as setup.sh does.
        h.run_as(
            trainer,
            str(BIN / "send-outcomes"),
            "course",
            "init",
            "--course-dir",
            str(h.course_dir),
            ASSIGNMENT.name,
        )
        setup = subprocess.run(
            [
                str(BIN / "send-outcomes"),
                "course",
                "exchange",
                "--owner",
                trainer,
                "--course-dir",
                str(h.course_dir),
            ],
            env={**h.env(trainer), "HOME": str(tmp)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert setup.returncode == 0, setup.stdout + setup.stderr

        hub_dir = tmp / "hub"
        hub_dir.mkdir()
        (hub_dir / "jupyterhub_config.py").write_text(
            HUB_CONFIG.format(
                port=port,
                hub_port=_free_port(),
                proxy_api=_free_port(),
                dir=hub_dir,
                chp=CHP,
                users={trainer, *learners},
                trainer=trainer,
                bin=BIN,
                etc=etc,
                token=token,
            ),
            encoding="utf-8",
        )
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [str(BIN / "jupyterhub"), "-f", str(hub_dir / "jupyterhub_config.py")],
                cwd=hub_dir,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"},
            )
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, "the hub stopped:\n" + log.read_text(errors="replace")[-4000:]
            try:
                if h.api("GET", "/").ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the hub did not start:\n" + log.read_text()[-4000:]
            time.sleep(0.5)
        for user in learners:
            reply = h.api("POST", f"/users/{user}/tokens", json={"note": "course test", "expires_in": 3600})
            assert reply.status_code == 201, reply.text
            h.tokens[user] = reply.json()["token"]
            started = h.api("POST", f"/users/{user}/server")
            hub_log = log.read_text(errors="replace")[-4000:]
            assert started.status_code in (201, 202), f"{started.text}\n{hub_log}"
        for user in learners:
            deadline = time.monotonic() + 240
            while not h.api("GET", f"/users/{user}").json()["servers"].get("", {}).get("ready"):
                assert proc.poll() is None, "the hub stopped:\n" + log.read_text(errors="replace")[-4000:]
                assert time.monotonic() < deadline, (
                    f"{user}'s server did not start:\n" + log.read_text()[-4000:]
                )
                time.sleep(1)
        spawned |= {p.pid for p in psutil.Process(proc.pid).children(recursive=True)}
        yield h
    finally:
        if proc is not None:
            _stop(proc, spawned)
        for user in made:
            _remove_user(user)
        for folder, mode in restore.items():
            os.chmod(folder, mode)
        shutil.rmtree(tmp, ignore_errors=True)


def _answers(learner_index: int) -> dict:
    """The first learner answers everything right; the second gets every statement wrong."""
    quality = "right" if learner_index == 0 else "wrong"
    return demo.answers_for(EXERCISE, quality, __import__("random").Random(1))


@pytest.fixture(scope="module")
def session(hub: Hub) -> dict[str, str]:
    """The whole session; returns each learner's own words, written in their notebook."""
    course = str(hub.course_dir)
    so = str(BIN / "send-outcomes")
    hub.run_as(hub.trainer, so, "course", "generate", "--course-dir", course, ASSIGNMENT.name)
    released = hub.run_as(hub.trainer, so, "course", "release", "--course-dir", course, ASSIGNMENT.name)
    assert "released to the exchange" in released.stdout

    folder = f"{COURSE}/{ASSIGNMENT.name}"
    words: dict[str, str] = {}
    for i, learner in enumerate(hub.learners):
        listed = hub.server(learner, "GET", "assignments", params={"course_id": COURSE}).json()
        assert listed["success"], listed
        assert [a["status"] for a in listed["value"] if a["assignment_id"] == ASSIGNMENT.name] == ["released"]
        fetched = hub.server(
            learner, "POST", "assignments/fetch", data={"course_id": COURSE, "assignment_id": ASSIGNMENT.name}
        ).json()
        assert fetched["success"], fetched
        notebook_path = f"{folder}/{ASSIGNMENT.notebook_file}"
        nb = hub.server(learner, "GET", f"api/contents/{notebook_path}").json()["content"]
        words[learner] = f"My reason, written by {learner}: {secrets.token_hex(4)}."
        written = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("solution")]
        assert written, "the released notebook has no written-answer cell"
        written[0]["source"] = words[learner]
        hub.server(learner, "PUT", f"api/contents/{notebook_path}", json={"type": "notebook", "content": nb})
        hub.server(learner, "PUT", f"api/contents/{folder}/answers", json={"type": "directory"})
        payload = {"exercise": EXERCISE, "type": "sort", "version": VERSION, "answers": _answers(i)}
        hub.server(
            learner,
            "PUT",
            f"api/contents/{folder}/answers/{EXERCISE}.json",
            json={"type": "file", "format": "text", "content": json.dumps(payload)},
        )
        submitted = hub.server(
            learner,
            "POST",
            "assignments/submit",
            data={"course_id": COURSE, "assignment_id": ASSIGNMENT.name},
        ).json()
        assert submitted["success"], submitted

    collected = hub.run_as(hub.trainer, so, "course", "collect", "--course-dir", course, ASSIGNMENT.name)
    assert "collected" in collected.stdout
    hub.run_as(hub.trainer, so, "course", "autograde", "--course-dir", course, ASSIGNMENT.name)
    fed = hub.run_as(
        hub.trainer, so, "course", "feedback", "--release", "--course-dir", course, ASSIGNMENT.name
    )
    assert "released to the exchange: done" in fed.stdout, fed.stdout
    for learner in hub.learners:
        got = hub.server(
            learner,
            "POST",
            "assignments/fetch_feedback",
            data={"course_id": COURSE, "assignment_id": ASSIGNMENT.name},
        ).json()
        assert got["success"], got
    return words


def test_each_learner_is_marked_on_their_own_answers(hub, session):
    marks = runner.scores(hub.course_dir, ASSIGNMENT)
    assert set(marks) == set(hub.learners)
    spec = load_spec(EXERCISE)
    for i, learner in enumerate(hub.learners):
        assert marks[learner].auto == grade(spec, _answers(i), reveal=False)["score"]
    assert marks[hub.learners[0]].auto == marks[hub.learners[0]].auto_max > marks[hub.learners[1]].auto


def test_each_learner_sees_only_their_own_feedback(hub, session):
    for learner in hub.learners:
        pages = list((hub.home(learner) / COURSE / ASSIGNMENT.name / "feedback").rglob("*.html"))
        assert len(pages) == 1, pages
        text = pages[0].read_text(encoding="utf-8")
        assert session[learner] in text
        for other in hub.learners:
            if other != learner:
                assert session[other] not in text and other not in text


def _attempt(hub: Hub, user: str, code: str) -> str:
    """What ``user``'s Python says when it tries ``code``: "denied", "allowed" or the error's name."""
    probe = (
        f"import os\ntry:\n    {code}\n    print('allowed')\nexcept PermissionError:\n    print('denied')\n"
    )
    return hub.run_as(user, str(BIN / "python"), "-c", probe).stdout.strip()


def test_a_learner_cannot_reach_anothers_submission(hub, session):
    inbound = hub.exchange / COURSE / "inbound"
    ada, ben = hub.learners
    theirs = [p for p in inbound.iterdir() if p.name.startswith(f"{ada}+")]
    assert len(theirs) == 1, list(inbound.iterdir())
    answers = theirs[0] / "answers" / f"{EXERCISE}.json"
    assert answers.exists()
    their_notebook = hub.home(ada) / COURSE / ASSIGNMENT.name / ASSIGNMENT.notebook_file
    assert their_notebook.exists()
    assert _attempt(hub, ben, f"os.listdir({str(inbound)!r})") == "denied"
    assert _attempt(hub, ben, f"open({str(answers)!r}).read()") == "denied"
    assert _attempt(hub, ben, f"os.listdir({str(theirs[0])!r})") == "denied"
    assert _attempt(hub, ben, f"open({str(theirs[0] / 'extra.txt')!r}, 'w')") == "denied"
    assert _attempt(hub, ben, f"open({str(their_notebook)!r})") == "denied"
    assert _attempt(hub, ben, f"os.listdir({str(hub.exchange / COURSE / 'feedback')!r})") == "denied"
    # ...while the trainer, who collected it, could read it, and the learner still can.
    assert _attempt(hub, hub.trainer, f"open({str(answers)!r}).read()") == "allowed"
    assert _attempt(hub, ada, f"open({str(answers)!r}).read()") == "allowed"


def test_the_exchange_has_nbgraders_modes(hub, session):
    from send_outcomes.course import exchange as shared

    assert shared.check(hub.exchange, COURSE) == []
    inbound = hub.exchange / COURSE / "inbound"
    assert stat.S_IMODE(inbound.stat().st_mode) == 0o2733
    for submission in inbound.iterdir():
        assert stat.S_IMODE(submission.stat().st_mode) & 0o777 == 0o770
        assert submission.stat().st_gid == inbound.stat().st_gid  # the trainer's group, not the learner's
