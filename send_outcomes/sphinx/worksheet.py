"""A paper worksheet for each exercise: the same content as the interactive version, laid out for a pen.

Trainers print exercises as handouts for sessions with no laptops, and some parents prefer paper. The
worksheet is written into the page beside the exercise (hidden on screen, shown only when printing), so a
printout needs no JavaScript and matches the page exactly. It never contains the answers: no kinds, no
holders, no links, no model answers — those stay in the interactive version's feedback and in solutions/.

Every piece of text from a spec is escaped here: the specs are ours, but escaping costs nothing and means a
stray ``<`` in a statement can never change the page.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

Spec = dict[str, Any]

LINES = '<div class="so-ws-lines" aria-hidden="true"></div>'


def _box() -> str:
    return '<span class="so-ws-box" aria-hidden="true">&#9744;</span>'


def _sort(spec: Spec) -> str:
    heads = "".join(f'<th scope="col">{escape(c["label"])}</th>' for c in spec["categories"])
    rows = []
    for n, item in enumerate(spec["items"], start=1):
        cells = "".join(f"<td>{_box()}</td>" for _ in spec["categories"])
        rows.append(f'<tr><th scope="row">{n}. {escape(item["text"])}</th>{cells}</tr>')
    key = "".join(
        f"<li><strong>{escape(c['label'])}</strong>: {escape(c.get('description', ''))}</li>"
        for c in spec["categories"]
    )
    return (
        f'<ul class="so-ws-key">{key}</ul>'
        f'<table class="so-ws-table"><thead><tr><th scope="col">Statement</th>{heads}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
        "<p>Pick one statement you found hard. Why did you put it where you did?</p>" + LINES
    )


def _fix(spec: Spec) -> str:
    parts = []
    for n, rnd in enumerate(spec["rounds"], start=1):
        parts.append(
            f'<section class="so-ws-round"><h3>Round {n}: {escape(rnd.get("name", ""))}</h3>'
            f'<p>{escape(rnd.get("context", ""))}</p>'
            f'<p class="so-ws-original">Outcome as written: <q>{escape(rnd["original"])}</q></p>'
            "<p>Your rewrite (say what will be different for the child, how you would know, and by when):</p>"
            f"{LINES}</section>"
        )
    return "".join(parts)


def _jigsaw(spec: Spec) -> str:
    holders = "".join(f"<li>{escape(h['label'])}</li>" for h in spec["holders"])
    rows = "".join(
        f'<tr><th scope="row">{escape(p["text"])}</th><td>{_box()} part of the outcome<br>{_box()} set aside'
        f'</td><td class="so-ws-write"></td><td class="so-ws-write"></td></tr>'
        for p in spec["pieces"]
    )
    return (
        f'<p class="so-ws-original">{escape(spec.get("name", "The child"))}&#8217;s outcome: '
        f'<q>{escape(spec["outcome"])}</q></p>'
        f"<p>People who might hold a piece:</p><ul>{holders}</ul>"
        '<table class="so-ws-table"><thead><tr><th scope="col">Piece</th><th scope="col">Use it?</th>'
        '<th scope="col">Who holds it</th><th scope="col">Provision: how much, how often, who</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _thread(spec: Spec) -> str:
    parts = []
    for part in spec["parts"]:
        def options(key: str, part: Spec = part) -> str:
            return "".join(f"<li>{escape(x['id'])}: {escape(x['text'])}</li>" for x in part[key])

        rows = "".join(
            f'<tr><th scope="row">{escape(a["text"])}</th><td></td><td></td><td></td></tr>'
            for a in part["aspirations"]
        )
        parts.append(
            f'<section class="so-ws-round"><h3>{escape(part.get("name", part["case"]))}</h3>'
            f'<p>{escape(part.get("story", ""))}</p>'
            f"<p>Needs:</p><ul>{options('needs')}</ul><p>Outcomes:</p><ul>{options('outcomes')}</ul>"
            f"<p>Provision:</p><ul>{options('provision')}</ul>"
            '<table class="so-ws-table"><thead><tr><th scope="col">Aspiration</th><th scope="col">Need</th>'
            '<th scope="col">Outcome</th><th scope="col">Provision</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            "<p>Write the id of each link, or <em>missing</em> where the plan has none. "
            "What would the plan need to mend the thread?</p>"
            f"{LINES}</section>"
        )
    return "".join(parts)


# The on-screen instructions talk about dragging and buttons; paper needs its own.
ON_PAPER = {
    "sort": "Tick one box for each statement: is it an aspiration, a need, an outcome, provision or a "
    "target?",
    "fix": "Each outcome below is not yet good enough. Rewrite it so that it is specific, measurable, "
    "achievable, realistic and time-bound, and written about the child.",
    "jigsaw": "Decide which pieces belong in the jigsaw around the outcome and which to set aside. For each "
    "piece you use, write who holds it and the provision it needs: how much, how often and who.",
    "thread": "For each aspiration, write the need, the outcome and the provision that link to it. One link "
    "in each plan is missing: write missing there.",
}

RENDERERS: dict[str, Callable[[Spec], str]] = {
    "sort": _sort, "fix": _fix, "jigsaw": _jigsaw, "thread": _thread,
}


def worksheet_html(spec: Spec) -> str:
    """The print-only worksheet of a practice exercise; "" for a type with no paper version (the checker)."""
    render = RENDERERS.get(spec["type"])
    if render is None:
        return ""
    return (
        f'<div class="so-worksheet" data-exercise-id="{escape(spec["id"], quote=True)}">'
        f'<h2 class="so-ws-title">Worksheet: {escape(spec["title"])}</h2>'
        f'<p>{escape(ON_PAPER[spec["type"]])}</p>'
        f"{render(spec)}"
        '<p class="so-ws-name">Name: ______________________ &#160; Date: ____________</p>'
        "</div>\n"
    )
