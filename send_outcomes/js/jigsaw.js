// Bea's jigsaw: build the support around one outcome, then write each piece as specific provision.
//
// Step 1: for every piece, choose "Use it" or "Set it aside" and, for a piece in use, who holds it (a plain
// select). "Check my jigsaw" marks each piece: right pieces lock with the reason; a wrong piece gets its
// hint, and after `reveal_after` wrong tries the answer with its reason. Only the pieces not yet right can
// change, so a retry is only about those.
// Step 2 (once every piece is right): a text box per piece of support with a live checklist — does it say
// how much, how often and who? (grading.checkProvision, patterns from the spec). After an honest attempt
// a model answer can be shown.
// Assessment mode: the spec has no key (no roles, holders or reasons), so there is no feedback; both
// steps are open and the answers are saved as they change.
//
// Saved answers: {pieces: {id: {choice, holder}}, provision: {id: text}, checks, tries: {id: n},
// shown: {"<id>": true once its answer was revealed, "provision:<id>": true once the model was shown}}.

import { h, exerciseView, getAnswers, paragraphs, verdict, uid, plural, debounce, checkAndResetRow } from "./common.js";
import { gradeJigsaw, checkProvision, honestAttempt } from "./grading.js";

const PROVISION_KEYS = ["how_much", "how_often", "who"];

// The view is a set of small functions sharing one `JigsawView` object: the model, the frame from
// exerciseView, and the pieces changed since the last check (their old verdict no longer applies).

/**
 * @typedef {object} Piece
 * @property {string} id
 * @property {string} text
 * @property {"piece"|"distractor"} [role] absent in assessment mode
 * @property {string} [hint]
 * @property {string} [section] the plan section its provision goes in
 * @property {string} [model_provision]
 */

/**
 * @typedef {object} JigsawAnswers
 * @property {Object<string, {choice?: string, holder?: string}>} [pieces]
 * @property {Object<string, string>} [provision]
 * @property {number} [checks]
 * @property {Object<string, number>} [tries]
 * @property {Object<string, boolean>} [shown]
 */

/**
 * @typedef {object} PieceState
 * @property {object|null|undefined} item the piece's graded item (practice only)
 * @property {boolean} checked checked since it last changed
 * @property {boolean} locked right at the last check and untouched since
 * @property {number} tries
 * @property {boolean} revealed
 */

/**
 * @typedef {object} JigsawView
 * @property {object} model
 * @property {object} frame what exerciseView returned (save, stop, ...)
 * @property {HTMLElement} body
 * @property {{say: (message: string) => void}} say
 * @property {{key: () => (string|null), restore: (key: (string|null)) => boolean}} keeper
 * @property {Set<string>} dirty pieces changed since the last check
 */

/**
 * @param {JigsawView} v
 * @returns {object}
 */
function specOf(v) {
  return v.model.get("spec") || {};
}

/**
 * @param {JigsawView} v
 * @returns {Piece[]}
 */
function piecesOf(v) {
  return specOf(v).pieces || [];
}

/**
 * Practice mode needs the key: a spec stripped for assessment has no roles.
 * @param {JigsawView} v
 * @returns {boolean}
 */
function isPractice(v) {
  return v.model.get("mode") !== "assessment" && piecesOf(v).every((p) => p.role !== undefined);
}

/**
 * @param {JigsawView} v
 * @param {string} id
 * @returns {string}
 */
function holderLabel(v, id) {
  return ((specOf(v).holders || []).find((x) => x.id === id) || { label: id }).label;
}

/**
 * @param {JigsawView} v
 * @returns {number}
 */
function revealAfter(v) {
  return specOf(v).reveal_after || 2;
}

/**
 * Saves are drawn here (focus on focusKey), or not at all while the learner types (redraw false).
 * @param {JigsawView} v
 * @param {JigsawAnswers} answers
 * @param {boolean} redraw
 * @param {string|null} [focusKey]
 */
function save(v, answers, redraw, focusKey) {
  v.frame.save(answers);
  if (redraw) draw(v, focusKey);
}

