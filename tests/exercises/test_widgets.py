"""The widgets in Python, with the front end simulated by setting ``answers`` as the browser would."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from send_outcomes.answer_format.shapes import answer_problems
from send_outcomes.course.synthetic import half_answers, right_answers
from send_outcomes.specs import SpecError, all_specs, load_spec, public_spec
from send_outcomes.widgets import (
    WIDGETS,
    CheckerWidget,
    ExerciseWidget,
    FixWidget,
    SortWidget,
    esm,
    exercise,
    widget_for,
)

SAVING = sorted(eid for eid, s in all_specs().items() if s["type"] != "checker")
ASSESSMENT = sorted(eid for eid, s in all_specs().items() if s["mode"] == "assessment")


class _FakeResult:
    def __init__(self, text: str) -> None:
        self.text = text

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": "outcome", "words": len(self.text.split())}


@pytest.fixture
def fake_analyser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A stand-in analyser that records what it was asked: tests the widget's plumbing on its own."""
    calls: list[str] = []

    def analyse(text: str) -> _FakeResult:
        calls.append(text)
        return _FakeResult(text)

    def analyse_all(texts: list[str], sections: list[str | None] | None = None) -> list[_FakeResult]:
        return [analyse(t) for t in texts]

    module = types.ModuleType("send_outcomes.analysis")
    module.analyse = analyse  # type: ignore[attr-defined]
    module.analyse_all = analyse_all  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "send_outcomes.analysis", module)
    return calls


