/** Inline stylesheet of the HTML leaderboard (no external fonts or files: the page works offline). */
export const STYLE = `
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --bg-alt: #f6f8fb; --accent: #2857a4; --warn-bg: #fff3cd; --warn-fg: #7a4b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
h3 { font-size: 15px; margin: 22px 0 8px; }
p.lead { color: var(--muted); margin: 0 0 14px; }
.merge-warning { background: var(--warn-bg); color: var(--warn-fg); border: 1px solid #e8c66a; border-radius: 6px; padding: 10px 14px; margin: 12px 0; font-weight: 600; }
.merge-note { background: var(--bg-alt); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 10px 0 18px; padding: 10px 14px; background: var(--bg-alt); border: 1px solid var(--line); border-radius: 6px; font-size: 13px; }
dl.provenance dt { font-weight: 600; color: var(--muted); }
dl.provenance dd { margin: 0; word-break: break-word; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
div.table-wrap { overflow-x: auto; max-width: 100%; }
table.ranking { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 10px; }
table.ranking th, table.ranking td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; white-space: nowrap; }
table.ranking td.num, table.ranking th[data-type="number"] { text-align: right; }
table.ranking thead th { background: var(--bg-alt); cursor: pointer; user-select: none; position: sticky; top: 0; }
table.ranking thead th:hover { color: var(--accent); }
table.ranking thead th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
table.ranking thead th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
table.ranking tbody tr:nth-child(even) { background: #fbfcfe; }
table.ranking span.ci { color: var(--muted); font-size: 11px; }
.legend-text { color: var(--muted); font-size: 12px; margin: 4px 0 10px; }
.charts { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
/* min-content: the figure is as wide as its chart; the caption wraps to that width */
figure.chart { width: min-content; max-width: 100%; overflow-x: auto; margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
figure.chart figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; overflow-wrap: anywhere; }
figure.chart svg { display: block; }
ul.costs { margin: 4px 0 8px; padding-left: 20px; }
ul.costs li.extrapolated, td.extrapolated { font-style: italic; }
ul.notes { margin: 4px 0 8px; padding-left: 20px; color: var(--muted); font-size: 12px; }
h4 { font-size: 14px; margin: 16px 0 4px; }
section.scope { margin: 10px 0 24px; padding-left: 12px; border-left: 3px solid var(--line); }
section.scope[data-scope="contextual"] { border-left-color: #b9c9e6; }
table.reference thead th { background: #eef0f3; }
table.truths td { white-space: normal; }
p.class-rule { font-size: 13px; margin: 6px 0; }
details summary { cursor: pointer; color: var(--accent); font-size: 13px; margin: 6px 0; }
.note { color: var(--muted); font-size: 12px; }
/* a preamble's tables (a study's protocol) hold prose-like cells and do not sort */
section.preamble table.ranking td { white-space: normal; }
section.preamble table.ranking thead th { cursor: default; }
section.preamble table.ranking thead th:hover { color: inherit; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;
