// Read a whole plan in the browser: a Word .docx, a PDF's text layer or pasted text, into the same blocks,
// sections, items and links as send_outcomes/plans (Python). The rules are the same, in the same order, and
// the names templates use come from the same data file (data/plan/reading.json), so both give one answer;
// a browser test compares them on every example plan.
//
// Nothing is sent anywhere: the file is read in the page (a small zip reader using the browser's own
// DecompressionStream, and DOMParser for Word's XML; pdf.js for PDFs, loaded only when a PDF is chosen).
// Every limit of the Python reader applies before anything is unpacked.

export const LIMITS = { bytes: 20000000, entries: 1000, unzipped: 100000000, blocks: 20000, lines: 20000, pages: 300 };
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
// The same line breaks as Python's str.splitlines (three of them are ASCII control characters), so line
// numbers agree with the Python readers.
// eslint-disable-next-line no-control-regex -- the file, group and record separators are line breaks to Python
const LINE_BREAK = /\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]/;

// Text split into lines exactly as Python's str.splitlines does (a final empty line is dropped).
export function splitLines(text) {
  const all = String(text).split(LINE_BREAK);
  if (all.length && all[all.length - 1] === "") all.pop();
  return all;
}
const MARKER_ONLY = /^(?:[\u2022\u00b7\u25cf\u25aa\u2013\uf0b7\uf0a7\-*]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)])$/i;
const SAME_LINE = 2.0;
const COLUMN = 3.0;

export class ReadError extends Error {}

const cache = new Map();
export function rx(source) {
  if (!cache.has(source)) cache.set(source, new RegExp(source, "i"));
  return cache.get(source);
}
export function anyMatch(sources, text) {
  for (const s of sources) {
    const m = rx(s).exec(text);
    if (m) return m;
  }
  return null;
}

// Whitespace folded to single spaces; line breaks kept between non-empty lines.
export function clean(text) {
  return String(text).replace(/\r/g, "\n").split("\n").map((l) => l.split(/\s+/).filter(Boolean).join(" ")).filter(Boolean).join("\n");
}
function words(s) {
  return s.split(/\s+/).filter(Boolean).join(" ");
}
function isLowerStart(s) {
  const c = s.charAt(0);
  return c !== "" && c !== c.toUpperCase() && c === c.toLowerCase();
}
function block(kind, text, cells, table) {
  return kind === "row" ? { kind, text, cells, table } : { kind, text };
}

// ---- text ----
const MD_HEADING = /^#{1,6}\s+/;
const MD_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

function unquote(cell) {
  let c = cell.trim();
  if (c.length >= 2 && c.startsWith('"') && c.endsWith('"')) c = c.slice(1, -1).replace(/""/g, '"');
  return c;
}
function count(s, ch) {
  return s.split(ch).length - 1;
}
function joinedQuoted(lines) {
  const out = [];
  let pending = null;
  for (const line of lines) {
    if (pending !== null) {
      pending += "\n" + line;
      if (count(pending, '"') % 2 === 0) {
        out.push(pending);
        pending = null;
      }
      continue;
    }
    if (line.includes("\t") && count(line, '"') % 2 === 1) {
      pending = line;
      continue;
    }
    out.push(line);
  }
  if (pending !== null) out.push(pending);
  return out;
}
function cellsOf(line) {
  let cells;
  if (line.includes("\t")) cells = line.split("\t").map((c) => clean(unquote(c)));
  else if (line.startsWith("|") && count(line, "|") >= 2) cells = line.trim().replace(/^\|+|\|+$/g, "").split("|").map(clean);
  else return null;
  return cells.filter(Boolean).length >= 2 ? cells : null;
}
function rstrip(s) {
  return s.replace(/\s+$/, "");
}

export function blocksFromText(text, reading) {
  const all = splitLines(text);
  const marker = rx(reading.list_marker);
  const out = [];
  let table = -1;
  let inTable = false;
  let afterBlank = true;
  for (const raw of joinedQuoted(all.slice(0, LIMITS.lines))) {
    const line = rstrip(raw);
    if (!line.trim()) {
      inTable = false;
      afterBlank = true;
      continue;
    }
    const fresh = afterBlank;
    afterBlank = false;
    if (MD_RULE.test(line.trim())) continue;
    const cells = cellsOf(line);
    if (cells !== null) {
      if (!inTable) {
        table += 1;
        inTable = true;
      }
      out.push(block("row", cells.filter(Boolean).join(" | "), cells, table));
      continue;
    }
    inTable = false;
    const t = clean(line);
    if (MD_HEADING.test(t)) {
      out.push(block("heading", t.replace(MD_HEADING, "")));
      continue;
    }
    if (marker.test(t)) {
      out.push(block("item", t));
      continue;
    }
    if (fresh && [...t].length <= 80 && !/[.!?,;]$/.test(t)) {
      out.push(block("heading", t));
      continue;
    }
    const prev = out.length ? out[out.length - 1] : null;
    if (prev && (prev.kind === "para" || prev.kind === "item") && isLowerStart(t) && !/[.:!?]$/.test(prev.text)) {
      prev.text = prev.text + " " + t;
      continue;
    }
    out.push(block("para", t));
  }
  return out;
}

