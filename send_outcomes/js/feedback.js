// The analyser's verdict on one statement, drawn the same way by "Fix the outcome" and "Check your plan",
// and the two ways of getting that verdict:
// - on the static site (engine "js") the JavaScript analyser runs in the page, on rules fetched once from
//   the site itself (rules_url, beside the exercise modules), so no text ever leaves the device;
// - in JupyterLab (engine "python") the Python widget fills the `analysis` trait, and we only read it.
//
// An analysis is {text, kind, smart: {specific, measurable, achievable, time_bound} | null,
// person_centred: bool | null, feedback: [{criterion, met, evidence: [str], message}]}.

import { h } from "./common.js";
import { compileRules, analyse, analyseAll } from "./analyser.js";
import { CRITERION_ENTRIES } from "./facts.js";

// [id, label] for each criterion, in display order.
export const CRITERIA = Object.freeze(CRITERION_ENTRIES.map((c) => Object.freeze([c.id, c.label])));
export const KIND_NAMES = {
  aspiration: "an aspiration", need: "a need", outcome: "an outcome", provision: "provision", target: "a target",
};

/**
 * @typedef {object} Feedback
 * @property {string} criterion
 * @property {boolean} met
 * @property {string[]} evidence the learner's words behind the verdict
 * @property {string} message
 */

/**
 * @typedef {object} Analysis The same object as Python's analyse(text).to_dict().
 * @property {string} text
 * @property {string} kind aspiration, need, outcome, provision or target
 * @property {{specific: boolean, measurable: boolean, achievable: boolean, time_bound: boolean}|null} smart
 * @property {boolean|null} person_centred
 * @property {Feedback[]} feedback
 */

/**
 * @typedef {object} Analyser
 * @property {string} engine "js" (in the page) or "python" (the kernel fills the model's analysis)
 * @property {() => (string|null)} failed why the rules could not be loaded, if they could not
 * @property {() => boolean} ready
 * @property {(key: string, text: string) => (Analysis|null)} analyse null while no verdict is available
 */

const loading = new Map(); // rules URL -> Promise of compiled rules, shared by every exercise on the page

/**
 * A data file beside the rules, under the same release tag (?v=...), so no browser mixes releases.
 * @param {string} name
 * @param {string} rulesUrl
 * @returns {string}
 */
export function besideRules(name, rulesUrl) {
  const url = new URL(name, rulesUrl);
  url.search = new URL(rulesUrl).search;
  return url.href;
}

const fetched = new Map(); // data URL -> Promise of its JSON, so that the page asks for each file once

/**
 * One data file's JSON, fetched once however many parts of the page ask for it (the checker and the
 * whole-plan panel both read the plan-reading data).
 * @param {string} url
 * @returns {Promise<object>} the JSON, or a rejection that says which file could not be loaded
 */
export function fetchJson(url) {
  if (!fetched.has(url)) {
    const p = fetch(url, { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw new Error(url + " could not be loaded (" + r.status + ")");
      return r.json();
    });
    p.catch(() => fetched.delete(url)); // let a later request try again
    fetched.set(url, p);
  }
  return fetched.get(url);
}

/**
 * Compiled rules for the JS engine; rejects with a readable message if they cannot be fetched or read.
 * @param {string} url
 * @returns {Promise<object>}
 */
export function rulesFrom(url) {
  if (!url) return Promise.reject(new Error("no address for the analyser's rules"));
  if (!loading.has(url)) {
    const p = fetch(url, { credentials: "same-origin" })
      .then((r) => {
        if (!r.ok) throw new Error("the analyser's rules could not be loaded (" + r.status + ")");
        return r.json();
      })
      .then((rules) => compileRules(rules));
    p.catch(() => loading.delete(url)); // let a later exercise try again
    loading.set(url, p);
  }
  return loading.get(url);
}

/**
 * An analyser for this model: analyse(key, text) returns the verdict, or null while it is not available.
 * @param {object} model the widget's model (engine, rules_url, analysis)
 * @param {(failure: string|null) => void} onReady called once the JS engine's rules are loaded or have failed
 * @returns {Analyser}
 */
