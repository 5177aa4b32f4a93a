// The exercise styles, injected once per document by common.js (so JupyterLab and the book look alike).
// Text colours keep a contrast ratio of at least 4.5:1 on their backgrounds; borders of controls at least
// 3:1. The exercise sets its own light background so its contrast holds in dark page themes too.
// Feedback never relies on colour alone: every verdict also has an icon and a word.
export const CSS = `
.so-ex { --so-ink: #1b1b1b; --so-muted: #4a4a4a; --so-line: #6b6b6b; --so-focus: #0b57d0;
  --so-ok: #0b5d1e; --so-ok-bg: #e6f4ea; --so-no: #9b1c1c; --so-no-bg: #fdecec; --so-part: #6b4200;
  --so-part-bg: #fff3dc; --so-accent-bg: #eef3fd;
  color: var(--so-ink); background: #fff; border: 1px solid var(--so-line); border-radius: 0.5rem;
  padding: 0.75rem; margin: 1rem 0; font-size: 1rem; line-height: 1.45; max-width: 100%; box-sizing: border-box; }
.so-ex *, .so-ex *::before, .so-ex *::after { box-sizing: border-box; }
.so-ex p { margin: 0.4rem 0; }
/* The page theme colours headings, quotes and form captions for its own (possibly dark) background; the
   exercise has its own light background, so it sets them itself. */
.so-ex :is(h1, h2, h3, h4, h5, h6, blockquote, legend, summary, label, nav) { color: var(--so-ink); }
.so-ex blockquote { background: transparent; }
.so-ex h3.so-title { margin: 1rem 0 0.4rem; }
.so-ex .so-title { font-size: 1.15rem; font-weight: 700; margin: 0 0 0.4rem; }
.so-ex button { font: inherit; color: var(--so-ink); background: #f4f4f4; border: 1px solid var(--so-line);
  border-radius: 0.35rem; padding: 0.4rem 0.8rem; cursor: pointer; min-height: 2.5rem; }
.so-ex button:hover { background: #e8e8e8; }
.so-ex button.so-primary { background: #0b57d0; color: #fff; border-color: #0b57d0; }
.so-ex button.so-primary:hover { background: #0842a0; }
.so-ex button[disabled] { color: #595959; background: #efefef; border-color: #8a8a8a; cursor: not-allowed; }
.so-ex select, .so-ex textarea, .so-ex input[type="text"] { font: inherit; color: var(--so-ink); background: #fff;
  border: 1px solid var(--so-line); border-radius: 0.3rem; padding: 0.3rem; max-width: 100%; }
/* Grid items, fieldsets and selects would otherwise grow to their longest option and push the page sideways
   on a 320 px screen. */
.so-ex fieldset, .so-ex select, .so-pieces > *, .so-zones > *, .so-columns > *, .so-slot { min-width: 0; }
.so-ex select { width: auto; max-width: 100%; text-overflow: ellipsis; }
.so-ex textarea { width: 100%; min-height: 5.5rem; resize: vertical; }
.so-ex :focus-visible { outline: 3px solid var(--so-focus); outline-offset: 2px; }
.so-ex button:focus-visible, .so-ex select:focus-visible, .so-ex textarea:focus-visible { outline: 3px solid var(--so-focus); outline-offset: 2px; }
.so-vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; border: 0; padding: 0; margin: -1px; }
.so-note { border-left: 4px solid var(--so-part); background: var(--so-part-bg); color: var(--so-ink); padding: 0.5rem 0.75rem; }
.so-help { color: var(--so-muted); font-size: 0.95rem; }
.so-help summary { cursor: pointer; color: var(--so-ink); }
.so-verdict { font-weight: 700; }
.so-ok { color: var(--so-ok); }
.so-no { color: var(--so-no); }
.so-partial { color: var(--so-part); }
.so-fb { margin-top: 0.35rem; padding: 0.35rem 0.5rem; border-radius: 0.3rem; font-size: 0.95rem; }
.so-fb.so-fb-ok { background: var(--so-ok-bg); }
.so-fb.so-fb-no { background: var(--so-no-bg); }
.so-fb.so-fb-part { background: var(--so-part-bg); }
.so-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0 0.25rem; align-items: center; }
.so-summary { font-weight: 600; }

/* Sort the statements */
.so-pool, .so-zone { border: 2px dashed var(--so-line); border-radius: 0.5rem; padding: 0.5rem; margin: 0.5rem 0; background: #fafafa; }
.so-zone-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 0.5rem; align-items: baseline; }
.so-zone-title { font-weight: 700; }
.so-zone-desc { color: var(--so-muted); font-size: 0.9rem; margin: 0 0 0.3rem; }
.so-zones { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 0.75rem; }
.so-zone.so-target, .so-pool.so-target { border-style: solid; border-color: var(--so-focus); background: var(--so-accent-bg); }
.so-cards { list-style: none; margin: 0; padding: 0; min-height: 2.5rem; }
.so-empty { color: var(--so-muted); font-style: italic; font-size: 0.9rem; }
.so-card { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.5rem; align-items: start;
  background: #fff; border: 1px solid var(--so-line); border-radius: 0.4rem; padding: 0.45rem; margin: 0.35rem 0; }
.so-card.so-picked { outline: 3px dashed var(--so-focus); outline-offset: 1px; background: var(--so-accent-bg); }
.so-card.so-locked { border-color: var(--so-ok); }
.so-card-text { margin: 0; grid-column: 2; }
.so-card .so-grab { grid-row: 1 / span 2; min-width: 2.75rem; min-height: 2.75rem; padding: 0.2rem; font-size: 1.2rem;
  line-height: 1; touch-action: none; cursor: grab; }
.so-card .so-grab[aria-pressed="true"] { background: #0b57d0; color: #fff; }
.so-card-tools { grid-column: 2; display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; font-size: 0.9rem; }
.so-card .so-fb { grid-column: 1 / -1; }
.so-drop { display: block; width: 100%; margin-top: 0.3rem; }
.so-ghost { position: fixed; z-index: 10000; pointer-events: none; max-width: min(22rem, 80vw); opacity: 0.95;
  box-shadow: 0 0.3rem 1rem rgba(0,0,0,0.25); background: #fff; color: #1b1b1b; border: 2px solid #0b57d0;
  border-radius: 0.4rem; padding: 0.4rem 0.6rem; font-size: 0.95rem; }
.so-dragging, .so-dragging * { cursor: grabbing !important; user-select: none; -webkit-user-select: none; }

/* Fix the outcome and Check your plan */
.so-round-nav { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
.so-story { background: #f6f6f6; border-radius: 0.4rem; padding: 0.5rem 0.75rem; }
.so-original { border-left: 4px solid var(--so-line); margin: 0.5rem 0; padding: 0.3rem 0.75rem; font-style: italic; }
.so-criteria { list-style: none; padding: 0; margin: 0.5rem 0; }
.so-criteria li { padding: 0.3rem 0.5rem; margin: 0.25rem 0; border-radius: 0.3rem; }
.so-criteria li.so-fb-ok { background: var(--so-ok-bg); }
.so-criteria li.so-fb-no { background: var(--so-no-bg); }
.so-criterion-name { font-weight: 700; }
.so-model { border: 2px solid var(--so-ok); border-radius: 0.4rem; padding: 0.5rem 0.75rem; background: var(--so-ok-bg); }
.so-results { list-style: none; padding: 0; }
.so-result { border: 1px solid var(--so-line); border-radius: 0.4rem; padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.so-result-text { font-style: italic; overflow-wrap: anywhere; }
.so-kind { display: inline-block; border: 1px solid currentColor; border-radius: 1rem; padding: 0 0.5rem; font-size: 0.9rem; }

/* Bea's jigsaw */
.so-board { border: 2px solid var(--so-line); border-radius: 0.75rem; padding: 0.5rem; background: #fafafa; }
.so-outcome-centre { border: 2px solid var(--so-focus); background: var(--so-accent-bg); border-radius: 0.6rem; padding: 0.6rem 0.75rem; font-weight: 600; }
.so-pieces { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0.5rem; }
.so-piece { border: 1px solid var(--so-line); border-radius: 0.5rem; padding: 0.5rem; background: #fff; }
.so-piece.so-locked { border: 2px solid var(--so-ok); }
.so-piece fieldset { border: 1px solid #8a8a8a; border-radius: 0.35rem; margin: 0.4rem 0 0; padding: 0.3rem 0.5rem; }
.so-piece legend { font-weight: 600; font-size: 0.95rem; }
.so-radio { display: flex; gap: 0.4rem; align-items: flex-start; margin: 0.2rem 0; font-size: 0.95rem; }
.so-radio input { margin-top: 0.3rem; width: 1.1rem; height: 1.1rem; flex: none; }
.so-aside-list { list-style: none; padding: 0; }

/* Follow the thread */
.so-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.5rem; }
.so-column { border: 1px solid var(--so-line); border-radius: 0.4rem; padding: 0.4rem 0.6rem; background: #fafafa; }
.so-column ol { margin: 0.25rem 0 0; padding-left: 1.4rem; font-size: 0.95rem; }
.so-row { border: 2px solid var(--so-line); border-radius: 0.5rem; padding: 0.5rem; margin: 0.75rem 0; }
.so-row-asp { font-weight: 700; }
.so-slot { margin: 0.5rem 0; }
.so-slot-button { width: 100%; text-align: left; }
.so-slot-button[aria-expanded="true"] { border-color: var(--so-focus); background: var(--so-accent-bg); }
.so-options { list-style: none; margin: 0.3rem 0 0; padding: 0 0 0 0.75rem; border-left: 3px solid var(--so-focus); }
.so-options li { margin: 0.25rem 0; }
.so-options button { width: 100%; text-align: left; }
.so-options button[aria-pressed="true"] { background: var(--so-accent-bg); border-color: var(--so-focus); font-weight: 600; }
.so-tabs { display: flex; flex-wrap: wrap; gap: 0.35rem; margin: 0.5rem 0; }
.so-tabs button[aria-current="true"] { background: #1b1b1b; color: #fff; border-color: #1b1b1b; }

@media (prefers-reduced-motion: no-preference) {
  .so-card, .so-zone, .so-pool, .so-piece { transition: background-color 0.15s ease, border-color 0.15s ease; }
}
@media (max-width: 30rem) {
  .so-ex { padding: 0.5rem; }
  .so-zones, .so-pieces, .so-columns { grid-template-columns: 1fr; }
}
`;
