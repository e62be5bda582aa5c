/** Rows of sorted column indices → core's CsrMatrix. */
import type { CsrMatrix } from '@transferbench/core';

export function rowsToCsr(rows: readonly Int32Array[], dim: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) indptr[r + 1] = indptr[r] + rows[r].length;
  const indices = new Int32Array(indptr[rows.length]);
  for (let r = 0; r < rows.length; r++) indices.set(rows[r], indptr[r]);
  return { indptr, indices, dim };
}