export function readText(bytes, name, reading) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (err) {
    throw new ReadError(name + ": not UTF-8 text; save it as UTF-8, or give the .docx or .pdf itself");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes("\x00")) throw new ReadError(name + ": holds binary data, not text; give the .docx or .pdf itself");
  return { source: "text", blocks: blocksFromText(text, reading) };
}

// ---- docx: a small zip reader ----
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
function startsWith(bytes, sig) {
  return sig.every((b, i) => bytes[i] === b);
}

function zipEntries(bytes, name) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i -= 1) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ReadError(name + ": not a Word .docx file (it is not a zip package)");
  const n = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  if (n > LIMITS.entries) throw new ReadError(name + ": " + n.toLocaleString("en-GB") + " parts inside, far more than a plan has; not opened");
  const entries = new Map();
  let total = 0;
  const dec = new TextDecoder();
  for (let k = 0; k < n; k += 1) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== 0x02014b50) throw new ReadError(name + ": not a Word .docx file (its zip directory is damaged)");
    const method = dv.getUint16(p + 10, true);
    const csize = dv.getUint32(p + 20, true);
    const usize = dv.getUint32(p + 24, true);
    const nlen = dv.getUint16(p + 28, true);
    const elen = dv.getUint16(p + 30, true);
    const clen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const fname = dec.decode(bytes.subarray(p + 46, p + 46 + nlen));
    total += usize;
    entries.set(fname, { method, csize, usize, local });
    p += 46 + nlen + elen + clen;
  }
  if (total > LIMITS.unzipped) throw new ReadError(name + ": would unpack to " + total.toLocaleString("en-GB") + " bytes (a 'zip bomb' or a huge file); not opened");
  return { entries, dv };
}

async function unzip(bytes, zip, fname, name) {
  const e = zip.entries.get(fname);
  if (!e) return null;
  const dv = zip.dv;
  const start = e.local + 30 + dv.getUint16(e.local + 26, true) + dv.getUint16(e.local + 28, true);
  const raw = bytes.subarray(start, start + e.csize);
  if (e.method === 0) return raw.slice(0, e.usize);
  if (e.method !== 8) throw new ReadError(name + ": a part of the file is compressed in a way Word does not use");
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let r;
    try {
      r = await reader.read();
    } catch (err) {
      throw new ReadError(name + ": the Word document is damaged and cannot be read");
    }
    if (r.done) break;
    size += r.value.length;
    if (size > e.usize || size > LIMITS.unzipped) {
      reader.cancel();
      throw new ReadError(name + ": a part unpacks to more than it claims (a 'zip bomb'); not opened");
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function xmlOf(bytes, name) {
  const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), "application/xml");
  if (doc.getElementsByTagName("parsererror").length) throw new ReadError(name + ": the Word document is damaged and cannot be read");
  return doc;
}
function isW(node, local) {
  return node.namespaceURI === W && node.localName === local;
}
function wAttr(node, local) {
  return node.getAttributeNS(W, local) ?? node.getAttribute("w:" + local);
}
function child(node, local) {
  for (const c of node.children) if (isW(c, local)) return c;
  return null;
}

function wordText(el) {
  const parts = [];
  const walk = (node) => {
    for (const c of node.children) {
      if ((c.namespaceURI === MC && c.localName === "Fallback") || isW(c, "delText")) continue;
      if (isW(c, "t")) parts.push(c.textContent || "");
      else if (isW(c, "tab")) parts.push(" ");
      else if (isW(c, "br") || isW(c, "cr")) parts.push("\n");
      else if (isW(c, "p") && parts.length) {
        parts.push("\n");
        walk(c);
      } else walk(c);
    }
  };
  walk(el);
  return parts.join("");
}

