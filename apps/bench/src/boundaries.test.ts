/**
 * The repository's lint rules (eslint.config.mjs) catch what they exist for: a package importing anything
 * but core, anything importing the app, a package.json that does not declare a workspace package its code
 * imports. Each case lints a file that exists only in memory (ESLint's `lintText` with the path it would
 * have), so the tree is never touched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './code-hash.ts';

let eslint: ESLint;

beforeAll(async () => {
  // the Nx rules read the cached project graph: make sure it exists and is current
  await createProjectGraphAsync({ exitOnError: false });
  eslint = new ESLint({ cwd: REPO_ROOT });
}, 60_000);

async function lint(file: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

const importing = (specifier: string, name: string) => `import { ${name} } from '${specifier}';\nexport const x = ${name};\n`;

describe('module boundaries (@nx/enforce-module-boundaries)', () => {
  it('refuses a package importing another package than core', async () => {
    expect(await lint('packages/estimators/src/boundary-probe.ts', importing('@transferbench/models', 'engines'))).toEqual([
      {
        rule: '@nx/enforce-module-boundaries',
        message: 'A project tagged with "scope:lib" can only depend on libs tagged with "scope:core"',
      },
    ]);
  });

  it('refuses a package importing the app, even from a test', async () => {
    for (const file of ['packages/models/src/boundary-probe.ts', 'packages/datasets/src/boundary-probe.test.ts']) {
      const messages = await lint(file, importing('transferbench', 'codeHash'));
      expect(messages.map((m) => m.rule)).toEqual(['@nx/enforce-module-boundaries']);
      // the app imports every package, so Nx names the cycle before the tags
      expect(messages[0].message).toMatch(
        /"scope:lib" can only depend on libs tagged with "scope:core"|Circular dependency between "@transferbench\/\w+" and "transferbench"/,
      );
    }
  });

  it('lets packages import core, tests and test helpers import the other libraries, and the app import all', async () => {
    expect(await lint('packages/datasets/src/boundary-probe.ts', importing('@transferbench/core', 'Rng'))).toEqual([]);
    expect(await lint('packages/estimators/src/boundary-probe.test.ts', importing('@transferbench/models', 'engines'))).toEqual([]);
    expect(await lint('packages/estimators/src/testing/boundary-probe.ts', importing('@transferbench/datasets', 'makeSplit'))).toEqual([]);
    expect(await lint('apps/bench/src/boundary-probe.ts', importing('@transferbench/models', 'engines'))).toEqual([]);
  });
});

describe('declared dependencies (@nx/dependency-checks)', () => {
  const manifest = 'packages/estimators/package.json';
  const real = JSON.parse(readFileSync(join(REPO_ROOT, manifest), 'utf8')) as { dependencies: Record<string, string> };

  it('accepts the package.json as it is and names a workspace package the code imports but does not declare', async () => {
    expect(await lint(manifest, JSON.stringify(real, null, 2))).toEqual([]);
    const { '@transferbench/core': _core, ...rest } = real.dependencies;
    const messages = await lint(manifest, JSON.stringify({ ...real, dependencies: rest }, null, 2));
    expect(messages.map((m) => m.rule)).toEqual(['@nx/dependency-checks']);
    expect(messages[0].message).toMatch(
      /uses the following packages, but they are missing from "dependencies":[\s\S]*@transferbench\/core/,
    );
  });

  it('names a declared dependency nothing imports', async () => {
    const messages = await lint(
      manifest,
      JSON.stringify({ ...real, dependencies: { ...real.dependencies, 'left-pad': '^1.3.0' } }, null, 2),
    );
    expect(messages).toEqual([
      { rule: '@nx/dependency-checks', message: 'The "left-pad" package is not used by "@transferbench/estimators" project.' },
    ]);
  });
});
