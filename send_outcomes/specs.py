"""Load exercise specs: validated against the JSON Schema, cross-checked, resolved, stripped for assessment.

The content of every exercise is written once, as data under ``send_outcomes/data``. The same resolved spec
feeds the Python widgets in JupyterLab, the Sphinx directive that places exercises on the static site, and
the grading functions, so a typo in a spec must fail loudly at load time, naming the file and the place in
it, rather than as a blank widget in front of a learner.

``load_spec(id)`` returns the *resolved* spec (with the answer key): statement references in a sort
exercise are replaced by the statements themselves, and the case's name and story are attached.
``public_spec(spec)`` removes everything a learner must not see in assessment mode.
"""

from __future__ import annotations

import copy
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

# jsonschema imports rfc3987_syntax (for the "iri" string format), which builds a grammar at import: 1.2 s
# in every fresh kernel that shows an exercise. Our schemas use no "format" keyword, and jsonschema treats
# the package as optional, so it is marked absent unless something has already imported it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from jsonschema import Draft202012Validator  # noqa: E402  (after the line above, on purpose)

from send_outcomes.exercise_types import TYPES  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
EXERCISES = DATA / "exercises"
SCHEMA = DATA / "schema" / "exercise.schema.json"

Spec = dict[str, Any]


class SpecError(ValueError):
    """A spec file is missing, is not valid JSON, breaks the schema or names something missing."""


def read_json(path: Path, error: type[ValueError] = SpecError) -> Any:
    """A course data file's JSON; a missing or broken file raises ``error`` naming the file (and the line)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise error(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None


@cache
def _validator() -> Draft202012Validator:
    schema = read_json(SCHEMA)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def statements() -> dict[str, dict[str, Any]]:
    """The statement bank, by id."""
    bank = read_json(DATA / "statements.json")["statements"]
    return {s["id"]: s for s in bank}


@cache
def cases() -> dict[str, dict[str, Any]]:
    """The fictional children used across the exercises, by id."""
    return {c["id"]: c for c in read_json(DATA / "cases.json")["cases"]}


def spec_paths() -> dict[str, Path]:
    """Every spec file, practice and assessment, by exercise id (the file name without .json)."""
    paths = sorted(EXERCISES.glob("*.json")) + sorted((EXERCISES / "assessment").glob("*.json"))
    return {p.stem: p for p in paths}


def _where(path: list[str | int]) -> str:
    return "/" + "/".join(str(p) for p in path) if path else "(top level)"


def validate(data: Any, source: Path | str) -> None:
    """Raise SpecError listing every schema violation and broken reference, each with its JSON path."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    problems = [f"{_where(list(e.absolute_path))}: {e.message}" for e in errors]
    if not problems:
        problems = _reference_problems(data)
    if problems:
        raise SpecError(f"{source}: invalid exercise spec\n  " + "\n  ".join(problems))


def _reference_problems(spec: Spec) -> list[str]:
    """Checks the schema cannot express: ids that must exist elsewhere and ids that must be unique."""
    problems: list[str] = []
    kind = spec["type"]
    if kind == "sort":
        categories = {c["id"] for c in spec["categories"]}
        for i, ref in enumerate(spec["items"]):
            st = ref if isinstance(ref, dict) else statements().get(ref)
            if st is None:
                problems.append(f"/items/{i}: no statement {ref!r} in statements.json")
            elif st["kind"] not in categories:
                problems.append(f"/items/{i}: statement {st['id']!r} is a {st['kind']}, not a category here")
        problems += _unique([ref["id"] if isinstance(ref, dict) else ref for ref in spec["items"]], "/items")
        missing_hints = sorted(categories - set(spec["hints"]))
        if missing_hints:
            problems.append(f"/hints: no hint for {', '.join(missing_hints)}")
    elif kind == "fix":
        problems += _unique([r["id"] for r in spec["rounds"]], "/rounds")
        problems += [
            f"/rounds/{i}/case: no case {r['case']!r} in cases.json"
            for i, r in enumerate(spec["rounds"])
            if r["case"] not in cases()
        ]
    elif kind == "jigsaw":
        if spec["case"] not in cases():
            problems.append(f"/case: no case {spec['case']!r} in cases.json")
        holders = {h["id"] for h in spec["holders"]}
        problems += _unique([p["id"] for p in spec["pieces"]], "/pieces")
        for i, piece in enumerate(spec["pieces"]):
            for who in [piece.get("holder"), *piece.get("also_accept", [])]:
                if who is not None and who not in holders:
                    problems.append(f"/pieces/{i}: holder {who!r} is not in /holders")
    elif kind == "thread":
        for i, part in enumerate(spec["parts"]):
            if part["case"] not in cases():
                problems.append(f"/parts/{i}/case: no case {part['case']!r} in cases.json")
            columns = {
                c: {card["id"] for card in part[c]} for c in ("aspirations", "needs", "outcomes", "provision")
            }
            problems += _unique([cid for ids in columns.values() for cid in ids], f"/parts/{i}")
            linked = [link["aspiration"] for link in part["links"]]
            if sorted(linked) != sorted(columns["aspirations"]):
                problems.append(f"/parts/{i}/links: need exactly one link per aspiration")
            for j, link in enumerate(part["links"]):
                for key, column in (("need", "needs"), ("outcome", "outcomes"), ("provision", "provision")):
                    if link[key] is not None and link[key] not in columns[column]:
                        problems.append(
                            f"/parts/{i}/links/{j}/{key}: {link[key]!r} is not one of the {column}"
                        )
    return problems


