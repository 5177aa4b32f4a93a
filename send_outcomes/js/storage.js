// Where the static site keeps a learner's answers: this browser's localStorage, under
// "send-outcomes:v1:<exercise-id>", and nowhere else (no server, no network request).
//
// One module for the exercise host (host.js) and the "My progress" page (progress.js), so both read, write and
// repair the store the same way. A browser store can be switched off, full, or hold something we cannot use;
// none of these may break an exercise or lose a learner's work:
// - a stored value that cannot be used (bad JSON, wrong shape) is copied to a side key before the main key is
//   cleared, and a note says where the copy is; if the copy cannot be made the value is left where it was
//   (the note says so, and that the learner's next saved answer replaces it: their new work comes first);
// - a failed write leaves the last good copy in place and returns a message saying why.
// Every function takes the store as an argument (default: this page's localStorage) so node's tests can hand
// in a fake one that throws, is full or holds damaged data.

import { answerProblems } from "./grading.js";

export const PREFIX = "send-outcomes:v1:";

/**
 * @typedef {object} Store The part of the Web Storage API used here.
 * @property {number} length
 * @property {(i: number) => (string|null)} key
 * @property {(key: string) => (string|null)} getItem
 * @property {(key: string, value: string) => void} setItem
 * @property {(key: string) => void} removeItem
 */

/**
 * @typedef {object} Loaded
 * @property {object} answers the saved answers, or {} when there are none that can be used
 * @property {string[]} notes what the learner should be told (empty when all is well)
 */

/**
 * This page's localStorage, or null when the browser refuses it (privacy settings throw on mere access).
 * @param {object} [scope] where to look for localStorage (a window; tests pass a stand-in)
 * @returns {Store|null}
 */
export function storage(scope = globalThis) {
  try {
    return scope.localStorage || null;
  } catch (err) {
    return null;
  }
}

/**
 * Is the error the browser's "storage is full" (its name differs between browsers)?
 * @param {unknown} err
 * @returns {boolean}
 */
export function isQuotaError(err) {
  const name = err && typeof err === "object" ? String(err.name) : "";
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED";
}

/**
 * Copy an unusable stored value to a side key, then clear the main key. Nothing is removed unless the copy was
 * written first.
 * @param {Store} store
 * @param {string} key
 * @param {string|null} raw the value found under key
 * @returns {string|null} the side key, or null if the value could not be moved (it is then left in place)
 */
export function setAside(store, key, raw) {
  const aside = key + ":corrupt:" + new Date().toISOString();
  try {
    if (raw !== null && raw !== undefined) store.setItem(aside, raw);
    store.removeItem(key);
    return aside;
  } catch (err) {
    return null;
  }
}

/**
 * Why a stored text cannot be used for an exercise of this type, or null if it can.
 * @param {string} raw
 * @param {string} type the exercise type (sort, fix, jigsaw, thread)
 * @returns {{problem: string|null, answers: object}}
 */
function parseSaved(raw, type) {
  let data;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return { problem: "it was not readable", answers: {} };
  }
  if (!data || typeof data !== "object" || data.version !== 1 || !("answers" in data)) {
    return { problem: "it was not in the expected format", answers: {} };
  }
  if (answerProblems(type, data.answers).length) return { problem: "it did not fit this exercise", answers: {} };
  return { problem: null, answers: data.answers };
}

/**
 * Read the saved answers of one exercise. Never throws.
 * @param {string} exerciseId
 * @param {string} type
 * @param {Store|null} [store]
 * @returns {Loaded}
 */
export function loadSaved(exerciseId, type, store = storage()) {
  const key = PREFIX + exerciseId;
  if (!store) {
    return { answers: {}, notes: ["This browser is not letting the page save your progress, so your answers will be lost when you leave the page."] };
  }
  let raw;
  try {
    raw = store.getItem(key);
  } catch (err) {
    return { answers: {}, notes: ["Your saved progress could not be read in this browser, so the exercise starts afresh."] };
  }
  if (raw === null) return { answers: {}, notes: [] };
  const { problem, answers } = parseSaved(raw, type);
  if (!problem) return { answers, notes: [] };
  const aside = setAside(store, key, raw);
  const kept = aside
    ? " The old copy was kept in this browser (under " + aside + ") in case anyone needs it."
    : " The old copy could not be moved aside (this browser's storage may be full): it is still under " + key + " until your next answer is saved there.";
  return { answers: {}, notes: ["Your saved progress for this exercise could not be used (" + problem + "), so it starts afresh." + kept] };
}

/**
 * Write an exercise's answers. A failed write leaves the previous copy as it was.
 * @param {string} exerciseId
 * @param {object} answers
 * @param {Store|null} [store]
 * @returns {string|null} a message for the learner, or null when saved
 */
export function save(exerciseId, answers, store = storage()) {
  if (!store) return "Your progress cannot be saved in this browser.";
  try {
    store.setItem(PREFIX + exerciseId, JSON.stringify({ version: 1, answers, saved: new Date().toISOString() }));
    return null;
  } catch (err) {
    if (isQuotaError(err)) {
      return "Your latest answers could not be saved: this browser's storage for this site is full. Your earlier saved answers are kept; export your progress or free some space.";
    }
    return "Your latest answers could not be saved in this browser (storage may be full or switched off).";
  }
}

/**
 * The keys this course uses in this browser, sorted, including copies set aside after a problem.
 * @param {Store|null} store
 * @returns {string[]}
 */
export function courseKeys(store) {
  const keys = [];
  if (!store) return keys;
  try {
    for (let i = 0; i < store.length; i += 1) {
      const key = store.key(i);
      if (key && key.startsWith(PREFIX)) keys.push(key);
    }
  } catch (err) {
    // A store that cannot be listed has no keys we can show or remove.
  }
  return keys.sort();
}

/**
 * Has anything been saved for this exercise (usable or not)?
 * @param {Store|null} store
 * @param {string} exerciseId
 * @returns {boolean}
 */
export function hasSaved(store, exerciseId) {
  try {
    return store !== null && store.getItem(PREFIX + exerciseId) !== null;
  } catch (err) {
    return false;
  }
}
