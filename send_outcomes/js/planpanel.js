// "Check a whole plan": drop or choose a .docx or .pdf, or paste a plan's text, and see every legal and
// good-practice problem beside its item, section by section. The file is read in this page and never leaves
// the device: there is no upload, and the PDF reader (pdf.js) is loaded from this site only when a PDF is
// chosen. Shown on the static site, where the data files sit beside the analyser's rules.

import { h, uid, plural } from "./common.js";
import { rulesFrom } from "./feedback.js";
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

// A data file beside the rules, under the same release tag (?v=...), so no browser mixes releases.
function besideRules(name, rulesUrl) {
  const url = new URL(name, rulesUrl);
  url.search = new URL(rulesUrl).search;
  return url.href;
}

async function fetchJson(url) {
  const r = await fetch(url, { credentials: "same-origin" });
  if (!r.ok) throw new Error(url + " could not be loaded (" + r.status + ")");
  return r.json();
}

export function wholePlanPanel(model) {
  const base = model.get("rules_url");
  // The rules come from the quick checker's own (preloaded, cached) request: one download for both.
  const data = Promise.all([
    rulesFrom(base),
    fetchJson(besideRules("plan-reading.json", base)),
    fetchJson(besideRules("plan-checks.json", base)),
  ]).then(([compiled, reading, checks]) => ({ rules: compiled.raw, reading, checks, analyser: makeAnalyser(compiled, checks) }));
  data.catch(() => {});
  const fileId = uid("plan-file");
  const textId = uid("plan-text");
  const namesId = uid("plan-names");
  const status = h("p", { class: "so-summary", role: "status", "aria-live": "polite", dataset: { role: "plan-status" } });
  const results = h("div", { class: "so-plan-results" });
  const file = h("input", { type: "file", id: fileId, accept: ".docx,.pdf,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain", on: { change: () => chosen() } });
  const text = h("textarea", { id: textId, rows: 6, spellcheck: "false" });
  const names = h("input", { type: "checkbox", id: namesId, on: { change: () => redraw() } });
  const drop = h("div", { class: "so-drop" },
    h("label", { for: fileId, class: "so-criterion-name" }, "Choose a plan (.docx, .pdf or .txt), or drop it here"), " ", file);
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("so-over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("so-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("so-over");
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) run(f);
  });
  const root = h("section", { class: "so-ex so-plan", "aria-labelledby": "so-plan-title" },
    h("h2", { class: "so-title", id: "so-plan-title" }, "Check a whole plan"),
    h("p", { class: "so-note" }, h("strong", {}, "Your plan stays on this device. "),
      "The file is read by this page in your browser: it is never uploaded or sent anywhere. Before you share the report, remove the child's and family's names (tick the box below)."),
    h("div", { class: "so-plan-input" },
      drop,
      h("label", { for: textId, class: "so-criterion-name" }, "Or paste the plan's text (from Word or a PDF)"),
      text,
      h("div", { class: "so-actions" },
        h("button", { type: "button", on: { click: () => runText() } }, "Check the pasted text"),
        h("span", {}, names, " ", h("label", { for: namesId }, "Replace the child's and family's names in the report"))),
    ),
    status, results);
  const style = h("style", {}, STYLE);
  root.prepend(style);
  let last = null;

  // The same file chosen again (after an edit in Word, say) is read again.
  function chosen() {
    const f = file.files && file.files[0];
    if (!f) return;
    run(f).finally(() => { file.value = ""; });
  }

  async function run(f) {
    status.textContent = "Reading " + f.name + "…";
    results.replaceChildren();
    try {
      if (f.size > 20000000) throw new ReadError(f.name + ": larger than 20,000,000 bytes, too large for a plan; nothing was checked");
      const bytes = new Uint8Array(await f.arrayBuffer());
      await check(bytes, f.name);
    } catch (err) {
      fail(err);
    }
  }

  async function runText() {
    results.replaceChildren();
    try {
      await check(new TextEncoder().encode(text.value), "pasted text");
    } catch (err) {
      fail(err);
    }
  }

  function fail(err) {
    last = null;
    root.dataset.state = "error";
    status.textContent = err instanceof ReadError ? err.message : "The plan could not be read (" + (err && err.message ? err.message : String(err)) + ").";
  }

  async function check(bytes, name) {
    const d = await data;
    const t0 = performance.now();
    const doc = await readDocument(bytes, name, d.reading, new URL("vendor/", base).href);
    const plan = planFromDocument(doc, d.reading, d.analyser.kindOf);
    if (!plan.items.some((i) => "BCDEFGH".includes(i.section))) {
      throw new ReadError(name + ": no needs, outcomes or provision were found, so nothing was checked: the headings of sections B, E and F (by any of their usual names) were not recognised. Check that this is the plan, or paste its text with the section headings");
    }
    const problems = checkPlan(plan, d.checks, d.rules, d.analyser.analysisOf);
    last = { plan, problems, ms: performance.now() - t0, name, reading: d.reading };
    redraw();
  }

  function redraw() {
    if (!last) return;
    const { plan, problems } = last;
    const p = names.checked ? pseudonymiser(plan) : (s) => s;
    const byItem = new Map();
    const whole = [];
    for (const x of problems) {
      if (x.id) {
        if (!byItem.has(x.id)) byItem.set(x.id, []);
        byItem.get(x.id).push(x);
      } else whole.push(x);
    }
    const laws = problems.filter((x) => x.severity === "law").length;
    root.dataset.state = "done";
    root.dataset.ms = String(Math.round(last.ms));
    status.textContent = (plan.items.length ? "" : "No sections A to K were recognised: check the headings, or paste the plan's text. ") +
      plural(problems.length, "problem", "problems") + " found in " + p(last.name) + " (" + laws + " the law or the Code requires, " + (problems.length - laws) + " good practice).";
    const parts = [];
    if (whole.length) parts.push(h("h3", {}, "The whole plan"), ...whole.map((x) => problemNode(x, p)));
    for (const letter of LETTERS) {
      const items = plan.items.filter((i) => i.section === letter);
      if (!items.length) continue;
      const title = last.reading.sections[letter] ? ": " + last.reading.sections[letter].name : "";
      parts.push(h("h3", {}, "Section " + letter + title));
      parts.push(h("ol", { class: "so-plan-items" }, items.map((i) => h("li", { class: "so-plan-item", dataset: { id: i.id, section: i.section } },
        h("span", { class: "so-plan-id" }, i.id),
        h("span", { class: "so-plan-text" }, p(i.text)),
        i.detail ? h("span", { class: "so-help" }, " (" + p(i.detail) + ")") : null,
        ...(byItem.get(i.id) || []).map((x) => problemNode(x, p))))));
    }
    parts.push(h("details", { class: "so-help" }, h("summary", {}, "The report as data (JSON)"),
      h("pre", { class: "so-plan-json" }, JSON.stringify(pseudonymised(toDict(plan, problems), p), null, 1))));
    results.replaceChildren(...parts);
  }

  function pseudonymised(d, p) {
    return JSON.parse(JSON.stringify(d), (k, v) => (typeof v === "string" && k !== "code" && k !== "severity" && k !== "rule" ? p(v) : v));
  }

  function problemNode(x, p) {
    return h("div", { class: "so-plan-problem", dataset: { code: x.code, id: x.id, section: x.section, severity: x.severity } },
      h("strong", {}, x.severity === "law" ? "The law or the Code requires it: " : "Good practice: "),
      p(x.message),
      h("span", { class: "so-plan-rule" }, "Rests on: " + x.rule),
      h("span", { class: "so-plan-ask" }, "Ask for instead: " + x.ask));
  }

  return root;
}
