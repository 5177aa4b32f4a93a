// Sort the statements: put each card under aspiration, need, outcome, provision or target.
//
// Three ways to move a card, all equal: drag it (mouse, pen or touch on its grip), pick it up with its grip
// button (click, tap, Enter or Space), choose a category with the arrow keys or a "Move here" button and
// drop it (Enter, Space or the button; Escape cancels), or use the "Move to" menu on the card.
// Practice mode: "Check" marks each placed card Correct (with the reason) or Not yet (with a hint); correct
// cards lock, so a retry only moves the wrong ones; after `reveal_after` wrong tries the answer is shown.
// Assessment mode: no key in the spec, no feedback; placements are saved for the trainer to mark.
//
// anywidget API: export default { render({ model, el }) } using model.get/set/on/off/save_changes only.
//
// The view is a set of small functions sharing one `SortView` object (the model, the frame from
// exerciseView and the state that is never saved: the card picked up, the zone it is over, a drag).

import { h, exerciseView, getAnswers, paragraphs, verdict, uid, plural, checkAndResetRow } from "./common.js";
import { gradeSort } from "./grading.js";

const POOL = "";

/**
 * @typedef {object} SortItem
 * @property {string} id
 * @property {string} text
 * @property {string} [kind] the right category (absent in assessment mode)
 * @property {string} [why] the reason it belongs there
 */

/**
 * @typedef {object} SortAnswers
 * @property {Object<string, string>} [placements] item id to category id
 * @property {Object<string, string>} [checked] item id to the category it was in when last checked
 * @property {Object<string, number>} [tries] item id to wrong checks so far
 */

/**
 * @typedef {object} CardState
 * @property {string} placed the category the card is in (POOL when not sorted)
 * @property {number} tries
 * @property {boolean} locked checked and right: it can no longer move
 * @property {boolean} wrong checked where it is, and wrong
 */

/**
 * @typedef {object} Drag A pointer drag in progress, or the click to ignore just after one.
 * @property {string} [id]
 * @property {number} [x]
 * @property {number} [y]
 * @property {boolean} [active] moved far enough to be a drag rather than a click
 * @property {HTMLElement|null} [ghost]
 * @property {boolean} suppressClick
 * @property {() => void} [stop] removes the window listeners
 */

/**
 * @typedef {object} SortView
 * @property {object} model anywidget's model (or the static host's stand-in)
 * @property {HTMLElement} el
 * @property {HTMLElement} root
 * @property {HTMLElement} body
 * @property {{say: (message: string) => void}} say
 * @property {{key: () => (string|null), restore: (key: (string|null)) => boolean}} keeper
 * @property {(answers: SortAnswers) => boolean} save
 * @property {{help: string, pickLabel: string}} ids
 * @property {string|null} picked the id of the card picked up
 * @property {string} target the zone the picked card is over
 * @property {Drag|null} drag
 */

/**
 * @param {SortView} v
 * @returns {object} the exercise spec
 */
function specOf(v) {
  return v.model.get("spec") || {};
}

/**
 * @param {SortView} v
 * @returns {boolean} practice mode (feedback shown), not assessment
 */
function isPractice(v) {
  return v.model.get("mode") !== "assessment";
}

/**
 * @param {SortView} v
 * @returns {string[]} the pile first, then each category's id
 */
function zones(v) {
  return [POOL].concat((specOf(v).categories || []).map((c) => c.id));
}

/**
 * @param {SortView} v
 * @param {string} z a zone id
 * @returns {string}
 */
function zoneLabel(v, z) {
  return z === POOL ? "Not sorted yet" : ((specOf(v).categories || []).find((c) => c.id === z) || { label: z }).label;
}

/**
 * @param {SortView} v
 * @param {string} id
 * @returns {SortItem|undefined}
 */
function itemById(v, id) {
  return (specOf(v).items || []).find((i) => i.id === id);
}

