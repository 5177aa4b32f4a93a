"""How good and how fast the outcome analyser is, judged only on sources it was not fitted on.

Quality: the labelled statements (corpus/ and our own sets, see send_outcomes/analysis/corpus.py) are split
by source into FOLDS parts, each source wholly in one part (the part is fixed by a hash of the source's
name, not chosen). For each part a model is fitted on the other parts alone, with the fixed settings of
send_outcomes/analysis/fit.py, and scores the part: every statement is judged by a model that never saw its
source. Beside it, the rules alone (the decision the rules make before any model), as the baseline.
Tables: kind accuracy, recall per kind, confusion matrix, agreement per criterion; for (a) every held-out
corpus source (our devset, held-out set, edge cases and course bank are left out: the rules were
written on them) and
(b) published sources only; (e, f) the same for sources added to the corpus after the engine's features
and settings were chosen (bench/analyser_design_sources.txt lists those present then), which were never
used in any way; (g) those same sources judged by one model fitted on the design sources alone (the final
test; the shipped model is fitted on the same rows, so it has never seen them either); then the same with
the plan section given, where the corpus knows it. "model+company" reads each held-out source's statements
together as one list (``analyse_all``), as ``send-outcomes check --list`` and the checker page read a list.
Then kind accuracy by type of source (council guide, IEP, therapy ...), and with ``--errors`` every
published statement the model misjudged, grouped by label and verdict (for error analysis; choosing
settings on them would be tuning on the scoring part).
Speed: statements per second in Python (CPU time of this process, one core) and JavaScript (node), and the
model's size, which is what the check-your-plan page adds.
The fixed settings themselves are checked without the scoring statements by bench/analyser_select.py
(nested cross-validation grouped by source).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from send_outcomes.analysis import Analysis, analyse, analyse_all
from send_outcomes.analysis.corpus import FIVE, KINDS, Row, design_sources, fitting_rows, read_all
from send_outcomes.analysis.fit import fitted
from send_outcomes.analysis.model import MODEL_PATH, Model
from send_outcomes.analysis.rules import load_rules
from send_outcomes.analysis.statement import OUTCOME_LIKE, _Reader, normalise, observe, observe_criteria

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "tests" / "js" / "analyser_driver.mjs"
FOLDS = 5
RUNS = 5
OURS = ("ours-devset", "ours-heldout", "ours-course-bank", "ours-edge-cases")

Verdict = tuple[str, dict[str, bool | None]]


def fold_of(source: str) -> int:
    return int(hashlib.sha256(source.encode()).hexdigest(), 16) % FOLDS


def rules_only(row: Row) -> Verdict:
    """The rules' own kind and criteria (criteria only for an outcome or target, as the analyser gives)."""
    rules = load_rules()
    from send_outcomes.analysis.model import load_model

    s = normalise(row.text[: rules.max_chars], rules)
    kind = observe(_Reader(rules, s), load_model(), None)[0] if s else "outcome"
    if kind not in OUTCOME_LIKE or not s:
        return kind, dict.fromkeys(FIVE)
    return kind, observe_criteria(_Reader(rules, s), kind)[2]


def learned(model: Model, with_section: bool) -> Callable[[Row], Verdict]:
    def one(row: Row) -> Verdict:
        return as_verdict(analyse(row.text, section=row.section if with_section else None, model=model))

    return one


def as_verdict(a: Analysis) -> Verdict:
    d = a.to_dict()
    values = dict.fromkeys(FIVE)
    if d["smart"] is not None:
        values.update(d["smart"], person_centred=d["person_centred"])
    return d["kind"], values


def in_company(model: Model, rows: Sequence[Row]) -> list[Verdict]:
    """Each row judged with the other statements of its source as its list (section unknown): how a file
    or the checker's lines are read (``analyse_all``)."""
    by_source: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_source.setdefault(r.source, []).append(i)
    out: list[Verdict | None] = [None] * len(rows)
    for members in by_source.values():
        for i, a in zip(members, analyse_all([rows[i].text for i in members], model=model), strict=True):
            out[i] = as_verdict(a)
    return out  # type: ignore[return-value]


