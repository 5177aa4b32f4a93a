// Follow the golden thread: for each aspiration in a plan, choose the need behind it, the outcome that moves
// towards it and the provision that gets there, or "Missing" where nothing in the plan fits.
//
// One plan (part) at a time, chosen with the buttons at the top; each link is a plain select, the simplest
// control for keyboard, touch and screen readers alike. "Check this plan" marks every link: right links lock,
// a wrong one gets a hint, and after `reveal_after` wrong tries the answer and its reason are shown.
// Assessment mode: the spec has no links (no key), so there is no feedback; answers are saved as they change.
//
// Saved answers: {links: {case: {aspiration: {need, outcome, provision}}}, checks: {case: n},
// tries: {"case/aspiration/column": n}, part: index of the plan on screen}.

import { h, exerciseView, getAnswers, paragraphs, verdict, uid, plural, checkAndResetRow } from "./common.js";
import { gradeThread, THREAD_COLUMNS } from "./grading.js";

const MISSING = "missing";
const NAMES = { need: "Need", outcome: "Outcome", provision: "Provision" };
const HINTS = {
  need: "Which difficulty stands between the child and this hope?",
  outcome: "Which outcome says what will be different for the child, and by when? Help that is given is provision, not an outcome.",
  provision: "Which help would make that outcome happen? If nothing in the plan does, choose Missing.",
};

// The view is a set of small functions sharing one `ThreadView` object: the model, the frame from
// exerciseView, and the links changed since their plan was last checked (their old verdict is hidden).

/**
 * @typedef {object} Part One child's plan.
 * @property {string} case
 * @property {string} [name]
 * @property {number} [age]
 * @property {string} [story]
 * @property {{id: string, text: string}[]} [aspirations]
 * @property {{id: string, text: string}[]} [needs]
 * @property {{id: string, text: string}[]} [outcomes]
 * @property {{id: string, text: string}[]} [provision]
 * @property {object[]} [links] the key (absent in assessment mode)
 */

/**
 * @typedef {object} ThreadAnswers
 * @property {Object<string, Object<string, {need?: string, outcome?: string, provision?: string}>>} [links]
 * @property {Object<string, number>} [checks] per case
 * @property {Object<string, number>} [tries] per "case/aspiration/column"
 * @property {number} [part] the plan on screen
 */

/**
 * @typedef {object} ThreadView
 * @property {object} model
 * @property {HTMLElement} body
 * @property {{say: (message: string) => void}} say
 * @property {{key: () => (string|null), restore: (key: (string|null)) => boolean}} keeper
 * @property {(answers: ThreadAnswers) => boolean} save
 * @property {Set<string>} dirty link ids changed since their plan was last checked
 */

/**
 * @param {ThreadView} v
 * @returns {object}
 */
function specOf(v) {
  return v.model.get("spec") || {};
}

/**
 * @param {ThreadView} v
 * @returns {Part[]}
 */
function partsOf(v) {
  return specOf(v).parts || [];
}

/**
 * Practice mode needs the key: a spec stripped for assessment has no links.
 * @param {ThreadView} v
 * @returns {boolean}
 */
function isPractice(v) {
  return v.model.get("mode") !== "assessment" && partsOf(v).every((p) => Array.isArray(p.links));
}

/**
 * @param {ThreadView} v
 * @returns {number}
 */
function revealAfter(v) {
  return specOf(v).reveal_after || 2;
}

/**
 * @param {ThreadView} v
 * @param {ThreadAnswers} answers
 * @returns {number} the saved plan, kept within the plans there are
 */
function currentIndex(v, answers) {
  return Math.min(Math.max(answers.part || 0, 0), Math.max(partsOf(v).length - 1, 0));
}

/**
 * @param {Part} part
 * @param {string} column needs, outcomes or provision
 * @param {string} id a card's id, or MISSING
 * @returns {string}
 */
function cardText(part, column, id) {
  return id === MISSING ? "Missing: nothing in the plan fits" : ((part[column] || []).find((c) => c.id === id) || { text: id }).text;
}

