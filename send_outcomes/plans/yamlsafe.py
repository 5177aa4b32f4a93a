"""The explicit YAML/JSON form, parsed with limits: a "billion laughs" alias bomb and 100,000-deep nesting
get a clear message, never a hang, a memory blow-up or a RecursionError traceback."""

from __future__ import annotations

from typing import Any

import yaml

from send_outcomes.analysis.plan import PlanError, _parse, validate_plan
from send_outcomes.plans.document import ReadError

MAX_BYTES = 2_000_000
MAX_ALIASES = 20
MAX_DEPTH = 50


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


def parse_explicit(data: bytes, name: str) -> dict[str, Any]:
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: {len(data):,} bytes is too large for a plan (limit {MAX_BYTES:,})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError(
            f"{name}: not UTF-8 text (bad byte at offset {err.start}); save it as UTF-8"
        ) from None
    if _depth(data) > MAX_DEPTH or _indent_depth(text) > MAX_DEPTH:
        raise ReadError(f"{name}: nested more than {MAX_DEPTH} levels deep; a plan is never that deep")
    if not name.lower().endswith(".json"):
        try:
            aliases = 0
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    aliases += 1
                    if aliases > MAX_ALIASES:
                        raise ReadError(
                            f"{name}: more than {MAX_ALIASES} YAML aliases (*name); a plan needs none, and "
                            "this looks like an alias bomb"
                        )
        except yaml.YAMLError:
            pass  # the loader below reports the syntax error with its line and column
    try:
        parsed = _parse(text, name)
        return validate_plan(parsed, name)
    except RecursionError:
        raise ReadError(f"{name}: nested too deeply to read") from None
    except PlanError as err:
        raise ReadError(str(err)) from None
