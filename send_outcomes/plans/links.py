"""From a document's blocks (or the explicit YAML/JSON form) to one plan model: items and their links.

The golden thread runs need -> outcome -> provision. Templates show it in different ways, and each is
recovered here, in this order: a table row that holds a need, an outcome and provision; a table per area of
need with rows labelled B, E, F, G; items under the same area-of-need heading in different sections;
"Outcome 3" (or "E3") written in a need or a piece of provision; and, for items still unlinked, wording
that refers back (two or more uncommon words shared).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from send_outcomes.plans.classify import kind_of
from send_outcomes.plans.data import any_match, pattern, reading
from send_outcomes.plans.document import Block, Document
from send_outcomes.plans.sections import area_of, column_of, section_of

LETTERS = "ABCDEFGHIJK"
NEED, OUTCOME, PROVISION = ("B", "C", "D"), ("E",), ("F", "G", "H")
ROLE_DETAIL = {"who": "Who", "often": "How often", "long": "How long"}


@dataclass
class Item:
    """One statement of the plan, where it sits, and what the document says about it."""

    id: str
    section: str
    text: str
    area: str | None = None
    number: int | None = None
    detail: str = ""
    pfa: bool = False

    def full(self) -> str:
        """The text with its table details (who, how often), as the specificity check reads it."""
        return f"{self.text} ({self.detail})" if self.detail else self.text


@dataclass
class Plan:
    source: str
    child: dict[str, Any] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)

    def in_sections(self, letters: tuple[str, ...]) -> list[Item]:
        return [i for i in self.items if i.section in letters]

    def neighbours(self, ident: str) -> set[str]:
        return {b if a == ident else a for a, b, _ in self.links if ident in (a, b)}

    def link(self, a: Item, b: Item, how: str) -> None:
        if a.id == b.id:
            return
        for x, y, _ in self.links:
            if {x, y} == {a.id, b.id}:
                return
        self.links.append((a.id, b.id, how))


class _Builder:
    def __init__(self, source: str) -> None:
        self.plan = Plan(source)
        self.counts: dict[str, int] = {}
        self.section: str | None = None
        self.area: str | None = None
        self.seen: dict[tuple[str, str], Item] = {}
        self.number = pattern(reading()["number_prefix"])
        self.marker = pattern(reading()["list_marker"])

    def add(self, section: str, text: str, detail: str = "", area: str | None = None) -> Item | None:
        text = self.marker.sub("", text.strip()).strip()
        if not text:
            return None
        key = (section, text)
        if key in self.seen:
            return self.seen[key]
        self.counts[section] = self.counts.get(section, 0) + 1
        item = Item(f"{section}{self.counts[section]}", section, text, area or self.area, None, detail)
        m = self.number.match(text)
        if m:
            item.number = int(m.group(1))
        self.seen[key] = item
        self.plan.items.append(item)
        return item

    def child_facts(self, text: str) -> None:
        spec = reading()["child"]
        child = self.plan.child
        s = " ".join(text.split())
        for key in ("name", "year", "age", "family"):
            m = any_match(spec[key], s)
            if not m:
                continue
            value = m.group(1).strip(" .:|")
            if key in ("year", "age"):
                child.setdefault(key, int(value))
            elif key == "family":
                child.setdefault("family", [])
                child["family"] += [v.strip() for v in re.split(r",| and |&|/", value) if v.strip()]
            else:
                child.setdefault("name", value)

    def heading(self, text: str) -> bool:
        letter = section_of(text)
        if letter:
            self.section, self.area = letter, None
            return True
        self.area = area_of(text)
        return self.area is not None

    def statement(self, block: Block) -> None:
        section = self.section
        if section is None:
            self.child_facts(block.text)
            return
        if section not in NEED + OUTCOME + PROVISION + ("A",):
            return
        if section in NEED and block.kind == "para" and kind_of(block.text, section) != "need":
            return  # narrative about the child, not a need
        self.add(section, block.text)

    def banner(self, row: Block) -> bool:
        """A row that only names a section ("Section B | Special educational needs"), as templates use to
        head a section: it is a heading, not content."""
        cells = [c for c in row.cells if c]
        where = reading()["column_sections"]
        if len({where[r] for r in (column_of(c) for c in cells) if r in where}) >= 2:
            return False  # a header row of needs, outcomes and provision columns
        if not cells or any(len(c) > 80 or c.rstrip().endswith((".", "!", "?")) for c in cells):
            return False  # a row with a statement in it is content, even when it starts "Section B"
        text = " - ".join(cells)
        if section_of(text) is None:
            return False
        self.heading(text)
        return True

    def table(self, rows: list[Block]) -> None:
        while rows and self.banner(rows[0]):
            rows = rows[1:]
        if not rows:
            return
        if self.section is None:
            for r in rows:
                cells = [c for c in r.cells if c]
                self.child_facts(": ".join(cells[:2]) if len(cells) >= 2 else r.text)
            return
        roles = [column_of(c) for c in rows[0].cells]
        placed = {r for r in roles if r in reading()["column_sections"]}
        if len(placed) >= 2:
            self._column_table(roles, rows[1:])
            return
        labels = [column_of(r.cells[0]) if r.cells else None for r in rows]
        where = reading()["column_sections"]
        if len({where[x] for x in labels if x in where}) >= 2:
            self._labelled_table(labels, rows)
            return
        self._plain_table(roles, rows)

    def _split(self, cell: str) -> list[str]:
        return [x for x in (y.strip() for y in cell.split("\n")) if x]

    def _title(self, row: Block) -> bool:
        cells = [c for c in row.cells if c]
        if len(set(cells)) == 1:
            area = area_of(cells[0])
            if area:
                self.area = area
                return True
        return False

    def _column_table(self, roles: list[str | None], rows: list[Block]) -> None:
        where = reading()["column_sections"]
        for row in rows:
            if self._title(row):
                continue
            area = self.area
            for role, cell in zip(roles, row.cells, strict=False):
                if role == "area" and cell:
                    area = area_of(cell) or area
            detail = "; ".join(
                f"{ROLE_DETAIL[r]}: {c}"
                for r, c in zip(roles, row.cells, strict=False)
                if r in ROLE_DETAIL and c
            )
            items: list[Item] = []
            for role, cell in zip(roles, row.cells, strict=False):
                if role in where:
                    sec = where[role]
                    for text in self._split(cell):
                        item = self.add(sec, text, detail if sec in PROVISION else "", area)
                        if item:
                            items.append(item)
            self._link_all(items, "same table row")

    def _labelled_table(self, labels: list[str | None], rows: list[Block]) -> None:
        where = reading()["column_sections"]
        items: list[Item] = []
        for label, row in zip(labels, rows, strict=False):
            if label not in where:
                self._title(row)
                continue
            sec = where[label]
            for cell in row.cells[1:]:
                for text in self._split(cell):
                    item = self.add(sec, text)
                    if item:
                        items.append(item)
        self._link_all(items, "same area table")

    def _plain_table(self, roles: list[str | None], rows: list[Block]) -> None:
        section = self.section or ""
        header = sum(1 for r in roles if r) >= 2
        body = rows[1:] if header else rows
        main = 0
        if header:
            for k, r in enumerate(roles):
                if r in ("need", "outcome", "provision", "health", "care"):
                    main = k
                    break
        for row in body:
            if self._title(row) or section not in NEED + OUTCOME + PROVISION + ("A",):
                continue
            cells = row.cells
            if not cells or main >= len(cells):
                continue
            names = [ROLE_DETAIL.get(r or "", "Detail") if header else "Detail" for r in roles]
            detail = "; ".join(
                f"{names[k] if k < len(names) else 'Detail'}: {c}"
                for k, c in enumerate(cells)
                if k != main and c
            )
            for text in self._split(cells[main]):
                self.add(section, text, detail if section in PROVISION else "")

    def _link_all(self, items: list[Item], how: str) -> None:
        for a in items:
            for b in items:
                if a.id < b.id and _roles_link(a, b):
                    self.plan.link(a, b, how)


def _role(item: Item) -> str:
    if item.section in NEED:
        return "need"
    if item.section in OUTCOME:
        return "outcome"
    if item.section in PROVISION:
        return "provision"
    return "other"


def _roles_link(a: Item, b: Item) -> bool:
    return _role(a) != _role(b) and "other" not in (_role(a), _role(b))


_WORD = re.compile(r"[a-z]{4,}")


def _stem(word: str) -> str:
    """A crude stem, enough to match 'recipes' with 'recipe' and 'shopping' with 'shops'."""
    if word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for end in ("ing", "ed"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[: -len(end)]
            if len(word) >= 2 and word[-1] == word[-2] and word[-1] not in "lsz":  # shopp, not miss
                word = word[:-1]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def words_of(text: str, skip: set[str]) -> set[str]:
    stop = set(reading()["stopwords"])
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in stop and w not in skip}


def _recover_links(plan: Plan) -> None:
    """Area headings, outcome numbers, then shared wording, for items the layout did not link."""
    outcomes = plan.in_sections(OUTCOME)
    numbered = any(o.number is not None for o in outcomes)
    if not numbered:
        for n, o in enumerate(outcomes, start=1):
            o.number = n
    by_number = {o.number: o for o in outcomes if o.number is not None}
    for a in plan.items:
        for b in plan.items:
            if a.id < b.id and a.area and a.area == b.area and _roles_link(a, b):
                plan.link(a, b, "same area of need")
    ref = pattern(reading()["outcome_ref"])
    for item in plan.in_sections(NEED + PROVISION):
        for m in ref.finditer(item.full()):
            nums = [int(m.group(1)), *(int(x) for x in re.findall(r"\d{1,2}", m.group(2) or ""))]
            for n in nums:
                if n in by_number:
                    plan.link(item, by_number[n], f"names outcome {n}")
    names = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", str(plan.child.get("name", "")))}
    minimum = reading()["link_min_shared"]

    def by_words(item: Item, targets: list[Item]) -> None:
        mine = words_of(item.text, names)
        best, score = None, 0
        for t in targets:
            shared = len(mine & words_of(t.text, names))
            if shared > score:
                best, score = t, shared
        if best is not None and score >= minimum:
            plan.link(item, best, "shared wording")

    for item in plan.in_sections(PROVISION):
        if not any(_role_of(plan, x) == "outcome" for x in plan.neighbours(item.id)):
            by_words(item, outcomes)
    for item in plan.in_sections(NEED):
        if not any(_role_of(plan, x) == "outcome" for x in plan.neighbours(item.id)):
            by_words(item, outcomes)


def _role_of(plan: Plan, ident: str) -> str:
    for i in plan.items:
        if i.id == ident:
            return _role(i)
    return "other"


def plan_from_document(doc: Document) -> Plan:
    b = _Builder(doc.source)
    blocks = doc.blocks
    k = 0
    max_heading = reading()["heading_max_chars"]
    while k < len(blocks):
        block = blocks[k]
        if block.kind == "row":
            rows = [block]
            while k + 1 < len(blocks) and blocks[k + 1].kind == "row" and blocks[k + 1].table == block.table:
                k += 1
                rows.append(blocks[k])
            if len(rows) == 1 and sum(1 for c in block.cells if c) == 1:
                if not b.heading(block.text):
                    b.statement(block)
            else:
                b.table(rows)
        else:
            short = len(block.text) <= max_heading and not block.text.rstrip().endswith((".", "!", "?"))
            if block.kind == "heading":
                b.heading(block.text)  # a heading that names no section or area ends the area above it
            elif not (block.kind == "para" and short and b.heading(block.text)):
                b.statement(block)
        k += 1
    _recover_links(b.plan)
    return b.plan


_AREA_SECTION = {"health": "C", "social care": "D"}


def plan_from_mapping(data: Mapping[str, Any]) -> Plan:
    """The explicit form (a validated YAML/JSON plan): ids kept, links exactly as written."""
    plan = Plan("yaml", dict(data.get("child") or {}))
    ids: dict[str, Item] = {}
    for key, section in (("aspirations", "A"), ("needs", "B"), ("outcomes", "E"), ("provision", "F")):
        for raw in data.get(key) or []:
            sec = _AREA_SECTION.get(raw.get("area", ""), section) if key == "needs" else section
            item = Item(
                str(raw["id"]),
                sec,
                raw["text"],
                raw.get("area"),
                None,
                "",
                bool(raw.get("preparing_for_adulthood")),
            )
            ids[item.id] = item
            plan.items.append(item)
    for o in data.get("outcomes") or []:
        for key in ("needs", "provision"):
            for ref in o.get(key) or []:
                plan.link(ids[str(o["id"])], ids[str(ref)], f"listed in {key}")
    for n, o in enumerate(plan.in_sections(OUTCOME), start=1):
        o.number = n
    return plan
