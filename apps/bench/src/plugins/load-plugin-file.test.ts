import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { PluginHost } from './host.ts';
import { loadPluginFile } from './load-plugin-file.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../testing/fixtures/${name}`, import.meta.url));
const testPlugins = fileURLToPath(new URL('../testing/test-plugins.ts', import.meta.url));

describe('user plugin files', () => {
  it('collects the default export array and named plugin exports, ignoring helpers', async () => {
    const loaded = await loadPluginFile(fixture('array-default.mjs'));
    expect(loaded.plugins.map((p) => `${p.kind}:${p.plugin.meta.name}`)).toEqual(['estimator:fixture-a', 'reporter:fixture-report']);
    const ts = await loadPluginFile(testPlugins);
    expect(ts.plugins.map((p) => p.plugin.meta.name)).toEqual(
      expect.arrayContaining(['tiny-planted', 'test-signal', 'test-oracle', 'test-throws']),
    );
  });

  it('names the file, the export and each invalid field', async () => {
    await expect(loadPluginFile(fixture('bad-meta.mjs'))).rejects.toThrow(
      /plugin \.\/.*bad-meta\.mjs, export "broken": invalid estimator "Bad Name":\n(.|\n)*meta\.name: lower-case(.|\n)*meta\.version(.|\n)*meta\.kind(.|\n)*estimate: expected a function, got number/,
    );
    await expect(loadPluginFile(fixture('no-plugins.mjs'))).rejects.toThrow(
      /no-plugins\.mjs: exports no estimators, datasets or reporters/,
    );
    await expect(loadPluginFile('/nonexistent/plugin.mjs')).rejects.toThrow(/plugin \/nonexistent\/plugin\.mjs: file not found/);
  });

  it('rejects a name collision, naming both origins', async () => {
    const host = await PluginHost.create();
    await host.addPluginFile(testPlugins);
    await expect(host.addPluginFile(fixture('duplicate-tag.mjs'))).rejects.toThrow(
      /estimator "test-signal" from \.\/.*duplicate-tag\.mjs collides with "test-signal" registered from \.\/.*test-plugins\.ts/,
    );
    // loading the same file again is a no-op, not a collision with itself
    await expect(host.addPluginFile(testPlugins)).resolves.toBeTruthy();
  });
});
