/**
 * Module resolution for user plugins in a bundled trial child (child-bundle.ts): a plugin's imports of
 * `@transferbench/core` and `zod` resolve to the bundle's own modules, so the plugin shares core and zod with
 * the host, as it does in a process that runs from source. The child registers it (`module.register`) only
 * when the trial loads plugin files. Plain JavaScript: it runs on Node's loader thread, without a TypeScript loader.
 */
/** @type {Record<string, string>} specifier → file URL */
let map = {};

export function initialize(data) {
  map = data;
}

export async function resolve(specifier, context, next) {
  const url = map[specifier];
  return url ? { url, format: 'module', shortCircuit: true } : next(specifier, context);
}
