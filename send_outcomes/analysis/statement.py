"""``analyse(text)``: the kind of one statement and, for outcomes and targets, its SMART criteria.

Every word list, pattern and message lives in ``data/rules.json``; this module is only the decision procedure,
and ``js/analyser.js`` is the same procedure line for line, so that a learner gets the same verdict in a
notebook, on the command line and on the static site (``tests/analyser/test_analyser_parity.py`` holds
them to it).

How a statement is read (the order matters, and is the same in both engines):

1. Normalise: the first ``max_chars`` characters only (so 1 MB of text costs no more than a paragraph),
   curly apostrophes and dashes made plain, every run of white space made one space.
2. Kind. The first future marker ("will", "shall", "For Mia to", or "By the end of Year 9, I am") is found.
   A hope or wish *before* it ("We hope Amara will ...", "By age 21, I want ...") makes an aspiration, even
   with a date. With no future marker the statement is provision when it describes support ("32.5 hours of
   support per week") and otherwise a need (the child now). With one, support words ("will receive", "staff
   will", "will attend a group") make provision; a long time frame (a Year, key stage, age, named term,
   months) makes an outcome; a short one (this term, half term, weeks) or a count of trials makes a target;
   anything else is an outcome. A statement with no future marker that names no difficulty but names support
   ("Specialist teaching from the sensory service", "Priority seating") is provision too; a difficulty
   before a refusal ("is frightened of dogs and will not walk past the park") is a need.
3. The head: the word the future marker (or the "To" of an infinitive stub) introduces, after words that
   carry no action of their own ("will *not*", "will *be able to*", "will *learn to*", "will *have*
   visited", "-ly" adverbs). There is no closed list of action verbs: any head is an action ("will
   *scoot*", "will *iron*") unless it is a vague verb ("develop", "thrive", "flourish"), a state ("be",
   "feel", "become"; "get upset", "stay calm"), or an action on an abstract object ("manage his
   *emotions*", "show better *attention*").
4. Criteria, for outcomes **and targets** (a target is a small outcome and should be just as SMART; the
   labelled statements in tests/data mark targets on the same five criteria):
   specific = the head is an action followed by a detail in the same clause ("write *her name*", not "read
   perfectly"); measurable = the head is an action, or there is a count ("4 out of 5", "twice a week");
   achievable = no absolute ("always", "100%") and no removal of a condition; time-bound = any time frame;
   person-centred = names the child (or "I", "he", "she") and nothing puts the service's benefit first.
5. The decision. The rules' verdicts above are features of a linear model fitted on a labelled corpus of
   statements as plans and guides publish them (``model.py``, ``fit.py``, ``corpus/``), beside the words
   themselves and the plan section when it is known. The model decides the kind and, for outcomes and
   targets, specific, measurable and time-bound; achievable and person-centred stay with the rules. Where
   the model keeps the rules' verdict, the feedback is the rules' (their words as evidence); where it
   differs, the evidence is the statement's words that weighed most for its verdict. ``confidence`` is the
   model's probability for the kind; below ``confident`` the feedback asks the question that decides
   between the two likeliest kinds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from send_outcomes.analysis import model as learned
from send_outcomes.analysis.model import Model, load_model
from send_outcomes.analysis.notebook_html import analysis_html
from send_outcomes.analysis.rules import Rules, ascii_lower, load_rules

KINDS = ("aspiration", "need", "provision", "target", "outcome")
CRITERIA = ("specific", "measurable", "achievable", "time_bound")
OUTCOME_LIKE = ("outcome", "target")
FIVE = (*CRITERIA, "person_centred")


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
    confidence: float = 1.0  # the model's probability for this kind, 0-1, 2 places

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
            "confidence": self.confidence,
        }

    def _repr_html_(self) -> str:
        return analysis_html(self.to_dict())


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
    """Every non-empty match of every pattern, in reading order (overlaps are merged later, for evidence)."""
    return sorted(m.span() for p in patterns for m in p.finditer(s) if m.end() > m.start())


class _Reader:
    """The matches of every group in one normalised statement, found only when asked for, and cached."""

    def __init__(self, rules: Rules, s: str) -> None:
        self.rules = rules
        self.s = s
        self.low = ascii_lower(s)
        self._first: dict[str, int | None] = {}
        self._spans: dict[str, list[Span]] = {}
        self._has: dict[str, bool] = {}
        self.word_list: list[str] = []  # the words the model reads (set by ``observe``)
        self._words: list[tuple[str, int, int]] | None = None

    def words(self) -> list[tuple[str, int, int]]:
        """The words the model reads, with their places (found once, only for evidence)."""
        if self._words is None:
            self._words = learned.place_words(self.word_list, self.low)
        return self._words

    def _on(self, group: str) -> str:
        return self.low if group in self.rules.lowered else self.s

    def spans(self, group: str) -> list[Span]:
        if group not in self._spans:
            on = self._on(group)
            allowed = self.rules.filters.get(group)
            if allowed is None:
                self._spans[group] = _spans(self.rules.groups[group], on)
            else:  # a match counts only when its first captured word is in the group's word set
                self._spans[group] = sorted(
                    m.span()
                    for p in self.rules.groups[group]
                    for m in p.finditer(on)
                    if m.group(1) in allowed
                )
        return self._spans[group]

    def first(self, group: str) -> int | None:
        """Where the group's first match starts: one search per pattern, not a scan for every match."""
        if group not in self._first:
            found = self.spans(group) if group in self.rules.filters else self._spans.get(group)
            if found is None:
                on = self._on(group)
                starts = []
                for p in self.rules.groups[group]:
                    m = p.search(on)
                    if m is not None and m.end() == m.start():  # an empty match: let the full scan decide
                        found = self.spans(group)
                        break
                    if m is not None:
                        starts.append(m.start())
            self._first[group] = (
                (found[0][0] if found else None) if found is not None else min(starts, default=None)
            )
        return self._first[group]

    def has(self, group: str) -> bool:
        """Whether the group matches at all (asked again, answered from a cache: the rules' kind and the
        model's features ask about the same groups)."""
        found = self._has.get(group)
        if found is None:
            found = self._has[group] = self._search(group)
        return found

    def _search(self, group: str) -> bool:
        """Whether the group matches at all: stops at the first pattern that does."""
        if group in self._first:
            return self._first[group] is not None
        if group in self._spans or group in self.rules.filters:
            return bool(self.spans(group))
        on = self._on(group)
        for p in self.rules.groups[group]:
            m = p.search(on)
            if m is not None:
                return m.end() > m.start() or bool(self.spans(group))
        return False

    def marker(self) -> tuple[int, int] | None:
        """The span of the first future marker ("will", "For Mia to", "By the end of Year 9, I am")."""
        best: tuple[int, int] | None = None
        for group in ("future", "time_lead"):
            if self.first(group) is None:
                continue
            span = min(sp for sp in self.spans(group) if sp[0] == self.first(group))
            if best is None or span[0] < best[0]:
                best = span
        return best

    def evidence(self, *groups: str) -> tuple[str, ...]:
        """The matched words of these groups, overlapping matches merged, in reading order, at most N."""
        spans = sorted(sp for g in groups for sp in self.spans(g))
        return _merged(self.s, spans, self.rules.max_evidence)