/**
 * @param {JigsawView} v
 * @param {JigsawAnswers} answers
 * @returns {object|null} the grading result in practice mode, else null
 */
function graded(v, answers) {
  return isPractice(v) ? gradeJigsaw(specOf(v), answers) : null;
}

/**
 * A piece is locked when it was right at the last check and has not been touched since.
 * @param {JigsawView} v
 * @param {JigsawAnswers} answers
 * @param {object|null} result
 * @param {Piece} piece
 * @returns {PieceState}
 */
function pieceState(v, answers, result, piece) {
  const item = result ? result.items.find((i) => i.part === "piece" && i.id === piece.id) : null;
  const checked = isPractice(v) && (answers.checks || 0) > 0 && !v.dirty.has(piece.id);
  return {
    item,
    checked,
    locked: checked && item && item.correct,
    tries: (answers.tries || {})[piece.id] || 0,
    revealed: Boolean((answers.shown || {})[piece.id]),
  };
}

/**
 * Change a piece's choice or holder, save, redraw and say what changed.
 * @param {JigsawView} v
 * @param {string} pieceId
 * @param {{choice?: string, holder?: string}} patch
 * @param {string} focusKey
 */
function choose(v, pieceId, patch, focusKey) {
  const answers = getAnswers(v.model);
  const all = Object.assign({}, answers.pieces || {});
  const now = Object.assign({ choice: "", holder: "" }, all[pieceId] || {}, patch);
  if (now.choice !== "use") now.holder = "";
  all[pieceId] = now;
  answers.pieces = all;
  v.dirty.add(pieceId);
  save(v, answers, true, focusKey);
  const piece = piecesOf(v).find((p) => p.id === pieceId);
  if (patch.choice === "use") v.say.say("In the jigsaw: " + piece.text + ". Now choose who holds it.");
  else if (patch.choice === "aside") v.say.say("Set aside: " + piece.text + ".");
  else if (patch.holder !== undefined) v.say.say(patch.holder ? "Held by " + holderLabel(v, patch.holder) + "." : "No one chosen yet.");
}

/**
 * "Check my jigsaw": count a try for each wrong decided piece, revealing it after `reveal_after` tries.
 * @param {JigsawView} v
 */
function check(v) {
  const answers = getAnswers(v.model);
  v.dirty.clear();
  const result = gradeJigsaw(specOf(v), answers);
  const tries = Object.assign({}, answers.tries || {});
  const shown = Object.assign({}, answers.shown || {});
  const before = answers.checks || 0;
  for (const item of result.items) {
    if (item.part !== "piece" || item.correct || item.given === "") continue;
    tries[item.id] = (tries[item.id] || 0) + 1;
    if (tries[item.id] >= revealAfter(v)) shown[item.id] = true;
  }
  answers.checks = before + 1;
  answers.tries = tries;
  answers.shown = shown;
  save(v, answers, true, "check");
  v.say.say(summaryText(answers, gradeJigsaw(specOf(v), answers)));
}

/**
 * @param {JigsawAnswers} answers
 * @param {object} result
 * @returns {string} how many pieces are right and still to decide, and what to do next
 */
function summaryText(answers, result) {
  const items = result.items.filter((i) => i.part === "piece");
  const right = items.filter((i) => i.correct).length;
  const open = items.filter((i) => i.given === "").length;
  if (right === items.length) return "All " + items.length + " pieces are right. Now write each piece of support as provision, below.";
  let text = "You have " + right + " of " + items.length + " pieces right.";
  if (open) text += " " + plural(open, "piece is", "pieces are") + " still to decide.";
  if (items.length - right - open > 0) text += " Change the ones marked Not yet or Partly right and check again.";
  return text;
}

/** @param {JigsawView} v */
function reset(v) {
  v.dirty.clear();
  save(v, {}, true, "check");
  v.say.say("Cleared. Every piece is undecided again.");
}

