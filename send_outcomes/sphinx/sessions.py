"""Trainers' session plans, handouts and evaluation forms, generated from data rather than kept by hand.

A session (``data/sessions.json``) lists its objectives, its timed activities and its handouts. The handouts
draw their statements, children and outcomes from the same exercise specs and cases the interactive
exercises use, so a change to an exercise reaches the paper copy at the next build; the evaluation form asks
one question per objective, so the form and the plan cannot drift apart. Two directives place them:

    ```{session-plan} parent-carer-forum
    ```

    ```{session-handouts} parent-carer-forum
    ```

The plan is written as MyST (a table with ``{ref}`` links) and parsed in place, so a link to a page that no
longer exists fails the build. Handouts are HTML, shown on screen and printed one per sheet; they never carry
an answer key (no kinds, reasons or model answers). Every piece of text from the data is escaped.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from send_outcomes.specs import DATA, SpecError, cases, load_spec

SESSIONS = DATA / "sessions.json"
HANDOUT_KINDS = ("statements", "children", "worksheet", "questions")
Session = dict[str, Any]


class SessionError(ValueError):
    """The sessions file is missing, malformed or names an exercise, case or kind that does not exist."""


def _problems(session: Session) -> list[str]:
    sid = session.get("id", "?")
    found: list[str] = []
    total = sum(a["minutes"] for a in session["activities"])
    if total != session["minutes"]:
        found.append(f"{sid}: the activities last {total} minutes, not the {session['minutes']} planned")
    if not session["objectives"]:
        found.append(f"{sid}: no objectives, so the evaluation form would be empty")
    for n, handout in enumerate(session["handouts"]):
        kind = handout.get("kind")
        if kind not in HANDOUT_KINDS:
            found.append(f"{sid}: handout {n} has kind {kind!r}; use one of {', '.join(HANDOUT_KINDS)}")
        if "exercise" in handout:
            try:
                load_spec(handout["exercise"])
            except SpecError as exc:
                found.append(f"{sid}: handout {n}: {exc}")
        for case in handout.get("cases", []):
            if case not in cases():
                found.append(f"{sid}: handout {n}: no case {case!r} in cases.json")
    return found


@cache
def _load(path: Path) -> dict[str, Session]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sessions = {s["id"]: s for s in data["sessions"]}
        problems = [p for s in sessions.values() for p in _problems(s)]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SessionError(f"{path}: cannot read the session plans ({exc})") from None
    if problems:
        raise SessionError(f"{path}: " + "; ".join(problems))
    return sessions


def load_session(session_id: str, path: Path = SESSIONS) -> Session:
    """One checked session plan; SessionError naming the known sessions if the id is unknown."""
    sessions = _load(path)
    if session_id not in sessions:
        raise SessionError(f"no session {session_id!r}; the sessions are: {', '.join(sorted(sessions))}")
    return sessions[session_id]


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def plan_markdown(session: Session) -> str:
    """The objectives (the evaluation form's questions), then the timed plan as a MyST table, with start and
    end times worked out from each activity's length."""
    rows = ["By the end, each participant should be able to say:", ""]
    rows += [f"- {o}" for o in session["objectives"]]
    rows += ["", "| Time | Activity | What to use |", "|---|---|---|"]
    start = 0
    for act in session["activities"]:
        end = start + act["minutes"]
        refs = ", ".join(f"{{ref}}`{r}`" for r in act["refs"])
        text = act["activity"].replace("|", "\\|")
        rows.append(f"| {_clock(start)} to {_clock(end)} | {text} | {refs} |")
        start = end
    return "\n".join(rows)


BOX = '<span class="so-ws-box" aria-hidden="true">&#9744;</span>'
LINES = '<div class="so-ws-lines" aria-hidden="true"></div>'


def _table(head: list[str], rows: list[list[str]], label: str) -> str:
    """A table whose cells are already HTML; the header texts are escaped here.

    On a phone the table scrolls inside its own box (a focusable, labelled region, so keyboard users can
    scroll it too) instead of widening the page; on paper it is printed whole.
    """
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        f'<tr><th scope="row">{row[0]}</th>{"".join(f"<td>{c}</td>" for c in row[1:])}</tr>' for row in rows
    )
    return (
        f'<div class="so-table-scroll" role="region" tabindex="0" aria-label="{escape(label, quote=True)}">'
        f'<table class="so-ws-table"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>'
    )