def _merged(source: str, spans: list[Span], limit: int) -> tuple[str, ...]:
    out: list[str] = []
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
    return tuple(unique[:limit])


Token = tuple[str, int, int]  # the lowered word (or punctuation mark), its start and its end


def _tokens(rules: Rules, low: str, pos: int) -> list[Token]:
    """At most ``head.max_tokens`` tokens from ``pos``: the head and its clause are always near the marker."""
    out: list[Token] = []
    limit = rules.limit("max_tokens")
    for m in rules.token.finditer(low, pos):
        out.append((m.group(), m.start(), m.end()))
        if len(out) >= limit:
            break
    return out


def _is_word(tok: str) -> bool:
    return tok[0].isascii() and tok[0].isalnum()


def _head_index(rules: Rules, toks: list[Token]) -> int | None:
    """The index of the head word: the first token after the marker that is not a helper word."""
    w = rules.words
    n = len(toks)
    i = 0
    for _ in range(rules.limit("skip_limit")):
        if i >= n:
            return None
        t = toks[i][0]
        nxt = toks[i + 1][0] if i + 1 < n else ""
        if t in w["skip"] or (len(t) > 4 and t.endswith("ly") and t not in w["ly_verbs"]):
            i += 1
        elif t in w["skip_to"] and nxt == "to":
            i += 2
        elif (t == "be" and (nxt in w["be_skip"] or (len(nxt) > 4 and nxt.endswith("ing")))) or (
            t in ("have", "has") and (nxt.endswith("ed") or nxt in w["participles"])
        ):
            i += 1  # "will be living", "will be able to", "will have visited": the next word is the head
        else:
            break
    if i < n and _is_word(toks[i][0]):
        return i
    return None


