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

import { h, exerciseView, getAnswers, paragraphs, verdict, uid, plural } from "./common.js";
import { gradeThread, THREAD_COLUMNS } from "./grading.js";

const MISSING = "missing";
const NAMES = { need: "Need", outcome: "Outcome", provision: "Provision" };
const HINTS = {
  need: "Which difficulty stands between the child and this hope?",
  outcome: "Which outcome says what will be different for the child, and by when? Help that is given is provision, not an outcome.",
  provision: "Which help would make that outcome happen? If nothing in the plan does, choose Missing.",
};

function render({ model, el }) {
  // This view redraws itself after its own saves (choosing where focus goes).
  const { body, say, keeper, save, stop } = exerciseView(model, el, "so-thread", () => draw());

  const dirty = new Set(); // links changed since this plan was last checked: their old verdict is hidden

  const spec = () => model.get("spec") || {};
  const parts = () => spec().parts || [];
  const practice = () => model.get("mode") !== "assessment" && parts().every((p) => Array.isArray(p.links));
  const revealAfter = () => spec().reveal_after || 2;
  const currentIndex = (answers) => Math.min(Math.max(answers.part || 0, 0), Math.max(parts().length - 1, 0));
  const cardText = (part, column, id) => id === MISSING ? "Missing: nothing in the plan fits" : ((part[column] || []).find((c) => c.id === id) || { text: id }).text;

  function itemsFor(part, answers) {
    if (!practice()) return new Map();
    const result = gradeThread(spec(), answers);
    return new Map(result.items.filter((i) => i.id.startsWith(part.case + "/")).map((i) => [i.id, i]));
  }

  function setLink(part, aspiration, key, value) {
    const answers = getAnswers(model);
    const links = Object.assign({}, answers.links || {});
    const forCase = Object.assign({}, links[part.case] || {});
    const row = Object.assign({}, forCase[aspiration] || {});
    if (value) row[key] = value;
    else delete row[key];
    forCase[aspiration] = row;
    links[part.case] = forCase;
    answers.links = links;
    dirty.add(part.case + "/" + aspiration + "/" + key);
    save(answers);
    draw("link:" + aspiration + ":" + key);
    say.say(NAMES[key] + ": " + (value ? cardText(part, THREAD_COLUMNS.find((c) => c[0] === key)[1], value) : "not chosen") + ".");
  }

  function goTo(index) {
    const answers = getAnswers(model);
    answers.part = index;
    save(answers);
    draw("part:" + index);
    const part = parts()[index];
    say.say("Showing " + (part.name || part.case) + "'s plan, " + (index + 1) + " of " + parts().length + ".");
  }

  function check(part) {
    const answers = getAnswers(model);
    for (const key of Array.from(dirty)) if (key.startsWith(part.case + "/")) dirty.delete(key);
    const items = itemsFor(part, answers);
    const tries = Object.assign({}, answers.tries || {});
    for (const item of items.values()) {
      if (!item.correct && item.given !== "") tries[item.id] = (tries[item.id] || 0) + 1;
    }
    answers.tries = tries;
    answers.checks = Object.assign({}, answers.checks || {}, { [part.case]: ((answers.checks || {})[part.case] || 0) + 1 });
    save(answers);
    draw("check");
    say.say(summaryText(part, answers));
  }

  function summaryText(part, answers) {
    const items = Array.from(itemsFor(part, answers).values());
    const right = items.filter((i) => i.correct).length;
    const open = items.filter((i) => i.given === "").length;
    const who = part.name || part.case;
    if (right === items.length) {
      const next = parts().findIndex((p) => !Array.from(itemsFor(p, answers).values()).every((i) => i.correct));
      return "All " + items.length + " links in " + who + "'s plan are right." + (next >= 0 ? " Next: " + (parts()[next].name || parts()[next].case) + "'s plan." : " You have followed every thread.");
    }
    let text = "You have " + right + " of " + items.length + " links right in " + who + "'s plan.";
    if (open) text += " " + plural(open, "link is", "links are") + " still to choose.";
    return text;
  }

  function resetPart(part) {
    const answers = getAnswers(model);
    for (const key of ["links", "checks"]) {
      if (answers[key]) {
        answers[key] = Object.assign({}, answers[key]);
        delete answers[key][part.case];
      }
    }
    if (answers.tries) {
      answers.tries = Object.fromEntries(Object.entries(answers.tries).filter(([k]) => !k.startsWith(part.case + "/")));
    }
    for (const key of Array.from(dirty)) if (key.startsWith(part.case + "/")) dirty.delete(key);
    save(answers);
    draw("check");
    say.say("Cleared " + (part.name || part.case) + "'s plan.");
  }

  function slot(part, aspiration, key, column, answers, items) {
    const id = part.case + "/" + aspiration.id + "/" + key;
    const given = (((answers.links || {})[part.case] || {})[aspiration.id] || {})[key] || "";
    const item = items.get(id);
    const checked = practice() && ((answers.checks || {})[part.case] || 0) > 0 && !dirty.has(id);
    const tries = (answers.tries || {})[id] || 0;
    const wrap = h("div", { class: "so-slot" });
    if (checked && item && item.correct) {
      wrap.append(h("p", { class: "so-fb so-fb-ok", dataset: { link: id } }, verdict(true), " — ", h("strong", {}, NAMES[key] + ": "),
        cardText(part, column, given), given === MISSING ? ". " + item.explanation.replace(/^Right: /, "") : ""));
      return wrap;
    }
    const selectId = uid("thread-" + key);
    wrap.append(h("label", { for: selectId, class: "so-criterion-name" }, NAMES[key]), " ",
      h("select", {
        id: selectId, dataset: { key: "link:" + aspiration.id + ":" + key, link: id },
        on: { change: (e) => setLink(part, aspiration.id, key, e.target.value) },
      },
      h("option", { value: "", selected: given === "" }, "Choose…"),
      ...(part[column] || []).map((c) => h("option", { value: c.id, selected: given === c.id }, c.text)),
      h("option", { value: MISSING, selected: given === MISSING }, "Missing: nothing in the plan fits")));
    if (checked && item && given !== "") {
      const fb = h("p", { class: "so-fb so-fb-no" }, verdict(false), " — ");
      if (tries >= revealAfter()) fb.append(item.explanation);
      else fb.append("Hint: ", HINTS[key]);
      wrap.append(fb);
    }
    return wrap;
  }

  function cardList(title, cards) {
    return h("div", { class: "so-column" }, h("strong", {}, title), h("ul", {}, ...cards.map((c) => h("li", {}, c.text))));
  }

  function draw(focusKey) {
    const keep = focusKey === undefined ? keeper.key() : focusKey;
    const sp = spec();
    const answers = getAnswers(model);
    const index = currentIndex(answers);
    const part = parts()[index];
    const nodes = [h("p", { class: "so-title" }, sp.title || "Follow the golden thread"), ...paragraphs(sp.instructions)];
    if (parts().length > 1) {
      nodes.push(h("nav", { class: "so-tabs", "aria-label": "Plans" }, ...parts().map((p, i) => {
        const done = practice() && Array.from(itemsFor(p, answers).values()).every((x) => x.correct);
        return h("button", {
          type: "button", "aria-current": i === index ? "true" : null, dataset: { key: "part:" + i },
          on: { click: () => goTo(i) },
        }, (p.name || p.case) + "'s plan", done ? h("span", {}, h("span", { "aria-hidden": "true" }, " ✓"), h("span", { class: "so-vh" }, " (done)")) : null);
      })));
    }
    if (part) {
      const who = part.name || part.case;
      const items = itemsFor(part, answers);
      const headId = uid("thread-case");
      const section = h("section", { "aria-labelledby": headId, dataset: { case: part.case } },
        h("h3", { class: "so-title", id: headId }, who + (part.age !== undefined ? ", aged " + part.age : "")),
        part.story ? h("p", { class: "so-story" }, part.story) : null,
        h("details", { class: "so-help" }, h("summary", {}, "Everything in " + who + "'s plan"),
          h("div", { class: "so-columns" },
            cardList("Needs", part.needs || []), cardList("Outcomes", part.outcomes || []), cardList("Provision", part.provision || []))),
        ...(part.aspirations || []).map((asp) => h("div", { class: "so-row", role: "group", "aria-label": "Aspiration: " + asp.text },
          h("p", { class: "so-row-asp" }, h("span", {}, "Aspiration: "), asp.text),
          ...THREAD_COLUMNS.map(([key, column]) => slot(part, asp, key, column, answers, items)))));
      const actions = h("div", { class: "so-actions" });
      if (practice()) actions.append(h("button", { type: "button", class: "so-primary", dataset: { key: "check" }, on: { click: () => check(part) } }, "Check this plan"));
      actions.append(h("button", { type: "button", dataset: { key: "reset" }, on: { click: () => resetPart(part) } }, "Start this plan again"));
      if (index + 1 < parts().length) {
        actions.append(h("button", { type: "button", dataset: { key: "next" }, on: { click: () => goTo(index + 1) } }, "Next plan: " + (parts()[index + 1].name || parts()[index + 1].case)));
      }
      const summary = h("p", { class: "so-summary", dataset: { role: "summary" } });
      if (practice() && ((answers.checks || {})[part.case] || 0) > 0) summary.textContent = summaryText(part, answers);
      if (!practice()) summary.textContent = "Your answers are saved as you go.";
      nodes.push(section, actions, summary);
    }
    body.replaceChildren(...nodes);
    keeper.restore(keep);
  }

  draw(null);
  return stop;
}

export default { render };
