"""Fit the analyser's model on the labelled corpus and write ``data/model.json`` (``make model``).

Why this shape: the fit is a development step (scikit-learn is a development dependency); what it writes is
plain data, integers by feature name, that the Python and JavaScript engines read with no library at all.
It is deterministic (fixed settings, sorted features, one thread, no randomness), so the same corpus gives
the same bytes, and the model records a hash of everything it was fitted from: a test fails when the
committed model is older than the corpus.

Settings are fixed in advance, not tuned on any held-out source (see ``SETTINGS``):
- a multinomial logistic regression for the kind and one binary one per criterion, L2, C = 1;
- a word or pair of words is a feature only if at least ``min_df`` statements of the fitting part have it;
- a statement of ours weighs three times a published one (``ours_weight``), so that the course's own
  reading of outcome against target holds where published goal banks read otherwise;
- every published statement weighs the same (``source_power`` 0): weighing a statement down by the size of
  its source did worse inside every fitting part, and choosing C and that weight afresh in each fitting part
  by grouped cross-validation did no better on the parts left out than these fixed values
  (bench/analyser_select.py);
- the optional features were compared the same way, inside the fitting parts only: the form of the
  sentence was better than none in four fitting parts of five and costs about 1% of the speed, so it is
  on; the rules' word lists for a difficulty and for support were better in every fitting part (by about
  one point) but cost 8% of the speed; the last words, character n-grams, more time groups and balanced
  class weights were not consistently better, so they stay off (the code keeps them, and a parity test
  reads them); each word paired with the plan section was better in every fitting part for statements
  whose section is known. On the parts left out all of these differ by less than a point: the gain is
  small, and fewer statements a word (``min_df`` 2) or more features in the file were no better there;
- every statement with a known section is seen twice, with and without it, so that the model works both
  when the plan section is known and when it is not;
- weights are multiplied by ``scale`` and rounded to integers; a feature none of whose weights is larger
  than ``prune`` (in size) is dropped, and only the ``max_features`` strongest are kept, which keeps the
  file small for the web page.

Usage: ``python -m send_outcomes.analysis.fit [--check]``; ``--check`` says whether model.json is current.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from send_outcomes.analysis.corpus import KINDS, CorpusError, Row, fitting_rows, input_files, read_all
from send_outcomes.analysis.model import (
    GROUPS,
    MODEL_PATH,
    Model,
    best_kind,
    char_grams,
    company_inputs,
    compile_model,
    unsure,
)
from send_outcomes.analysis.rules import load_rules
from send_outcomes.analysis.statement import OUTCOME_LIKE, _Reader, normalise, observe, observe_criteria

SETTINGS: Mapping[str, Any] = {
    "C": 1.0,
    "min_df": 3,
    "scale": 100,
    "max_words": 40,
    "confident": 0.6,
    "word": "[a-z0-9]+(?:['-][a-z0-9]+)*",
    # the criteria the model decides; achievable and person-centred stay with the rules, whose word lists
    # ("always", "100%"; the child's name or a service's convenience) already read them exactly
    "criteria": ["specific", "measurable", "time_bound"],
    "prune": 1,
    "max_features": 3000,  # the strongest ones: about 110 KB, inside the page's budget whatever the corpus
    # how much a statement weighs in the fit: 1, or 1 / (statements from its source) ** source_power, so
    # that a big batch of ours does not outvote a short published list (chosen by grouped cross-validation
    # inside the fitting part only: bench/analyser_select.py)
    "source_power": 0.0,
    # a statement of ours (the course's own sets and batches) weighs this many times a published one: they
    # are written to the course's definitions, as learners' rewrites are, while the published goal banks
    # read "By <date>, X will ..." as a target (an IEP's annual goal); at 1 or 2 the fix exercise's own model
    # answers read as targets. On the corpus it makes no real difference: inside the fitting parts 1 and 3
    # tie (0.700 each), and on the parts left out 3 scores 0.733 against 1's 0.727 (bench/analyser_select.py)
    "ours_weight": 3.0,
    # optional features (model.py says what each one is); which ones help is decided by nested grouped
    # cross-validation (bench/analyser_select.py), never on the statements that score them
    # rule groups whose presence is a feature: those the rules' kind reads anyway (adding the rules' words
    # for a difficulty and for support was a point better inside every fitting part, but costs 8% of the
    # speed, which the page and the CLI cannot spare: bench/analyser_select.py, bench/analyser.py)
    "groups": list(GROUPS),
    "ends": False,  # the last word and the last two words
    # the plan section with each word, when it is known: chosen in every fitting part when the section is
    # known (bench/analyser_select.py --section), no worse when it is not
    "section_words": True,
    "form": True,  # the form of the sentence (FORM below)
    "char": 0,  # buckets for hashed character n-grams of the words; 0 for none
    "char_n": [3, 5],
    # the company model (model.py): fitted on each statement's scores from a model that never saw its
    # source (``folds`` parts by source, inside the fitting rows only) and the shares of its source's other
    # statements, for sources with more than ``min`` statements; None for no company model
    "company": {"min": 3, "buckets": 4, "clip": 10, "folds": 5, "mixed": 12, "unsure": 0.6},
}
# The form of a sentence, as model.form_features reads it: the first word (after "the", "a" ...) naming the
# child or the young person, or an adult or a service; a capitalised name followed by "to" or a verb; and the
# verbs whose absence makes a fragment.
FORM: Mapping[str, Any] = {
    "skip": ["a", "all", "an", "the"],
    "self": ["child", "cyp", "he", "i", "learner", "pupil", "she", "student", "they", "x", "young", "yp"],
    "adult": [
        "adult", "adults", "class", "college", "ep", "keyworker", "nurse", "ot", "parent", "parents",
        "physio", "physiotherapist", "practitioner", "practitioners", "professionals", "provider", "salt",
        "school", "senco", "sendco", "service", "services", "setting", "slt", "specialist", "staff", "ta",
        "tas", "teacher", "teachers", "team", "therapist", "we",
    ],
    "not_names": [
        "ability", "able", "access", "continue", "daily", "encourage", "help", "how", "it", "learning",
        "need", "needs", "opportunities", "opportunity", "programme", "provide", "regular", "sessions",
        "support", "there", "this", "time", "use", "weekly", "what", "when", "who", "work", "you",
    ],
    "verbs": [
        "am", "are", "be", "can", "could", "did", "do", "does", "enjoys", "finds", "gets", "had", "has",
        "have", "is", "knows", "likes", "makes", "may", "might", "must", "needs", "says", "shall", "should",
        "struggles", "to", "uses", "wants", "was", "were", "will", "would",
    ],
    "name": "^[A-Z][a-z]+(?:'s)? (?:to|will|can|is|has|should|would|may|needs|finds|enjoys|likes|uses)\\b",
}
ABOUT = (
    "The analyser's learned weights, written by send_outcomes/analysis/fit.py from corpus/ "
    "(run 'make model'; never edit by hand). Each feature's row holds integer weights (fitted weight times "
    "'scale'): one per kind in 'kinds', then one per criterion in 'criteria'. Read by "
    "send_outcomes/analysis/model.py and send_outcomes/js/analyser.js."
)


def inputs_hash() -> str:
    """A hash of every input file's bytes and of the fit settings: the model's identity."""
    digest = hashlib.sha256()
    for path in input_files():
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.exists() else b"missing")
    digest.update(json.dumps(SETTINGS, sort_keys=True).encode())
    return digest.hexdigest()


def _skeleton(
    weights: Mapping[str, Sequence[int]] | None = None, settings: Mapping[str, Any] = SETTINGS
) -> dict[str, Any]:
    return {
        "kinds": list(KINDS),
        "criteria": list(settings["criteria"]),
        "scale": settings["scale"],
        "max_words": settings["max_words"],
        "confident": settings["confident"],
        "word": settings["word"],
        "groups": list(settings["groups"]),
        "ends": settings["ends"],
        "section_words": settings["section_words"],
        "form": dict(FORM) if settings["form"] else None,
        "char": settings["char"],
        "char_n": list(settings["char_n"]),
        "bias": [0] * (len(KINDS) + len(settings["criteria"])),
        "weights": dict(weights or {}),
    }


def featurise(
    rows: Sequence[Row], settings: Mapping[str, Any] = SETTINGS
) -> list[tuple[list[str], list[str] | None, list[str] | None]]:
    """For each row: kind features without section, with section (or None), and criteria features (the
    n-gram buckets "g:" repeated once per distinct word that has them: they are counts)."""
    rules = load_rules()
    reader_model = compile_model(_skeleton(settings=settings))
    out = []
    for row in rows:
        s = normalise(row.text[: rules.max_chars], rules)
        reader = _Reader(rules, s)
        _, _, plain = observe(reader, reader_model, None)
        plain += char_grams(reader_model, reader.word_list)
        with_section = None
        if row.section:
            section_reader = _Reader(rules, s)
            with_section = observe(section_reader, reader_model, row.section)[2]
            with_section += char_grams(reader_model, section_reader.word_list)
        extra = None
        if row.kind in OUTCOME_LIKE:
            extra = plain + observe_criteria(_Reader(rules, s), row.kind)[4]
        out.append((plain, with_section, extra))
    return out


def _fit_lr(
    docs: list[list[str]],
    labels: list[Any],
    vocab: list[str],
    weights: list[float],
    settings: Mapping[str, Any] = SETTINGS,
) -> tuple[list[str], Any, Any]:
    """A logistic regression on binary features, each document weighing ``weights``: (classes,
    coefficient matrix, intercepts)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    index = {f: i for i, f in enumerate(vocab)}
    indptr, cols, vals = [0], [], []
    for d in docs:
        count: dict[int, int] = {}
        for f in d:
            if f in index:  # a word feature counts once; an n-gram bucket once per word that has it
                count[index[f]] = count.get(index[f], 0) + 1 if f.startswith("g:") else 1
        for i in sorted(count):
            cols.append(i)
            vals.append(float(count[i]))
        indptr.append(len(cols))
    x = csr_matrix((np.asarray(vals), cols, indptr), shape=(len(docs), len(vocab)))
    lr = LogisticRegression(
        C=settings["C"], max_iter=5000, tol=1e-8, class_weight=settings.get("class_weight")
    )
    lr.fit(x, labels, sample_weight=np.asarray(weights))
    return list(lr.classes_), lr.coef_, lr.intercept_


