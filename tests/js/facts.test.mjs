// The modules that read the shared facts (facts.js, generated from the data files) take their tables from
// them: the answer shapes, the criteria and which exercise types keep nothing. tests/exercises/test_shared_data.py
// holds facts.js itself to the data files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CRITERION_ENTRIES, EXERCISE_TYPES } from "../../send_outcomes/js/facts.js";
import { answerProblems, CRITERIA } from "../../send_outcomes/js/grading.js";
import { summarise } from "../../send_outcomes/js/progress.js";

test("the facts cannot be changed by a module that reads them", () => {
  assert.ok(Object.isFrozen(CRITERION_ENTRIES) && Object.isFrozen(CRITERION_ENTRIES[0]));
  assert.ok(Object.isFrozen(EXERCISE_TYPES.thread.answers.links));
  assert.throws(() => { EXERCISE_TYPES.sort.saves = false; }, TypeError);
  assert.equal(EXERCISE_TYPES.sort.saves, true);
});

test("grading's criteria are the facts' ids in display order", () => {
  assert.deepEqual(CRITERIA, CRITERION_ENTRIES.map((c) => c.id));
});

test("answerProblems knows every exercise type's answer keys, and no other type", () => {
  for (const [type, entry] of Object.entries(EXERCISE_TYPES)) {
    assert.deepEqual(answerProblems(type, {}), [], type);
    assert.deepEqual(answerProblems(type, { nonsense: 1 }), ["/nonsense: unexpected"], type);
    for (const key of Object.keys(entry.answers)) {
      assert.ok(answerProblems(type, { [key]: null }).length > 0, type + " " + key);
    }
  }
  assert.deepEqual(answerProblems("toString", {}), ['unknown exercise type "toString"']);
});

test("progress shows nothing kept for a type that saves nothing, and scores the others", () => {
  const quiet = Object.keys(EXERCISE_TYPES).filter((t) => !EXERCISE_TYPES[t].saves);
  assert.deepEqual(quiet, ["checker"]);
  assert.equal(summarise({ spec: { type: "checker" } }, {}, true, null).status, "Nothing is saved for this tool");
  const sort = summarise({ spec: { type: "sort", id: "s", items: [], bins: [] } }, {}, true, null);
  assert.notEqual(sort.status, "Nothing is saved for this tool");
});