/**
 * @param {ThreadView} v
 * @param {Part} part
 * @param {ThreadAnswers} answers
 * @returns {Map<string, object>} this plan's graded links by id (empty in assessment mode)
 */
function itemsFor(v, part, answers) {
  if (!isPractice(v)) return new Map();
  const result = gradeThread(specOf(v), answers);
  return new Map(result.items.filter((i) => i.id.startsWith(part.case + "/")).map((i) => [i.id, i]));
}

/**
 * @param {ThreadView} v
 * @param {Part} part
 */
function forgetChanges(v, part) {
  for (const key of Array.from(v.dirty)) if (key.startsWith(part.case + "/")) v.dirty.delete(key);
}

/**
 * Choose a card (or nothing) for one link, save, redraw and say what was chosen.
 * @param {ThreadView} v
 * @param {Part} part
 * @param {string} aspiration
 * @param {string} key need, outcome or provision
 * @param {string} value
 */
function setLink(v, part, aspiration, key, value) {
  const answers = getAnswers(v.model);
  const links = Object.assign({}, answers.links || {});
  const forCase = Object.assign({}, links[part.case] || {});
  const row = Object.assign({}, forCase[aspiration] || {});
  if (value) row[key] = value;
  else delete row[key];
  forCase[aspiration] = row;
  links[part.case] = forCase;
  answers.links = links;
  v.dirty.add(part.case + "/" + aspiration + "/" + key);
  v.save(answers);
  draw(v, "link:" + aspiration + ":" + key);
  v.say.say(NAMES[key] + ": " + (value ? cardText(part, THREAD_COLUMNS.find((c) => c[0] === key)[1], value) : "not chosen") + ".");
}

/**
 * @param {ThreadView} v
 * @param {number} index
 */
function goTo(v, index) {
  const answers = getAnswers(v.model);
  answers.part = index;
  v.save(answers);
  draw(v, "part:" + index);
  const part = partsOf(v)[index];
  v.say.say("Showing " + (part.name || part.case) + "'s plan, " + (index + 1) + " of " + partsOf(v).length + ".");
}

/**
 * "Check this plan": count a try for each wrong chosen link and say how the plan stands.
 * @param {ThreadView} v
 * @param {Part} part
 */
function check(v, part) {
  const answers = getAnswers(v.model);
  forgetChanges(v, part);
  const items = itemsFor(v, part, answers);
  const tries = Object.assign({}, answers.tries || {});
  for (const item of items.values()) {
    if (!item.correct && item.given !== "") tries[item.id] = (tries[item.id] || 0) + 1;
  }
  answers.tries = tries;
  answers.checks = Object.assign({}, answers.checks || {}, { [part.case]: ((answers.checks || {})[part.case] || 0) + 1 });
  v.save(answers);
  draw(v, "check");
  v.say.say(summaryText(v, part, answers));
}

/**
 * @param {ThreadView} v
 * @param {Part} part
 * @param {ThreadAnswers} answers
 * @returns {string} how many links are right and still to choose, or which plan is next
 */
function summaryText(v, part, answers) {
  const items = Array.from(itemsFor(v, part, answers).values());
  const right = items.filter((i) => i.correct).length;
  const open = items.filter((i) => i.given === "").length;
  const who = part.name || part.case;
  if (right === items.length) {
    const parts = partsOf(v);
    const next = parts.findIndex((p) => !Array.from(itemsFor(v, p, answers).values()).every((i) => i.correct));
    return "All " + items.length + " links in " + who + "'s plan are right." + (next >= 0 ? " Next: " + (parts[next].name || parts[next].case) + "'s plan." : " You have followed every thread.");
  }
  let text = "You have " + right + " of " + items.length + " links right in " + who + "'s plan.";
  if (open) text += " " + plural(open, "link is", "links are") + " still to choose.";
  return text;
}

/**
 * "Start this plan again": forget its links, checks and tries.
 * @param {ThreadView} v
 * @param {Part} part
 */