export async function readDocx(bytes, name) {
  if (startsWith(bytes, OLE)) {
    throw new ReadError(name + ": this is a password-protected (encrypted) Word file or an old .doc file; open it in Word, remove the password (or save as .docx) and try again");
  }
  if (!startsWith(bytes, [0x50, 0x4b])) throw new ReadError(name + ": not a Word .docx file (it is not a zip package)");
  const zip = zipEntries(bytes, name);
  const names = [...zip.entries.keys()].map((x) => x.toLowerCase());
  if (names.some((x) => x.endsWith("vbaproject.bin") || x.includes("vbadata"))) {
    throw new ReadError(name + ": contains macros; save it as a plain Word document (.docx) without macros and try again");
  }
  if (!names.includes("word/document.xml")) throw new ReadError(name + ": not a Word document (no word/document.xml inside)");
  for (const [fname, e] of zip.entries) {
    if (!fname.toLowerCase().endsWith(".rels") || e.usize >= 5000000) continue;
    const text = new TextDecoder().decode(await unzip(bytes, zip, fname, name));
    for (const rel of text.match(/<Relationship\b[^>]*>/gi) || []) {
      if (/TargetMode\s*=\s*"External"/i.test(rel) && !/Type\s*=\s*"[^"]*\/hyperlink"/i.test(rel)) {
        throw new ReadError(name + ": links to content outside the file (a template, image or object that Word would fetch); nothing was fetched. Save a copy with the links broken or the content embedded, and try again");
      }
    }
  }
  const real = (want) => [...zip.entries.keys()].find((k) => k.toLowerCase() === want);
  const doc = xmlOf(await unzip(bytes, zip, real("word/document.xml"), name), name);
  const styleNames = new Map();
  const listStyles = new Set();
  const stylesName = real("word/styles.xml");
  if (stylesName) {
    const styles = xmlOf(await unzip(bytes, zip, stylesName, name), name);
    for (const s of styles.getElementsByTagNameNS(W, "style")) {
      const id = wAttr(s, "styleId") || "";
      const n = child(s, "name");
      styleNames.set(id, n ? wAttr(n, "val") ?? id : id);
      const ppr = child(s, "pPr");
      if (ppr && child(ppr, "numPr")) listStyles.add(id);
    }
  }
  const blocks = [];
  let table = -1;
  const paragraph = (p) => {
    const text = clean(wordText(p)).replace(/\n/g, " ");
    if (!text) return;
    const ppr = child(p, "pPr");
    let styleId = "";
    let numbered = false;
    let outline = false;
    if (ppr) {
      const ps = child(ppr, "pStyle");
      styleId = ps ? wAttr(ps, "val") || "" : "";
      numbered = child(ppr, "numPr") !== null;
      outline = child(ppr, "outlineLvl") !== null;
    }
    const style = (styleNames.has(styleId) ? styleNames.get(styleId) : styleId).toLowerCase();
    let kind = "para";
    if (style.startsWith("heading") || style.startsWith("title") || outline) kind = "heading";
    else if (numbered || listStyles.has(styleId) || style.startsWith("list")) kind = "item";
    blocks.push(block(kind, text));
  };
  const tableOf = (tbl) => {
    table += 1;
    const above = new Map();
    for (const tr of tbl.children) {
      if (!isW(tr, "tr")) continue;
      const cells = [];
      let col = 0;
      for (const tc of tr.children) {
        if (!isW(tc, "tc")) continue;
        const pr = child(tc, "tcPr");
        let span = 1;
        let merged = false;
        if (pr) {
          const gs = child(pr, "gridSpan");
          const v = gs ? wAttr(gs, "val") || "" : "";
          if (/^\d+$/.test(v)) span = Math.max(1, parseInt(v, 10));
          const vm = child(pr, "vMerge");
          merged = vm !== null && (wAttr(vm, "val") || "continue") !== "restart";
        }
        const text = merged ? above.get(col) || "" : clean(wordText(tc));
        above.set(col, text);
        cells.push(text);
        col += span;
      }
      if (cells.some(Boolean)) blocks.push(block("row", cells.filter(Boolean).join(" | "), cells, table));
    }
  };
  const body = (parent) => {
    for (const c of parent.children) {
      if (blocks.length > LIMITS.blocks) return;
      if (isW(c, "p")) paragraph(c);
      else if (isW(c, "tbl")) tableOf(c);
      else if (isW(c, "sdt")) {
        const content = child(c, "sdtContent");
        if (content) body(content);
      }
    }
  };
  const bodyEl = doc.getElementsByTagNameNS(W, "body")[0];
  if (bodyEl) body(bodyEl);
  return { source: "docx", blocks };
}

