"""Write the practice notebooks in ``notebooks/`` from the exercise specs: never edit those files by hand.

Why generated: the words a learner reads in a notebook (title, instructions, the children's stories) are the
ones in the spec, so the book, the site and JupyterLab cannot drift apart, and a new exercise gets its
notebook by adding one line to ``PRACTICE`` below.

Stored outputs: tests/book/test_notebooks.py executes every notebook and compares its outputs with the
ones kept in the file (``make notebooks`` refreshes them). Regenerating keeps a cell's outputs when its id
and source are unchanged, so running this after a content change only invalidates the cells that changed.
It also drops what an execution leaves that goes stale at once: the saved widget state (``metadata.widgets``,
a copy of
the front end and of nobody's answers) and the widget-view links to it, so a notebook opened before it is
run shows the plain "run me" description, not a widget that no longer exists.

    python -m send_outcomes.generate_notebooks          # write notebooks/
    python -m send_outcomes.generate_notebooks --check  # exit 1 if a notebook differs from its specs
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from send_outcomes.exercise_types import TYPES
from send_outcomes.notebook_markdown import md_text, story
from send_outcomes.specs import DATA, load_spec

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

# What the practice notebooks say, and which book page holds each exercise, is course text kept as data.
TEXT: dict[str, Any] = json.loads((DATA / "text" / "practice_notebooks.json").read_text(encoding="utf-8"))

# (file name, exercise id, the book page with the same exercise), in the order a course works through them.
PRACTICE: tuple[tuple[str, str, str], ...] = tuple(
    (nb["file"], nb["exercise"], nb["book_page"]) for nb in TEXT["notebooks"]
)

METADATA: dict[str, Any] = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def _lines(text: str) -> list[str]:
    """Notebook JSON keeps source as a list of lines, each but the last ending in a newline."""
    parts = text.strip("\n").split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def _markdown(cell_id: str, text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": _lines(text)}


def _code(cell_id: str, text: str) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": cell_id,
        "metadata": {},
        "outputs": [],
        "source": _lines(text),
    }


def build(file_name: str, exercise_id: str, book_page: str) -> dict[str, Any]:
    """The notebook for one practice exercise, without outputs."""
    spec = load_spec(exercise_id)
    if spec["mode"] != "practice":
        raise ValueError(f"{exercise_id} is an assessment exercise; practice notebooks show practice ones")
    saves = TYPES[spec["type"]].saves
    where = TEXT["saved"].format(exercise_id=exercise_id) if saves else TEXT["not_saved"]
    intro = [f"# {md_text(spec['title'])}", md_text(spec["instructions"])]
    children = story(spec)
    if children:
        intro.append(children)
    intro += [where, TEXT["book_link"].format(book_page=book_page), TEXT["run_all"]]
    cells = [
        _markdown("intro", "\n\n".join(intro)),
        _code("widget", f'from send_outcomes.widgets import exercise\n\nexercise("{exercise_id}")'),
    ]
    if saves:
        cells += [
            _markdown("score-intro", TEXT["score_intro"]),
            _code("score", f'from send_outcomes.learner import report\n\nprint(report("{exercise_id}"))'),
        ]
    else:
        cells += [
            _markdown("text-intro", TEXT["text_intro"]),
            _code("text-check", _TEXT_CHECK),
        ]
    return {"cells": cells, "metadata": METADATA, "nbformat": 4, "nbformat_minor": 5}


# The code of the plain-text check; its example lines are course text (TEXT["text_check_examples"]).
_TEXT_CHECK = '''from send_outcomes.analysis import analyse

lines = """
{examples}
"""

for line in filter(str.strip, lines.splitlines()):
    result = analyse(line).to_dict()
    print(f"{line.strip()}\\n  Reads as: {result['kind']}")
    for point in result["feedback"]:
        print(f"  {'Yes' if point['met'] else 'Not yet'}: {point['message']}")
    print()'''.replace("{examples}", "\n".join(TEXT["text_check_examples"]))


def _source_view(nb: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What the generator decides: each cell's type, id and source (outputs are the test's business)."""
    return [
        (
            c["cell_type"],
            c.get("id", ""),
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"],
        )
        for c in nb.get("cells", [])
    ]


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _has_stale_widgets(nb: dict[str, Any]) -> bool:
    outputs = [o for c in nb.get("cells", []) for o in c.get("outputs", [])]
    return "widgets" in nb.get("metadata", {}) or any(WIDGET_VIEW in o.get("data", {}) for o in outputs)


def differs(path: Path, fresh: dict[str, Any]) -> bool:
    """True if the notebook is missing, its cells are not the generator's, or it keeps stale widget state."""
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return True
    return (
        _source_view(current) != _source_view(fresh)
        or current.get("metadata", {}).get("kernelspec") != fresh["metadata"]["kernelspec"]
        or _has_stale_widgets(current)
    )


def _keep_outputs(path: Path, fresh: dict[str, Any]) -> dict[str, Any]:
    """Carry over stored outputs of cells whose id and source did not change."""
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return fresh
    old = {c.get("id"): c for c in current.get("cells", []) if c["cell_type"] == "code"}
    for cell in fresh["cells"]:
        before = old.get(cell["id"])
        if cell["cell_type"] == "code" and before and "".join(before["source"]) == "".join(cell["source"]):
            cell["outputs"] = [_without_widget_view(o) for o in before.get("outputs", [])]
            cell["execution_count"] = before.get("execution_count")
    return fresh


def _without_widget_view(output: dict[str, Any]) -> dict[str, Any]:
    if WIDGET_VIEW in output.get("data", {}):
        output = {**output, "data": {k: v for k, v in output["data"].items() if k != WIDGET_VIEW}}
    return output


def write(folder: Path = NOTEBOOKS) -> list[Path]:
    """Write every practice notebook that differs from its specs; returns the files written."""
    written = []
    for file_name, exercise_id, page in PRACTICE:
        path = folder / file_name
        fresh = build(file_name, exercise_id, page)
        if differs(path, fresh):
            nb = _keep_outputs(path, fresh)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            written.append(path)
    return written


def stale(folder: Path = NOTEBOOKS) -> list[Path]:
    """The practice notebooks that are missing or no longer what the specs make."""
    return [folder / name for name, eid, page in PRACTICE if differs(folder / name, build(name, eid, page))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale notebooks; write nothing")
    args = parser.parse_args(argv)
    if args.check:
        old = stale()
        for path in old:
            print(f"{path.relative_to(ROOT)} needs regenerating: run python -m {__spec__.name}")
        return 1 if old else 0
    for path in write():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
