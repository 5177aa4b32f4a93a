"""The fitted model: current with the corpus it was fitted from, small enough for the web page, and used.

The model is data written by ``make model`` (send_outcomes/analysis/fit.py); like the generated notebooks, a
committed copy that is older than its inputs (the corpus, our labelled sets, the fit settings) fails here.
"""

from __future__ import annotations

import json

from send_outcomes.analysis import analyse
from send_outcomes.analysis.corpus import read_all
from send_outcomes.analysis.fit import inputs_hash
from send_outcomes.analysis.model import MODEL_PATH, clean_section

MODEL = json.loads(MODEL_PATH.read_text(encoding="utf-8"))


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