def _stored(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _no_fix_answers(spec: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    return answers if spec["type"] != "fix" else {"drafts": answers["drafts"]}


@pytest.mark.parametrize("exercise_id", SAVING)
def test_front_end_changes_are_saved_and_restored(
    exercise_id: str, tmp_path: Path, fake_analyser: list[str]
) -> None:
    spec = load_spec(exercise_id)
    widget = exercise(exercise_id, tmp_path)
    assert isinstance(widget, WIDGETS[spec["type"]])
    assert not (tmp_path / f"{exercise_id}.json").exists(), "creating a widget must never write"

    for answers in (half_answers(spec), right_answers(spec)):
        widget.answers = answers  # what the front end does with model.set + save_changes
        stored = _stored(tmp_path / f"{exercise_id}.json")
        assert stored == {"exercise": exercise_id, "type": spec["type"], "version": 1, "answers": answers}

    again = exercise(exercise_id, tmp_path)
    assert again.answers == right_answers(spec)
    assert again.notes == []


@pytest.mark.parametrize("exercise_id", ["sort-statements-1", "beas-jigsaw-a1", "follow-the-thread-1"])
def test_a_corrupt_file_gives_a_fresh_exercise_and_a_visible_note(exercise_id: str, tmp_path: Path) -> None:
    path = tmp_path / f"{exercise_id}.json"
    path.write_text("{ this is not json", encoding="utf-8")
    widget = exercise(exercise_id, tmp_path)
    assert widget.answers == {}
    assert len(widget.notes) == 1 and "starts afresh" in widget.notes[0]
    (aside,) = tmp_path.glob(f"{exercise_id}.json.corrupt-*")
    assert aside.name in widget.notes[0]
    assert aside.read_text(encoding="utf-8") == "{ this is not json"


def test_a_file_of_the_wrong_shape_is_set_aside_too(tmp_path: Path) -> None:
    path = tmp_path / "sort-statements-1.json"
    payload = {
        "exercise": "sort-statements-1",
        "type": "sort",
        "version": 1,
        "answers": {"placements": [1, 2]},
    }
    path.write_text(json.dumps(payload), encoding="utf-8")
    widget = exercise("sort-statements-1", tmp_path)
    assert widget.answers == {} and "/placements: expected an object" in widget.notes[0]


def test_a_wrong_shaped_change_is_not_written_and_says_so(tmp_path: Path) -> None:
    widget = exercise("sort-statements-1", tmp_path)
    good = {"placements": {"p-need-becca": "need"}}
    widget.answers = good
    widget.answers = {"placements": "everything"}
    assert _stored(tmp_path / "sort-statements-1.json")["answers"] == good
    assert len(widget.notes) == 1 and "not saved" in widget.notes[0]
    widget.answers = {"placements": {"p-need-becca": "target"}}
    assert widget.notes == [], "a good save withdraws the earlier note"
    assert _stored(tmp_path / "sort-statements-1.json")["answers"]["placements"] == {"p-need-becca": "target"}


def test_a_failed_save_is_reported_in_a_note_and_harms_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the answers folder should be", encoding="utf-8")
    widget = exercise("sort-statements-1", blocked)
    widget.answers = {"placements": {"p-need-becca": "need"}}
    assert "could not be moved aside" in widget.notes[0]  # reading answers/… failed: said, not raised
    assert len(widget.notes) == 2 and "could not be saved" in widget.notes[1]
    assert blocked.read_text(encoding="utf-8").startswith("a file")


@pytest.mark.parametrize("exercise_id", ASSESSMENT)
def test_assessment_widgets_carry_no_key(exercise_id: str, tmp_path: Path) -> None:
    full = load_spec(exercise_id)
    widget = exercise(exercise_id, tmp_path)
    assert widget.mode == "assessment"
    assert widget.spec == public_spec(full)
    synced = json.dumps(widget.get_state())
    for secret in _secrets(full):
        assert secret not in synced, secret


def _secrets(spec: dict[str, Any]) -> list[str]:
    """Every answer-giving text of a spec (long enough that finding it elsewhere cannot be chance)."""
    kind = spec["type"]
    if kind == "sort":
        return [i["why"] for i in spec["items"]] + list(spec["hints"].values())
    if kind == "fix":
        return [r["model_answer"] for r in spec["rounds"]] + [h for r in spec["rounds"] for h in r["hints"]]
    if kind == "jigsaw":
        return [p[k] for p in spec["pieces"] for k in ("reason", "hint", "model_provision") if k in p]
    if kind == "thread":
        return [link["why"] for part in spec["parts"] for link in part["links"]]
    return []


def test_the_fix_widget_analyses_each_draft_by_round_id(tmp_path: Path, fake_analyser: list[str]) -> None:
    spec = load_spec("fix-the-outcome-1")
    first, second = (r["id"] for r in spec["rounds"][:2])
    widget = exercise("fix-the-outcome-1", tmp_path)
    assert isinstance(widget, FixWidget) and widget.engine == "python" and widget.analysis == {}
    widget.answers = {"drafts": {first: "By July, Mustafa will climb the stairs", second: "   "}}
    assert widget.analysis == {first: _FakeResult("By July, Mustafa will climb the stairs").to_dict()}
    widget.answers = {"drafts": {first: "By July, Mustafa will climb the stairs", second: "Becca will play"}}
    assert set(widget.analysis) == {first, second}
    assert fake_analyser.count("By July, Mustafa will climb the stairs") == 1, (
        "unchanged drafts are not redone"
    )
    restored = exercise("fix-the-outcome-1", tmp_path)
    assert set(restored.analysis) == {first, second}, "saved drafts are analysed on reload"


def test_the_fix_widget_uses_the_real_analyser(tmp_path: Path) -> None:
    from send_outcomes.analysis import analyse

    spec = load_spec("fix-the-outcome-1")
    drafts = {r["id"]: r["model_answer"] for r in spec["rounds"]}
    widget = exercise("fix-the-outcome-1", tmp_path)
    widget.answers = {"drafts": drafts}
    assert widget.analysis == {rid: analyse(text).to_dict() for rid, text in drafts.items()}


def test_without_an_analyser_the_fix_widget_still_saves_and_says_why_there_is_no_feedback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "send_outcomes.analysis", None)  # makes the import fail
    widget = exercise("fix-the-outcome-1", tmp_path)
    widget.answers = {"drafts": {"vague": "By July, Mustafa will climb the stairs"}}
    assert widget.analysis == {}
    assert any("no live feedback" in n for n in widget.notes)
    assert _stored(tmp_path / "fix-the-outcome-1.json")["answers"]["drafts"]["vague"].startswith("By July")


def test_the_checker_analyses_lines_by_number_and_saves_nothing(
    tmp_path: Path, fake_analyser: list[str]
) -> None:
    widget = exercise("check-your-plan", tmp_path)
    assert isinstance(widget, CheckerWidget)
    widget.answers = {"text": "Aisha will read.\n\n  By July, Aisha will read a menu aloud.  \r\nlast"}
    assert sorted(widget.analysis) == ["1", "3", "4"]
    assert widget.analysis["3"]["text"] == "By July, Aisha will read a menu aloud."
    assert list(tmp_path.iterdir()) == []


def test_the_checker_reads_its_lines_as_one_list(tmp_path: Path) -> None:
    """In JupyterLab the kernel reads the lines together, exactly as the page's engine and ``check --list``
    do; two lines are too few for company, so each is read as it would be alone."""
    from send_outcomes.analysis import analyse, analyse_all

    lines = [
        "To name 5 colours when shown them.",
        "To count to 20 with 1:1 correspondence.",
        "Access to a quiet space at break times",
        "To write his first name independently.",
        "To take turns in a game with one peer.",
    ]
    widget = exercise("check-your-plan", tmp_path)
    widget.answers = {"text": "\n".join(lines)}
    assert widget.analysis == {str(n): a.to_dict() for n, a in enumerate(analyse_all(lines), start=1)}
    widget.answers = {"text": "\n".join(lines[:2])}
    assert widget.analysis == {str(n): analyse(t).to_dict() for n, t in enumerate(lines[:2], start=1)}
    # the plan section the learner says the lines come from is passed to every line; nonsense is ignored
    for section, given in (("F", "F"), ("a", "A"), (None, "section F"), (None, 7)):
        widget.answers = {"text": "\n".join(lines), "section": given}
        expected = analyse_all(lines, sections=[section] * len(lines))
        assert widget.analysis == {str(n): a.to_dict() for n, a in enumerate(expected, start=1)}, given
    assert analyse_all(lines, sections=["F"] * 5) != analyse_all(lines)  # the section changes something
    # a heading line is not a statement: it gives the lines after it their section, over the chosen one
    from send_outcomes.plans.pasted import read_list

    headed = [lines[0], "Section F: Provision", *lines[1:]]
    widget.answers = {"text": "\n".join(headed), "section": "A"}
    heading = {"text": "Section F: Provision", "heading": "F", "name": "Special educational provision"}
    assert widget.analysis["2"] == heading
    assert widget.analysis == {str(n): a for n, a in enumerate(read_list(headed, "A"), start=1)}
    assert widget.analysis["3"] == analyse_all(headed[:1] + headed[2:], sections=["A", *"FFFF"])[1].to_dict()


def test_the_checker_stops_at_max_lines(tmp_path: Path, fake_analyser: list[str]) -> None:
    spec = load_spec("check-your-plan")
    spec["max_lines"] = 3
    widget = widget_for(spec, tmp_path)
    widget.answers = {"text": "\n".join(f"line {n}" for n in range(1, 10))}
    assert sorted(widget.analysis) == ["1", "2", "3"]


def test_unknown_exercise_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as err:
        exercise("sort-statements-99", tmp_path)
    assert "sort-statements-99" in str(err.value) and "sort-statements-1" in str(err.value)


def test_the_front_end_is_the_bundled_module(tmp_path: Path) -> None:
    widget = exercise("sort-statements-1", tmp_path)
    assert widget.get_state()["_esm"] == esm.bundle("sort.js")  # what is actually synced to the browser
    assert "export default" in widget._esm and "\nimport " not in widget._esm


def test_a_module_that_cannot_be_bundled_shows_a_message_not_a_crash(tmp_path: Path) -> None:
    class Broken(SortWidget):
        entry = "no-such-module.js"

    widget = Broken(load_spec("sort-statements-1"), tmp_path)
    assert "cannot be shown" in widget._esm and "textContent" in widget._esm
    assert "innerHTML" not in widget._esm


def test_static_outputs_describe_the_exercise_escaped_and_deterministic(tmp_path: Path) -> None:
    spec = load_spec("sort-statements-1")
    spec["title"] = "Sort <script>alert(1)</script> & more"
    widget = widget_for(spec, tmp_path / "my answers")
    data, _ = widget._repr_mimebundle_()
    assert "<script>" not in data["text/html"] and "&lt;script&gt;" in data["text/html"]
    assert data["text/plain"].startswith("Sort <script>")
    assert "my answers/sort-statements-1.json" in data["text/plain"]
    assert widget.model_id not in data["text/plain"] + data["text/html"]
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.model_id
    assert data == widget_for(spec, tmp_path / "my answers")._repr_mimebundle_()[0] | {
        "application/vnd.jupyter.widget-view+json": data["application/vnd.jupyter.widget-view+json"]
    }


def test_synced_state_stays_small(tmp_path: Path) -> None:
    """The spec and the answers, not megabytes: the front-end module is the bulk and is sent once."""
    for eid in SAVING:
        state = exercise(eid, tmp_path).get_state()
        without_module = {k: v for k, v in state.items() if k != "_esm"}
        assert len(json.dumps(without_module)) < 20_000, eid


def test_every_type_has_a_widget_class() -> None:
    types_in_specs = {s["type"] for s in all_specs().values()}
    assert types_in_specs <= set(WIDGETS)
    assert all(issubclass(cls, ExerciseWidget) for cls in WIDGETS.values())
    assert all(answer_problems(t, {}) == [] for t in WIDGETS)


def test_an_assessment_widget_copies_a_corrupt_file_aside_and_leaves_it_for_the_grader(
    tmp_path: Path,
) -> None:
    """nbgrader re-runs the widget cell before the hidden tests: they must see what the learner submitted."""
    path = tmp_path / "sort-statements-a1.json"
    path.write_text("{ broken", encoding="utf-8")
    widget = exercise("sort-statements-a1", tmp_path)
    assert widget.answers == {} and "starts afresh" in widget.notes[0]
    assert path.read_text(encoding="utf-8") == "{ broken"
    (copy,) = tmp_path.glob("sort-statements-a1.json.corrupt-*")
    assert copy.read_text(encoding="utf-8") == "{ broken" and copy.name in widget.notes[0]


@pytest.mark.parametrize("exercise_id", [*SAVING, "check-your-plan"])
def test_the_kernel_answers_the_front_ends_ping_and_nothing_else(
    exercise_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The front end stops an exercise whose kernel does not answer after a save; a live kernel answers."""
    widget = exercise(exercise_id, tmp_path)
    assert widget.get_state()["kernel_replies"] is True
    sent: list[dict[str, object]] = []
    monkeypatch.setattr(widget, "send", lambda content, buffers=None: sent.append(content))
    widget._handle_custom_msg({"type": "so-ping", "n": 7}, [])
    widget._handle_custom_msg({"type": "something else", "n": 8}, [])
    widget._handle_custom_msg(["not", "a", "dict"], [])
    assert sent == [{"type": "so-pong", "n": 7}]
