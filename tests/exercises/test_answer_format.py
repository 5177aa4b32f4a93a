"""answers/<id>.json: written in one step, read back exactly, and set aside (never lost) when unusable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from send_outcomes.answer_format import files as answer_files
from send_outcomes.answer_format.files import (
    AnswersFileError,
    answers_path,
    read_answers,
    restore,
    set_aside,
    write_answers,
)

GOOD = {"placements": {"p-need-becca": "need", "p-asp-kyle": "aspiration"}, "tries": {"p-need-becca": 1}}


def _path(tmp_path: Path) -> Path:
    return answers_path(tmp_path / "answers", "sort-statements-1")


def test_answers_round_trip_including_non_ascii_text(tmp_path: Path) -> None:
    path = _path(tmp_path)
    answers = {"drafts": {"vague": "By July, Zoë will order a café meal — on her own <b>!</b>"}, "round": 2}
    write_answers(path, "fix-the-outcome-1", "fix", answers)
    assert path.parent.is_dir()
    assert read_answers(path, "fix-the-outcome-1", "fix") == answers
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == {"exercise": "fix-the-outcome-1", "type": "fix", "version": 1, "answers": answers}


def test_no_file_yet_means_no_answers(tmp_path: Path) -> None:
    assert read_answers(_path(tmp_path), "sort-statements-1", "sort") == {}
    assert restore(_path(tmp_path), "sort-statements-1", "sort") == ({}, None)


def test_a_failed_write_leaves_the_previous_answers_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _path(tmp_path)
    write_answers(path, "sort-statements-1", "sort", GOOD)
    before = path.read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answer_files.os, "fsync", crash)
    with pytest.raises(OSError, match="No space left"):
        write_answers(path, "sort-statements-1", "sort", {"placements": {}})
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_the_file_is_replaced_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new content goes to a temporary file in the same folder, which os.replace then renames."""
    path = _path(tmp_path)
    write_answers(path, "sort-statements-1", "sort", GOOD)
    seen: list[tuple[str, str, str]] = []
    real = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append((Path(src).parent.as_posix(), Path(dst).name, path.read_text(encoding="utf-8")))
        real(src, dst)

    monkeypatch.setattr(answer_files.os, "replace", spy)
    write_answers(path, "sort-statements-1", "sort", {"placements": {"p-need-becca": "target"}})
    assert len(seen) == 1
    folder, name, content_before = seen[0]
    assert folder == path.parent.as_posix() and name == path.name
    assert json.loads(content_before)["answers"] == GOOD  # still the old file until the rename
    assert read_answers(path, "sort-statements-1", "sort") == {"placements": {"p-need-becca": "target"}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('"just a string"', "not an answers file"),
        ('{"exercise": "sort-statements-1"}', "not an answers file"),
        ('{"exercise": "fix-the-outcome-1", "version": 1, "answers": {}}', "'fix-the-outcome-1', not 'sort"),
        ('{"exercise": "sort-statements-1", "version": 7, "answers": {}}', "format version 7"),
        ('{"exercise": "sort-statements-1", "version": 1, "answers": {"placements": [1]}}', "wrong shape"),
        ('{"exercise": "sort-statements-1", "version": 1, "answers": {"drafts": {}}}', "/drafts: unexpected"),
    ],
)
def test_unusable_files_give_a_readable_error_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = _path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnswersFileError) as err:
        read_answers(path, "sort-statements-1", "sort")
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_not_utf8_is_a_readable_error(tmp_path: Path) -> None:
    path = _path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(AnswersFileError, match="could not be read"):
        read_answers(path, "sort-statements-1", "sort")


def test_a_corrupt_file_is_set_aside_with_its_content_kept_and_a_note(tmp_path: Path) -> None:
    path = _path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"exercise": "sort-statements-1", "answers": {', encoding="utf-8")
    answers, note = restore(path, "sort-statements-1", "sort")
    assert answers == {}
    assert not path.exists()
    (aside,) = path.parent.glob("sort-statements-1.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == '{"exercise": "sort-statements-1", "answers": {'
    assert note is not None and aside.name in note and "starts afresh" in note


def test_another_exercises_file_is_set_aside_too(tmp_path: Path) -> None:
    path = _path(tmp_path)
    write_answers(path, "sort-statements-a1", "sort", GOOD)
    answers, note = restore(path, "sort-statements-1", "sort")
    assert answers == {} and note is not None and "sort-statements-a1" in note
    assert len(list(path.parent.glob("*.corrupt-*"))) == 1


def test_setting_aside_twice_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    path = _path(tmp_path)
    path.parent.mkdir(parents=True)
    names = set()
    for n in range(3):
        path.write_text(f"broken {n}", encoding="utf-8")
        names.add(set_aside(path).name)
    assert len(names) == 3
    contents = sorted(p.read_text(encoding="utf-8") for p in path.parent.iterdir())
    assert contents == ["broken 0", "broken 1", "broken 2"]