// ---- PDF: text placed on pages into blocks (send_outcomes/plans/layout.py) ----
function linesOf(pieces) {
  const ordered = pieces.slice().sort((a, b) => a.page - b.page || (-round1(a.y)) - (-round1(b.y)) || a.x - b.x);
  const lines = [];
  for (const p of ordered) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last && last[0].page === p.page && Math.abs(last[0].y - p.y) < SAME_LINE) last.push(p);
    else lines.push([p]);
  }
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}
export function round1(v) {
  return Math.round(v * 10) / 10;
}
function mostCommon(counter) {
  let best = null;
  let n = -1;
  for (const [k, v] of counter) {
    if (v > n) {
      best = k;
      n = v;
    }
  }
  return best;
}
function add(counter, key, n) {
  counter.set(key, (counter.get(key) || 0) + n);
}

export function blocksFromPieces(all, reading) {
  const pieces = all.filter((p) => p.text.trim());
  if (!pieces.length) return [];
  const lines = linesOf(pieces);
  const weight = new Map();
  for (const p of pieces) add(weight, Math.round(p.size), p.text.length);
  let total = 0;
  for (const v of weight.values()) total += v;
  const common = [...weight.entries()].filter(([, v]) => v * 10 >= total).map(([k]) => k);
  const first = (common.length ? Math.min(...common) : 10) || 10;
  const inTable = new Set();
  build(lines, first, inTable, reading);
  const prose = new Map();
  lines.forEach((line, n) => {
    if (!inTable.has(n)) for (const p of line) add(prose, Math.round(p.size), p.text.length);
  });
  const body = mostCommon(prose.size ? prose : weight) || first;
  return build(lines, body, new Set(), reading);
}

function columnOf(columns, x) {
  for (let k = 0; k < columns.length; k += 1) if (Math.abs(x - columns[k]) <= COLUMN) return k;
  columns.push(x);
  columns.sort((a, b) => a - b);
  return columns.indexOf(x);
}
function rowOf(columns, line, table) {
  const row = block("row", "", [], table);
  for (const p of line) {
    const k = columnOf(columns, p.x);
    while (row.cells.length <= k) row.cells.push("");
    row.cells[k] = p.text.trim();
  }
  while (row.cells.length < columns.length) row.cells.push("");
  return row;
}

function build(lines, body, inTable, reading) {
  const listMarker = rx(reading.list_marker);
  const blocks = [];
  let table = -1;
  let columns = [];
  let row = null;
  let prev = null;
  let para = null;
  let paraX = 0;
  lines.forEach((original, n) => {
    let line = original;
    if (line.length >= 2 && MARKER_ONLY.test(line[0].text.trim())) {
      line = [{ page: line[0].page, x: line[0].x, y: line[0].y, size: line[1].size, text: line.map((p) => p.text.trim()).join(" ") }];
    }
    const first = line[0];
    const size = Math.max(...line.map((p) => p.size));
    const step = prev && prev[0].page === first.page ? prev[0].y - first.y : null;
    const leading = Math.max(size, body) * 1.2 + 2.5;
    prev = line;
    const inColumns = columns.length > 0 && line.every((p) => columns.some((c) => Math.abs(p.x - c) <= COLUMN));
    if (columns.length && step !== null && step <= 2 * Math.max(size, body) + 4 && (line.length >= 2 || inColumns)) {
      const startsRow = Math.abs(first.x - columns[0]) <= COLUMN;
      if (row !== null && (step <= leading || !startsRow)) {
        const glue = step <= leading ? " " : "\n";
        for (const p of line) {
          const k = columnOf(columns, p.x);
          while (row.cells.length <= k) row.cells.push("");
          row.cells[k] = row.cells[k] ? row.cells[k] + glue + p.text.trim() : p.text.trim();
        }
      } else {
        row = rowOf(columns, line, table);
        blocks.push(row);
      }
      inTable.add(n);
      return;
    }
    if (line.length >= 2) {
      table += 1;
      columns = line.map((p) => p.x);
      row = rowOf(columns, line, table);
      blocks.push(row);
      para = null;
      inTable.add(n);
      return;
    }
    columns = [];
    row = null;
    const text = line.map((p) => p.text.trim()).join(" ");
    if (para !== null && step !== null && step <= leading && first.x >= paraX - COLUMN && size <= body * 1.15 && !listMarker.test(text)) {
      para.text = para.text + " " + text;
      return;
    }
    let kind = "para";
    if (size > body * 1.15) kind = "heading";
    else if (listMarker.test(text)) kind = "item";
    para = block(kind, text);
    paraX = first.x;
    blocks.push(para);
  });
  for (const b of blocks) if (b.kind === "row") b.text = b.cells.filter(Boolean).join(" | ");
  return blocks;
}

