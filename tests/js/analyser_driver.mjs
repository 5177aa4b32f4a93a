// Parity driver: reads a JSON array on stdin, prints analyse() of each as a JSON array. An item is a text, or
// [text, section] to analyse it as part of that plan section.
// Usage: node tests/js/analyser_driver.mjs < texts.json   (run by tests/analyser/test_analyser_parity.py)
// With --bench N it instead analyses all the texts N times and prints {"rounds": [seconds per round], "count"}.
// With --model PATH it reads that model instead of the package's model.json (the bench fits its own).
// With --lists the array holds lists of texts, each analysed together by analyseAll; it prints a list of lists.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileRules, analyse, analyseAll } from "../../send_outcomes/js/analyser.js";

const data = (name) => fileURLToPath(new URL("../../send_outcomes/data/" + name, import.meta.url));
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : null;
};
const model = JSON.parse(readFileSync(option("--model") || data("model.json"), "utf8"));
const compiled = compileRules(JSON.parse(readFileSync(data("rules.json"), "utf8")), model);
const items = JSON.parse(readFileSync(0, "utf8"));
const one = (item) => (Array.isArray(item) ? analyse(item[0], compiled, { section: item[1] }) : analyse(item, compiled));
const bench = option("--bench");
if (bench !== null) {
  const rounds = Number(bench || "1");
  const times = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    for (const t of items) one(t);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  process.stdout.write(JSON.stringify({ rounds: times, count: items.length }));
} else if (process.argv.includes("--lists")) {
  process.stdout.write(JSON.stringify(items.map((list) => analyseAll(list, compiled))));
} else {
  process.stdout.write(JSON.stringify(items.map(one)));
}
