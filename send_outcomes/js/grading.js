// Scoring for every exercise type: partial credit with an explanation for each item.
// This file mirrors send_outcomes/grading/*.py line for line; tests/exercises/test_grading_parity.py runs both on one
// table of cases built from every spec (right, wrong, partial and damaged answers) and requires identical
// results. Change both together. Odd answers (arrays, numbers, null, "constructor" as an id) count as
// unanswered, never as an exception.
// Pure functions only: no DOM, no storage; the one import is the shared facts (data read by Python too), so
// node can run it and esm.py can inline it.

import { CRITERION_ENTRIES, EXERCISE_TYPES } from "./facts.js";

// Each exercise type's answer shapes (answers key -> shape path), from data/exercise_types.json.
const SHAPES = Object.freeze(Object.fromEntries(Object.entries(EXERCISE_TYPES).map(([t, e]) => [t, e.answers])));

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function checkLeaf(kind, value, path, problems) {
  if (kind === "string" && typeof value !== "string") problems.push(path + ": expected text");
  else if (kind === "count" && !(Number.isInteger(value) && value >= 0)) problems.push(path + ": expected a whole number");
  else if (kind === "bool" && typeof value !== "boolean") problems.push(path + ": expected true or false");
  else if (kind === "piece") {
    if (!isObject(value)) problems.push(path + ": expected an object");
    else {
      for (const key of Object.keys(value)) {
        if (key === "choice") {
          if (!["use", "aside", ""].includes(value.choice)) problems.push(path + "/choice: expected use, aside or nothing");
        } else if (key === "holder") {
          if (typeof value.holder !== "string") problems.push(path + "/holder: expected text");
        } else problems.push(path + "/" + key + ": unexpected");
      }
    }
  } else if (kind === "link") {
    if (!isObject(value)) problems.push(path + ": expected an object");
    else {
      for (const key of Object.keys(value)) {
        if (!["need", "outcome", "provision"].includes(key)) problems.push(path + "/" + key + ": unexpected");
        else if (typeof value[key] !== "string") problems.push(path + "/" + key + ": expected text");
      }
    }
  }
}

function checkShape(shape, value, path, problems) {
  if (shape[0] === "map") {
    if (!isObject(value)) {
      problems.push(path + ": expected an object");
      return;
    }
    for (const key of Object.keys(value)) checkShape(shape.slice(1), value[key], path + "/" + key, problems);
  } else {
    checkLeaf(shape[0], value, path, problems);
  }
}

// The problems with a saved answers object, as readable lines; an empty list means it can be used.
export function answerProblems(type, answers) {
  const shapes = Object.prototype.hasOwnProperty.call(SHAPES, type) ? SHAPES[type] : undefined;
  if (shapes === undefined) return ["unknown exercise type " + JSON.stringify(type)];
  if (!isObject(answers)) return ["/: expected an object"];
  const problems = [];
  for (const key of Object.keys(answers)) {
    if (!Object.prototype.hasOwnProperty.call(shapes, key)) problems.push("/" + key + ": unexpected");
    else checkShape(shapes[key], answers[key], "/" + key, problems);
  }
  return problems.sort();
}

// The value if it is a JSON object, else {}: odd saved answers count as unanswered, never as a crash.
function asMap(value) {
  return isObject(value) ? value : {};
}

// The value if it is text, else "" (a number or a list where text belongs counts as no answer).
function asText(value) {
  return typeof value === "string" ? value : "";
}

