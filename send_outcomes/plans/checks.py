"""Every check on a whole plan, the same for a Word file, a PDF, pasted text and the YAML/JSON form.

Each problem carries its severity ("law": the Children and Families Act 2014, the SEND Regulations 2014 or
a "must" of the Code of Practice; "good practice": a "should" of the Code) and the paragraph it rests on,
both from ``data/plan/checks.json``, with what to ask for instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from send_outcomes.analysis.rules import ascii_lower, compile_group, load_rules
from send_outcomes.analysis.statement import CRITERIA
from send_outcomes.plans.classify import analysis_of
from send_outcomes.plans.data import any_match, checks
from send_outcomes.plans.links import NEED, OUTCOME, PROVISION, Item, Plan

LABELS = {
    "A": "Aspiration",
    "B": "Need",
    "C": "Health need",
    "D": "Social care need",
    "E": "Outcome",
    "F": "Provision",
    "G": "Health provision",
    "H": "Social care provision",
}


@dataclass(frozen=True)
class Problem:
    code: str
    section: str
    id: str
    text: str
    message: str
    severity: str
    rule: str
    ask: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def label(item: Item) -> str:
    return f"{LABELS.get(item.section, 'Item')} {item.id} (Section {item.section})"


def _problem(code: str, item: Item | None, **fill: str) -> Problem:
    spec = checks()["codes"][code]
    message = spec["message"]
    if item is not None:
        fill = {"item": label(item), "section": item.section, **fill}
    for key, value in fill.items():
        message = message.replace("{" + key + "}", value)
    return Problem(
        code,
        item.section if item else "E",
        item.id if item else "",
        item.text if item else "",
        message,
        spec["severity"],
        spec["rule"],
        spec["ask"],
    )


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def specificity(text: str) -> list[str]:
    """What a piece of provision leaves unsaid (empty when it is specified and quantified)."""
    spec = checks()
    missing: list[str] = []
    vague = any_match(spec["vague"], text)
    if vague:
        missing.append(f"it says '{vague.group(0)}'")
    if not any_match(spec["often"], text) and not any_match(spec["amount"], text):
        missing.append("it does not say how often or how much")
    if not any_match(spec["who"], text) and not any_match(spec["equipment"], text):
        missing.append("it does not say who will provide it")
    return missing


def check(plan: Plan) -> list[Problem]:
    """All problems, in the order of ``checks.json``'s ``order`` and then of the plan."""
    found: list[Problem] = []
    ids = {i.id: i for i in plan.items}

    def linked(item: Item, letters: tuple[str, ...]) -> list[Item]:
        return [ids[x] for x in plan.neighbours(item.id) if x in ids and ids[x].section in letters]

    for need in plan.in_sections(("B",)):
        outcomes = linked(need, OUTCOME)
        via = [p for o in outcomes for p in linked(o, ("F",))]
        if not linked(need, ("F",)) and not via:
            found.append(_problem("need_without_provision", need))
    for need in plan.in_sections(NEED):
        if not linked(need, OUTCOME):
            found.append(_problem("need_without_outcome", need))

    outcomes = plan.in_sections(OUTCOME)
    real_outcomes: list[Item] = []
    names = checks()["not_smart_names"]
    for o in outcomes:
        a = analysis_of(o.text, o.section)
        if a.kind == "provision":
            found.append(_problem("outcome_is_provision", o))
        elif a.kind == "aspiration":
            found.append(_problem("aspiration_as_outcome", o))
        elif a.kind == "need":
            found.append(_problem("outcome_wrong_kind", o))
        else:
            real_outcomes.append(o)
            missed = [names[c] for c in CRITERIA if a.smart and not a.smart[c]]
            if missed:
                found.append(_problem("outcome_not_smart", o, criteria=_joined(missed)))
            if a.person_centred is False:
                found.append(_problem("outcome_not_person_centred", o))
        if not linked(o, PROVISION) and a.kind != "provision":
            found.append(_problem("outcome_without_provision", o))

    spec = checks()
    for p in plan.in_sections(PROVISION):
        missing = specificity(p.full())
        if missing:
            found.append(_problem("provision_not_specific", p, missing="; ".join(missing)))
        if not linked(p, OUTCOME):
            found.append(_problem("provision_without_outcome", p))
        low = p.full().lower()
        educates = bool(any_match(spec["educates"], low))
        if (
            p.section == "F"
            and not educates
            and (any_match(spec["health_only"], low) or any_match(spec["care_only"], low))
        ):
            found.append(_problem("health_provision_in_f", p))
        if p.section in ("G", "H") and educates and not any_match(spec["health_only"], low):
            found.append(_problem("educational_provision_in_g_h", p))

    rules = load_rules()
    pr = rules.raw["plan"]
    child = plan.child
    year, age = child.get("year"), child.get("age")
    due = (isinstance(year, int) and year >= pr["pfa_from_year"]) or (
        isinstance(age, int) and age >= pr["pfa_from_age"]
    )
    if due:
        words = compile_group(pr["pfa_words"], rules.raw["lists"], "plan.pfa_words")
        if not any(o.pfa or any(w.search(ascii_lower(o.text)) for w in words) for o in real_outcomes):
            found.append(_problem("no_pfa_outcome", None, year=str(pr["pfa_from_year"])))
    if len(outcomes) > pr["max_outcomes"]:
        found.append(_problem("too_many_outcomes", None, count=str(len(outcomes))))
    order = {c: n for n, c in enumerate(spec["order"])}
    position = {i.id: n for n, i in enumerate(plan.items)}
    return sorted(found, key=lambda x: (order[x.code], position.get(x.id, -1)))
