"""A paper worksheet for each exercise: the same content as the interactive version, laid out for a pen.

Trainers print exercises as handouts for sessions with no laptops, and some parents prefer paper. The
worksheet is written into the page beside the exercise (hidden on screen, shown only when printing), so a
printout needs no JavaScript and matches the page exactly. It never contains the answers: no kinds, no
holders, no links, no model answers — those stay in the interactive version's feedback and in solutions/.

Every piece of text from a spec is escaped here: the specs are ours, but escaping costs nothing and means a
stray ``<`` in a statement can never change the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

Spec = dict[str, Any]

# The worksheet's own words are course text, kept with the rest of the content as data.
TEXT: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "text" / "worksheet.json").read_text(encoding="utf-8")
)

LINES = '<div class="so-ws-lines" aria-hidden="true"></div>'


def _box() -> str:
    return '<span class="so-ws-box" aria-hidden="true">&#9744;</span>'


def _columns(labels: list[str]) -> str:
    return "".join(f'<th scope="col">{escape(label)}</th>' for label in labels)


def _sort(spec: Spec) -> str:
    text = TEXT["sort"]
    heads = _columns([c["label"] for c in spec["categories"]])
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
        f'<table class="so-ws-table"><thead><tr>{_columns([text["statement_column"]])}{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p>{escape(text['reflect'])}</p>" + LINES
    )


def _fix(spec: Spec) -> str:
    text = TEXT["fix"]
    parts = []
    for n, rnd in enumerate(spec["rounds"], start=1):
        heading = text["round"].format(n=n, name=rnd.get("name", ""))
        parts.append(
            f'<section class="so-ws-round"><h3>{escape(heading)}</h3>'
            f"<p>{escape(rnd.get('context', ''))}</p>"
            f'<p class="so-ws-original">{escape(text["original"])} <q>{escape(rnd["original"])}</q></p>'
            f"<p>{escape(text['rewrite'])}</p>"
            f"{LINES}</section>"
        )
    return "".join(parts)


def _jigsaw(spec: Spec) -> str:
    text = TEXT["jigsaw"]
    holders = "".join(f"<li>{escape(h['label'])}</li>" for h in spec["holders"])
    rows = "".join(
        f'<tr><th scope="row">{escape(p["text"])}</th><td>{_box()} {escape(text["use"])}<br>{_box()} '
        f'{escape(text["set_aside"])}</td><td class="so-ws-write"></td><td class="so-ws-write"></td></tr>'
        for p in spec["pieces"]
    )
    whose = text["outcome_html"].format(name=escape(spec.get("name", text["child"])))
    return (
        f'<p class="so-ws-original">{whose} <q>{escape(spec["outcome"])}</q></p>'
        f"<p>{escape(text['holders'])}</p><ul>{holders}</ul>"
        f'<table class="so-ws-table"><thead><tr>{_columns(text["columns"])}</tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _thread(spec: Spec) -> str:
    text = TEXT["thread"]
    parts = []
    for part in spec["parts"]:

        def options(key: str, part: Spec = part) -> str:
            return "".join(f"<li>{escape(x['id'])}: {escape(x['text'])}</li>" for x in part[key])

        rows = "".join(
            f'<tr><th scope="row">{escape(a["text"])}</th><td></td><td></td><td></td></tr>'
            for a in part["aspirations"]
        )
        lists = "".join(
            f"<p>{escape(text[key])}</p><ul>{options(key)}</ul>" for key in ("needs", "outcomes", "provision")
        )
        parts.append(
            f'<section class="so-ws-round"><h3>{escape(part.get("name", part["case"]))}</h3>'
            f"<p>{escape(part.get('story', ''))}</p>"
            f"{lists}"
            f'<table class="so-ws-table"><thead><tr>{_columns(text["columns"])}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            f"<p>{text['mend_html']}</p>"
            f"{LINES}</section>"
        )
    return "".join(parts)


# The on-screen instructions talk about dragging and buttons; paper needs its own (TEXT["on_paper"]).
ON_PAPER: dict[str, str] = TEXT["on_paper"]

RENDERERS: dict[str, Callable[[Spec], str]] = {
    "sort": _sort,
    "fix": _fix,
    "jigsaw": _jigsaw,
    "thread": _thread,
}


def worksheet_html(spec: Spec) -> str:
    """The print-only worksheet of a practice exercise; "" for a type with no paper version (the checker)."""
    render = RENDERERS.get(spec["type"])
    if render is None:
        return ""
    return (
        f'<div class="so-worksheet" data-exercise-id="{escape(spec["id"], quote=True)}">'
        f'<h2 class="so-ws-title">{escape(TEXT["title"].format(title=spec["title"]))}</h2>'
        f"<p>{escape(ON_PAPER[spec['type']])}</p>"
        f"{render(spec)}"
        f'<p class="so-ws-name">{TEXT["name_line_html"]}</p>'
        "</div>\n"
    )