function resetPart(v, part) {
  const answers = getAnswers(v.model);
  for (const key of ["links", "checks"]) {
    if (answers[key]) {
      answers[key] = Object.assign({}, answers[key]);
      delete answers[key][part.case];
    }
  }
  if (answers.tries) {
    answers.tries = Object.fromEntries(Object.entries(answers.tries).filter(([k]) => !k.startsWith(part.case + "/")));
  }
  forgetChanges(v, part);
  v.save(answers);
  draw(v, "check");
  v.say.say("Cleared " + (part.name || part.case) + "'s plan.");
}

/**
 * The select for one link: the plan's cards of that column, and Missing.
 * @param {ThreadView} v
 * @param {Part} part
 * @param {string} aspirationId
 * @param {string} key
 * @param {string} column
 * @param {string} given
 * @param {string} id the link's id
 * @returns {HTMLElement[]} the label, a space and the select
 */
function linkSelect(v, part, aspirationId, key, column, given, id) {
  const selectId = uid("thread-" + key);
  return [h("label", { for: selectId, class: "so-criterion-name" }, NAMES[key]), " ",
    h("select", {
      id: selectId, dataset: { key: "link:" + aspirationId + ":" + key, link: id },
      on: { change: (e) => setLink(v, part, aspirationId, key, e.target.value) },
    },
    h("option", { value: "", selected: given === "" }, "Choose…"),
    ...(part[column] || []).map((c) => h("option", { value: c.id, selected: given === c.id }, c.text)),
    h("option", { value: MISSING, selected: given === MISSING }, "Missing: nothing in the plan fits"))];
}

/**
 * One link of an aspiration's row: locked with its verdict once right, else its select and any feedback.
 * @param {ThreadView} v
 * @param {Part} part
 * @param {{id: string, text: string}} aspiration
 * @param {string} key
 * @param {string} column
 * @param {ThreadAnswers} answers
 * @param {Map<string, object>} items
 * @returns {HTMLElement}
 */
function slot(v, part, aspiration, key, column, answers, items) {
  const id = part.case + "/" + aspiration.id + "/" + key;
  const given = (((answers.links || {})[part.case] || {})[aspiration.id] || {})[key] || "";
  const item = items.get(id);
  const checked = isPractice(v) && ((answers.checks || {})[part.case] || 0) > 0 && !v.dirty.has(id);
  const tries = (answers.tries || {})[id] || 0;
  const wrap = h("div", { class: "so-slot" });
  if (checked && item && item.correct) {
    wrap.append(h("p", { class: "so-fb so-fb-ok", dataset: { link: id } }, verdict(true), " — ", h("strong", {}, NAMES[key] + ": "),
      cardText(part, column, given), given === MISSING ? ". " + item.explanation.replace(/^Right: /, "") : ""));
    return wrap;
  }
  wrap.append(...linkSelect(v, part, aspiration.id, key, column, given, id));
  if (checked && item && given !== "") {
    const fb = h("p", { class: "so-fb so-fb-no" }, verdict(false), " — ");
    if (tries >= revealAfter(v)) fb.append(item.explanation);
    else fb.append("Hint: ", HINTS[key]);
    wrap.append(fb);
  }
  return wrap;
}

/**
 * @param {string} title
 * @param {{text: string}[]} cards
 * @returns {HTMLElement}
 */
function cardList(title, cards) {
  return h("div", { class: "so-column" }, h("strong", {}, title), h("ul", {}, ...cards.map((c) => h("li", {}, c.text))));
}

/**
 * One button per plan, ticked once every link in it is right.
 * @param {ThreadView} v
 * @param {ThreadAnswers} answers
 * @param {number} index the plan on screen
 * @returns {HTMLElement}
 */
function planTabs(v, answers, index) {
  return h("nav", { class: "so-tabs", "aria-label": "Plans" }, ...partsOf(v).map((p, i) => {
    const done = isPractice(v) && Array.from(itemsFor(v, p, answers).values()).every((x) => x.correct);
    return h("button", {
      type: "button", "aria-current": i === index ? "true" : null, dataset: { key: "part:" + i },
      on: { click: () => goTo(v, i) },
    }, (p.name || p.case) + "'s plan", done ? h("span", {}, h("span", { "aria-hidden": "true" }, " ✓"), h("span", { class: "so-vh" }, " (done)")) : null);
  }));
}

