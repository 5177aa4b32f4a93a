// The outcome analyser in the browser: the same decision procedure as send_outcomes/analysis/statement.py,
// reading the same rules.json, so a learner gets the same verdict on the static site as in a notebook.
// tests/analyser/test_analyser_parity.py runs this module under node and compares every result with Python's.
//
// Parity notes (why the code looks the way it does):
// - Patterns are compiled without the "u" flag; Python compiles them with re.ASCII, so \b and \w agree.
//   A group flagged "i" is matched against the statement with only A-Z lowered (asciiLower), not with the
//   RegExp "i" flag, exactly as Python does; its patterns are written in lower case.
// - The prefix of max_chars is counted in code points, as Python's len() counts them.
// - Match positions are compared only with positions in the same string, so UTF-16 offsets here and
//   code-point offsets in Python give the same order.
// - The patterns of a group are joined into one alternation (one scan per group), and the word lists in
//   rules.words become Sets, looked up a token at a time, as in rules.py.

import { CRITERION_ENTRIES } from "./facts.js";

// The four SMART criteria this engine decides (person-centred is judged alongside them).
const CRITERIA = Object.freeze(CRITERION_ENTRIES.filter((c) => c.smart).map((c) => c.id));

function expand(pattern, lists) {
  return pattern.replace(/<<([a-z_]+)>>/g, (whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(lists, name)) {
      throw new Error("pattern " + JSON.stringify(pattern) + " names an unknown list <<" + name + ">>");
    }
    return "(?:" + lists[name].join("|") + ")";
  });
}

// One alternation for a group, the patterns that begin with \b under one shared \b, exactly as rules.py's
// join_patterns (it is faster in Python; here it keeps the order of alternatives, and so every match, the same).
function joinPatterns(parts) {
  const bounded = parts.filter((p) => p.startsWith("\\b")).map((p) => "(?:" + p.slice(2) + ")");
  const others = parts.filter((p) => !p.startsWith("\\b")).map((p) => "(?:" + p + ")");
  const joined = (bounded.length ? ["\\b(?:" + bounded.join("|") + ")"] : []).concat(others);
  return joined.join("|");
}

// The learned half (model.json, fitted by send_outcomes/analysis/fit.py), read as model.py reads it.
const GROUPS = ["future", "time_lead", "aspiration", "provision", "provider"];
// The plan sections a statement can sit in (model.py SECTIONS); the checker offers them too.
export const SECTIONS = "ABCDEFGHIJK";
const TEXT_FEATURES = ["w:", "b:", "f:", "f2:"];

// With no fitted model (rules.json alone) the rules decide: each rule kind's feature points to that kind.
const RULES_ONLY = {
  kinds: ["aspiration", "need", "provision", "target", "outcome"], criteria: [], bias: [0, 0, 0, 0, 0],
  scale: 100, max_words: 0, confident: 0, word: "[a-z0-9]+",
  weights: Object.fromEntries(["aspiration", "need", "provision", "target", "outcome"].map(
    (k, i) => ["k:" + k, [0, 0, 0, 0, 0].map((_, j) => (i === j ? 1000 : 0))])),
};

export function compileModel(model) {
  const weights = new Map(Object.entries(model.weights));
  const form = model.form || null;
  const sets = {};
  if (form) for (const k of Object.keys(form)) if (k !== "name") sets[k] = new Set(form[k]);
  return {
    raw: model, kinds: model.kinds, criteria: model.criteria, bias: model.bias, weights,
    scale: model.scale, maxWords: model.max_words, confident: model.confident, word: new RegExp(model.word, "g"),
    groups: model.groups || GROUPS, ends: Boolean(model.ends), sectionWords: Boolean(model.section_words),
    form: form ? sets : null, name: form ? new RegExp(form.name) : null,
    char: model.char || 0, charN: model.char_n || [3, 5], charCache: new Map(),
    company: model.company || null,
  };
}

// Character n-grams, as model.py makes them: 32-bit FNV-1a of the code points, modulo the buckets.
const CACHE_LIMIT = 50000;

function fnv1a(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul((h ^ ch.codePointAt(0)) >>> 0, 16777619) >>> 0;
  return h;
}

