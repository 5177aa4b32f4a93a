"""Write a whole class report: numbers, figures, the HTML page, learner summaries and the grades CSV.

Layout of the output folder (default ``<course>/reports/<assignment>/``)::

    report.html          the page to open after a session
    figures/*.svg, *.png every figure (PNG for slides)
    learners/<id>.html   one summary per learner with a graded submission
    grades.csv           for a learning platform's gradebook (see export.py)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from send_outcomes.course.report import figures
from send_outcomes.course.report.collect import ClassRecord
from send_outcomes.course.report.export import import_steps, write_grades_csv
from send_outcomes.course.report.learners import write_learner_summaries
from send_outcomes.course.report.page import render as render_page
from send_outcomes.course.report.summary import summarise


@dataclass
class Report:
    """What was written, and the numbers it was written from."""

    html: Path
    figures: list[Path]
    learners: list[Path]
    csv: Path | None
    summary: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def make_charts(
    summary: dict[str, Any],
    names: dict[str, str] | None = None,
    scores: list[tuple[str, float]] | None = None,
) -> dict[str, dict[str, figures.Chart]]:
    """Every chart of the report, by section ("class" or exercise id) and kind; names only when given."""
    charts: dict[str, dict[str, figures.Chart]] = {
        "class": {"scores": figures.scores_chart(summary["scores"], summary["assignment"])}
    }
    if names is not None and scores:
        charts["class"]["learners"] = figures.learner_scores_chart(
            [(names.get(i, i), s) for i, s in scores], summary["scores"]["maximum"]
        )
    for eid, entry in summary["exercises"].items():
        found: dict[str, figures.Chart] = {}
        if entry["type"] == "sort":
            found["confusion"] = figures.confusion_chart(entry["matrix"], entry["title"])
            found["missorted"] = figures.missorted_chart(entry["statements"])
        elif entry["type"] == "fix" and "criteria" in entry:
            found["criteria"] = figures.criteria_chart(entry["criteria"])
        elif entry["type"] == "jigsaw":
            found["jigsaw"] = figures.jigsaw_chart(entry["pieces"])
        elif entry["type"] == "thread":
            found["thread"] = figures.thread_chart(entry["links"])
        for chart in found.values():
            chart.name = f"{eid}-{chart.name}"
        charts[eid] = found
    return charts


def build_report(
    record: ClassRecord,
    out: Path,
    names: bool = False,
    book_url: str = "",
    csv_path: Path | None = None,
    identifier: str = "auto",
) -> Report:
    """Compute, draw and write everything; ``csv_path`` None means ``out/grades.csv``."""
    out.mkdir(parents=True, exist_ok=True)
    summary = summarise(record)
    who = {x.id: (x.name or x.id) for x in record.learners} if names else None
    scores = [(x.id, x.score) for x in record.graded if x.score is not None]
    charts = make_charts(summary, who, scores)
    written: list[Path] = []
    for section in charts.values():
        for chart in section.values():
            written += figures.save(chart, out / "figures")
            chart.figure.clear()
    learner_paths = write_learner_summaries(record, summary["analyses"], out / "learners", book_url, names)
    csv_file = csv_path or out / "grades.csv"
    column, warnings = write_grades_csv(record, csv_file, identifier)
    try:
        csv_href = csv_file.resolve().relative_to(out.resolve()).as_posix()
    except ValueError:
        csv_href = csv_file.resolve().as_uri()
    links = [(csv_href, f"Grades for a learning platform (CSV; map the “{column}” column to the user field)")]
    links += [(p.relative_to(out).as_posix(), f"Summary for {p.stem}") for p in learner_paths]
    page = render_page(summary, charts, "figures", links, who, import_steps(column))
    report = out / "report.html"
    report.write_text(page, encoding="utf-8")
    return Report(report, written, learner_paths, csv_file, summary, warnings)
