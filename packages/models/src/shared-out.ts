/**
 * Checks of the optional output arrays of the probe primitives (`sharedGradients(batch, tasks, out)`,
 * `snapshotShared(out)`; see core's MultiTaskModel), shared by every engine so that a wrong `out`
 * fails the same clear way whichever engine runs.
 */

/** Throws unless `out` holds one distinct, non-overlapping array of `sharedSize` values per task. */
export function checkGradientOut(who: string, out: readonly Float32Array[], tasks: number, sharedSize: number): void {
  if (!Array.isArray(out) || out.length !== tasks) {
    const got = Array.isArray(out) ? `${out.length} arrays` : typeof out;
    throw new Error(`${who}: sharedGradients: out has ${got}; expected one Float32Array per requested task (${tasks})`);
  }
  out.forEach((a, k) => {
    if (!(a instanceof Float32Array) || a.length !== sharedSize) {
      const got = a instanceof Float32Array ? `${a.length} values` : describe(a);
      throw new Error(
        `${who}: sharedGradients: out[${k}] has ${got}; expected a Float32Array of sharedSize = ${sharedSize} values (W1 then b1)`,
      );
    }
  });
  // Two tasks writing into the same memory would silently hand back the later gradient for both.
  for (let a = 0; a < out.length; a++) {
    for (let b = a + 1; b < out.length; b++) {
      const x = out[a],
        y = out[b];
      if (x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength) {
        throw new Error(`${who}: sharedGradients: out[${a}] and out[${b}] share memory; expected one distinct array per task`);
      }
    }
  }
}

/** Throws unless `out` is a Float32Array of `sharedSize` values. */
export function checkSnapshotOut(who: string, out: Float32Array, sharedSize: number): void {
  if (!(out instanceof Float32Array) || out.length !== sharedSize) {
    const got = out instanceof Float32Array ? `${out.length} values` : describe(out);
    throw new Error(`${who}: snapshotShared: out has ${got}; expected a Float32Array of sharedSize = ${sharedSize} values (W1 then b1)`);
  }
}

/** what was passed instead, for error messages: "a Float64Array", "undefined" */
function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  const name = (x as { constructor?: { name?: string } }).constructor?.name;
  return `a ${name ?? typeof x}`;
}
