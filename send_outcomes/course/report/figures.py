"""The report's figures: matplotlib (Agg, no pyplot state), saved as SVG and PNG, each with alt text.

Choices made for the people reading them:
- colours from the Okabe-Ito palette and the cividis map, which read the same with the common colour-vision
  differences, and every number is also printed on the figure and in a table beside it;
- no learner's name or id on any figure unless the trainer passes ``names=True`` (the figures are the part
  of a report most likely to end up on a projector or in a slide deck);
- alt text written from the same numbers, so a screen-reader user gets the finding, not "a chart";
- SVG written deterministically (fixed hash salt, no date), so the notebook's stored outputs and the tests
  see the same bytes on every run.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
# One colour per kind of statement, the same in every figure (yellow left out: too pale on white for bars).
KIND_COLOURS = {
    "aspiration": OKABE_ITO["sky"],
    "need": OKABE_ITO["green"],
    "outcome": OKABE_ITO["orange"],
    "provision": OKABE_ITO["blue"],
    "target": OKABE_ITO["purple"],
}
RC = {
    "svg.hashsalt": "send-outcomes",
    "svg.fonttype": "none",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass
class Chart:
    """One figure of the report: a file stem, the figure, its alt text and a visible caption."""

    name: str
    figure: Figure
    alt: str
    caption: str


def _new(width: float, height: float) -> Figure:
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(fig)
    return fig


def _count_axis(ax: Axes, largest: float, label: str, headroom: float = 1.15) -> None:
    """Horizontal bars counting learners, read from the top: whole-number ticks and room for the labels."""
    ax.invert_yaxis()
    ax.set_xlim(0, max(largest, 1) * headroom)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(label)


def _short(text: str, width: int = 44, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder="…"))


def _num(x: float) -> str:
    """A mark as people write it: 24, 24.5, 24.22 (never 24.216666)."""
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}".rstrip("0")


def svg_text(fig: Figure) -> str:
    """The figure as deterministic SVG text (for inlining and for the notebook's display)."""
    buf = io.StringIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def save(chart: Chart, folder: Path) -> list[Path]:
    """Write ``<name>.svg`` and ``<name>.png`` into ``folder``; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    svg = folder / f"{chart.name}.svg"
    svg.write_text(svg_text(chart.figure), encoding="utf-8")
    png = folder / f"{chart.name}.png"
    with matplotlib.rc_context(RC):
        chart.figure.savefig(png, format="png", dpi=120, metadata={"Software": None})
    return [svg, png]


def scores_chart(dist: dict[str, Any], assignment: str) -> Chart:
    """Histogram of percentage scores in bands of 10; works the same for 1 learner and for 300."""
    fig = _new(6.4, 3.2)
    ax = fig.add_subplot()
    edges, counts = dist["edges"], dist["counts"]
    labels = [f"{edges[i]:g}–{edges[i + 1]:g}" for i in range(len(counts))]
    bars = ax.bar(range(len(counts)), counts, color=OKABE_ITO["blue"])
    ax.bar_label(bars, labels=[str(c) if c else "" for c in counts], padding=2)
    ax.set_xticks(range(len(counts)), labels, rotation=0, fontsize=8)
    ax.set_xlabel("Score (% of the marks)")
    ax.set_ylabel("Learners")
    ax.set_ylim(0, max([*counts, 1]) * 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)
    n = dist["graded"]
    ax.set_title(f"{assignment}: scores of {n} learner{'s' if n != 1 else ''}")
    if n:
        alt = (
            f"Bar chart of scores for {n} learners in bands of ten per cent. "
            + "; ".join(f"{lab}%: {c}" for lab, c in zip(labels, counts, strict=True) if c)
            + f". Median {_num(dist['median'])} of {_num(dist['maximum'])} marks."
        )
    else:
        alt = "Bar chart of scores: no graded submissions yet, so every band is empty."
    return Chart("scores", fig, alt, "How the class scored (percentage of the marks, bands of 10).")


def confusion_chart(matrix: dict[str, Any], title: str) -> Chart:
    """Heat map: the right kind down the side, where learners put it along the top, counts in every cell."""
    counts = matrix["counts"]
    rows = [matrix["labels"][k] for k in matrix["kinds"]]
    cols = [matrix["labels"][c] for c in matrix["columns"]]
    fig = _new(6.4, 4.2)
    ax = fig.add_subplot()
    top = max([max(r) for r in counts] + [1])
    image = ax.imshow(counts, cmap="cividis", vmin=0, vmax=top, aspect="auto")
    for i, row in enumerate(counts):
        for j, n in enumerate(row):
            dark = n < top * 0.55
            ax.text(j, i, str(n), ha="center", va="center", color="white" if dark else "black", fontsize=10)
    ax.set_xticks(range(len(cols)), cols, rotation=30, ha="right")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel("Placed by learners as")
    ax.set_ylabel("Right kind")
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label="Placements", shrink=0.8)
    ax.set_title(title)
    wrong = sorted(
        (
            (counts[i][j], rows[i], cols[j])
            for i in range(len(rows))
            for j in range(len(cols) - 1)
            if i != j and counts[i][j]
        ),
        key=lambda t: -t[0],
    )
    right = sum(counts[i][i] for i in range(len(rows)))
    total = sum(sum(r) for r in counts)
    alt = f"Confusion matrix of statement kinds: {right} of {total} placements were right. "
    alt += (
        "Most common mix-ups: " + "; ".join(f"{r} placed as {c}: {n}" for n, r, c in wrong[:5]) + "."
        if wrong
        else "No statement was placed under a wrong kind."
    )
    return Chart(
        "confusion",
        fig,
        alt,
        "Where learners put each kind of statement: the diagonal is right, every other cell is a mix-up.",
    )


def missorted_chart(rows: list[dict[str, Any]], top: int = 8) -> Chart:
    """The statements most often misplaced, as horizontal bars, split by where they were put."""
    shown = [r for r in rows if r["wrong"]][:top]
    fig = _new(7.2, 0.7 + 0.62 * max(len(shown), 1))
    ax = fig.add_subplot()
    labels = {p["kind"]: p["label"] for r in shown for p in r["placed_as"]}
    kinds = [k for k in KIND_COLOURS if k in labels] + sorted(k for k in labels if k not in KIND_COLOURS)
    spare = [OKABE_ITO["vermilion"], OKABE_ITO["black"]]
    left = [0] * len(shown)
    for k, kind in enumerate(kinds):
        widths = [next((p["count"] for p in r["placed_as"] if p["kind"] == kind), 0) for r in shown]
        colour = KIND_COLOURS.get(kind, spare[k % len(spare)])
        ax.barh(range(len(shown)), widths, left=left, color=colour, label=f"as {labels[kind]}")
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, total in enumerate(left):
        ax.text(total, y, f" {total}", va="center")
    ax.set_yticks(range(len(shown)), [f"{_short(r['text'])}\n({r['kind_label']})" for r in shown], fontsize=8)
    _count_axis(ax, max(left, default=0), "Learners who misplaced it")
    if shown:
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        alt = "Bar chart of the statements most often misplaced. " + "; ".join(
            f"“{r['text']}” (its kind: {r['kind_label'].lower()}): misplaced by {r['wrong']}, "
            f"most often as {r['placed_as'][0]['label'].lower()}"
            for r in shown
        )
    else:
        ax.text(0.5, 0.5, "No statement was misplaced.", ha="center", va="center", transform=ax.transAxes)
        alt = "No statement was misplaced by any learner."
    ax.set_title("Statements most often misplaced")
    return Chart("missorted", fig, alt, "The statements most often put under the wrong kind.")


def criteria_chart(criteria: dict[str, Any]) -> Chart:
    """Share of written rewrites that missed each SMART criterion (and person-centredness), largest first."""
    order = criteria["ranked"]
    written = criteria["written"]
    values = [criteria["missed"][c] for c in order]
    labels = [criteria["labels"][c] for c in order]
    fig = _new(6.4, 3.0)
    ax = fig.add_subplot()
    bars = ax.barh(range(len(order)), values, color=OKABE_ITO["vermilion"])
    ax.bar_label(
        bars, labels=[f" {v} of {written}" if written else " 0" for v in values], padding=1, fontsize=9
    )
    ax.set_yticks(range(len(order)), labels)
    _count_axis(ax, written, "Rewrites that missed the criterion", headroom=1.25)
    ax.set_title(f"Criteria missed in {written} rewrite{'s' if written != 1 else ''}")
    if written:
        alt = (
            f"Bar chart of the criteria missed in {written} rewrites: "
            + "; ".join(f"{lab} missed in {v}" for lab, v in zip(labels, values, strict=True))
            + "."
        )
    else:
        alt = "No rewrites were written, so no criterion could be checked."
    return Chart("criteria", fig, alt, "Which SMART criteria the rewrites most often missed.")


def jigsaw_chart(pieces: list[dict[str, Any]]) -> Chart:
    """Per piece: wrongly used or set aside, wrong holder, no holder, undecided (stacked bars)."""
    fig = _new(7.2, 0.8 + 0.55 * max(len(pieces), 1))
    ax = fig.add_subplot()
    parts = [
        ("wrong_choice", "used or set aside wrongly", OKABE_ITO["vermilion"]),
        ("wrong_holder", "wrong holder", OKABE_ITO["orange"]),
        ("no_holder", "no holder given", OKABE_ITO["sky"]),
        ("undecided", "undecided", "#BBBBBB"),
    ]
    left = [0] * len(pieces)
    for key, label, colour in parts:
        widths = [p[key] for p in pieces]
        ax.barh(range(len(pieces)), widths, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_yticks(
        range(len(pieces)),
        [f"{_short(p['text'], 40)}\n({'piece' if p['role'] == 'piece' else 'distractor'})" for p in pieces],
        fontsize=8,
    )
    _count_axis(ax, max(left, default=0), "Learners")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title("Jigsaw pieces most often misplaced")
    alt = "Stacked bar chart of jigsaw pieces. " + "; ".join(
        f"“{p['text']}”: {p['wrong_choice']} used or set aside wrongly, {p['wrong_holder']} wrong holder, "
        f"{p['no_holder']} no holder, {p['undecided']} undecided"
        for p in pieces
    )
    return Chart("jigsaw", fig, alt, "Which jigsaw pieces learners misplaced, and how.")


def thread_chart(links: list[dict[str, Any]]) -> Chart:
    """Per link of the golden thread: wrong or blank (stacked bars); the plan's missing links are marked."""
    fig = _new(7.2, 0.8 + 0.5 * max(len(links), 1))
    ax = fig.add_subplot()
    wrong = [r["wrong"] for r in links]
    blank = [r["blank"] for r in links]
    ax.barh(range(len(links)), wrong, color=OKABE_ITO["vermilion"], label="wrong")
    ax.barh(range(len(links)), blank, left=wrong, color="#BBBBBB", label="left blank")
    labels = [
        f"{_short(r['aspiration'], 36, 1)}\n→ {r['link']}"
        + (" (the missing link)" if r["is_missing_link"] else "")
        for r in links
    ]
    ax.set_yticks(range(len(links)), labels, fontsize=8)
    _count_axis(ax, max((w + b for w, b in zip(wrong, blank, strict=True)), default=0), "Learners")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title("Links of the golden thread most often missed")
    alt = "Stacked bar chart of golden-thread links. " + "; ".join(
        f"{r['aspiration']} to its {r['link']}{' (missing in the plan)' if r['is_missing_link'] else ''}: "
        f"{r['wrong']} wrong, {r['blank']} blank"
        for r in links
    )
    return Chart("thread", fig, alt, "Which links of the golden thread learners got wrong or left blank.")


def learner_scores_chart(scores: list[tuple[str, float]], maximum: float) -> Chart:
    """Each learner's score, labelled with the name given: only ever drawn when the trainer asks for names."""
    fig = _new(6.4, 0.8 + 0.24 * max(len(scores), 1))
    ax = fig.add_subplot()
    ax.barh(range(len(scores)), [s for _, s in scores], color=OKABE_ITO["blue"])
    ax.set_yticks(range(len(scores)), [n for n, _ in scores], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, maximum or 1)
    ax.set_xlabel("Score (marks)")
    ax.set_title("Score of each learner")
    alt = "Bar chart of each learner's score: " + "; ".join(f"{n}: {_num(s)}" for n, s in scores) + "."
    return Chart("learners", fig, alt, f"Each learner's score out of {maximum:g} (names shown on request).")
