/**
 * The host refuses option keys a plugin's schema does not know. zod's plain `z.object` strips unknown keys
 * silently, so a typo in a suite (`scael: 2`) would run with the default and nobody would know; plugins
 * written before strict schemas (or by authors who forgot) are held to the same rule as the builtins.
 * A schema that says it takes any key (`.passthrough()`/`.catchall()`, or a record) is left alone.
 * Walks the zod 4 definitions (`def.type`) through the wrappers options schemas use (default, prefault,
 * optional, nullable, pipe/transform) and into nested objects.
 */
import { InvalidOptionsError, parseOptions } from '@transferbench/core';
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: { def: Def };
  innerType?: { def: Def };
  in?: { def: Def };
}

const defOf = (s: unknown): Def | undefined => (s as { def?: Def } | undefined)?.def;

function objectDef(def: Def | undefined): Def | undefined {
  for (let d = def, i = 0; d && i < 20; i++) {
    if (d.type === 'object') return d;
    d = d.innerType?.def ?? d.in?.def;
  }
  return undefined;
}

/** Dotted paths of keys in `raw` that `schema` would drop (empty when none, or when the schema takes any key). */
export function unknownOptionKeys(schema: z.ZodType | undefined, raw: unknown, prefix = ''): string[] {
  const obj = objectDef(defOf(schema));
  if (!obj?.shape || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  // strict objects report unknown keys themselves; passthrough/catchall objects take them on purpose
  if (obj.catchall) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const field = Object.hasOwn(obj.shape, key) ? obj.shape[key] : undefined;
    if (!field) out.push(`${prefix}${key}`);
    else out.push(...unknownOptionKeys(field, value, `${prefix}${key}.`));
  }
  return out;
}

/** The message for unknown keys: names them and lists the valid ones. */
export function unknownOptionsText(schema: z.ZodType | undefined, keys: readonly string[]): string {
  const valid = Object.keys(objectDef(defOf(schema))?.shape ?? {});
  return `unknown option${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}; valid options: ${valid.join(', ') || '(none)'}`;
}

/** The plugin's own schema, and no keys it does not know (plugins/unknown-options.ts). */
export function parseStrict<S extends z.ZodType>(plugin: string, schema: S, raw: unknown): z.infer<S> {
  const parsed = parseOptions(plugin, schema, raw);
  const extra = unknownOptionKeys(schema, raw);
  if (extra.length) throw new InvalidOptionsError(`invalid options for ${plugin}: ${unknownOptionsText(schema, extra)}`);
  return parsed;
}
