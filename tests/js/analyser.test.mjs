// analyser.js on edge inputs: empty, not text, huge, hostile, and with a plan section given. Messages are
// read from rules.json (their one home), never copied here. tests/analyser/test_analyser_parity.py compares the JS
// and Python engines on the labelled statements; these tests pin down behaviour at the edges.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compileRules, analyse } from "../../send_outcomes/js/analyser.js";

const data = (name) => JSON.parse(readFileSync(new URL("../../send_outcomes/data/" + name, import.meta.url), "utf8"));
const RULES = data("rules.json");
const compiled = compileRules(RULES, data("model.json"));
const FIVE = ["specific", "measurable", "achievable", "time_bound", "person_centred"];
const KINDS = ["aspiration", "need", "outcome", "provision", "target"];
const OUTCOME = "By July 2027, Sam will read a short book aloud to his mum each week.";

// The shape every result has, whatever went in.
function assertWellFormed(r) {
  assert.ok(KINDS.includes(r.kind), r.kind);
  assert.equal(typeof r.text, "string");
  assert.ok(r.confidence >= 0 && r.confidence <= 1, String(r.confidence));
  assert.ok(Array.isArray(r.feedback) && r.feedback.length >= 1);
  for (const f of r.feedback) {
    assert.equal(typeof f.criterion, "string");
    assert.equal(typeof f.met, "boolean");
    assert.ok(Array.isArray(f.evidence));
    assert.equal(typeof f.message, "string");
    assert.ok(f.message.length > 0);
  }
  if (r.kind === "outcome" || r.kind === "target") {
    assert.deepEqual(Object.keys(r.smart), FIVE.slice(0, 4));
    assert.equal(typeof r.person_centred, "boolean");
  } else {
    assert.equal(r.smart, null);
    assert.equal(r.person_centred, null);
  }
}

test("empty, blank and missing text: the rules' 'no text' message, nothing met, no confidence", () => {
  for (const text of ["", "   \n\t ", null, undefined]) {
    const r = analyse(text, compiled);
    assertWellFormed(r);
    assert.equal(r.text, text === null || text === undefined ? "" : text);
    assert.equal(r.confidence, 0);
    assert.deepEqual(r.feedback, [{ criterion: "text", met: false, evidence: [], message: RULES.messages.empty }]);
    assert.equal(r.person_centred, false);
    assert.ok(Object.values(r.smart).every((v) => v === false));
  }
});

test("text that is not a string is read as its string form, never thrown on", () => {
  for (const value of [42, true, { toString: () => "Sam will read" }, ["Sam", "will", "read"]]) {
    const r = analyse(value, compiled);
    assertWellFormed(r);
    assert.equal(r.text, String(value));
  }
});

test("a clear outcome is an outcome meeting all five criteria, with the marker as evidence", () => {
  const r = analyse(OUTCOME, compiled);
  assertWellFormed(r);
  assert.equal(r.kind, "outcome");
  assert.deepEqual(r.smart, { specific: true, measurable: true, achievable: true, time_bound: true });
  assert.equal(r.person_centred, true);
  assert.deepEqual(r.feedback.map((f) => f.criterion), ["kind", ...FIVE]);
  for (const f of r.feedback) for (const e of f.evidence) assert.ok(OUTCOME.toLowerCase().includes(e.toLowerCase()), e);
});

test("the same text gives the same answer every time (no state kept between calls)", () => {
  const first = analyse(OUTCOME, compiled);
  analyse("Sam finds it hard to read.", compiled, { section: "B" });
  assert.deepEqual(analyse(OUTCOME, compiled), first);
});

test("huge text: only the first max_chars are read, the learner is told, the text is returned whole", () => {
  const big = "Sam will read a book. ".repeat(50000);
  const r = analyse(big, compiled);
  assertWellFormed(r);
  assert.equal(r.text, big);
  const last = r.feedback[r.feedback.length - 1];
  assert.equal(last.criterion, "length");
  assert.equal(last.met, false);
  assert.ok(last.message.includes(RULES.max_chars.toLocaleString("en-GB")), last.message);
  // what was read is exactly the prefix: the same verdict as on the first max_chars characters alone
  const head = analyse(big.slice(0, RULES.max_chars), compiled);
  assert.equal(r.kind, head.kind);
  assert.deepEqual(r.smart, head.smart);
  // one long word, with no spaces for the reader to split on
  assertWellFormed(analyse("a".repeat(200000), compiled));
});

test("hostile text: markup, control characters, odd Unicode and prototype names are only text", () => {
  const hostile = [
    "<script>alert(1)</script> Sam will <b>read</b> <img src=x onerror=alert(1)>",
    "constructor __proto__ toString hasOwnProperty will valueOf",
    "Sam\u0000 will\u202e read\ud800 \u{1F600} by\u00a0July\u2028each\u200b week",
    "((((((((((((((((((((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)",
    "will ".repeat(400) + "!",
    "{kind} {other} $& $1 %s \\u0000",
  ];
  for (const text of hostile) {
    const r = analyse(text, compiled);
    assertWellFormed(r);
    assert.equal(r.text, text);
    // evidence is words quoted from the learner's text (the views escape it when they show it)
    for (const f of r.feedback) for (const e of f.evidence) assert.ok(typeof e === "string" && e.trim().length > 0, JSON.stringify(e));
  }
  const marked = analyse(hostile[0], compiled);
  assert.ok(marked.feedback.some((f) => f.evidence.some((e) => e.includes("<"))), "markup stays as text, not stripped or run");
  assert.equal(Object.prototype.polluted, undefined);
});

test("a section given: a valid letter (any case, spaces) counts; anything else is the same as none", () => {
  const need = "Sam finds it hard to read.";
  const none = analyse(need, compiled);
  const inE = analyse(need, compiled, { section: "E" });
  assertWellFormed(inE);
  assert.equal(none.kind, "need");
  assert.notEqual(inE.confidence, none.confidence, "the section is one of the model's features");
  assert.deepEqual(analyse(need, compiled, { section: " e " }), inE);
  for (const section of ["zz", "", "Z", 5, null, { toString: () => "E" }, "<b>"]) {
    assert.deepEqual(analyse(need, compiled, { section }), none, String(section));
  }
  assert.deepEqual(analyse(need, compiled, null), none);
});