/**
 * Where a card is and what checking it has shown.
 * @param {SortView} v
 * @param {SortAnswers} answers
 * @param {SortItem} item
 * @returns {CardState}
 */
function cardState(v, answers, item) {
  const placed = (answers.placements || {})[item.id] || POOL;
  const checked = (answers.checked || {})[item.id];
  const tries = (answers.tries || {})[item.id] || 0;
  const known = isPractice(v) && item.kind !== undefined;
  const locked = known && checked === item.kind && placed === item.kind;
  const wrong = known && checked !== undefined && checked === placed && placed !== item.kind;
  return { placed, tries, locked, wrong };
}

/**
 * Move a card to a zone, save, redraw and say where it went (and, from the keyboard, which card is next).
 * @param {SortView} v
 * @param {string} itemId
 * @param {string} zone
 * @param {"keyboard"|"menu"|"pointer"} how
 */
function place(v, itemId, zone, how) {
  const answers = getAnswers(v.model);
  const placements = Object.assign({}, answers.placements || {});
  const from = placements[itemId] || POOL;
  if (zone === POOL) delete placements[itemId];
  else placements[itemId] = zone;
  answers.placements = placements;
  v.picked = null;
  let nextKey = "grab:" + itemId;
  if (from === POOL && zone !== POOL) {
    const next = (specOf(v).items || []).find((i) => i.id !== itemId && !placements[i.id]);
    if (next && how === "keyboard") nextKey = "grab:" + next.id;
  }
  v.save(answers);
  draw(v, how === "keyboard" || how === "menu" ? (how === "menu" ? "move:" + itemId : nextKey) : null);
  const item = itemById(v, itemId);
  let message = "Moved to " + zoneLabel(v, zone) + ".";
  if (how === "keyboard" && nextKey !== "grab:" + itemId && item) {
    const next = itemById(v, nextKey.slice(5));
    if (next) message += " Next statement: " + next.text;
  }
  v.say.say(message);
}

/**
 * @param {SortView} v
 * @param {string} itemId
 */
function pickUp(v, itemId) {
  v.picked = itemId;
  v.target = cardState(v, getAnswers(v.model), itemById(v, itemId)).placed;
  draw(v, "grab:" + itemId);
  v.say.say("Picked up: " + itemById(v, itemId).text + ". Use the arrow keys to choose a category, then Enter to drop it, or Escape to cancel.");
}

/**
 * Put the picked card down where it was.
 * @param {SortView} v
 * @param {string|null} message what to announce, if anything
 */
function cancel(v, message) {
  const id = v.picked;
  v.picked = null;
  draw(v, id ? "grab:" + id : null);
  if (message) v.say.say(message);
}

/**
 * Move the picked card's target zone by `step`, wrapping round.
 * @param {SortView} v
 * @param {number} step
 */
function moveTarget(v, step) {
  const list = zones(v);
  const i = list.indexOf(v.target);
  v.target = list[(i + step + list.length) % list.length];
  highlight(v);
  const box = v.root.querySelector('[data-zone="' + v.target + '"]');
  if (box && box.scrollIntoView) box.scrollIntoView({ block: "nearest" });
  v.say.say("Over " + zoneLabel(v, v.target) + ". Press Enter to drop here.");
}

/** @param {SortView} v */
function highlight(v) {
  for (const z of v.root.querySelectorAll("[data-zone]")) {
    z.classList.toggle("so-target", v.picked !== null && z.dataset.zone === v.target);
  }
}

/**
 * Arrow keys move the picked card's target; Escape puts it down.
 * @param {SortView} v
 * @param {KeyboardEvent} event
 * @param {string} itemId
 */
function onGrabKey(v, event, itemId) {
  if (v.picked !== itemId) return;
  if (["ArrowRight", "ArrowDown"].includes(event.key)) {
    event.preventDefault();
    moveTarget(v, 1);
  } else if (["ArrowLeft", "ArrowUp"].includes(event.key)) {
    event.preventDefault();
    moveTarget(v, -1);
  } else if (event.key === "Escape") {
    event.preventDefault();
    cancel(v, "Cancelled. The card stayed where it was.");
  }
}

