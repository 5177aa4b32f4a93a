// Check your plan: a whole plan (planpanel.js, on the static site) and, for quick use, outcomes one per line, and see for each line what kind of statement it reads as
// and, for outcomes, which SMART and person-centred criteria it meets, with the words behind each verdict.
//
// Nothing is saved or sent: on the static site the text stays in the page (the host keeps no copy for this
// exercise) and the analyser runs in the page. In JupyterLab (engine "python") the text goes to the kernel
// as answers.text so the Python analyser can fill `analysis` by line number; the widget writes no file.
// Only the first `max_lines` lines are checked, and a visible note says so when there are more.

import { h, exerciseView, getAnswers, paragraphs, uid, plural, debounce } from "./common.js";
import { analyserFor, besideRules, checklist, criterionMet, fetchJson, generalFeedback, CRITERIA, KIND_NAMES } from "./feedback.js";
import { wholePlanPanel } from "./planpanel.js";
import { listSections, splitLines } from "./planread.js";
import { SECTIONS } from "./analyser.js";

const KIND_LABELS = { aspiration: "Aspiration", need: "Need", outcome: "Outcome", provision: "Provision", target: "Target" };

export function linesOf(text, max) {
  const all = splitLines(text || ""); // line numbers as the Python widget counts them
  const out = [];
  for (let i = 0; i < Math.min(all.length, max); i += 1) {
    if (all[i].trim()) out.push({ n: i + 1, text: all[i].trim() });
  }
  return { lines: out, total: all.length };
}

/**
 * @typedef {object} CheckerView The checker's parts, shared by the functions below.
 * @property {object} model
 * @property {object} frame what exerciseView returned (body, save, stop)
 * @property {HTMLElement} engineNote where a checker that could not start is explained
 * @property {HTMLTextAreaElement} area
 * @property {HTMLSelectElement} section the plan section the lines come from ("" when not known)
 * @property {HTMLElement} summary
 * @property {HTMLElement} capNote the note shown when lines were left out
 * @property {HTMLElement} results
 * @property {object} analyser from feedback.analyserFor
 * @property {object|null} reading how plans name their sections (data/plan/reading.json), once loaded on the
 *   static site; in JupyterLab the kernel finds the headings
 * @property {{(): void, cancel: () => void}} update drawResults after a pause in typing
 */

/**
 * @param {CheckerView} c
 * @returns {object}
 */
function specOf(c) {
  return c.model.get("spec") || {};
}

/**
 * @param {CheckerView} c
 * @returns {number} the most lines checked
 */
function maxLines(c) {
  return specOf(c).max_lines || 200;
}

/**
 * One line's result: its kind, and for an outcome the criteria met with the words behind each.
 * @param {CheckerView} c
 * @param {{n: number, text: string}} line
 * @param {object|null} a the line's analysis (null while the analyser is not ready)
 * @returns {HTMLLIElement}
 */
function resultRow(c, line, a) {
  const li = h("li", { class: "so-result", dataset: { line: String(line.n) } },
    h("p", { class: "so-help" }, "Line " + line.n),
    h("p", { class: "so-result-text" }, line.text));
  if (!a) {
    li.append(h("p", { class: "so-help" }, c.analyser.failed() ? "Not checked." : "Checking…"));
    return li;
  }
  if (a.heading) {
    li.dataset.kind = "heading";
    li.append(h("p", {}, h("span", { class: "so-kind" }, "Heading"),
      " The lines below it are read as Section " + a.heading + " (" + a.name + ")."));
    return li;
  }
  li.dataset.kind = a.kind;
  li.append(h("p", {}, h("span", { class: "so-kind" }, KIND_LABELS[a.kind] || String(a.kind)),
    a.smart ? " " + CRITERIA.filter(([k]) => criterionMet(a, k)).length + " of " + CRITERIA.length + " criteria met" : ""));
  const general = generalFeedback(a);
  if (a.smart) li.append(checklist(a));
  else if (!general.length) {
    li.append(h("p", { class: "so-help" }, "This reads as " + (KIND_NAMES[a.kind] || a.kind) + ", so it is not checked as an outcome."));
  }
  for (const f of general) li.append(h("p", { class: "so-fb so-fb-part" }, f.message));
  return li;
}

/**
 * @param {{n: number, text: string}[]} lines
 * @param {(object|null)[]} found each line's analysis
 * @returns {string} how many lines were checked and how many of each kind
 */
function summaryText(lines, found) {
  const kinds = {};
  for (const a of found) {
    const k = a && (a.heading ? "heading" : a.kind);
    if (k) kinds[k] = (kinds[k] || 0) + 1;
  }
  const parts = Object.keys(KIND_LABELS).filter((k) => kinds[k]).map((k) => kinds[k] + " " + KIND_LABELS[k].toLowerCase() + (kinds[k] === 1 || k === "provision" ? "" : "s"));
  if (kinds.heading) parts.push(plural(kinds.heading, "heading", "headings"));
  return plural(lines.length, "line", "lines") + " checked" + (parts.length ? ": " + parts.join(", ") + "." : ".");
}

/**
 * Each line's analysis, the lines read together as one list. On the static site a heading line ("Section E:
 * Outcomes", "Health needs") is not a statement: it gives the section of the lines after it, as Python's
 * list_sections does in JupyterLab and in `check --list`; before the first heading, the chosen section.
 * @param {CheckerView} c
 * @param {{n: number, text: string}[]} lines
 * @returns {(object|null)[]}
 */