/**
 * "Does this piece belong?": two radio buttons, Use it and Set it aside.
 * @param {JigsawView} v
 * @param {Piece} piece
 * @param {{choice?: string}} mine the learner's answer for this piece
 * @returns {HTMLFieldSetElement}
 */
function choiceFieldset(v, piece, mine) {
  const name = uid("jig-choice");
  const radio = (value, text) => h("label", { class: "so-radio" },
    h("input", {
      type: "radio", name, value, checked: mine.choice === value, dataset: { key: "choice:" + piece.id + ":" + value },
      on: { change: () => choose(v, piece.id, { choice: value }, "choice:" + piece.id + ":" + value) },
    }), h("span", {}, text));
  return h("fieldset", {},
    h("legend", {}, "Does this piece belong?"),
    radio("use", "Use it: it helps " + (specOf(v).name || "the child") + " reach the outcome"),
    radio("aside", "Set it aside: it does not belong here"));
}

/**
 * "Who holds it?": a select of the spec's holders, for a piece in use.
 * @param {JigsawView} v
 * @param {Piece} piece
 * @param {{holder?: string}} mine
 * @param {string} textId the piece's text, which describes the select
 * @returns {HTMLElement}
 */
function holderSelect(v, piece, mine, textId) {
  const selectId = uid("jig-holder");
  return h("p", { class: "so-slot" },
    h("label", { for: selectId }, "Who holds it? "),
    h("select", {
      id: selectId, "aria-describedby": textId, dataset: { key: "holder:" + piece.id },
      on: { change: (e) => choose(v, piece.id, { holder: e.target.value }, "holder:" + piece.id) },
    },
    h("option", { value: "", selected: !mine.holder }, "Choose who holds it…"),
    ...(specOf(v).holders || []).map((x) => h("option", { value: x.id, selected: mine.holder === x.id }, x.label))));
}

/**
 * The verdict under a checked piece that is not right yet: a hint, or the answer once revealed.
 * @param {Piece} piece
 * @param {PieceState} s
 * @returns {HTMLElement|null}
 */
function pieceFeedback(piece, s) {
  if (s.checked && s.item && s.item.given !== "") {
    const partial = s.item.points > 0;
    const fb = h("p", { class: "so-fb " + (partial ? "so-fb-part" : "so-fb-no") }, verdict(false, partial), " — ");
    if (s.revealed) fb.append(s.item.explanation);
    else if (partial) fb.append("It belongs, but check who holds it. Hint: ", piece.hint || "");
    else fb.append("Hint: ", piece.hint || "Ask whether it helps with this outcome, and whether it is help that someone gives.");
    return fb;
  }
  if (s.checked && s.item) return h("p", { class: "so-fb so-fb-part" }, "Not decided yet.");
  return null;
}

/**
 * One piece in step 1: locked with its reason once right, else its choice, holder and feedback.
 * @param {JigsawView} v
 * @param {Piece} piece
 * @param {JigsawAnswers} answers
 * @param {object|null} result
 * @returns {HTMLLIElement}
 */
function pieceCard(v, piece, answers, result) {
  const s = pieceState(v, answers, result, piece);
  const mine = (answers.pieces || {})[piece.id] || {};
  const li = h("li", { class: "so-piece" + (s.locked ? " so-locked" : ""), dataset: { piece: piece.id } });
  const textId = uid("jig-text");
  li.append(h("p", { id: textId }, h("strong", {}, piece.text)));
  if (s.locked) {
    const where = mine.choice === "use" ? "In the jigsaw, held by " + holderLabel(v, mine.holder) + "." : "Set aside.";
    li.append(h("p", { class: "so-help" }, where));
    li.append(h("p", { class: "so-fb so-fb-ok" }, verdict(true), " — ", s.item.explanation));
    return li;
  }
  li.append(choiceFieldset(v, piece, mine));
  if (mine.choice === "use") li.append(holderSelect(v, piece, mine, textId));
  const fb = pieceFeedback(piece, s);
  if (fb) li.append(fb);
  return li;
}

