"""Per-learner summaries a trainer can hand back: what went well, what to revisit, links into the book.

A summary speaks at the level of kinds and criteria ("you read provision as an outcome twice", "your
rewrites often had no time frame"), never item by item: it says what to go and reread without handing out
the answer key of an assessment that may be used again. The book links are paths inside the built site
(``book/05-smart-outcomes.html#time-bound``) under a base address: the published site's, given with
``--book-url``, or by default the book built on this computer (``_build/html`` of the repository, as a
``file://`` address; see :func:`default_book_url`), so the links open wherever the summaries are read on
this machine. One HTML file per learner, named by the learner's gradebook id; the learner's name is only
written into it when the trainer asks for names.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import send_outcomes
from send_outcomes.course.report.collect import ClassRecord, Learner
from send_outcomes.criteria import WORDS
from send_outcomes.grading import CRITERIA, grade_fix, grade_jigsaw, grade_sort, grade_thread
from send_outcomes.specs import DATA, read_json

# kind, criterion or exercise -> (path inside the built site, section title): course text, kept as data
CHAPTERS: dict[str, tuple[str, str]] = {
    key: (link["href"], link["title"])
    for key, link in read_json(DATA / "text" / "book_links.json")["links"].items()
}

SITE = Path("_build") / "html"  # where `make book` writes the site, under the repository


def default_book_url(course_dir: Path) -> tuple[str, str]:
    """The base address for book links when none was given, and a sentence saying which it is.

    The repository is the folder holding ``_config.yml`` that contains the course folder (``exercises/``),
    else the checkout the package runs from. Its built site is used as a ``file://`` address: it opens on
    this computer, for a trainer or for learners sharing it. Summaries sent elsewhere need ``--book-url``.
    """
    course_dir = Path(course_dir).resolve()
    candidates = [course_dir, *course_dir.parents, Path(send_outcomes.__file__).resolve().parents[1]]
    # The nearest book wins: a course folder inside a checkout links to that checkout's book, built or not.
    root = next((p for p in candidates if (p / "_config.yml").is_file() and (p / "_toc.yml").is_file()), None)
    if root is None:
        return "", "No built book was found, so book links are relative to the site: give --book-url."
    site = root / SITE
    if (site / "index.html").is_file():
        return site.as_uri() + "/", f"Book links point to the book built on this computer ({site})."
    return site.as_uri() + "/", (
        f"Book links point to {site}, which is not built yet: run `make book` there, or give --book-url."
    )


def book_link(key: str, book_url: str = "") -> tuple[str, str]:
    """(href, title) of the book section for a kind, criterion or exercise, under the site's base URL."""
    path, title = CHAPTERS[key]
    return (f"{book_url.rstrip('/')}/{path}" if book_url else path), title


