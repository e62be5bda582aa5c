/**
 * Dataset option objects that refuse unknown keys: a mistyped option (`minPositive` for `minPositives`)
 * must fail naming it and listing the valid ones, not be dropped silently (estimator options are strict too).
 */
import { z } from 'zod';

/** Valid keys that look like a typo of `key`: same letters in another case, or one a prefix of the other. */
function lookalikes(key: string, valid: readonly string[]): string[] {
  const k = key.toLowerCase();
  return valid.filter((v) => {
    const l = v.toLowerCase();
    return l === k || (k.length >= 3 && (l.startsWith(k) || k.startsWith(l)));
  });
}

export function unknownOptionsMessage(keys: readonly string[], valid: readonly string[]): string {
  const named = keys.map((k) => {
    const like = lookalikes(k, valid);
    return `"${k}"${like.length ? ` (did you mean ${like.map((l) => `"${l}"`).join(' or ')}?)` : ''}`;
  });
  return `unknown option${keys.length > 1 ? 's' : ''} ${named.join(', ')}; valid options: ${valid.join(', ')}`;
}

/**
 * Params for `z.strictObject(shape, unknownOptionsError)`: the unknown-key message names the keys and lists
 * the valid options, read from the schema itself (so `.extend` keeps the list complete).
 */
export const unknownOptionsError = {
  error: (issue: z.core.$ZodRawIssue) => {
    if (issue.code !== 'unrecognized_keys') return undefined;
    const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape ?? {};
    return unknownOptionsMessage(issue.keys, Object.keys(shape));
  },
};

/** `z.strictObject(shape)` whose unknown-key message names the keys and lists the valid options. */
export function strictOptions<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, unknownOptionsError);
}

/** `strict.object(shape)` reads like `z.object(shape)` in a schema chain, refusing unknown keys. */
export const strict = { object: strictOptions };
