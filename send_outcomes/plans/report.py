"""The report: JSON for programs, text for a terminal, and a printable HTML page for people.

The HTML page shows the plan section by section with each problem beside its item and what to ask for
instead. Every piece of text from the plan is escaped, and the page loads nothing (its style is inline), so
it can be saved, printed or emailed as it is. ``pseudonymise`` replaces the child's and family's names in
everything reported, for sharing with an adviser.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from send_outcomes.plans.checks import Problem
from send_outcomes.plans.data import reading
from send_outcomes.plans.links import LETTERS, Plan

_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|dr|mx)\.?$", re.IGNORECASE)


def names_in(plan: Plan) -> list[tuple[str, str]]:
    """(name, stand-in) pairs, longest first: the child's full and single names, then the family's."""
    pairs: list[tuple[str, str]] = []
    for value, stand_in in [(plan.child.get("name"), "[child]")] + [
        (f, "[family member]") for f in plan.child.get("family", [])
    ]:
        if not value:
            continue
        value = str(value).strip()
        pairs.append((value, stand_in))
        for part in re.split(r"[\s-]+", value):
            if len(part) >= 2 and not _TITLES.match(part):
                pairs.append((part, stand_in))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def pseudonymiser(plan: Plan) -> Any:
    pairs = names_in(plan)
    if not pairs:
        return lambda s: s
    table = {name.lower(): stand_in for name, stand_in in pairs}
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n, _ in pairs) + r")\b", re.IGNORECASE)
    return lambda s: rx.sub(lambda m: table[m.group(0).lower()], s) if isinstance(s, str) else s


def to_dict(plan: Plan, problems: list[Problem], pseudonymise: bool = False) -> dict[str, Any]:
    p = pseudonymiser(plan) if pseudonymise else (lambda s: s)
    child = {k: ([p(x) for x in v] if isinstance(v, list) else p(v)) for k, v in plan.child.items()}
    sections: dict[str, list[dict[str, Any]]] = {}
    for item in plan.items:
        entry: dict[str, Any] = {"id": item.id, "text": p(item.text)}
        if item.area:
            entry["area"] = item.area
        if item.detail:
            entry["detail"] = p(item.detail)
        sections.setdefault(item.section, []).append(entry)
    return {
        "ok": not problems,
        "source": plan.source,
        "child": child,
        "sections": {k: sections[k] for k in LETTERS if k in sections},
        "links": [{"from": a, "to": b, "how": how} for a, b, how in plan.links],
        "problems": [{**x.to_dict(), "text": p(x.text), "message": p(x.message)} for x in problems],
    }


def to_text(plan: Plan, problems: list[Problem], pseudonymise: bool = False) -> str:
    p = pseudonymiser(plan) if pseudonymise else (lambda s: s)
    counts = ", ".join(f"{k}: {n}" for k in LETTERS if (n := sum(1 for i in plan.items if i.section == k)))
    name = p(str(plan.child.get("name") or "this plan"))
    head = f"Plan for {name} (read from {plan.source}): items by section {counts or 'none found'}."
    if not plan.items:
        head += "\nNo sections A to K were recognised: check the headings, or paste the plan's text."
    if not problems:
        return head + "\nNo problems found."
    laws = sum(1 for x in problems if x.severity == "law")
    lines = [
        head,
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found "
        f"({laws} the law or the Code requires, {len(problems) - laws} good practice):",
    ]
    for x in problems:
        where = f"Section {x.section} {x.id}" if x.id else "Whole plan"
        lines.append(f"- [{where}] {x.severity}: {p(x.message)} ({x.rule})")
        if x.text:
            lines.append(f'    "{p(x.text)}"')
        lines.append(f"    Ask: {x.ask}")
    return "\n".join(lines)


_CSP = "default-src 'none'; style-src 'unsafe-inline'"  # the page may load nothing, run nothing
_CSS = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111}"
    "h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:2px solid #333;margin-top:2rem}"
    "ol.items{padding-left:1.2rem}li.item{margin:.6rem 0}.id{font-weight:bold;margin-right:.4rem}"
    ".problem{border-left:4px solid #8a1c1c;background:#fbeaea;padding:.4rem .6rem;margin:.3rem 0}"
    ".problem.good-practice{border-color:#6b4e00;background:#fff6dc}.sev{font-weight:bold}"
    ".rule,.ask{display:block}.ok{color:#17602b}.detail{color:#333;font-size:.95em}"
    "@media print{.problem{break-inside:avoid}}"
)


def _problem_html(x: Problem, p: Any) -> str:
    sev = "law" if x.severity == "law" else "good-practice"
    word = "The law or the Code requires it" if x.severity == "law" else "Good practice"
    return (
        f'<div class="problem {sev}" data-code="{escape(x.code, quote=True)}">'
        f'<span class="sev">{escape(word)}:</span> {escape(p(x.message))}'
        f'<span class="rule">Rests on: {escape(x.rule)}</span>'
        f'<span class="ask">Ask for instead: {escape(x.ask)}</span></div>'
    )


def to_html(plan: Plan, problems: list[Problem], pseudonymise: bool = False) -> str:
    p = pseudonymiser(plan) if pseudonymise else (lambda s: s)
    names = {k: v["name"] for k, v in reading()["sections"].items()}
    by_item: dict[str, list[Problem]] = {}
    whole: list[Problem] = []
    for x in problems:
        (by_item.setdefault(x.id, []) if x.id else whole).append(x)
    name = escape(p(str(plan.child.get("name") or "this plan")))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>Plan check: {name}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>Plan check: {name}</h1>",
        f"<p>{len(problems)} problem{'s' if len(problems) != 1 else ''} found. "
        f"Read from a {escape(plan.source)} file on this device; nothing was sent anywhere. "
        "A checker reads words, not children: take its notes "
        "as questions for the people who know the child.</p>",
    ]
    if not problems:
        parts.append('<p class="ok">No problems found.</p>')
    if whole:
        parts.append('<h2 id="whole">The whole plan</h2>')
        parts += [_problem_html(x, p) for x in whole]
    for letter in LETTERS:
        items = [i for i in plan.items if i.section == letter]
        if not items:
            continue
        parts.append(
            f'<h2 id="section-{letter}">Section {letter}: {escape(names[letter])}</h2><ol class="items">'
        )
        for i in items:
            detail = f' <span class="detail">({escape(p(i.detail))})</span>' if i.detail else ""
            parts.append(
                f'<li class="item" id="item-{escape(i.id, quote=True)}">'
                f'<span class="id">{escape(i.id)}</span>{escape(p(i.text))}{detail}'
                + "".join(_problem_html(x, p) for x in by_item.get(i.id, []))
                + "</li>"
            )
        parts.append("</ol>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
