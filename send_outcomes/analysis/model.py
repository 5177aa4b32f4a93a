"""The learned half of the analyser: features of a statement and the linear model that weighs them.

Why a model at all: the rules read statements written the way their authors write them; statements as plans,
councils and schools publish them (list fragments, phrases, infinitives, "YP manages ...") are read better
by weights fitted on a labelled corpus of them (``corpus/``, fitted by ``send_outcomes.analysis.fit``).
The rules stay: their verdicts are features here, and their words are the feedback's evidence.

Why it looks the way it does (``js/analyser.js`` does exactly the same, and the parity test holds it to it):
- Features are strings: the rules' kind ("k:need"), which rule groups match ("r:future"), the plan section
  when it is known ("s:F"), the first word and its last three letters, the first two words, the length,
  and every word and pair of adjacent words of the first ``max_words`` words ("w:access", "b:access to").
  Each counts once.
- Optional features, each switched on by the model file (the fit's settings write them there, chosen by
  nested grouped cross-validation): the last word and last two words ("l:", "l2:"); the form of the
  sentence ("F:to" for an infinitive, "F:name" for a capitalised name followed by "to"/"will", "F:self" and
  "F:adult" for a first word that is the child or an adult or service, "F:noverb" for a fragment with none
  of the listed verbs); the plan section with each word ("sw:"); and character n-grams of every distinct
  word, hashed into ``char`` buckets ("g:"), counted once per distinct word that has them. A word's summed
  n-gram row is kept in a bounded cache, so they cost one look-up a word.
- Weights are integers (the fitted weight times ``scale``, rounded), so a sum is exact and its order cannot
  matter; one row per feature holds the five kinds' weights then the five criteria's.
- The kind is the highest score (ties go to the earlier kind in ``kinds``); ``confidence`` is its softmax
  probability. A criterion is met when its score is above zero.
- The company a statement keeps (``company_scores``): when it is checked as one of a list (a file, the
  lines pasted into the checker), how the other statements of the list read says what kind of document it
  is, which the words of one statement often cannot ("Jo will read 50 words" is a target in an IEP and an
  outcome in Section E). A second, small model weighs the statement's own scores (each kind's score less
  the best one, cut at ``clip``) and, for each kind, the share of the other statements read as that kind
  (in ``buckets`` steps). Its weights are integers too, so its scores (in units of ``scale`` squared) are
  exact and the same in both engines. It applies only when at least ``min`` other statements keep it
  company and the statement alone is unsure (its kind's probability below ``unsure``); the criteria are
  never changed by it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

TEXT_FEATURES = ("w:", "b:", "f:", "f2:")  # the features that are the statement's own words
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "model.json"
SECTIONS = frozenset("ABCDEFGHIJK")
# rule groups whose presence is a feature: those the rules' own decision reads anyway, so they cost nothing
# more (each further group costs a scan of the statement; the words carry the rest)
GROUPS = ("future", "time_lead", "aspiration", "provision", "provider")


@dataclass(frozen=True)
class Model:
    """The exported model: weight rows by feature, the bias row, and how to read them."""

    raw: Mapping[str, Any]
    kinds: tuple[str, ...]
    criteria: tuple[str, ...]
    bias: tuple[int, ...]
    weights: Mapping[str, tuple[int, ...]]
    scale: float
    max_words: int
    confident: float
    word: re.Pattern[str]
    groups: tuple[str, ...]
    ends: bool
    section_words: bool
    form: Mapping[str, frozenset[str]] | None
    name: re.Pattern[str] | None
    char: int
    char_n: tuple[int, int]
    char_cache: dict[str, tuple[int, ...] | None]
    company: Mapping[str, Any] | None


def compile_model(raw: Mapping[str, Any]) -> Model:
    return Model(
        raw=raw,
        kinds=tuple(raw["kinds"]),
        criteria=tuple(raw["criteria"]),
        bias=tuple(raw["bias"]),
        weights={k: tuple(v) for k, v in raw["weights"].items()},
        scale=float(raw["scale"]),
        max_words=int(raw["max_words"]),
        confident=float(raw["confident"]),
        word=re.compile(raw["word"], re.ASCII),
        groups=tuple(raw.get("groups", GROUPS)),
        ends=bool(raw.get("ends")),
        section_words=bool(raw.get("section_words")),
        form={k: frozenset(v) for k, v in raw["form"].items() if k != "name"} if raw.get("form") else None,
        name=re.compile(raw["form"]["name"], re.ASCII) if raw.get("form") else None,
        char=int(raw.get("char", 0)),
        char_n=tuple(raw.get("char_n", (3, 5))),  # type: ignore[arg-type]
        char_cache={},
        company=raw.get("company"),
    )


@cache
def load_model(path: str | None = None) -> Model:
    """The model from ``path`` (default: the package's model.json), read once per process."""
    source = Path(path) if path else MODEL_PATH
    return compile_model(json.loads(source.read_text(encoding="utf-8")))


def clean_section(section: object) -> str | None:
    """A plan section letter A-K (any case, spaces around ignored), or None for anything else."""
    if not isinstance(section, str):
        return None
    s = section.strip().upper()
    return s if len(s) == 1 and s in SECTIONS else None


def length_bucket(n: int) -> str:
    return (
        "0" if n == 0 else "1" if n <= 3 else "2" if n <= 6 else "3" if n <= 12 else "4" if n <= 25 else "5"
    )


Known = list[tuple[str, tuple[int, ...]]]  # features with their weight rows
CACHE_LIMIT = 50_000  # words whose n-gram rows are kept; the cache starts again when it is full


def fnv1a(text: str) -> int:
    """The 32-bit FNV-1a hash of the text's code points (analyser.js computes the same with Math.imul)."""
    h = 2166136261
    for ch in text:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def word_grams(word: str, char: int, char_n: tuple[int, int]) -> list[str]:
    """The buckets ("g:<n>") of the distinct character n-grams of " word " (spaces mark its edges)."""
    padded = " " + word + " "
    seen: set[int] = set()
    for n in range(char_n[0], char_n[1] + 1):
        for i in range(len(padded) - n + 1):
            seen.add(fnv1a(padded[i : i + n]) % char)
    return ["g:" + str(b) for b in sorted(seen)]


def char_grams(model: Model, words: list[str]) -> list[str]:
    """Every distinct word's n-gram buckets, repeated once per word that has them (the fit counts them)."""
    if not model.char:
        return []
    out: list[str] = []
    for w in sorted(set(words)):
        out += word_grams(w, model.char, model.char_n)
    return out


def char_rows(model: Model, words: list[str]) -> Known:
    """For each distinct word, the sum of its n-gram buckets' rows (none when the model has no n-grams)."""
    if not model.char:
        return []
    cache = model.char_cache
    out: Known = []
    for w in set(words):
        row = cache.get(w, False)
        if row is False:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            found = [model.weights[g] for g in word_grams(w, model.char, model.char_n) if g in model.weights]
            row = cache[w] = tuple(sum(col) for col in zip(*found, strict=True)) if found else None
        if row is not None:
            out.append(("g*" + w, row))
    return out


def form_features(model: Model, words: list[str], s: str) -> list[str]:
    """The form of the sentence: infinitive, a name or the child or an adult first, no verb at all."""
    form = model.form
    if form is None or not words:
        return []
    out = []
    if words[0] == "to":
        out.append("F:to")
    i = 1 if words[0] in form["skip"] and len(words) > 1 else 0
    if words[i] in form["self"]:
        out.append("F:self")
    elif words[i] in form["adult"]:
        out.append("F:adult")
    elif model.name is not None and model.name.match(s) and words[0] not in form["not_names"]:
        out.append("F:name")
    if form["verbs"].isdisjoint(words):
        out.append("F:noverb")
    return out


def text_features(words: list[str], ends: bool = False) -> list[str]:
    """The features of the words alone (the fitting script uses this to count how often each occurs)."""
    out = ["n:" + length_bucket(len(words))]
    if words:
        first = words[0]
        out.append("f:" + first)
        out.append("fx:" + first[-3:])
        if len(words) > 1:
            out.append("f2:" + first + " " + words[1])
            if ends:
                out.append("l2:" + words[-2] + " " + words[-1])
        if ends:
            out.append("l:" + words[-1])
    out += ["w:" + w for w in words]
    out += ["b:" + a + " " + b for a, b in pairwise(words)]
    return out


def place_words(words: list[str], low: str) -> list[tuple[str, int, int]]:
    """The words already found, each with where it starts and ends. Each word is the next occurrence of
    itself, because the pattern's next match starts at the first letter or digit after the previous one."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for w in words:
        start = low.find(w, pos)
        pos = start + len(w)
        out.append((w, start, pos))
    return out


def kind_features(
    model: Model, rule_kind: str, groups: list[str], section: str | None, words: list[str], s: str
) -> list[str]:
    out = ["k:" + rule_kind]
    out += ["r:" + g for g in groups]
    if section is not None:
        out.append("s:" + section)
        out.append("sk:" + section + rule_kind)
        if model.section_words:
            out += ["sw:" + section + " " + w for w in words]
    out += text_features(words, model.ends)
    if model.form is not None:
        out += form_features(model, words, s)
    return out


def criteria_features(kind: str, verdict: str, detail: bool, rule: Mapping[str, bool]) -> list[str]:
    out = ["K:" + kind, "h:" + verdict + ("+" if detail else "-")]
    out += ["c:" + c + ("1" if rule[c] else "0") for c in rule]
    return out


def known(model: Model, features: list[str]) -> Known:
    """Each feature the model has weights for, once, with its row."""
    get = model.weights.get
    return [(f, row) for f in set(features) if (row := get(f)) is not None]


def words_only(rows: Known) -> Known:
    """The rows of the features that are the statement's own words (the ones evidence can show)."""
    return [x for x in rows if x[0].startswith(TEXT_FEATURES)]


def sums(model: Model, rows: Known, start: tuple[int, ...] | None = None) -> list[int]:
    """The bias (or ``start``) plus the rows of the known features."""
    table = [r for _, r in rows]
    table.append(start if start is not None else model.bias)
    return [sum(col) for col in zip(*table, strict=True)]


def best_kind(total: Sequence[int], n: int) -> int:
    """The index of the highest of the first ``n`` scores (ties go to the earlier one)."""
    best = 0
    for i in range(1, n):
        if total[i] > total[best]:
            best = i
    return best


def company_bucket(count: int, others: int, buckets: int) -> int:
    """Which step of the share ``count`` / ``others`` falls in: 0 to ``buckets`` - 1 (integers only)."""
    return min(buckets - 1, count * buckets // others)


def company_inputs(model: Model, total: Sequence[int], counts: Sequence[int]) -> tuple[list[int], list[str]]:
    """What the company model weighs: each kind's score less the best one, cut at ``clip`` (in units of
    ``scale``), and for each kind the step of the share of the other statements read as that kind."""
    c = model.company
    assert c is not None
    n = len(model.kinds)
    top = max(total[:n])
    floor = -c["clip"] * model.scale
    shifts = [max(total[i] - top, floor) for i in range(n)]
    others = sum(counts)
    steps = c["buckets"]
    shares = [k + ":" + str(company_bucket(counts[i], others, steps)) for i, k in enumerate(model.kinds)]
    return shifts, shares


def unsure(model: Model, total: Sequence[int]) -> bool:
    """Whether the statement alone is doubtful enough for its company to be asked: its kind's probability is
    below the company model's ``unsure`` (a confident verdict stands, whatever list it is in)."""
    c = model.company
    return c is not None and ("unsure" not in c or decide_kind(model, total)[2] < c["unsure"])


def company_scores(model: Model, total: Sequence[int], counts: Sequence[int] | None) -> list[int] | None:
    """The kinds' scores in company (units of ``scale`` squared), or None when there is no company model or
    fewer than ``min`` other statements (``counts``: how many of them read as each kind)."""
    c = model.company
    if c is None or counts is None or sum(counts) < c["min"] or not unsure(model, total):
        return None
    shifts, shares = company_inputs(model, total, counts)
    scale = int(model.scale)
    out = []
    for k in range(len(model.kinds)):
        z = sum(a * x for a, x in zip(c["scores"][k], shifts, strict=True))
        z += scale * (c["bias"][k] + sum(c["shares"][f][k] for f in shares if f in c["shares"]))
        out.append(z)
    return out


def decide_kind(model: Model, total: Sequence[int], scale: float | None = None) -> tuple[int, int, float]:
    """The best kind's index, the runner-up's, and the best one's probability rounded to 2 places
    (``scale``: the scores' unit, when it is not the model's own)."""
    n = len(model.kinds)
    scale = scale or model.scale
    best = best_kind(total, n)
    second = 1 if best == 0 else 0
    for i in range(n):
        if i != best and total[i] > total[second]:
            second = i
    top = total[best]
    z = 0.0
    for i in range(n):
        z += math.exp((total[i] - top) / scale)
    return best, second, round2(1.0 / z)


def round2(x: float) -> float:
    """Two decimal places, half up, exactly as analyser.js does it (not Python's round-half-even)."""
    return math.floor(x * 100 + 0.5) / 100


def contributions(rows: Known, column: int, against: int | None, sign: int = 1) -> list[tuple[int, str]]:
    """Features pushing ``column`` up (over ``against``; down when ``sign`` is -1), strongest first (ties in
    the features' order), each with its push negated: plain tuples sort fastest, and the order is the same."""
    if against is None:
        out = [(-sign * row[column], f) for f, row in rows]
    else:
        out = [(-sign * (row[column] - row[against]), f) for f, row in rows]
    out = [x for x in out if x[0] < 0]
    out.sort()
    return out


def feature_span(spans: list[tuple[str, int, int]], feature: str) -> tuple[int, int] | None:
    """Where a word feature's words (one or two) first occur among the words read (``place_words``)."""
    want = feature.split(":", 1)[1].split(" ")
    n = len(want)
    if feature.startswith(("f:", "f2:")):
        return (spans[0][1], spans[n - 1][2]) if len(spans) >= n else None
    last = len(spans) - n
    for i, (w, a, _) in enumerate(spans):
        if i > last:
            break
        if w == want[0] and (n == 1 or spans[i + 1][0] == want[1]):
            return (a, spans[i + n - 1][2])
    return None