def source_weights(rows: Sequence[Row], power: float, ours: float = 1.0) -> list[float]:
    """Each row's weight in the fit: 1 / (rows from its source) ** ``power``, times ``ours`` for a statement
    of ours (not published), scaled to average 1."""
    size: dict[str, int] = {}
    for r in rows:
        size[r.source] = size.get(r.source, 0) + 1
    raw = [size[r.source] ** -power * (1.0 if r.published else ours) for r in rows]
    mean = sum(raw) / len(raw) if raw else 1.0
    return [w / mean for w in raw]


def fit(rows: Sequence[Row], override: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The model (as the JSON object model.json holds) fitted on ``rows``, with ``SETTINGS`` (updated by
    ``override``, which only the model-selection bench passes)."""
    settings = {**SETTINGS, **(override or {})}
    feats = featurise(rows, settings)
    weight = source_weights(rows, settings["source_power"], settings["ours_weight"])
    df: dict[str, int] = {}
    for plain, with_section, _ in feats:
        for f in set(plain) | {f for f in with_section or () if f.startswith("sw:")}:
            df[f] = df.get(f, 0) + 1
    text_prefixes = ("w:", "b:", "f:", "f2:", "fx:", "l:", "l2:", "sw:", "g:")
    keep = {f for f, n in df.items() if n >= settings["min_df"] or not f.startswith(text_prefixes)}
    docs, labels, dw = [], [], []
    for row, (plain, with_section, _), w in zip(rows, feats, weight, strict=True):
        docs.append(plain)
        labels.append(row.kind)
        dw.append(w)
        if with_section is not None:
            docs.append(with_section)
            labels.append(row.kind)
            dw.append(w)
            keep.update(f for f in with_section if not f.startswith(text_prefixes))
    scale = settings["scale"]
    width = len(KINDS) + len(settings["criteria"])
    table: dict[str, list[float]] = {}
    bias = [0.0] * width
    vocab = sorted(keep)
    classes, coef, intercept = _fit_lr(docs, labels, vocab, dw, settings)
    for k, kind in enumerate(KINDS):
        if kind not in classes:
            bias[k] = -1e3  # never seen in the fitting part: never chosen
            continue
        c = classes.index(kind)
        bias[k] = float(intercept[c])
        for i, f in enumerate(vocab):
            table.setdefault(f, [0.0] * width)[k] = float(coef[c][i])
    for j, criterion in enumerate(settings["criteria"]):
        col = len(KINDS) + j
        cdocs, clabels, cw = [], [], []
        for row, (_, _, extra), w in zip(rows, feats, weight, strict=True):
            if extra is not None and row.criteria[criterion] is not None:
                cdocs.append(extra)
                clabels.append(int(bool(row.criteria[criterion])))
                cw.append(w)
        if len(set(clabels)) < 2:  # one answer only (or none): a constant
            bias[col] = 1e3 if clabels and clabels[0] else -1e3
            continue
        cvocab = sorted({f for d in cdocs for f in d if f in keep or f[:2] in ("K:", "h:", "c:")})
        _, ccoef, cint = _fit_lr(cdocs, clabels, cvocab, cw, settings)
        bias[col] = float(cint[0])
        for i, f in enumerate(cvocab):
            table.setdefault(f, [0.0] * width)[col] = float(ccoef[0][i])
    rounded = {f: [round(w * scale) for w in table[f]] for f in sorted(table)}
    strength = {f: max(abs(w) for w in ints) for f, ints in rounded.items()}
    kept = [f for f in rounded if strength[f] > settings["prune"]]
    kept = sorted(kept, key=lambda f: (-strength[f], f))[: settings["max_features"]]
    weights = {f: rounded[f] for f in sorted(kept)}
    model = _skeleton(weights, settings)
    model["bias"] = [round(b * scale) for b in bias]
    company = fit_company(rows, settings, scale, KINDS)
    if company is not None:
        model["company"] = company
    return model


def _part(source: str, folds: int) -> int:
    """The fixed part a source falls in when the company model's inputs are made (not the bench's parts)."""
    return int(hashlib.sha256(("company " + source).encode()).hexdigest(), 16) % folds


def fit_company(
    rows: Sequence[Row], settings: Mapping[str, Any], scale: int, kinds: Sequence[str]
) -> dict[str, Any] | None:
    """The company model (as model.json holds it), or None when the settings have none.

    Its inputs must look as they will when it is used: scores from a model that has never seen the
    statement's source. So the rows are split by source into parts, and each part is read by a model fitted
    on the other parts (with the company model off); the shares come from those same readings."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from send_outcomes.analysis.statement import alone_scores, companies

    c = settings.get("company")
    if not c:
        return None
    rules = load_rules()
    plain = {**settings, "company": None}
    totals: list[list[int] | None] = [None] * len(rows)
    for part in range(c["folds"]):
        inside = [r for r in rows if _part(r.source, c["folds"]) != part]
        if not inside:
            continue
        model = compile_model(fit(inside, plain))
        for i, r in enumerate(rows):
            if _part(r.source, c["folds"]) == part:
                totals[i] = alone_scores(r.text, rules, model)
    empty = {**c, "scores": [], "shares": {}, "bias": []}
    probe = compile_model({**_skeleton(settings=settings), "company": empty})
    by_source: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_source.setdefault(r.source, []).append(i)
    lists = list(by_source.values())
    mixed = int(c.get("mixed", 0))
    if mixed:  # lists drawn across sources, as a whole plan pasted without its sections reads
        shuffled = sorted(
            range(len(rows)), key=lambda i: hashlib.sha256((rows[i].source + rows[i].text).encode()).digest()
        )
        lists += [shuffled[a : a + mixed] for a in range(0, len(shuffled), mixed)]
    x, y = [], []
    names = [k + ":" + str(b) for k in kinds for b in range(c["buckets"])]
    for members in lists:
        read = [None if totals[i] is None else best_kind(totals[i], len(kinds)) for i in members]  # type: ignore[arg-type]
        for i, told in zip(members, companies(read, len(kinds)), strict=True):
            total = totals[i]
            if total is None or told is None or sum(told) < c["min"] or not unsure(probe, total):
                continue
            shifts, shares = company_inputs(probe, total, told)
            x.append([v / scale for v in shifts] + [1.0 if n in shares else 0.0 for n in names])
            y.append(rows[i].kind)
    if len(set(y)) < 2:
        return None
    lr = LogisticRegression(C=settings["C"], max_iter=5000, tol=1e-8)
    lr.fit(np.asarray(x), y)
    coef = {k: lr.coef_[list(lr.classes_).index(k)] for k in kinds if k in lr.classes_}
    classes = list(lr.classes_)
    bias = [round(float(lr.intercept_[classes.index(k)]) * scale) if k in coef else -(10**6) for k in kinds]
    n = len(kinds)
    return {
        **c,
        "scores": [[round(float(coef[k][j]) * scale) if k in coef else 0 for j in range(n)] for k in kinds],
        "shares": {
            name: [round(float(coef[k][n + i]) * scale) if k in coef else 0 for k in kinds]
            for i, name in enumerate(names)
        },
        "bias": bias,
    }


def fitted(rows: Sequence[Row], override: Mapping[str, Any] | None = None) -> Model:
    """The compiled model fitted on ``rows`` (the bench fits one per held-out part)."""
    return compile_model(fit(rows, override))


def write(model: Mapping[str, Any], digest: str) -> bytes:
    out = {"about": ABOUT, "inputs": digest, **model}
    return (json.dumps(out, ensure_ascii=True, separators=(",", ":"), sort_keys=False) + "\n").encode()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m send_outcomes.analysis.fit", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only say whether model.json is up to date")
    args = parser.parse_args(argv)
    digest = inputs_hash()
    if args.check:
        current = json.loads(MODEL_PATH.read_text(encoding="utf-8")).get("inputs")
        print(
            "model.json is up to date" if current == digest else "model.json is out of date: run make model"
        )
        return 0 if current == digest else 1
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        rows = fitting_rows(read_all())
    except CorpusError as err:
        print(f"fit: {err}", file=sys.stderr)
        return 2
    MODEL_PATH.write_bytes(write(fit(rows), digest))
    size = MODEL_PATH.stat().st_size
    print(f"wrote {MODEL_PATH.name}: {len(rows)} statements, {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
