// The outcome analyser in the browser: the same decision procedure as send_outcomes/analysis/statement.py,
// reading the same rules.json, so a learner gets the same verdict on the static site as in a notebook.
// tests/test_analyser_parity.py runs this module under node and compares every result with Python's.
//
// Parity notes (why the code looks the way it does):
// - Patterns are compiled without the "u" flag; Python compiles them with re.ASCII, so \b and \w agree.
//   A group flagged "i" is matched against the statement with only A-Z lowered (asciiLower), not with the
//   RegExp "i" flag, exactly as Python does; its patterns are written in lower case.
// - The prefix of max_chars is counted in code points, as Python's len() counts them.
// - Match positions are compared only with positions in the same string, so UTF-16 offsets here and
//   code-point offsets in Python give the same order.

const CRITERIA = ["specific", "measurable", "achievable", "time_bound"];
const STRIPPED_GROUPS = ["action", "action_detail"];

function expand(pattern, lists) {
  return pattern.replace(/<<([a-z_]+)>>/g, (whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(lists, name)) {
      throw new Error("pattern " + JSON.stringify(pattern) + " names an unknown list <<" + name + ">>");
    }
    return "(?:" + lists[name].join("|") + ")";
  });
}

// Compile parsed rules.json once; pass the result to analyse().
export function compileRules(rules) {
  const groups = {};
  for (const [name, spec] of Object.entries(rules.groups)) {
    groups[name] = spec.patterns.map((p) => new RegExp(expand(p, rules.lists), "g"));
  }
  const lowered = Object.keys(rules.groups).filter((name) => (rules.groups[name].flags || "").includes("i"));
  const norm = rules.normalise;
  return {
    raw: rules,
    groups,
    lowered,
    whitespace: new RegExp(norm.whitespace, "g"),
    apostrophes: new RegExp(norm.apostrophes, "g"),
    dashes: new RegExp(norm.dashes, "g"),
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

function replaceSpans(text, spans) {
  let out = "";
  let at = 0;
  for (const [a, b] of spans) {
    out += text.slice(at, a) + " ";
    at = b;
  }
  return out + text.slice(at);
}

// Take out vague phrases and service clauses (each becomes one space), found in the lowered text.
function strip(s, low, patterns) {
  for (const p of patterns) {
    const spans = spansOf([p], low);
    if (spans.length) {
      s = replaceSpans(s, spans);
      low = replaceSpans(low, spans);
    }
  }
  return [s, low];
}

function spansOf(patterns, s) {
  const out = [];
  for (const p of patterns) {
    for (const m of s.matchAll(p)) {
      if (m[0].length > 0) out.push([m.index, m.index + m[0].length]);
    }
  }
  return out;
}

function makeReader(compiled, s) {
  const cache = {};
  const maxEvidence = compiled.raw.max_evidence;
  const low = asciiLower(s);
  const [stripped, strippedLow] = strip(s, low, compiled.groups.strip);
  const isStripped = (g) => STRIPPED_GROUPS.includes(g);
  const spans = (g) => {
    if (!(g in cache)) {
      const lower = compiled.lowered.includes(g);
      const on = isStripped(g) ? (lower ? strippedLow : stripped) : (lower ? low : s);
      cache[g] = spansOf(compiled.groups[g], on);
    }
    return cache[g];
  };
  const has = (g) => spans(g).length > 0;
  const first = (g) => {
    const found = spans(g);
    if (!found.length) return null;
    let min = found[0][0];
    for (const [a] of found) if (a < min) min = a;
    return min;
  };
  const evidence = (...groups) => {
    const out = [];
    for (const wantStripped of [false, true]) {
      const source = wantStripped ? stripped : s;
      const list = [];
      for (const g of groups) if (isStripped(g) === wantStripped) list.push(...spans(g));
      list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      let cur = null;
      for (const [a, b] of list) {
        if (cur !== null && a <= cur[1]) {
          cur[1] = Math.max(cur[1], b);
          continue;
        }
        if (cur !== null) out.push(source.slice(cur[0], cur[1]));
        cur = [a, b];
      }
      if (cur !== null) out.push(source.slice(cur[0], cur[1]));
    }
    const unique = [];
    for (const raw of out) {
      const e = stripSpaces(raw);
      if (e && !unique.includes(e)) unique.push(e);
    }
    return unique.slice(0, maxEvidence);
  };
  return { spans, has, first, evidence };
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

function kindOf(r) {
  let fut = r.first("future");
  const lead = r.first("time_lead");
  if (lead !== null && (fut === null || lead < fut)) fut = lead;
  const asp = r.first("aspiration");
  if (asp !== null && (fut === null || asp < fut)) return ["aspiration", r.evidence("aspiration")];
  if (fut === null) {
    if (r.has("provision")) return ["provision", r.evidence("provision")];
    return ["need", r.evidence("need")];
  }
  if (r.has("provision")) return ["provision", r.evidence("provision")];
  if (!r.has("time_long") && (r.has("time_short") || r.has("trial_count"))) {
    return ["target", r.evidence("time_short", "trial_count")];
  }
  return ["outcome", r.evidence("future", "time_lead")];
}

function criteriaOf(r, m) {
  const out = [];
  let ev;

  const specific = r.has("action_detail");
  if (specific) {
    ev = r.evidence("action_detail");
    out.push(feedback("specific", true, ev, fill(m.specific.met, ev)));
  } else {
    ev = r.evidence("vague");
    out.push(feedback("specific", false, ev, fill(m.specific[ev.length ? "missed_vague" : "missed"], ev)));
  }

  const measurable = r.has("action") || r.has("count");
  if (measurable) {
    ev = r.evidence("action", "count");
    out.push(feedback("measurable", true, ev, fill(m.measurable.met, ev)));
  } else {
    ev = r.evidence("vague");
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

// Classify and check one statement: the same object as Python's analyse(text).to_dict(). Never throws.
export function analyse(text, compiled) {
  const original = asText(text);
  const limit = compiled.raw.max_chars;
  const m = compiled.raw.messages;
  const [head, truncated] = prefix(original, limit);
  const s = normalise(head, compiled);
  const tail = truncated ? [feedback("length", false, [], fill(m.length, [], limit))] : [];
  if (!s) {
    const smart = {};
    for (const c of CRITERIA) smart[c] = false;
    return { text: original, kind: "outcome", smart, person_centred: false,
      feedback: [feedback("text", false, [], m.empty), ...tail] };
  }
  const r = makeReader(compiled, s);
  const [kind, kindEv] = kindOf(r);
  const met = kind === "outcome" || kind === "target";
  const template = kindEv.length || kind !== "need" ? m.kind[kind] : m.kind.need_unmarked;
  const first = feedback("kind", met, kindEv, fill(template, kindEv));
  if (!met) return { text: original, kind, smart: null, person_centred: null, feedback: [first, ...tail] };
  const [smart, person, criteria] = criteriaOf(r, m);
  return { text: original, kind, smart, person_centred: person, feedback: [first, ...criteria, ...tail] };
}