// Own properties only: a saved id such as "constructor" must not find Object.prototype's members.
function own(map, key) {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

function result(spec, items, score, max) {
  return { exercise: spec.id, type: spec.type, score, max, fraction: max ? score / max : 0, items };
}

function label(spec, kind) {
  for (const c of spec.categories) if (c.id === kind) return c.label;
  return String(kind);
}

// With reveal === false (assessment feedback) no explanation names the right category, and expected is null.
export function gradeSort(spec, answers, reveal = true) {
  const placements = asMap(asMap(answers).placements);
  let score = 0;
  const items = spec.items.map((item) => {
    let given = own(placements, item.id);
    if (typeof given !== "string") given = null;
    const correct = given === item.kind;
    let explanation;
    if (!reveal) {
      if (correct) explanation = "Right.";
      else if (given === null) explanation = "Not placed.";
      else explanation = "Placed under " + label(spec, given) + "; that is not where it belongs.";
    } else if (correct) explanation = "Right: " + label(spec, item.kind) + ". " + item.why;
    else if (given === null) explanation = "Not placed; it belongs under " + label(spec, item.kind) + ". " + item.why;
    else explanation = "Placed under " + label(spec, given) + ", but it belongs under " + label(spec, item.kind) + ". " + item.why;
    const points = correct ? 1 : 0;
    score += points;
    return { id: item.id, given, expected: reveal ? item.kind : null, correct, points, explanation };
  });
  return result(spec, items, score, spec.items.length);
}

// Lower case, single spaces, no trailing full stop: two drafts that differ only in these are the same.
export function normalise(text) {
  return String(text).toLowerCase().replace(/\s+/g, " ").trim().replace(/[.!]+$/, "").trim();
}

function wordCount(text) {
  return String(text).split(/\s+/).filter((w) => w.length > 0).length;
}

// An honest attempt: a rewrite of at least six words that is not the original outcome.
export function honestAttempt(original, draft) {
  return wordCount(draft) >= 6 && normalise(draft) !== normalise(original);
}

// The five criteria in display order, and each one's name inside a sentence (time-bound, lower case).
export const CRITERIA = Object.freeze(CRITERION_ENTRIES.map((c) => c.id));
const CRITERION_NAMES = Object.freeze(Object.fromEntries(CRITERION_ENTRIES.map((c) => [c.id, c.label.toLowerCase()])));

function criteriaOf(analysis) {
  const out = {};
  for (const c of CRITERIA) out[c] = c === "person_centred" ? analysis.person_centred === true : analysis.smart[c] === true;
  return out;
}

// One rewrite scored against the analyser's verdict: a fifth of a point for each criterion met.
export function gradeRewrite(original, draft, analysis) {
  const text = asText(draft);
  if (text.trim() === "") return { points: 0, criteria: {}, explanation: "No rewrite yet." };
  if (normalise(text) === normalise(original)) {
    return { points: 0, criteria: {}, explanation: "This is the original outcome, unchanged." };
  }
  if (!isObject(analysis) || !isObject(analysis.smart)) {
    const kind = asText(asMap(analysis).kind) || "unknown";
    return {
      points: 0, criteria: {},
      explanation: "It reads as " + kind + ", not as an outcome, so it cannot be checked as a SMART outcome.",
    };
  }
  const criteria = criteriaOf(analysis);
  const met = CRITERIA.filter((c) => criteria[c]).map((c) => CRITERION_NAMES[c]);
  const missed = CRITERIA.filter((c) => !criteria[c]).map((c) => CRITERION_NAMES[c]);
  let explanation = met.length ? "Met: " + met.join(", ") + "." : "No criterion met yet.";
  if (missed.length) explanation += " Not yet: " + missed.join(", ") + ".";
  return { points: met.length / CRITERIA.length, criteria, explanation };
}

// _reveal is accepted for symmetry with the other graders: nothing in a rewrite's explanation is secret.
export function gradeFix(spec, answers, analyses, _reveal = true) {
  const drafts = asMap(asMap(answers).drafts);
  const found = asMap(analyses);
  let score = 0;
  const items = spec.rounds.map((round) => {
    const draft = asText(own(drafts, round.id));
    const analysis = own(found, round.id);
    const graded = gradeRewrite(round.original, draft, analysis);
    score += graded.points;
    return {
      id: round.id, given: draft, correct: graded.points === 1, points: graded.points,
      criteria: graded.criteria, explanation: graded.explanation,
    };
  });
  return result(spec, items, score, spec.rounds.length);
}

const PROVISION_KEYS = ["how_much", "how_often", "who"];

// Does a line of provision say how much, how often and who? Patterns come from the spec (data, not code).
export function checkProvision(text, checks) {
  const out = {};
  for (const key of PROVISION_KEYS) {
    const check = checks[key];
    let evidence = "";
    for (const pattern of check.patterns) {
      const m = new RegExp(pattern, "i").exec(asText(text));
      if (m) {
        evidence = m[0];
        break;
      }
    }
    out[key] = { label: check.label, met: evidence !== "", evidence, message: evidence ? "" : check.missing };
  }
  return out;
}

function holderLabel(spec, id) {
  for (const h of spec.holders) if (h.id === id) return h.label;
  return String(id);
}

// Points for one piece and the explanation that reveals the answer (practice feedback).
function pieceVerdict(spec, piece, choice, holder) {
  const reason = piece.reason;
  if (piece.role === "piece") {
    const accepted = [piece.holder].concat(piece.also_accept || []);
    if (choice === "use" && accepted.includes(holder)) return [1, "Right: it belongs, held by " + holderLabel(spec, holder) + ". " + reason];
    if (choice === "use" && holder === "") {
      return [0.5, "It belongs, but you have not said who holds it: " + holderLabel(spec, piece.holder) + ". " + reason];
    }
    if (choice === "use") {
      return [0.5, "It belongs, but it is held by " + holderLabel(spec, piece.holder) + ", not " + holderLabel(spec, holder) + ". " + reason];
    }
    if (choice === "aside") return [0, "This piece belongs in the jigsaw. " + reason];
    return [0, "Not decided yet. This piece belongs in the jigsaw. " + reason];
  }
  if (choice === "aside") return [1, "Right to set it aside. " + reason];
  if (choice === "use") return [0, "This does not belong in the jigsaw. " + reason];
  return [0, "Not decided yet. This does not belong in the jigsaw. " + reason];
}

// The same verdict without the reason or the right holder (assessment feedback).
function pieceVerdictHidden(points, choice, holder) {
  if (choice === "") return "Not decided yet.";
  if (points === 1) return "Right.";
  if (points === 0.5 && holder === "") return "It belongs, but you have not said who holds it.";
  if (points === 0.5) return "It belongs, but the holder you chose is not the right one.";
  return "Not right.";
}

// Pieces first, then provision; with reveal === false no reason or right holder is given.
export function gradeJigsaw(spec, answers, reveal = true) {
  const chosen = asMap(asMap(answers).pieces);
  const written = asMap(asMap(answers).provision);
  const items = [];
  let score = 0;
  for (const piece of spec.pieces) {
    const ans = asMap(own(chosen, piece.id));
    const choice = asText(ans.choice);
    const holder = asText(ans.holder);
    const verdict = pieceVerdict(spec, piece, choice, holder);
    const points = verdict[0];
    const explanation = reveal ? verdict[1] : pieceVerdictHidden(points, choice, holder);
    score += points;
    items.push({ id: piece.id, part: "piece", given: choice, holder, correct: points === 1, points, explanation });
  }
  for (const piece of spec.pieces) {
    if (piece.role !== "piece") continue;
    const text = asText(own(written, piece.id));
    const checks = checkProvision(text, spec.provision_checks);
    const met = PROVISION_KEYS.filter((k) => checks[k].met);
    const points = met.length / PROVISION_KEYS.length;
    let explanation;
    if (text.trim() === "") explanation = "No provision written yet.";
    else if (met.length === PROVISION_KEYS.length) explanation = "It says how much, how often and who.";
    else explanation = PROVISION_KEYS.filter((k) => !checks[k].met).map((k) => checks[k].message).join(" ");
    score += points;
    items.push({ id: piece.id + "/provision", part: "provision", given: text, correct: points === 1, points, checks, explanation });
  }
  const max = spec.pieces.length + spec.pieces.filter((p) => p.role === "piece").length;
  return result(spec, items, score, max);
}

export const THREAD_COLUMNS = [["need", "needs"], ["outcome", "outcomes"], ["provision", "provision"]];

function cardText(part, column, id) {
  for (const card of part[column]) if (card.id === id) return card.text;
  return String(id);
}

// A point per link; with reveal === false the explanations and expected give no answer away.
export function gradeThread(spec, answers, reveal = true) {
  const links = asMap(asMap(answers).links);
  const items = [];
  let score = 0;
  for (const part of spec.parts) {
    const forCase = asMap(own(links, part.case));
    for (const link of part.links) {
      const row = asMap(own(forCase, link.aspiration));
      for (const [key, column] of THREAD_COLUMNS) {
        const given = asText(own(row, key));
        const expected = link[key] === null ? "missing" : link[key];
        const correct = given === expected;
        let explanation;
        if (!reveal) explanation = correct ? "Right." : given ? "Not right." : "Not chosen yet.";
        else if (correct && expected === "missing") explanation = "Right: nothing in the plan fills this link. " + link.why;
        else if (correct) explanation = "Right.";
        else if (expected === "missing") explanation = "Nothing in the plan fills this link: it is the missing one. " + link.why;
        else explanation = "The thread runs through: " + cardText(part, column, expected);
        const points = correct ? 1 : 0;
        score += points;
        items.push({ id: part.case + "/" + link.aspiration + "/" + key, given, expected: reveal ? expected : null, correct, points, explanation });
      }
    }
  }
  return result(spec, items, score, items.length);
}

export function grade(spec, answers, analyses, reveal = true) {
  if (spec.type === "sort") return gradeSort(spec, answers, reveal);
  if (spec.type === "fix") return gradeFix(spec, answers, analyses, reveal);
  if (spec.type === "jigsaw") return gradeJigsaw(spec, answers, reveal);
  if (spec.type === "thread") return gradeThread(spec, answers, reveal);
  throw new Error("no grading for exercise type " + spec.type);
}