def cross_validate(rows: Sequence[Row]) -> dict[str, list[Verdict]]:
    """Each row judged by the rules, and by a model fitted without its source (section unknown, known; with
    its source's other statements as company)."""
    names = ("rules", "model", "model+section", "model+company")
    out: dict[str, list[Verdict | None]] = {k: [None] * len(rows) for k in names}
    for fold in range(FOLDS):
        train = [r for r in rows if fold_of(r.source) != fold]
        model = fitted(train)
        held = [i for i, r in enumerate(rows) if fold_of(r.source) == fold]
        for i in held:
            r = rows[i]
            out["rules"][i] = rules_only(r)
            out["model"][i] = learned(model, False)(r)
            out["model+section"][i] = learned(model, True)(r)
        for i, v in zip(held, in_company(model, [rows[i] for i in held]), strict=True):
            out["model+company"][i] = v
    return out  # type: ignore[return-value]


def pct(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "n/a"


def tables(title: str, rows: list[Row], results: dict[str, list[Verdict]], engines: Sequence[str]) -> None:
    print(f"### {title}: {len(rows)} statements from {len({r.source for r in rows})} sources\n")
    print("| kind recall | " + " | ".join(engines) + " |")
    print("|---|" + "---|" * len(engines))
    for kind in (*KINDS, "all (accuracy)"):
        cells = []
        for e in engines:
            pairs = [
                (r, v)
                for r, v in zip(rows, results[e], strict=True)
                if kind.startswith("all") or r.kind == kind
            ]
            cells.append(pct(sum(v[0] == r.kind for r, v in pairs), len(pairs)))
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print()
    print("Criteria: agreement on statements labelled outcome or target that the engine also reads as one")
    print("(n = how many of the labelled ones it read as outcome or target)\n")
    print("| criterion | " + " | ".join(engines) + " |")
    print("|---|" + "---|" * len(engines))
    for c in FIVE:
        cells = []
        for e in engines:
            pairs = [
                (r, v)
                for r, v in zip(rows, results[e], strict=True)
                if r.criteria[c] is not None and v[1][c] is not None
            ]
            cells.append(pct(sum(v[1][c] == r.criteria[c] for r, v in pairs), len(pairs)))
        print(f"| {c} | " + " | ".join(cells) + " |")
    print()
    for e in engines:
        print(f"Confusion matrix, {e} (rows: label; columns: read as)\n")
        print("| label | " + " | ".join(KINDS) + " |")
        print("|---|" + "---:|" * len(KINDS))
        for kind in KINDS:
            got = [v[0] for r, v in zip(rows, results[e], strict=True) if r.kind == kind]
            print(f"| {kind} | " + " | ".join(str(got.count(k)) for k in KINDS) + " |")
        print()


def python_rate(texts: list[str]) -> float:
    rates = []
    for _ in range(RUNS):
        start = time.process_time()
        for t in texts:
            analyse(t)
        rates.append(len(texts) / (time.process_time() - start))
    return statistics.median(rates)


def node_rate(texts: list[str]) -> float | None:
    node = shutil.which("node")
    if node is None:
        return None
    run = subprocess.run(
        [node, str(DRIVER), "--bench", str(RUNS + 1)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    rounds = json.loads(run.stdout)["rounds"][1:]  # the first round warms the JIT
    return len(texts) / statistics.median(rounds)


def speed(texts: list[str]) -> None:
    analyse("warm up the rules and the model")
    batch = (texts * (20_000 // max(len(texts), 1) + 1))[:20_000]
    py = python_rate(batch)
    js = node_rate(batch)
    raw = MODEL_PATH.read_bytes()
    print(f"### Speed ({RUNS} runs, median; {len(batch):,} statements a run) and size\n")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| Python, statements/s (one core) | {py:,.0f} |")
    print(
        f"| JavaScript (node), statements/s | {js:,.0f} |" if js else "| JavaScript (node) | node not found |"
    )
    print(f"| model.json, KB | {len(raw) / 1024:.1f} |")
    print(f"| model.json gzipped, KB | {len(gzip.compress(raw, 9, mtime=0)) / 1024:.1f} |")
    print(f"| features in the model | {len(json.loads(raw)['weights']):,} |")


def source_types() -> dict[str, str]:
    """Each corpus source's type (council-guide, iep, therapy, ...), from corpus/sources.csv."""
    with (ROOT / "corpus" / "sources.csv").open(encoding="utf-8", newline="") as f:
        return {r["source_id"]: r.get("type") or "?" for r in csv.DictReader(f)}


def by_type(
    rows: list[Row],
    results: dict[str, list[Verdict]],
    engines: Sequence[str],
    which: str = "every held-out corpus source",
) -> None:
    """Kind accuracy of each engine by the type of source (held-out corpus sources only)."""
    types = source_types()
    print(f"### Kind accuracy by type of source ({which})\n")
    print("| source type | sources | " + " | ".join(engines) + " |")
    print("|---|---:|" + "---|" * len(engines))
    for t in sorted({types.get(r.source, "?") for r in rows if r.source not in OURS}):
        idx = [i for i, r in enumerate(rows) if r.source not in OURS and types.get(r.source, "?") == t]
        n_sources = len({rows[i].source for i in idx})
        cells = [pct(sum(results[e][i][0] == rows[i].kind for i in idx), len(idx)) for e in engines]
        print(f"| {t} | {n_sources} | " + " | ".join(cells) + " |")
    print()


def errors(rows: list[Row], results: dict[str, list[Verdict]]) -> None:
    """Every published statement the model (section unknown) misjudged, grouped by label and verdict, with
    its source type and section: the material for error analysis, never for tuning on a scoring part."""
    types = source_types()
    wrong: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(rows):
        got = results["model"][i][0]
        if r.published and got != r.kind:
            wrong.setdefault((r.kind, got), []).append(i)
    print("### Published statements the model misjudged (section unknown)\n")
    for (label, got), idx in sorted(wrong.items(), key=lambda x: -len(x[1])):
        print(f"#### label {label}, read as {got}: {len(idx)}\n")
        for i in idx:
            r = rows[i]
            with_section = results["model+section"][i][0]
            print(f"- [{types.get(r.source, '?')}; {r.source}; section {r.section or '-'}; "
                  f"with section: {with_section}] {r.text[:160]}")
        print()


def final_test(rows: list[Row], design: set[str]) -> None:
    """(g) The final test: one model, fitted on every source present while the engine was designed, judges
    every source added since (none of which was read while choosing features, settings or conventions).

    Unlike (e), no never-used source helps judge another: this is the figure a statement from a source no
    one has seen can expect. The shipped model is this same model (``fitting_rows``).
    """
    final = [r for r in rows if r.source not in design and r.source not in OURS]
    if not final:
        return
    model = fitted(fitting_rows(rows))
    results = {
        "rules": [rules_only(r) for r in final],
        "model": [learned(model, False)(r) for r in final],
        "model+section": [learned(model, True)(r) for r in final],
        "model+company": in_company(model, final),
    }
    engines = ("rules", "model", "model+company", "model+section")
    tables("(g) the final test: a model fitted on the design sources alone judges the never-used ones",
           final, results, engines)
    by_type(final, results, engines, "(g) the final test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="also list the misjudged published statements")
    args = parser.parse_args()
    rows = read_all()
    start = time.perf_counter()
    results = cross_validate(rows)
    took = time.perf_counter() - start
    print(f"Outcome analyser: {len(rows)} labelled statements, {len({r.source for r in rows})} sources, ")
    print(f"{FOLDS} parts by source ({took:.0f} s to fit and score)\n")
    engines = ("rules", "model", "model+company")
    for title, keep in (
        ("(a) every held-out corpus source", lambda r: r.source not in OURS),
        ("(b) published sources only", lambda r: r.published),
        ("(c) our own sets (the rules were written on these)", lambda r: r.source in OURS),
    ):
        idx = [i for i, r in enumerate(rows) if keep(r)]
        tables(title, [rows[i] for i in idx], {e: [results[e][i] for i in idx] for e in results}, engines)
    design = design_sources()
    for title, keep in (
        ("(e) sources never used: added after the engine was designed", lambda r: r.source not in design),
        ("(f) of those, published only", lambda r: r.source not in design and r.published),
    ):
        idx = [i for i, r in enumerate(rows) if keep(r) and r.source not in OURS]
        tables(title, [rows[i] for i in idx], {e: [results[e][i] for i in idx] for e in results}, engines)
    final_test(rows, design)
    idx = [i for i, r in enumerate(rows) if r.section and r.source not in OURS]
    sub = {e: [results[e][i] for i in idx] for e in results}
    tables(
        "(d) corpus statements whose plan section is known",
        [rows[i] for i in idx],
        sub,
        ("rules", "model", "model+section"),
    )
    by_type(rows, results, ("rules", "model", "model+company", "model+section"))
    if args.errors:
        errors(rows, results)
    speed([r.text for r in rows])


if __name__ == "__main__":
    main()
