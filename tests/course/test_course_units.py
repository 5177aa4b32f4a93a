"""The nbgrader course, piece by piece: generated files, marking, leak search, pre-flight, demo, CLI.

The whole session (30 learners through nbgrader) is tests/course/test_course_e2e.py; these are the fast
checks.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from send_outcomes.answer_format.files import write_answers
from send_outcomes.cli import main as cli_main
from send_outcomes.course import assignments, config, demo, notebooks, preflight, runner
from send_outcomes.grading import grade
from send_outcomes.learner import marking
from send_outcomes.specs import load_spec

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "exercises"


# ---- generated files ---------------------------------------------------------------------------------------
def test_committed_course_files_are_what_the_generator_makes():
    assert (COURSE / "nbgrader_config.py").read_text(encoding="utf-8") == config.render()
    for a in assignments.select(None):
        path = COURSE / "source" / a.name / a.notebook_file
        assert path.read_text(encoding="utf-8") == notebooks.render(notebooks.master_notebook(a)), (
            f"{path} differs from the generator: run `send-outcomes course init`"
        )
        for eid in a.exercises:
            copy = COURSE / "source" / a.name / "exercise-data" / f"{eid}.json"
            assert copy.read_text(encoding="utf-8") == notebooks.public_copy(eid), f"{copy}: run course init"


def test_a_learner_kernel_without_the_key_still_shows_the_exercise(tmp_path, monkeypatch):
    """With the keyed assessment specs absent (a learners' image), the widget and the visible test cell
    work from the released public copy, and nothing the kernel holds contains a key string."""
    import send_outcomes.specs as specs
    from send_outcomes.widgets import exercise

    keyed = load_spec("sort-statements-a1")
    shutil.copytree(COURSE / "source" / "sorting" / "exercise-data", tmp_path / "exercise-data")

    def no_key(exercise_id):
        raise specs.SpecError(f"{exercise_id}: not installed in this image")

    monkeypatch.setattr(specs, "load_spec", no_key)
    monkeypatch.chdir(tmp_path)
    widget = exercise("sort-statements-a1")
    assert widget.mode == "assessment"
    assert [i["id"] for i in widget.spec["items"]] == [i["id"] for i in keyed["items"]]
    held = json.dumps(widget.spec)
    assert all(i["why"] not in held for i in keyed["items"])
    assert '"kind"' not in held
    marking.progress("sort-statements-a1")  # the visible part of the test cell, in the learner's kernel
    (tmp_path / "exercise-data" / "sort-statements-a1.json").write_text('{"id": "other"}', encoding="utf-8")
    with pytest.raises(specs.SpecError, match="not the released copy"):
        exercise("sort-statements-a1")


def test_at_least_three_assignments_use_assessment_items_only():
    assert len(assignments.ASSIGNMENTS) >= 3
    for a in assignments.select(None):
        for eid in a.exercises:
            assert load_spec(eid)["mode"] == "assessment", eid


@pytest.mark.parametrize("name", list(assignments.ASSIGNMENTS))
def test_master_notebook_cells(name):
    a = assignments.get(name)
    nb = notebooks.master_notebook(a)
    nbformat.validate(nb)
    metas = [c.metadata["nbgrader"] for c in nb.cells]
    assert all(m.get("grade_id") for m in metas)
    assert len({m["grade_id"] for m in metas}) == len(metas), "grade ids must be unique"
    tests = [c for c in nb.cells if c.metadata["nbgrader"]["grade"] and c.cell_type == "code"]
    assert len(tests) == len(a.tests)
    for cell, test in zip(tests, a.tests, strict=True):
        assert notebooks.HIDDEN_BEGIN in cell.source and notebooks.HIDDEN_END in cell.source
        visible = cell.source.split(notebooks.HIDDEN_BEGIN)[0]
        assert "mark(" not in visible, "only the hidden part may mark"
        items = grade(load_spec(test.exercise), {}, analyses={}, reveal=False)["items"]
        expected = [
            i for i in items if test.part is None or i.get("part") == test.part or i["id"] == test.part
        ]
        assert cell.metadata["nbgrader"]["points"] == len(expected) > 0
        assert cell.metadata["nbgrader"]["locked"] is True
    widgets = [c for c in nb.cells if "exercise(" in c.source and c.cell_type == "code"]
    assert [w.source.splitlines()[-1] for w in widgets] == [f'exercise("{e}")' for e in a.exercises]
    assert all(w.metadata["nbgrader"]["locked"] for w in widgets)
    written = [c for c in nb.cells if c.metadata["nbgrader"]["solution"]]
    assert [c.source for c in written] == [w.model_answer for w in a.written]


def test_config_names_every_answers_file_and_the_feedback_guards():
    text = config.render()
    for a in assignments.select(None):
        for rel in a.answers_files():
            assert rel in text
    assert "ClearHiddenTests" in text and "xmode=Minimal" in text and "add_missing_cells = True" in text


# ---- marking functions -------------------------------------------------------------------------------------
def _key_answers(eid: str) -> dict:
    return demo.answers_for(eid, "right", __import__("random").Random(1))


@pytest.mark.parametrize("eid", ["sort-statements-a1", "beas-jigsaw-a1", "follow-the-thread-a1"])
def test_mark_gives_full_marks_for_right_answers_and_explains_each_item(eid, tmp_path, capsys):
    spec = load_spec(eid)
    write_answers(tmp_path / f"{eid}.json", eid, spec["type"], _key_answers(eid))
    points = marking.mark(eid, answers_dir=tmp_path)
    out, err = capsys.readouterr()
    maximum = grade(spec, {}, reveal=False)["max"]
    assert points == maximum
    assert err == ""
    assert out.count("Your answer:") == maximum


def test_mark_partial_credit_for_fix_uses_the_analyser(tmp_path, capsys):
    eid = "fix-the-outcome-a1"
    write_answers(tmp_path / f"{eid}.json", eid, "fix", {"drafts": {"round-1": "Ruby will be better at PE."}})
    points = marking.mark(eid, part="round-1", answers_dir=tmp_path)
    out = capsys.readouterr().out
    assert 0 < points < 1
    assert "Not time-bound" in out  # the analyser's advice for the criterion missed
    assert marking.mark(eid, part="round-2", answers_dir=tmp_path) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No answers were saved"),
        ("{ not json", "not valid JSON"),
        ("", "not valid JSON"),
        (
            json.dumps({"exercise": "sort-statements-a1", "version": 1, "answers": {"placements": [1]}}),
            "shape",
        ),
        (json.dumps({"exercise": "sort-statements-1", "version": 1, "answers": {}}), "holds answers for"),
    ],
)
def test_mark_never_raises_on_bad_files(content, message, tmp_path, capsys):
    if content is not None:
        (tmp_path / "sort-statements-a1.json").write_text(content, encoding="utf-8")
    assert marking.mark("sort-statements-a1", answers_dir=tmp_path) == 0.0
    out, err = capsys.readouterr()
    assert message in out
    assert err == ""
    if content is not None:  # the learner's file is left exactly as it was
        assert (tmp_path / "sort-statements-a1.json").read_text(encoding="utf-8") == content


def test_mark_names_a_file_the_widget_set_aside(tmp_path, capsys):
    (tmp_path / "sort-statements-a1.json.corrupt-20260101T000000").write_text("{ half", encoding="utf-8")
    assert marking.mark("sort-statements-a1", answers_dir=tmp_path) == 0.0
    assert "not valid JSON" in capsys.readouterr().out


def test_progress_reports_amount_not_correctness(tmp_path, capsys):
    eid = "sort-statements-a1"
    answers = _key_answers(eid)
    answers["placements"] = dict(list(answers["placements"].items())[:4])
    write_answers(tmp_path / f"{eid}.json", eid, "sort", answers)
    marking.progress(eid, answers_dir=tmp_path)
    out = capsys.readouterr().out
    assert "4 of 15 placed" in out
    assert "right" not in out.lower() and "correct" not in out.lower()
    marking.progress(eid, answers_dir=tmp_path / "nowhere")
    assert "Nothing saved yet" in capsys.readouterr().out


# ---- key strings and leak search ---------------------------------------------------------------------------
def test_key_strings_cover_reasons_model_answers_and_hidden_code():
    keys = preflight.key_strings(assignments.get("sorting"))
    spec = load_spec("sort-statements-a1")
    assert all(preflight._norm(i["why"]) in keys for i in spec["items"])
    assert preflight._norm(assignments.SORTING.written[0].model_answer) in keys
    assert 'mark("sort-statements-a1", part=None)' in keys
    fix_keys = preflight.key_strings(assignments.get("fixing-outcomes"))
    assert all(
        preflight._norm(r["model_answer"]) in fix_keys for r in load_spec("fix-the-outcome-a1")["rounds"]
    )
    # nothing a learner is shown is counted as a key string
    public = {preflight._norm(i["text"]) for i in spec["items"]}
    assert not public & set(keys)


def test_find_leaks_sees_through_html_tags_entities_and_json_escapes(tmp_path):
    why = load_spec("sort-statements-a1")["items"][1]["why"]  # has an apostrophe: Priya's
    keys = preflight.key_strings(assignments.get("sorting"))
    words = why.split()
    tagged = " ".join(f"<span>{w.replace(chr(39), '&#39;')}</span>" for w in words)
    (tmp_path / "a.html").write_text(f"<p>{tagged}</p>", encoding="utf-8")
    (tmp_path / "b.ipynb").write_text(json.dumps({"cells": [{"source": why}]}, ensure_ascii=True), "utf-8")
    (tmp_path / "c.txt").write_text("nothing to see", encoding="utf-8")
    found = {p.name for p, _ in preflight.find_leaks(tmp_path, keys)}
    assert found == {"a.html", "b.ipynb"}


# ---- guard, pre-flight and repairs on a real nbgrader release ---------------------------------------------


def test_generate_refuses_answers_left_in_source_and_clean_keeps_them(released_course, tmp_path):
    root = tmp_path / "c"
    shutil.copytree(released_course, root)
    left = root / "source" / "sorting" / "answers" / "sort-statements-a1.json"
    write_answers(left, "sort-statements-a1", "sort", _key_answers("sort-statements-a1"))
    with pytest.raises(runner.CourseError, match="--clean"):
        runner.generate(root, assignments.SORTING)
    report = preflight.preflight(root, assignments.SORTING)
    assert report.exit_code() == 2
    notes = runner.generate(root, assignments.SORTING, clean=True)
    assert notes and "set-aside" in notes[0]
    assert not (root / "source" / "sorting" / "answers").exists()
    kept = list((root / "set-aside" / "sorting").rglob("sort-statements-a1.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text())["answers"] == _key_answers("sort-statements-a1")
    assert not (root / "release" / "sorting" / "answers").exists()


def test_release_holds_no_key(released_course):
    keys = preflight.key_strings(assignments.SORTING)
    assert preflight.find_leaks(released_course / "release", keys) == []
    text = (released_course / "release" / "sorting" / "sort-statements.ipynb").read_text(encoding="utf-8")
    assert "HIDDEN TESTS" not in text and "mark(" not in text
    assert '"kind"' not in text


def _submission(course: Path, tmp_path: Path, name: str) -> Path:
    root = tmp_path / "c"
    if not root.exists():
        shutil.copytree(course, root)
    folder = root / "submitted" / name / "sorting"
    shutil.copytree(root / "release" / "sorting", folder)
    return root


def test_preflight_repairs_renamed_unreadable_and_cut_notebooks(released_course, tmp_path):
    root = _submission(released_course, tmp_path, "renamed")
    _submission(released_course, tmp_path, "broken")
    _submission(released_course, tmp_path, "cut")
    _submission(released_course, tmp_path, "fine")
    sub = root / "submitted"
    (sub / "renamed/sorting/sort-statements.ipynb").rename(sub / "renamed/sorting/Untitled.ipynb")
    broken = sub / "broken/sorting/sort-statements.ipynb"
    broken_text = broken.read_text()[:100]
    broken.write_text(broken_text)
    cut = sub / "cut/sorting/sort-statements.ipynb"
    nb = nbformat.read(cut, as_version=4)
    before = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]
    nb.cells = [c for c in nb.cells if not c.metadata["nbgrader"]["grade_id"].startswith("test-")][1:]
    nbformat.write(nb, cut)

    dry = preflight.preflight(root, assignments.SORTING, repair=False)
    assert (sub / "renamed/sorting/Untitled.ipynb").exists(), "a dry run changes nothing"
    assert dry.count("warning") == 4, "no answers files anywhere"

    report = preflight.preflight(root, assignments.SORTING, repair=True)
    by = {s.student: s for s in report.submissions}
    assert [f.level for f in by["fine"].notebook] == ["ok"]
    assert by["renamed"].notebook[0].level == "repaired"
    assert (sub / "renamed/sorting/sort-statements.ipynb").exists()
    assert (sub / "broken/sorting/sort-statements.ipynb.unreadable").read_text() == broken_text
    fresh = nbformat.read(broken, as_version=4)
    assert "could not be opened" in fresh.cells[0].source
    restored = nbformat.read(cut, as_version=4)
    assert [c.metadata["nbgrader"]["grade_id"] for c in restored.cells] == before
    assert "answers" in report.render() and "repaired" in report.render()


# ---- the demo class ----------------------------------------------------------------------------------------
def test_thirty_kinds_cycle_to_any_class_size():
    assert len(demo.KINDS) == 30 == len({k.name for k in demo.KINDS})
    assert [k.name for k in demo.kinds_for(1)] == ["all-right"]
    big = demo.kinds_for(300)
    assert len(big) == 300 and all(big.count(k) == 10 for k in demo.KINDS)


def test_demo_answers_by_construction():
    rng = __import__("random").Random(3)
    sort = load_spec("sort-statements-a1")
    assert grade(sort, demo.answers_for("sort-statements-a1", "right", rng))["score"] == 15
    assert grade(sort, demo.answers_for("sort-statements-a1", "mostly", rng))["score"] == 12
    assert grade(sort, demo.answers_for("sort-statements-a1", "wrong", rng))["score"] == 0
    assert grade(sort, demo.answers_for("sort-statements-a1", "one-wrong", rng))["score"] == 14
    jig = load_spec("beas-jigsaw-a1")
    assert grade(jig, demo.answers_for("beas-jigsaw-a1", "right", rng))["score"] == 13
    thread = load_spec("follow-the-thread-a1")
    assert grade(thread, demo.answers_for("follow-the-thread-a1", "right", rng))["score"] == 6
    fix = load_spec("fix-the-outcome-a1")
    assert grade(fix, demo.answers_for("fix-the-outcome-a1", "right", rng))["score"] == 5
    assert demo.answers_for("sort-statements-a1", "none", rng) == {}


def test_demo_class_is_deterministic_and_never_copies_model_answers(released_course, tmp_path):
    results = []
    for n in (1, 2):
        root = tmp_path / f"c{n}"
        shutil.copytree(released_course, root)
        cls = demo.make_class(root, 30, seed=7, assignments=["sorting"])
        results.append(json.dumps(cls.to_json(), sort_keys=True))
        expected = cls.expected_scores("sorting")
        assert expected["001-all-right"] == 15 and expected["008-nothing-answered"] == 0
        assert expected["013-answers-corrupt"] == 0 and expected["003-mostly-right"] == 12
    assert results[0] == results[1]
    keys = preflight.key_strings(assignments.SORTING)
    assert preflight.find_leaks(tmp_path / "c1" / "submitted", keys) == []


# ---- command line ------------------------------------------------------------------------------------------
def test_cli_init_and_clear_errors(tmp_path, capsys):
    assert cli_main(["course", "init", "--course-dir", str(tmp_path / "c"), "sorting"]) == 0
    assert (tmp_path / "c" / "source" / "sorting" / "sort-statements.ipynb").exists()
    assert cli_main(["course", "scores", "--course-dir", str(tmp_path / "c"), "no-such"]) == 2
    assert "no assignment 'no-such'" in capsys.readouterr().err
    assert cli_main(["course", "autograde", "--course-dir", str(tmp_path / "empty")]) == 2
    assert "send-outcomes course init" in capsys.readouterr().err


# ---- trainer's documents -----------------------------------------------------------------------------------
def test_model_answers_are_what_the_generator_makes():
    from send_outcomes.course import solutions

    assert (ROOT / "solutions" / "model-answers.md").read_text(encoding="utf-8") == solutions.render(), (
        "run `python -m send_outcomes.course.solutions`"
    )
    text = solutions.render()
    for r in load_spec("fix-the-outcome-a1")["rounds"]:
        assert r["model_answer"] in text


def test_every_course_command_the_guides_mention_exists():
    import argparse

    from send_outcomes.cli import build_parser

    parser = build_parser()
    course = next(
        a for a in parser._subparsers._group_actions if isinstance(a, argparse._SubParsersAction)
    ).choices["course"]
    steps = next(a for a in course._actions if isinstance(a, argparse._SubParsersAction)).choices
    for doc in (ROOT / "solutions" / "README.md", ROOT / "book" / "for-trainers.md"):
        mentioned = set(re.findall(r"send-outcomes course ([a-z]+)", doc.read_text(encoding="utf-8")))
        assert mentioned, doc
        assert mentioned <= set(steps), f"{doc.name} mentions {sorted(mentioned - set(steps))}"


def test_deploy_configs_parse():
    import subprocess

    import yaml

    deploy = ROOT / "solutions" / "deploy"
    values = yaml.safe_load((deploy / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    mount = values["singleuser"]["storage"]["extraVolumeMounts"][0]["mountPath"]
    shared = (deploy / "nbgrader_config.py").read_text(encoding="utf-8")
    assert f'c.Exchange.root = "{mount}"' in shared
    assert (
        f'c.Exchange.root = "{mount}"' in values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]
    )
    assert yaml.safe_load((deploy / "z2jh" / "exchange-pvc.yaml").read_text())["spec"]["accessModes"] == [
        "ReadWriteMany"
    ]
    compile(shared, "nbgrader_config.py", "exec")
    compile(values["hub"]["extraConfig"]["outcomes-roles"], "extraConfig", "exec")
    assert subprocess.run(["bash", "-n", str(deploy / "tljh" / "setup.sh")], check=False).returncode == 0


def test_release_to_an_exchange_and_collect_from_a_folder(released_course, tmp_path):
    root = tmp_path / "c"
    shutil.copytree(released_course, root)
    said: list[str] = []
    from send_outcomes.course import session

    assert session.release(root, ["sorting"], say=said.append) == 2  # released nothing: not a success
    assert "NOT released" in said[-1] and "no nbgrader exchange" in said[-1]
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    with (root / "nbgrader_config.py").open("a", encoding="utf-8") as f:
        f.write(f'\nc.Exchange.root = "{exchange}"\n')
    assert session.release(root, ["sorting"], say=said.append) == 0
    outbound = exchange / config.COURSE_ID / "outbound" / "sorting" / "sort-statements.ipynb"
    assert outbound.exists()
    assert preflight.find_leaks(exchange, preflight.key_strings(assignments.SORTING)) == []

    handed_in = tmp_path / "handed-in"
    for learner in ("ada", "ben"):
        shutil.copytree(root / "release" / "sorting", handed_in / learner)
    assert session.collect(root, ["sorting"], handed_in, say=said.append) == 0
    assert runner.students(root, assignments.SORTING) == ["ada", "ben"]


def test_collect_from_the_exchange_follows_no_link_and_keeps_the_older_copy(released_course, tmp_path):
    import os

    from send_outcomes.course import session

    root = tmp_path / "c"
    shutil.copytree(released_course, root)
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    with (root / "nbgrader_config.py").open("a", encoding="utf-8") as f:
        f.write(f'\nc.Exchange.root = "{exchange}"\n')
    said: list[str] = []
    assert session.release(root, ["sorting"], say=said.append) == 0
    inbound = exchange / config.COURSE_ID / "inbound"
    inbound.mkdir(parents=True, exist_ok=True)

    def hand_in(stamp: str, note: str) -> Path:
        folder = inbound / f"ada+sorting+{stamp}+{note}"
        shutil.copytree(root / "release" / "sorting", folder)
        (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")
        (folder / "note.txt").write_text(note, encoding="utf-8")
        return folder

    first = hand_in("2026-12-01 09:00:00.000000 UTC", "first")
    os.symlink("/etc/passwd", first / "passwd.txt")
    os.symlink("/dev/zero", first / "zero.ipynb")
    os.mkfifo(first / "pipe.json")
    assert session.collect(root, ["sorting"], None, say=said.append) == 0
    got = root / "submitted" / "ada" / "sorting"
    assert (got / "note.txt").read_text(encoding="utf-8") == "first"
    left = ("passwd.txt", "zero.ipynb", "pipe.json")
    assert not any(p.is_symlink() or p.name in left for p in got.rglob("*"))
    report = "\n".join(said)
    assert "passwd.txt: a symbolic link" in report and "pipe.json: a named pipe" in report

    hand_in("2026-12-01 10:00:00.000000 UTC", "second")
    said.clear()
    assert session.collect(root, ["sorting"], None, say=said.append) == 0
    assert (got / "note.txt").read_text(encoding="utf-8") == "second"
    (kept,) = (root / "set-aside" / "sorting").glob("replaced-ada-*")
    assert (kept / "note.txt").read_text(encoding="utf-8") == "first"  # replaced, never deleted
    assert "Kept the older submission of ada" in "\n".join(said)


def test_only_a_timeout_in_a_course_cell_means_marking_again(tmp_path):
    a = assignments.SORTING
    folder = tmp_path / "autograded" / "ada" / a.name
    folder.mkdir(parents=True)
    nb = notebooks.master_notebook(a)
    learner_cell = nbformat.v4.new_code_cell("while True: pass")
    learner_cell.outputs = [
        nbformat.v4.new_output("error", ename="KeyboardInterrupt", evalue="", traceback=[])
    ]
    nb.cells.insert(2, learner_cell)
    nbformat.write(nb, folder / a.notebook_file)
    assert runner.timed_out_cells(tmp_path, a, "ada") == []
    test_cell = next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade"))
    test_cell.outputs = [nbformat.v4.new_output("error", ename="CellTimeoutError", evalue="", traceback=[])]
    nbformat.write(nb, folder / a.notebook_file)
    assert runner.timed_out_cells(tmp_path, a, "ada") == ["test-sort-statements-a1-all"]


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ({"success": False, "error": "", "log": "[ERROR] Kernel died before replying to kernel_info"}, True),
        ({"success": False, "error": "sqlite3.OperationalError: database is locked", "log": ""}, True),
        ({"success": False, "error": "", "log": "[ERROR] Kernel didn't respond in 60 seconds"}, True),
        ({"success": False, "error": "", "log": "[ERROR] Notebook JSON is invalid"}, False),
        ({"success": False, "error": None, "log": None}, False),
    ],
)
def test_machine_failures_are_retried_but_learner_faults_are_not(result: dict, expected: bool) -> None:
    assert runner._transient(result) is expected