/**
 * The grip: the first press picks the card up, the second drops it on the target.
 * @param {SortView} v
 * @param {string} itemId
 * @param {boolean} viaKeyboard
 */
function onGrabClick(v, itemId, viaKeyboard) {
  if (v.drag && v.drag.suppressClick) {
    v.drag = null;
    return;
  }
  if (v.picked === null || v.picked !== itemId) {
    pickUp(v, itemId);
    return;
  }
  const current = cardState(v, getAnswers(v.model), itemById(v, itemId)).placed;
  if (v.target === current) cancel(v, "Put down where it was, under " + zoneLabel(v, current) + ".");
  else place(v, itemId, v.target, viaKeyboard ? "keyboard" : "pointer");
}

/**
 * Start watching for a drag (mouse anywhere on the card; touch and pen on the grip, so the page still scrolls).
 * @param {SortView} v
 * @param {PointerEvent} event
 * @param {string} itemId
 * @param {boolean} onGrip
 */
function onPointerDown(v, event, itemId, onGrip) {
  if (event.button !== 0) return;
  if (!onGrip && event.pointerType !== "mouse") return;
  if (event.target.closest("select, option, label")) return;
  const drag = { id: itemId, x: event.clientX, y: event.clientY, active: false, ghost: null, suppressClick: false };
  v.drag = drag;
  const move = (e) => onPointerMove(v, e);
  const up = (e) => finishDrag(v, e, false);
  const cancelDrag = (e) => finishDrag(v, e, true);
  drag.stop = () => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    window.removeEventListener("pointercancel", cancelDrag);
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
  window.addEventListener("pointercancel", cancelDrag);
}

/**
 * @param {SortView} v
 * @param {number} x
 * @param {number} y
 * @returns {string|null} the id of this exercise's zone under the point, if any
 */
function zoneAt(v, x, y) {
  const under = v.el.ownerDocument.elementFromPoint(x, y);
  const zone = under && under.closest ? under.closest("[data-zone]") : null;
  return zone && v.root.contains(zone) ? zone.dataset.zone : null;
}

/**
 * The pointer has moved six pixels: it is a drag, so the card is picked up and a ghost follows the pointer.
 * @param {SortView} v
 */
function startDrag(v) {
  const drag = v.drag;
  drag.active = true;
  v.picked = drag.id;
  v.target = cardState(v, getAnswers(v.model), itemById(v, drag.id)).placed;
  drag.ghost = h("div", { class: "so-ghost", "aria-hidden": "true" }, itemById(v, drag.id).text);
  v.el.ownerDocument.body.appendChild(drag.ghost);
  v.el.ownerDocument.body.classList.add("so-dragging");
  const card = v.root.querySelector('[data-item="' + drag.id + '"]');
  if (card) card.classList.add("so-picked");
}

/**
 * @param {SortView} v
 * @param {PointerEvent} e
 */
function onPointerMove(v, e) {
  const drag = v.drag;
  if (!drag) return;
  if (!drag.active) {
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 6) return;
    startDrag(v);
  }
  e.preventDefault();
  drag.ghost.style.left = e.clientX + 12 + "px";
  drag.ghost.style.top = e.clientY + 12 + "px";
  const zone = zoneAt(v, e.clientX, e.clientY);
  if (zone !== null && zone !== v.target) {
    v.target = zone;
    highlight(v);
  }
}

/**
 * The pointer was let go (or the drag cancelled): drop the card on the zone under it, if any.
 * @param {SortView} v
 * @param {PointerEvent} e
 * @param {boolean} cancelled
 */