export function analyserFor(model, onReady) {
  const engine = model.get("engine") || "js";
  let compiled = null;
  let failed = null;
  const cache = new Map();
  let lastList = null;
  if (engine === "js") {
    rulesFrom(model.get("rules_url")).then(
      (c) => {
        compiled = c;
        onReady(null);
      },
      (err) => {
        failed = err && err.message ? err.message : String(err);
        onReady(failed);
      },
    );
  }
  return {
    engine,
    failed: () => failed,
    ready: () => engine === "python" || compiled !== null,
    analyse(key, text) {
      if (engine === "python") {
        const found = (model.get("analysis") || {})[key];
        return found && found.text !== undefined && String(found.text).trim() !== String(text).trim() ? null : found || null;
      }
      if (!compiled) return null;
      if (!cache.has(text)) {
        if (cache.size > 500) cache.clear();
        cache.set(text, analyse(text, compiled));
      }
      return cache.get(text);
    },
    // Lines read together as one list ([key, text] pairs), as Python's analyse_all and `check --list` read
    // them, each pair from its plan section in `sections` (null where it is not known): one result (or
    // null, not ready yet) per pair. The last list's results are kept while the list and the sections are
    // the same. In JupyterLab the kernel has read the list already, headings and all.
    analyseList(pairs, sections) {
      if (engine === "python") return pairs.map(([key, text]) => this.analyse(key, text));
      if (!compiled) return pairs.map(() => null);
      const texts = pairs.map(([, text]) => text);
      const same = lastList && lastList.texts.length === texts.length
        && lastList.texts.every((t, i) => t === texts[i] && lastList.sections[i] === sections[i]);
      if (!same) lastList = { texts, sections, results: analyseAll(texts, compiled, { sections }) };
      return lastList.results;
    },
  };
}

/**
 * @param {Analysis} analysis
 * @param {string} criterion
 * @returns {Feedback|null}
 */
function feedbackFor(analysis, criterion) {
  return (analysis.feedback || []).find((f) => f.criterion === criterion) || null;
}

/**
 * @param {Analysis} analysis
 * @param {string} criterion one of CRITERIA's ids
 * @returns {boolean}
 */
export function criterionMet(analysis, criterion) {
  if (criterion === "person_centred") return analysis.person_centred === true;
  return Boolean(analysis.smart && analysis.smart[criterion] === true);
}

/**
 * The per-criterion checklist: icon and word as well as colour; the words that met or missed each one.
 * @param {Analysis} analysis
 * @returns {HTMLUListElement} empty when the statement is not an outcome or target
 */
export function checklist(analysis) {
  const list = h("ul", { class: "so-criteria" });
  if (!analysis.smart) return list;
  for (const [criterion, name] of CRITERIA) {
    const met = criterionMet(analysis, criterion);
    const fb = feedbackFor(analysis, criterion);
    const evidence = fb && Array.isArray(fb.evidence) && fb.evidence.length ? fb.evidence.map((e) => "“" + e + "”").join(", ") : "";
    list.append(h("li", { class: met ? "so-fb-ok" : "so-fb-no", dataset: { criterion, met: String(met) } },
      h("span", { "aria-hidden": "true" }, met ? "✓ " : "✗ "),
      h("span", { class: "so-criterion-name" }, name + ": "),
      met ? "yes" + (evidence ? " (" + evidence + ")" : "") + ". " : "not yet. ",
      !met && fb && fb.message ? fb.message : ""));
  }
  return list;
}

/**
 * Feedback that is about the statement as a whole (its kind, its length), not one criterion.
 * @param {Analysis} analysis
 * @returns {Feedback[]} only the unmet ones with a message
 */
export function generalFeedback(analysis) {
  const named = new Set(CRITERIA.map((c) => c[0]));
  return (analysis.feedback || []).filter((f) => !named.has(f.criterion) && f.message && !f.met);
}

/**
 * @param {Analysis} analysis
 * @returns {HTMLParagraphElement} "This reads as an outcome."
 */
export function kindLine(analysis) {
  return h("p", { class: "so-kind-line" }, "This reads as ",
    h("span", { class: "so-kind", dataset: { kind: analysis.kind } }, KIND_NAMES[analysis.kind] || String(analysis.kind)), ".");
}

/**
 * A short spoken summary of a verdict for the live region.
 * @param {Analysis} analysis
 * @returns {string}
 */
export function spoken(analysis) {
  if (!analysis.smart) return "This reads as " + (KIND_NAMES[analysis.kind] || analysis.kind) + ", not an outcome.";
  const missed = CRITERIA.filter(([c]) => !criterionMet(analysis, c)).map(([, n]) => n.toLowerCase());
  if (!missed.length) return "Meets all five: specific, measurable, achievable, time-bound and person-centred.";
  return "Meets " + (CRITERIA.length - missed.length) + " of 5. Not yet " + missed.join(", ") + ".";
}