function analyseLines(c, lines) {
  const chosen = c.section.value || null;
  const where = c.reading ? listSections(lines.map((line) => line.text), c.reading, chosen) : lines.map(() => [chosen, false]);
  const found = where.map(([letter, heading], i) => (heading ? { text: lines[i].text, heading: letter, name: c.reading.sections[letter].name } : null));
  const statements = lines.map((_, i) => i).filter((i) => !where[i][1]);
  const read = c.analyser.analyseList(statements.map((i) => [String(lines[i].n), lines[i].text]), statements.map((i) => where[i][0]));
  statements.forEach((i, j) => {
    found[i] = read[j];
  });
  return found;
}

/**
 * Redraw the results, the note about lines left out and the summary from the text box.
 * @param {CheckerView} c
 */
function drawResults(c) {
  const max = maxLines(c);
  const { lines, total } = linesOf(c.area.value, max);
  // read together: what the other lines read as helps decide a doubtful one (feedback says when it did)
  const found = analyseLines(c, lines);
  c.results.replaceChildren(...lines.map((line, i) => resultRow(c, line, found[i])));
  c.capNote.replaceChildren();
  if (total > max) {
    c.capNote.append(h("p", { class: "so-note", role: "status" }, h("strong", {}, "Note: "),
      "Only the first " + max + " lines are checked; " + plural(total - max, "line was", "lines were") + " left out."));
  }
  c.summary.textContent = lines.length ? summaryText(lines, found) : "";
}

/**
 * Check now: in JupyterLab the text goes to the kernel first, whose analysis arrives as a model change.
 * @param {CheckerView} c
 */
function now(c) {
  if (c.analyser.engine === "python") c.frame.save({ text: c.area.value, section: c.section.value });
  drawResults(c);
}

/** @param {CheckerView} c */
function clear(c) {
  c.update.cancel();
  c.area.value = "";
  now(c);
  c.area.focus();
}

/**
 * @param {CheckerView} c
 * @param {string|null} failure
 */
function onAnalyserReady(c, failure) {
  if (failure) {
    c.engineNote.replaceChildren(h("p", { class: "so-note", role: "status" }, h("strong", {}, "Note: "),
      "The checker could not start (" + failure + ")."));
  }
  drawResults(c);
}

/**
 * anywidget's entry point: the text box, its results, and on the static site the whole-plan panel above.
 * @param {{model: object, el: HTMLElement}} args
 * @returns {() => void} cleanup
 */
function render({ model, el }) {
  const engineNote = h("div");
  // The frame (notes, keys kept inside, a stop when the kernel has gone); the text box is never redrawn from
  // the model, so what the learner is typing is left alone.
  const frame = exerciseView(model, el, "so-checker", () => {}, [engineNote]);
  /** @type {CheckerView} */
  const c = { model, frame, engineNote };
  const spec = specOf(c);
  const areaId = uid("checker-text");
  const helpId = uid("checker-help");
  c.summary = h("p", { class: "so-summary", dataset: { role: "summary" }, "aria-live": "polite" });
  c.capNote = h("div");
  c.results = h("ol", { class: "so-results", "aria-label": "Results, one per line" });
  const start = getAnswers(model).text || "";
  const sectionId = uid("checker-section");
  // Where the lines come from, when the learner knows: the strongest sign of a statement's kind.
  c.section = h("select", { id: sectionId, on: { change: () => now(c) } },
    h("option", { value: "" }, "Not sure, or more than one"),
    ...[...SECTIONS].map((letter) => h("option", { value: letter }, "Section " + letter)));
  const saved = getAnswers(model).section;
  c.section.value = typeof saved === "string" && saved.length === 1 && SECTIONS.includes(saved) ? saved : "";
  c.area = h("textarea", {
    id: areaId, rows: 8, value: start, spellcheck: "true", "aria-describedby": helpId,
    on: { input: () => c.update() },
  });
  frame.body.append(
    h("p", { class: "so-title" }, spec.title || "Check your plan"),
    ...paragraphs(spec.instructions),
    h("label", { for: areaId, class: "so-criterion-name" }, "Your outcomes, one per line"),
    h("p", { class: "so-help", id: helpId }, "Nothing you type here is saved or sent anywhere. Up to " + maxLines(c) + " lines are checked."),
    c.area,
    h("label", { for: sectionId, class: "so-criterion-name" }, "Which section of the plan are these lines from?"),
    c.section,
    h("div", { class: "so-actions" }, h("button", {
      type: "button", on: { click: () => clear(c) },
    }, "Clear")),
    c.summary, c.capNote, c.results);
  // On the static site the whole-plan checker comes first; the quick one-per-line checker stays below it.
  const whole = model.get("engine") !== "python" && model.get("rules_url") && spec.whole_plan ? wholePlanPanel(model) : null;
  if (whole) el.prepend(whole);
  c.analyser = analyserFor(model, (failure) => onAnalyserReady(c, failure));
  c.reading = null;
  if (c.analyser.engine !== "python" && model.get("rules_url")) {
    // without it every line is still checked, only headings are not recognised
    fetchJson(besideRules("plan-reading.json", model.get("rules_url"))).then((reading) => {
      c.reading = reading;
      drawResults(c);
    }, () => {});
  }
  c.update = debounce(() => now(c), 300);
  drawResults(c);
  const onAnalysis = () => drawResults(c);
  model.on("change:analysis", onAnalysis);
  return () => {
    c.update.cancel();
    model.off("change:analysis", onAnalysis);
    frame.stop();
  };
}

export default { render };
