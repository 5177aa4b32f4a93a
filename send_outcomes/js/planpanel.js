// "Check a whole plan": drop or choose a .docx or .pdf, or paste a plan's text, and see every legal and
// good-practice problem beside its item, section by section. The file is read in this page and never leaves
// the device: there is no upload, and the PDF reader (pdf.js) is loaded from this site only when a PDF is
// chosen. Shown on the static site, where the data files sit beside the analyser's rules.

import { h, uid, plural } from "./common.js";
import { besideRules, fetchJson, rulesFrom } from "./feedback.js";
import { readDocument, ReadError } from "./planread.js";
import { planFromDocument, LETTERS } from "./planlinks.js";
import { makeAnalyser, checkPlan, pseudonymiser, toDict } from "./plancheck.js";

const STYLE = `
.so-plan .so-drop { border: 2px dashed var(--so-line); border-radius: 0.5rem; padding: 0.75rem; margin: 0.5rem 0; }
.so-plan .so-drop.so-over { background: var(--so-accent-bg); border-color: var(--so-focus); }
.so-plan textarea { width: 100%; }
.so-plan input[type="file"] { max-width: 100%; }
.so-plan input[type="checkbox"] { width: 24px; height: 24px; vertical-align: middle; }
.so-plan input[type="file"] { min-height: 44px; }
.so-plan .so-plan-item { margin: 0.5rem 0; }
.so-plan .so-plan-id { font-weight: 700; margin-right: 0.4rem; }
.so-plan .so-plan-problem { border-left: 4px solid var(--so-no); background: var(--so-no-bg); padding: 0.35rem 0.5rem; margin: 0.3rem 0; }
.so-plan .so-plan-problem[data-severity="good practice"] { border-color: var(--so-part); background: var(--so-part-bg); }
.so-plan .so-plan-rule, .so-plan .so-plan-ask { display: block; font-size: 0.95rem; }
.so-plan h3 { font-size: 1.05rem; margin: 1rem 0 0.3rem; }
@media print { .so-plan .so-plan-input { display: none; } }
`;

/**
 * @typedef {object} PlanData What checking needs, loaded once per panel.
 * @property {object} rules the analyser's raw rules
 * @property {object} reading how plans are read (data/plan/reading.json)
 * @property {object} checks the plan checks (data/plan/checks.json)
 * @property {{kindOf: Function, analysisOf: Function}} analyser
 */

/**
 * @typedef {object} PlanPanel The panel's parts and the last plan checked, shared by the functions below.
 * @property {string} base the rules' URL (data files and pdf.js sit beside it)
 * @property {Promise<PlanData>} data
 * @property {HTMLElement} root
 * @property {HTMLElement} status
 * @property {HTMLElement} results
 * @property {HTMLInputElement} file
 * @property {HTMLTextAreaElement} text
 * @property {HTMLInputElement} names the "replace names" box
 * @property {{plan: object, problems: object[], ms: number, name: string, reading: object}|null} last
 */

/**
 * Start loading the rules, the reading data and the checks. The rules come from the quick checker's own
 * (preloaded, cached) request: one download for both.
 * @param {string} base
 * @returns {Promise<PlanData>}
 */
function loadData(base) {
  const data = Promise.all([
    rulesFrom(base),
    fetchJson(besideRules("plan-reading.json", base)),
    fetchJson(besideRules("plan-checks.json", base)),
  ]).then(([compiled, reading, checks]) => ({ rules: compiled.raw, reading, checks, analyser: makeAnalyser(compiled, checks) }));
  data.catch(() => {});
  return data;
}

/**
 * The drop zone around the file input: a dropped file is checked at once.
 * @param {PlanPanel} panel
 * @param {string} fileId
 * @returns {HTMLElement}
 */
function dropZone(panel, fileId) {
  const drop = h("div", { class: "so-drop" },
    h("label", { for: fileId, class: "so-criterion-name" }, "Choose a plan (.docx, .pdf or .txt), or drop it here"), " ", panel.file);
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("so-over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("so-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("so-over");
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) run(panel, f);
  });
  return drop;
}

/**
 * The panel for a whole plan, placed by the checker above its quick line-by-line check.
 * @param {object} model the checker's model (rules_url)
 * @returns {HTMLElement}
 */