/**
 * Fill the provision checklist: does the text say how much, how often and who?
 * @param {JigsawView} v
 * @param {HTMLElement} list
 * @param {string} value
 * @returns {object|null} the checks, or null in assessment mode (no feedback while it is marked)
 */
function drawChecks(v, list, value) {
  if (!isPractice(v) || !specOf(v).provision_checks) return null;
  const checks = checkProvision(value, specOf(v).provision_checks);
  list.replaceChildren(...PROVISION_KEYS.filter((k) => checks[k]).map((k) => {
    const c = checks[k];
    return h("li", { class: c.met ? "so-fb-ok" : "so-fb-no" },
      h("span", { "aria-hidden": "true" }, c.met ? "✓ " : "✗ "),
      h("span", { class: "so-criterion-name" }, c.label + ": "),
      c.met ? "yes, “" + c.evidence + "”." : "not yet. " + c.message);
  }));
  return checks;
}

/**
 * Under a provision box: the model answer once shown, a button to show it after an honest attempt, or a
 * line saying what unlocks it.
 * @param {JigsawView} v
 * @param {HTMLElement} modelBox
 * @param {Piece} piece
 * @param {string} value
 */
function drawModel(v, modelBox, piece, value) {
  const a = getAnswers(v.model);
  if (!isPractice(v) || !piece.model_provision) {
    modelBox.replaceChildren();
  } else if ((a.shown || {})["provision:" + piece.id]) {
    modelBox.replaceChildren(h("div", { class: "so-model" },
      h("strong", {}, "One good answer (Section " + piece.section + "): "), piece.model_provision));
  } else if (honestAttempt("", value)) {
    modelBox.replaceChildren(h("button", {
      type: "button", dataset: { key: "model:" + piece.id },
      on: { click: () => showModel(v, piece) },
    }, "Compare with a model answer"));
  } else {
    modelBox.replaceChildren(h("p", { class: "so-help" }, "Write at least a sentence and you can compare it with a model answer."));
  }
}

/**
 * @param {JigsawView} v
 * @param {Piece} piece
 */
function showModel(v, piece) {
  const b = getAnswers(v.model);
  b.shown = Object.assign({}, b.shown || {}, { ["provision:" + piece.id]: true });
  save(v, b, true, "prov:" + piece.id);
  v.say.say("Model answer shown under your provision for " + piece.text + ".");
}

/**
 * Step 2: one provision box per piece of support; the checklist updates as the learner types.
 * @param {JigsawView} v
 * @param {Piece} piece
 * @param {JigsawAnswers} answers
 * @returns {HTMLLIElement}
 */
function provisionBox(v, piece, answers) {
  const text = (answers.provision || {})[piece.id] || "";
  const boxId = uid("jig-prov");
  const list = h("ul", { class: "so-criteria", "aria-label": "What your provision says" });
  const modelBox = h("div");
  const announce = debounce((checks) => {
    const missing = PROVISION_KEYS.filter((k) => checks[k] && !checks[k].met).map((k) => checks[k].label.toLowerCase());
    v.say.say(missing.length ? "Still to say: " + missing.join(", ") + "." : "It says how much, how often and who.");
  }, 900);
  const area = h("textarea", {
    id: boxId, rows: 3, value: text, dataset: { key: "prov:" + piece.id }, spellcheck: "true",
    on: {
      input: (e) => {
        const value = e.target.value;
        const a = getAnswers(v.model);
        a.provision = Object.assign({}, a.provision || {}, { [piece.id]: value });
        save(v, a, false);
        const checks = drawChecks(v, list, value);
        drawModel(v, modelBox, piece, value);
        if (checks) announce(checks);
      },
    },
  });
  drawChecks(v, list, text);
  drawModel(v, modelBox, piece, text);
  return h("li", { class: "so-piece", dataset: { provision: piece.id } },
    h("label", { for: boxId }, h("strong", {}, "Provision for: "), piece.text),
    area, list, modelBox);
}