function finishDrag(v, e, cancelled) {
  const drag = v.drag;
  if (!drag) return;
  drag.stop();
  if (!drag.active) {
    v.drag = null;
    return;
  }
  if (drag.ghost) drag.ghost.remove();
  v.el.ownerDocument.body.classList.remove("so-dragging");
  const id = drag.id;
  const zone = cancelled ? null : zoneAt(v, e.clientX, e.clientY);
  v.drag = { suppressClick: true };
  setTimeout(() => {
    if (v.drag && v.drag.suppressClick) v.drag = null;
  }, 0);
  const current = cardState(v, getAnswers(v.model), itemById(v, id)).placed;
  if (zone === null || zone === current) cancel(v, zone === null ? "Dropped outside a category; the card stayed where it was." : null);
  else place(v, id, zone, "pointer");
}

/**
 * "Check my answers": record where each unlocked card was checked, and count a wrong one as a try.
 * @param {SortView} v
 */
function check(v) {
  const answers = getAnswers(v.model);
  const checked = Object.assign({}, answers.checked || {});
  const tries = Object.assign({}, answers.tries || {});
  for (const item of specOf(v).items || []) {
    const s = cardState(v, answers, item);
    if (s.placed === POOL || s.locked) continue;
    if (checked[item.id] === s.placed) continue; // already checked in this place: not a new try
    checked[item.id] = s.placed;
    if (s.placed !== item.kind) tries[item.id] = (tries[item.id] || 0) + 1;
  }
  answers.checked = checked;
  answers.tries = tries;
  v.picked = null;
  v.save(answers);
  draw(v, "check");
  v.say.say(summaryText(v, answers));
}

/**
 * @param {SortView} v
 * @param {SortAnswers} answers
 * @returns {string} the practice summary: how many are right, marked Not yet, and still to sort
 */
function summaryText(v, answers) {
  const items = specOf(v).items || [];
  const result = gradeSort(specOf(v), answers);
  const right = result.items.filter((r) => r.correct && (answers.checked || {})[r.id] === r.expected).length;
  const unplaced = items.filter((i) => !(answers.placements || {})[i.id]).length;
  const wrong = items.filter((i) => cardState(v, answers, i).wrong).length;
  if (right === items.length) return "All " + items.length + " right. Well done!";
  let text = "You have " + right + " of " + items.length + " right.";
  if (wrong) text += " " + plural(wrong, "card is", "cards are") + " marked Not yet: move " + (wrong === 1 ? "it" : "them") + " and check again.";
  if (unplaced) text += " " + plural(unplaced, "card is", "cards are") + " still to sort.";
  return text;
}

/** @param {SortView} v */
function reset(v) {
  v.picked = null;
  v.save({});
  draw(v, "reset");
  v.say.say("Cleared. All the cards are back in the pile.");
}

/**
 * The grip button that picks a card up (click, tap, Enter or Space) and starts a touch or pen drag.
 * @param {SortView} v
 * @param {SortItem} item
 * @param {string} textId the id of the card's text, part of the button's name
 * @returns {HTMLButtonElement}
 */
function grabButton(v, item, textId) {
  return h("button", {
    type: "button", class: "so-grab", "aria-pressed": v.picked === item.id ? "true" : "false",
    "aria-labelledby": v.ids.pickLabel + " " + textId, "aria-describedby": v.ids.help,
    dataset: { key: "grab:" + item.id },
    on: {
      click: (e) => onGrabClick(v, item.id, e.detail === 0),
      keydown: (e) => onGrabKey(v, e, item.id),
      pointerdown: (e) => onPointerDown(v, e, item.id, true),
    },
  }, h("span", { "aria-hidden": "true" }, "⠿"));
}

/**
 * The card's "Move to" menu, labelled by its label and the card's text.
 * @param {SortView} v
 * @param {SortItem} item
 * @param {CardState} s
 * @param {string} textId
 * @returns {HTMLElement}
 */
