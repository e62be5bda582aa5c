/**
 * Content hashes for suites and trials: SHA-256 over a canonical JSON form (object keys sorted,
 * `undefined` dropped, non-finite numbers rejected) so that the same content always gets the same id,
 * whatever the key order in the YAML/JSON file it came from.
 */
import { createHash } from 'node:crypto';

/** Canonical JSON: sorted keys, no whitespace; throws on values JSON cannot represent faithfully. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value, '<root>'));
}

function canonicalize(v: unknown, path: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`canonicalJson: ${path} is ${v}; only finite numbers can be hashed`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => canonicalize(x === undefined ? null : x, `${path}[${i}]`));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = canonicalize(x, `${path}.${k}`);
    }
    return out;
  }
  throw new Error(`canonicalJson: ${path} has type ${typeof v}; expected JSON data`);
}

/** Hex SHA-256 of the canonical JSON, truncated to `length` hex digits (16 = 64 bits: ample for ids). */
export function contentHash(value: unknown, length = 16): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, length);
}
