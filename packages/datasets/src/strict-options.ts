/**
 * Dataset option objects that refuse unknown keys: a mistyped option (`minPositive` for `minPositives`)
 * must fail naming it and listing the valid ones, not be dropped silently (estimator options are strict too).
 * Build the full shape first (`.extend`), then make it strict: the message lists the final shape's keys.
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

/** `z.strictObject(shape)` whose unknown-key message names the keys and lists the valid options. */
export function strictOptions<T extends z.core.$ZodLooseShape>(shape: T) {
  const valid = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownOptionsMessage(issue.keys, valid) : undefined),
  });
}