def _statements(handout: dict[str, Any]) -> str:
    items = [i for i in load_spec(handout["exercise"])["items"] if i["kind"] in handout["kinds"]]
    rows = [[f"{n}. {escape(i['text'])}", *[BOX] * len(handout["columns"])] for n, i in enumerate(items, 1)]
    table = _table(["Statement", *handout["columns"]], rows, handout["title"])
    return table + f"<p>{escape(handout['ask'])}</p>{LINES}"


def _children(handout: dict[str, Any]) -> str:
    parts = []
    for cid in handout["cases"]:
        case = cases()[cid]
        hopes = " ".join(case.get("aspirations", []))
        prompts = "".join(f"<li>{escape(p)}{LINES}</li>" for p in handout["prompts"])
        parts.append(
            f'<section class="so-handout-child"><h4>{escape(case["name"])}, {case["age"]}: '
            f'{escape(case.get("setting", ""))}</h4><p>{escape(case["story"])}</p>'
            f"<p><em>{escape(hopes)}</em></p><ol>{prompts}</ol></section>"
        )
    return "".join(parts)


def _worksheet(handout: dict[str, Any]) -> str:
    rounds = load_spec(handout["exercise"])["rounds"]
    wanted = handout.get("cases")
    chosen = [r for r in rounds if r["case"] in wanted] if wanted else rounds[: handout.get("rounds", 2)]
    return "".join(
        f'<section class="so-handout-round"><p>{escape(r.get("context", ""))}</p>'
        f'<p class="so-ws-original">The outcome as written: <q>{escape(r["original"])}</q></p>'
        "<p>What will be different for the child, how would you know, and by when?</p>"
        f"{LINES}</section>"
        for r in chosen
    )


def _questions(handout: dict[str, Any]) -> str:
    items = "".join(f"<li>{BOX} {escape(q)}</li>" for q in handout["items"])
    return f'<ul class="so-handout-checklist">{items}</ul>'


RENDER = {"statements": _statements, "children": _children, "worksheet": _worksheet, "questions": _questions}


def handouts_html(session: Session) -> str:
    """Every handout of the session, one printed sheet each, with no answers on any of them."""
    sheets = "".join(
        f'<section class="so-handout"><h3>{escape(h["title"])}</h3>{RENDER[h["kind"]](h)}</section>'
        for h in session["handouts"]
    )
    return f'<div class="so-handouts" data-session-id="{escape(session["id"], quote=True)}">{sheets}</div>'


def evaluation_html(session: Session) -> str:
    """A one-page, anonymous evaluation form: one row per learning objective, then a few open questions."""
    scale = session["evaluation"]["scale"]
    rows = [[escape(o), *[BOX] * len(scale)] for o in session["objectives"]]
    opens = "".join(f"<p>{escape(q)}</p>{LINES}" for q in session["evaluation"]["open"])
    return (
        '<section class="so-handout so-evaluation">'
        f'<h3>Evaluation: {escape(session["title"])}</h3>'
        "<p>Please do not write your name. How far do you agree with each line after this session?</p>"
        f'{_table(["After this session", *scale], rows, "Evaluation form")}{opens}</section>'
    )


class _SessionDirective(SphinxDirective):
    """A directive that names one session: a missing or faulty one is a build error on that line, and the
    page is rebuilt whenever the sessions file changes."""

    required_arguments = 1
    has_content = False

    def _session(self) -> Session:
        try:
            session = load_session(self.arguments[0].strip())
        except SessionError as exc:
            raise self.error(str(exc)) from None
        self.env.note_dependency(str(SESSIONS))
        return session


class SessionPlanDirective(_SessionDirective):
    """``{session-plan} <id>``: the session's timed plan as a table with links to the pages it uses."""

    def run(self) -> list[nodes.Node]:
        session = self._session()
        container = nodes.container(classes=["so-session-plan"])
        self.state.nested_parse(StringList(plan_markdown(session).splitlines(), self.get_source_info()[0]),
                                self.content_offset, container)
        return [container]


class SessionHandoutsDirective(_SessionDirective):
    """``{session-handouts} <id>``: the printable handouts and the one-page evaluation form."""

    def run(self) -> list[nodes.Node]:
        session = self._session()
        for shared in ("statements.json", "cases.json"):
            self.env.note_dependency(str(DATA / shared))
        html = handouts_html(session) + evaluation_html(session)
        return [nodes.raw("", html, format="html")]
