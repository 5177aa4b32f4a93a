"""The course's nbgrader settings: loaded as nbgrader loads them, and kept when ``course init`` runs again.

A hub puts the exchange in the Jupyter config path, not in the course folder; these tests put settings in
each place nbgrader reads (the user's folder, the config path, the course folder) and check which wins, and
that ``release`` says so plainly, with a non-zero exit status, when it had nowhere to release to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from send_outcomes.cli import main as cli_main
from send_outcomes.course import config, session


@pytest.fixture
def jupyter_paths(tmp_path, monkeypatch):
    """A user config folder and a site config folder of our own, and a working folder with no settings."""
    user, site, work = tmp_path / "user", tmp_path / "site", tmp_path / "work"
    for folder in (user, site, work):
        folder.mkdir()
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(user))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(site))
    monkeypatch.chdir(work)
    return user, site


def _settings(folder: Path, text: str) -> None:
    (folder / config.CONFIG_NAME).write_text("c = get_config()\n" + text, encoding="utf-8")


# ---- course init keeps what the trainer added --------------------------------------------------------------
def test_init_again_keeps_the_trainers_settings_and_restores_its_own(tmp_path):
    course = tmp_path / "c"
    assert cli_main(["course", "init", "--course-dir", str(course), "sorting"]) == 0
    path = course / config.CONFIG_NAME
    assert path.read_text(encoding="utf-8") == config.render()
    own = 'c.Exchange.root = "/srv/nbgrader/exchange"\nc.Exchange.path_includes_course = True\n'
    with path.open("a", encoding="utf-8") as f:
        f.write(own)
    # the trainer also changed a generated setting, which init puts back
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("c.Execute.timeout = 10", "c.Execute.timeout = 99"), encoding="utf-8")
    for _ in range(2):
        assert cli_main(["course", "init", "--course-dir", str(course), "sorting"]) == 0
        text = path.read_text(encoding="utf-8")
        assert text.startswith(config.render())
        assert text.count(own) == 1 and text.endswith(own)
        assert "c.Execute.timeout = 99" not in text
    loaded = config.load(course)
    assert loaded.Exchange.root == "/srv/nbgrader/exchange" and loaded.Exchange.path_includes_course is True
    assert loaded.Execute.timeout == config.TIMEOUT


def test_init_keeps_settings_appended_to_a_file_from_before_the_line(tmp_path):
    """A file written before the dividing line existed: the settings after the generated text are kept."""
    course = tmp_path / "c"
    course.mkdir()
    legacy = config.render().split(config.OWN_SETTINGS)[0].rstrip("\n") + "\n"
    (course / config.CONFIG_NAME).write_text(legacy + '\nc.Exchange.root = "/x/exchange"\n', encoding="utf-8")
    said: list[str] = []
    assert session.init(course, ["sorting"], say=said.append) == 0
    text = (course / config.CONFIG_NAME).read_text(encoding="utf-8")
    assert text == config.render() + '\nc.Exchange.root = "/x/exchange"\n'
    assert not any("note:" in line for line in said)


def test_init_keeps_a_hand_edited_file_whole_and_says_so(tmp_path):
    course = tmp_path / "c"
    course.mkdir()
    edited = 'c = get_config()\nc.CourseDirectory.course_id = "group-b"\nc.Exchange.root = "/x"\n'
    (course / config.CONFIG_NAME).write_text(edited, encoding="utf-8")
    said: list[str] = []
    assert session.init(course, ["sorting"], say=said.append) == 0
    text = (course / config.CONFIG_NAME).read_text(encoding="utf-8")
    assert text == config.render() + "\n" + edited
    assert any("kept below the line" in line for line in said)
    assert config.load(course).CourseDirectory.course_id == "group-b"  # the trainer's setting still holds
    said.clear()
    assert session.init(course, ["sorting"], say=said.append) == 0  # and the next run changes nothing
    assert (course / config.CONFIG_NAME).read_text(encoding="utf-8") == text
    assert not any("note:" in line for line in said)


# ---- loading: course folder over working folder over the Jupyter config path -------------------------------
def test_settings_come_from_the_jupyter_config_path_and_the_course_folder_wins(tmp_path, jupyter_paths):
    user, site = jupyter_paths
    course = tmp_path / "c"
    config.write(course)
    _settings(site, 'c.Exchange.root = "/from/site"\nc.Exchange.path_includes_course = True\n')
    assert config.load(course).Exchange.root == "/from/site"
    _settings(user, 'c.Exchange.root = "/from/user"\nc.Exchange.timezone = "Europe/London"\n')
    loaded = config.load(course)
    assert loaded.Exchange.root in {"/from/user", "/from/site"}  # jupyter_core orders user and site
    assert loaded.Exchange.path_includes_course is True and loaded.Exchange.timezone == "Europe/London"
    with (course / config.CONFIG_NAME).open("a", encoding="utf-8") as f:
        f.write('\nc.Exchange.root = "/from/course"\n')
    assert config.load(course).Exchange.root == "/from/course"
    assert config.load(course).CourseDirectory.root == str(course.resolve())
    read = config.sources(course)
    assert read[-1] == (course / config.CONFIG_NAME).resolve()
    assert {user / config.CONFIG_NAME, site / config.CONFIG_NAME} <= set(read)


def test_a_broken_settings_file_is_an_error_not_ignored(tmp_path, jupyter_paths):
    user, _site = jupyter_paths
    course = tmp_path / "c"
    config.write(course)
    (user / config.CONFIG_NAME).write_text("c = get_config(\n", encoding="utf-8")
    with pytest.raises(SyntaxError):
        config.load(course)




def test_release_uses_an_exchange_set_in_the_user_config(released_course, tmp_path, jupyter_paths):
    user, _site = jupyter_paths
    course = tmp_path / "c"
    shutil.copytree(released_course, course)
    exchange = tmp_path / "exchange"
    said: list[str] = []
    _settings(user, f'c.Exchange.root = "{exchange}"\n')
    assert session.release(course, ["sorting"], say=said.append) == 2  # the folder does not exist yet
    assert "NOT released" in said[-1] and str(user / config.CONFIG_NAME) in said[-1]
    assert "release/sorting" in said[-1]
    exchange.mkdir()
    exchange.chmod(0o1777)
    said.clear()
    assert session.release(course, ["sorting"], say=said.append) == 0, said
    outbound = exchange / config.COURSE_ID / "outbound" / "sorting"
    assert (outbound / "sort-statements.ipynb").exists()
    assert str(outbound) in said[-1]


def test_release_of_an_assignment_never_generated_fails_clearly(tmp_path, jupyter_paths):
    user, _site = jupyter_paths
    course = tmp_path / "c"
    config.write(course)
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    _settings(user, f'c.Exchange.root = "{exchange}"\n')
    said: list[str] = []
    assert session.release(course, ["jigsaw"], say=said.append) == 2
    assert "NOT released" in said[-1] and "course generate jigsaw" in said[-1]
    assert not (exchange / config.COURSE_ID / "outbound" / "jigsaw").exists()


# ---- the exchange's folder modes ---------------------------------------------------------------------------
def test_exchange_check_names_every_folder_a_learner_could_misuse(tmp_path):
    from send_outcomes.course import exchange

    root = tmp_path / "exchange"
    missing = exchange.check(root, config.COURSE_ID)
    assert [f.problem for f in missing] == ["the exchange folder does not exist"]
    (root / config.COURSE_ID / "inbound").mkdir(parents=True)
    root.chmod(0o777)  # no sticky bit: anyone could rename the course folder and put their own in its place
    (root / config.COURSE_ID / "inbound").chmod(0o777)  # listable: every submission in sight
    (root / config.COURSE_ID).chmod(0o755)
    found = {f.path.name: f.problem for f in exchange.check(root, config.COURSE_ID)}
    assert found == {"exchange": "mode 777, not 1777", "inbound": "mode 777, not 2733"}
    root.chmod(0o1777)
    (root / config.COURSE_ID / "inbound").chmod(0o2733)
    assert exchange.check(root, config.COURSE_ID) == []


def test_every_hub_set_up_gives_each_person_their_own_uid_and_private_submissions():
    from types import SimpleNamespace

    import yaml

    deploy = Path(__file__).resolve().parents[2] / "solutions" / "deploy"
    private = 'c.ExchangeFactory.submit = "send_outcomes.course.exchange.PrivateSubmit"'
    assert private in (deploy / "nbgrader_config.py").read_text(encoding="utf-8")
    values = yaml.safe_load((deploy / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    assert private in values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]
    assert values["singleuser"]["uid"] == 0  # the image's start script switches to NB_UID
    c = SimpleNamespace(Authenticator=SimpleNamespace(admin_users=["trainer"]), KubeSpawner=SimpleNamespace())
    exec(values["hub"]["extraConfig"]["outcomes-roles"], {"c": c})
    spawners = [
        SimpleNamespace(user=SimpleNamespace(name=name, id=i), environment={}, image=None)
        for i, name in enumerate(["trainer", "ada", "ben"], start=1)
    ]
    for spawner in spawners:
        c.KubeSpawner.pre_spawn_hook(spawner)
    uids = [s.environment["NB_UID"] for s in spawners]
    assert len(set(uids)) == 3 and "1000" not in uids
    assert all(s.environment["NB_GID"] == s.environment["NB_UID"] for s in spawners)
    setup = (deploy / "tljh" / "setup.sh").read_text(encoding="utf-8")
    assert "course exchange --owner" in setup and "chmod 1777" in setup
    job = yaml.safe_load((deploy / "z2jh" / "exchange-setup-job.yaml").read_text(encoding="utf-8"))
    command = job["spec"]["template"]["spec"]["containers"][0]["command"]
    assert "chmod 1777 /srv/nbgrader/exchange" in command[-1]
