// "My progress": every practice exercise on one page, from what this browser has saved, with export, import
// and reset.
//
// A parent working through the course on a phone has no account and no server: their progress lives only
// in this browser's localStorage (see storage.js). This page lets them see it whole, move it to another device
// (export a small JSON file, import it there) and wipe it (for a shared computer). Nothing is sent anywhere:
// the export is made in the page and handed to the browser as a download.
//
// The page embeds the practice specs (they are public: each exercise page carries the same ones) so scores are
// worked out with the very graders the exercises use. An imported file is checked item by item and applied
// only when every part fits; a bad file changes nothing and says what was wrong.

import { assetUrl } from "./host.js";
import { storage, loadSaved, save, courseKeys, hasSaved } from "./storage.js";
import { answerProblems, grade } from "./grading.js";
import { h, injectStyles, announcer } from "./common.js";
import { compileRules, analyse } from "./analyser.js";
import { EXERCISE_TYPES } from "./facts.js";

export const FORMAT = "outcomes-that-matter-progress";
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

// What to show for one exercise: "not started", or the score the exercise itself would give.
export function summarise(entry, answers, started, compiled) {
  if (!started) return { status: "Not started", score: null, max: null };
  const kind = Object.prototype.hasOwnProperty.call(EXERCISE_TYPES, entry.spec.type) ? EXERCISE_TYPES[entry.spec.type] : null;
  if (kind && !kind.saves) return { status: "Nothing is saved for this tool", score: null, max: null };
  const analyses = {};
  if (entry.spec.type === "fix") {
    const drafts = (answers && answers.drafts) || {};
    for (const round of entry.spec.rounds || []) {
      const text = drafts[round.id];
      analyses[round.id] = text && compiled ? analyse(text, compiled) : null;
    }
  }
  const result = grade(entry.spec, answers, analyses);
  const done = result.score >= result.max && result.max > 0;
  return { status: done ? "Complete" : "In progress", score: result.score, max: result.max };
}

// The file a learner downloads: their answers for every exercise, and nothing else.
export function exportData(entries, store) {
  const exercises = {};
  for (const entry of entries) {
    if (!hasSaved(store, entry.id)) continue;
    const saved = loadSaved(entry.id, entry.spec.type, store);
    if (!saved.notes.length) exercises[entry.id] = saved.answers;
  }
  return { format: FORMAT, version: 1, exported: new Date().toISOString(), exercises };
}

// Check an imported file completely before anything is written. Returns {ok, answers, problems}.
export function checkImport(text, entries) {
  const problems = [];
  if (typeof text !== "string" || text.length > MAX_IMPORT_BYTES) {
    return { ok: false, answers: {}, problems: ["The file is too large to be a progress file from this course."] };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, answers: {}, problems: ["The file is not a progress file: it could not be read as JSON."] };
  }
  if (!data || typeof data !== "object" || data.format !== FORMAT || data.version !== 1) {
    return { ok: false, answers: {}, problems: ["The file is not a progress file exported from this course."] };
  }
  const exercises = data.exercises;
  if (!exercises || typeof exercises !== "object" || Array.isArray(exercises)) {
    return { ok: false, answers: {}, problems: ["The file has no exercises in it."] };
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  const answers = {};
  for (const [id, value] of Object.entries(exercises)) {
    const entry = byId.get(id);
    if (!entry) {
      problems.push("“" + id + "” is not an exercise on this site.");
      continue;
    }
    const found = answerProblems(entry.spec.type, value);
    if (found.length) problems.push(entry.title + ": " + found.slice(0, 3).join("; "));
    else answers[id] = value;
  }
  return { ok: problems.length === 0, answers, problems };
}

