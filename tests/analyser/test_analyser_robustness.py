"""Bad input never breaks the analyser: arbitrary strings, NULs, surrogates, 1 MB, markup.

Speed is measured in bench/analyser.py, not here (no timed tests); this file proves that a 1 MB input
returns, and that only the bounded prefix is read.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from send_outcomes.analysis import KINDS, Analysis, analyse
from send_outcomes.analysis.notebook_html import analysis_html

# Any code point at all, with surrogates (Cs) and control characters such as NUL (Cc) drawn often.
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(), st.characters(categories=["Cs", "Cc"])), max_size=400)
WORDY = st.lists(
    st.sampled_from(
        [
            "will",
            "by",
            "the",
            "end",
            "of",
            "Year",
            "6",
            "I",
            "want",
            "Mia",
            "receive",
            "always",
            "so",
            "that",
            "staff",
            "<b>",
            "\x00",
            "\ud83d",
            "😀",
            "term",
            "out",
            "5",
            ",",
            ".",
        ]
    ),
    max_size=60,
).map(" ".join)


def _check_shape(a: Analysis) -> None:
    d = a.to_dict()
    assert d["kind"] in KINDS
    if d["kind"] in ("outcome", "target"):
        assert set(d["smart"]) == {"specific", "measurable", "achievable", "time_bound"}
        assert all(isinstance(v, bool) for v in d["smart"].values())
        assert isinstance(d["person_centred"], bool)
    else:
        assert d["smart"] is None and d["person_centred"] is None
    assert d["feedback"] and all(isinstance(f["message"], str) and f["message"] for f in d["feedback"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(ANY_TEXT)
def test_any_string_gives_a_well_formed_result(text):
    a = analyse(text)
    assert a.text == text
    _check_shape(a)


@settings(max_examples=300, deadline=None)
@given(WORDY)
def test_statement_like_noise_gives_a_well_formed_result(text):
    _check_shape(analyse(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_binary_junk_is_decoded_not_raised(data):
    _check_shape(analyse(data))


@settings(max_examples=100, deadline=None)
@given(ANY_TEXT)
def test_html_rendering_never_leaks_markup(text):
    html = analysis_html(analyse("<script>alert(1)</script>" + text))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_one_megabyte_returns_and_only_the_prefix_is_read():
    big = ("By the end of Year 6, Amir will read a book. " * 25_000)[:1_000_000]
    a = analyse(big)
    assert len(a.text) == 1_000_000
    assert a.kind == "outcome"
    assert a.feedback[-1].criterion == "length"


def test_pathological_repetition_returns():
    for chunk in ("will ", "by the end of ", "a" * 50 + " ", "so that staff ", "0 out of "):
        _check_shape(analyse(chunk * 20_000))


def test_markup_in_statement_is_escaped_in_html():
    evil = '<img src=x onerror="alert(1)"> Mia will walk to school by the end of Year 6.'
    html = analyse(evil)._repr_html_()
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_plan_report_html_escapes_names_and_messages():
    from send_outcomes.analysis import check_plan

    plan = {
        "child": {"name": "<b>Bo</b>"},
        "needs": [{"id": "N1", "text": "Bo finds <i>reading</i> hard."}],
        "outcomes": [{"id": "O1", "text": "<script>x</script>", "needs": ["N1"], "provision": []}],
        "provision": [],
    }
    html = check_plan(plan)._repr_html_()
    assert "<b>Bo</b>" not in html and "&lt;b&gt;Bo&lt;/b&gt;" in html
    assert "<script>" not in html