/**
 * Step 2's section: the provision boxes once step 1 is complete (any time in assessment), else a line
 * saying when it opens.
 * @param {JigsawView} v
 * @param {JigsawAnswers} answers
 * @param {boolean} complete
 * @returns {HTMLElement}
 */
function stepTwo(v, answers, complete) {
  const step2 = h("section", { class: "so-step", "aria-labelledby": uid("jig-step2") });
  const headId = step2.getAttribute("aria-labelledby");
  if (!complete) {
    step2.append(h("p", { class: "so-help", id: headId }, "Step 2, writing each piece as provision, opens when every piece is right."));
    return step2;
  }
  const support = isPractice(v) ? piecesOf(v).filter((p) => p.role === "piece")
    : piecesOf(v).filter((p) => ((answers.pieces || {})[p.id] || {}).choice === "use");
  step2.append(
    h("h3", { class: "so-title", id: headId }, "Step 2: write each piece as provision"),
    h("p", { class: "so-instructions" }, "For each piece of support, say how much help there will be, how often, and who gives it."),
  );
  if (!support.length) step2.append(h("p", { class: "so-help" }, "Choose Use it for a piece first; it will appear here."));
  step2.append(h("ul", { class: "so-pieces" }, ...support.map((p) => provisionBox(v, p, answers))));
  return step2;
}

/**
 * "Check my jigsaw" (practice only) and "Start again".
 * @param {JigsawView} v
 * @returns {HTMLElement}
 */
function actionButtons(v) {
  return checkAndResetRow(isPractice(v), {
    check: "Check my jigsaw", onCheck: () => check(v), reset: "Start again", onReset: () => reset(v),
  });
}

/**
 * Redraw the whole exercise from the model, then put focus back on the control with `focusKey`.
 * @param {JigsawView} v
 * @param {string|null} [focusKey] undefined keeps focus where it is
 */
function draw(v, focusKey) {
  const keep = focusKey === undefined ? v.keeper.key() : focusKey;
  const sp = specOf(v);
  const answers = getAnswers(v.model);
  const result = graded(v, answers);
  const who = sp.name || "the child";
  const board = h("div", { class: "so-board" },
    h("p", { class: "so-outcome-centre" }, h("span", {}, who + "'s outcome: "), sp.outcome || ""));
  const list = h("ul", { class: "so-pieces", "aria-label": "Pieces of support" },
    ...piecesOf(v).map((p) => pieceCard(v, p, answers, result)));
  const actions = actionButtons(v);
  const summary = h("p", { class: "so-summary", dataset: { role: "summary" } });
  let complete = !isPractice(v);
  if (isPractice(v) && (answers.checks || 0) > 0 && result) {
    summary.textContent = summaryText(answers, result);
    complete = result.items.filter((i) => i.part === "piece").every((i) => i.correct);
  }
  if (!isPractice(v)) {
    const decided = piecesOf(v).filter((p) => ((answers.pieces || {})[p.id] || {}).choice).length;
    summary.textContent = decided + " of " + piecesOf(v).length + " pieces decided. Your answers are saved as you go.";
  }
  const step2 = stepTwo(v, answers, complete);
  v.body.replaceChildren(
    h("p", { class: "so-title" }, sp.title || "Jigsaw"),
    ...paragraphs(sp.instructions),
    sp.story ? h("p", { class: "so-story" }, h("strong", {}, "About " + who + ": "), sp.story) : null,
    board,
    h("h3", { class: "so-title" }, "Step 1: which pieces belong?"),
    list,
    actions,
    summary,
    step2,
  );
  v.keeper.restore(keep);
}

/**
 * anywidget's entry point: draw the exercise into `el` and keep it in step with the model.
 * @param {{model: object, el: HTMLElement}} args
 * @returns {() => void} cleanup
 */
function render({ model, el }) {
  /** @type {JigsawView} */
  const v = { model, dirty: new Set() };
  const frame = exerciseView(model, el, "so-jigsaw", () => draw(v));
  Object.assign(v, { frame, body: frame.body, say: frame.say, keeper: frame.keeper });
  draw(v, null);
  return frame.stop;
}

export default { render };
