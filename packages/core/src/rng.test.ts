import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

describe('Rng', () => {
  it('same seed gives the same sequence; streams are independent and stable', () => {
    const a = new Rng(7),
      b = new Rng(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    const s1 = new Rng(7).stream('split').next();
    const r = new Rng(7);
    r.next();
    r.next();
    expect(r.stream('split').next()).toBe(s1); // parent draws do not shift a child stream
    expect(new Rng(7).stream('model').next()).not.toBe(s1);
    expect(new Rng(8).stream('split').next()).not.toBe(s1);
  });

  it('uniform and normal draws have the right moments', () => {
    const r = new Rng(1);
    const n = 20000;
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.04);
    let u = 0;
    for (let i = 0; i < n; i++) u += r.next();
    expect(Math.abs(u / n - 0.5)).toBeLessThan(0.01);
  });

  it('permutation is a permutation', () => {
    const p = Array.from(new Rng(3).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('rejects non-integer seeds', () => {
    expect(() => new Rng(1.5)).toThrow(/integer/);
    expect(() => new Rng(2 ** 53)).toThrow(/safe integer/);
  });

  it('a seed beyond 32 bits never repeats the seed it would wrap onto (issue 17: 2^32 + 1 drew what 1 draws)', () => {
    const draws = (seed: number) => {
      const r = new Rng(seed);
      return [r.next(), r.next(), r.stream('split').next()];
    };
    const first = (seed: number) => new Rng(seed).next();
    expect(first(2 ** 32 + 1)).not.toBe(first(1));
    expect(first(-(2 ** 32) - 7)).not.toBe(first(-7));
    expect(first(3 * 2 ** 32)).not.toBe(first(0));
    expect(draws(2 ** 40 + 5)).not.toEqual(draws(5));
    // the numbers of seeds in range do not change: 32-bit values (and derived unsigned stream seeds) as before
    expect(first(7)).toBe(new Rng(7 + 0).next());
    expect(new Rng(2 ** 32 - 1).next()).toBe(new Rng(-1).next());
  });
});
