// Fix the outcome: read a child's story and an outcome that is not SMART, rewrite it, and see as you type
// which criteria your version meets (specific, measurable, achievable, time-bound, person-centred).
//
// The checklist comes from the analyser: in the page on the static site (engine "js"), from the Python widget
// in JupyterLab (engine "python", via the `analysis` trait). "Check my rewrite" scores the draft
// (grading.gradeRewrite), explains what is wrong with the original and gives the next hint; once the draft
// is an honest attempt (grading.honestAttempt) a model answer can be shown. Rounds are reached with
// Previous / Next or the round buttons.
// Assessment mode: no hints, problems or model answers are in the spec, and no checklist is shown; drafts
// are saved as they change.
//
// Saved answers: {drafts: {round: text}, checks: {round: n}, shown: {round: true}, round: index}.

import { h, exerciseView, getAnswers, paragraphs, uid, debounce, checkAndResetRow } from "./common.js";
import { gradeRewrite, honestAttempt } from "./grading.js";
import { analyserFor, checklist, generalFeedback, kindLine, spoken } from "./feedback.js";

// The view is a set of small functions sharing one `FixView` object: the model, the frame from
// exerciseView, the analyser, and the live checklist and result panel of the round on screen.

/**
 * @typedef {object} Round
 * @property {string} id
 * @property {string} original the outcome as written
 * @property {string} [name]
 * @property {string} [case]
 * @property {string} [context]
 * @property {string} [problem] what is wrong with the original (practice only)
 * @property {string[]} [hints]
 * @property {string} [model_answer]
 */

/**
 * @typedef {object} FixAnswers
 * @property {Object<string, string>} [drafts]
 * @property {Object<string, number>} [checks]
 * @property {Object<string, boolean>} [shown]
 * @property {number} [round]
 */

/**
 * @typedef {object} LiveArea The live checklist under the text box.
 * @property {HTMLElement} node
 * @property {(text: string) => void} update
 * @property {string} round
 */

/**
 * @typedef {object} FixView
 * @property {object} model
 * @property {object} frame what exerciseView returned (save, stop, ...)
 * @property {HTMLElement} root
 * @property {HTMLElement} body
 * @property {{say: (message: string) => void}} say
 * @property {{key: () => (string|null), restore: (key: (string|null)) => boolean}} keeper
 * @property {HTMLElement} engineNote where a failed analyser is explained
 * @property {object} analyser from feedback.analyserFor
 * @property {LiveArea|null} live for the round on screen
 * @property {HTMLElement|null} result the holder of the result panel for the round on screen
 * @property {{(): void, cancel: () => void}} liveUpdate refresh, debounced while the learner types
 */

/**
 * @param {FixView} v
 * @returns {object}
 */
function specOf(v) {
  return v.model.get("spec") || {};
}

/**
 * @param {FixView} v
 * @returns {Round[]}
 */
function roundsOf(v) {
  return specOf(v).rounds || [];
}

/**
 * @param {FixView} v
 * @returns {boolean}
 */
function isPractice(v) {
  return v.model.get("mode") !== "assessment";
}

/**
 * @param {FixView} v
 * @param {FixAnswers} answers
 * @returns {number} the saved round, kept within the rounds there are
 */
function roundIndex(v, answers) {
  return Math.min(Math.max(answers.round || 0, 0), Math.max(roundsOf(v).length - 1, 0));
}

/**
 * Saves are drawn here (focus on focusKey), or not at all while the learner types (redraw false).
 * @param {FixView} v
 * @param {FixAnswers} answers
 * @param {boolean} redraw
 * @param {string|null} [focusKey]
 */
function save(v, answers, redraw, focusKey) {
  v.frame.save(answers);
  if (redraw) draw(v, focusKey);
}

/**
 * @param {FixView} v
 * @param {number} i
 * @param {string} focusKey
 */
function goTo(v, i, focusKey) {
  const answers = getAnswers(v.model);
  answers.round = i;
  save(v, answers, true, focusKey);
  const r = roundsOf(v)[i];
  v.say.say("Round " + (i + 1) + " of " + roundsOf(v).length + ": " + (r.name || r.case || "") + ".");
}