// pdf.js is loaded from this site only, and only when a PDF is chosen; its worker is local too.
export async function readPdf(bytes, name, vendorUrl, reading) {
  let pdfjs;
  try {
    pdfjs = await import(new URL("pdf.min.mjs", vendorUrl).href);
    pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdf.worker.min.mjs", vendorUrl).href;
  } catch (err) {
    throw new ReadError("The PDF reader could not be loaded in this browser; paste the plan's text instead.");
  }
  let doc;
  let task;
  try {
    task = pdfjs.getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: false });
    doc = await task.promise;
  } catch (err) {
    if (err && err.name === "PasswordException") throw new ReadError(name + ": the PDF is protected by a password; open it, save an unprotected copy and try again");
    throw new ReadError(name + ": not a PDF that can be read (" + (err && err.message ? err.message : String(err)) + ")");
  }
  if (doc.numPages > LIMITS.pages) throw new ReadError(name + ": " + doc.numPages + " pages, more than a plan has (limit " + LIMITS.pages + ")");
  const pieces = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) {
      const t = (item.str || "").replace(/\n/g, " ").trim();
      if (!t) continue;
      const [a, b, , , e, f] = item.transform;
      pieces.push({ page: n - 1, x: round1(e), y: round1(f), size: round1(Math.hypot(a, b)), text: t });
    }
  }
  await task.destroy();
  if (!pieces.length) {
    throw new ReadError(name + ": the PDF has no text layer (it is a scanned image), so there is nothing to read; ask for the Word version, or copy the text in by hand");
  }
  return { source: "pdf", blocks: blocksFromPieces(pieces, reading) };
}

export async function readDocument(bytes, name, reading, vendorUrl) {
  if (bytes.length > LIMITS.bytes) throw new ReadError(name + ": larger than " + LIMITS.bytes.toLocaleString("en-GB") + " bytes, too large for a plan; nothing was checked");
  const lower = name.toLowerCase();
  const pdf = startsWith(bytes, [0x25, 0x50, 0x44, 0x46]);
  if (pdf || lower.endsWith(".pdf")) {
    if (!pdf) throw new ReadError(name + ": not a PDF (it does not start with %PDF)");
    return readPdf(bytes, name, vendorUrl, reading);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, OLE) || /\.(docx|docm|doc)$/.test(lower)) return readDocx(bytes, name);
  return readText(bytes, name, reading);
}

// ---- sections ----
export function simplify(text) {
  let s = String(text).replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2010-\u2015\u2212]/g, "-").toLowerCase();
  s = words(s);
  return s.replace(/[ :.]+$/, "");
}
export function sectionOf(text, reading) {
  const s = simplify(text);
  if (!s || [...s].length > reading.heading_max_chars) return null;
  for (const [letter, spec] of Object.entries(reading.sections)) if (anyMatch(spec.aliases, s)) return letter;
  return null;
}
// The section letter a line of a pasted list names as its heading, or null for a statement: the section's
// name must begin the line, the line must not end a sentence, and it must start with "Section", be a
// Markdown heading, end with a colon or be a few words long, so that a statement never vanishes as a
// heading (as plans/sections.py's list_heading).
export function listHeading(line, reading) {
  let text = String(line).trim();
  const marked = MD_HEADING.test(text);
  text = text.replace(MD_HEADING, "");
  if (!text || /[.!?]$/.test(text)) return null;
  const s = simplify(text);
  if (!s || [...s].length > reading.heading_max_chars) return null;
  for (const [letter, spec] of Object.entries(reading.sections)) {
    const m = anyMatch(spec.aliases, s);
    if (!m || m.index !== 0) continue;
    const short = s.split(" ").length <= reading.list_heading_max_words;
    return marked || short || s.startsWith("section ") || text.endsWith(":") ? letter : null;
  }
  return null;
}
// For each line of a pasted list, [section, isHeading]: `section` until the first heading, then the last
// heading's.
export function listSections(lines, reading, section = null) {
  return lines.map((line) => {
    const letter = listHeading(line, reading);
    if (letter !== null) section = letter;
    return [section, letter !== null];
  });
}
export function areaOf(text, reading) {
  const s = simplify(text);
  if (!s || [...s].length > reading.heading_max_chars) return null;
  for (const [area, patterns] of Object.entries(reading.areas)) if (anyMatch(patterns, s)) return area;
  return null;
}
export function roleOf(text, reading) {
  const s = simplify(text);
  if (!s || [...s].length > 60) return null;
  for (const [role, patterns] of Object.entries(reading.columns)) if (anyMatch(patterns, s)) return role;
  return null;
}
