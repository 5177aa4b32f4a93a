// Shared helpers for the exercise front ends: building DOM safely, announcing changes to screen readers,
// reading and writing the answers held by the model, and the notes box.
//
// Every piece of text goes into the page through textContent or a text node, never innerHTML, so learner
// text such as "<img src=x onerror=alert(1)>" is shown literally and never runs.
// The same code runs in JupyterLab (anywidget model) and on the static site (host.js model shim).

import { CSS } from "./styles.js";

let counter = 0;

// A unique id prefix, so several exercises on one page never share element ids.
export function uid(prefix) {
  counter += 1;
  return "so-" + prefix + "-" + counter;
}

// h("button", {class: "x", type: "button", on: {click: f}, dataset: {key: "a"}}, "text", child, ...)
// Attributes are set with setAttribute (aria-*, for, id, ...); children that are strings become text nodes.
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  const p = props || {};
  for (const [key, value] of Object.entries(p)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    } else if (key === "text") {
      node.textContent = String(value);
    } else if (key === "value") {
      node.value = String(value);
    } else if (key === "checked" || key === "disabled" || key === "selected" || key === "hidden") {
      node[key] = Boolean(value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (typeof child === "string" || typeof child === "number") node.appendChild(document.createTextNode(String(child)));
    else node.appendChild(child);
  }
}

// Add the course's exercise styles to the document once (JupyterLab and the book share them).
export function injectStyles(doc) {
  const d = doc || document;
  if (d.getElementById("so-exercise-styles")) return;
  const style = d.createElement("style");
  style.id = "so-exercise-styles";
  style.textContent = CSS;
  d.head.appendChild(style);
}

// A polite live region inside the exercise; say() replaces its text so each message is read once.
export function announcer(root) {
  const region = h("div", { class: "so-vh", "aria-live": "polite", role: "status" });
  root.appendChild(region);
  let timer = null;
  return {
    node: region,
    say(message) {
      region.textContent = "";
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        region.textContent = String(message);
      }, 50);
    },
  };
}

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// Always a fresh copy: the Jupyter model compares by value, so mutating the stored object would never sync.
export function getAnswers(model) {
  const a = model.get("answers");
  return a && typeof a === "object" && !Array.isArray(a) ? clone(a) : {};
}

export function setAnswers(model, answers) {
  model.set("answers", clone(answers));
  model.save_changes();
}

// The frame every exercise draws in: notes on top, then any extra parts, then the body; a live region
// for announcements; focus kept across redraws. The view is kept in step with its model: it is redrawn when
// the answers, spec or mode change from outside it (a restore, another view of the same widget), but not for
// its own saves, which it draws itself so that it can choose where focus goes, or not at all while the learner
// is typing. The frame also keeps the learner's keys inside the exercise (keepKeys) and stops the exercise
// when its kernel has gone (watchKernel): save() then changes nothing and returns false, and the view's own
// redraw after it shows the answers as they were. stop() removes every listener it added.
const VIEW_EVENTS = ["change:answers", "change:spec", "change:mode"];

/**
 * The row under an exercise: "Check…" (in practice only: an assessment shows nothing until it is marked) and
 * "Start… again". Every exercise has the same two buttons with the same keys, so focus lands alike in each.
 * @param {boolean} practice
 * @param {{check: string, onCheck: () => void, reset: string, onReset: () => void}} buttons
 * @returns {HTMLElement}
 */
export function checkAndResetRow(practice, { check, onCheck, reset, onReset }) {
  const actions = h("div", { class: "so-actions" });
  if (practice) {
    actions.append(h("button", { type: "button", class: "so-primary", dataset: { key: "check" }, on: { click: onCheck } }, check));
  }
  actions.append(h("button", { type: "button", dataset: { key: "reset" }, on: { click: onReset } }, reset));
  return actions;
}