/**
 * "Check my rewrite": count the check and say how the draft scores.
 * @param {FixView} v
 * @param {Round} r
 */
function check(v, r) {
  const answers = getAnswers(v.model);
  answers.checks = Object.assign({}, answers.checks || {}, { [r.id]: ((answers.checks || {})[r.id] || 0) + 1 });
  save(v, answers, true, "check");
  const draft = (answers.drafts || {})[r.id] || "";
  const graded = gradeRewrite(r.original, draft, v.analyser.analyse(r.id, draft));
  v.say.say(graded.explanation + (honestAttempt(r.original, draft) ? " You can now compare with a model answer." : ""));
}

/**
 * @param {FixView} v
 * @param {Round} r
 */
function showModel(v, r) {
  const answers = getAnswers(v.model);
  answers.shown = Object.assign({}, answers.shown || {}, { [r.id]: true });
  save(v, answers, true, "model-shown");
  v.say.say("Model answer: " + r.model_answer);
}

/**
 * @param {FixView} v
 * @param {Round} r
 */
function resetRound(v, r) {
  const answers = getAnswers(v.model);
  for (const key of ["drafts", "checks", "shown"]) {
    if (answers[key]) {
      answers[key] = Object.assign({}, answers[key]);
      delete answers[key][r.id];
    }
  }
  save(v, answers, true, "draft:" + r.id);
  v.say.say("Cleared your rewrite for this round.");
}

/**
 * The live checklist under the text box: redrawn in place as the learner types, never the whole exercise,
 * so the caret and any half-typed word are left alone.
 * @param {FixView} v
 * @param {Round} r
 * @returns {LiveArea}
 */
function liveArea(v, r) {
  const box = h("div", { class: "so-live", dataset: { role: "live" } });
  const announce = debounce((text) => {
    const a = v.analyser.analyse(r.id, text);
    if (a && text.trim()) v.say.say(spoken(a));
  }, 1500);
  const update = (text) => {
    if (!isPractice(v)) {
      box.replaceChildren();
      return;
    }
    if (!text.trim()) {
      box.replaceChildren(h("p", { class: "so-help" }, "Start typing: the checklist appears here."));
      return;
    }
    const a = v.analyser.analyse(r.id, text);
    if (!a) {
      box.replaceChildren(h("p", { class: "so-help" }, v.analyser.failed() ? "" : "Checking…"));
      return;
    }
    box.replaceChildren(kindLine(a), checklist(a), ...generalFeedback(a).map((f) => h("p", { class: "so-help" }, f.message)));
    announce(text);
  };
  return { node: box, update, round: r.id };
}

/**
 * The verdict on a checked draft, with the original's problem and the next hint while it falls short.
 * @param {Round} r
 * @param {{points: number, explanation: string}} graded
 * @param {number} checks
 * @returns {HTMLElement}
 */
function verdictBox(r, graded, checks) {
  const full = graded.points === 1;
  const cls = full ? "so-fb-ok" : graded.points > 0 ? "so-fb-part" : "so-fb-no";
  const fb = h("div", { class: "so-fb " + cls });
  fb.append(h("p", {}, h("strong", {}, full ? "✓ All five met. " : graded.points > 0 ? "◐ Partly there. " : "✗ Not yet. "), graded.explanation));
  if (!full && checks) {
    if (r.problem) fb.append(h("p", {}, h("strong", {}, "What was wrong with the original: "), r.problem));
    const hints = r.hints || [];
    if (hints.length) fb.append(h("p", {}, h("strong", {}, "Hint: "), hints[Math.min(checks - 1, hints.length - 1)]));
  }
  return fb;
}

/**
 * The model answer once shown, a button to show it after an honest attempt, or what unlocks it.
 * @param {FixView} v
 * @param {Round} r
 * @param {string} draft
 * @param {boolean} shown
 * @returns {HTMLElement|null}
 */
