// From a document's blocks to the plan model: items by section and the links between needs, outcomes and
// provision. The same rules, in the same order, as send_outcomes/plans/links.py (see there for why).

import { rx, anyMatch, sectionOf, areaOf, roleOf } from "./planread.js";

export const LETTERS = "ABCDEFGHIJK";
export const NEED = ["B", "C", "D"];
export const OUTCOME = ["E"];
export const PROVISION = ["F", "G", "H"];
const ROLE_DETAIL = { who: "Who", often: "How often", long: "How long" };

export function full(item) {
  return item.detail ? item.text + " (" + item.detail + ")" : item.text;
}

export function newPlan(source) {
  return { source, child: {}, items: [], links: [] };
}
export function link(plan, a, b, how) {
  if (a.id === b.id) return;
  for (const [x, y] of plan.links) if ((x === a.id && y === b.id) || (x === b.id && y === a.id)) return;
  plan.links.push([a.id, b.id, how]);
}
export function neighbours(plan, id) {
  const out = new Set();
  for (const [a, b] of plan.links) {
    if (a === id) out.add(b);
    else if (b === id) out.add(a);
  }
  return out;
}
function roleOfItem(item) {
  if (NEED.includes(item.section)) return "need";
  if (OUTCOME.includes(item.section)) return "outcome";
  if (PROVISION.includes(item.section)) return "provision";
  return "other";
}
function rolesLink(a, b) {
  const ra = roleOfItem(a);
  const rb = roleOfItem(b);
  return ra !== rb && ra !== "other" && rb !== "other";
}
function lt(a, b) {
  return a < b;
}

class Builder {
  constructor(source, reading, kindOf) {
    this.plan = newPlan(source);
    this.reading = reading;
    this.kindOf = kindOf;
    this.counts = {};
    this.section = null;
    this.area = null;
    this.seen = new Map();
    this.number = rx(reading.number_prefix);
    this.marker = rx(reading.list_marker);
  }

  add(section, text, detail = "", area = null) {
    const t = text.trim().replace(this.marker, "").trim();
    if (!t) return null;
    const key = section + "\u0000" + t;
    if (this.seen.has(key)) return this.seen.get(key);
    this.counts[section] = (this.counts[section] || 0) + 1;
    const item = { id: section + this.counts[section], section, text: t, area: area || this.area, number: null, detail, pfa: false };
    const m = this.number.exec(t);
    if (m) item.number = parseInt(m[1], 10);
    this.seen.set(key, item);
    this.plan.items.push(item);
    return item;
  }

