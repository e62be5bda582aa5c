import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { inCi, sharedData, skipUnlessPresent, SHARED_DATA } from './requirements.ts';

afterEach(() => vi.restoreAllMocks());

describe('test requirements: skip outside CI, fail in CI', () => {
  it('reads CI as CI services set it', () => {
    for (const v of ['true', '1', 'TRUE', 'yes']) expect(inCi({ CI: v }), v).toBe(true);
    for (const v of [undefined, '', 'false', 'False', '0']) expect(inCi({ CI: v }), String(v)).toBe(false);
  });

  it('a missing requirement skips with a warning outside CI and throws in CI; a present one runs', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(skipUnlessPresent('Chromium at /nowhere', false, 'apt-get install chromium', {})).toBe(true);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^skipping the tests that need Chromium at \/nowhere: missing \(apt-get install chromium\)/),
    );
    expect(() => skipUnlessPresent('Chromium at /nowhere', false, 'apt-get install chromium', { CI: 'true' })).toThrow(
      'Chromium at /nowhere is missing (apt-get install chromium); CI is set, so the tests that need it fail instead of being skipped',
    );
    expect(skipUnlessPresent('x', true, 'h', { CI: 'true' })).toBe(false);
    expect(skipUnlessPresent('x', true, 'h', {})).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('sharedData: a folder of ../shared/data, skipped when absent outside CI, an error in CI', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(SHARED_DATA).toMatch(/[\\/]shared[\\/]data$/);
    const absent = sharedData('no-such-data-set', {});
    expect(absent).toEqual({ dir: join(SHARED_DATA, 'no-such-data-set'), skip: true });
    expect(() => sharedData('no-such-data-set', { CI: 'true' })).toThrow(/shared[\\/]data[\\/]no-such-data-set is missing .*CI is set/);
  });
});
