// Every check on a whole plan, as send_outcomes/plans/checks.py makes them, from the same data file
// (data/plan/checks.json: severity, the paragraph each rests on, the message and what to ask for instead).
// The analyser is asked about an item in one place only (analysisOf), as in Python.

import { analyse } from "./analyser.js";
import { anyMatch } from "./planread.js";
import { NEED, OUTCOME, PROVISION, full, neighbours } from "./planlinks.js";

const LABELS = { A: "Aspiration", B: "Need", C: "Health need", D: "Social care need", E: "Outcome", F: "Provision", G: "Health provision", H: "Social care provision" };

// The section is evidence of an item's kind, except where the checks ask whether the item really is the
// kind its section says (checks.kind_judged_in), as in send_outcomes/plans/classify.py.
export function makeAnalyser(compiled, checks) {
  const cache = new Map();
  const judged = new Set(checks.kind_judged_in);
  const analysisOf = (text, section) => {
    const key = (section || "") + "\u0000" + text;
    const evidence = section && !judged.has(section) ? section : undefined;
    if (!cache.has(key)) cache.set(key, analyse(text, compiled, { section: evidence }));
    return cache.get(key);
  };
  return { analysisOf, kindOf: (text, section) => analysisOf(text, section).kind };
}

function label(item) {
  return (LABELS[item.section] || "Item") + " " + item.id + " (Section " + item.section + ")";
}

function problem(checks, code, item, fill = {}) {
  const spec = checks.codes[code];
  let message = spec.message;
  const all = item ? Object.assign({ item: label(item), section: item.section }, fill) : fill;
  for (const [k, v] of Object.entries(all)) message = message.split("{" + k + "}").join(v);
  return { code, section: item ? item.section : "E", id: item ? item.id : "", text: item ? item.text : "", message, severity: spec.severity, rule: spec.rule, ask: spec.ask };
}

function joined(words) {
  return words.length === 1 ? words[0] : words.slice(0, -1).join(", ") + " or " + words[words.length - 1];
}

export function specificity(text, checks) {
  const missing = [];
  const vague = anyMatch(checks.vague, text);
  if (vague) missing.push("it says '" + vague[0] + "'");
  if (!anyMatch(checks.often, text) && !anyMatch(checks.amount, text)) missing.push("it does not say how often or how much");
  if (!anyMatch(checks.who, text) && !anyMatch(checks.equipment, text)) missing.push("it does not say who will provide it");
  return missing;
}

