"""Made-up answers, the one home of every synthetic learner: the demo class, the report rehearsal, the tests.

Three families, each for its own purpose:

- from the key (``right_answers``, ``wrong_answers``, ``half_answers``): for tests. Derived, never
  hard-coded, so a change to the content cannot make a test pass by accident: the expected score is always
  computed from the same spec the grader reads.
- by quality (``answers_for``): the demo class (``send-outcomes course demo``), whose notebooks are really
  autograded. Its rewrites and provision are written here, never copied from a model answer, so a leak check
  on the feedback still means something.
- by ability (``answers_by_ability``): the report rehearsal's class of any size, making the mix-ups real
  classes make (provision read as an outcome, a rewrite with no time frame, the wrong professional).

Every maker is deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import random
from typing import Any

from send_outcomes.specs import load_spec

Spec = dict[str, Any]


def right_answers(spec: Spec) -> dict[str, Any]:
    """The answers a learner who gets everything right would save (fix drafts are the model answers)."""
    kind = spec["type"]
    if kind == "sort":
        return {"placements": {i["id"]: i["kind"] for i in spec["items"]}}
    if kind == "fix":
        return {"drafts": {r["id"]: r["model_answer"] for r in spec["rounds"]}}
    if kind == "jigsaw":
        pieces = {
            p["id"]: {"choice": "use", "holder": p["holder"]} if p["role"] == "piece" else {"choice": "aside"}
            for p in spec["pieces"]
        }
        provision = {p["id"]: p["model_provision"] for p in spec["pieces"] if p["role"] == "piece"}
        return {"pieces": pieces, "provision": provision}
    if kind == "thread":
        return {
            "links": {
                part["case"]: {
                    link["aspiration"]: {
                        key: link[key] if link[key] is not None else "missing"
                        for key in ("need", "outcome", "provision")
                    }
                    for link in part["links"]
                }
                for part in spec["parts"]
            }
        }
    return {}


def wrong_answers(spec: Spec) -> dict[str, Any]:
    """Every item answered, every one wrong (a different category, holder or card)."""
    kind = spec["type"]
    if kind == "sort":
        cats = [c["id"] for c in spec["categories"]]
        return {"placements": {i["id"]: next(c for c in cats if c != i["kind"]) for i in spec["items"]}}
    if kind == "jigsaw":
        return {
            "pieces": {
                p["id"]: {"choice": "aside"} if p["role"] == "piece" else {"choice": "use", "holder": ""}
                for p in spec["pieces"]
            }
        }
    if kind == "thread":
        links: dict[str, Any] = {}
        for part in spec["parts"]:
            links[part["case"]] = {}
            for link in part["links"]:
                row = {}
                for key, column in (("need", "needs"), ("outcome", "outcomes"), ("provision", "provision")):
                    others = [c["id"] for c in part[column] if c["id"] != link[key]]
                    row[key] = others[0] if link[key] is None else "missing"
                links[part["case"]][link["aspiration"]] = row
        return {"links": links}
    if kind == "fix":
        return {"drafts": {r["id"]: r["original"] for r in spec["rounds"]}}
    return {}


def half_answers(spec: Spec) -> dict[str, Any]:
    """Right answers for every other item, the rest left out (for a thread: every other aspiration)."""
    right = right_answers(spec)
    out: dict[str, Any] = {}
    if spec["type"] == "thread":
        rows = [(case, asp, row) for case, by_asp in right["links"].items() for asp, row in by_asp.items()]
        for case, asp, row in rows[::2]:
            out.setdefault("links", {}).setdefault(case, {})[asp] = row
        return out
    for key, value in right.items():
        ids = sorted(value)
        out[key] = {i: value[i] for i in ids[::2]}
    return out


# ---- by quality: the demo class ---------------------------------------------------------------------------
# Rewrites a learner might write for fix-the-outcome-a1: good ones, and weak ones (not the model answers).
GOOD_DRAFTS = {
    "round-1": "By the end of Year 4, Ruby will get changed for PE by herself within ten minutes so she "
    "starts the lesson with her friends.",
    "round-2": "By the end of Year 9, Dev will join the chess club at lunchtime twice a week and play at "
    "least one game with another pupil.",
    "round-3": "By the summer term of Year 6, Hana will answer a question aloud in front of her class at "
    "least three times a week.",
    "round-4": "By the end of his first term in Reception, Finn will wait for his turn in a music game with "
    "two friends and stay with the group.",
    "round-5": "By the end of her first year at college, Grace will go to a weekly placement at a stables, "
    "arrive on time and finish her list of jobs.",
}
WEAK_DRAFTS = {
    "round-1": "Ruby will be better at PE.",
    "round-2": "Dev will be happier at lunchtime.",
    "round-3": "Hana will be more confident in class.",
    "round-4": "Finn will learn to share.",
    "round-5": "Grace will get a job.",
}
# Provision a learner might write for the jigsaw: complete (how much, how often, who) and without "who".
GOOD_PROVISION = {
    "piece-1": "The asthma nurse meets Theo and his family for 30 minutes twice a year to update his "
    "exercise plan.",
    "piece-3": "A physiotherapist works with Theo for 45 minutes every fortnight and gives his family daily "
    "exercises.",
    "piece-5": "A speech and language therapist spends two sessions making a waterproof board with Theo, "
    "then one visit a term to update it.",
    "piece-7": "An occupational therapist spends one visit at the pool with Theo's family, then reviews the "
    "plan each term.",
    "piece-8": "A support worker from the short breaks service goes with Theo to the pool for three hours on "
    "two Saturdays a month.",
}
PARTIAL_PROVISION = "Some help for 30 minutes every week."


def _wrong_set(ids: list[str], quality: str, rng: random.Random) -> tuple[set[str], set[str]]:
    """Which items a learner gets wrong and which they leave unanswered, for a quality level."""
    n = len(ids)
    share = {"right": 0.0, "mostly": 0.2, "half": 0.5, "few": 0.8, "wrong": 1.0, "unknown-ids": 0.3}
    if quality == "one-wrong":
        return {rng.choice(ids)}, set()
    if quality == "started":
        return set(), set(ids[3:])
    if quality == "none":
        return set(), set(ids)
    k = round(share[quality] * n)
    return set(rng.sample(ids, k)), set()


def _sort_answers(spec: Spec, quality: str, rng: random.Random) -> dict[str, Any]:
    ids = [i["id"] for i in spec["items"]]
    wrong, blank = _wrong_set(ids, quality, rng)
    cats = [c["id"] for c in spec["categories"]]
    placements = {}
    for item in spec["items"]:
        if item["id"] in blank:
            continue
        kind = item["kind"]
        placements[item["id"]] = cats[(cats.index(kind) + 1) % len(cats)] if item["id"] in wrong else kind
    if quality == "unknown-ids":
        placements["no-such-statement"] = "outcome"
    return {"placements": placements, "checked": {}, "tries": {}}


def _fix_answers(spec: Spec, quality: str, rng: random.Random) -> dict[str, Any]:
    ids = [r["id"] for r in spec["rounds"]]
    wrong, blank = _wrong_set(ids, quality, rng)
    drafts = {}
    for rnd in spec["rounds"]:
        rid = rnd["id"]
        if rid in blank:
            continue
        drafts[rid] = WEAK_DRAFTS.get(rid, rnd["original"]) if rid in wrong else GOOD_DRAFTS.get(rid, "")
    if quality == "unknown-ids":
        drafts["no-such-round"] = GOOD_DRAFTS["round-1"]
    return {"drafts": drafts, "checks": {}, "shown": {}, "round": 0}


def _jigsaw_answers(spec: Spec, quality: str, rng: random.Random) -> dict[str, Any]:
    ids = [p["id"] for p in spec["pieces"]]
    wrong, blank = _wrong_set(ids, quality, rng)
    holders = [h["id"] for h in spec["holders"]]
    pieces: dict[str, Any] = {}
    provision: dict[str, str] = {}
    for n, piece in enumerate(spec["pieces"]):
        pid = piece["id"]
        if pid in blank:
            continue
        real = piece["role"] == "piece"
        if pid not in wrong:
            pieces[pid] = {"choice": "use", "holder": piece["holder"]} if real else {"choice": "aside"}
            if real:
                provision[pid] = GOOD_PROVISION.get(pid, PARTIAL_PROVISION)
        elif real and n % 2:
            accepted = {piece["holder"], *piece.get("also_accept", [])}
            other = next(h for h in holders if h not in accepted)
            pieces[pid] = {"choice": "use", "holder": other}  # right piece, wrong holder: half a point
            provision[pid] = PARTIAL_PROVISION
        elif real:
            pieces[pid] = {"choice": "aside"}
        else:
            pieces[pid] = {"choice": "use", "holder": holders[0]}
    if quality == "unknown-ids":
        pieces["no-such-piece"] = {"choice": "use", "holder": holders[0]}
    return {"pieces": pieces, "provision": provision, "checks": 0, "tries": {}, "shown": {}}


def _thread_answers(spec: Spec, quality: str, rng: random.Random) -> dict[str, Any]:
    slots = [
        (part["case"], link["aspiration"], key)
        for part in spec["parts"]
        for link in part["links"]
        for key in ("need", "outcome", "provision")
    ]
    wrong, blank = _wrong_set([f"{c}/{a}/{k}" for c, a, k in slots], quality, rng)
    links: dict[str, dict[str, dict[str, str]]] = {}
    for part in spec["parts"]:
        for link in part["links"]:
            row = links.setdefault(part["case"], {}).setdefault(link["aspiration"], {})
            for key, column in (("need", "needs"), ("outcome", "outcomes"), ("provision", "provision")):
                slot = f"{part['case']}/{link['aspiration']}/{key}"
                if slot in blank:
                    continue
                right = link[key] or "missing"
                if slot in wrong:
                    others = [c["id"] for c in part[column] if c["id"] != right] + ["missing"]
                    row[key] = next(o for o in others if o != right)
                else:
                    row[key] = right
    if quality == "unknown-ids":
        links["no-such-case"] = {"x": {"need": "y"}}
    return {"links": links, "checks": {}, "tries": {}, "part": 0}


_MAKERS = {"sort": _sort_answers, "fix": _fix_answers, "jigsaw": _jigsaw_answers, "thread": _thread_answers}


def answers_for(exercise_id: str, quality: str, rng: random.Random) -> dict[str, Any]:
    """The answers a learner of ``quality`` saves for one exercise (``{}`` for "none")."""
    spec = load_spec(exercise_id)
    if quality == "none":
        return {}
    return _MAKERS[spec["type"]](spec, quality, rng)


# ---- by ability: the report rehearsal ----------------------------------------------------------------------
# Where a learner who gets a statement wrong most often puts it (the confusions the course is about).
LIKELY_MIXUP = {
    "provision": ["outcome", "target"],
    "target": ["outcome", "provision"],
    "outcome": ["target", "aspiration"],
    "aspiration": ["outcome", "need"],
    "need": ["provision", "outcome"],
}
WEAK_ENDINGS = ("", " by the end of the year", " with support from staff", " every week")


def _sort_by_ability(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    kinds = [c["id"] for c in spec["categories"]]
    placements = {}
    for item in spec["items"]:
        roll = rng.random()
        if roll < ability:
            placements[item["id"]] = item["kind"]
        elif roll < 0.97:
            options = [k for k in LIKELY_MIXUP.get(item["kind"], kinds) if k in kinds]
            placements[item["id"]] = options[0] if rng.random() < 0.7 else rng.choice(options)
        # else: left unplaced
    return {"placements": placements}


def _fix_by_ability(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    drafts = {}
    for rnd in spec["rounds"]:
        roll = rng.random()
        if roll < ability * 0.8:
            drafts[rnd["id"]] = rnd["model_answer"]
        elif roll < 0.92:
            drafts[rnd["id"]] = rnd["original"].rstrip(".") + rng.choice(WEAK_ENDINGS) + "."
        elif roll < 0.96:
            drafts[rnd["id"]] = rnd["original"]
    return {"drafts": drafts}


def _jigsaw_by_ability(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    holders = [h["id"] for h in spec["holders"]]
    pieces: dict[str, dict[str, str]] = {}
    provision: dict[str, str] = {}
    for piece in spec["pieces"]:
        roll = rng.random()
        if piece["role"] != "piece":
            pieces[piece["id"]] = {"choice": "aside" if roll < ability + 0.1 else "use", "holder": ""}
            continue
        if roll < ability:
            pieces[piece["id"]] = {"choice": "use", "holder": piece["holder"]}
        elif roll < ability + (1 - ability) * 0.6:
            wrong = [h for h in holders if h != piece["holder"] and h not in piece.get("also_accept", [])]
            pieces[piece["id"]] = {"choice": "use", "holder": rng.choice(wrong)}
        elif roll < 0.95:
            pieces[piece["id"]] = {"choice": "aside", "holder": ""}
        write = rng.random()
        if write < ability:
            provision[piece["id"]] = piece["model_provision"]
        elif write < 0.9:
            provision[piece["id"]] = piece["text"] + " with help from staff."
    return {"pieces": pieces, "provision": provision}


def _thread_by_ability(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    links: dict[str, dict[str, dict[str, str]]] = {}
    for part in spec["parts"]:
        cards = {"need": part["needs"], "outcome": part["outcomes"], "provision": part["provision"]}
        for link in part["links"]:
            row = {}
            for key in ("need", "outcome", "provision"):
                right = "missing" if link[key] is None else link[key]
                roll = rng.random()
                # The missing link is the hard one: learners tend to fill it with something.
                if roll < (ability * 0.7 if right == "missing" else ability):
                    row[key] = right
                elif roll < 0.95:
                    row[key] = rng.choice([c["id"] for c in cards[key] if c["id"] != right] or ["missing"])
            links.setdefault(part["case"], {})[link["aspiration"]] = row
    return {"links": links}


_BY_ABILITY = {
    "sort": _sort_by_ability,
    "fix": _fix_by_ability,
    "jigsaw": _jigsaw_by_ability,
    "thread": _thread_by_ability,
}


def answers_by_ability(spec: Spec, ability: float, rng: random.Random) -> dict[str, Any]:
    """A learner of ``ability`` (0-1) making the course's common mix-ups: the report rehearsal's class."""
    return _BY_ABILITY[spec["type"]](spec, ability, rng)
