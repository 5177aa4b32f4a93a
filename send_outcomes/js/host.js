// The static-site host: mounts each exercise placed on a book page by the Sphinx `exercise` directive.
//
// It runs the SAME exercise modules as JupyterLab, giving them a tiny stand-in for anywidget's model
// (get / set / on / off / save_changes). Progress is kept in this browser's localStorage under
// "send-outcomes:v1:<exercise-id>" (storage.js) and never leaves the device: no server, no network request.
// A stored value that cannot be used (bad JSON, wrong shape, storage switched off) is moved aside to
// another key and a visible note explains that the exercise starts afresh; it never breaks the exercise.
// URLs are relative to this file, so the site works from any sub-path.

import { loadSaved, save } from "./storage.js";
import { EXERCISE_TYPES } from "./facts.js";

// The build stamps a release tag here (a hash of every bundle and of the rules). It goes on the URL of each
// module and of the rules this file loads, and on the pages' preload links, so a browser that cached an
// earlier release never runs an old exercise module with a new host. Unstamped (a raw copy), URLs stay bare.
const RELEASE = "@@SO_RELEASE@@";

export function assetUrl(name) {
  const url = new URL(name, import.meta.url);
  if (/^[0-9a-f]{6,64}$/.test(RELEASE)) url.search = "?v=" + RELEASE;
  return url.href;
}

// A minimal model with the part of anywidget's API our exercise modules use.
export function createModel(initial, onSave) {
  const state = Object.assign({}, initial);
  const listeners = new Map();
  const emit = (event, value) => {
    for (const fn of Array.from(listeners.get(event) || [])) fn(value);
  };
  return {
    get: (name) => state[name],
    set(name, value) {
      const before = JSON.stringify(state[name]);
      state[name] = value;
      if (JSON.stringify(value) !== before) emit("change:" + name, value);
    },
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(fn);
    },
    off(event, fn) {
      if (!event) listeners.clear();
      else if (!fn) listeners.delete(event);
      else if (listeners.has(event)) listeners.get(event).delete(fn);
    },
    save_changes() {
      if (onSave) onSave(state);
    },
    send() {},
  };
}

function readSpec(container) {
  const script = container.querySelector('script[type="application/json"].so-exercise-spec');
  return JSON.parse(script.textContent);
}

function showFailure(container, err) {
  const box = document.createElement("p");
  box.className = "so-note";
  box.setAttribute("role", "alert");
  box.textContent = "Sorry, this exercise could not be started in this browser (" + (err && err.message ? err.message : String(err)) + "). The practice notebooks have the same exercise.";
  container.appendChild(box);
}

export async function mount(container) {
  if (container.dataset.soMounted) return null;
  container.dataset.soMounted = "1";
  const loading = container.querySelector(".so-exercise-loading");
  try {
    const spec = readSpec(container);
    const kind = Object.prototype.hasOwnProperty.call(EXERCISE_TYPES, spec.type) ? EXERCISE_TYPES[spec.type] : null;
    if (!kind) throw new Error("unknown exercise type " + spec.type);
    const file = kind.module;
    const persist = kind.saves;
    const saved = persist ? loadSaved(spec.id, spec.type) : { answers: {}, notes: [] };
    const model = createModel({
      spec, mode: spec.mode, answers: saved.answers, notes: saved.notes, engine: "js",
      rules_url: assetUrl("rules.json"), analysis: {},
    }, persist ? (state) => {
      const error = save(spec.id, state.answers);
      const notes = (model.get("notes") || []).filter((n) => !n.startsWith("Your latest answers could not be saved"));
      model.set("notes", error ? notes.concat([error]) : notes);
    } : null);
    const module = await import(assetUrl(file));
    const widget = module.default;
    const el = document.createElement("div");
    el.className = "so-mount";
    if (loading) loading.remove();
    container.appendChild(el);
    if (widget.initialize) await widget.initialize({ model });
    const cleanup = await widget.render({ model, el });
    container.dataset.soReady = String(Math.round(performance.now()));
    return { model, cleanup };
  } catch (err) {
    if (loading) loading.remove();
    showFailure(container, err);
    return null;
  }
}

export function mountAll(doc) {
  return Promise.all(Array.from((doc || document).querySelectorAll(".so-exercise")).map((c) => mount(c)));
}

// Mount as soon as the page has been parsed: "readystatechange" to "interactive" comes before the theme's
// deferred scripts run, whereas DOMContentLoaded waits for all of them.
if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    const once = () => {
      if (document.readyState === "loading") return;
      document.removeEventListener("readystatechange", once);
      mountAll(document);
    };
    document.addEventListener("readystatechange", once);
  } else mountAll(document);
}
