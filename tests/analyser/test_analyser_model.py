"""The fitted model: current with the corpus it was fitted from, small enough for the web page, and used.

The model is data written by ``make model`` (send_outcomes/analysis/fit.py); like the generated notebooks, a
committed copy that is older than its inputs (the corpus, our labelled sets, the fit settings) fails here.
"""

from __future__ import annotations

import csv
import json

from send_outcomes.analysis import analyse, analyse_all
from send_outcomes.analysis.corpus import CORPUS_DIR, design_sources, fitting_rows, read_all
from send_outcomes.analysis.fit import inputs_hash
from send_outcomes.analysis.model import MODEL_PATH, clean_section, load_model

MODEL = json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def _csv(name: str) -> list[dict[str, str]]:
    with (CORPUS_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_model_is_current_with_the_corpus():
    assert MODEL["inputs"] == inputs_hash(), "model.json is out of date with corpus/: run make model"


def test_model_is_small_enough_for_the_page():
    assert MODEL_PATH.stat().st_size < 150 * 1024


def test_model_rows_have_one_weight_per_kind_and_criterion():
    width = len(MODEL["kinds"]) + len(MODEL["criteria"])
    assert len(MODEL["bias"]) == width
    assert MODEL["weights"] and all(
        len(r) == width and all(isinstance(w, int) for w in r) for r in MODEL["weights"].values()
    )


def test_corpus_is_read_with_every_kind():
    kinds = {r.kind for r in read_all()}
    assert kinds == {"aspiration", "need", "provision", "target", "outcome"}


def test_confidence_is_a_probability_rounded_to_two_places():
    for text in ("Kyle will walk to school by the end of Year 6.", "A differentiated curriculum", "x"):
        c = analyse(text).confidence
        assert 0 <= c <= 1 and round(c, 2) == c


def test_section_is_read_and_anything_else_ignored():
    assert [clean_section(s) for s in ("f", " E ", "Z", "EF", None, 3)] == ["F", "E", None, None, None, None]
    text = "Access to a quiet space when she feels anxious"
    assert analyse(text, section="F").to_dict() == analyse(text, section=" f ").to_dict()
    assert analyse(text, section="Z").to_dict() == analyse(text).to_dict()


def test_section_moves_the_kind():
    """The same words read differently when the plan says where they sit."""
    text = "Having a job and earning money"
    assert analyse(text, section="A").kind == "aspiration"
    assert analyse(text, section="A").confidence >= analyse(text).confidence


def test_weak_evidence_asks_the_deciding_question():
    low = [r.text for r in read_all() if analyse(r.text).confidence < MODEL["confident"]]
    assert low, "no statement with weak evidence in the corpus"
    for text in low[:20]:
        assert "Not sure:" in analyse(text).feedback[0].message


def test_a_learned_verdict_names_the_words_that_decided_it():
    result = analyse("Opportunities for small group work")
    assert result.kind == "provision"
    assert result.feedback[0].evidence and all(e in result.text for e in result.feedback[0].evidence)


def test_the_final_test_set_is_never_fitted_on():
    """The shipped model is fitted on the design sources and our own sets only; the published sources left
    out of the design list are the final test set, and there are enough of them to mean something."""
    rows = read_all()
    fitted_on = {r.source for r in fitting_rows(rows)}
    final = {r.source for r in rows if r.published and r.source not in design_sources()}
    assert len(final) >= 30
    assert not fitted_on & final


def test_second_annotations_name_corpus_statements_with_a_kind():
    corpus = {r["id"] for r in _csv("statements.csv")}
    second = _csv("second_annotator.csv")
    assert len(second) >= 600
    assert all(r["id"] in corpus for r in second)
    assert {r["label"] for r in second} == {"aspiration", "need", "provision", "target", "outcome"}
    assert len({r["id"] for r in second}) == len(second)


def test_a_confident_verdict_stands_in_any_list():
    """Company decides only statements that are doubtful alone: a list never overturns a confident verdict."""
    model = load_model()
    by_source: dict[str, list[str]] = {}
    for r in read_all():
        by_source.setdefault(r.source, []).append(r.text)
    changed = 0
    for texts in by_source.values():
        for text, together in zip(texts, analyse_all(texts), strict=True):
            alone = analyse(text)
            if alone.confidence >= model.company["unsure"]:
                assert together.kind == alone.kind, text
            changed += together.kind != alone.kind
    assert changed > 20  # and it does decide some