def _unique(ids: list[str], where: str) -> list[str]:
    seen: set[str] = set()
    dupes = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    return [f"{where}: duplicate id {d!r}" for d in dupes]


def resolve(spec: Spec) -> Spec:
    """Attach what the front ends need from the bank and the cases: one self-contained dict per widget."""
    out = copy.deepcopy(spec)
    if out["type"] == "sort":
        out["items"] = [
            {
                k: (ref if isinstance(ref, dict) else statements()[ref])[k]
                for k in ("id", "text", "kind", "why")
            }
            for ref in spec["items"]
        ]
    elif out["type"] == "fix":
        for rnd in out["rounds"]:
            rnd["name"] = cases()[rnd["case"]]["name"]
    elif out["type"] == "jigsaw":
        case = cases()[out["case"]]
        out["name"], out["story"] = case["name"], case["story"]
    elif out["type"] == "thread":
        for part in out["parts"]:
            case = cases()[part["case"]]
            part["name"], part["age"], part["story"] = case["name"], case["age"], case["story"]
    return out


def load_spec(exercise_id: str) -> Spec:
    """The validated, resolved spec of one exercise, answer key included."""
    return copy.deepcopy(_load(exercise_id))


@cache
def _load(exercise_id: str) -> Spec:
    path = spec_paths().get(exercise_id)
    if path is None:
        known = ", ".join(sorted(spec_paths()))
        raise SpecError(f"no exercise {exercise_id!r}; the exercises are: {known}")
    data = read_json(path)
    validate(data, path)
    if data["id"] != exercise_id:
        raise SpecError(f"{path}: /id is {data['id']!r} but the file is named {exercise_id}.json")
    return resolve(data)


# Keys that give an answer away, removed from assessment specs before they reach a learner's screen.
_SECRET = {tid: t.secret for tid, t in TYPES.items()}


def public_spec(spec: Spec) -> Spec:
    """The spec without its answer key, as released in assessment mode.

    Provision checks stay: they are the published criteria (how much, how often, who), not answers.
    """
    out = copy.deepcopy(spec)
    secret = _SECRET[out["type"]]
    for key in secret["spec"]:
        out.pop(key, None)
    for list_key, keys in secret.items():
        if list_key == "spec":
            continue
        for entry in out.get(list_key, []):
            for key in keys:
                entry.pop(key, None)
    return out


PUBLIC_DIR = "exercise-data"


def learner_spec(exercise_id: str, folder: str | Path = ".") -> Spec:
    """The spec as a learner's kernel needs it, never with an assessment key.

    An assessed assignment is released with ``exercise-data/<id>.json`` beside its notebook: the public
    spec, written with the master notebooks. When that copy is there it is used, so a learners' JupyterHub
    image can be built without the package's keyed assessment specs (solutions/deploy/z2jh/Dockerfile
    removes them); the key then exists only where the trainer marks. With no copy (a laptop session, the
    practice notebooks) the packaged spec is used, stripped in assessment mode.
    """
    path = Path(folder) / PUBLIC_DIR / f"{exercise_id}.json"
    if path.is_file():
        data = read_json(path)
        if not isinstance(data, dict) or data.get("id") != exercise_id or data.get("mode") != "assessment":
            raise SpecError(f"{path}: not the released copy of exercise {exercise_id!r}")
        return public_spec(data)
    spec = load_spec(exercise_id)
    return public_spec(spec) if spec["mode"] == "assessment" else spec


def all_specs() -> dict[str, Spec]:
    """Every spec, loaded and validated: used by the tests and by the site build."""
    return {eid: load_spec(eid) for eid in spec_paths()}