function asciiLower(s) {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

export function checkPlan(plan, checks, rules, analysisOf) {
  const found = [];
  const ids = new Map(plan.items.map((i) => [i.id, i]));
  const inSections = (letters) => plan.items.filter((i) => letters.includes(i.section));
  const linked = (item, letters) => [...neighbours(plan, item.id)].filter((x) => ids.has(x) && letters.includes(ids.get(x).section)).map((x) => ids.get(x));

  for (const need of inSections(["B"])) {
    const via = linked(need, OUTCOME).flatMap((o) => linked(o, ["F"]));
    if (!linked(need, ["F"]).length && !via.length) found.push(problem(checks, "need_without_provision", need));
  }
  for (const need of inSections(NEED)) if (!linked(need, OUTCOME).length) found.push(problem(checks, "need_without_outcome", need));

  const outcomes = inSections(OUTCOME);
  const real = [];
  const names = checks.not_smart_names;
  for (const o of outcomes) {
    const a = analysisOf(o.text, o.section);
    if (a.kind === "provision") found.push(problem(checks, "outcome_is_provision", o));
    else if (a.kind === "aspiration") found.push(problem(checks, "aspiration_as_outcome", o));
    else if (a.kind === "need") found.push(problem(checks, "outcome_wrong_kind", o));
    else {
      real.push(o);
      const missed = Object.keys(names).filter((c) => a.smart && !a.smart[c]).map((c) => names[c]);
      if (missed.length) found.push(problem(checks, "outcome_not_smart", o, { criteria: joined(missed) }));
      if (a.person_centred === false) found.push(problem(checks, "outcome_not_person_centred", o));
    }
    if (!linked(o, PROVISION).length && a.kind !== "provision") found.push(problem(checks, "outcome_without_provision", o));
  }

  for (const p of inSections(PROVISION)) {
    const missing = specificity(full(p), checks);
    if (missing.length) found.push(problem(checks, "provision_not_specific", p, { missing: missing.join("; ") }));
    if (!linked(p, OUTCOME).length) found.push(problem(checks, "provision_without_outcome", p));
    const low = full(p).toLowerCase();
    const educates = Boolean(anyMatch(checks.educates, low));
    if (p.section === "F" && !educates && (anyMatch(checks.health_only, low) || anyMatch(checks.care_only, low))) found.push(problem(checks, "health_provision_in_f", p));
    if ((p.section === "G" || p.section === "H") && educates && !anyMatch(checks.health_only, low)) found.push(problem(checks, "educational_provision_in_g_h", p));
  }

  const pr = rules.plan;
  const year = plan.child.year;
  const age = plan.child.age;
  const due = (Number.isInteger(year) && year >= pr.pfa_from_year) || (Number.isInteger(age) && age >= pr.pfa_from_age);
  if (due) {
    const pfa = pr.pfa_words.patterns.map((s) => new RegExp(s));
    if (!real.some((o) => o.pfa || pfa.some((re) => re.test(asciiLower(o.text))))) found.push(problem(checks, "no_pfa_outcome", null, { year: String(pr.pfa_from_year) }));
  }
  if (outcomes.length > pr.max_outcomes) found.push(problem(checks, "too_many_outcomes", null, { count: String(outcomes.length) }));
  const order = new Map(checks.order.map((c, n) => [c, n]));
  const position = new Map(plan.items.map((i, n) => [i.id, n]));
  const pos = (x) => (position.has(x.id) ? position.get(x.id) : -1);
  return found.map((x, n) => [x, n]).sort((a, b) => order.get(a[0].code) - order.get(b[0].code) || pos(a[0]) - pos(b[0]) || a[1] - b[1]).map(([x]) => x);
}

// The names of the child and family, and the stand-ins that replace them when sharing (as report.py).
export function pseudonymiser(plan) {
  const pairs = [];
  const add = (value, standIn) => {
    if (!value) return;
    const v = String(value).trim();
    pairs.push([v, standIn]);
    for (const part of v.split(/[\s-]+/)) if (part.length >= 2 && !/^(?:mr|mrs|ms|miss|dr|mx)\.?$/i.test(part)) pairs.push([part, standIn]);
  };
  add(plan.child.name, "[child]");
  for (const f of plan.child.family || []) add(f, "[family member]");
  if (!pairs.length) return (s) => s;
  const table = new Map(pairs.map(([n, s]) => [n.toLowerCase(), s]));
  const sorted = [...new Set(pairs.map(([n]) => n))].sort((a, b) => b.length - a.length);
  const re = new RegExp("\\b(?:" + sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|") + ")\\b", "gi");
  return (s) => (typeof s === "string" ? s.replace(re, (m) => table.get(m.toLowerCase())) : s);
}

export function toDict(plan, problems) {
  const sections = {};
  for (const item of plan.items) {
    const entry = { id: item.id, text: item.text };
    if (item.area) entry.area = item.area;
    if (item.detail) entry.detail = item.detail;
    (sections[item.section] = sections[item.section] || []).push(entry);
  }
  const ordered = {};
  for (const k of "ABCDEFGHIJK") if (sections[k]) ordered[k] = sections[k];
  return { ok: !problems.length, source: plan.source, child: plan.child, sections: ordered, links: plan.links.map(([a, b, how]) => ({ from: a, to: b, how })), problems };
}