function wordGrams(word, char, charN) {
  const padded = [..." " + word + " "];
  const seen = new Set();
  for (let n = charN[0]; n <= charN[1]; n += 1) {
    for (let i = 0; i + n <= padded.length; i += 1) seen.add(fnv1a(padded.slice(i, i + n).join("")) % char);
  }
  return [...seen].map((b) => "g:" + b);
}

// For each distinct word, the sum of its n-gram buckets' rows, added to total (a bounded cache by word).
function addCharRows(model, words, total) {
  if (!model.char) return;
  const cache = model.charCache;
  for (const w of new Set(words)) {
    let row = cache.get(w);
    if (row === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      row = null;
      for (const g of wordGrams(w, model.char, model.charN)) {
        const r = model.weights.get(g);
        if (r === undefined) continue;
        if (row === null) row = r.slice();
        else for (let i = 0; i < row.length; i += 1) row[i] += r[i];
      }
      cache.set(w, row);
    }
    if (row !== null) for (let i = 0; i < total.length; i += 1) total[i] += row[i];
  }
}

function formFeatures(model, words, s) {
  const form = model.form;
  if (form === null || !words.length) return [];
  const out = [];
  if (words[0] === "to") out.push("F:to");
  const i = form.skip.has(words[0]) && words.length > 1 ? 1 : 0;
  if (form.self.has(words[i])) out.push("F:self");
  else if (form.adult.has(words[i])) out.push("F:adult");
  else if (model.name.test(s) && !form.not_names.has(words[0])) out.push("F:name");
  if (!words.some((w) => form.verbs.has(w))) out.push("F:noverb");
  return out;
}

function cleanSection(section) {
  if (typeof section !== "string") return null;
  const s = section.replace(/^\s+|\s+$/g, "").toUpperCase();
  return s.length === 1 && SECTIONS.includes(s) ? s : null;
}

function lengthBucket(n) {
  return n === 0 ? "0" : n <= 3 ? "1" : n <= 6 ? "2" : n <= 12 ? "3" : n <= 25 ? "4" : "5";
}