function download(doc, name, text) {
  const blob = new Blob([text], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function loadRules(rulesUrl) {
  try {
    const response = await fetch(rulesUrl);
    if (!response.ok) return null;
    return compileRules(await response.json());
  } catch (err) {
    return null;
  }
}

/**
 * @typedef {object} ProgressView The page's parts, shared by the functions below.
 * @property {Document} doc
 * @property {object[]} entries every practice exercise: {id, title, url, spec}
 * @property {object|null} compiled the analyser's rules (null if they could not be loaded)
 * @property {import("./storage.js").Store|null} store
 * @property {(message: string) => void} say
 * @property {HTMLElement} body the table's body
 * @property {HTMLElement} notes
 * @property {HTMLInputElement} fileInput
 * @property {HTMLButtonElement} resetButton
 * @property {HTMLButtonElement} resetConfirm
 * @property {HTMLButtonElement} resetCancel
 */

/**
 * Replace the notes under the buttons with one message.
 * @param {ProgressView} p
 * @param {string} text
 * @param {string} [role] "status" (the default) or "alert"
 */
function note(p, text, role) {
  p.notes.replaceChildren(h("p", { class: "so-note", role: role || "status" }, text));
}

/**
 * One exercise's row: its link, its progress and its score, from what this browser saved.
 * @param {ProgressView} p
 * @param {object} entry
 * @returns {HTMLTableRowElement}
 */
function exerciseRow(p, entry) {
  const started = hasSaved(p.store, entry.id);
  const saved = started ? loadSaved(entry.id, entry.spec.type, p.store) : { answers: {}, notes: [] };
  let s;
  try {
    s = saved.notes.length ? { status: "Saved progress could not be used", score: null, max: null } : summarise(entry, saved.answers, started, p.compiled);
  } catch (err) {
    s = { status: "Saved progress could not be used", score: null, max: null };
  }
  const score = s.max ? String(Math.round(s.score * 10) / 10) + " of " + s.max : "—";
  return h("tr", { dataset: { exercise: entry.id } },
    h("th", { scope: "row" }, h("a", { href: entry.url }, entry.title)),
    h("td", {}, s.status),
    h("td", {}, score));
}

/** @param {ProgressView} p */
function draw(p) {
  p.body.replaceChildren(...p.entries.map((entry) => exerciseRow(p, entry)));
  if (!p.store) note(p, "This browser is not letting the site keep anything, so there is no progress to show.", "alert");
}

/**
 * "Export my progress": hand the browser a file of every usable saved answer.
 * @param {ProgressView} p
 */
function exportProgress(p) {
  const payload = exportData(p.entries, p.store);
  const count = Object.keys(payload.exercises).length;
  if (!count) {
    note(p, "There is nothing to export yet: start an exercise first.");
    p.say("There is nothing to export yet.");
    return;
  }
  download(p.doc, "outcomes-that-matter-progress.json", JSON.stringify(payload, null, 1));
  note(p, "Your progress (" + count + " exercise" + (count === 1 ? "" : "s") + ") has been saved as a file in your downloads.");
  p.say("Progress exported.");
}

/**
 * A progress file was chosen: check all of it, then save it, or change nothing and say what was wrong.
 * @param {ProgressView} p
 * @returns {Promise<void>}
 */
async function importProgress(p) {
  const file = p.fileInput.files && p.fileInput.files[0];
  p.fileInput.value = "";
  if (!file) return;
  const text = file.size > MAX_IMPORT_BYTES ? null : await file.text();
  const checked = checkImport(text, p.entries);
  if (!checked.ok) {
    p.notes.replaceChildren(
      h("p", { class: "so-note", role: "alert" }, "Nothing was changed: this file could not be used."),
      h("ul", {}, checked.problems.slice(0, 8).map((x) => h("li", {}, x))),
    );
    p.say("Import failed. Nothing was changed.");
    return;
  }
  const failed = Object.entries(checked.answers).filter(([id, answers]) => save(id, answers, p.store) !== null);
  draw(p);
  const count = Object.keys(checked.answers).length;
  if (failed.length) note(p, "Some exercises could not be saved in this browser (storage may be full).", "alert");
  else note(p, "Imported your progress for " + count + " exercise" + (count === 1 ? "" : "s") + ".");
  p.say("Progress imported.");
}

/**
 * "Reset my progress" asks first: the two answer buttons appear and the question is read out.
 * @param {ProgressView} p
 */
function askReset(p) {
  p.resetConfirm.hidden = false;
  p.resetCancel.hidden = false;
  note(p, "This deletes every answer this course has saved in this browser. Export first if you may want it back.", "alert");
  p.resetConfirm.focus();
}

/** @param {ProgressView} p */
function cancelReset(p) {
  p.resetConfirm.hidden = true;
  p.resetCancel.hidden = true;
  note(p, "Nothing was deleted.");
  p.resetButton.focus();
}

/**
 * Delete every key this course uses in this browser, including copies set aside.
 * @param {ProgressView} p
 */
function confirmReset(p) {
  for (const key of courseKeys(p.store)) {
    try {
      p.store.removeItem(key);
    } catch (err) {
      // A key that cannot be removed is left; the table below shows what remains.
    }
  }
  p.resetConfirm.hidden = true;
  p.resetCancel.hidden = true;
  draw(p);
  note(p, "Your progress has been deleted from this browser.");
  p.say("Progress deleted.");
  p.resetButton.focus();
}

/**
 * @param {HTMLElement} body
 * @returns {HTMLTableElement}
 */
function progressTable(body) {
  return h(
    "table", { class: "so-progress-table" },
    h("caption", {}, "Your practice exercises, as saved in this browser"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Exercise"), h("th", { scope: "col" }, "Progress"), h("th", { scope: "col" }, "Score"))),
    body,
  );
}

/**
 * Build the "My progress" page in its container: the table, export, import and reset.
 * @param {HTMLElement} container the page's .so-progress element, holding the exercises' specs as JSON
 * @returns {Promise<void>}
 */
export async function mountProgress(container) {
  injectStyles(container.ownerDocument);
  const doc = container.ownerDocument;
  const data = JSON.parse(container.querySelector('script[type="application/json"].so-progress-data').textContent);
  const entries = data.exercises;
  const compiled = await loadRules(assetUrl("rules.json"));
  const loading = container.querySelector(".so-exercise-loading");
  if (loading) loading.remove();

  const root = h("div", { class: "so-ex so-progress-ex" });
  container.appendChild(root);
  /** @type {ProgressView} */
  const p = { doc, entries, compiled, say: announcer(root).say, store: storage(), body: h("tbody") };
  const table = progressTable(p.body);
  p.notes = h("div", { class: "so-notes" });
  p.fileInput = h("input", { type: "file", accept: ".json,application/json", class: "so-vh", tabindex: "-1", "aria-hidden": "true" });
  p.resetConfirm = h("button", { type: "button", class: "so-danger", hidden: true, dataset: { action: "reset-confirm" } }, "Yes, delete my progress");
  p.resetCancel = h("button", { type: "button", hidden: true, dataset: { action: "reset-cancel" } }, "No, keep it");
  const exportButton = h("button", { type: "button", dataset: { action: "export" }, on: { click: () => exportProgress(p) } }, "Export my progress");
  const importButton = h("button", { type: "button", dataset: { action: "import" }, on: { click: () => p.fileInput.click() } }, "Import a progress file");
  p.fileInput.addEventListener("change", () => importProgress(p));
  p.resetButton = h("button", { type: "button", dataset: { action: "reset" }, on: { click: () => askReset(p) } }, "Reset my progress");
  p.resetCancel.addEventListener("click", () => cancelReset(p));
  p.resetConfirm.addEventListener("click", () => confirmReset(p));

  root.append(
    table,
    h("div", { class: "so-actions" }, exportButton, importButton, p.fileInput, p.resetButton, p.resetConfirm, p.resetCancel),
    p.notes,
  );
  draw(p);
  container.dataset.soReady = String(Math.round(performance.now()));
}

if (typeof document !== "undefined") {
  const start = () => Array.from(document.querySelectorAll(".so-progress")).forEach((c) => mountProgress(c));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
