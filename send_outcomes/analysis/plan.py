"""Check a whole plan: the golden thread from needs to outcomes to provision, and each outcome's quality.

A plan file (YAML or JSON; the format is described at the top of ``data/plans/good-plan.yaml`` and pinned by
``data/schema/plan.schema.json``) lists aspirations, needs, outcomes and provision. Links go one way only,
from each outcome to the needs it meets and the provision that serves it, so a plan cannot contradict itself.

Why errors name a place: a trainer fixing a 200-line plan needs to know where to look. Syntax errors give the
line and column; a wrong shape or a link to an id that does not exist gives the key path
(``outcomes[2].provision[0]``). Findings about the plan's content are not errors: they go in the report.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

# jsonschema imports rfc3987_syntax (for the "iri" string format), which builds a grammar at import: seconds
# at the start of every `send-outcomes plan`. The plan schema uses no "format" keyword, so, as specs.py does,
# the package is marked absent unless something has already imported it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import jsonschema  # noqa: E402  (after the line above, on purpose)

from send_outcomes.analysis.notebook_html import plan_html  # noqa: E402
from send_outcomes.analysis.rules import Rules, ascii_lower, compile_group, load_rules  # noqa: E402
from send_outcomes.analysis.statement import Analysis, analyse  # noqa: E402
from send_outcomes.criteria import SMART, WORDS  # noqa: E402

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "schema" / "plan.schema.json"
MAX_BYTES = 2_000_000  # a plan is a few kilobytes; refuse to parse anything absurd
MAX_ALIASES = 20  # a plan needs no YAML aliases; thousands of them are a "billion laughs" bomb
MAX_DEPTH = 50  # a plan is a few levels deep; 100,000 levels would end in a RecursionError
SECTIONS = ("aspirations", "needs", "outcomes", "provision")
_NAMES = WORDS


class PlanError(ValueError):
    """A plan file that cannot be read: the message names the file and the place (line/column or key path)."""


@dataclass(frozen=True)
class Issue:
    """One finding about a plan: a code for programs, the place, and a sentence for people."""

    code: str
    path: str
    message: str
    ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "path": self.path, "ids": list(self.ids), "message": self.message}


@dataclass(frozen=True)
class PlanReport:
    """Everything ``check_plan`` found; ``ok`` is True when there is nothing to fix."""

    plan: Mapping[str, Any]
    analyses: Mapping[str, Analysis]
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.issues

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "child": dict(self.plan.get("child") or {}),
            "counts": {s: len(self.plan.get(s) or []) for s in SECTIONS},
            "issues": [i.to_dict() for i in self.issues],
            "outcomes": {oid: a.to_dict() for oid, a in self.analyses.items()},
        }

    def to_text(self) -> str:
        name = (self.plan.get("child") or {}).get("name", "this plan")
        counts = ", ".join(f"{s}: {len(self.plan.get(s) or [])}" for s in SECTIONS)
        head = f"Plan for {name}: {counts}."
        if self.ok:
            return (
                f"{head}\nNo problems found: every need has an outcome, every outcome has provision, "
                "and each outcome reads as SMART."
            )
        lines = [head, f"{len(self.issues)} problem{'s' if len(self.issues) != 1 else ''} found:"]
        lines += [f"- [{i.path}] {i.message}" for i in self.issues]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return plan_html(self.to_dict())


def path_str(parts: Iterable[Any]) -> str:
    """``["outcomes", 2, "provision"]`` -> ``outcomes[2].provision``."""
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


@cache
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _parse(text: str, name: str) -> Any:
    if name.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise PlanError(
                f"{name}: line {err.lineno}, column {err.colno}: JSON syntax error: {err.msg}"
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = " ".join(str(x) for x in (err.context, err.problem) if x)
        raise PlanError(f"{name}: {where}YAML syntax error: {what}") from None
    except yaml.YAMLError as err:
        raise PlanError(f"{name}: YAML error: {err}") from None


def validate_plan(data: Any, name: str = "plan") -> dict[str, Any]:
    """Check the shape (JSON Schema), unique ids and links; return the plan with ids as strings."""
    if not isinstance(data, dict):
        got = "nothing" if data is None else type(data).__name__
        raise PlanError(
            f"{name}: (top level): expected a mapping with needs, outcomes and provision, got {got}"
        )
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(
        validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path)))
    )
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise PlanError(f"{name}: {path_str(first.absolute_path)}: {first.message}{more}")
    plan: dict[str, Any] = {k: v for k, v in data.items() if k not in SECTIONS}
    seen: dict[str, str] = {}
    for section in SECTIONS:
        items = []
        for n, raw in enumerate(data.get(section) or []):
            item = dict(raw)
            item["id"] = str(item["id"])
            here = path_str([section, n, "id"])
            if item["id"] in seen:
                raise PlanError(
                    f"{name}: {here}: id {item['id']!r} is used twice (also at {seen[item['id']]})"
                )
            seen[item["id"]] = here
            items.append(item)
        plan[section] = items
    ids = {s: {i["id"] for i in plan[s]} for s in SECTIONS}
    for n, outcome in enumerate(plan["outcomes"]):
        for link in ("needs", "aspirations", "provision"):
            values = [str(v) for v in outcome.get(link) or []]
            for k, value in enumerate(values):
                if value not in ids[link]:
                    known = ", ".join(sorted(ids[link])) or "none"
                    raise PlanError(
                        f"{name}: {path_str(['outcomes', n, link, k])}: no {link} item has id {value!r} "
                        f"(ids in {link}: {known})"
                    )
            outcome[link] = values
    return plan


def load_plan(source: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate a plan file; PlanError names the file and the place of the first fault."""
    path = Path(source)
    name = str(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise PlanError(f"{name}: is a folder, not a plan file") from None
    except OSError as err:
        raise PlanError(f"{name}: cannot read it ({err.strerror or err})") from None
    return parse_plan(data, name)


def _depth(data: bytes) -> int:
    """An upper bound of bracket nesting (flow style) without parsing; block style is checked by indent."""
    depth = best = 0
    for b in data:
        if b in (0x5B, 0x7B):
            depth += 1
            best = max(best, depth)
        elif b in (0x5D, 0x7D):
            depth = max(0, depth - 1)
    return best


def _indent_depth(text: str) -> int:
    best = 0
    for line in text.splitlines():
        stripped = line.lstrip(" -")
        if stripped and not stripped.startswith("#"):
            best = max(best, (len(line) - len(stripped)) // 2)
    return best


def parse_plan(data: bytes, name: str) -> dict[str, Any]:
    """Parse and validate a plan's bytes within limits: too large, not UTF-8, an alias bomb or absurd nesting
    is a PlanError with a clear message, never a hang, a memory blow-up or a RecursionError traceback."""
    if len(data) > MAX_BYTES:
        raise PlanError(f"{name}: {len(data):,} bytes is too large for a plan (limit {MAX_BYTES:,})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise PlanError(
            f"{name}: not UTF-8 text (bad byte at offset {err.start}); save it as UTF-8"
        ) from None
    if _depth(data) > MAX_DEPTH or _indent_depth(text) > MAX_DEPTH:
        raise PlanError(f"{name}: nested more than {MAX_DEPTH} levels deep; a plan is never that deep")
    if not name.lower().endswith(".json"):
        try:
            aliases = 0
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    aliases += 1
                    if aliases > MAX_ALIASES:
                        raise PlanError(
                            f"{name}: more than {MAX_ALIASES} YAML aliases (*name); a plan needs none, and "
                            "this looks like an alias bomb"
                        )
        except yaml.YAMLError:
            pass  # the loader below reports the syntax error with its line and column
    try:
        return validate_plan(_parse(text, name), name)
    except RecursionError:
        raise PlanError(f"{name}: nested too deeply to read") from None


def _pfa_applies(child: Mapping[str, Any], plan_rules: Mapping[str, Any]) -> int | None:
    """The Year (or age) that makes preparing for adulthood due, or None when it is not due yet."""
    year, age = child.get("year"), child.get("age")
    if isinstance(year, int) and year >= plan_rules["pfa_from_year"]:
        return year
    if isinstance(age, int) and age >= plan_rules["pfa_from_age"]:
        return plan_rules["pfa_from_year"]
    return None


def check_plan(plan: Mapping[str, Any] | str | os.PathLike[str], rules: Rules | None = None) -> PlanReport:
    """Find gaps in the golden thread and weak outcomes. ``plan`` is a loaded plan or a path to a file."""
    rules = rules or load_rules()
    data = load_plan(plan) if isinstance(plan, str | os.PathLike) else validate_plan(plan)
    pr = rules.raw["plan"]
    msg = pr["messages"]
    issues: list[Issue] = []
    outcomes = data["outcomes"]

    def flag(code: str, where: str, ident: str) -> None:
        """The usual problem: one item, named by its id in the message."""
        issues.append(Issue(code, where, msg[code].replace("{id}", ident), (ident,)))

    linked_needs = {n for o in outcomes for n in o["needs"]}
    for n, need in enumerate(data["needs"]):
        if need["id"] not in linked_needs:
            flag("need_without_outcome", f"needs[{n}]", need["id"])

    analyses: dict[str, Analysis] = {}
    for n, outcome in enumerate(outcomes):
        oid, where = outcome["id"], f"outcomes[{n}]"
        a = analyses[oid] = analyse(outcome["text"], rules)
        if a.kind == "provision":
            flag("outcome_is_provision", where, oid)
        elif a.kind in ("aspiration", "need"):
            text = (
                msg["outcome_wrong_kind"]
                .replace("{id}", oid)
                .replace("{kind}", f"a{'n' if a.kind[0] in 'aeiou' else ''} {a.kind}")
            )
            issues.append(Issue("outcome_wrong_kind", where, text, (oid,)))
        else:
            missed = [_NAMES[c] for c in SMART if a.smart and not a.smart[c]]
            if missed:
                words = missed[0] if len(missed) == 1 else ", ".join(missed[:-1]) + " or " + missed[-1]
                reasons = " ".join(f.message for f in a.feedback if f.criterion in SMART and not f.met)
                text = (
                    msg["outcome_not_smart"].replace("{id}", oid).replace("{criteria}", words) + " " + reasons
                )
                issues.append(Issue("outcome_not_smart", where, text, (oid,)))
            if a.person_centred is False:
                flag("outcome_not_person_centred", where, oid)
        if not outcome["provision"]:
            flag("outcome_without_provision", f"{where}.provision", oid)

    linked_provision = {p for o in outcomes for p in o["provision"]}
    for n, item in enumerate(data["provision"]):
        if item["id"] not in linked_provision:
            flag("provision_without_outcome", f"provision[{n}]", item["id"])

    if len(outcomes) > pr["max_outcomes"]:
        issues.append(
            Issue(
                "too_many_outcomes",
                "outcomes",
                msg["too_many_outcomes"].replace("{count}", str(len(outcomes))),
            )
        )

    due = _pfa_applies(data.get("child") or {}, pr)
    if due is not None:
        words = compile_group(pr["pfa_words"], rules.raw["lists"], "plan.pfa_words")
        has_pfa = any(
            o.get("preparing_for_adulthood") or any(p.search(ascii_lower(o["text"])) for p in words)
            for o in outcomes
            if analyses[o["id"]].kind in ("outcome", "target")
        )
        if not has_pfa:
            issues.append(
                Issue(
                    "no_pfa_outcome",
                    "outcomes",
                    msg["no_pfa_outcome"].replace("{year}", str(pr["pfa_from_year"])),
                )
            )
    return PlanReport(data, analyses, tuple(issues))
