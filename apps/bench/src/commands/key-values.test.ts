import { describe, expect, it } from 'vitest';
import { parseKeyValues } from './key-values.ts';

describe('parseKeyValues', () => {
  it('reads JSON values, plain strings and dotted keys', () => {
    expect(parseKeyValues(['steps=5', 'lr=1e-3', 'on=true', 'name=tag', 'sizes=[1,2]', 'design.kind=grid', 'design.n=4'], '--opt')).toEqual(
      {
        steps: 5,
        lr: 0.001,
        on: true,
        name: 'tag',
        sizes: [1, 2],
        design: { kind: 'grid', n: 4 },
      },
    );
  });
  it('rejects items without a key', () => {
    expect(() => parseKeyValues(['=3'], '--opt')).toThrow(/--opt =3: expected key=value/);
    expect(() => parseKeyValues(['steps'], '--opt')).toThrow(/expected key=value/);
  });
  it('refuses keys that would write onto Object.prototype (issue 17)', () => {
    expect(() => parseKeyValues(['__proto__.polluted=1'], '--opt')).toThrow(
      /--opt __proto__\.polluted=1: "__proto__" is not an option name/,
    );
    expect(() => parseKeyValues(['design.constructor.prototype.x=1'], '--opt')).toThrow(/"constructor" is not an option name/);
    expect(() => parseKeyValues(['a..b=1'], '--opt')).toThrow(/empty key part/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
