// The page's checker finds the headings in pasted lines as Python's plans/pasted.py does: the same table of
// lines (tests/data/list_headings.json) is held to both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { listHeading, listSections } from "../../send_outcomes/js/planread.js";

const json = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const READING = json("../../send_outcomes/data/plan/reading.json");
const TABLE = json("../data/list_headings.json").lines;

test("each line of the table is a heading of the section it names, or a statement", () => {
  for (const [line, letter] of TABLE) assert.equal(listHeading(line, READING), letter, line);
});

test("the chosen section holds until the first heading, then each heading's", () => {
  const lines = ["Ola will read.", "Section F", "Small group work", "Health needs", "Asthma"];
  assert.deepEqual(listSections(lines, READING, "E"), [["E", false], ["F", true], ["F", false], ["C", true], ["C", false]]);
  assert.deepEqual(listSections(lines.slice(2), READING), [[null, false], ["C", true], ["C", false]]);
});
