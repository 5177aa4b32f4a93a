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

export function exerciseView(model, el, cls, draw, extra = []) {
  injectStyles(el.ownerDocument);
  const root = h("div", { class: "so-ex " + cls });
  const body = h("div");
  const notes = notesBox(model);
  const gone = h("div", { class: "so-gone", role: "alert" });
  root.append(gone, notes.node, ...extra, body);
  const voice = announcer(root);
  el.replaceChildren(root);
  let quiet = false;
  let stale = false;
  const onChange = () => {
    if (!quiet && !stale) draw();
  };
  VIEW_EVENTS.forEach((e) => model.on(e, onChange));
  const releaseKeys = keepKeys(root);
  const unwatch = watchKernel(model, () => {
    if (stale) return;
    stale = true;
    showGone(root, gone, [notes.node, ...extra, body]);
  });
  return {
    root, body, keeper: focusKeeper(root),
    // Once the kernel has gone, nothing else is announced: the message about it stays in the live region.
    say: { node: voice.node, say: (message) => (stale ? undefined : voice.say(message)) },
    stale: () => stale,
    save(answers) {
      if (stale) return false;
      quiet = true;
      try {
        setAnswers(model, answers);
      } finally {
        quiet = false;
      }
      return true;
    },
    stop() {
      VIEW_EVENTS.forEach((e) => model.off(e, onChange));
      notes.stop();
      releaseKeys();
      unwatch();
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
// the model drops every save without a word, so the exercise must stop and say so. The static site's model
// never emits these events.
export const KERNEL_GONE = "The kernel restarted: run this cell again to carry on. Your answers saved before the restart are kept.";

export function watchKernel(model, onGone) {
  const events = ["comm_live_update", "comm:close"];
  const lost = () => onGone();
  events.forEach((e) => model.on(e, lost));
  return () => events.forEach((e) => model.off(e, lost));
}

// Show that the kernel has gone and take the exercise out of use: its parts become inert (no focus, no
// clicks, no typing), and focus, if it was inside, moves to the message so the next key goes nowhere else.
export function showGone(root, box, parts) {
  const hadFocus = root.contains(root.ownerDocument.activeElement);
  root.classList.add("so-stale");
  for (const part of parts) part.inert = true;
  box.replaceChildren(h("p", { class: "so-note", tabindex: "-1" }, h("strong", {}, "Stopped: "), KERNEL_GONE));
  if (hadFocus) box.firstChild.focus();
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
