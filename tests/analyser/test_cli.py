"""send-outcomes check and plan: formats, inputs, exit codes, and clear errors on bad files."""

from __future__ import annotations

import io
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from send_outcomes import commands
from send_outcomes.analysis import analyse
from send_outcomes.cli import build_parser, main

PLANS = Path(__file__).resolve().parents[2] / "send_outcomes" / "data" / "plans"
PASTED = json.loads((Path(__file__).parents[1] / "data" / "list_headings.json").read_text("utf-8"))["pasted"]
VAGUE = "Jack will develop independent living skills."
PROVISION = "Jayden will receive 15 hours of support each week."


class _Stdin(io.StringIO):
    """A text stdin with a .buffer, like sys.stdin."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.buffer = io.BytesIO(data)


def test_every_command_module_is_reachable_with_its_own_help(capsys):
    """A module in send_outcomes/commands/ that does not register itself (a renamed or broken register())
    would be unreachable: each one must answer ``send-outcomes NAME --help``, alone and among the others."""
    names = [m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")]
    assert {"check", "plan", "course"} <= set(names)
    listed = build_parser().format_help()
    for name in names:
        assert name in listed, name
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0, name
        assert f"usage: send-outcomes {name}" in capsys.readouterr().out


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err


def test_check_jsonl_from_arguments(capsys):
    assert main(["check", "--format", "jsonl", VAGUE, PROVISION]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x) for x in lines] == [analyse(VAGUE).to_dict(), analyse(PROVISION).to_dict()]
    first = json.loads(lines[0])
    assert list(first) == ["text", "kind", "smart", "person_centred", "feedback", "confidence"]
    assert json.loads(lines[1])["smart"] is None and json.loads(lines[1])["person_centred"] is None


def test_check_json_is_one_array(capsys):
    assert main(["check", "--format", "json", VAGUE]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and data[0]["kind"] == "outcome"


def test_check_text_is_plain_when_not_a_terminal(capsys):
    assert main(["check", VAGUE]) == 0
    out = capsys.readouterr().out
    assert "kind: outcome" in out and "Not specific" in out
    assert "\x1b[" not in out


def test_check_reads_a_file_one_statement_per_line(tmp_path, capsys):
    path = tmp_path / "statements.txt"
    path.write_text(f"{VAGUE}\n\n{PROVISION}\n", encoding="utf-8")
    assert main(["check", "--format", "jsonl", str(path)]) == 0
    kinds = [json.loads(x)["kind"] for x in capsys.readouterr().out.splitlines()]
    assert kinds == ["outcome", "provision"]


def test_check_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", _Stdin(f"{PROVISION}\nI want to be a vet.\n".encode()))
    assert main(["check", "--format", "jsonl", "-"]) == 0
    kinds = [json.loads(x)["kind"] for x in capsys.readouterr().out.splitlines()]
    assert kinds == ["provision", "aspiration"]


def test_check_section_is_passed_to_every_statement(tmp_path, capsys):
    texts = ["Small group work", "Reading and writing", "Making friends"]
    path = tmp_path / "statements.txt"
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    for section in ("B", "f"):
        assert main(["check", "--format", "jsonl", "--section", section, str(path)]) == 0
        got = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
        assert got == [analyse(t, section=section).to_dict() for t in texts]
    # the section changes verdicts, or passing it would prove nothing
    assert [analyse(t, section="B").kind for t in texts] != [analyse(t, section="F").kind for t in texts]


def test_check_list_reads_headings_as_sections_across_its_lists(tmp_path, monkeypatch, capsys):
    """With --list, a heading line is not judged: it gives the lines after it their section, also in the
    next list when the input is read in several (LIST made small here so that it is)."""
    from send_outcomes.commands import check
    from send_outcomes.plans.pasted import read_list

    lines = PASTED
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = read_list(lines, "A")
    for size in (500, 3):
        monkeypatch.setattr(check, "LIST", size)
        assert main(["check", "--list", "--section", "A", "--format", "jsonl", str(path)]) == 0
        got = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
        assert [g.get("heading") for g in got] == [None, "E", None, None, "F", None, None]
        if size == 500:
            assert got == expected
        else:  # company differs with shorter lists, the sections do not
            assert [g.get("kind") for g in got][5:] == [analyse(t, section="F").kind for t in lines[5:]]
    assert main(["check", "--list", str(path)]) == 0
    out = capsys.readouterr().out
    assert "heading: the lines below are read as Section F (Special educational provision)" in out
    assert main(["check", "--format", "jsonl", str(path)]) == 0  # one by one, each line is a statement
    assert all("kind" in json.loads(x) for x in capsys.readouterr().out.splitlines())


@pytest.mark.parametrize("bad", ["Z", "AB", "", "section E"])
def test_check_bad_section_is_refused(bad, capsys):
    assert main(["check", "--section", bad, VAGUE]) == 2
    err = capsys.readouterr().err
    assert "--section" in err and "A to K" in err


def test_check_missing_file_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "nope.txt" in err


def test_check_undecodable_file_exit_2(tmp_path, capsys):
    path = tmp_path / "junk.bin"
    path.write_bytes(b"ok line\n\xff\xfe\xfa junk\n")
    assert main(["check", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_check_markup_and_control_characters_in_text_output(capsys):
    assert main(["check", "Mia will \x1b[31mwalk</b> to school by Year 6."]) == 0
    out = capsys.readouterr().out
    assert "\x1b[31m" not in out and "?[31mwalk</b>" in out


@pytest.mark.parametrize(("name", "code"), [("good-plan.yaml", 0), ("flawed-plan.yaml", 1)])
def test_plan_exit_codes(name, code, capsys):
    assert main(["plan", str(PLANS / name)]) == code
    out = capsys.readouterr().out
    assert ("No problems found" in out) == (code == 0)


def test_plan_json_format(capsys):
    assert main(["plan", "--format", "json", str(PLANS / "flawed-plan.yaml")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and any(p["code"] == "no_pfa_outcome" for p in data["problems"])
    assert {"child", "sections", "links", "problems"} <= set(data)


def test_plan_malformed_exit_2(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text(
        "needs: []\nprovision: []\noutcomes:\n  - id: O1\n    text: Mia will read.\n    provision: [P7]\n"
    )
    assert main(["plan", str(path)]) == 2
    assert "outcomes[0].provision[0]" in capsys.readouterr().err


def test_console_script_runs():
    exe = Path(sys.executable).parent / "send-outcomes"
    run = subprocess.run([str(exe), "check", "--format", "jsonl", VAGUE], capture_output=True, text=True)
    assert run.returncode == 0
    assert json.loads(run.stdout)["smart"]["specific"] is False