def _head_verdict(rules: Rules, toks: list[Token], i: int) -> str:
    """ "action", or why not: "vague" (vague verb, abstract object) or "state" (be, feel, get upset)."""
    w = rules.words
    n = len(toks)
    t = toks[i][0]
    nxt = toks[i + 1][0] if i + 1 < n else ""
    if t in w["vague_verbs"] or (t + " " + nxt) in w["vague_verbs"]:
        return "vague"
    if t in w["link_verbs"]:
        return "state"
    window = rules.limit("object_window")
    if t in w["state_verbs"]:
        j = i + 1
        while j < n and j - i <= window and toks[j][0] in w["intensifiers"]:
            j += 1
        if j < n and toks[j][0] in w["states"]:
            return "state"
    j = i + 1
    while j < n and j - i <= window and toks[j][0] in w["determiners"]:
        j += 1
    # a run of describing words ("social", "literacy and numeracy") ends in the object; the object is abstract
    # unless a concrete noun follows it ("communication book", "feelings fan")
    while j < n and j - i <= window + 2:
        t = toks[j][0]
        if t not in w["modifiers"] and t not in w["abstract"]:
            break
        after = toks[j + 1][0] if j + 1 < n else ""
        ends = after not in w["modifiers"] and after not in w["abstract"]
        if t in w["abstract"] and after not in w["compound_heads"] and ends:
            return "vague"
        j += 1
    return "action"


@dataclass(frozen=True)
class _Head:
    """What the child is asked to do: the head word's verdict, its span, and the detail that follows it."""

    verdict: str  # "action", "vague", "state" or "none"
    span: tuple[int, int] | None  # the head word, and its detail words when there are any
    detail: bool


def _head(r: _Reader) -> tuple[_Head, tuple[int, int] | None]:
    # an infinitive stub ("To learn the digraphs sh, ch and th") has no future marker, but its first word
    # leads to the head just as "will" does; it decides the criteria, never the kind
    marker = r.marker() or (r.spans("infinitive") or [None])[0]
    if marker is None:
        return _Head("none", None, False), None
    toks = _tokens(r.rules, r.low, marker[1])
    i = _head_index(r.rules, toks)
    if i is None:
        return _Head("none", None, False), marker
    verdict = _head_verdict(r.rules, toks, i)
    end = toks[i][2]
    candidates: list[Span] = []
    for t, a, b in toks[i + 1 : i + 1 + r.rules.limit("detail_words")]:
        if not _is_word(t):
            break
        end = b
        if t not in r.rules.words["non_detail"]:
            candidates.append((a, b))
    # a deadline is the time-bound criterion, not a detail: "read well by Christmas" names no detail
    frames = r.spans("time_long") + r.spans("time_short") if candidates else []
    detail = any(not any(fa <= a and b <= fb for fa, fb in frames) for a, b in candidates)
    return _Head(verdict, (toks[i][1], end), detail), (marker[0], toks[i][2])


