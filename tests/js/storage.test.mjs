// storage.js against fake browser stores: one that works, one the browser refuses, one that is full, one
// whose reads throw, and ones holding damaged data. A broken store must lose nothing and say what happened.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  PREFIX, storage, isQuotaError, setAside, loadSaved, save, courseKeys, hasSaved,
} from "../../send_outcomes/js/storage.js";

// A Web Storage stand-in. `quota` is the most characters (keys + values) it holds; `failGet` makes reads throw.
class FakeStore {
  constructor({ quota = Infinity, failGet = false, failRemove = false, failList = false } = {}) {
    this.map = new Map();
    Object.assign(this, { quota, failGet, failRemove, failList });
  }
  get length() {
    if (this.failList) throw new Error("SecurityError");
    return this.map.size;
  }
  key(i) {
    return Array.from(this.map.keys())[i] ?? null;
  }
  getItem(key) {
    if (this.failGet) throw Object.assign(new Error("denied"), { name: "SecurityError" });
    return this.map.has(key) ? this.map.get(key) : null;
  }
  setItem(key, value) {
    let used = 0;
    for (const [k, v] of this.map) if (k !== key) used += k.length + v.length;
    if (used + key.length + String(value).length > this.quota) {
      throw Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });
    }
    this.map.set(key, String(value));
  }
  removeItem(key) {
    if (this.failRemove) throw new Error("cannot remove");
    this.map.delete(key);
  }
}

const SORT_ANSWERS = { placements: { a: "need", b: "outcome" }, checked: {}, tries: { a: 1 } };
const stored = (answers) => JSON.stringify({ version: 1, answers, saved: "2026-01-01T00:00:00.000Z" });

test("a saved answer comes back as it was", () => {
  const store = new FakeStore();
  assert.equal(save("s1", SORT_ANSWERS, store), null);
  assert.deepEqual(JSON.parse(store.getItem(PREFIX + "s1")).answers, SORT_ANSWERS);
  assert.deepEqual(loadSaved("s1", "sort", store), { answers: SORT_ANSWERS, notes: [] });
  assert.equal(hasSaved(store, "s1"), true);
  assert.equal(hasSaved(store, "other"), false);
});

test("nothing saved yet: no answers and no note", () => {
  assert.deepEqual(loadSaved("s1", "sort", new FakeStore()), { answers: {}, notes: [] });
});

test("a browser that refuses localStorage: no store, and clear messages on load and save", () => {
  const scope = {};
  Object.defineProperty(scope, "localStorage", { get() { throw new Error("SecurityError: access denied"); } });
  assert.equal(storage(scope), null);
  assert.equal(storage({ localStorage: undefined }), null);
  const store = new FakeStore();
  assert.equal(storage({ localStorage: store }), store);
  const loaded = loadSaved("s1", "sort", null);
  assert.deepEqual(loaded.answers, {});
  assert.match(loaded.notes[0], /not letting the page save your progress/);
  assert.match(save("s1", SORT_ANSWERS, null), /cannot be saved in this browser/);
  assert.deepEqual(courseKeys(null), []);
  assert.equal(hasSaved(null, "s1"), false);
});

test("a store whose reads throw: the exercise starts afresh with a note, and nothing is removed", () => {
  const store = new FakeStore();
  store.map.set(PREFIX + "s1", stored(SORT_ANSWERS));
  store.failGet = true;
  const loaded = loadSaved("s1", "sort", store);
  assert.deepEqual(loaded.answers, {});
  assert.match(loaded.notes[0], /could not be read in this browser/);
  assert.equal(store.map.get(PREFIX + "s1"), stored(SORT_ANSWERS));
  assert.equal(hasSaved(store, "s1"), false);
});

test("a full store: the save fails with a message about space, and the last good copy is kept", () => {
  const store = new FakeStore();
  assert.equal(save("s1", SORT_ANSWERS, store), null);
  const before = store.map.get(PREFIX + "s1");
  store.quota = before.length + PREFIX.length + 10;
  const bigger = { placements: { a: "need", b: "outcome", c: "x".repeat(500) }, checked: {}, tries: {} };
  const message = save("s1", bigger, store);
  assert.match(message, /storage for this site is full/);
  assert.match(message, /earlier saved answers are kept/);
  assert.equal(store.map.get(PREFIX + "s1"), before);
  assert.deepEqual(loadSaved("s1", "sort", store).answers, SORT_ANSWERS);
});

