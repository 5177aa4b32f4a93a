// Check your plan: a whole plan (planpanel.js, on the static site) and, for quick use, outcomes one per line, and see for each line what kind of statement it reads as
// and, for outcomes, which SMART and person-centred criteria it meets, with the words behind each verdict.
//
// Nothing is saved or sent: on the static site the text stays in the page (the host keeps no copy for this
// exercise) and the analyser runs in the page. In JupyterLab (engine "python") the text goes to the kernel
// as answers.text so the Python analyser can fill `analysis` by line number; the widget writes no file.
// Only the first `max_lines` lines are checked, and a visible note says so when there are more.

import { h, exerciseView, getAnswers, paragraphs, uid, plural, debounce } from "./common.js";
import { analyserFor, checklist, generalFeedback, criterionMet, CRITERIA, KIND_NAMES } from "./feedback.js";
import { wholePlanPanel } from "./planpanel.js";
import { splitLines } from "./planread.js";

const KIND_LABELS = { aspiration: "Aspiration", need: "Need", outcome: "Outcome", provision: "Provision", target: "Target" };

export function linesOf(text, max) {
  const all = splitLines(text || ""); // line numbers as the Python widget counts them
  const out = [];
  for (let i = 0; i < Math.min(all.length, max); i += 1) {
    if (all[i].trim()) out.push({ n: i + 1, text: all[i].trim() });
  }
  return { lines: out, total: all.length };
}

function render({ model, el }) {
  const engineNote = h("div");
  // The frame (notes, keys kept inside, a stop when the kernel has gone); the text box is never redrawn from
  // the model, so what the learner is typing is left alone.
  const view = exerciseView(model, el, "so-checker", () => {}, [engineNote]);
  const spec = () => model.get("spec") || {};
  const max = () => spec().max_lines || 200;
  const areaId = uid("checker-text");
  const helpId = uid("checker-help");
  const summary = h("p", { class: "so-summary", dataset: { role: "summary" }, "aria-live": "polite" });
  const capNote = h("div");
  const results = h("ol", { class: "so-results", "aria-label": "Results, one per line" });
  const start = getAnswers(model).text || "";
  const area = h("textarea", {
    id: areaId, rows: 8, value: start, spellcheck: "true", "aria-describedby": helpId,
    on: { input: () => onInput() },
  });
  view.body.append(
    h("p", { class: "so-title" }, spec().title || "Check your plan"),
    ...paragraphs(spec().instructions),
    h("label", { for: areaId, class: "so-criterion-name" }, "Your outcomes, one per line"),
    h("p", { class: "so-help", id: helpId }, "Nothing you type here is saved or sent anywhere. Up to " + max() + " lines are checked."),
    area,
    h("div", { class: "so-actions" }, h("button", {
      type: "button", on: { click: () => clear() },
    }, "Clear")),
    summary, capNote, results);
  // On the static site the whole-plan checker comes first; the quick one-per-line checker stays below it.
  const whole = model.get("engine") !== "python" && model.get("rules_url") && spec().whole_plan ? wholePlanPanel(model) : null;
  if (whole) el.prepend(whole);

  const analyser = analyserFor(model, (failure) => {
    if (failure) {
      engineNote.replaceChildren(h("p", { class: "so-note", role: "status" }, h("strong", {}, "Note: "),
        "The checker could not start (" + failure + ")."));
    }
    drawResults();
  });

  function row(line) {
    const a = analyser.analyse(String(line.n), line.text);
    const li = h("li", { class: "so-result", dataset: { line: String(line.n) } },
      h("p", { class: "so-help" }, "Line " + line.n),
      h("p", { class: "so-result-text" }, line.text));
    if (!a) {
      li.append(h("p", { class: "so-help" }, analyser.failed() ? "Not checked." : "Checking…"));
      return li;
    }
    li.dataset.kind = a.kind;
    li.append(h("p", {}, h("span", { class: "so-kind" }, KIND_LABELS[a.kind] || String(a.kind)),
      a.smart ? " " + CRITERIA.filter(([c]) => criterionMet(a, c)).length + " of " + CRITERIA.length + " criteria met" : ""));
    const general = generalFeedback(a);
    if (a.smart) li.append(checklist(a));
    else if (!general.length) {
      li.append(h("p", { class: "so-help" }, "This reads as " + (KIND_NAMES[a.kind] || a.kind) + ", so it is not checked as an outcome."));
    }
    for (const f of general) li.append(h("p", { class: "so-fb so-fb-part" }, f.message));
    return li;
  }

  function drawResults() {
    const { lines, total } = linesOf(area.value, max());
    results.replaceChildren(...lines.map(row));
    capNote.replaceChildren();
    if (total > max()) {
      capNote.append(h("p", { class: "so-note", role: "status" }, h("strong", {}, "Note: "),
        "Only the first " + max() + " lines are checked; " + plural(total - max(), "line was", "lines were") + " left out."));
    }
    if (!lines.length) {
      summary.textContent = "";
      return;
    }
    const kinds = {};
    for (const line of lines) {
      const a = analyser.analyse(String(line.n), line.text);
      if (a) kinds[a.kind] = (kinds[a.kind] || 0) + 1;
    }
    const parts = Object.keys(KIND_LABELS).filter((k) => kinds[k]).map((k) => kinds[k] + " " + KIND_LABELS[k].toLowerCase() + (kinds[k] === 1 || k === "provision" ? "" : "s"));
    summary.textContent = plural(lines.length, "line", "lines") + " checked" + (parts.length ? ": " + parts.join(", ") + "." : ".");
  }

  function now() {
    if (analyser.engine === "python") view.save({ text: area.value });
    drawResults();
  }

  const update = debounce(now, 300);

  function onInput() {
    update();
  }

  function clear() {
    update.cancel();
    area.value = "";
    now();
    area.focus();
  }

  drawResults();
  const onAnalysis = () => drawResults();
  model.on("change:analysis", onAnalysis);
  return () => {
    update.cancel();
    model.off("change:analysis", onAnalysis);
    view.stop();
  };
}

export default { render };