def _sort_points(spec: dict[str, Any], answers: dict[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    labels = {c["id"]: c["label"].lower() for c in spec["categories"]}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confused: Counter[tuple[str, str]] = Counter()
    for item in grade_sort(spec, answers)["items"]:
        total[item["expected"]] += 1
        if item["correct"]:
            right[item["expected"]] += 1
        elif item["given"] in labels:
            confused[(item["expected"], item["given"])] += 1
    well = [f"You placed every {labels[k]} correctly." for k in labels if total[k] and right[k] == total[k]]
    revisit = []
    for k in labels:
        if total[k] and right[k] < total[k]:
            mixups = [f"as {labels[g]} ({n})" for (e, g), n in confused.most_common() if e == k]
            detail = f"; you read some {' and '.join(mixups)}" if mixups else ""
            revisit.append(
                (
                    f"{right[k]} of {total[k]} statements that are {_plural(labels[k])} were placed "
                    f"right{detail}.",
                    k,
                )
            )
    return well, revisit


def _plural(word: str) -> str:
    return {"provision": "provision", "target": "targets"}.get(word, word + "s")


def _fix_points(
    spec: dict[str, Any], answers: dict[str, Any], analyses: dict[str, Any]
) -> tuple[list[str], list[tuple[str, str]]]:
    items = [i for i in grade_fix(spec, answers, analyses)["items"] if i["criteria"]]
    rounds = len(spec["rounds"])
    if not items:
        return [], [(f"None of your {rounds} rewrites could be checked as an outcome yet.", "specific")]
    well, revisit = [], []
    for c in CRITERIA:
        met = sum(1 for i in items if i["criteria"][c])
        if met == len(items):
            well.append(f"Every rewrite you wrote was {WORDS[c]}.")
        else:
            revisit.append(
                (f"{len(items) - met} of your {len(items)} rewrites were not yet {WORDS[c]}.", c)
            )
    if len(items) < rounds:
        revisit.append(
            (f"{rounds - len(items)} of {rounds} rounds had no rewrite that reads as an outcome.", "specific")
        )
    return well, revisit


def _jigsaw_points(spec: dict[str, Any], answers: dict[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    items = grade_jigsaw(spec, answers)["items"]
    pieces = [i for i in items if i["part"] == "piece"]
    lines = [i for i in items if i["part"] == "provision"]
    well, revisit = [], []
    decided = sum(1 for i in pieces if i["points"] > 0)
    if decided == len(pieces):
        well.append("You chose rightly which pieces belong in the jigsaw and which to set aside.")
    else:
        revisit.append(
            (
                f"{len(pieces) - decided} of {len(pieces)} pieces were used or set aside wrongly, "
                "or not decided.",
                "jigsaw",
            )
        )
    holders = sum(1 for i in pieces if i["points"] == 0.5)
    if holders:
        revisit.append(
            (
                f"For {holders} piece{'s' if holders != 1 else ''} you used, the holder was wrong or "
                "missing.",
                "jigsaw",
            )
        )
    full = sum(1 for i in lines if i["correct"])
    if lines and full == len(lines):
        well.append("Every line of provision said how much, how often and who.")
    elif lines:
        revisit.append(
            (
                f"{full} of {len(lines)} lines of provision said how much, how often and who.",
                "provision_writing",
            )
        )
    return well, revisit


def _thread_points(spec: dict[str, Any], answers: dict[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    items = grade_thread(spec, answers)["items"]
    right = sum(1 for i in items if i["correct"])
    missing_ids = {
        f"{part['case']}/{link['aspiration']}/{key}"
        for part in spec["parts"]
        for link in part["links"]
        for key in ("need", "outcome", "provision")
        if link[key] is None
    }
    spotted = sum(1 for i in items if i["id"] in missing_ids and i["correct"])
    well, revisit = [], []
    if right == len(items):
        well.append("You followed every link of the golden thread.")
    else:
        revisit.append((f"{right} of {len(items)} links of the golden thread were right.", "thread"))
    if missing_ids and spotted == len(missing_ids):
        well.append("You spotted where the plan's thread breaks.")
    elif missing_ids:
        revisit.append(
            (f"You spotted {spotted} of {len(missing_ids)} places where the thread breaks.", "thread")
        )
    return well, revisit


def learner_points(
    record: ClassRecord, learner: Learner, analyses: dict[str, dict[str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Per exercise: title, answered or not, what went well and what to revisit (with the book key)."""
    out = []
    for eid, spec in record.specs.items():
        answers = learner.answers.get(eid, {})
        entry: dict[str, Any] = {"id": eid, "title": spec["title"], "answered": bool(answers)}
        if not answers:
            entry |= {"well": [], "revisit": []}
        elif spec["type"] == "sort":
            entry["well"], entry["revisit"] = _sort_points(spec, answers)
        elif spec["type"] == "fix":
            found = analyses.get(eid)
            if found is None or learner.id not in found:
                entry |= {"well": [], "revisit": [], "unchecked": True}
            else:
                entry["well"], entry["revisit"] = _fix_points(spec, answers, found[learner.id])
        elif spec["type"] == "jigsaw":
            entry["well"], entry["revisit"] = _jigsaw_points(spec, answers)
        elif spec["type"] == "thread":
            entry["well"], entry["revisit"] = _thread_points(spec, answers)
        out.append(entry)
    return out


def render_learner(
    record: ClassRecord,
    learner: Learner,
    points: list[dict[str, Any]],
    book_url: str = "",
    names: bool = False,
) -> str:
    """One learner's summary page (self-contained HTML, every text escaped)."""
    who = learner.name if names and learner.name else learner.id
    score = (
        "no graded submission"
        if learner.score is None
        else (
            f"{learner.score:g} out of {record.max_score:g}"
            + (f" ({round(100 * learner.score / record.max_score)}%)" if record.max_score else "")
            + (
                " so far: some of your answers are still to be marked by hand, so it may rise"
                if record.assignment in learner.pending
                else ""
            )
        )
    )
    out = [
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(record.assignment)}: summary for {escape(who)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem;"
        "line-height:1.5;color:#1a1a1a}a{color:#0050a0}a:focus{outline:3px solid #D55E00}</style>",
        "</head><body><main>",
        f"<h1>{escape(record.assignment)}: your summary</h1>",
        f"<p>For {escape(who)}. Score: {escape(score)}.</p>",
    ]
    for entry in points:
        out.append(f"<h2>{escape(entry['title'])}</h2>")
        if not entry["answered"]:
            out.append(
                "<p>No answers were found for this exercise, so there is nothing to comment on yet.</p>"
            )
            continue
        if entry.get("unchecked"):
            out.append("<p>Your rewrites could not be checked automatically this time; ask your trainer.</p>")
            continue
        if entry["well"]:
            out.append("<h3>What went well</h3><ul>")
            out += [f"<li>{escape(w)}</li>" for w in entry["well"]]
            out.append("</ul>")
        if entry["revisit"]:
            out.append("<h3>What to revisit</h3><ul>")
            for text, key in entry["revisit"]:
                href, title = book_link(key, book_url)
                out.append(f'<li>{escape(text)} Read: <a href="{escape(href)}">{escape(title)}</a>.</li>')
            out.append("</ul>")
    out.append("</main></body></html>\n")
    return "\n".join(out)


def write_learner_summaries(
    record: ClassRecord,
    analyses: dict[str, dict[str, dict[str, Any]]],
    folder: Path,
    book_url: str = "",
    names: bool = False,
) -> list[Path]:
    """One file per learner with a graded submission: ``<folder>/<learner id>.html``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for learner in record.graded:
        page = render_learner(record, learner, learner_points(record, learner, analyses), book_url, names)
        path = folder / f"{_safe(learner.id)}.html"
        n = 1
        while path in paths:  # two ids that clean to the same file name each keep their own file
            n += 1
            path = folder / f"{_safe(learner.id)}-{n}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def _safe(name: str) -> str:
    """A file name from a gradebook id (ids are usernames, but never trust them to be path-safe)."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip(".")
    return cleaned or "learner"