export function wholePlanPanel(model) {
  const base = model.get("rules_url");
  const data = loadData(base);
  const fileId = uid("plan-file");
  const textId = uid("plan-text");
  const namesId = uid("plan-names");
  /** @type {PlanPanel} */
  const panel = { base, data, last: null };
  panel.status = h("p", { class: "so-summary", role: "status", "aria-live": "polite", dataset: { role: "plan-status" } });
  panel.results = h("div", { class: "so-plan-results" });
  panel.file = h("input", { type: "file", id: fileId, accept: ".docx,.pdf,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain", on: { change: () => chosen(panel) } });
  panel.text = h("textarea", { id: textId, rows: 6, spellcheck: "false" });
  panel.names = h("input", { type: "checkbox", id: namesId, on: { change: () => redraw(panel) } });
  const drop = dropZone(panel, fileId);
  panel.root = h("section", { class: "so-ex so-plan", "aria-labelledby": "so-plan-title" },
    h("h2", { class: "so-title", id: "so-plan-title" }, "Check a whole plan"),
    h("p", { class: "so-note" }, h("strong", {}, "Your plan stays on this device. "),
      "The file is read by this page in your browser: it is never uploaded or sent anywhere. Before you share the report, remove the child's and family's names (tick the box below)."),
    h("div", { class: "so-plan-input" },
      drop,
      h("label", { for: textId, class: "so-criterion-name" }, "Or paste the plan's text (from Word or a PDF)"),
      panel.text,
      h("div", { class: "so-actions" },
        h("button", { type: "button", on: { click: () => runText(panel) } }, "Check the pasted text"),
        h("span", {}, panel.names, " ", h("label", { for: namesId }, "Replace the child's and family's names in the report"))),
    ),
    panel.status, panel.results);
  const style = h("style", {}, STYLE);
  panel.root.prepend(style);
  return panel.root;
}

/**
 * The same file chosen again (after an edit in Word, say) is read again.
 * @param {PlanPanel} panel
 */
function chosen(panel) {
  const f = panel.file.files && panel.file.files[0];
  if (!f) return;
  run(panel, f).finally(() => { panel.file.value = ""; });
}

/**
 * Read and check a chosen or dropped file; a file too large is refused before it is read.
 * @param {PlanPanel} panel
 * @param {File} f
 * @returns {Promise<void>}
 */
async function run(panel, f) {
  panel.status.textContent = "Reading " + f.name + "…";
  panel.results.replaceChildren();
  try {
    if (f.size > 20000000) throw new ReadError(f.name + ": larger than 20,000,000 bytes, too large for a plan; nothing was checked");
    const bytes = new Uint8Array(await f.arrayBuffer());
    await check(panel, bytes, f.name);
  } catch (err) {
    fail(panel, err);
  }
}

/**
 * @param {PlanPanel} panel
 * @returns {Promise<void>}
 */
async function runText(panel) {
  panel.results.replaceChildren();
  try {
    await check(panel, new TextEncoder().encode(panel.text.value), "pasted text");
  } catch (err) {
    fail(panel, err);
  }
}

/**
 * Say why the plan could not be checked (a ReadError's message is already written for the reader).
 * @param {PlanPanel} panel
 * @param {unknown} err
 */
function fail(panel, err) {
  panel.last = null;
  panel.root.dataset.state = "error";
  panel.status.textContent = err instanceof ReadError ? err.message : "The plan could not be read (" + (err && err.message ? err.message : String(err)) + ").";
}

/**
 * Read the bytes into a plan, check it, and show the report.
 * @param {PlanPanel} panel
 * @param {Uint8Array} bytes
 * @param {string} name
 * @returns {Promise<void>}
 */
async function check(panel, bytes, name) {
  const d = await panel.data;
  const t0 = performance.now();
  const doc = await readDocument(bytes, name, d.reading, new URL("vendor/", panel.base).href);
  const plan = planFromDocument(doc, d.reading, d.analyser.kindOf);
  if (!plan.items.some((i) => "BCDEFGH".includes(i.section))) {
    throw new ReadError(name + ": no needs, outcomes or provision were found, so nothing was checked: the headings of sections B, E and F (by any of their usual names) were not recognised. Check that this is the plan, or paste its text with the section headings");
  }
  const problems = checkPlan(plan, d.checks, d.rules, d.analyser.analysisOf);
  panel.last = { plan, problems, ms: performance.now() - t0, name, reading: d.reading };
  redraw(panel);
}