/**
 * The plan on screen: the child, everything in the plan, and a row of links per aspiration.
 * @param {ThreadView} v
 * @param {Part} part
 * @param {ThreadAnswers} answers
 * @returns {HTMLElement}
 */
function planSection(v, part, answers) {
  const who = part.name || part.case;
  const items = itemsFor(v, part, answers);
  const headId = uid("thread-case");
  return h("section", { "aria-labelledby": headId, dataset: { case: part.case } },
    h("h3", { class: "so-title", id: headId }, who + (part.age !== undefined ? ", aged " + part.age : "")),
    part.story ? h("p", { class: "so-story" }, part.story) : null,
    h("details", { class: "so-help" }, h("summary", {}, "Everything in " + who + "'s plan"),
      h("div", { class: "so-columns" },
        cardList("Needs", part.needs || []), cardList("Outcomes", part.outcomes || []), cardList("Provision", part.provision || []))),
    ...(part.aspirations || []).map((asp) => h("div", { class: "so-row", role: "group", "aria-label": "Aspiration: " + asp.text },
      h("p", { class: "so-row-asp" }, h("span", {}, "Aspiration: "), asp.text),
      ...THREAD_COLUMNS.map(([key, column]) => slot(v, part, asp, key, column, answers, items)))));
}

/**
 * "Check this plan" (practice only), "Start this plan again" and, if there is one, the next plan.
 * @param {ThreadView} v
 * @param {Part} part
 * @param {number} index
 * @returns {HTMLElement}
 */
function actionButtons(v, part, index) {
  const parts = partsOf(v);
  const actions = checkAndResetRow(isPractice(v), {
    check: "Check this plan", onCheck: () => check(v, part),
    reset: "Start this plan again", onReset: () => resetPart(v, part),
  });
  if (index + 1 < parts.length) {
    actions.append(h("button", { type: "button", dataset: { key: "next" }, on: { click: () => goTo(v, index + 1) } }, "Next plan: " + (parts[index + 1].name || parts[index + 1].case)));
  }
  return actions;
}

/**
 * Redraw the whole exercise from the model, then put focus back on the control with `focusKey`.
 * @param {ThreadView} v
 * @param {string|null} [focusKey] undefined keeps focus where it is
 */
function draw(v, focusKey) {
  const keep = focusKey === undefined ? v.keeper.key() : focusKey;
  const sp = specOf(v);
  const answers = getAnswers(v.model);
  const index = currentIndex(v, answers);
  const part = partsOf(v)[index];
  const nodes = [h("p", { class: "so-title" }, sp.title || "Follow the golden thread"), ...paragraphs(sp.instructions)];
  if (partsOf(v).length > 1) nodes.push(planTabs(v, answers, index));
  if (part) {
    const section = planSection(v, part, answers);
    const actions = actionButtons(v, part, index);
    const summary = h("p", { class: "so-summary", dataset: { role: "summary" } });
    if (isPractice(v) && ((answers.checks || {})[part.case] || 0) > 0) summary.textContent = summaryText(v, part, answers);
    if (!isPractice(v)) summary.textContent = "Your answers are saved as you go.";
    nodes.push(section, actions, summary);
  }
  v.body.replaceChildren(...nodes);
  v.keeper.restore(keep);
}

/**
 * anywidget's entry point: draw the exercise into `el` and keep it in step with the model.
 * @param {{model: object, el: HTMLElement}} args
 * @returns {() => void} cleanup
 */
function render({ model, el }) {
  /** @type {ThreadView} */
  const v = { model, dirty: new Set() };
  // This view redraws itself after its own saves (choosing where focus goes).
  const { body, say, keeper, save, stop } = exerciseView(model, el, "so-thread", () => draw(v));
  Object.assign(v, { body, say, keeper, save });
  draw(v, null);
  return stop;
}

export default { render };
