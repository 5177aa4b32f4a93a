"""How far two careful people agree on a statement's kind: the ceiling any analyser can be judged against.

A second annotator labelled a sample of the corpus's published statements blind (corpus/second_annotator.csv:
two statements from every published source, then a random fill; they saw the statement, its plan section
when known, its source's title and type, and the label conventions in corpus/README.md, never the corpus's
labels). Others did the same for each final test set (bench/analyser.py (g)): for the second, every
statement whose plan section is not known and two from every source of it whose section is (those sources
are now design sources); for the third, the one (g) scores now, every statement. This prints how often the
two agree, Cohen's kappa, the confusion between them, and the same split by whether the plan section was
known, by whether the second annotator was sure, and by set (design sources or the final test set); then,
on the final test set, the shipped analyser beside them: how often it agrees with each annotator, and with
at least one of them, so that its accuracy can be read against what two people manage.

    .venv/bin/python bench/analyser_agreement.py
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from analyser import in_company, learned

from send_outcomes.analysis.corpus import design_sources, read_corpus
from send_outcomes.analysis.model import load_model

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("aspiration", "need", "outcome", "provision", "target")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def agreement(pairs: list[tuple[str, str]]) -> str:
    """Share of pairs that agree, with Cohen's kappa (agreement beyond what the two label mixes give)."""
    n = len(pairs)
    if not n:
        return "n/a"
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[k] * second[k] for k in KINDS) / (n * n)
    kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    return f"{observed:.3f} ({sum(a == b for a, b in pairs)}/{n}), kappa {kappa:.2f}"


def main() -> None:
    corpus = {r["id"]: r for r in read(ROOT / "corpus" / "statements.csv")}
    second = read(ROOT / "corpus" / "second_annotator.csv")
    rows = [(corpus[r["id"]], r) for r in second]
    sources = len({c["source_id"] for c, _ in rows})
    design = design_sources()
    print(f"Two annotators, {len(rows)} published statements from {sources} sources\n")
    print("| statements | agreement |")
    print("|---|---|")
    for title, keep in (
        ("all", lambda c, s: True),
        ("plan section known", lambda c, s: bool(c["section"])),
        ("plan section not known", lambda c, s: not c["section"]),
        ("second annotator sure", lambda c, s: s["sure"] == "1"),
        ("second annotator unsure", lambda c, s: s["sure"] != "1"),
        ("design sources", lambda c, s: c["source_id"] in design),
        ("final test set (never-used sources)", lambda c, s: c["source_id"] not in design),
        (
            "final test set, plan section not known",
            lambda c, s: c["source_id"] not in design and not c["section"],
        ),
    ):
        print(f"| {title} | {agreement([(c['label'], s['label']) for c, s in rows if keep(c, s)])} |")
    print("\nConfusion (rows: the corpus's label; columns: the second annotator's)\n")
    print("| label | " + " | ".join(KINDS) + " |")
    print("|---|" + "---:|" * len(KINDS))
    seen = Counter((c["label"], s["label"]) for c, s in rows)
    for k in KINDS:
        print(f"| {k} | " + " | ".join(str(seen[(k, j)]) for j in KINDS) + " |")
    beside_the_analyser([(c, s) for c, s in rows if c["source_id"] not in design])


def beside_the_analyser(rows: list[tuple[dict[str, str], dict[str, str]]]) -> None:
    """The shipped analyser on the doubly labelled final-test statements: alone, in its source's company
    (each source read as one list, as ``check --list`` reads a file) and with the plan section where known."""
    by_text = {r.text: r for r in read_corpus()}  # a statement's text is unique in the corpus
    corpus = [by_text[c["text"]] for c, _ in rows]
    model = load_model()
    readings = {
        "alone": [learned(model, False)(r)[0] for r in corpus],
        "in company": [v[0] for v in in_company(model, corpus)],
        "with the plan section": [learned(model, True)(r)[0] for r in corpus],
    }
    print(f"\nThe shipped analyser beside the two annotators: {len(rows)} final-test statements\n")
    print("| | agrees with the corpus label | with the second annotator | with at least one |")
    print("|---|---|---|---|")
    labels = [c["label"] for c, _ in rows]
    people = [s["label"] for _, s in rows]
    print(f"| second annotator | {agreement([(c['label'], s['label']) for c, s in rows])} | | |")
    for name, kinds in readings.items():
        either = sum(k in (c["label"], s["label"]) for k, (c, s) in zip(kinds, rows, strict=True))
        print(
            f"| analyser, {name} | {agreement(list(zip(labels, kinds, strict=True)))}"
            f" | {agreement(list(zip(people, kinds, strict=True)))} | {either / len(rows):.3f} |"
        )


if __name__ == "__main__":
    main()