export function exerciseView(model, el, cls, draw, extra = []) {
  injectStyles(el.ownerDocument);
  const root = h("div", { class: "so-ex " + cls });
  const body = h("div");
  const notes = notesBox(model);
  const stopBox = h("div", { class: "so-stopped", role: "alert" });
  root.append(stopBox, notes.node, ...extra, body);
  const voice = announcer(root);
  el.replaceChildren(root);
  const parts = [notes.node, ...extra, body];
  let quiet = false;
  let stopped = null; // null while the kernel answers; else why the exercise is stopped ("gone" or "silent")
  const onChange = () => {
    if (!quiet && !stopped) draw();
  };
  VIEW_EVENTS.forEach((e) => model.on(e, onChange));
  const releaseKeys = keepKeys(root);
  const kernel = watchKernel(model, (state) => {
    if (stopped === "gone") return; // final: only running the cell again brings the exercise back
    if (state === "live") {
      if (!stopped) return;
      stopped = null;
      resume(root, stopBox, parts);
      draw(); // in step with the model again (the kernel may have answered saves made before it went quiet)
      return;
    }
    stopped = state;
    halt(root, stopBox, parts, state === "gone" ? KERNEL_GONE : KERNEL_SILENT);
  });
  return {
    root, body, keeper: focusKeeper(root),
    // While stopped nothing else is announced: the message about the kernel stays in the live region.
    say: { node: voice.node, say: (message) => (stopped ? undefined : voice.say(message)) },
    stopped: () => stopped !== null,
    save(answers) {
      if (stopped) return false;
      quiet = true;
      try {
        setAnswers(model, answers);
      } finally {
        quiet = false;
      }
      kernel.saved();
      return true;
    },
    stop() {
      VIEW_EVENTS.forEach((e) => model.off(e, onChange));
      notes.stop();
      releaseKeys();
      kernel.stop();
    },
  };
}

// JupyterLab (Lumino) runs its notebook shortcuts on keys pressed anywhere in the page: arrows change cell,
// "a" inserts one, "m" makes the cell Markdown, Enter and Shift+Enter never reach a text box. Lumino skips
// shortcut handling inside an element carrying data-lm-suppress-shortcuts, so the exercise root carries it.
// Other hosts that listen on the document are kept out too: a key the exercise handled (default prevented)
// or one that belongs to the control it was pressed in (typing, arrows, Enter, Space, Tab, Escape; not
// Ctrl, Alt or Cmd combinations, which stay the page's) goes no further than the exercise.
const OWN_KEYS = "input, select, textarea, button, summary, [tabindex]";

export function keepKeys(root) {
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  const onKey = (event) => {
    const target = event.target;
    const control = target && target.closest ? target.closest(OWN_KEYS) : null;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if (event.defaultPrevented || (control && root.contains(control) && plain)) event.stopPropagation();
  };
  root.addEventListener("keydown", onKey);
  return () => root.removeEventListener("keydown", onKey);
}

// In JupyterLab a widget's model loses its kernel when the kernel restarts (the widget manager marks every
// model disconnected: "comm_live_update") or when the kernel closes the widget ("comm:close"). From then on
// the model drops every save without a word, so the exercise must stop and say so: onState("gone").
// A kernel that was shut down, died or hangs gives no such event, so after a save the view also asks the
// kernel to answer (a "so-ping" custom message; the Python widget replies "so-pong"). A question that
// cannot be sent, or gets no answer within ANSWER_WAIT_MS, means the kernel is not answering
// (onState("silent")); an answer that comes late means it is back (onState("live")): a busy kernel is not
// a lost one.
// Only a model whose kernel_replies is true is asked (the Python widget's); the static site's model never
// emits these events and is never asked.
export const KERNEL_GONE = "The kernel restarted: run this cell again to carry on. Your answers saved before the restart are kept.";
export const KERNEL_SILENT = "The kernel is not answering, so your latest answers may not be saved: run this cell again to carry on.";
export const ANSWER_WAIT_MS = 8000;

