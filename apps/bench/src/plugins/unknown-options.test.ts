import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { unknownOptionKeys, unknownOptionsText } from './unknown-options.ts';

describe('unknownOptionKeys', () => {
  const schema = z.object({ scale: z.number().default(1), inner: z.object({ a: z.number().default(0) }).default({ a: 0 }) });

  it('finds the keys a plain (stripping) object schema would drop, through wrappers and nested objects', () => {
    expect(unknownOptionKeys(schema, { scale: 2, scael: 3 })).toEqual(['scael']);
    expect(unknownOptionKeys(schema.default({ scale: 1, inner: { a: 0 } }), { sclae: 1 })).toEqual(['sclae']);
    expect(
      unknownOptionKeys(
        schema.transform((o) => o),
        { inner: { a: 1, b: 2 } },
      ),
    ).toEqual(['inner.b']);
    expect(unknownOptionKeys(schema, { scale: 2, inner: { a: 1 } })).toEqual([]);
    expect(unknownOptionsText(schema, ['scael'])).toBe('unknown option "scael"; valid options: scale, inner');
  });

  it('leaves schemas that take any key alone (passthrough, records) and strict ones to zod', () => {
    expect(unknownOptionKeys(schema.passthrough(), { extra: 1 })).toEqual([]);
    expect(unknownOptionKeys(z.record(z.string(), z.number()), { extra: 1 })).toEqual([]);
    expect(unknownOptionKeys(schema.strict(), { extra: 1 })).toEqual([]);
    expect(unknownOptionKeys(schema, { __proto__: { x: 1 } })).toEqual([]);
  });
});
