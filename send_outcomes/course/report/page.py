"""The class report as one HTML page: figures beside it (SVG, with PNG for slides), numbers in tables.

The page loads nothing from anywhere else (no CDN, no script), so it opens from a USB stick or an email
attachment folder. Every piece of text that came from a spec or a learner is escaped. Each figure has its alt
text and a table with the same numbers, because a chart alone does not reach everyone in the room.
"""

from __future__ import annotations

from html import escape
from typing import Any

from send_outcomes.course.report.figures import Chart

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:0 auto;
padding:1rem;line-height:1.5;color:#1a1a1a;background:#fff}
h1,h2,h3{line-height:1.25}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.95rem}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}
figure img{max-width:100%;height:auto}
figcaption{font-style:italic}
.note{border-left:4px solid #0072B2;padding:.2rem .8rem;background:#f3f8fc}
.provisional{border:3px solid #B35900;padding:.2rem .8rem;background:#fff4e5}
a{color:#0050a0}
a:focus{outline:3px solid #D55E00;outline-offset:2px}
.wide{overflow-x:auto;max-width:100%}
.wide:focus{outline:3px solid #D55E00}
"""


def _n(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}".rstrip("0")


def _figure(chart: Chart, folder: str) -> str:
    src = f"{folder}/{escape(chart.name)}"
    return (
        f'<figure><img src="{src}.svg" alt="{escape(chart.alt)}">'
        f"<figcaption>{escape(chart.caption)} "
        f'(<a href="{src}.svg">SVG</a>, <a href="{src}.png">PNG</a>)</figcaption></figure>'
    )


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None, caption: str = "") -> str:
    """A table from already-escaped cells; ``numeric`` column indexes are right-aligned.

    The table sits in a region that scrolls sideways on a narrow screen (320 px), focusable so that a
    keyboard user can scroll it too.
    """
    numeric = numeric or set()
    label = escape(caption or "Table")
    out = [f'<div class="wide" tabindex="0" role="region" aria-label="{label}"><table>']
    if caption:
        out.append(f"<caption>{escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead><tbody>")
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0:
                cells.append(f'<th scope="row">{cell}</th>')
            else:
                cells.append(f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _sort_section(entry: dict[str, Any], charts: dict[str, Chart], folder: str) -> str:
    m = entry["matrix"]
    parts = [_figure(charts["confusion"], folder)]
    head = ["Right kind", *[escape(m["labels"][c]) for c in m["columns"]]]
    rows = [[escape(m["labels"][k]), *[str(n) for n in m["counts"][i]]] for i, k in enumerate(m["kinds"])]
    parts.append(
        _table(
            head, rows, set(range(1, len(head))), "Placements: right kind (rows) by where placed (columns)"
        )
    )
    if entry["confusions"]:
        parts.append("<p>Most common mix-ups:</p><ul>")
        for c in entry["confusions"]:
            parts.append(
                f"<li>{escape(m['labels'][c['kind']])} read as {escape(m['labels'][c['given']].lower())}: "
                f"{c['count']} placement{'s' if c['count'] != 1 else ''}</li>"
            )
        parts.append("</ul>")
    parts.append(_figure(charts["missorted"], folder))
    parts.append("<h3>Statements to discuss</h3>")
    rows = []
    for r in entry["statements"]:
        if not r["wrong"] and not r["unplaced"]:
            continue
        placed = ", ".join(f"{escape(p['label'].lower())} ({p['count']})" for p in r["placed_as"]) or "–"
        rows.append(
            [
                escape(r["text"]),
                escape(r["kind_label"]),
                str(r["wrong"]),
                str(r["unplaced"]),
                placed,
                escape(r["why"]),
            ]
        )
    if rows:
        parts.append(
            _table(
                [
                    "Statement",
                    "Right kind",
                    "Misplaced",
                    "Not placed",
                    "Put under (learners)",
                    "Why (for discussion)",
                ],
                rows,
                {2, 3},
                "Misplaced statements, most often first, with the reason each belongs where it does",
            )
        )
    else:
        parts.append("<p>Every statement was placed under its right kind by every learner.</p>")
    return "".join(parts)


def _fix_section(entry: dict[str, Any], charts: dict[str, Chart], folder: str) -> str:
    if "criteria" not in entry:
        return '<p class="note">The SMART criteria could not be checked (see the notes above).</p>'
    c = entry["criteria"]
    parts = [_figure(charts["criteria"], folder)]
    parts.append(
        f"<p>{c['written']} rewrites were checked; {c['not_written']} were left blank or unchanged, and "
        f"{c['not_outcome']} of those checked did not read as an outcome at all.</p>"
    )
    head = ["Round", "Original", "Rewrites", *[escape(c["labels"][k]) for k in c["criteria"]]]
    rows = [
        [
            escape(r["id"]),
            escape(r["original"]),
            str(r["written"]),
            *[str(r["missed"][k]) for k in c["criteria"]],
        ]
        for r in c["rounds"]
    ]
    parts.append(_table(head, rows, set(range(2, len(head))), "Rewrites missing each criterion, by round"))
    return "".join(parts)


def _jigsaw_section(entry: dict[str, Any], charts: dict[str, Chart], folder: str) -> str:
    parts = [_figure(charts["jigsaw"], folder)]
    rows = []
    for p in entry["pieces"]:
        holders = ", ".join(f"{escape(h['holder'])} ({h['count']})" for h in p["wrong_holders"]) or "–"
        rows.append(
            [
                escape(p["text"]),
                "piece" if p["role"] == "piece" else "distractor",
                escape(p["holder"]) or "–",
                str(p["wrong_choice"]),
                str(p["wrong_holder"]),
                holders,
                str(p["no_holder"]),
                str(p["undecided"]),
                escape(p["reason"]),
            ]
        )
    parts.append(
        _table(
            [
                "Piece",
                "Role",
                "Held by",
                "Used or set aside wrongly",
                "Wrong holder",
                "Holders given",
                "No holder",
                "Undecided",
                "Why",
            ],
            rows,
            {3, 4, 6, 7},
            "Jigsaw pieces, most often misplaced first",
        )
    )
    pv = entry["provision"]
    parts.append(
        f"<p>Provision written for the real pieces: {pv['written']} lines ({pv['blank']} left blank). "
        f"Of those written, {pv['how_much']} did not say how much, {pv['how_often']} did not say how often "
        f"and {pv['who']} did not say who.</p>"
    )
    return "".join(parts)


def _thread_section(entry: dict[str, Any], charts: dict[str, Chart], folder: str) -> str:
    parts = [_figure(charts["thread"], folder)]
    rows = [
        [
            escape(r["aspiration"]),
            escape(r["link"]) + (" (missing in the plan)" if r["is_missing_link"] else ""),
            str(r["wrong"]),
            str(r["blank"]),
            escape(r["why"]),
        ]
        for r in entry["links"]
    ]
    parts.append(
        _table(
            ["Aspiration", "Link", "Wrong", "Blank", "About this thread"],
            rows,
            {2, 3},
            "Links of the golden thread, most often missed first",
        )
    )
    return "".join(parts)


SECTIONS = {"sort": _sort_section, "fix": _fix_section, "jigsaw": _jigsaw_section, "thread": _thread_section}


def render(
    summary: dict[str, Any],
    charts: dict[str, dict[str, Chart]],
    folder: str = "figures",
    links: list[tuple[str, str]] | None = None,
    names: dict[str, str] | None = None,
    csv_note: str = "",
) -> str:
    """The whole report page. ``charts`` maps "class" or an exercise id to that section's charts by kind;
    ``links`` are (href, label) pairs to the CSV and learner summaries; ``names`` (learner id -> name) is
    given only when the trainer asked for names."""
    title = f"Class report: {summary['assignment']}"
    dist = summary["scores"]
    out = [
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{summary['graded']} learner{'s' if summary['graded'] != 1 else ''} with a graded submission "
        f"(of {summary['learners']} in the gradebook). No learner is named in any figure"
        + ("; names appear in the tables and the last figure because they were asked for" if names else "")
        + ".</p>",
    ]
    waiting = summary.get("provisional", [])
    if waiting:
        out.append(
            '<div class="provisional" role="note"><h2>Provisional totals</h2><p>'
            f"{len(waiting)} of {summary['graded']} learner{'s' if summary['graded'] != 1 else ''} still "
            f"{'has' if len(waiting) == 1 else 'have'} answers to be marked by hand, so every total, figure "
            "and the grades CSV count only the marks given so far and may rise. Mark the written answers "
            "and trainer's tasks in Formgrader (Manual grading), then make this report again.</p></div>"
        )
    else:
        out.append("<p>Every hand mark is in: these totals are final.</p>")
    if summary["notes"]:
        out.append('<div class="note"><h2>Notes on the data</h2><ul>')
        out += [f"<li>{escape(n)}</li>" for n in summary["notes"]]
        out.append("</ul></div>")
    out.append("<h2>Scores</h2>")
    out.append(_figure(charts["class"]["scores"], folder))
    out.append(
        _table(
            ["Measure", "Value"],
            [
                ["Maximum mark", _n(dist["maximum"])],
                ["Mean", _n(dist["mean"])],
                ["Median", _n(dist["median"])],
                ["Lowest", _n(dist["min"])],
                ["Highest", _n(dist["max"])],
                ["No graded submission", str(dist["ungraded"])],
            ],
            {1},
            "Summary of the marks",
        )
    )
    if "learners" in charts["class"]:
        out.append(_figure(charts["class"]["learners"], folder))
    for eid, entry in summary["exercises"].items():
        out.append(f"<h2>{escape(entry['title'])} <small>({escape(eid)})</small></h2>")
        out.append(f"<p>Answered by {entry['answered']} of {summary['graded']}.</p>")
        out.append(SECTIONS[entry["type"]](entry, charts.get(eid, {}), folder))
    if summary["problems"] or summary["ungraded"]:
        out.append("<h2>Answers missing or unusable</h2>")
        out.append(
            "<p>These count as not answered above. Nothing was changed or deleted: the files are as the "
            "learners left them. Learners with no graded submission are left out of every figure.</p>"
        )
        who = names or {}
        rows = [[escape(who.get(i, i)), escape(p)] for i, p in summary["problems"]]
        rows += [
            [escape(who.get(i, i)), "no graded submission of this assignment"] for i in summary["ungraded"]
        ]
        out.append(_table(["Learner", "Problem"], rows, caption="Answers missing or unusable, by learner"))
    if links:
        out.append("<h2>Files</h2><ul>")
        out += [f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for href, label in links]
        out.append("</ul>")
    if csv_note:
        out.append(f"<h3>Importing the grades into Moodle</h3><p>{escape(csv_note)}</p>")
    out.append("</main></body></html>\n")
    return "\n".join(out)
