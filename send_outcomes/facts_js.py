"""Write ``js/facts.js``: the shared facts in ``data/criteria.json`` and ``data/exercise_types.json`` as an ES
module, so the exercise modules read the same criteria and exercise types as Python without a copy by hand.

Why a generated module rather than reading the JSON in JavaScript: the modules are bundled into one string
for anywidget (widgets/esm.py), which has no URL to fetch from, and node 18 (Debian 12) has no dependable
JSON import. The module is committed; ``make facts`` rewrites it after a data file changes, and
tests/exercises/test_shared_data.py fails while it is out of date. Same data, same bytes: keys keep the
files' order.

Run as ``python -m send_outcomes.facts_js``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
FACTS_JS = Path(__file__).resolve().parent / "js" / "facts.js"

_HEADER = """\
// Generated from data/criteria.json and data/exercise_types.json by send_outcomes/facts_js.py
// (`make facts`); do not edit. tests/exercises/test_shared_data.py fails when this file is out of date.
//
// CRITERION_ENTRIES: the criteria a rewritten outcome is judged on, in display order: {id, label, smart}.
// EXERCISE_TYPES: type id -> {name, module, saves, analyser, answers, secret}, as the data file describes.
// Both are frozen all the way down, so no module can change a fact another module reads.

function freeze(value) {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
}
"""


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _literal(value: object) -> str:
    # JSON is a JavaScript literal; indented so a diff of the data shows as a diff of this file.
    return json.dumps(value, indent=2, ensure_ascii=False)


def render() -> str:
    """The text of facts.js for the data files as they are now."""
    criteria = _read("criteria.json")["criteria"]
    types = _read("exercise_types.json")["types"]
    return (
        _HEADER
        + f"\nexport const CRITERION_ENTRIES = freeze({_literal(criteria)});\n"
        + f"\nexport const EXERCISE_TYPES = freeze({_literal(types)});\n"
    )


def main() -> None:
    FACTS_JS.write_text(render(), encoding="utf-8", newline="\n")
    print(f"wrote {FACTS_JS}")


if __name__ == "__main__":
    main()