  childFacts(text) {
    const spec = this.reading.child;
    const child = this.plan.child;
    const s = text.split(/\s+/).filter(Boolean).join(" ");
    for (const key of ["name", "year", "age", "family"]) {
      const m = anyMatch(spec[key], s);
      if (!m) continue;
      const value = m[1].trim().replace(/^[ .:|]+|[ .:|]+$/g, "");
      if (key === "year" || key === "age") {
        if (!(key in child)) child[key] = parseInt(value, 10);
      } else if (key === "family") {
        if (!child.family) child.family = [];
        child.family.push(...value.split(/,| and |&|\//).map((v) => v.trim()).filter(Boolean));
      } else if (!("name" in child)) child.name = value;
    }
  }

  heading(text) {
    const letter = sectionOf(text, this.reading);
    if (letter) {
      this.section = letter;
      this.area = null;
      return true;
    }
    this.area = areaOf(text, this.reading);
    return this.area !== null;
  }

  statement(b) {
    const section = this.section;
    if (section === null) {
      this.childFacts(b.text);
      return;
    }
    if (![...NEED, ...OUTCOME, ...PROVISION, "A"].includes(section)) return;
    if (NEED.includes(section) && b.kind === "para" && this.kindOf(b.text, section) !== "need") return;
    this.add(section, b.text);
  }

  // A row that only names a section ("Section B | Special educational needs") heads a section.
  banner(row) {
    const cells = row.cells.filter(Boolean);
    const where = this.reading.column_sections;
    const placed = new Set(cells.map((c) => roleOf(c, this.reading)).filter((r) => r in where).map((r) => where[r]));
    if (placed.size >= 2) return false;
    if (!cells.length || cells.some((c) => [...c].length > 80 || /[.!?]$/.test(rstrip(c)))) return false;
    const text = cells.join(" - ");
    if (sectionOf(text, this.reading) === null) return false;
    this.heading(text);
    return true;
  }

  table(all) {
    let rows = all;
    while (rows.length && this.banner(rows[0])) rows = rows.slice(1);
    if (!rows.length) return;
    const where = this.reading.column_sections;
    if (this.section === null) {
      for (const r of rows) {
        const cells = r.cells.filter(Boolean);
        this.childFacts(cells.length >= 2 ? cells.slice(0, 2).join(": ") : r.text);
      }
      return;
    }
    const roles = rows[0].cells.map((c) => roleOf(c, this.reading));
    const placed = new Set(roles.filter((r) => r in where));
    if (placed.size >= 2) {
      this.columnTable(roles, rows.slice(1));
      return;
    }
    const labels = rows.map((r) => (r.cells.length ? roleOf(r.cells[0], this.reading) : null));
    if (new Set(labels.filter((x) => x in where).map((x) => where[x])).size >= 2) {
      this.labelledTable(labels, rows);
      return;
    }
    this.plainTable(roles, rows);
  }

  split(cell) {
    return cell.split("\n").map((y) => y.trim()).filter(Boolean);
  }

  title(row) {
    const cells = row.cells.filter(Boolean);
    if (new Set(cells).size === 1) {
      const area = areaOf(cells[0], this.reading);
      if (area) {
        this.area = area;
        return true;
      }
    }
    return false;
  }

  columnTable(roles, rows) {
    const where = this.reading.column_sections;
    for (const row of rows) {
      if (this.title(row)) continue;
      let area = this.area;
      const n = Math.min(roles.length, row.cells.length);
      for (let k = 0; k < n; k += 1) if (roles[k] === "area" && row.cells[k]) area = areaOf(row.cells[k], this.reading) || area;
      const detail = [];
      for (let k = 0; k < n; k += 1) if (roles[k] in ROLE_DETAIL && row.cells[k]) detail.push(ROLE_DETAIL[roles[k]] + ": " + row.cells[k]);
      const items = [];
      for (let k = 0; k < n; k += 1) {
        if (!(roles[k] in where)) continue;
        const sec = where[roles[k]];
        for (const text of this.split(row.cells[k])) {
          const item = this.add(sec, text, PROVISION.includes(sec) ? detail.join("; ") : "", area);
          if (item) items.push(item);
        }
      }
      this.linkAll(items, "same table row");
    }
  }

  labelledTable(labels, rows) {
    const where = this.reading.column_sections;
    const items = [];
    rows.forEach((row, k) => {
      const label = labels[k];
      if (!(label in where)) {
        this.title(row);
        return;
      }
      const sec = where[label];
      for (const cell of row.cells.slice(1)) {
        for (const text of this.split(cell)) {
          const item = this.add(sec, text);
          if (item) items.push(item);
        }
      }
    });
    this.linkAll(items, "same area table");
  }

  plainTable(roles, rows) {
    const section = this.section || "";
    const header = roles.filter(Boolean).length >= 2;
    const body = header ? rows.slice(1) : rows;
    let main = 0;
    if (header) {
      const k = roles.findIndex((r) => ["need", "outcome", "provision", "health", "care"].includes(r));
      if (k >= 0) main = k;
    }
    for (const row of body) {
      if (this.title(row) || ![...NEED, ...OUTCOME, ...PROVISION, "A"].includes(section)) continue;
      const cells = row.cells;
      if (!cells.length || main >= cells.length) continue;
      const detail = [];
      cells.forEach((c, k) => {
        if (k === main || !c) return;
        const name = header && k < roles.length ? ROLE_DETAIL[roles[k] || ""] || "Detail" : "Detail";
        detail.push(name + ": " + c);
      });
      for (const text of this.split(cells[main])) this.add(section, text, PROVISION.includes(section) ? detail.join("; ") : "");
    }
  }

  linkAll(items, how) {
    for (const a of items) for (const b of items) if (lt(a.id, b.id) && rolesLink(a, b)) link(this.plan, a, b, how);
  }
}

function stem(word) {
  let w = word;
  if (w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  for (const end of ["ing", "ed"]) {
    if (w.endsWith(end) && w.length - end.length >= 3) {
      w = w.slice(0, -end.length);
      if (w.length >= 2 && w[w.length - 1] === w[w.length - 2] && !"lsz".includes(w[w.length - 1])) w = w.slice(0, -1);
      break;
    }
  }
  return w.endsWith("e") && w.length > 4 ? w.slice(0, -1) : w;
}
function wordsOf(text, skip, reading) {
  const stop = new Set(reading.stopwords);
  const out = new Set();
  for (const w of text.toLowerCase().match(/[a-z]{4,}/g) || []) if (!stop.has(w) && !skip.has(w)) out.add(stem(w));
  return out;
}

function recoverLinks(plan, reading) {
  const outcomes = plan.items.filter((i) => OUTCOME.includes(i.section));
  if (!outcomes.some((o) => o.number !== null)) outcomes.forEach((o, n) => { o.number = n + 1; });
  const byNumber = new Map();
  for (const o of outcomes) if (o.number !== null) byNumber.set(o.number, o);
  for (const a of plan.items) for (const b of plan.items) if (lt(a.id, b.id) && a.area && a.area === b.area && rolesLink(a, b)) link(plan, a, b, "same area of need");
  const ref = new RegExp(reading.outcome_ref, "gi");
  for (const item of plan.items.filter((i) => NEED.includes(i.section) || PROVISION.includes(i.section))) {
    for (const m of full(item).matchAll(ref)) {
      const nums = [parseInt(m[1], 10), ...((m[2] || "").match(/\d{1,2}/g) || []).map((x) => parseInt(x, 10))];
      for (const n of nums) if (byNumber.has(n)) link(plan, item, byNumber.get(n), "names outcome " + n);
    }
  }
  const names = new Set((String(plan.child.name || "").match(/[A-Za-z]{2,}/g) || []).map((w) => w.toLowerCase()));
  const minimum = reading.link_min_shared;
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const hasOutcome = (item) => [...neighbours(plan, item.id)].some((x) => byId.has(x) && roleOfItem(byId.get(x)) === "outcome");
  const byWords = (item) => {
    const mine = wordsOf(item.text, names, reading);
    let best = null;
    let score = 0;
    for (const t of outcomes) {
      const theirs = wordsOf(t.text, names, reading);
      let shared = 0;
      for (const w of mine) if (theirs.has(w)) shared += 1;
      if (shared > score) {
        best = t;
        score = shared;
      }
    }
    if (best !== null && score >= minimum) link(plan, item, best, "shared wording");
  };
  for (const item of plan.items.filter((i) => PROVISION.includes(i.section))) if (!hasOutcome(item)) byWords(item);
  for (const item of plan.items.filter((i) => NEED.includes(i.section))) if (!hasOutcome(item)) byWords(item);
}

export function planFromDocument(doc, reading, kindOf) {
  const b = new Builder(doc.source, reading, kindOf);
  const blocks = doc.blocks;
  for (let k = 0; k < blocks.length; k += 1) {
    const bl = blocks[k];
    if (bl.kind === "row") {
      const rows = [bl];
      while (k + 1 < blocks.length && blocks[k + 1].kind === "row" && blocks[k + 1].table === bl.table) {
        k += 1;
        rows.push(blocks[k]);
      }
      if (rows.length === 1 && bl.cells.filter(Boolean).length === 1) {
        if (!b.heading(bl.text)) b.statement(bl);
      } else b.table(rows);
    } else {
      const short = [...bl.text].length <= reading.heading_max_chars && !/[.!?]$/.test(rstrip(bl.text));
      if (bl.kind === "heading") b.heading(bl.text);
      else if (!(bl.kind === "para" && short && b.heading(bl.text))) b.statement(bl);
    }
  }
  recoverLinks(b.plan, reading);
  return b.plan;
}
function rstrip(s) {
  return s.replace(/\s+$/, "");
}
