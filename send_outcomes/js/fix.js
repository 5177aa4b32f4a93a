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

import { h, exerciseView, getAnswers, paragraphs, uid, debounce } from "./common.js";
import { gradeRewrite, honestAttempt } from "./grading.js";
import { analyserFor, checklist, generalFeedback, kindLine, spoken } from "./feedback.js";

function render({ model, el }) {
  const engineNote = h("div");
  const view = exerciseView(model, el, "so-fix", () => draw(), [engineNote]);
  const { root, body, say, keeper } = view;
  let live = null; // {round, update(text)} for the round on screen
  let result = null; // the holder of the result panel for the round on screen

  const spec = () => model.get("spec") || {};
  const rounds = () => spec().rounds || [];
  const practice = () => model.get("mode") !== "assessment";
  const index = (answers) => Math.min(Math.max(answers.round || 0, 0), Math.max(rounds().length - 1, 0));

  const analyser = analyserFor(model, (failure) => {
    if (failure) {
      engineNote.replaceChildren(h("p", { class: "so-note", role: "status" }, h("strong", {}, "Note: "),
        "The live checklist is not available (" + failure + "). You can still write and save your rewrites."));
    }
    refresh();
  });

  // Saves are drawn here (focus on focusKey), or not at all while the learner types (redraw false).
  function save(answers, redraw, focusKey) {
    view.save(answers);
    if (redraw) draw(focusKey);
  }

  function goTo(i, focusKey) {
    const answers = getAnswers(model);
    answers.round = i;
    save(answers, true, focusKey);
    const r = rounds()[i];
    say.say("Round " + (i + 1) + " of " + rounds().length + ": " + (r.name || r.case || "") + ".");
  }

  function check(r) {
    const answers = getAnswers(model);
    answers.checks = Object.assign({}, answers.checks || {}, { [r.id]: ((answers.checks || {})[r.id] || 0) + 1 });
    save(answers, true, "check");
    const draft = (answers.drafts || {})[r.id] || "";
    const graded = gradeRewrite(r.original, draft, analyser.analyse(r.id, draft));
    say.say(graded.explanation + (honestAttempt(r.original, draft) ? " You can now compare with a model answer." : ""));
  }

  function showModel(r) {
    const answers = getAnswers(model);
    answers.shown = Object.assign({}, answers.shown || {}, { [r.id]: true });
    save(answers, true, "model-shown");
    say.say("Model answer: " + r.model_answer);
  }

  function resetRound(r) {
    const answers = getAnswers(model);
    for (const key of ["drafts", "checks", "shown"]) {
      if (answers[key]) {
        answers[key] = Object.assign({}, answers[key]);
        delete answers[key][r.id];
      }
    }
    save(answers, true, "draft:" + r.id);
    say.say("Cleared your rewrite for this round.");
  }

  // The live checklist under the text box: redrawn in place as the learner types, never the whole exercise,
  // so the caret and any half-typed word are left alone.
  function liveArea(r) {
    const box = h("div", { class: "so-live", dataset: { role: "live" } });
    const announce = debounce((text) => {
      const a = analyser.analyse(r.id, text);
      if (a && text.trim()) say.say(spoken(a));
    }, 1500);
    const update = (text) => {
      if (!practice()) {
        box.replaceChildren();
        return;
      }
      if (!text.trim()) {
        box.replaceChildren(h("p", { class: "so-help" }, "Start typing: the checklist appears here."));
        return;
      }
      const a = analyser.analyse(r.id, text);
      if (!a) {
        box.replaceChildren(h("p", { class: "so-help" }, analyser.failed() ? "" : "Checking…"));
        return;
      }
      box.replaceChildren(kindLine(a), checklist(a), ...generalFeedback(a).map((f) => h("p", { class: "so-help" }, f.message)));
      announce(text);
    };
    return { node: box, update, round: r.id };
  }

  function resultPanel(r, answers) {
    const draft = (answers.drafts || {})[r.id] || "";
    const checks = (answers.checks || {})[r.id] || 0;
    const shown = Boolean((answers.shown || {})[r.id]);
    const panel = h("div", { class: "so-result-panel", dataset: { role: "result" } });
    if (!practice() || (!checks && !shown)) return panel;
    const analysis = analyser.analyse(r.id, draft);
    if (!analysis && draft.trim() && !analyser.failed()) {
      panel.append(h("p", { class: "so-help" }, "Checking your rewrite…"));
      return panel;
    }
    const graded = gradeRewrite(r.original, draft, analysis);
    const full = graded.points === 1;
    const cls = full ? "so-fb-ok" : graded.points > 0 ? "so-fb-part" : "so-fb-no";
    const fb = h("div", { class: "so-fb " + cls });
    fb.append(h("p", {}, h("strong", {}, full ? "✓ All five met. " : graded.points > 0 ? "◐ Partly there. " : "✗ Not yet. "), graded.explanation));
    if (!full && checks) {
      if (r.problem) fb.append(h("p", {}, h("strong", {}, "What was wrong with the original: "), r.problem));
      const hints = r.hints || [];
      if (hints.length) fb.append(h("p", {}, h("strong", {}, "Hint: "), hints[Math.min(checks - 1, hints.length - 1)]));
    }
    panel.append(fb);
    if (shown && r.model_answer) {
      panel.append(h("div", { class: "so-model", tabindex: "-1", dataset: { key: "model-shown" } },
        h("p", {}, h("strong", {}, "A model answer: "), r.model_answer),
        h("p", { class: "so-help" }, "There is usually more than one good answer; compare the parts, not the words.")));
    } else if (r.model_answer && honestAttempt(r.original, draft)) {
      panel.append(h("p", {}, h("button", { type: "button", dataset: { key: "model" }, on: { click: () => showModel(r) } }, "Show a model answer")));
    } else if (r.model_answer) {
      panel.append(h("p", { class: "so-help" }, "Write a rewrite of at least six words, different from the original, and you can compare it with a model answer."));
    }
    return panel;
  }

  function draw(focusKey) {
    const keep = focusKey === undefined ? keeper.key() : focusKey;
    const sp = spec();
    const answers = getAnswers(model);
    const i = index(answers);
    const r = rounds()[i];
    const nodes = [h("p", { class: "so-title" }, sp.title || "Fix the outcome"), ...paragraphs(sp.instructions)];
    if (!r) {
      body.replaceChildren(...nodes);
      return;
    }
    const n = rounds().length;
    nodes.push(h("nav", { class: "so-tabs", "aria-label": "Rounds" }, ...rounds().map((x, j) => {
      const done = Boolean((answers.shown || {})[x.id]) || ((answers.checks || {})[x.id] > 0);
      return h("button", {
        type: "button", "aria-current": j === i ? "true" : null, dataset: { key: "round:" + j },
        on: { click: () => goTo(j, "round:" + j) },
      }, "Round " + (j + 1), done ? h("span", {}, h("span", { "aria-hidden": "true" }, " ✓"), h("span", { class: "so-vh" }, " (checked)")) : null);
    })));
    const draftId = uid("fix-draft");
    const headId = uid("fix-head");
    const draft = (answers.drafts || {})[r.id] || "";
    live = liveArea(r);
    result = h("div", { dataset: { role: "result-holder" } }, resultPanel(r, answers));
    const area = h("textarea", {
      id: draftId, rows: 3, value: draft, spellcheck: "true", dataset: { key: "draft:" + r.id },
      on: {
        input: (e) => {
          const a = getAnswers(model);
          a.drafts = Object.assign({}, a.drafts || {}, { [r.id]: e.target.value });
          save(a, false);
          liveUpdate();
        },
      },
    });
    const actions = h("div", { class: "so-actions" });
    if (practice()) actions.append(h("button", { type: "button", class: "so-primary", dataset: { key: "check" }, on: { click: () => check(r) } }, "Check my rewrite"));
    actions.append(h("button", { type: "button", dataset: { key: "reset" }, on: { click: () => resetRound(r) } }, "Start this round again"));
    const nav = h("div", { class: "so-round-nav" },
      h("button", { type: "button", disabled: i === 0, dataset: { key: "prev" }, on: { click: () => goTo(i - 1, "prev") } }, "← Previous round"),
      h("span", {}, "Round " + (i + 1) + " of " + n),
      h("button", { type: "button", disabled: i === n - 1, dataset: { key: "next" }, on: { click: () => goTo(i + 1, "next") } }, "Next round →"));
    nodes.push(h("section", { "aria-labelledby": headId, dataset: { round: r.id } },
      h("h3", { class: "so-title", id: headId }, "Round " + (i + 1) + ": " + (r.name || r.case || "")),
      r.context ? h("p", { class: "so-story" }, r.context) : null,
      h("p", {}, "The outcome as written:"),
      h("blockquote", { class: "so-original" }, r.original),
      h("label", { for: draftId, class: "so-criterion-name" }, "Your rewrite"),
      area,
      live.node,
      actions,
      result,
      practice() ? null : h("p", { class: "so-summary" }, "Your answers are saved as you go."),
      nav));
    body.replaceChildren(...nodes);
    live.update(draft);
    if (keep === "model-shown") {
      const m = root.querySelector('[data-key="model-shown"]');
      if (m) m.focus();
    } else keeper.restore(keep);
  }

  // Redraw the parts that follow the draft (checklist and result), leaving the text box alone.
  function refresh() {
    const answers = getAnswers(model);
    const r = rounds()[index(answers)];
    if (!r) return;
    const text = (answers.drafts || {})[r.id] || "";
    if (live) live.update(text);
    if (result) {
      const hadFocus = result.contains(root.ownerDocument.activeElement) ? keeper.key() : null;
      result.replaceChildren(resultPanel(r, answers));
      if (hadFocus) keeper.restore(hadFocus);
    }
  }

  const liveUpdate = debounce(() => refresh(), 250);

  draw(null);
  const onAnalysis = () => refresh();
  model.on("change:analysis", onAnalysis);
  return () => {
    liveUpdate.cancel();
    view.stop();
    model.off("change:analysis", onAnalysis);
  };
}

export default { render };
