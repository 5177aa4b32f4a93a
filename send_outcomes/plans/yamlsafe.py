"""The explicit YAML/JSON form, read by the plan reader: the limits (size, aliases, nesting) live with the
parser in ``analysis.plan.parse_plan``, so the notebooks' ``load_plan`` and the CLI share them; here its
error becomes the reader's."""

from __future__ import annotations

from typing import Any

from send_outcomes.analysis.plan import PlanError, parse_plan
from send_outcomes.plans.document import ReadError


def parse_explicit(data: bytes, name: str) -> dict[str, Any]:
    try:
        return parse_plan(data, name)
    except PlanError as err:
        raise ReadError(str(err)) from None
