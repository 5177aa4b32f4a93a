"""``analyse(text)``: the kind of one statement and, for outcomes and targets, its SMART criteria.

Every word list, pattern and message lives in ``data/rules.json``; this module is only the decision procedure,
and ``js/analyser.js`` is the same procedure line for line, so that a learner gets the same verdict in a
notebook, on the command line and on the static site (``tests/test_analyser_parity.py`` holds them to it).

How a statement is read (the order matters, and is the same in both engines):

1. Normalise: the first ``max_chars`` characters only (so 1 MB of text costs no more than a paragraph),
   curly apostrophes and dashes made plain, every run of white space made one space.
2. Kind. The first future marker ("will", "shall", "For Mia to", or "By the end of Year 9, I am choosing")
   is found. A hope or wish *before* it ("We hope Amara will ...", "By age 21, I want ...") makes an
   aspiration, even with a date. With no future marker the statement is provision when it describes support
   ("32.5 hours of support per week") and otherwise a need (the child now). With one, support words
   ("will receive", "staff will", "will attend a group") make provision; a long time frame (a Year, key
   stage, age, named term, months) makes an outcome; a short one (this term, half term, weeks) or a count
   of trials makes a target; anything else is an outcome.
3. Criteria, for outcomes **and targets** (a target is a small outcome and should be just as SMART; the
   labelled statements in tests/data mark targets on the same five criteria):
   specific = a concrete action followed by a detail ("write her name"), once vague phrases such as
   "develop ... skills" or "so that staff ..." are taken out; measurable = a concrete action or a count;
   achievable = no absolute ("always", "100%") and no removal of a condition; time-bound = any time frame;
   person-centred = names the child (or "I", "he", "she") and nothing puts the service's benefit first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from send_outcomes.analysis.rules import Rules, ascii_lower, load_rules

KINDS = ("aspiration", "need", "provision", "target", "outcome")
CRITERIA = ("specific", "measurable", "achievable", "time_bound")
OUTCOME_LIKE = ("outcome", "target")
# Groups read from the statement with vague phrases and service clauses taken out.
STRIPPED_GROUPS = ("action", "action_detail")


@dataclass(frozen=True)
class Feedback:
    """One line of feedback: which criterion, whether it is met, the words that decided it, what to do."""

    criterion: str
    met: bool
    evidence: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "met": self.met,
            "evidence": list(self.evidence),
            "message": self.message,
        }


@dataclass(frozen=True)
class Analysis:
    """The verdict on one statement; ``to_dict()`` is the shape the CLI, grading and analyser.js share."""

    text: str
    kind: str
    smart: dict[str, bool] | None
    person_centred: bool | None
    feedback: tuple[Feedback, ...] = field(default_factory=tuple)

    @property
    def smart_ok(self) -> bool:
        """True for an outcome or target that meets all four SMART criteria."""
        return bool(self.smart) and all(self.smart.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "smart": dict(self.smart) if self.smart is not None else None,
            "person_centred": self.person_centred,
            "feedback": [f.to_dict() for f in self.feedback],
        }

    def _repr_html_(self) -> str:
        from send_outcomes.analysis.html import analysis_html

        return analysis_html(self)


Span = tuple[int, int]


def _as_text(text: object) -> str:
    """Whatever arrives becomes a str: bytes are decoded leniently, None is empty. Never raises."""
    if text is None:
        return ""
    if isinstance(text, bytes | bytearray | memoryview):
        return bytes(text).decode("utf-8", errors="replace")
    return text if isinstance(text, str) else str(text)


def normalise(prefix: str, rules: Rules) -> str:
    s = rules.apostrophes.sub("'", prefix)
    s = rules.dashes.sub("-", s)
    s = rules.whitespace.sub(" ", s)
    return s.strip(" ")


def _spans(patterns: tuple[re.Pattern[str], ...], s: str) -> list[Span]:
    return [m.span() for p in patterns for m in p.finditer(s) if m.end() > m.start()]


def _replace(text: str, spans: list[Span]) -> str:
    out, at = [], 0
    for a, b in spans:
        out.append(text[at:a])
        out.append(" ")
        at = b
    out.append(text[at:])
    return "".join(out)


def _strip(s: str, low: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[str, str]:
    """Take out vague phrases and service clauses (each becomes one space), found in the lowered text."""
    for p in patterns:
        spans = _spans((p,), low)
        if spans:
            s, low = _replace(s, spans), _replace(low, spans)
    return s, low


class _Reader:
    """The matches of every group in one normalised statement, and the evidence they give."""

    def __init__(self, rules: Rules, s: str) -> None:
        self.rules = rules
        self.s = s
        self.low = ascii_lower(s)
        self.stripped, self.stripped_low = _strip(s, self.low, rules.groups["strip"])
        self._cache: dict[str, list[Span]] = {}

    def spans(self, group: str) -> list[Span]:
        if group not in self._cache:
            if group in STRIPPED_GROUPS:
                on = self.stripped_low if group in self.rules.lowered else self.stripped
            else:
                on = self.low if group in self.rules.lowered else self.s
            self._cache[group] = _spans(self.rules.groups[group], on)
        return self._cache[group]

    def has(self, group: str) -> bool:
        return bool(self.spans(group))

    def first(self, group: str) -> int | None:
        found = self.spans(group)
        return min(a for a, _ in found) if found else None

    def evidence(self, *groups: str) -> tuple[str, ...]:
        """The matched words of these groups, overlapping matches merged, in reading order, at most N.

        Groups are merged only with groups read from the same text (the plain or the stripped statement);
        the lists of the two texts are then joined in the order the groups are given.
        """
        out: list[str] = []
        for stripped in (False, True):
            source = self.stripped if stripped else self.s
            spans = sorted(sp for g in groups if (g in STRIPPED_GROUPS) == stripped for sp in self.spans(g))
            cur: list[int] | None = None
            for a, b in spans:
                if cur is not None and a <= cur[1]:
                    cur[1] = max(cur[1], b)
                    continue
                if cur is not None:
                    out.append(source[cur[0] : cur[1]])
                cur = [a, b]
            if cur is not None:
                out.append(source[cur[0] : cur[1]])
        unique: list[str] = []
        for e in out:
            e = e.strip(" ")
            if e and e not in unique:
                unique.append(e)
        return tuple(unique[: self.rules.max_evidence])


def _words(evidence: tuple[str, ...]) -> str:
    return ", ".join("'" + e + "'" for e in evidence)


def _fill(template: str, evidence: tuple[str, ...] = (), n: int = 0) -> str:
    # {n} first, so that learner text shown as evidence is never itself filled in
    return template.replace("{n}", f"{n:,}").replace("{words}", _words(evidence))


def _kind(r: _Reader) -> tuple[str, tuple[str, ...]]:
    fut = r.first("future")
    lead = r.first("time_lead")
    if lead is not None and (fut is None or lead < fut):
        fut = lead
    asp = r.first("aspiration")
    if asp is not None and (fut is None or asp < fut):
        return "aspiration", r.evidence("aspiration")
    if fut is None:
        if r.has("provision"):
            return "provision", r.evidence("provision")
        return "need", r.evidence("need")
    if r.has("provision"):
        return "provision", r.evidence("provision")
    if not r.has("time_long") and (r.has("time_short") or r.has("trial_count")):
        return "target", r.evidence("time_short", "trial_count")
    return "outcome", r.evidence("future", "time_lead")


def _criteria(r: _Reader) -> tuple[dict[str, bool], bool, list[Feedback]]:
    m = r.rules.messages
    out: list[Feedback] = []

    specific = r.has("action_detail")
    if specific:
        ev = r.evidence("action_detail")
        out.append(Feedback("specific", True, ev, _fill(m["specific"]["met"], ev)))
    else:
        ev = r.evidence("vague")
        key = "missed_vague" if ev else "missed"
        out.append(Feedback("specific", False, ev, _fill(m["specific"][key], ev)))

    measurable = r.has("action") or r.has("count")
    if measurable:
        ev = r.evidence("action", "count")
        out.append(Feedback("measurable", True, ev, _fill(m["measurable"]["met"], ev)))
    else:
        ev = r.evidence("vague")
        key = "missed_vague" if ev else "missed"
        out.append(Feedback("measurable", False, ev, _fill(m["measurable"][key], ev)))

    achievable = not r.has("absolute")
    ev = () if achievable else r.evidence("absolute")
    out.append(
        Feedback("achievable", achievable, ev, _fill(m["achievable"]["met" if achievable else "missed"], ev))
    )

    time_bound = r.has("time_long") or r.has("time_short")
    ev = r.evidence("time_long", "time_short") if time_bound else ()
    out.append(
        Feedback("time_bound", time_bound, ev, _fill(m["time_bound"]["met" if time_bound else "missed"], ev))
    )

    service = r.has("service")
    person = r.has("person") and not service
    if person:
        ev = r.evidence("person")
        out.append(Feedback("person_centred", True, ev, _fill(m["person_centred"]["met"], ev)))
    elif service:
        ev = r.evidence("service")
        out.append(Feedback("person_centred", False, ev, _fill(m["person_centred"]["missed_service"], ev)))
    else:
        out.append(Feedback("person_centred", False, (), _fill(m["person_centred"]["missed"])))

    smart = {
        "specific": specific,
        "measurable": measurable,
        "achievable": achievable,
        "time_bound": time_bound,
    }
    return smart, person, out


def analyse(text: object, rules: Rules | None = None) -> Analysis:
    """Classify one statement and check it; never raises, and costs the same for 1 MB as for 2,000 chars."""
    rules = rules or load_rules()
    original = _as_text(text)
    limit = rules.max_chars
    truncated = len(original) > limit
    s = normalise(original[:limit], rules)
    m = rules.messages
    tail = (Feedback("length", False, (), _fill(m["length"], n=limit)),) if truncated else ()
    if not s:
        empty = Feedback("text", False, (), m["empty"])
        smart = dict.fromkeys(CRITERIA, False)
        return Analysis(original, "outcome", smart, False, (empty, *tail))

    reader = _Reader(rules, s)
    kind, kind_ev = _kind(reader)
    met = kind in OUTCOME_LIKE
    template = m["kind"][kind] if kind_ev or kind != "need" else m["kind"]["need_unmarked"]
    first = Feedback("kind", met, kind_ev, _fill(template, kind_ev))
    if not met:
        return Analysis(original, kind, None, None, (first, *tail))
    smart, person, criteria = _criteria(reader)
    return Analysis(original, kind, smart, person, (first, *criteria, *tail))