test("a write refused for another reason gets the general message", () => {
  const store = new FakeStore();
  store.setItem = () => {
    throw new Error("write blocked");
  };
  assert.match(save("s1", SORT_ANSWERS, store), /could not be saved in this browser \(storage may be full or switched off\)/);
});

test("quota errors are recognised by name, in both spellings", () => {
  assert.equal(isQuotaError({ name: "QuotaExceededError" }), true);
  assert.equal(isQuotaError({ name: "NS_ERROR_DOM_QUOTA_REACHED" }), true);
  assert.equal(isQuotaError(new Error("x")), false);
  assert.equal(isQuotaError(null), false);
  assert.equal(isQuotaError("QuotaExceededError"), false);
});

for (const [label, raw, problem] of [
  ["corrupt JSON", "{not json", "it was not readable"],
  ["JSON null", "null", "it was not in the expected format"],
  ["a wrong version", JSON.stringify({ version: 2, answers: {} }), "it was not in the expected format"],
  ["no answers", JSON.stringify({ version: 1 }), "it was not in the expected format"],
  ["answers of the wrong shape", stored({ placements: ["need"] }), "it did not fit this exercise"],
  ["answers with an unknown field", stored({ nonsense: 1 }), "it did not fit this exercise"],
]) {
  test(`${label}: set aside under a side key (the same bytes), with a note naming it`, () => {
    const store = new FakeStore();
    store.map.set(PREFIX + "s1", raw);
    const loaded = loadSaved("s1", "sort", store);
    assert.deepEqual(loaded.answers, {});
    assert.equal(loaded.notes.length, 1);
    assert.ok(loaded.notes[0].includes("(" + problem + ")"), loaded.notes[0]);
    assert.equal(store.map.has(PREFIX + "s1"), false);
    const aside = Array.from(store.map.keys()).filter((k) => k.startsWith(PREFIX + "s1:corrupt:"));
    assert.equal(aside.length, 1);
    assert.equal(store.map.get(aside[0]), raw);
    assert.ok(loaded.notes[0].includes(aside[0]), "the note says where the old copy is");
  });
}

test("corrupt data in a full store is left where it was, and the note says so", () => {
  const store = new FakeStore();
  store.map.set(PREFIX + "s1", "{broken");
  store.quota = (PREFIX + "s1").length + "{broken".length;
  const loaded = loadSaved("s1", "sort", store);
  assert.match(loaded.notes[0], /could not be used \(it was not readable\)/);
  assert.match(loaded.notes[0], /could not be moved aside/);
  assert.ok(loaded.notes[0].includes("still under " + PREFIX + "s1 until your next answer is saved there"), loaded.notes[0]);
  assert.equal(store.map.get(PREFIX + "s1"), "{broken");
  assert.equal(store.map.size, 1);
});

test("setAside removes nothing when the copy cannot be written", () => {
  const store = new FakeStore({ quota: 0 });
  store.map.set("k", "v");
  assert.equal(setAside(store, "k", "v"), null);
  assert.equal(store.map.get("k"), "v");
  const ok = new FakeStore();
  ok.map.set("k", "v");
  const aside = setAside(ok, "k", "v");
  assert.match(aside, /^k:corrupt:\d{4}-\d\d-\d\dT/);
  assert.deepEqual(Array.from(ok.map.entries()), [[aside, "v"]]);
});

test("courseKeys lists only this course's keys, sorted, and copes with a store that cannot be listed", () => {
  const store = new FakeStore();
  store.map.set(PREFIX + "b", "1");
  store.map.set("someone-else", "1");
  store.map.set(PREFIX + "a", "1");
  store.map.set(PREFIX + "a:corrupt:2026", "1");
  assert.deepEqual(courseKeys(store), [PREFIX + "a", PREFIX + "a:corrupt:2026", PREFIX + "b"]);
  store.failList = true;
  assert.deepEqual(courseKeys(store), []);
});
