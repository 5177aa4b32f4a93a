// Parity driver: reads a JSON array of texts on stdin, prints analyse(text) for each as a JSON array.
// Usage: node tests/js/analyser_driver.mjs < texts.json   (run by tests/test_analyser_parity.py)
// With --bench N it instead analyses all the texts N times and prints {"rounds": [seconds per round], "count"}.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileRules, analyse } from "../../send_outcomes/js/analyser.js";

const rulesPath = fileURLToPath(new URL("../../send_outcomes/data/rules.json", import.meta.url));
const compiled = compileRules(JSON.parse(readFileSync(rulesPath, "utf8")));
const texts = JSON.parse(readFileSync(0, "utf8"));
const bench = process.argv.indexOf("--bench");
if (bench >= 0) {
  const rounds = Number(process.argv[bench + 1] || "1");
  const times = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    for (const t of texts) analyse(t, compiled);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  process.stdout.write(JSON.stringify({ rounds: times, count: texts.length }));
} else {
  process.stdout.write(JSON.stringify(texts.map((t) => analyse(t, compiled))));
}
