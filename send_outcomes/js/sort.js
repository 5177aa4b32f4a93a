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

import { h, exerciseView, getAnswers, paragraphs, verdict, uid, plural } from "./common.js";
import { gradeSort } from "./grading.js";

const POOL = "";

function render({ model, el }) {
  const ids = { help: uid("sort-help"), pickLabel: uid("sort-pick") };
  // This view redraws itself after its own saves (choosing where focus goes).
  const { root, body, say, keeper, save, stop } = exerciseView(model, el, "so-sort", () => draw());

  // View state that is not saved: the card currently picked up and the zone it is over.
  let picked = null;
  let target = POOL;
  let drag = null;

  const spec = () => model.get("spec") || {};
  const practice = () => model.get("mode") !== "assessment";
  const zones = () => [POOL].concat((spec().categories || []).map((c) => c.id));
  const zoneLabel = (z) => (z === POOL ? "Not sorted yet" : ((spec().categories || []).find((c) => c.id === z) || { label: z }).label);
  const itemById = (id) => (spec().items || []).find((i) => i.id === id);

  function state(answers, item) {
    const placed = (answers.placements || {})[item.id] || POOL;
    const checked = (answers.checked || {})[item.id];
    const tries = (answers.tries || {})[item.id] || 0;
    const known = practice() && item.kind !== undefined;
    const locked = known && checked === item.kind && placed === item.kind;
    const wrong = known && checked !== undefined && checked === placed && placed !== item.kind;
    return { placed, tries, locked, wrong };
  }

  function place(itemId, zone, how) {
    const answers = getAnswers(model);
    const placements = Object.assign({}, answers.placements || {});
    const from = placements[itemId] || POOL;
    if (zone === POOL) delete placements[itemId];
    else placements[itemId] = zone;
    answers.placements = placements;
    picked = null;
    let nextKey = "grab:" + itemId;
    if (from === POOL && zone !== POOL) {
      const next = (spec().items || []).find((i) => i.id !== itemId && !placements[i.id]);
      if (next && how === "keyboard") nextKey = "grab:" + next.id;
    }
    save(answers);
    draw(how === "keyboard" || how === "menu" ? (how === "menu" ? "move:" + itemId : nextKey) : null);
    const item = itemById(itemId);
    let message = "Moved to " + zoneLabel(zone) + ".";
    if (how === "keyboard" && nextKey !== "grab:" + itemId && item) {
      const next = itemById(nextKey.slice(5));
      if (next) message += " Next statement: " + next.text;
    }
    say.say(message);
  }

  function pickUp(itemId) {
    picked = itemId;
    target = state(getAnswers(model), itemById(itemId)).placed;
    draw("grab:" + itemId);
    say.say("Picked up: " + itemById(itemId).text + ". Use the arrow keys to choose a category, then Enter to drop it, or Escape to cancel.");
  }

  function cancel(message) {
    const id = picked;
    picked = null;
    draw(id ? "grab:" + id : null);
    if (message) say.say(message);
  }

  function moveTarget(step) {
    const list = zones();
    const i = list.indexOf(target);
    target = list[(i + step + list.length) % list.length];
    highlight();
    const box = root.querySelector('[data-zone="' + target + '"]');
    if (box && box.scrollIntoView) box.scrollIntoView({ block: "nearest" });
    say.say("Over " + zoneLabel(target) + ". Press Enter to drop here.");
  }

  function highlight() {
    for (const z of root.querySelectorAll("[data-zone]")) {
      z.classList.toggle("so-target", picked !== null && z.dataset.zone === target);
    }
  }

  function onGrabKey(event, itemId) {
    if (picked !== itemId) return;
    if (["ArrowRight", "ArrowDown"].includes(event.key)) {
      event.preventDefault();
      moveTarget(1);
    } else if (["ArrowLeft", "ArrowUp"].includes(event.key)) {
      event.preventDefault();
      moveTarget(-1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      cancel("Cancelled. The card stayed where it was.");
    }
  }

  function onGrabClick(itemId, viaKeyboard) {
    if (drag && drag.suppressClick) {
      drag = null;
      return;
    }
    if (picked === null || picked !== itemId) {
      pickUp(itemId);
      return;
    }
    const current = state(getAnswers(model), itemById(itemId)).placed;
    if (target === current) cancel("Put down where it was, under " + zoneLabel(current) + ".");
    else place(itemId, target, viaKeyboard ? "keyboard" : "pointer");
  }

  // Pointer dragging (mouse anywhere on the card; touch and pen on the grip, so the page still scrolls).
  function onPointerDown(event, itemId, onGrip) {
    if (event.button !== 0) return;
    if (!onGrip && event.pointerType !== "mouse") return;
    if (event.target.closest("select, option, label")) return;
    drag = { id: itemId, x: event.clientX, y: event.clientY, active: false, ghost: null, suppressClick: false };
    const move = (e) => onPointerMove(e);
    const up = (e) => finish(e, false);
    const cancelDrag = (e) => finish(e, true);
    drag.stop = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", cancelDrag);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", cancelDrag);
  }

  function zoneAt(x, y) {
    const under = el.ownerDocument.elementFromPoint(x, y);
    const zone = under && under.closest ? under.closest("[data-zone]") : null;
    return zone && root.contains(zone) ? zone.dataset.zone : null;
  }

  function onPointerMove(e) {
    if (!drag) return;
    if (!drag.active) {
      if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 6) return;
      drag.active = true;
      picked = drag.id;
      target = state(getAnswers(model), itemById(drag.id)).placed;
      drag.ghost = h("div", { class: "so-ghost", "aria-hidden": "true" }, itemById(drag.id).text);
      el.ownerDocument.body.appendChild(drag.ghost);
      el.ownerDocument.body.classList.add("so-dragging");
      const card = root.querySelector('[data-item="' + drag.id + '"]');
      if (card) card.classList.add("so-picked");
    }
    e.preventDefault();
    drag.ghost.style.left = e.clientX + 12 + "px";
    drag.ghost.style.top = e.clientY + 12 + "px";
    const zone = zoneAt(e.clientX, e.clientY);
    if (zone !== null && zone !== target) {
      target = zone;
      highlight();
    }
  }

  function finish(e, cancelled) {
    if (!drag) return;
    drag.stop();
    if (!drag.active) {
      drag = null;
      return;
    }
    if (drag.ghost) drag.ghost.remove();
    el.ownerDocument.body.classList.remove("so-dragging");
    const id = drag.id;
    const zone = cancelled ? null : zoneAt(e.clientX, e.clientY);
    drag = { suppressClick: true };
    setTimeout(() => {
      if (drag && drag.suppressClick) drag = null;
    }, 0);
    const current = state(getAnswers(model), itemById(id)).placed;
    if (zone === null || zone === current) cancel(zone === null ? "Dropped outside a category; the card stayed where it was." : null);
    else place(id, zone, "pointer");
  }

  function check() {
    const answers = getAnswers(model);
    const checked = Object.assign({}, answers.checked || {});
    const tries = Object.assign({}, answers.tries || {});
    for (const item of spec().items || []) {
      const s = state(answers, item);
      if (s.placed === POOL || s.locked) continue;
      if (checked[item.id] === s.placed) continue; // already checked in this place: not a new try
      checked[item.id] = s.placed;
      if (s.placed !== item.kind) tries[item.id] = (tries[item.id] || 0) + 1;
    }
    answers.checked = checked;
    answers.tries = tries;
    picked = null;
    save(answers);
    draw("check");
    say.say(summaryText(answers));
  }

  function summaryText(answers) {
    const items = spec().items || [];
    const result = gradeSort(spec(), answers);
    const right = result.items.filter((r) => r.correct && (answers.checked || {})[r.id] === r.expected).length;
    const unplaced = items.filter((i) => !(answers.placements || {})[i.id]).length;
    const wrong = items.filter((i) => state(answers, i).wrong).length;
    if (right === items.length) return "All " + items.length + " right. Well done!";
    let text = "You have " + right + " of " + items.length + " right.";
    if (wrong) text += " " + plural(wrong, "card is", "cards are") + " marked Not yet: move " + (wrong === 1 ? "it" : "them") + " and check again.";
    if (unplaced) text += " " + plural(unplaced, "card is", "cards are") + " still to sort.";
    return text;
  }

  function reset() {
    picked = null;
    save({});
    draw("reset");
    say.say("Cleared. All the cards are back in the pile.");
  }

  function card(item, answers) {
    const s = state(answers, item);
    const textId = uid("sort-text");
    const li = h("li", { class: "so-card" + (s.locked ? " so-locked" : "") + (picked === item.id ? " so-picked" : ""), dataset: { item: item.id } });
    const text = h("p", { class: "so-card-text", id: textId }, item.text);
    if (!s.locked) {
      const grab = h("button", {
        type: "button", class: "so-grab", "aria-pressed": picked === item.id ? "true" : "false",
        "aria-labelledby": ids.pickLabel + " " + textId, "aria-describedby": ids.help,
        dataset: { key: "grab:" + item.id },
        on: {
          click: (e) => onGrabClick(item.id, e.detail === 0),
          keydown: (e) => onGrabKey(e, item.id),
          pointerdown: (e) => onPointerDown(e, item.id, true),
        },
      }, h("span", { "aria-hidden": "true" }, "⠿"));
      li.addEventListener("pointerdown", (e) => {
        if (e.target.closest(".so-grab, select, label, option")) return;
        if (e.pointerType === "mouse") e.preventDefault(); // no text selection while dragging a card
        onPointerDown(e, item.id, false);
      });
      const moveId = uid("sort-move");
      const select = h("select", {
        id: moveId + "-select", dataset: { key: "move:" + item.id }, "aria-labelledby": moveId + " " + textId,
        on: { change: (e) => place(item.id, e.target.value, "menu") },
      }, zones().map((z) => h("option", { value: z, selected: z === s.placed }, zoneLabel(z))));
      li.append(grab, text, h("div", { class: "so-card-tools" },
        h("label", { id: moveId, for: moveId + "-select" }, "Move to"), select));
    } else {
      li.append(h("span", { "aria-hidden": "true", class: "so-ok", style: "font-size:1.2rem;padding:0.3rem 0.6rem" }, "✓"), text);
    }
    if (s.locked) {
      li.append(h("p", { class: "so-fb so-fb-ok" }, verdict(true), " — ", zoneLabel(item.kind), ". ", item.why));
    } else if (s.wrong) {
      const fb = h("p", { class: "so-fb so-fb-no" }, verdict(false), " — not ", zoneLabel(s.placed), ". ");
      const revealAfter = spec().reveal_after || 2;
      if (s.tries >= revealAfter) fb.append("It belongs under ", h("strong", {}, zoneLabel(item.kind)), ". ", item.why);
      else fb.append("Hint: ", (spec().hints || {})[item.kind] || "Read it again and think about who benefits, and when.");
      li.append(fb);
    }
    return li;
  }
  function zoneBox(z, answers, cards) {
    const isPool = z === POOL;
    const cat = (spec().categories || []).find((c) => c.id === z);
    const titleId = uid("sort-zone");
    const box = h(isPool ? "div" : "section", {
      class: (isPool ? "so-pool" : "so-zone") + (picked !== null && target === z ? " so-target" : ""),
      "aria-labelledby": titleId, role: isPool ? "group" : null, dataset: { zone: z },
    });
    const head = h("div", { class: "so-zone-head" },
      h("span", { class: "so-zone-title", id: titleId }, isPool ? "Statements to sort" : cat.label),
      h("span", { class: "so-help" }, plural(cards.length, "card", "cards")));
    box.append(head);
    if (!isPool) box.append(h("p", { class: "so-zone-desc" }, cat.description));
    const list = h("ul", { class: "so-cards" });
    for (const item of cards) list.append(card(item, answers));
    if (!cards.length) list.append(h("li", { class: "so-empty" }, isPool ? "All sorted." : "Nothing here yet."));
    box.append(list);
    if (picked !== null && state(answers, itemById(picked)).placed !== z) {
      box.append(h("button", {
        type: "button", class: "so-drop", dataset: { key: "drop:" + z },
        on: { click: () => place(picked, z, "pointer") },
      }, isPool ? "Put back here" : "Move here: " + cat.label));
    }
    return box;
  }

  function draw(focusKey) {
    const keep = focusKey === undefined ? keeper.key() : focusKey;
    const sp = spec();
    const answers = getAnswers(model);
    const items = sp.items || [];
    const byZone = new Map(zones().map((z) => [z, []]));
    for (const item of items) {
      const placed = state(answers, item).placed;
      (byZone.get(placed) || byZone.get(POOL)).push(item);
    }
    const anyChecked = Object.keys(answers.checked || {}).length > 0;
    const actions = h("div", { class: "so-actions" });
    if (practice()) {
      actions.append(h("button", { type: "button", class: "so-primary", dataset: { key: "check" }, on: { click: check } }, "Check my answers"));
    }
    actions.append(h("button", { type: "button", dataset: { key: "reset" }, on: { click: reset } }, "Start again"));
    const summary = h("p", { class: "so-summary", dataset: { role: "summary" } });
    if (practice() && anyChecked) summary.textContent = summaryText(answers);
    if (!practice()) summary.textContent = (items.length - byZone.get(POOL).length) + " of " + items.length + " sorted. Your answers are saved as you go.";
    body.replaceChildren(
      h("p", { class: "so-title" }, sp.title || "Sort the statements"),
      ...paragraphs(sp.instructions),
      h("details", { class: "so-help" },
        h("summary", {}, "How to move a card with the keyboard"),
        h("p", { id: ids.help }, "Press Enter or Space on a card's grip to pick it up. Use the arrow keys to choose a category, then press Enter or Space to drop it there, or Escape to cancel. Each card also has a Move to menu.")),
      h("span", { class: "so-vh", id: ids.pickLabel }, "Pick up:"),
      zoneBox(POOL, answers, byZone.get(POOL)),
      h("div", { class: "so-zones" }, ...(sp.categories || []).map((c) => zoneBox(c.id, answers, byZone.get(c.id)))),
      actions,
      summary,
    );
    if (!keeper.restore(keep) && keep && keep.startsWith("grab:")) keeper.restore("check");
  }

  draw(null);
  return () => {
    stop();
    if (drag && drag.stop) drag.stop();
  };
}

export default { render };