def _words(evidence: tuple[str, ...]) -> str:
    return ", ".join("'" + e + "'" for e in evidence)


def _fill(template: str, evidence: tuple[str, ...] = (), n: int = 0) -> str:
    if "{" not in template:  # most messages have no blanks: no work to do
        return template
    # {n} first, so that learner text shown as evidence is never itself filled in
    return template.replace("{n}", f"{n:,}").replace("{words}", _words(evidence))


def _kind(r: _Reader) -> tuple[str, tuple[str, ...]]:
    """The kind, and the groups whose words show it (read only if the rules' kind is kept; for an outcome
    the words are found later, with the head word)."""
    fut = r.first("future")
    first_lead = r.first("time_lead")
    if first_lead is not None and (fut is None or first_lead < fut):
        fut = first_lead
    asp = r.first("aspiration")
    if asp is not None and (fut is None or asp < fut):
        return "aspiration", ("aspiration",)
    if fut is None:
        if r.has("provision") or r.has("provider"):
            return "provision", ("provision", "provider")
        if r.has("need"):
            return "need", ("need",)
        # no verb about the child and no difficulty: a list of support ("Priority seating near the front")
        if r.has("support"):
            return "provision", ("support",)
        return "need", ()
    if r.has("negated"):
        need = r.first("need")
        if need is not None and need < fut:
            # "Rosa is frightened of dogs and will not walk past the park": what the child does now
            return "need", ("need",)
    if r.has("provision") or r.has("provider"):
        return "provision", ("provision", "provider")
    if not r.has("time_long") and (r.has("time_short") or r.has("trial_count")):
        return "target", ("time_short", "trial_count")
    return "outcome", ()


def _criteria(r: _Reader, head: _Head) -> tuple[dict[str, bool], bool, list[Feedback]]:
    m = r.rules.messages
    out: list[Feedback] = []
    action = head.verdict == "action"
    head_words = _merged(r.s, [head.span] if head.span else [], 1)

    specific = action and head.detail
    if specific:
        out.append(Feedback("specific", True, head_words, _fill(m["specific"]["met"], head_words)))
    else:
        ev = head_words if head.verdict in ("vague", "state") else r.evidence("vague")
        key = "missed_vague" if ev else "missed"
        out.append(Feedback("specific", False, ev, _fill(m["specific"][key], ev)))

    # an action is enough, so the counts are looked for only when there is none
    measurable = action or r.has("count")
    if measurable:
        ev = head_words if action else r.evidence("count")
        out.append(Feedback("measurable", True, ev, _fill(m["measurable"]["met"], ev)))
    else:
        ev = head_words if head.verdict in ("vague", "state") else r.evidence("vague")
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


def _learned_evidence(
    r: _Reader, rows: learned.Known, column: int, against: int | None, sign: int = 1
) -> tuple[str, ...]:
    """The statement's words whose weights pushed the decision most, in reading order."""
    spans = []
    words = r.words()
    skip = r.rules.words["evidence_skip"]
    found = learned.contributions(rows, column, against, sign)
    # words that carry no meaning alone ("a", "by") are weighed, but never shown as the reason
    shown = 0
    for _, f in found:
        if shown == r.rules.max_evidence:
            break
        if all(w in skip for w in f.split(":", 1)[1].split(" ")):
            continue
        shown += 1
        span = learned.feature_span(words, f)
        if span is not None:
            spans.append(span)
    return _merged(r.s, sorted(spans), r.rules.max_evidence)


def _decided(m: Any, message: str, evidence: tuple[str, ...]) -> str:
    return message + (_fill(m["learned"]["decided"], evidence) if evidence else "")


