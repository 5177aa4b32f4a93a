"""The labelled statements the analyser's model is fitted on and judged by, each with the source it came from.

Why sources matter: statements from one guide or one batch of ours share wording, so an honest score holds
whole sources out (bench/analyser.py) and never scores a statement whose siblings were fitted on.

Two kinds of input:
- ``corpus/statements.csv`` and ``corpus/sources.csv`` at the repository root (published statements quoted
  with their source, and batches written by us; columns in ``corpus/README.md``);
- our own labelled sets, each its own source: the course's statement bank (``data/statements.json``), the
  analyser's edge cases (``tests/data/analyser_cases.json``), devset and held-out set (``tests/data/``).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS_DIR = ROOT / "corpus"
STATEMENTS_CSV = CORPUS_DIR / "statements.csv"
SOURCES_CSV = CORPUS_DIR / "sources.csv"
BANK = ROOT / "send_outcomes" / "data" / "statements.json"
CASES = ROOT / "tests" / "data" / "analyser_cases.json"
OWN_SETS = {
    "ours-devset": ROOT / "tests" / "data" / "analyser_devset.jsonl",
    "ours-heldout": ROOT / "tests" / "data" / "analyser_heldout.jsonl",
}
KINDS = ("aspiration", "need", "provision", "target", "outcome")
FIVE = ("specific", "measurable", "achievable", "time_bound", "person_centred")


class CorpusError(ValueError):
    """A corpus file is missing or a row cannot be used; the message names the file and the row."""


@dataclass(frozen=True)
class Row:
    """One labelled statement: its kind, its five criteria (None where not labelled), and where it is from."""

    text: str
    kind: str
    criteria: dict[str, bool | None]
    section: str | None
    source: str
    published: bool


RULES = ROOT / "send_outcomes" / "data" / "rules.json"
FEATURES = [ROOT / "send_outcomes" / "analysis" / name for name in ("model.py", "fit.py")]
# the published sources present while the engine was designed; the others are the final test set, which the
# shipped model is never fitted on, so that each change to the engine can be judged on it
DESIGN = ROOT / "bench" / "analyser_design_sources.txt"


def input_files() -> list[Path]:
    """Every file the model depends on, in a fixed order (their bytes make the model's input hash): the
    labelled statements, which of them are held out, and the rules and code that turn a statement into
    features."""
    return [STATEMENTS_CSV, SOURCES_CSV, BANK, CASES, *OWN_SETS.values(), DESIGN, RULES, *FEATURES]


def design_sources() -> set[str]:
    """The sources listed in ``DESIGN`` (one a line; ``#`` starts a comment line)."""
    lines = DESIGN.read_text(encoding="utf-8").splitlines()
    return {x.strip() for x in lines if x.strip() and not x.startswith("#")}


def fitting_rows(rows: list[Row]) -> list[Row]:
    """The rows the shipped model is fitted on: everything but the final test set (published sources not
    listed in ``DESIGN``)."""
    design = design_sources()
    return [r for r in rows if r.source in design or not r.published]


def _flag(value: str, where: str) -> bool | None:
    if value == "":
        return None
    if value in ("0", "1"):
        return value == "1"
    raise CorpusError(f"{where}: a criterion must be 1, 0 or empty, not {value!r}")


def read_corpus(statements: Path = STATEMENTS_CSV, sources: Path = SOURCES_CSV) -> list[Row]:
    """The rows of corpus/statements.csv, with ``published`` from corpus/sources.csv."""
    for path in (statements, sources):
        if not path.exists():
            raise CorpusError(
                f"{path} is missing: the model is fitted from corpus/statements.csv and sources.csv"
            )
    with sources.open(encoding="utf-8", newline="") as f:
        published = {r["source_id"]: r.get("published", "") == "yes" for r in csv.DictReader(f)}
    out: list[Row] = []
    with statements.open(encoding="utf-8", newline="") as f:
        for n, r in enumerate(csv.DictReader(f), start=2):
            where = f"{statements.name} line {n}"
            label = (r.get("label") or "").strip()
            if label not in KINDS:
                raise CorpusError(f"{where}: label {label!r} is not one of {', '.join(KINDS)}")
            source = (r.get("source_id") or "").strip()
            if source not in published:
                raise CorpusError(f"{where}: source {source!r} is not in {sources.name}")
            section = (r.get("section") or "").strip().upper() or None
            out.append(
                Row(
                    text=r["text"],
                    kind=label,
                    criteria={c: _flag((r.get(c) or "").strip(), where) for c in FIVE},
                    section=section,
                    source=source,
                    published=published[source],
                )
            )
    return out


def read_own() -> list[Row]:
    """Our own labelled statements: the course bank, the analyser's edge cases, devset and held-out set."""
    out = [
        Row(s["text"], s["kind"], dict.fromkeys(FIVE), None, "ours-course-bank", False)
        for s in json.loads(BANK.read_text(encoding="utf-8"))["statements"]
    ]
    for c in json.loads(CASES.read_text(encoding="utf-8"))["cases"]:
        criteria: dict[str, bool | None] = dict.fromkeys(FIVE)
        criteria.update(c.get("smart") or {})
        if "person_centred" in c:
            criteria["person_centred"] = c["person_centred"]
        out.append(Row(c["text"], c["kind"], criteria, None, "ours-edge-cases", False))
    for source, path in OWN_SETS.items():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append(Row(r["text"], r["kind"], {c: r[c] for c in FIVE}, None, source, False))
    return out


def read_all() -> list[Row]:
    """Every labelled statement: the corpus first, then ours."""
    return read_corpus() + read_own()
