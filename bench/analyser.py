"""How good and how fast the outcome analyser is, on the labelled statements in tests/data.

Quality: accuracy per kind and agreement per criterion, on the devset (the rules were tuned on it) and on the
held-out set (never used for tuning), beside a length-only baseline: "met when the statement has at least N
words", with N chosen as the best for each criterion on the devset and then applied unchanged to held-out.
Because that N moves when the devset grows, the best N for held-out itself is printed too ("held best N"):
a baseline that has seen the answers, which the analyser should still beat.
Speed: statements per second in Python (CPU time of this process, which runs on one core, so other work on a
shared machine does not count against it) and in JavaScript (node), and the time to analyse 1 MB of text
(median of 5), which only reads a bounded prefix and so stays flat.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from send_outcomes.analysis import CRITERIA, KINDS, analyse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DRIVER = ROOT / "tests" / "js" / "analyser_driver.mjs"
FIVE = (*CRITERIA, "person_centred")
RUNS = 5


def rows(name: str) -> list[dict]:
    return [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def value(result: dict, criterion: str) -> bool | None:
    if criterion == "person_centred":
        return result["person_centred"]
    return None if result["smart"] is None else result["smart"][criterion]


def pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}% ({right}/{total})" if total else "   n/a"


def best_length_threshold(data: list[dict], criterion: str) -> int:
    labelled = [r for r in data if r[criterion] is not None]
    scores = {n: sum((len(r["text"].split()) >= n) == r[criterion] for r in labelled) for n in range(1, 40)}
    return max(scores, key=lambda n: (scores[n], -n))


def quality(dev: list[dict], held: list[dict]) -> None:
    sets = {"dev": dev, "held-out": held}
    results = {name: [analyse(r["text"]).to_dict() for r in data] for name, data in sets.items()}
    print("Kind: accuracy per labelled kind")
    print(f"| {'kind':<12} | {'dev':>16} | {'held-out':>16} |")
    print(f"|{'-' * 14}|{'-' * 18}|{'-' * 18}|")
    for kind in (*KINDS, "all"):
        cells = []
        for name, data in sets.items():
            pairs = [(r, a) for r, a in zip(data, results[name], strict=True) if kind in ("all", r["kind"])]
            cells.append(pct(sum(a["kind"] == r["kind"] for r, a in pairs), len(pairs)))
        print(f"| {kind:<12} | {cells[0]:>16} | {cells[1]:>16} |")
    print()
    print(
        "Criteria: agreement with the labels (labelled outcomes and targets the analyser also reads as such),"
    )
    print("beside a length-only baseline (met when the statement has at least N words; N fitted on dev)")
    print(
        f"| {'criterion':<14} | {'dev':>16} | {'dev baseline':>16} "
        f"| {'held-out':>16} | {'held baseline':>16} | N  | {'held best N':>16} |"
    )
    print(f"|{'-' * 16}|{'-' * 18}|{'-' * 18}|{'-' * 18}|{'-' * 18}|----|{'-' * 18}|")
    for c in FIVE:
        n = best_length_threshold(dev, c)
        cells = []
        for name, data in sets.items():
            pairs = [
                (r, a)
                for r, a in zip(data, results[name], strict=True)
                if r[c] is not None and value(a, c) is not None
            ]
            base = [r for r in data if r[c] is not None]
            cells.append(pct(sum(value(a, c) == r[c] for r, a in pairs), len(pairs)))
            cells.append(pct(sum((len(r["text"].split()) >= n) == r[c] for r in base), len(base)))
        held_n = best_length_threshold(held, c)
        base = [r for r in held if r[c] is not None]
        best = pct(sum((len(r["text"].split()) >= held_n) == r[c] for r in base), len(base))
        print(
            f"| {c:<14} | {cells[0]:>16} | {cells[1]:>16} | {cells[2]:>16} | {cells[3]:>16} | {n:>2} "
            f"| {best:>16} |"
        )
    print()


def python_rate(texts: list[str]) -> float:
    rates = []
    for _ in range(RUNS):
        start = time.process_time()
        for t in texts:
            analyse(t)
        rates.append(len(texts) / (time.process_time() - start))
    return statistics.median(rates)


def node_times(texts: list[str], rounds: int) -> list[float] | None:
    node = shutil.which("node")
    if node is None:
        return None
    run = subprocess.run(
        [node, str(DRIVER), "--bench", str(rounds)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)["rounds"]


def speed(texts: list[str]) -> None:
    analyse("warm up the rules cache")
    batch = texts * 20
    py = python_rate(batch)
    js_times = node_times(batch, RUNS + 1)
    js = len(batch) / statistics.median(js_times[1:]) if js_times else None  # first round warms the JIT
    big = ("By the end of Year 6, Amir will read a book. " * 25_000)[:1_000_000]
    py_big = []
    for _ in range(RUNS):
        start = time.perf_counter()
        analyse(big)
        py_big.append(time.perf_counter() - start)
    js_big = node_times([big], RUNS)
    print(f"Speed ({RUNS} runs each, median; {len(batch)} statements per run)")
    print(f"| {'engine':<22} | {'statements/s':>12} | {'1 MB input (ms)':>15} |")
    print(f"|{'-' * 24}|{'-' * 14}|{'-' * 17}|")
    print(f"| {'Python (one core)':<22} | {py:>12,.0f} | {1000 * statistics.median(py_big):>15.2f} |")
    if js is not None and js_big is not None:
        print(f"| {'JavaScript (node)':<22} | {js:>12,.0f} | {1000 * statistics.median(js_big):>15.2f} |")
    else:
        print("| JavaScript (node)      | node not found |")


def main() -> None:
    dev, held = rows("analyser_devset.jsonl"), rows("analyser_heldout.jsonl")
    print(f"Outcome analyser: {len(dev)} dev statements, {len(held)} held-out\n")
    quality(dev, held)
    speed([r["text"] for r in dev + held])


if __name__ == "__main__":
    main()
