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

import { h, exerciseView, getAnswers, paragraphs, verdict, uid, plural, debounce } from "./common.js";
import { gradeJigsaw, checkProvision, honestAttempt } from "./grading.js";

const PROVISION_KEYS = ["how_much", "how_often", "who"];

function render({ model, el }) {
  const view = exerciseView(model, el, "so-jigsaw", () => draw());
  const { body, say, keeper } = view;

  // Pieces changed since the last check: their old verdict no longer applies, so it is hidden.
  const dirty = new Set();

  const spec = () => model.get("spec") || {};
  const pieces = () => spec().pieces || [];
  const practice = () => model.get("mode") !== "assessment" && pieces().every((p) => p.role !== undefined);
  const holderLabel = (id) => ((spec().holders || []).find((x) => x.id === id) || { label: id }).label;
  const revealAfter = () => spec().reveal_after || 2;

  // Saves are drawn here (focus on focusKey), or not at all while the learner types (redraw false).
  function save(answers, redraw, focusKey) {
    view.save(answers);
    if (redraw) draw(focusKey);
  }

  function graded(answers) {
    return practice() ? gradeJigsaw(spec(), answers) : null;
  }

  // A piece is locked when it was right at the last check and has not been touched since.
  function pieceState(answers, result, piece) {
    const item = result ? result.items.find((i) => i.part === "piece" && i.id === piece.id) : null;
    const checked = practice() && (answers.checks || 0) > 0 && !dirty.has(piece.id);
    return {
      item,
      checked,
      locked: checked && item && item.correct,
      tries: (answers.tries || {})[piece.id] || 0,
      revealed: Boolean((answers.shown || {})[piece.id]),
    };
  }

  function choose(pieceId, patch, focusKey) {
    const answers = getAnswers(model);
    const all = Object.assign({}, answers.pieces || {});
    const now = Object.assign({ choice: "", holder: "" }, all[pieceId] || {}, patch);
    if (now.choice !== "use") now.holder = "";
    all[pieceId] = now;
    answers.pieces = all;
    dirty.add(pieceId);
    save(answers, true, focusKey);
    const piece = pieces().find((p) => p.id === pieceId);
    if (patch.choice === "use") say.say("In the jigsaw: " + piece.text + ". Now choose who holds it.");
    else if (patch.choice === "aside") say.say("Set aside: " + piece.text + ".");
    else if (patch.holder !== undefined) say.say(patch.holder ? "Held by " + holderLabel(patch.holder) + "." : "No one chosen yet.");
  }

  function check() {
    const answers = getAnswers(model);
    dirty.clear();
    const result = gradeJigsaw(spec(), answers);
    const tries = Object.assign({}, answers.tries || {});
    const shown = Object.assign({}, answers.shown || {});
    const before = answers.checks || 0;
    for (const item of result.items) {
      if (item.part !== "piece" || item.correct || item.given === "") continue;
      tries[item.id] = (tries[item.id] || 0) + 1;
      if (tries[item.id] >= revealAfter()) shown[item.id] = true;
    }
    answers.checks = before + 1;
    answers.tries = tries;
    answers.shown = shown;
    save(answers, true, "check");
    say.say(summaryText(answers, gradeJigsaw(spec(), answers)));
  }

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

  function reset() {
    dirty.clear();
    save({}, true, "check");
    say.say("Cleared. Every piece is undecided again.");
  }

  function pieceCard(piece, answers, result) {
    const s = pieceState(answers, result, piece);
    const mine = (answers.pieces || {})[piece.id] || {};
    const li = h("li", { class: "so-piece" + (s.locked ? " so-locked" : ""), dataset: { piece: piece.id } });
    const textId = uid("jig-text");
    li.append(h("p", { id: textId }, h("strong", {}, piece.text)));
    if (s.locked) {
      const where = mine.choice === "use" ? "In the jigsaw, held by " + holderLabel(mine.holder) + "." : "Set aside.";
      li.append(h("p", { class: "so-help" }, where));
      li.append(h("p", { class: "so-fb so-fb-ok" }, verdict(true), " — ", s.item.explanation));
      return li;
    }
    const name = uid("jig-choice");
    const radio = (value, text) => h("label", { class: "so-radio" },
      h("input", {
        type: "radio", name, value, checked: mine.choice === value, dataset: { key: "choice:" + piece.id + ":" + value },
        on: { change: () => choose(piece.id, { choice: value }, "choice:" + piece.id + ":" + value) },
      }), h("span", {}, text));
    const fs = h("fieldset", {},
      h("legend", {}, "Does this piece belong?"),
      radio("use", "Use it: it helps " + (spec().name || "the child") + " reach the outcome"),
      radio("aside", "Set it aside: it does not belong here"));
    li.append(fs);
    if (mine.choice === "use") {
      const selectId = uid("jig-holder");
      li.append(h("p", { class: "so-slot" },
        h("label", { for: selectId }, "Who holds it? "),
        h("select", {
          id: selectId, "aria-describedby": textId, dataset: { key: "holder:" + piece.id },
          on: { change: (e) => choose(piece.id, { holder: e.target.value }, "holder:" + piece.id) },
        },
        h("option", { value: "", selected: !mine.holder }, "Choose who holds it…"),
        ...(spec().holders || []).map((x) => h("option", { value: x.id, selected: mine.holder === x.id }, x.label)))));
    }
    if (s.checked && s.item && s.item.given !== "") {
      const partial = s.item.points > 0;
      const fb = h("p", { class: "so-fb " + (partial ? "so-fb-part" : "so-fb-no") }, verdict(false, partial), " — ");
      if (s.revealed) fb.append(s.item.explanation);
      else if (partial) fb.append("It belongs, but check who holds it. Hint: ", piece.hint || "");
      else fb.append("Hint: ", piece.hint || "Ask whether it helps with this outcome, and whether it is help that someone gives.");
      li.append(fb);
    } else if (s.checked && s.item) {
      li.append(h("p", { class: "so-fb so-fb-part" }, "Not decided yet."));
    }
    return li;
  }

  // Step 2: one provision box per piece of support; the checklist updates as the learner types.
  function provisionBox(piece, answers) {
    const text = (answers.provision || {})[piece.id] || "";
    const boxId = uid("jig-prov");
    const list = h("ul", { class: "so-criteria", "aria-label": "What your provision says" });
    const modelBox = h("div");
    const drawChecks = (value) => {
      if (!practice() || !spec().provision_checks) return null; // assessment: no feedback while it is marked
      const checks = checkProvision(value, spec().provision_checks);
      list.replaceChildren(...PROVISION_KEYS.filter((k) => checks[k]).map((k) => {
        const c = checks[k];
        return h("li", { class: c.met ? "so-fb-ok" : "so-fb-no" },
          h("span", { "aria-hidden": "true" }, c.met ? "✓ " : "✗ "),
          h("span", { class: "so-criterion-name" }, c.label + ": "),
          c.met ? "yes, “" + c.evidence + "”." : "not yet. " + c.message);
      }));
      return checks;
    };
    const drawModel = (value) => {
      const a = getAnswers(model);
      if (!practice() || !piece.model_provision) {
        modelBox.replaceChildren();
      } else if ((a.shown || {})["provision:" + piece.id]) {
        modelBox.replaceChildren(h("div", { class: "so-model" },
          h("strong", {}, "One good answer (Section " + piece.section + "): "), piece.model_provision));
      } else if (honestAttempt("", value)) {
        modelBox.replaceChildren(h("button", {
          type: "button", dataset: { key: "model:" + piece.id },
          on: {
            click: () => {
              const b = getAnswers(model);
              b.shown = Object.assign({}, b.shown || {}, { ["provision:" + piece.id]: true });
              save(b, true, "prov:" + piece.id);
              say.say("Model answer shown under your provision for " + piece.text + ".");
            },
          },
        }, "Compare with a model answer"));
      } else {
        modelBox.replaceChildren(h("p", { class: "so-help" }, "Write at least a sentence and you can compare it with a model answer."));
      }
    };
    const announce = debounce((checks) => {
      const missing = PROVISION_KEYS.filter((k) => checks[k] && !checks[k].met).map((k) => checks[k].label.toLowerCase());
      say.say(missing.length ? "Still to say: " + missing.join(", ") + "." : "It says how much, how often and who.");
    }, 900);
    const area = h("textarea", {
      id: boxId, rows: 3, value: text, dataset: { key: "prov:" + piece.id }, spellcheck: "true",
      on: {
        input: (e) => {
          const value = e.target.value;
          const a = getAnswers(model);
          a.provision = Object.assign({}, a.provision || {}, { [piece.id]: value });
          save(a, false);
          const checks = drawChecks(value);
          drawModel(value);
          if (checks) announce(checks);
        },
      },
    });
    drawChecks(text);
    drawModel(text);
    return h("li", { class: "so-piece", dataset: { provision: piece.id } },
      h("label", { for: boxId }, h("strong", {}, "Provision for: "), piece.text),
      area, list, modelBox);
  }

  function draw(focusKey) {
    const keep = focusKey === undefined ? keeper.key() : focusKey;
    const sp = spec();
    const answers = getAnswers(model);
    const result = graded(answers);
    const who = sp.name || "the child";
    const board = h("div", { class: "so-board" },
      h("p", { class: "so-outcome-centre" }, h("span", {}, who + "'s outcome: "), sp.outcome || ""));
    const list = h("ul", { class: "so-pieces", "aria-label": "Pieces of support" },
      ...pieces().map((p) => pieceCard(p, answers, result)));
    const actions = h("div", { class: "so-actions" });
    if (practice()) actions.append(h("button", { type: "button", class: "so-primary", dataset: { key: "check" }, on: { click: check } }, "Check my jigsaw"));
    actions.append(h("button", { type: "button", dataset: { key: "reset" }, on: { click: reset } }, "Start again"));
    const summary = h("p", { class: "so-summary", dataset: { role: "summary" } });
    let complete = !practice();
    if (practice() && (answers.checks || 0) > 0 && result) {
      summary.textContent = summaryText(answers, result);
      complete = result.items.filter((i) => i.part === "piece").every((i) => i.correct);
    }
    if (!practice()) {
      const decided = pieces().filter((p) => ((answers.pieces || {})[p.id] || {}).choice).length;
      summary.textContent = decided + " of " + pieces().length + " pieces decided. Your answers are saved as you go.";
    }
    const step2 = h("section", { class: "so-step", "aria-labelledby": uid("jig-step2") });
    const headId = step2.getAttribute("aria-labelledby");
    if (complete) {
      const support = practice() ? pieces().filter((p) => p.role === "piece")
        : pieces().filter((p) => ((answers.pieces || {})[p.id] || {}).choice === "use");
      step2.append(
        h("h3", { class: "so-title", id: headId }, "Step 2: write each piece as provision"),
        h("p", { class: "so-instructions" }, "For each piece of support, say how much help there will be, how often, and who gives it."),
      );
      if (!support.length) step2.append(h("p", { class: "so-help" }, "Choose Use it for a piece first; it will appear here."));
      step2.append(h("ul", { class: "so-pieces" }, ...support.map((p) => provisionBox(p, answers))));
    } else {
      step2.append(h("p", { class: "so-help", id: headId }, "Step 2, writing each piece as provision, opens when every piece is right."));
    }
    body.replaceChildren(
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
    keeper.restore(keep);
  }

  draw(null);
  return view.stop;
}

export default { render };