function modelAnswer(v, r, draft, shown) {
  if (shown && r.model_answer) {
    return h("div", { class: "so-model", tabindex: "-1", dataset: { key: "model-shown" } },
      h("p", {}, h("strong", {}, "A model answer: "), r.model_answer),
      h("p", { class: "so-help" }, "There is usually more than one good answer; compare the parts, not the words."));
  }
  if (r.model_answer && honestAttempt(r.original, draft)) {
    return h("p", {}, h("button", { type: "button", dataset: { key: "model" }, on: { click: () => showModel(v, r) } }, "Show a model answer"));
  }
  if (r.model_answer) {
    return h("p", { class: "so-help" }, "Write a rewrite of at least six words, different from the original, and you can compare it with a model answer.");
  }
  return null;
}

/**
 * What checking showed (practice only, after a check or once the model answer is shown).
 * @param {FixView} v
 * @param {Round} r
 * @param {FixAnswers} answers
 * @returns {HTMLElement}
 */
function resultPanel(v, r, answers) {
  const draft = (answers.drafts || {})[r.id] || "";
  const checks = (answers.checks || {})[r.id] || 0;
  const shown = Boolean((answers.shown || {})[r.id]);
  const panel = h("div", { class: "so-result-panel", dataset: { role: "result" } });
  if (!isPractice(v) || (!checks && !shown)) return panel;
  const analysis = v.analyser.analyse(r.id, draft);
  if (!analysis && draft.trim() && !v.analyser.failed()) {
    panel.append(h("p", { class: "so-help" }, "Checking your rewrite…"));
    return panel;
  }
  panel.append(verdictBox(r, gradeRewrite(r.original, draft, analysis), checks));
  const model = modelAnswer(v, r, draft, shown);
  if (model) panel.append(model);
  return panel;
}

/**
 * One button per round, ticked once checked or its model answer shown.
 * @param {FixView} v
 * @param {FixAnswers} answers
 * @param {number} i the round on screen
 * @returns {HTMLElement}
 */
function roundTabs(v, answers, i) {
  return h("nav", { class: "so-tabs", "aria-label": "Rounds" }, ...roundsOf(v).map((x, j) => {
    const done = Boolean((answers.shown || {})[x.id]) || ((answers.checks || {})[x.id] > 0);
    return h("button", {
      type: "button", "aria-current": j === i ? "true" : null, dataset: { key: "round:" + j },
      on: { click: () => goTo(v, j, "round:" + j) },
    }, "Round " + (j + 1), done ? h("span", {}, h("span", { "aria-hidden": "true" }, " ✓"), h("span", { class: "so-vh" }, " (checked)")) : null);
  }));
}

/**
 * "Check my rewrite" (practice only) and "Start this round again".
 * @param {FixView} v
 * @param {Round} r
 * @returns {HTMLElement}
 */
function actionButtons(v, r) {
  return checkAndResetRow(isPractice(v), {
    check: "Check my rewrite", onCheck: () => check(v, r),
    reset: "Start this round again", onReset: () => resetRound(v, r),
  });
}

/**
 * Previous round, where we are, next round.
 * @param {FixView} v
 * @param {number} i
 * @param {number} n
 * @returns {HTMLElement}
 */
function roundNav(v, i, n) {
  return h("div", { class: "so-round-nav" },
    h("button", { type: "button", disabled: i === 0, dataset: { key: "prev" }, on: { click: () => goTo(v, i - 1, "prev") } }, "← Previous round"),
    h("span", {}, "Round " + (i + 1) + " of " + n),
    h("button", { type: "button", disabled: i === n - 1, dataset: { key: "next" }, on: { click: () => goTo(v, i + 1, "next") } }, "Next round →"));
}

/**
 * The text box for the draft: saved as typed, and the checklist follows after a pause.
 * @param {FixView} v
 * @param {Round} r
 * @param {string} draftId
 * @param {string} draft
 * @returns {HTMLTextAreaElement}
 */
function draftBox(v, r, draftId, draft) {
  return h("textarea", {
    id: draftId, rows: 3, value: draft, spellcheck: "true", dataset: { key: "draft:" + r.id },
    on: {
      input: (e) => {
        const a = getAnswers(v.model);
        a.drafts = Object.assign({}, a.drafts || {}, { [r.id]: e.target.value });
        save(v, a, false);
        v.liveUpdate();
      },
    },
  });
}

