/**
 * `study-report --check`: a committed study report against one rendered afresh from the results, as pure functions.
 * numbers.json is compared figure by figure, each difference named by a path a reader can find in the file — array
 * items by what identifies them (`rows[kiba-compound/tag/r4/contextual].power.value`), not by position, so a row
 * that moved is not a difference and a row missing on one side is named as such. README.md is compared line by
 * line, the lines that say when the report was made aside.
 */
import type { StudyNumbers } from './numbers.ts';

export interface FigureDifference {
  path: string;
  committed: unknown;
  fresh: unknown;
}

/** On one side only: a row, truth or part the other side does not have. */
export const ABSENT = Symbol('absent');

type Item = Record<string, unknown>;

// how the items of each array are named, by the array's path with `[]` for array levels; other arrays: by position
const ITEM_KEYS: Record<string, (x: Item) => string> = {
  rows: (r) => `${r.dataset}/${r.estimator}/${r.budget}/${r.scope}`,
  truths: (t) => `${t.dataset}/${t.scope}`,
  claim: (c) => `${c.dataset}/${c.part}`,
  secondMetric: (m) => `${m.dataset}/${m.metric}`,
  'compute.datasets': (d) => String(d.dataset),
  'compute.datasets[].parts': (p) => String(p.part),
};

/**
 * Figures that measure the machine (CPU-seconds and the shares of compute they make): a fresh run of the same study
 * gives the same statistics — same seeds, same numbers — but not the same CPU time. Against a fresh run they are
 * compared within a relative tolerance; everything else, the cost verdict included, must be equal.
 */
const MEASURED = new Set([
  'rows[].cpuSeconds',
  'compute.cpuSeconds',
  'compute.datasets[].cpuSeconds',
  'compute.datasets[].share',
  'compute.datasets[].parts[].cpuSeconds',
  'compute.datasets[].parts[].share',
]);

const withinTolerance = (a: unknown, b: unknown, tolerance: number) =>
  typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));

const isObject = (v: unknown): v is Item => typeof v === 'object' && v !== null && !Array.isArray(v);

function byKey(items: unknown[], key: ((x: Item) => string) | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  items.forEach((x, i) => {
    const base = key && isObject(x) ? key(x) : String(i);
    let k = base;
    for (let n = 2; out.has(k); n++) k = `${base}#${n}`; // a duplicate key must not hide an item
    out.set(k, x);
  });
  return out;
}

function walk(a: unknown, b: unknown, path: string, shape: string, tolerance: number | null, out: FigureDifference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const [ka, kb] = [byKey(a, ITEM_KEYS[shape]), byKey(b, ITEM_KEYS[shape])];
    for (const k of new Set([...ka.keys(), ...kb.keys()]))
      walk(ka.has(k) ? ka.get(k) : ABSENT, kb.has(k) ? kb.get(k) : ABSENT, `${path}[${k}]`, `${shape}[]`, tolerance, out);
  } else if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(k in a ? a[k] : ABSENT, k in b ? b[k] : ABSENT, path ? `${path}.${k}` : k, shape ? `${shape}.${k}` : k, tolerance, out);
  } else if (a !== b && !(tolerance !== null && MEASURED.has(shape) && withinTolerance(a, b, tolerance)))
    out.push({ path, committed: a, fresh: b });
}

/**
 * Every figure that differs, in the order of the committed file (then what only the fresh one has). With a
 * `measuredTolerance` (a fresh run, not the same results), CPU figures may differ by that share of the larger.
 */
export function compareNumbers(committed: StudyNumbers, fresh: StudyNumbers, measuredTolerance: number | null = null): FigureDifference[] {
  const out: FigureDifference[] = [];
  walk(committed, fresh, '', '', measuredTolerance, out);
  return out;
}

const numeric = (v: unknown): number =>
  Array.isArray(v)
    ? v.reduce((s: number, x) => s + numeric(x), 0)
    : isObject(v)
      ? numeric(Object.values(v))
      : typeof v === 'number' || v === null
        ? 1
        : 0;

/** The figures a check compares, for its one-line verdict: numbers (an n/a, null, counts as one) and the claim's verdicts. */
export function countFigures(n: StudyNumbers): number {
  return numeric([n.rows, n.truths, n.compute]) + n.claim.length;
}

const shown = (v: unknown): string => {
  if (v === ABSENT) return '(absent)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
};

/** One line per difference, at most `max`, then how many more: a long list would bury the first ones. */
export function differenceLines(diffs: readonly FigureDifference[], max = 20): string[] {
  const lines = diffs.slice(0, max).map((d) => `${d.path}: committed ${shown(d.committed)}, fresh ${shown(d.fresh)}`);
  if (diffs.length > max) lines.push(`… and ${diffs.length - max} more`);
  return lines;
}

/**
 * The lines of README.md that say when the report was made rather than what it says. Two renders of the same
 * results differ only there: several folders merge into a summary recomputed, and stamped, at each render (one
 * folder's summary.json keeps its own time). index.html, the same text with SVG charts, is not compared.
 */
export const CREATION_TIME_LINE = /^- \*\*summary created\*\*: /;

export interface PageDifference {
  /** line number in the committed file (one past its end when the fresh page is longer) */
  line: number;
  committed: string | null;
  fresh: string | null;
  /** lines that differ in all (every line after an inserted one counts) */
  lines: number;
}

/** The first line where two pages differ, creation-time lines aside; null when they agree. */
export function comparePage(committed: string, fresh: string): PageDifference | null {
  const kept = (text: string) =>
    text
      .split(/\r?\n/) // a checkout may turn line ends into CRLF
      .map((t, i) => ({ t, n: i + 1 }))
      .filter((l) => !CREATION_TIME_LINE.test(l.t));
  const [a, b] = [kept(committed), kept(fresh)];
  let first = -1;
  let lines = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i]?.t !== b[i]?.t) {
      lines++;
      if (first < 0) first = i;
    }
  if (first < 0) return null;
  return { line: a[first]?.n ?? (a.at(-1)?.n ?? 0) + 1, committed: a[first]?.t ?? null, fresh: b[first]?.t ?? null, lines };
}