function moveMenu(v, item, s, textId) {
  const moveId = uid("sort-move");
  const select = h("select", {
    id: moveId + "-select", dataset: { key: "move:" + item.id }, "aria-labelledby": moveId + " " + textId,
    on: { change: (e) => place(v, item.id, e.target.value, "menu") },
  }, zones(v).map((z) => h("option", { value: z, selected: z === s.placed }, zoneLabel(v, z))));
  return h("div", { class: "so-card-tools" }, h("label", { id: moveId, for: moveId + "-select" }, "Move to"), select);
}

/**
 * The feedback under a checked card: Correct with the reason, or Not yet with a hint (the answer after
 * `reveal_after` wrong tries); null when there is nothing to say.
 * @param {SortView} v
 * @param {SortItem} item
 * @param {CardState} s
 * @returns {HTMLElement|null}
 */
function cardFeedback(v, item, s) {
  if (s.locked) return h("p", { class: "so-fb so-fb-ok" }, verdict(true), " — ", zoneLabel(v, item.kind), ". ", item.why);
  if (!s.wrong) return null;
  const fb = h("p", { class: "so-fb so-fb-no" }, verdict(false), " — not ", zoneLabel(v, s.placed), ". ");
  const revealAfter = specOf(v).reveal_after || 2;
  if (s.tries >= revealAfter) fb.append("It belongs under ", h("strong", {}, zoneLabel(v, item.kind)), ". ", item.why);
  else fb.append("Hint: ", (specOf(v).hints || {})[item.kind] || "Read it again and think about who benefits, and when.");
  return fb;
}

/**
 * One card: grip, text and menu while it can move; a tick and its text once locked; feedback after a check.
 * @param {SortView} v
 * @param {SortItem} item
 * @param {SortAnswers} answers
 * @returns {HTMLLIElement}
 */
function card(v, item, answers) {
  const s = cardState(v, answers, item);
  const textId = uid("sort-text");
  const li = h("li", { class: "so-card" + (s.locked ? " so-locked" : "") + (v.picked === item.id ? " so-picked" : ""), dataset: { item: item.id } });
  const text = h("p", { class: "so-card-text", id: textId }, item.text);
  if (!s.locked) {
    const grab = grabButton(v, item, textId);
    li.addEventListener("pointerdown", (e) => {
      if (e.target.closest(".so-grab, select, label, option")) return;
      if (e.pointerType === "mouse") e.preventDefault(); // no text selection while dragging a card
      onPointerDown(v, e, item.id, false);
    });
    li.append(grab, text, moveMenu(v, item, s, textId));
  } else {
    li.append(h("span", { "aria-hidden": "true", class: "so-ok", style: "font-size:1.2rem;padding:0.3rem 0.6rem" }, "✓"), text);
  }
  const fb = cardFeedback(v, item, s);
  if (fb) li.append(fb);
  return li;
}

/**
 * The pile or one category: its title, count, cards, and a drop button while a card from elsewhere is picked up.
 * @param {SortView} v
 * @param {string} z
 * @param {SortAnswers} answers
 * @param {SortItem[]} cards
 * @returns {HTMLElement}
 */
function zoneBox(v, z, answers, cards) {
  const isPool = z === POOL;
  const cat = (specOf(v).categories || []).find((c) => c.id === z);
  const titleId = uid("sort-zone");
  const box = h(isPool ? "div" : "section", {
    class: (isPool ? "so-pool" : "so-zone") + (v.picked !== null && v.target === z ? " so-target" : ""),
    "aria-labelledby": titleId, role: isPool ? "group" : null, dataset: { zone: z },
  });
  const head = h("div", { class: "so-zone-head" },
    h("span", { class: "so-zone-title", id: titleId }, isPool ? "Statements to sort" : cat.label),
    h("span", { class: "so-help" }, plural(cards.length, "card", "cards")));
  box.append(head);
  if (!isPool) box.append(h("p", { class: "so-zone-desc" }, cat.description));
  const list = h("ul", { class: "so-cards" });
  for (const item of cards) list.append(card(v, item, answers));
  if (!cards.length) list.append(h("li", { class: "so-empty" }, isPool ? "All sorted." : "Nothing here yet."));
  box.append(list);
  if (v.picked !== null && cardState(v, answers, itemById(v, v.picked)).placed !== z) {
    box.append(h("button", {
      type: "button", class: "so-drop", dataset: { key: "drop:" + z },
      on: { click: () => place(v, v.picked, z, "pointer") },
    }, isPool ? "Put back here" : "Move here: " + cat.label));
  }
  return box;
}