def _question(m: Any, kind: str, other: str) -> str:
    """The question that decides between the two likeliest kinds, asked when the evidence is weak."""
    pair = "|".join(sorted((kind, other)))
    q = m["question"].get(pair) or m["question"]["any"]
    return q.replace("{kind}", kind).replace("{other}", other)


def observe(reader: _Reader, model: Model, section: str | None) -> tuple[str, tuple[str, ...], list[str]]:
    """The rules' kind, the groups that show it, and the features the model weighs for the kind."""
    rule_kind, kind_ev = _kind(reader)
    groups = [g for g in model.groups if reader.has(g)]
    words = reader.word_list = model.word.findall(reader.low)[: model.max_words]
    return rule_kind, kind_ev, learned.kind_features(model, rule_kind, groups, section, words, reader.s)


def observe_criteria(
    reader: _Reader, kind: str
) -> tuple[_Head, Any, dict[str, bool], list[Feedback], list[str]]:
    """The head, the rules' criteria and their feedback, and the features the criteria are weighed on."""
    head, lead = _head(reader)
    smart, person, feedback = _criteria(reader, head)
    values = {**smart, "person_centred": person}
    return head, lead, values, feedback, learned.criteria_features(kind, head.verdict, head.detail, values)


class _Read(NamedTuple):
    """A statement read once, up to its kind scores alone: what ``analyse`` decides from, and what
    ``analyse_all`` reads every statement of a list to first (so no statement is read twice)."""

    original: str
    tail: tuple[Feedback, ...]  # the note that the text was cut, if it was
    reader: _Reader | None  # None for a statement with no text
    rule_kind: str
    shown_by: tuple[str, ...]
    rows: learned.Known
    total: list[int]


def _read(text: object, rules: Rules, model: Model, section: object) -> _Read:
    original = _as_text(text)
    limit = rules.max_chars
    s = normalise(original[:limit], rules)
    cut = len(original) > limit
    tail = (Feedback("length", False, (), _fill(rules.messages["length"], n=limit)),) if cut else ()
    if not s:
        return _Read(original, tail, None, "", (), [], [])
    reader = _Reader(rules, s)
    rule_kind, shown_by, features = observe(reader, model, learned.clean_section(section))
    rows = learned.known(model, features)
    if model.char:
        rows += learned.char_rows(model, reader.word_list)
    return _Read(original, tail, reader, rule_kind, shown_by, rows, learned.sums(model, rows))


def analyse(
    text: object,
    rules: Rules | None = None,
    *,
    section: object = None,
    model: Model | None = None,
    company: Sequence[int] | None = None,
) -> Analysis:
    """Classify one statement and check it; never raises, and costs the same for 1 MB as for 2,000 chars.

    ``section`` is the plan section the statement sits in ("A" to "K"), when it is known: it is strong
    evidence of the kind. ``company``: when the statement is one of a list, how many of the others read as
    each kind (in ``KINDS`` order; ``analyse_all`` counts them). ``model`` is for the bench, which fits one
    model per held-out source.
    """
    rules = rules or load_rules()
    model = model or load_model()
    return _judge(_read(text, rules, model, section), rules, model, company)


