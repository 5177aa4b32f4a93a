"""Write solutions/model-answers.md from the assessment specs: every right answer with its reasoning.

Generated, not hand-written, so the model answers a trainer talks through can never drift from the key the
hidden tests mark against (tests/course/test_course_units.py checks the committed file is what this makes).
``python -m send_outcomes.course.solutions`` rewrites it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from send_outcomes.course.assignments import Assignment, select
from send_outcomes.specs import load_spec

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "solutions" / "model-answers.md"

HEADER = """# Model answers for the assessed exercises

**For trainers only.** These are the answers to the assessed items in `exercises/`. Do not share this
file, or the `solutions/` folder, with learners before they have handed their work in.

Generated from the assessment specs by `python -m send_outcomes.course.solutions`; do not edit by hand
(the answers here are exactly the key the hidden tests mark against). Each answer comes with the reasoning
to talk through when you hand back feedback.
"""


def _sort(spec: dict[str, Any]) -> list[str]:
    labels = {c["id"]: c["label"] for c in spec["categories"]}
    lines = ["| # | Statement | Belongs under | Why |", "|---|---|---|---|"]
    for n, item in enumerate(spec["items"], start=1):
        lines.append(f"| {n} | {item['text']} | **{labels[item['kind']]}** | {item['why']} |")
    lines += [
        "",
        "Hints the practice version gives after a wrong try, useful as prompts when you discuss:",
        "",
    ]
    lines += [f"- *{labels[k]}*: {v}" for k, v in spec["hints"].items()]
    return lines


def _fix(spec: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for n, rnd in enumerate(spec["rounds"], start=1):
        lines += [
            f"### Round {n}: {rnd['name']} ({rnd['focus'].replace('-', ' ')})",
            "",
            f"*The child:* {rnd['context']}",
            "",
            f"*Original:* “{rnd['original']}”",
            "",
            f"*What is wrong with it:* {rnd['problem']}",
            "",
            f"*A model rewrite:* “{rnd['model_answer']}”",
            "",
            "*Prompt to use with a stuck group:* " + " ".join(rnd.get("hints", [])),
            "",
        ]
    lines.append(
        "Learners' rewrites are marked by the analyser, a fifth of a point per criterion met (specific, "
        "measurable, achievable, time-bound, person-centred). Many different rewrites earn full marks; the "
        "model is one of them. Your own 5 marks are for what the analyser cannot judge: is the outcome true "
        "to the child's story, something the child would care about, and realistic in the time given?"
    )
    return lines


def _jigsaw(spec: dict[str, Any]) -> list[str]:
    holders = {h["id"]: h["label"] for h in spec["holders"]}
    lines = [
        f"*The outcome:* {spec['outcome']}",
        "",
        "| Piece | Decision | Who holds it | Why |",
        "|---|---|---|---|",
    ]
    for piece in spec["pieces"]:
        if piece["role"] == "piece":
            who = holders[piece["holder"]]
            also = [holders[h] for h in piece.get("also_accept", [])]
            if also:
                who += f" (also accepted: {', '.join(also)})"
            lines.append(f"| {piece['text']} | **use** | {who} | {piece['reason']} |")
        else:
            lines.append(f"| {piece['text']} | **set aside** | - | {piece['reason']} |")
    lines += ["", "Model provision (how much, how often, who, and the plan section it belongs in):", ""]
    lines += [
        f"- *{p['text']}* (Section {p['section']}): {p['model_provision']}"
        for p in spec["pieces"]
        if p["role"] == "piece"
    ]
    return lines


def _thread(spec: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for part in spec["parts"]:
        cards = {c["id"]: c["text"] for col in ("needs", "outcomes", "provision") for c in part[col]}
        asp = {a["id"]: a["text"] for a in part["aspirations"]}
        lines += [f"### {part['name']}", ""]
        for link in part["links"]:
            lines.append(f"- **{asp[link['aspiration']]}**")
            for key in ("need", "outcome", "provision"):
                value = cards[link[key]] if link[key] else "*missing: nothing in the plan fills this link*"
                lines.append(f"  - {key}: {value}")
            lines.append(f"  - why: {link['why']}")
        lines.append("")
    return lines


_SECTIONS = {"sort": _sort, "fix": _fix, "jigsaw": _jigsaw, "thread": _thread}


def _assignment(a: Assignment) -> list[str]:
    lines = [f"## {a.title} (`{a.name}`)", ""]
    for eid in a.exercises:
        spec = load_spec(eid)
        lines += [f"Exercise `{eid}`: {spec['title']}.", ""]
        lines += _SECTIONS[spec["type"]](spec)
        lines.append("")
    for w in a.written:
        lines += [
            f"**Written answer ({w.points} marks, marked by you).** {w.prompt}",
            "",
            f"> {w.model_answer}",
            "",
        ]
        lines += [
            "Give full marks for an answer that uses the time frame and who the change is for; part marks "
            "for one of the two, or for a right example without a reason.",
            "",
        ]
    return lines


def render() -> str:
    lines = [HEADER]
    for a in select(None):
        lines += _assignment(a)
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
