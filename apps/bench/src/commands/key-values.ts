/**
 * `key=value` command-line options (`--opt steps=5 --opt lr=0.01 --opt design.kind=grid`): values are
 * read as JSON when they parse (numbers, booleans, arrays, objects, quoted strings) and as plain strings
 * otherwise; dotted keys build nested objects. Keys that would write onto a prototype (`__proto__`,
 * `constructor`, `prototype`) are refused.
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parseKeyValues(items: readonly string[], flag: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`${flag} ${item}: expected key=value (e.g. ${flag} steps=5)`);
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      /* a plain string */
    }
    const path = key.split('.');
    // these would reach Object.prototype (or a constructor) instead of the options object
    const bad = path.find((p) => p === '' || FORBIDDEN.has(p));
    if (bad !== undefined)
      throw new Error(
        `${flag} ${item}: ${bad === '' ? 'empty key part' : `"${bad}" is not an option name`}; expected key=value with keys of letters, digits, "_" or "-" (dots for nesting)`,
      );
    let node = out;
    for (const part of path.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return out;
}

/** commander collector for repeatable options. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
