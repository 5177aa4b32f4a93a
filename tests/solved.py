"""Answers derived from a spec's key, for tests: all right, all wrong, and half right.

Derived, never hard-coded, so a change to the content cannot make a test pass by accident: the expected score
is always computed from the same spec the grader reads.
"""

from __future__ import annotations

from typing import Any

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