export function watchKernel(model, onState, wait = ANSWER_WAIT_MS) {
  const events = ["comm_live_update", "comm:close"];
  const lost = () => onState("gone");
  let asked = 0;
  let pending = null; // the question still waiting for its answer: {n, timer}
  const onMessage = (msg) => {
    if (!msg || msg.type !== "so-pong" || !pending || msg.n !== pending.n) return;
    clearTimeout(pending.timer);
    pending = null;
    onState("live");
  };
  events.forEach((e) => model.on(e, lost));
  model.on("msg:custom", onMessage);
  return {
    saved() {
      if (model.get("kernel_replies") !== true || pending) return;
      asked += 1;
      const question = { n: asked, timer: setTimeout(() => onState("silent"), wait) };
      pending = question;
      try {
        model.send({ type: "so-ping", n: question.n });
      } catch (err) {
        clearTimeout(question.timer);
        pending = null;
        onState("silent"); // no way to ask it: shut down, or its connection closed
      }
    },
    stop() {
      events.forEach((e) => model.off(e, lost));
      model.off("msg:custom", onMessage);
      if (pending) clearTimeout(pending.timer);
      pending = null;
    },
  };
}

// Take the exercise out of use and say why: its parts become inert (no focus, no clicks, no typing), and
// focus, if it was inside, moves to the message so the next key goes nowhere else.
export function halt(root, box, parts, message) {
  const hadFocus = root.contains(root.ownerDocument.activeElement);
  root.classList.add("so-stale");
  for (const part of parts) part.inert = true;
  box.replaceChildren(h("p", { class: "so-note", tabindex: "-1" }, h("strong", {}, "Stopped: "), message));
  if (hadFocus) box.firstChild.focus();
}

export function resume(root, box, parts) {
  const hadFocus = root.contains(root.ownerDocument.activeElement);
  root.classList.remove("so-stale");
  for (const part of parts) part.inert = false;
  box.replaceChildren();
  if (hadFocus) {
    const first = root.querySelector("button, input, select, textarea");
    if (first) first.focus();
  }
}

// The visible notes (for example "your saved answers could not be read"); kept up to date from the model.
export function notesBox(model) {
  const box = h("div", { class: "so-notes" });
  const draw = () => {
    const notes = model.get("notes") || [];
    box.replaceChildren(...notes.map((n) => h("p", { class: "so-note", role: "status" }, h("strong", {}, "Note: "), String(n))));
  };
  draw();
  model.on("change:notes", draw);
  return { node: box, stop: () => model.off("change:notes", draw) };
}

// Paragraphs from text with blank lines between them.
export function paragraphs(text, cls) {
  return String(text || "").split(/\n\s*\n/).filter((t) => t.trim()).map((t) => h("p", { class: cls || "so-instructions" }, t.trim()));
}

// A short visible verdict that never relies on colour alone: an icon and a word.
export function verdict(ok, partial) {
  if (ok) return h("span", { class: "so-verdict so-ok" }, h("span", { "aria-hidden": "true" }, "✓ "), "Correct");
  if (partial) return h("span", { class: "so-verdict so-partial" }, h("span", { "aria-hidden": "true" }, "◐ "), "Partly right");
  return h("span", { class: "so-verdict so-no" }, h("span", { "aria-hidden": "true" }, "✗ "), "Not yet");
}

// Re-render helper: remember which element had focus (by data-key) and give focus back after a redraw.
export function focusKeeper(root) {
  return {
    key() {
      const active = root.ownerDocument.activeElement;
      return active && root.contains(active) && active.dataset ? active.dataset.key || null : null;
    },
    restore(key) {
      if (!key) return false;
      const target = root.querySelector('[data-key="' + cssEscape(key) + '"]');
      if (target) {
        target.focus({ preventScroll: false });
        return true;
      }
      return false;
    },
  };
}

export function cssEscape(value) {
  return String(value).replace(/["\\]/g, "\\$&");
}

export function plural(n, one, many) {
  return n + " " + (n === 1 ? one : many);
}

// Debounce for live feedback while typing.
export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return wrapped;
}