/**
 * Redraw the whole exercise from the model, then put focus back on the control with `focusKey`.
 * @param {FixView} v
 * @param {string|null} [focusKey] undefined keeps focus where it is
 */
function draw(v, focusKey) {
  const keep = focusKey === undefined ? v.keeper.key() : focusKey;
  const sp = specOf(v);
  const answers = getAnswers(v.model);
  const i = roundIndex(v, answers);
  const r = roundsOf(v)[i];
  const nodes = [h("p", { class: "so-title" }, sp.title || "Fix the outcome"), ...paragraphs(sp.instructions)];
  if (!r) {
    v.body.replaceChildren(...nodes);
    return;
  }
  const n = roundsOf(v).length;
  nodes.push(roundTabs(v, answers, i));
  const draftId = uid("fix-draft");
  const headId = uid("fix-head");
  const draft = (answers.drafts || {})[r.id] || "";
  v.live = liveArea(v, r);
  v.result = h("div", { dataset: { role: "result-holder" } }, resultPanel(v, r, answers));
  const area = draftBox(v, r, draftId, draft);
  const actions = actionButtons(v, r);
  const nav = roundNav(v, i, n);
  nodes.push(h("section", { "aria-labelledby": headId, dataset: { round: r.id } },
    h("h3", { class: "so-title", id: headId }, "Round " + (i + 1) + ": " + (r.name || r.case || "")),
    r.context ? h("p", { class: "so-story" }, r.context) : null,
    h("p", {}, "The outcome as written:"),
    h("blockquote", { class: "so-original" }, r.original),
    h("label", { for: draftId, class: "so-criterion-name" }, "Your rewrite"),
    area,
    v.live.node,
    actions,
    v.result,
    isPractice(v) ? null : h("p", { class: "so-summary" }, "Your answers are saved as you go."),
    nav));
  v.body.replaceChildren(...nodes);
  v.live.update(draft);
  if (keep === "model-shown") {
    const m = v.root.querySelector('[data-key="model-shown"]');
    if (m) m.focus();
  } else v.keeper.restore(keep);
}

/**
 * Redraw the parts that follow the draft (checklist and result), leaving the text box alone.
 * @param {FixView} v
 */
function refresh(v) {
  const answers = getAnswers(v.model);
  const r = roundsOf(v)[roundIndex(v, answers)];
  if (!r) return;
  const text = (answers.drafts || {})[r.id] || "";
  if (v.live) v.live.update(text);
  if (v.result) {
    const hadFocus = v.result.contains(v.root.ownerDocument.activeElement) ? v.keeper.key() : null;
    v.result.replaceChildren(resultPanel(v, r, answers));
    if (hadFocus) v.keeper.restore(hadFocus);
  }
}

/**
 * Say why the live checklist is missing (the analyser could not start), above the exercise.
 * @param {FixView} v
 * @param {string|null} failure
 */
function onAnalyserReady(v, failure) {
  if (failure) {
    v.engineNote.replaceChildren(h("p", { class: "so-note", role: "status" }, h("strong", {}, "Note: "),
      "The live checklist is not available (" + failure + "). You can still write and save your rewrites."));
  }
  refresh(v);
}

/**
 * anywidget's entry point: draw the exercise into `el` and keep it in step with the model and the analyser.
 * @param {{model: object, el: HTMLElement}} args
 * @returns {() => void} cleanup
 */
function render({ model, el }) {
  const engineNote = h("div");
  /** @type {FixView} */
  const v = { model, engineNote, live: null, result: null };
  const frame = exerciseView(model, el, "so-fix", () => draw(v), [engineNote]);
  Object.assign(v, { frame, root: frame.root, body: frame.body, say: frame.say, keeper: frame.keeper });
  v.analyser = analyserFor(model, (failure) => onAnalyserReady(v, failure));
  v.liveUpdate = debounce(() => refresh(v), 250);
  draw(v, null);
  const onAnalysis = () => refresh(v);
  model.on("change:analysis", onAnalysis);
  return () => {
    v.liveUpdate.cancel();
    frame.stop();
    model.off("change:analysis", onAnalysis);
  };
}

export default { render };