// The first `limit` non-empty matches of a global pattern from `pos`, each as [text, start, end]: the
// words the model reads and the tokens the head search reads are both found this way.
function spans(re, low, pos, limit) {
  const out = [];
  re.lastIndex = pos;
  let m;
  while ((m = re.exec(low)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    out.push([m[0], m.index, m.index + m[0].length]);
    if (out.length >= limit) break;
  }
  return out;
}

function wordSpans(model, low) {
  return spans(model.word, low, 0, model.maxWords);
}

function textFeatures(words, ends) {
  const out = ["n:" + lengthBucket(words.length)];
  const n = words.length;
  if (n) {
    out.push("f:" + words[0]);
    out.push("fx:" + words[0].slice(-3));
    if (n > 1) out.push("f2:" + words[0] + " " + words[1]);
    if (ends) {
      out.push("l:" + words[n - 1]);
      if (n > 1) out.push("l2:" + words[n - 2] + " " + words[n - 1]);
    }
  }
  let prev = "";
  for (const w of words) {
    out.push("w:" + w);
    if (prev) out.push("b:" + prev + " " + w);
    prev = w;
  }
  return out;
}

function kindFeatures(model, ruleKind, groups, section, words, s) {
  const out = ["k:" + ruleKind];
  for (const g of groups) out.push("r:" + g);
  if (section !== null) {
    out.push("s:" + section);
    out.push("sk:" + section + ruleKind);
    if (model.sectionWords) for (const w of words) out.push("sw:" + section + " " + w);
  }
  return out.concat(textFeatures(words, model.ends), formFeatures(model, words, s));
}

function criteriaFeatures(kind, verdict, detail, values) {
  const out = ["K:" + kind, "h:" + verdict + (detail ? "+" : "-")];
  for (const c of Object.keys(values)) out.push("c:" + c + (values[c] ? "1" : "0"));
  return out;
}

// The bias (or start) plus the row of every known feature, each feature once; integers, so order is free.
function sums(model, features, start) {
  const total = (start || model.bias).slice();
  for (const f of new Set(features)) {
    const row = model.weights.get(f);
    if (row === undefined) continue;
    for (let i = 0; i < total.length; i += 1) total[i] += row[i];
  }
  return total;
}

function round2(x) {
  return Math.floor(x * 100 + 0.5) / 100;
}

function bestKind(total, n) {
  let best = 0;
  for (let i = 1; i < n; i += 1) if (total[i] > total[best]) best = i;
  return best;
}

// The kinds' scores in company (units of scale squared), as model.py's company_scores: null when there is no
// company model or fewer than `min` other statements (counts: how many of them read as each kind).
function companyScores(model, total, counts) {
  const c = model.company;
  if (!c || !counts) return null;
  const n = model.kinds.length;
  let others = 0;
  for (const k of counts) others += k;
  if (others < c.min) return null;
  // a confident verdict stands, whatever list it is in (model.py's unsure)
  if (c.unsure !== undefined && decideKind(model, total)[2] >= c.unsure) return null;
  let top = total[0];
  for (let i = 1; i < n; i += 1) if (total[i] > top) top = total[i];
  const floor = -c.clip * model.scale;
  const shifts = [];
  for (let i = 0; i < n; i += 1) shifts.push(Math.max(total[i] - top, floor));
  const shares = model.kinds.map((k, i) => k + ":" + Math.min(c.buckets - 1, Math.floor((counts[i] * c.buckets) / others)));
  const out = [];
  for (let k = 0; k < n; k += 1) {
    let z = 0;
    for (let j = 0; j < n; j += 1) z += c.scores[k][j] * shifts[j];
    let w = c.bias[k];
    for (const f of shares) if (c.shares[f]) w += c.shares[f][k];
    out.push(z + model.scale * w);
  }
  return out;
}

function decideKind(model, total, scale = model.scale) {
  const n = model.kinds.length;
  const best = bestKind(total, n);
  let second = best === 0 ? 1 : 0;
  for (let i = 0; i < n; i += 1) if (i !== best && total[i] > total[second]) second = i;
  const top = total[best];
  let z = 0;
  for (let i = 0; i < n; i += 1) z += Math.exp((total[i] - top) / scale);
  return [best, second, round2(1 / z)];
}

function contributions(model, features, column, against, sign) {
  const out = [];
  for (const f of new Set(features)) {
    const row = model.weights.get(f);
    if (row === undefined || !TEXT_FEATURES.some((p) => f.startsWith(p))) continue;
    const c = sign * (row[column] - (against === null ? 0 : row[against]));
    if (c > 0) out.push([c, f]);
  }
  out.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return out;
}

function featureSpan(spans, feature) {
  const want = feature.slice(feature.indexOf(":") + 1).split(" ");
  const n = want.length;
  if (feature.startsWith("f:") || feature.startsWith("f2:")) {
    return spans.length >= n ? [spans[0][1], spans[n - 1][2]] : null;
  }
  const last = spans.length - n;
  for (let i = 0; i < spans.length; i += 1) {
    if (i > last) break;
    if (spans[i][0] === want[0] && (n === 1 || spans[i + 1][0] === want[1])) return [spans[i][1], spans[i + n - 1][2]];
  }
  return null;
}

// Compile parsed rules.json once (with model.json, or the "model" the site's rules.json carries); pass the
// result to analyse().
export function compileRules(rules, model = rules.model) {
  const groups = {};
  const first = {};
  const words = {};
  for (const [name, list] of Object.entries(rules.words)) words[name] = new Set(list);
  const filters = {};
  for (const [name, spec] of Object.entries(rules.groups)) {
    const source = joinPatterns(spec.patterns.map((p) => expand(p, rules.lists)));
    groups[name] = new RegExp(source, "g");
    first[name] = new RegExp(source);
    if (spec.words) filters[name] = words[spec.words];
  }
  const lowered = new Set(Object.keys(rules.groups).filter((name) => (rules.groups[name].flags || "").includes("i")));
  const norm = rules.normalise;
  return {
    raw: rules,
    groups,
    first,
    filters,
    lowered,
    words,
    head: rules.head,
    token: new RegExp(norm.token, "g"),
    whitespace: new RegExp(norm.whitespace, "g"),
    apostrophes: new RegExp(norm.apostrophes, "g"),
    dashes: new RegExp(norm.dashes, "g"),
    model: compileModel(model || RULES_ONLY),
  };
}

function asText(text) {
  if (text === null || text === undefined) return "";
  return typeof text === "string" ? text : String(text);
}

// The first n code points of text, and whether anything was cut off.
function prefix(text, n) {
  let i = 0;
  let count = 0;
  while (i < text.length && count < n) {
    const c = text.codePointAt(i);
    i += c > 0xffff ? 2 : 1;
    count += 1;
  }
  return [text.slice(0, i), i < text.length];
}

function stripSpaces(s) {
  return s.replace(/^ +/, "").replace(/ +$/, "");
}

function normalise(s, compiled) {
  let out = s.replace(compiled.apostrophes, "'");
  out = out.replace(compiled.dashes, "-");
  out = out.replace(compiled.whitespace, " ");
  return stripSpaces(out);
}

// A-Z to a-z and nothing else (toLowerCase alone would change other letters, and lengths).
function asciiLower(s) {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

// Every non-empty match, in reading order; with a word set, only matches whose first captured word is in it.
function spansOf(re, s, allowed) {
  const out = [];
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(s)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    if (allowed === undefined || allowed.has(m[1])) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function merged(source, spans, limit) {
  const out = [];
  let cur = null;
  for (const [a, b] of spans) {
    if (cur !== null && a <= cur[1]) {
      cur[1] = Math.max(cur[1], b);
      continue;
    }
    if (cur !== null) out.push(source.slice(cur[0], cur[1]));
    cur = [a, b];
  }
  if (cur !== null) out.push(source.slice(cur[0], cur[1]));
  const unique = [];
  for (const raw of out) {
    const e = stripSpaces(raw);
    if (e && !unique.includes(e)) unique.push(e);
  }
  return unique.slice(0, limit);
}

function bySpan(x, y) {
  return x[0] - y[0] || x[1] - y[1];
}

function makeReader(compiled, s) {
  const spanCache = {};
  const firstCache = {};
  const maxEvidence = compiled.raw.max_evidence;
  const low = asciiLower(s);
  const on = (g) => (compiled.lowered.has(g) ? low : s);
  const spans = (g) => {
    if (!(g in spanCache)) spanCache[g] = spansOf(compiled.groups[g], on(g), compiled.filters[g]);
    return spanCache[g];
  };
  const first = (g) => {
    if (!(g in firstCache)) {
      if (g in spanCache || g in compiled.filters) {
        spans(g);
        firstCache[g] = spanCache[g].length ? spanCache[g][0][0] : null;
      } else {
        const m = compiled.first[g].exec(on(g));
        if (m !== null && m[0].length === 0) {
          const found = spans(g);
          firstCache[g] = found.length ? found[0][0] : null;
        } else {
          firstCache[g] = m !== null ? m.index : null;
        }
      }
    }
    return firstCache[g];
  };
  const has = (g) => first(g) !== null;
  const marker = () => {
    let best = null;
    for (const g of ["future", "time_lead"]) {
      if (first(g) === null) continue;
      const span = spans(g)[0];
      if (best === null || span[0] < best[0]) best = span;
    }
    return best;
  };
  const evidence = (...groups) => {
    const list = [];
    for (const g of groups) list.push(...spans(g));
    list.sort(bySpan);
    return merged(s, list, maxEvidence);
  };
  return { s, low, compiled, spans, has, first, marker, evidence };
}

// At most head.max_tokens tokens from pos: the head and its clause are always near the marker.
function tokens(compiled, low, pos) {
  return spans(compiled.token, low, pos, compiled.head.max_tokens);
}

function isWord(tok) {
  return /^[a-z0-9]/.test(tok);
}

// The index of the head word: the first token after the marker that is not a helper word.
function headIndex(compiled, toks) {
  const w = compiled.words;
  const n = toks.length;
  let i = 0;
  for (let k = 0; k < compiled.head.skip_limit; k += 1) {
    if (i >= n) return null;
    const t = toks[i][0];
    const nxt = i + 1 < n ? toks[i + 1][0] : "";
    if (w.skip.has(t) || (t.length > 4 && t.endsWith("ly") && !w.ly_verbs.has(t))) {
      i += 1;
    } else if (w.skip_to.has(t) && nxt === "to") {
      i += 2;
    } else if ((t === "be" && (w.be_skip.has(nxt) || (nxt.length > 4 && nxt.endsWith("ing"))))
      || ((t === "have" || t === "has") && (nxt.endsWith("ed") || w.participles.has(nxt)))) {
      i += 1;
    } else {
      break;
    }
  }
  if (i < n && isWord(toks[i][0])) return i;
  return null;
}

// "action", or why not: "vague" (vague verb, abstract object) or "state" (be, feel, get upset).
function headVerdict(compiled, toks, i) {
  const w = compiled.words;
  const n = toks.length;
  const t = toks[i][0];
  const nxt = i + 1 < n ? toks[i + 1][0] : "";
  if (w.vague_verbs.has(t) || w.vague_verbs.has(t + " " + nxt)) return "vague";
  if (w.link_verbs.has(t)) return "state";
  const windowSize = compiled.head.object_window;
  let j;
  if (w.state_verbs.has(t)) {
    j = i + 1;
    while (j < n && j - i <= windowSize && w.intensifiers.has(toks[j][0])) j += 1;
    if (j < n && w.states.has(toks[j][0])) return "state";
  }
  j = i + 1;
  while (j < n && j - i <= windowSize && w.determiners.has(toks[j][0])) j += 1;
  while (j < n && j - i <= windowSize + 2) {
    const tj = toks[j][0];
    if (!w.modifiers.has(tj) && !w.abstract.has(tj)) break;
    const after = j + 1 < n ? toks[j + 1][0] : "";
    const ends = !w.modifiers.has(after) && !w.abstract.has(after);
    if (w.abstract.has(tj) && !w.compound_heads.has(after) && ends) return "vague";
    j += 1;
  }
  return "action";
}

// What the child is asked to do, and the marker up to the end of the head word (the kind's evidence).
function headOf(r) {
  const none = { verdict: "none", span: null, detail: false };
  // an infinitive stub ("To learn the digraphs sh, ch and th") leads to the head as "will" does (criteria only)
  const mark = r.marker() || r.spans("infinitive")[0] || null;
  if (mark === null) return [none, null];
  const toks = tokens(r.compiled, r.low, mark[1]);
  const i = headIndex(r.compiled, toks);
  if (i === null) return [none, mark];
  const verdict = headVerdict(r.compiled, toks, i);
  let end = toks[i][2];
  const candidates = [];
  for (const [t, a, b] of toks.slice(i + 1, i + 1 + r.compiled.head.detail_words)) {
    if (!isWord(t)) break;
    end = b;
    if (!r.compiled.words.non_detail.has(t)) candidates.push([a, b]);
  }
  // a deadline is the time-bound criterion, not a detail: "read well by Christmas" names no detail
  const frames = candidates.length ? r.spans("time_long").concat(r.spans("time_short")) : [];
  const detail = candidates.some(([a, b]) => !frames.some(([fa, fb]) => fa <= a && b <= fb));
  return [{ verdict, span: [toks[i][1], end], detail }, [mark[0], toks[i][2]]];
}

function words(evidence) {
  return evidence.map((e) => "'" + e + "'").join(", ");
}

function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function fill(template, evidence, n) {
  // {n} first, so that learner text shown as evidence is never itself filled in
  return template.split("{n}").join(thousands(n || 0)).split("{words}").join(words(evidence || []));
}

function feedback(criterion, met, evidence, message) {
  return { criterion, met, evidence, message };
}

// The kind, and the groups whose words show it (read only if the rules' kind is kept; for an outcome the
// words are found later, with the head word).
function kindOf(r) {
  let fut = r.first("future");
  const firstLead = r.first("time_lead");
  if (firstLead !== null && (fut === null || firstLead < fut)) fut = firstLead;
  const asp = r.first("aspiration");
  if (asp !== null && (fut === null || asp < fut)) return ["aspiration", ["aspiration"]];
  if (fut === null) {
    if (r.has("provision") || r.has("provider")) return ["provision", ["provision", "provider"]];
    if (r.has("need")) return ["need", ["need"]];
    // no verb about the child and no difficulty: a list of support ("Priority seating near the front")
    if (r.has("support")) return ["provision", ["support"]];
    return ["need", []];
  }
  if (r.has("negated")) {
    const need = r.first("need");
    if (need !== null && need < fut) {
      // "Rosa is frightened of dogs and will not walk past the park": what the child does now
      return ["need", ["need"]];
    }
  }
  if (r.has("provision") || r.has("provider")) return ["provision", ["provision", "provider"]];
  if (!r.has("time_long") && (r.has("time_short") || r.has("trial_count"))) {
    return ["target", ["time_short", "trial_count"]];
  }
  return ["outcome", []];
}

function criteriaOf(r, head, m) {
  const out = [];
  const action = head.verdict === "action";
  const headWords = merged(r.s, head.span ? [head.span] : [], 1);
  const vagueHead = head.verdict === "vague" || head.verdict === "state";
  let ev;

  const specific = action && head.detail;
  if (specific) {
    out.push(feedback("specific", true, headWords, fill(m.specific.met, headWords)));
  } else {
    ev = vagueHead ? headWords : r.evidence("vague");
    out.push(feedback("specific", false, ev, fill(m.specific[ev.length ? "missed_vague" : "missed"], ev)));
  }

  // an action is enough, so the counts are looked for only when there is none
  const measurable = action || r.has("count");
  if (measurable) {
    ev = action ? headWords : r.evidence("count");
    out.push(feedback("measurable", true, ev, fill(m.measurable.met, ev)));
  } else {
    ev = vagueHead ? headWords : r.evidence("vague");
    out.push(feedback("measurable", false, ev, fill(m.measurable[ev.length ? "missed_vague" : "missed"], ev)));
  }

  const achievable = !r.has("absolute");
  ev = achievable ? [] : r.evidence("absolute");
  out.push(feedback("achievable", achievable, ev, fill(m.achievable[achievable ? "met" : "missed"], ev)));

  const timeBound = r.has("time_long") || r.has("time_short");
  ev = timeBound ? r.evidence("time_long", "time_short") : [];
  out.push(feedback("time_bound", timeBound, ev, fill(m.time_bound[timeBound ? "met" : "missed"], ev)));

  const service = r.has("service");
  const person = r.has("person") && !service;
  if (person) {
    ev = r.evidence("person");
    out.push(feedback("person_centred", true, ev, fill(m.person_centred.met, ev)));
  } else if (service) {
    ev = r.evidence("service");
    out.push(feedback("person_centred", false, ev, fill(m.person_centred.missed_service, ev)));
  } else {
    out.push(feedback("person_centred", false, [], fill(m.person_centred.missed, [])));
  }
  const smart = { specific, measurable, achievable, time_bound: timeBound };
  return [smart, person, out];
}

function learnedEvidence(r, model, features, column, against, sign) {
  const spans = [];
  const limit = r.compiled.raw.max_evidence;
  const skip = r.compiled.words.evidence_skip;
  // words that carry no meaning alone ("a", "by") are weighed, but never shown as the reason
  const shown = contributions(model, features, column, against, sign)
    .map((x) => x[1])
    .filter((f) => !f.slice(f.indexOf(":") + 1).split(" ").every((w) => skip.has(w)));
  for (const f of shown.slice(0, limit)) {
    const span = featureSpan(r.words || (r.words = wordSpans(model, r.low)), f);
    if (span !== null) spans.push(span);
  }
  spans.sort(bySpan);
  return merged(r.s, spans, limit);
}

function question(m, kind, other) {
  const pair = [kind, other].sort().join("|");
  const q = m.question[pair] || m.question.any;
  return q.split("{kind}").join(kind).split("{other}").join(other);
}

const FIVE = Object.freeze(CRITERION_ENTRIES.map((c) => c.id));

// Classify and check one statement: the same object as Python's analyse(text, section=...).to_dict().
// options.section: the plan section letter ("A" to "K") the statement sits in, when it is known;
// options.company: when it is one of a list, how many of the others read as each kind (analyseAll counts them).
// Never throws.
export function analyse(text, compiled, options = {}) {
  const o = options || {};
  return judge(readOne(text, compiled, o.section), compiled, o.company || null);
}

// A statement read once, up to its kind scores alone (Python's _read): what judge() decides from, and what
// analyseAll reads every statement of a list to first, so that no statement is read twice.
function readOne(text, compiled, section) {
  const original = asText(text);
  const limit = compiled.raw.max_chars;
  const model = compiled.model;
  const [head, truncated] = prefix(original, limit);
  const s = normalise(head, compiled);
  const tail = truncated ? [feedback("length", false, [], fill(compiled.raw.messages.length, [], limit))] : [];
  if (!s) return { original, tail, r: null };
  const r = makeReader(compiled, s);
  const [ruleKind, shownBy] = kindOf(r);
  const groups = model.groups.filter((g) => r.has(g));
  const words = (r.low.match(model.word) || []).slice(0, model.maxWords);
  const features = kindFeatures(model, ruleKind, groups, cleanSection(section), words, r.s);
  const total = sums(model, features);
  addCharRows(model, words, total);
  return { original, tail, r, ruleKind, shownBy, features, total };
}

// The verdict on a statement read by readOne (Python's _judge), in `company` when it is given.
function judge(read, compiled, company) {
  const { original, tail, r, ruleKind, shownBy, features, total } = read;
  const m = compiled.raw.messages;
  const model = compiled.model;
  if (r === null) {
    const smart = {};
    for (const c of CRITERIA) smart[c] = false;
    return { text: original, kind: "outcome", smart, person_centred: false,
      feedback: [feedback("text", false, [], m.empty), ...tail], confidence: 0 };
  }
  let [best, second, confidence] = decideKind(model, total);
  const alone = model.kinds[best];
  const together = companyScores(model, total, company);
  if (together !== null) [best, second, confidence] = decideKind(model, together, model.scale * model.scale);
  const kind = model.kinds[best];
  const met = kind === "outcome" || kind === "target";
  const said = kind === alone ? "" : " " + m.company.split("{n}").join(String(company.reduce((a, b) => a + b, 0))).split("{alone}").join(alone);
  let kindEv;
  if (kind !== ruleKind) kindEv = learnedEvidence(r, model, features, best, model.kinds.indexOf(ruleKind), 1);
  else kindEv = shownBy.length ? r.evidence(...shownBy) : [];
  const ask = confidence < model.confident ? " " + question(m, kind, model.kinds[second]) : "";
  if (!met) {
    const template = kindEv.length || kind !== "need" ? m.kind[kind] : m.kind.need_unmarked;
    return { text: original, kind, smart: null, person_centred: null,
      feedback: [feedback("kind", false, kindEv, fill(template, kindEv) + said + ask), ...tail], confidence };
  }
  // the head word is read only for outcomes and targets
  const [found, lead] = headOf(r);
  const [smart, person, criteria] = criteriaOf(r, found, m);
  const values = { ...smart, person_centred: person };
  const extra = criteriaFeatures(kind, found.verdict, found.detail, values);
  // the marker up to the head word: "will walk", "By the end of Year 9, I am choosing"
  if (kind === "outcome" && lead) kindEv = merged(r.s, [lead], compiled.raw.max_evidence);
  const first = feedback("kind", true, kindEv, fill(m.kind[kind], kindEv) + said + ask);
  const scores = sums(model, extra, total);
  const n = model.kinds.length;
  const out = criteria.slice();
  model.criteria.forEach((c, j) => {
    const decided = scores[n + j] > 0;
    if (decided === values[c]) return;
    values[c] = decided;
    const ev = learnedEvidence(r, model, features.concat(extra), n + j, null, decided ? 1 : -1);
    const msg = m.learned[c][decided ? "met" : "missed"];
    out[FIVE.indexOf(c)] = feedback(c, decided, ev, msg + (ev.length ? fill(m.learned.decided, ev) : ""));
  });
  const outSmart = {};
  for (const c of CRITERIA) outSmart[c] = values[c];
  return { text: original, kind, smart: outSmart, person_centred: values.person_centred,
    feedback: [first, ...out, ...tail], confidence };
}

// Classify and check the statements of one list together, as Python's analyse_all: each is read on its own,
// then again in the company of what the others were read as (a list shows what kind of document it is).
// options.sections: each statement's plan section, when known. Returns one result per text.
export function analyseAll(texts, compiled, options = {}) {
  const n = compiled.model.kinds.length;
  const sections = (options || {}).sections || null;
  const reads = texts.map((t, i) => readOne(t, compiled, sections ? sections[i] : null));
  const kinds = reads.map((x) => (x.r === null ? null : bestKind(x.total, n)));
  const counts = new Array(n).fill(0);
  for (const k of kinds) if (k !== null) counts[k] += 1;
  return reads.map((x, i) => {
    const mine = kinds[i] === null ? null : counts.slice();
    if (mine !== null) mine[kinds[i]] -= 1;
    return judge(x, compiled, mine);
  });
}
