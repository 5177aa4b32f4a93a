"""One cast: every fictional child has one age and one school year wherever the course mentions them.

A reader who meets Hana aged 10 with a stammer in one exercise and Hana aged 3 who does not yet speak in a
chapter stops trusting the examples. ``data/cases.json`` is the home of each recurring child's profile;
this test reads every page and data file a learner sees and collects each statement of a child's present
age ("Hana, 10", "Leon (17)", "Mustafa is twelve", "Kyle, aged 11") and present school year ("is 12 and in
Year 7", "aged 9, in Year 4"), then holds them to one value per name, to the case file where the child has a
case, and to the ages that go with that school year in England.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "send_outcomes" / "data"

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five"
)
WORDS = {w: i for i, w in enumerate(_NUMBER_WORDS.split(" "))}
# An age is a whole number: "Hana, 10", never a paragraph such as "Code of Practice, 9.62".
AGE = r"(\d{1,2}(?![.\d])|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
NAME = r"\b([A-Z][a-z]+)"
AGE_PATTERNS = [
    re.compile(
        NAME + r", " + AGE + r"\b(?![-–])(?!\s*(?:%|per|minutes|hours|days|weeks|words|out|of|or|another))"
    ),
    re.compile(NAME + r" \(" + AGE + r"[,)]"),
    re.compile(NAME + r" is " + AGE + r"\b(?! (?:minutes|hours|days|weeks|months|out))"),
    re.compile(NAME + r", aged " + AGE + r"\b"),
    re.compile(NAME + r" \(aged " + AGE + r"\)"),
]
YEAR_PATTERNS = [
    re.compile(NAME + r" is " + AGE + r",? and (?:is )?in Year (\d{1,2})\b"),
    re.compile(NAME + r", aged " + AGE + r", in Year (\d{1,2})\b"),
    re.compile(NAME + r" \(" + AGE + r", Year (\d{1,2})\)"),
]
# Capitalised words that the patterns can catch but that are not children.
NOT_NAMES = {
    "Each", "Section", "Year", "Stage", "Regulation", "Paragraph", "Chapter", "Part", "Schedule", "Age",
    "Reception",
}


def _age(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word]


def _sources() -> list[Path]:
    """What a learner or trainer reads: the book, the course data (not the analyser's corpus of published
    statements, which quotes other people's examples), and the trainers' guides."""
    files = sorted((ROOT / "book").rglob("*.md")) + sorted((ROOT / "solutions").glob("*.md"))
    files += [p for p in sorted(DATA.rglob("*"))
              if p.suffix in {".json", ".yaml"} and "schema" not in p.parts]
    return [p for p in files if p.name != "rules.json"]


def _text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    # Markdown and JSON both wrap: join lines so that "Kyle is 11 and\nin Year 6" is read whole.
    return re.sub(r"\s+", " ", text)


def _mentions() -> tuple[dict[str, set[tuple[int, str]]], dict[str, set[tuple[int, str]]]]:
    ages: dict[str, set[tuple[int, str]]] = defaultdict(set)
    years: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for path in _sources():
        text, where = _text(path), str(path.relative_to(ROOT))
        for pattern in AGE_PATTERNS:
            for m in pattern.finditer(text):
                if m.group(1) not in NOT_NAMES:
                    ages[m.group(1)].add((_age(m.group(2)), where))
        for pattern in YEAR_PATTERNS:
            for m in pattern.finditer(text):
                if m.group(1) not in NOT_NAMES:
                    ages[m.group(1)].add((_age(m.group(2)), where))
                    years[m.group(1)].add((int(m.group(3)), where))
    return ages, years


AGES, YEARS = _mentions()
CASES = {c["name"]: c for c in json.loads((DATA / "cases.json").read_text(encoding="utf-8"))["cases"]}


def _case_year(case: dict) -> int | None:
    m = re.match(r"Year (\d{1,2})\b", case["setting"])
    return int(m.group(1)) if m else None


def test_the_scan_finds_the_cast():
    """Guards the test itself: if the patterns stopped matching, every other check would pass vacuously."""
    assert len(AGES) >= 12, sorted(AGES)
    assert {"Kyle", "Mustafa", "Leon", "Hana"} <= set(AGES), sorted(AGES)


@pytest.mark.parametrize("name", sorted(AGES))
def test_a_child_has_one_age_everywhere(name):
    found = AGES[name]
    assert len({age for age, _ in found}) == 1, f"{name} has more than one age: {sorted(found)}"
    if name in CASES:
        assert {age for age, _ in found} == {CASES[name]["age"]}, (
            f"{name} is {CASES[name]['age']} in cases.json but {sorted(found)} elsewhere"
        )


@pytest.mark.parametrize("name", sorted(YEARS))
def test_a_child_is_in_one_school_year_everywhere(name):
    found = YEARS[name]
    assert len({year for year, _ in found}) == 1, f"{name} is in more than one school year: {sorted(found)}"
    if name in CASES and _case_year(CASES[name]) is not None:
        assert {year for year, _ in found} == {_case_year(CASES[name])}, (
            f"{name} is in {CASES[name]['setting']!r} in cases.json but {sorted(found)} elsewhere"
        )


@pytest.mark.parametrize("name", sorted(set(YEARS) | {n for n, c in CASES.items() if _case_year(c)}))
def test_age_fits_the_school_year(name):
    """In England a child in Year N is N + 4 or N + 5 during the school year (Reception is age 4 to 5)."""
    case_year = _case_year(CASES[name]) if name in CASES else None
    year = case_year if case_year is not None else next(iter(YEARS[name]))[0]
    age = CASES[name]["age"] if name in CASES else next(iter(AGES[name]))[0]
    assert age in (year + 4, year + 5), f"{name} is {age} but in Year {year}"
