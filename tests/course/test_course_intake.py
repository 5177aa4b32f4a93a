"""``course collect --from``: which assignment each folder is; links and special files left; nothing lost.

Fast: plain files, no nbgrader run. The whole hostile class, marked and opened in a browser, is in
tests/browser/test_course_hostile.py.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest

from send_outcomes.answer_format.files import AnswersFileError, read_answers
from send_outcomes.course import intake, limits, session


def _learner(
    root: Path, name: str, notebook: str = "sort-statements", answers: str = "sort-statements-a1"
) -> Path:
    folder = root / name
    (folder / "answers").mkdir(parents=True)
    (folder / f"{notebook}.ipynb").write_text('{"cells": []}', encoding="utf-8")
    (folder / "answers" / f"{answers}.json").write_text('{"mine": "' + name + '"}', encoding="utf-8")
    return folder


def test_no_assignment_named_places_each_folder_by_what_it_holds(tmp_path):
    handed = tmp_path / "in"
    _learner(handed, "ada")
    _learner(handed, "ben", "jigsaw", "beas-jigsaw-a1")
    nested = handed / "cat" / "golden-thread"
    nested.mkdir(parents=True)
    (nested / "golden-thread.ipynb").write_text("{}", encoding="utf-8")
    course = tmp_path / "course"
    report = intake.collect_folder(course, handed)
    assert sorted(report.collected) == ["ada/sorting", "ben/jigsaw", "cat/golden-thread"]
    found = sorted(p.relative_to(course / "submitted").as_posix() for p in (course / "submitted").glob("*/*"))
    assert found == ["ada/sorting", "ben/jigsaw", "cat/golden-thread"]  # never one folder per assignment
    assert report.exit_code() == 0


def test_an_unclear_folder_is_refused_with_a_way_forward(tmp_path):
    handed = tmp_path / "in"
    (handed / "dee").mkdir(parents=True)
    (handed / "dee" / "notes.txt").write_text("my notes", encoding="utf-8")
    report = intake.collect_folder(tmp_path / "course", handed)
    assert report.collected == []
    assert "dee: cannot tell which assignment" in report.refused[0]
    assert "send-outcomes course collect ASSIGNMENT --from" in report.refused[0]
    assert report.exit_code() == 1
    # naming the assignment settles it
    named = intake.collect_folder(tmp_path / "course", handed, ["sorting"])
    assert named.collected == ["dee/sorting"]


def test_a_named_assignment_never_takes_another_assignments_work(tmp_path):
    handed = tmp_path / "in"
    _learner(handed, "ben", "jigsaw", "beas-jigsaw-a1")  # the jigsaw notebook, straight in the folder
    (handed / "cat" / "jigsaw").mkdir(parents=True)  # only the jigsaw's folder
    report = intake.collect_folder(tmp_path / "course", handed, ["sorting"])
    assert report.collected == [] and not (tmp_path / "course" / "submitted").exists()
    assert report.refused == [
        "ben: not taken: it holds work for jigsaw, not sorting",
        "cat: not taken: it holds only jigsaw, not sorting",
    ]
    assert intake.collect_folder(tmp_path / "course", handed, ["jigsaw"]).collected == [
        "ben/jigsaw",
        "cat/jigsaw",
    ]


def test_an_existing_submission_is_never_deleted(tmp_path):
    handed = tmp_path / "in"
    course = tmp_path / "course"
    ada = _learner(handed, "ada")
    ada_answers = ada / "answers" / "sort-statements-a1.json"
    assert intake.collect_folder(course, handed).collected == ["ada/sorting"]
    submitted = course / "submitted" / "ada" / "sorting" / "answers" / "sort-statements-a1.json"
    first = submitted.read_text(encoding="utf-8")

    assert intake.collect_folder(course, handed).unchanged == ["ada/sorting"]

    ada_answers.write_text('{"mine": "second, no timestamp"}', encoding="utf-8")
    report = intake.collect_folder(course, handed)
    assert [w for w, _ in report.kept_aside] == ["ada/sorting"]
    assert submitted.read_text(encoding="utf-8") == first  # not newer by nbgrader's rule: kept
    kept = report.kept_aside[0][1]
    assert (kept / "answers" / "sort-statements-a1.json").read_text(encoding="utf-8").endswith('timestamp"}')

    (ada / "timestamp.txt").write_text("2026-12-01 10:00:00.000000 UTC", encoding="utf-8")
    report = intake.collect_folder(course, handed)
    assert [w for w, _ in report.replaced] == ["ada/sorting"]
    old = report.replaced[0][1]
    assert (old / "answers" / "sort-statements-a1.json").read_text(encoding="utf-8") == first
    assert "no timestamp" in submitted.read_text(encoding="utf-8")
    assert any("older submission is kept in set-aside/sorting/" in line for line in report.lines(course))

    (ada / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC", encoding="utf-8")
    report = intake.collect_folder(course, handed)
    assert report.kept_aside and not report.replaced  # an older hand-in never replaces a newer one


def test_links_fifos_devices_and_huge_files_are_left_behind_and_reported(tmp_path):
    handed = tmp_path / "in"
    ada = _learner(handed, "ada")
    key = tmp_path / "key.json"
    key.write_text("THE-KEY", encoding="utf-8")
    os.symlink("/etc/passwd", ada / "passwd.txt")
    os.symlink(key, ada / "answers" / "beas-jigsaw-a1.json")
    os.symlink("/dev/zero", ada / "zero.ipynb")
    os.symlink(tmp_path, ada / "up")  # a link to a folder
    os.mkfifo(ada / "pipe.json")
    big = ada / "answers" / "sort-statements-a1.json"
    with big.open("wb") as f:
        f.truncate(100_000_000)  # sparse: 100 MB that costs no disk
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = intake.collect_folder(tmp_path / "course", handed)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert report.collected == ["ada/sorting"]
    reasons = {s.path: s.reason for s in report.skipped}
    assert "symbolic link" in reasons["ada/passwd.txt"]
    assert "symbolic link" in reasons["ada/answers/beas-jigsaw-a1.json"]
    assert "symbolic link" in reasons["ada/zero.ipynb"]
    assert "symbolic link" in reasons["ada/up"]
    assert "named pipe" in reasons["ada/pipe.json"]
    assert "too large (100,000,000 bytes" in reasons["ada/answers/sort-statements-a1.json"]
    taken = sorted(p.relative_to(tmp_path / "course").as_posix() for p in (tmp_path / "course").rglob("*"))
    assert taken == [
        "submitted",
        "submitted/ada",
        "submitted/ada/sorting",
        "submitted/ada/sorting/answers",
        "submitted/ada/sorting/sort-statements.ipynb",
    ]
    assert grown_kb < 50_000  # the 100 MB file was never read into memory
    assert any(line.startswith("  skipped ada/pipe.json") for line in report.lines(tmp_path / "course"))


def test_the_size_limits_live_in_one_place():
    assert limits.limit_for("answers/x.json") == limits.MAX_ANSWERS_BYTES == 1_000_000
    assert limits.limit_for("sort-statements.ipynb") == limits.MAX_NOTEBOOK_BYTES == 20_000_000
    assert limits.limit_for("picture.png") == limits.MAX_OTHER_BYTES


def test_reading_answers_refuses_links_pipes_and_huge_files_without_reading_them(tmp_path):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(AnswersFileError, match="not a regular file"):
        read_answers(pipe, "sort-statements-a1", "sort")  # returns at once: never blocks on the pipe
    link = tmp_path / "link.json"
    os.symlink("/etc/passwd", link)
    with pytest.raises(AnswersFileError, match="could not be read"):
        read_answers(link, "sort-statements-a1", "sort")
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(limits.MAX_ANSWERS_BYTES + 1)
    with pytest.raises(AnswersFileError, match="limit for answers"):
        read_answers(big, "sort-statements-a1", "sort")


def test_session_collect_prints_the_summary_and_its_status(tmp_path):
    handed = tmp_path / "in"
    ada = _learner(handed, "ada")
    os.symlink("/etc/passwd", ada / "passwd.txt")
    said: list[str] = []
    assert session.collect(tmp_path / "course", None, handed, say=said.append) == 1
    assert said[0].startswith(f"Collected from {handed}: 1 new")
    assert "skipped ada/passwd.txt: a symbolic link" in "\n".join(said)


def test_feedback_html_keeps_the_course_text_and_escapes_script():
    from send_outcomes.course.feedback_page import safe_html

    page = (
        '<h2 id="x">Your reasoning</h2><p>Some <em>text</em></p><table><tr><td>1</td></tr></table>'
        '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">go</a>'
        '<iframe src="https://example.org"></iframe><p style="background:url(https://e.org/x)">s</p>'
    )
    cleaned = safe_html(page)
    assert '<h2 id="x">Your reasoning</h2><p>Some <em>text</em></p><table>' in cleaned
    assert "<script" not in cleaned and "<img" not in cleaned and "<iframe" not in cleaned
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cleaned  # shown as text, for the trainer to see
    assert "javascript:" not in cleaned and "style=" not in cleaned


def test_the_course_config_selects_the_safe_feedback_template():
    from send_outcomes.course import config, feedback_page

    text = config.render()
    assert "c.HTMLExporter.sanitize_html = True" in text
    template = Path(feedback_page.template_dirs()[0]) / feedback_page.TEMPLATE_NAME / "index.html.j2"
    source = template.read_text(encoding="utf-8")
    assert "{% filter safe_html %}" in source and "mathjax()" not in source


def test_the_leak_check_reads_no_link_and_no_huge_file_but_reports_both(tmp_path):
    from send_outcomes.course import preflight

    folder = tmp_path / "feedback" / "ada" / "sorting"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text("<p>The secret reason</p>", encoding="utf-8")
    os.symlink("/dev/zero", folder / "zero.html")
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(100_000_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = dict(preflight.find_leaks(tmp_path / "feedback", ["The secret reason"]))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000
    assert found[folder / "page.html"] == "The secret reason"
    assert found[folder / "zero.html"] == preflight.UNCHECKED + "a link"
    assert found[folder / "huge.txt"] == preflight.UNCHECKED + "100,000,000 bytes"
    message = preflight.leak_message(Path("feedback/ada/sorting/huge.txt"), found[folder / "huge.txt"])
    assert message.endswith("was not checked (100,000,000 bytes): remove it before handing the folder out")


def test_the_hub_config_carries_the_same_safety_settings():
    from send_outcomes.course import config

    root = Path(__file__).resolve().parents[2]
    assert config.SAFETY in config.render()
    assert config.SAFETY in (root / "solutions" / "deploy" / "nbgrader_config.py").read_text(encoding="utf-8")
