"""Escaped HTML for an Analysis and a PlanReport, shown in notebooks (``_repr_html_``).

Both functions take the ``to_dict()`` shape (the one the CLI, grading and analyser.js share), so this module
imports nothing from the analyser: ``statement`` and ``plan`` import it, never the other way round. Why
escape everything: the statement is the learner's own text and may hold ``<script>`` or an ``onerror``
attribute; every piece of text goes through ``html.escape`` (quotes too), so it is shown, never run.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any, Protocol

from send_outcomes.criteria import LABELS


class _HasDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def _as_dict(value: Mapping[str, Any] | _HasDict) -> Mapping[str, Any]:
    """``to_dict()`` output as given, or taken from an Analysis or PlanReport handed over whole."""
    return value if isinstance(value, Mapping) else value.to_dict()


# Row headings: the criteria's own labels, and the analyser's other feedback rows.
_LABELS = {"kind": "Kind", **LABELS, "length": "Length", "text": "Text"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def analysis_html(analysis: Mapping[str, Any] | _HasDict) -> str:
    """A small table: the statement, its kind, and one row per criterion with the words that decided it."""
    a = _as_dict(analysis)
    rows = []
    for f in a["feedback"]:
        mark = "✓" if f["met"] else "✗"
        state = "met" if f["met"] else "not met"
        words = ", ".join(f"<q>{_e(w)}</q>" for w in f["evidence"])
        rows.append(
            f'<tr class="so-{"met" if f["met"] else "missed"}">'
            f'<th scope="row">{_e(_LABELS.get(f["criterion"], f["criterion"]))}</th>'
            f'<td><span aria-hidden="true">{mark}</span> {state}</td>'
            f'<td>{words}</td><td>{_e(f["message"])}</td></tr>'
        )
    text = a["text"]
    return (
        '<div class="so-analysis">'
        f"<p><strong>Statement:</strong> {_e(text[:2000])}{'…' if len(text) > 2000 else ''}</p>"
        f"<p><strong>Reads as:</strong> {_e(a['kind'])}</p>"
        '<table><thead><tr><th scope="col">Criterion</th><th scope="col">Result</th>'
        '<th scope="col">Words</th><th scope="col">Feedback</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def plan_html(plan_report: Mapping[str, Any] | _HasDict) -> str:
    """The plan's findings as a list, each naming its place in the file."""
    report = _as_dict(plan_report)
    name = (report.get("child") or {}).get("name", "this plan")
    issues = report["issues"]
    if report["ok"]:
        body = "<p>No problems found.</p>"
    else:
        items = "".join(f"<li><code>{_e(i['path'])}</code>: {_e(i['message'])}</li>" for i in issues)
        plural = "s" if len(issues) != 1 else ""
        body = f"<p>{len(issues)} problem{plural} found:</p><ul>{items}</ul>"
    return f'<div class="so-plan-report"><p><strong>Plan for {_e(name)}</strong></p>{body}</div>'