/**
 * @param {object[]} problems
 * @returns {{byItem: Map<string, object[]>, whole: object[]}} problems by item id, and those of the whole plan
 */
function groupProblems(problems) {
  const byItem = new Map();
  const whole = [];
  for (const x of problems) {
    if (x.id) {
      if (!byItem.has(x.id)) byItem.set(x.id, []);
      byItem.get(x.id).push(x);
    } else whole.push(x);
  }
  return { byItem, whole };
}

/**
 * One section's heading and its items, each with its problems.
 * @param {PlanPanel} panel
 * @param {string} letter
 * @param {object[]} items
 * @param {Map<string, object[]>} byItem
 * @param {(s: string) => string} p the pseudonymiser (or no change)
 * @returns {HTMLElement[]}
 */
function sectionNodes(panel, letter, items, byItem, p) {
  const title = panel.last.reading.sections[letter] ? ": " + panel.last.reading.sections[letter].name : "";
  return [
    h("h3", {}, "Section " + letter + title),
    h("ol", { class: "so-plan-items" }, items.map((i) => h("li", { class: "so-plan-item", dataset: { id: i.id, section: i.section } },
      h("span", { class: "so-plan-id" }, i.id),
      h("span", { class: "so-plan-text" }, p(i.text)),
      i.detail ? h("span", { class: "so-help" }, " (" + p(i.detail) + ")") : null,
      ...(byItem.get(i.id) || []).map((x) => problemNode(x, p))))),
  ];
}

/**
 * Show the last report again (after a check, or when "replace names" changes).
 * @param {PlanPanel} panel
 */
function redraw(panel) {
  const last = panel.last;
  if (!last) return;
  const { plan, problems } = last;
  const p = panel.names.checked ? pseudonymiser(plan) : (s) => s;
  const { byItem, whole } = groupProblems(problems);
  const laws = problems.filter((x) => x.severity === "law").length;
  panel.root.dataset.state = "done";
  panel.root.dataset.ms = String(Math.round(last.ms));
  panel.status.textContent = (plan.items.length ? "" : "No sections A to K were recognised: check the headings, or paste the plan's text. ") +
    plural(problems.length, "problem", "problems") + " found in " + p(last.name) + " (" + laws + " the law or the Code requires, " + (problems.length - laws) + " good practice).";
  const parts = [];
  if (whole.length) parts.push(h("h3", {}, "The whole plan"), ...whole.map((x) => problemNode(x, p)));
  for (const letter of LETTERS) {
    const items = plan.items.filter((i) => i.section === letter);
    if (items.length) parts.push(...sectionNodes(panel, letter, items, byItem, p));
  }
  parts.push(h("details", { class: "so-help" }, h("summary", {}, "The report as data (JSON)"),
    h("pre", { class: "so-plan-json" }, JSON.stringify(pseudonymised(toDict(plan, problems), p), null, 1))));
  panel.results.replaceChildren(...parts);
}

/**
 * The report's data with every free-text string passed through the pseudonymiser (codes and rules kept).
 * @param {object} d
 * @param {(s: string) => string} p
 * @returns {object}
 */
function pseudonymised(d, p) {
  return JSON.parse(JSON.stringify(d), (k, v) => (typeof v === "string" && k !== "code" && k !== "severity" && k !== "rule" ? p(v) : v));
}

/**
 * One problem: how binding it is, what is wrong, what it rests on and what to ask for instead.
 * @param {object} x
 * @param {(s: string) => string} p
 * @returns {HTMLElement}
 */
function problemNode(x, p) {
  return h("div", { class: "so-plan-problem", dataset: { code: x.code, id: x.id, section: x.section, severity: x.severity } },
    h("strong", {}, x.severity === "law" ? "The law or the Code requires it: " : "Good practice: "),
    p(x.message),
    h("span", { class: "so-plan-rule" }, "Rests on: " + x.rule),
    h("span", { class: "so-plan-ask" }, "Ask for instead: " + x.ask));
}
