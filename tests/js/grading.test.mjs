// grading.js on small specs whose results were worked out by hand (grading_cases.json). The same file is run
// through the Python graders by tests/exercises/test_js_units.py, so both engines are held to one written answer;
// tests/exercises/test_grading_parity.py compares them on every real spec besides.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  grade, gradeSort, gradeFix, gradeJigsaw, gradeThread, answerProblems, honestAttempt, normalise,
  checkProvision, gradeRewrite, CRITERIA,
} from "../../send_outcomes/js/grading.js";

const CASES = JSON.parse(readFileSync(new URL("./grading_cases.json", import.meta.url), "utf8"));
const GRADERS = { sort: gradeSort, fix: gradeFix, jigsaw: gradeJigsaw, thread: gradeThread };

// Only the fields a case lists are compared (a jigsaw item also carries its provision checks, for example).
function picked(item, wanted) {
  return Object.fromEntries(Object.keys(wanted).map((k) => [k, item[k]]));
}

for (const c of CASES.grade) {
  test(`grade: ${c.name}`, () => {
    const spec = CASES.specs[c.spec];
    const got = grade(spec, c.answers, c.analyses ?? null, c.reveal);
    assert.equal(got.exercise, spec.id);
    assert.equal(got.type, spec.type);
    assert.ok(Math.abs(got.score - c.score) < 1e-12, `score ${got.score}, expected ${c.score}`);
    assert.equal(got.max, c.max);
    assert.ok(Math.abs(got.fraction - c.score / c.max) < 1e-12);
    assert.deepEqual(got.items.map((it, i) => picked(it, c.items[i] ?? {})), c.items);
    assert.equal(got.items.length, c.items.length);
    // each type's own grader gives the same as the dispatcher
    const direct = spec.type === "fix" ? GRADERS.fix(spec, c.answers, c.analyses ?? null, c.reveal) : GRADERS[spec.type](spec, c.answers, c.reveal);
    assert.deepEqual(direct, got);
  });
}

test("grade: every type scores any junk answers as zero, never throws", () => {
  for (const [type, spec] of Object.entries(CASES.specs)) {
    for (const junk of [null, undefined, 3, "x", [], { placements: null, drafts: 5, pieces: [], links: "x" }]) {
      const got = grade(spec, junk, null, true);
      assert.equal(got.score, 0, type + " " + JSON.stringify(junk));
      assert.ok(got.max > 0);
    }
  }
});

test("grade: an unknown type is an error, not a zero", () => {
  assert.throws(() => grade({ id: "x", type: "checker" }, {}, null), /no grading for exercise type checker/);
});

for (const c of CASES.answerProblems) {
  test(`answerProblems(${c.type}, ${JSON.stringify(c.answers)})`, () => {
    assert.deepEqual(answerProblems(c.type, c.answers), c.problems);
  });
}

test("honestAttempt and normalise", () => {
  for (const c of CASES.honestAttempt) assert.equal(honestAttempt(c.original, c.draft), c.honest, c.draft);
  assert.equal(normalise("  Sam WILL\n read..! "), "sam will read");
  assert.equal(normalise(42), "42");
});

test("gradeRewrite: a fifth of a point per criterion, in the criteria's order", () => {
  assert.deepEqual(CRITERIA, ["specific", "measurable", "achievable", "time_bound", "person_centred"]);
  const smart = { specific: false, measurable: true, achievable: false, time_bound: true };
  const r = gradeRewrite("Old.", "A new outcome for Sam by July", { kind: "outcome", smart, person_centred: false });
  assert.ok(Math.abs(r.points - 0.4) < 1e-12);
  assert.equal(r.explanation, "Met: measurable, time-bound. Not yet: specific, achievable, person-centred.");
  assert.equal(gradeRewrite("Old.", "Something new", ["not", "an", "analysis"]).explanation,
    "It reads as unknown, not as an outcome, so it cannot be checked as a SMART outcome.");
});

test("checkProvision reports the words that meet each check, and what is missing", () => {
  const checks = CASES.specs.jigsaw.provision_checks;
  const got = checkProvision("The therapist visits for 20 minutes every day", checks);
  assert.deepEqual(got.how_much, { label: "How much", met: true, evidence: "20 minutes", message: "" });
  assert.deepEqual(got.how_often, { label: "How often", met: true, evidence: "every day", message: "" });
  assert.deepEqual(got.who, { label: "Who", met: true, evidence: "therapist", message: "" });
  const none = checkProvision(12345, checks);
  assert.deepEqual(Object.values(none).map((x) => x.message), ["Say how much.", "Say how often.", "Say who."]);
});