/**
 * @param {SortView} v
 * @param {SortAnswers} answers
 * @returns {Map<string, SortItem[]>} the cards in each zone, in the spec's order
 */
function cardsByZone(v, answers) {
  const byZone = new Map(zones(v).map((z) => [z, []]));
  for (const item of specOf(v).items || []) {
    const placed = cardState(v, answers, item).placed;
    (byZone.get(placed) || byZone.get(POOL)).push(item);
  }
  return byZone;
}

/**
 * "Check my answers" (practice only) and "Start again".
 * @param {SortView} v
 * @returns {HTMLElement}
 */
function actionButtons(v) {
  return checkAndResetRow(isPractice(v), {
    check: "Check my answers", onCheck: () => check(v), reset: "Start again", onReset: () => reset(v),
  });
}

/**
 * Redraw the whole exercise from the model, then put focus back on the control with `focusKey`.
 * @param {SortView} v
 * @param {string|null} [focusKey] undefined keeps focus where it is
 */
function draw(v, focusKey) {
  const keep = focusKey === undefined ? v.keeper.key() : focusKey;
  const sp = specOf(v);
  const answers = getAnswers(v.model);
  const items = sp.items || [];
  const byZone = cardsByZone(v, answers);
  const anyChecked = Object.keys(answers.checked || {}).length > 0;
  const actions = actionButtons(v);
  const summary = h("p", { class: "so-summary", dataset: { role: "summary" } });
  if (isPractice(v) && anyChecked) summary.textContent = summaryText(v, answers);
  if (!isPractice(v)) summary.textContent = (items.length - byZone.get(POOL).length) + " of " + items.length + " sorted. Your answers are saved as you go.";
  v.body.replaceChildren(
    h("p", { class: "so-title" }, sp.title || "Sort the statements"),
    ...paragraphs(sp.instructions),
    h("details", { class: "so-help" },
      h("summary", {}, "How to move a card with the keyboard"),
      h("p", { id: v.ids.help }, "Press Enter or Space on a card's grip to pick it up. Use the arrow keys to choose a category, then press Enter or Space to drop it there, or Escape to cancel. Each card also has a Move to menu.")),
    h("span", { class: "so-vh", id: v.ids.pickLabel }, "Pick up:"),
    zoneBox(v, POOL, answers, byZone.get(POOL)),
    h("div", { class: "so-zones" }, ...(sp.categories || []).map((c) => zoneBox(v, c.id, answers, byZone.get(c.id)))),
    actions,
    summary,
  );
  if (!v.keeper.restore(keep) && keep && keep.startsWith("grab:")) v.keeper.restore("check");
}

/**
 * anywidget's entry point: draw the exercise into `el` and keep it in step with the model.
 * @param {{model: object, el: HTMLElement}} args
 * @returns {() => void} cleanup
 */
function render({ model, el }) {
  const ids = { help: uid("sort-help"), pickLabel: uid("sort-pick") };
  /** @type {SortView} */
  const v = { model, el, ids, picked: null, target: POOL, drag: null };
  // This view redraws itself after its own saves (choosing where focus goes).
  const { root, body, say, keeper, save, stop } = exerciseView(model, el, "so-sort", () => draw(v));
  Object.assign(v, { root, body, say, keeper, save });
  draw(v, null);
  return () => {
    stop();
    if (v.drag && v.drag.stop) v.drag.stop();
  };
}

export default { render };
