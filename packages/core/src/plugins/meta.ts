/** Plugin identity shared by estimators, datasets and reporters (ESLint-style plain objects with meta). */
import { z } from 'zod';

export const pluginMetaSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-"'),
  version: z.string().min(1),
  description: z.string().default(''),
  aliases: z.array(z.string()).default([]),
});
export type PluginMeta = z.input<typeof pluginMetaSchema>;

/** Bad user options: the message says everything (no stack trace is useful to the user). */
export class InvalidOptionsError extends Error {
  override readonly name = 'InvalidOptionsError';
}

/**
 * Parse user options with a plugin's schema; the message names the plugin, then zod's own rendering of each
 * issue (`z.prettifyError`: the expected form, and `→ at <option path>`).
 */
export function parseOptions<S extends z.ZodType>(plugin: string, schema: S, raw: unknown): z.infer<S> {
  const r = schema.safeParse(raw ?? {});
  if (r.success) return r.data;
  throw new InvalidOptionsError(`invalid options for ${plugin}:\n${z.prettifyError(r.error)}`);
}

/**
 * Checks a plugin's meta for the define* helpers; a bad one throws `<kind> "<name>": meta.<field>: <expected>`
 * (a readable line, not zod's JSON dump of the issues).
 */
export function checkMeta(kind: string, schema: z.ZodType, meta: unknown): void {
  const r = schema.safeParse(meta);
  if (r.success) return;
  const name = typeof (meta as { name?: unknown } | null)?.name === 'string' ? ` "${(meta as { name: string }).name}"` : '';
  const lines = r.error.issues.map((i) => `meta${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);
  throw new Error(`${kind}${name}: ${lines.join('; ')}`);
}