def _judge(read: _Read, rules: Rules, model: Model, company: Sequence[int] | None) -> Analysis:
    """The verdict on a statement read by ``_read``: its kind (in ``company`` when given), and for an
    outcome or target its criteria, with the feedback for each."""
    original, tail, reader, rule_kind, shown_by, rows, total = read
    m = rules.messages
    if reader is None:
        empty = Feedback("text", False, (), m["empty"])
        smart = dict.fromkeys(CRITERIA, False)
        return Analysis(original, "outcome", smart, False, (empty, *tail), 0.0)

    mine: learned.Known | None = None  # the rows of the statement's own words, found once if needed
    best, second, confidence = learned.decide_kind(model, total)
    alone = model.kinds[best]
    together = learned.company_scores(model, total, company)
    if together is not None:
        best, second, confidence = learned.decide_kind(model, together, model.scale**2)
    kind = model.kinds[best]
    met = kind in OUTCOME_LIKE
    said = ""  # what the company changed, when it did
    if kind != alone:
        said = " " + m["company"].replace("{n}", str(sum(company or ()))).replace("{alone}", alone)
    if kind != rule_kind:
        mine = learned.words_only(rows)
        kind_ev = _learned_evidence(reader, mine, best, model.kinds.index(rule_kind))
    else:
        kind_ev = reader.evidence(*shown_by) if shown_by else ()
    if not met:
        template = m["kind"][kind] if kind_ev or kind != "need" else m["kind"]["need_unmarked"]
        message = _fill(template, kind_ev) + said
        if confidence < model.confident:
            message += " " + _question(m, kind, model.kinds[second])
        return Analysis(
            original, kind, None, None, (Feedback("kind", False, kind_ev, message), *tail), confidence
        )

    _, lead, values, criteria, extra = observe_criteria(reader, kind)
    if (
        kind == "outcome" and lead
    ):  # the marker up to the head word: "will walk", "By the end of Year 9, I am"
        kind_ev = _merged(reader.s, [lead], rules.max_evidence)
    message = _fill(m["kind"][kind], kind_ev) + said
    if confidence < model.confident:
        message += " " + _question(m, kind, model.kinds[second])
    first = Feedback("kind", True, kind_ev, message)
    scores = learned.sums(model, learned.known(model, extra), tuple(total))
    n = len(model.kinds)
    out = list(criteria)  # in the order of FIVE; the criteria the model decides are replaced where it differs
    for j, c in enumerate(model.criteria):
        decided = scores[n + j] > 0
        if decided == values[c]:
            continue
        values[c] = decided
        if mine is None:
            mine = learned.words_only(rows)
        ev = _learned_evidence(reader, mine, n + j, None, 1 if decided else -1)
        msg = m["learned"][c]["met" if decided else "missed"]
        out[FIVE.index(c)] = Feedback(c, decided, ev, _decided(m, msg, ev))
    smart = {c: values[c] for c in CRITERIA}
    return Analysis(original, kind, smart, values["person_centred"], (first, *out, *tail), confidence)


def alone_scores(text: object, rules: Rules, model: Model, section: object = None) -> list[int] | None:
    """The kind scores the model gives a statement on its own (None when it is empty): what a statement
    tells the others in its list about the document they share."""
    read = _read(text, rules, model, section)
    return read.total if read.reader is not None else None


def companies(read: Sequence[int | None], n: int) -> list[list[int] | None]:
    """For each statement of a list, how many of the *other* statements read as each kind (None for an empty
    one, which tells and is told nothing)."""
    counts = [0] * n
    for k in read:
        if k is not None:
            counts[k] += 1
    out: list[list[int] | None] = []
    for k in read:
        if k is None:
            out.append(None)
        else:
            mine = counts.copy()
            mine[k] -= 1
            out.append(mine)
    return out


def analyse_all(
    texts: Sequence[object],
    rules: Rules | None = None,
    *,
    sections: Sequence[object] | None = None,
    model: Model | None = None,
) -> list[Analysis]:
    """Classify and check the statements of one list (a file, the lines of the checker) together: each one
    is read first on its own, then again in the company of what the others were read as, because a list of
    IEP targets, a Section F or a set of aspirations shows what kind of document it is when one statement
    cannot. A list of fewer than ``min`` + 1 statements is read statement by statement."""
    rules = rules or load_rules()
    model = model or load_model()
    where = list(sections) if sections is not None else [None] * len(texts)
    n = len(model.kinds)
    reads = [_read(t, rules, model, w) for t, w in zip(texts, where, strict=True)]
    told = companies([None if r.reader is None else learned.best_kind(r.total, n) for r in reads], n)
    return [_judge(r, rules, model, c) for r, c in zip(reads, told, strict=True)]
