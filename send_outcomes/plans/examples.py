"""Write the example plans (fictional children) as .docx, .pdf and .txt from their data.

Run ``python -m send_outcomes.plans.examples`` after changing ``data/plan/examples/*.json``. Each JSON file
holds one plan's content, its council-style layout and the problems planted in it (``expected``); every
other need, outcome and piece of provision is meant to be sound. The layouts are the ones templates use:
A-K headings with numbered lists under area-of-need subheadings; a person-centred template; one table per
area of need with B/E/F/G rows; a single Need/Outcome/Provision/Who/How often table; E before B; a landscape
Section F table. Output is deterministic in content (the .pdf byte for byte; a .docx zip stamps its time).
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from send_outcomes.plans.data import DATA

EXAMPLES = DATA / "examples"
Element = tuple[Any, ...]
SECTION_TITLES = {
    "A": "Section A – The views, interests and aspirations of the child and their parents",
    "B": "Section B – Special educational needs",
    "C": "Section C – Health needs related to SEN",
    "D": "Section D – Social care needs",
    "E": "Section E – Outcomes",
    "F": "Section F – Special educational provision",
    "G": "Section G – Health provision",
    "H": "Section H1 – Social care provision",
    "I": "Section I – Placement",
    "J": "Section J – Personal budget",
    "K": "Section K – Advice and information",
}


def specs() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]


def _prov(p: dict[str, str]) -> str:
    extra = ", ".join(x for x in (p.get("who"), p.get("often")) if x)
    return f"{p['text']} ({extra})" if extra else p["text"]


def _front(s: dict[str, Any]) -> list[Element]:
    c = s["child"]
    return [
        ("title", f"Education, Health and Care Plan for {c['name']}"),
        (
            "table",
            [
                ["Name", c["name"]],
                ["Year group", f"Year {c['year']}"],
                ["Parent/carer", ", ".join(c["family"])],
            ],
            {},
        ),
    ]


def _tail() -> list[Element]:
    return [
        ("h", 1, SECTION_TITLES["I"]),
        ("p", "Name and type of school: a fictional community school."),
        ("h", 1, SECTION_TITLES["K"]),
        (
            "p",
            "Advice from the school, the educational psychologist and the "
            "speech and language therapy service.",
        ),
    ]


def _by_area(s: dict[str, Any], key: str, style: str) -> list[Element]:
    out: list[Element] = []
    for a in s["areas"]:
        items = [(_prov(x) if isinstance(x, dict) else x) for x in a.get(key, [])]
        if not items:
            continue
        if a["area"]:
            out.append(("h", 2, a["area"]))
        out.append((style, items))
    return out


def layout_lists(s: dict[str, Any], e_first: bool = False) -> list[Element]:
    els = [*_front(s), ("h", 1, SECTION_TITLES["A"]), ("bullets", s["aspirations"])]
    b = [("h", 1, SECTION_TITLES["B"]), *_by_area(s, "needs", "numbers")]
    b += [("numbers", s["extra_needs"])] if s.get("extra_needs") else []
    e = [("h", 1, SECTION_TITLES["E"]), *_by_area(s, "outcomes", "numbers" if not e_first else "bullets")]
    e += [("h", 2, "Other outcomes"), ("bullets", s["extra_outcomes"])] if s.get("extra_outcomes") else []
    f = [("h", 1, SECTION_TITLES["F"]), *_by_area(s, "provision", "bullets")]
    if s.get("extra_provision"):
        f += [("h", 2, "Resources"), ("bullets", [_prov(x) for x in s["extra_provision"]])]
    els += (e + b if e_first else b + e) + f
    g = [_prov(x) for a in s["areas"] for x in a.get("health", [])]
    if g:
        els += [("h", 1, SECTION_TITLES["G"]), ("bullets", g)]
    return els + _tail()


def layout_person_centred(s: dict[str, Any]) -> list[Element]:
    needs = _needs_naming_outcomes(s) + s.get("extra_needs", [])
    outcomes = [o for a in s["areas"] for o in a["outcomes"]]
    provision = [_prov(p) for a in s["areas"] for p in a["provision"]]
    provision += [_prov(p) for p in s.get("extra_provision", [])]
    return [
        *_front(s),
        ("h", 1, "All about me"),
        ("p", f"My name is {s['child']['name'].split()[0]} and I like cooking and football."),
        ("h", 2, "What's important to me"),
        ("bullets", s["aspirations"]),
        ("h", 1, "What I find hard (my special educational needs)"),
        ("bullets", needs),
        ("h", 1, "What I want to achieve (my outcomes)"),
        ("plain", [f"Outcome {n}: {o}" for n, o in enumerate(outcomes, start=1)]),
        ("h", 1, "Support I need to learn (special educational provision)"),
        ("bullets", provision),
        *_tail(),
    ]


def layout_area_tables(s: dict[str, Any]) -> list[Element]:
    els = [
        *_front(s),
        ("h", 1, SECTION_TITLES["A"]),
        ("bullets", s["aspirations"]),
        ("h", 1, "Sections B, E, F and G – Needs, outcomes and provision by area of need"),
    ]
    for a in s["areas"]:
        rows = [
            [a["area"], a["area"]],
            ["Section B – Needs", "\n".join(a["needs"])],
            ["Section E – Outcomes", "\n".join(a["outcomes"])],
            ["Section F – Special educational provision", "\n".join(_prov(p) for p in a["provision"])],
        ]
        if a.get("health"):
            rows.append(["Section G – Health provision", "\n".join(_prov(p) for p in a["health"])])
        els.append(("table", rows, {"title_row": True, "widths": (150, 320)}))
    return els + _tail()


def layout_single_table(s: dict[str, Any]) -> list[Element]:
    rows = [["Area of need", "Need", "Outcome", "Provision", "Who", "How often"]]
    merged = []  # an area with more provision than needs: its area, need and outcome cells span the rows
    for a in s["areas"]:
        first = len(rows)
        for k, p in enumerate(a["provision"]):
            lead = [a["area"], a["needs"][0], a["outcomes"][0]] if k == 0 else ["", "", ""]
            rows.append([*lead, p["text"], p["who"], p["often"]])
        if len(rows) - first > 1:
            merged += [(c, first, len(rows) - 1) for c in range(3)]
    return [
        *_front(s),
        ("h", 1, SECTION_TITLES["A"]),
        ("bullets", s["aspirations"]),
        ("h", 1, "Sections B, E and F – Needs, outcomes and provision"),
        (
            "table",
            rows,
            {"header": True, "widths": (72, 95, 105, 95, 60, 55), "small": True, "vmerge": merged},
        ),
        *_tail(),
    ]


def _needs_naming_outcomes(s: dict[str, Any]) -> list[str]:
    """Needs followed by the outcome they lead to, as templates without area headings write them."""
    out, k = [], 0
    for a in s["areas"]:
        first = k + 1
        k += len(a["outcomes"])
        names = ", ".join(str(n) for n in range(first, k + 1))
        out += [f"{n} (see Outcome {names})" if names else n for n in a["needs"]]
    return out


def layout_landscape(s: dict[str, Any]) -> list[Element]:
    needs = _needs_naming_outcomes(s)
    outcomes = [o for a in s["areas"] for o in a["outcomes"]]
    rows = [["Provision", "Who", "How often", "Towards"]]
    for k, a in enumerate(s["areas"], start=1):
        for p in a["provision"]:
            rows.append([p["text"], p["who"], p["often"], f"Outcome {k}"])
    return [
        *_front(s),
        ("h", 1, SECTION_TITLES["A"]),
        ("bullets", s["aspirations"]),
        ("h", 1, SECTION_TITLES["B"]),
        ("bullets", needs),
        ("h", 1, SECTION_TITLES["E"]),
        ("plain", [f"Outcome {n}: {o}" for n, o in enumerate(outcomes, 1)]),
        ("landscape",),
        ("h", 1, SECTION_TITLES["F"]),
        ("table", rows, {"header": True, "widths": (330, 150, 170, 90)}),
        ("portrait",),
        ("h", 1, SECTION_TITLES["G"]),
        ("bullets", [_prov(p) for p in s.get("health", [])]),
        *_tail(),
    ]


def layout_plain_headings(s: dict[str, Any]) -> list[Element]:
    needs = [n for a in s["areas"] for n in a["needs"]]
    outcomes = [o for a in s["areas"] for o in a["outcomes"]]
    rows = [["Support", "Staff", "Frequency"]]
    rows += [[p["text"], p["who"], p["often"]] for a in s["areas"] for p in a["provision"]]
    return [
        *_front(s),
        ("h", 1, "About me"),
        ("p", " ".join(s["aspirations"])),
        ("h", 1, "My needs"),
        *[("p", n) for n in needs],
        ("h", 1, "Outcomes"),
        ("numbers", outcomes),
        ("h", 1, "Provision"),
        ("table", rows, {"header": True, "widths": (260, 110, 100)}),
        *_tail(),
    ]


LAYOUTS = {
    "lists": layout_lists,
    "e-before-b": lambda s: layout_lists(s, e_first=True),
    "person-centred": layout_person_centred,
    "area-tables": layout_area_tables,
    "single-table": layout_single_table,
    "landscape": layout_landscape,
    "plain-headings": layout_plain_headings,
}


def elements(spec: dict[str, Any]) -> list[Element]:
    return LAYOUTS[spec["layout"]](spec)


def write_docx(els: list[Element], path: Path) -> None:
    # Imported here: the plan reader needs neither library; writing the examples needs both.
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.section import WD_SECTION_START as START
    from docx.shared import Pt

    d = docx.Document()
    fixed = datetime.datetime(2026, 11, 30, 12, 0, 0)
    d.core_properties.created = d.core_properties.modified = fixed
    d.core_properties.author = "Outcomes that matter (example)"
    for el in els:
        kind = el[0]
        if kind == "title":
            d.add_heading(el[1], level=0)
        elif kind == "h":
            d.add_heading(el[2], level=el[1])
        elif kind == "p":
            d.add_paragraph(el[1])
        elif kind in ("bullets", "numbers", "plain"):
            style = {"bullets": "List Bullet", "numbers": "List Number", "plain": None}[kind]
            for t in el[1]:
                d.add_paragraph(t, style=style)
        elif kind == "table":
            rows, opts = el[1], el[2]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                if opts.get("title_row") and r == 0:
                    cell = t.cell(0, 0).merge(t.cell(0, len(row) - 1))
                    cell.text = row[0]
                    continue
                for c, text in enumerate(row):
                    cell = t.cell(r, c)
                    parts = text.split("\n")
                    cell.text = parts[0]
                    for extra in parts[1:]:
                        cell.add_paragraph(extra)
                    if opts.get("small"):
                        for para in cell.paragraphs:
                            for run in para.runs:
                                run.font.size = Pt(9)
            for c, r0, r1 in opts.get("vmerge", []):
                t.cell(r0, c).merge(t.cell(r1, c))
        elif kind in ("landscape", "portrait"):
            sec = d.add_section(START.NEW_PAGE)
            w, h = sec.page_width, sec.page_height
            if (kind == "landscape") == (w < h):
                sec.page_width, sec.page_height = h, w
            sec.orientation = WD_ORIENT.LANDSCAPE if kind == "landscape" else WD_ORIENT.PORTRAIT
    d.save(str(path))


def write_pdf(els: list[Element], path: Path) -> None:
    # Imported here: reportlab is a development requirement (requirements-dev.txt), used only to write them.
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.utils import simpleSplit  # noqa: F401  (keeps reportlab's text layout import explicit)
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["BodyText"], fontSize=10, leading=12, spaceBefore=0, spaceAfter=6)
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0)
    small = ParagraphStyle("small", parent=cell, fontSize=8, leading=9.6)
    item = ParagraphStyle("item", parent=body, leftIndent=18, firstLineIndent=-12)
    h1 = ParagraphStyle("h1", parent=ss["Heading2"], fontSize=14, leading=17, spaceBefore=12, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=ss["Heading3"], fontSize=12, leading=14, spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("title", parent=ss["Title"], fontSize=18, leading=22)
    doc = BaseDocTemplate(
        str(path), pagesize=A4, invariant=1, title="Example EHC plan", author="Outcomes that matter (example)"
    )
    pw, ph = A4
    doc.addPageTemplates(
        [
            PageTemplate("portrait", [Frame(56, 56, pw - 112, ph - 112)], pagesize=A4),
            PageTemplate("landscape", [Frame(56, 56, ph - 112, pw - 112)], pagesize=landscape(A4)),
        ]
    )
    story: list[Any] = []
    for el in els:
        kind = el[0]
        if kind == "title":
            story.append(Paragraph(escape(el[1]), title))
        elif kind == "h":
            story.append(Paragraph(escape(el[2]), h1 if el[1] == 1 else h2))
        elif kind == "p":
            story.append(Paragraph(escape(el[1]), body))
        elif kind in ("bullets", "numbers", "plain"):
            for n, t in enumerate(el[1], start=1):
                mark = {"bullets": "- ", "numbers": f"{n}. ", "plain": ""}[kind]
                story.append(Paragraph(escape(mark + t), item if mark else body))
        elif kind == "table":
            rows, opts = el[1], el[2]
            st = small if opts.get("small") else cell
            later = ParagraphStyle("later", parent=st, spaceBefore=4)
            data = [
                [
                    [Paragraph(escape(x), st if k == 0 else later) for k, x in enumerate(c.split("\n"))]
                    for c in row
                ]
                for row in rows
            ]
            style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            if opts.get("title_row"):
                data[0] = [data[0][0]] + [""] * (len(rows[0]) - 1)
                style.append(("SPAN", (0, 0), (-1, 0)))
            for c, r0, r1 in opts.get("vmerge", []):
                style.append(("SPAN", (c, r0), (c, r1)))
            widths = opts.get("widths")
            story += [
                Table(
                    data, colWidths=list(widths) if widths else None, style=TableStyle(style), hAlign="LEFT"
                ),
                Spacer(1, 14),
            ]
        elif kind in ("landscape", "portrait"):
            story += [NextPageTemplate(kind), PageBreak()]
    doc.build(story)


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if "\n" in cell or '"' in cell else cell


def write_text(els: list[Element], path: Path) -> None:
    """What a person gets by copying the Word document's text: paragraphs, and table cells between tabs."""
    lines: list[str] = []
    for el in els:
        kind = el[0]
        if kind == "title":
            lines.append(el[1])
        elif kind == "h":
            lines += ["", el[2]]
        elif kind == "p":
            lines.append(el[1])
        elif kind in ("bullets", "numbers", "plain"):
            lines += [
                {"bullets": "• ", "numbers": f"{n}. ", "plain": ""}[kind] + t
                for n, t in enumerate(el[1], start=1)
            ]
        elif kind == "table":
            lines += ["\t".join(_quoted(c) for c in row) for row in el[1]] + [""]
    path.write_text("\n".join(lines).strip() + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else EXAMPLES
    out.mkdir(parents=True, exist_ok=True)
    for spec in specs():
        els = elements(spec)
        write_docx(els, out / f"{spec['id']}.docx")
        write_pdf(els, out / f"{spec['id']}.pdf")
        write_text(els, out / f"{spec['id']}.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def score(spec: dict[str, Any], plan: Any, problems: list[Any]) -> dict[str, Any]:
    """Planted problems found and missed, and false alarms: problems on items meant to be sound.

    A planted problem is found when a problem with its code is reported on an item whose text contains
    the planted text (or, for whole-plan problems, anywhere). Every need, outcome and piece of provision
    not named in ``expected`` is a sound item; a problem reported on one is a false alarm.
    """
    planted = spec["expected"]
    found, missed = [], []
    for want in planted:
        hit = any(
            p.code == want["code"] and (want["text"] in p.text if want["text"] else not p.id)
            for p in problems
        )
        (found if hit else missed).append(want)
    flagged = [w["text"] for w in planted if w["text"]]
    sound = [i for i in plan.items if i.section in "BCDEFGH" and not any(t in i.text for t in flagged)]
    alarms = [p for p in problems if p.id and any(p.id == i.id for i in sound)]
    alarmed_items = {p.id for p in alarms}
    return {
        "planted": planted,
        "found": found,
        "missed": missed,
        "sound": len(sound),
        "false_alarms": alarms,
        "alarmed_items": len(alarmed_items),
    }
