// ESLint flat config (`npm run lint`): typescript-eslint's recommended rules (syntax only: no type-checking,
// so lint stays cheap; `npm run typecheck` does types) and Nx's rules over the project graph:
//
// @nx/enforce-module-boundaries, by the tags in each package.json (`nx.tags`):
//   scope:core — @transferbench/core: imports no other workspace package
//   scope:lib  — datasets, estimators, models, reporters: import only core
//   scope:app  — transferbench (apps/bench): imports the libraries; nothing imports it
// Tests, test helpers (`testing/` folders) and benchmark scripts (`bench/`) may also import the other
// libraries (an estimator's test trains a real model on real data) — still never the app.
//
// @nx/dependency-checks on each package.json: every package the code imports is declared, and nothing
// declared goes unused (test files, test helpers and benchmarks aside: they use the root's devDependencies).
//
// Both rules read Nx's cached project graph and SKIP silently when there is none (a fresh clone), so this
// file refuses to load without one; `npm run lint` computes it first (`nx show projects`).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { readCachedProjectGraph } from '@nx/devkit';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import jsonc from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

try {
  readCachedProjectGraph();
} catch (err) {
  throw new Error(
    `eslint.config.mjs: no Nx project graph is cached (${err instanceof Error ? err.message.split('\n')[0] : err}); ` +
      'the module-boundary rules would be skipped. Run `npm run lint`, or `npx nx show projects` once before `npx eslint`.',
  );
}

const WORKSPACE = [
  '@transferbench/core',
  '@transferbench/datasets',
  '@transferbench/estimators',
  '@transferbench/models',
  '@transferbench/reporters',
];

/** files that may reach the other libraries (never the app) */
const TEST_FILES = ['**/*.test.ts', '**/testing/**/*.{ts,mts,mjs}', '**/bench/**/*.{ts,mts,mjs}'];

const boundaries = (libDeps) => [
  'error',
  {
    // Node imports some packages lazily to start faster (engines, reporters): the rule's "static import of
    // a lazy-loaded library" check is about splitting browser bundles and does not apply
    checkDynamicDependenciesExceptions: WORKSPACE,
    // each package's vitest.config.ts shares the root's test settings
    allow: ['../../vitest.shared.ts'],
    depConstraints: [
      { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core'] },
      { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: libDeps },
      { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:core', 'scope:lib'] },
    ],
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', 'results/**', '.cache/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Prettier owns the layout: rules it would fight (e.g. no-unexpected-multiline) are off
  prettier,
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['scope:core']),
      // a variable a callback reads before its single assignment (queue-runner's reconnect log) stays `let`
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_`-prefixed names are unused on purpose: a parameter a signature requires, a key destructured away
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: TEST_FILES, rules: { '@nx/enforce-module-boundaries': boundaries(['scope:core', 'scope:lib']) } },
  {
    files: ['packages/*/package.json', 'apps/*/package.json'],
    languageOptions: { parser: jsonc },
    plugins: { '@nx': nx },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          // the projects have no build target: the files of `test` are the package's files
          buildTargets: ['test'],
          ignoredFiles: [
            '{projectRoot}/**/*.test.ts',
            '{projectRoot}/**/testing/**',
            '{projectRoot}/bench/**',
            '{projectRoot}/vitest.config.ts',
          ],
          // imported through a computed specifier the rule cannot see: the optional native tfjs backend
          // (models/src/backend.ts) and the builtin estimators (bench's plugins/host.ts, optionalImport)
          ignoredDependencies: ['@tensorflow/tfjs-node', '@transferbench/estimators'],
          // npm workspaces link the packages by version "^0.1.0": nothing to compare with an installed version
          checkVersionMismatches: false,
        },
      ],
    },
  },
);
