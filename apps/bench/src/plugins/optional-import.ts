/**
 * Imports a workspace package that may not exist yet (packages are built in parallel) or that is heavy
 * (tfjs): a missing package yields `undefined`; any other failure (a syntax error inside it, a broken
 * dependency) is rethrown, because hiding it would make a plugin silently disappear.
 */
export async function optionalImport<T = Record<string, unknown>>(
  specifier: string,
  // a literal `import('…')` at the call site, so the trial child's bundler (trial/child-bundle.ts) sees the package
  load: () => Promise<unknown> = () => import(specifier),
): Promise<T | undefined> {
  try {
    return (await load()) as T;
  } catch (err) {
    if (isMissing(err, specifier)) return undefined;
    throw err;
  }
}

function isMissing(err: unknown, specifier: string): boolean {
  const e = err as { code?: string; message?: string };
  const msg = e?.message ?? '';
  // vite (vitest) reports a package whose entry file is missing this way
  if (msg.includes(`Failed to resolve entry for package "${specifier}"`)) return true;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') return false;
  const pkgDir = specifier.replace(/^@transferbench\//, 'packages/');
  // only the package's own entry may be missing, not something it imports
  return [`'${specifier}'`, `${specifier}/src/index.ts'`, `${pkgDir}/src/index.ts'`].some((m) => msg.includes(m));
}
