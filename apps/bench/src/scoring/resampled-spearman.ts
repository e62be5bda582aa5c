/**
 * Spearman's ρ of a bootstrap resample of cells, without sorting the resample. A resample is the original cells
 * with integer multiplicities; its average ranks follow from one walk along the original sort order (a group of
 * tied values spanning g resampled cells after c smaller ones gets rank c + (g + 1)/2), and ρ is then the Pearson
 * correlation of those ranks weighted by the multiplicities — exactly `spearman` of the expanded resample, in
 * O(n) instead of O(n log n) with a comparator sort. It matters at many tasks: at K = 600 a pairwise truth has
 * 359,400 cells, and 1,000 resamples of the sorting version took about 9 minutes per estimator row.
 * Hand-written: statistics libraries rank a sample, not a resample of an already ranked one.
 */

/** One seed's cells, ranked once: the cells where neither value is NaN, in ascending order of each value. */
export interface RankedCells {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  orderX: Uint32Array;
  orderY: Uint32Array;
}

export function rankCells(x: ArrayLike<number>, y: ArrayLike<number>): RankedCells {
  if (x.length !== y.length) throw new Error(`rankCells: x has length ${x.length} but y has length ${y.length}; expected equal lengths`);
  const kept: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) kept.push(i);
  return {
    x,
    y,
    orderX: Uint32Array.from([...kept].sort((a, b) => x[a] - x[b])),
    orderY: Uint32Array.from([...kept].sort((a, b) => y[a] - y[b])),
  };
}

function resampleRanks(values: ArrayLike<number>, order: Uint32Array, counts: Uint32Array, out: Float64Array): void {
  let before = 0;
  for (let i = 0; i < order.length;) {
    let j = i,
      group = 0;
    const v = values[order[i]];
    while (j < order.length && values[order[j]] === v) group += counts[order[j++]];
    const rank = before + (group + 1) / 2;
    for (let k = i; k < j; k++) out[order[k]] = rank;
    before += group;
    i = j;
  }
}

/** ρ of the resample that holds cell i counts[i] times; NaN for fewer than 2 resampled cells or a constant side. */
export function resampledSpearman(cells: RankedCells, counts: Uint32Array): number {
  const rx = new Float64Array(counts.length);
  const ry = new Float64Array(counts.length);
  resampleRanks(cells.x, cells.orderX, counts, rx);
  resampleRanks(cells.y, cells.orderY, counts, ry);
  const idx = cells.orderX;
  let n = 0,
    mx = 0,
    my = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k],
      w = counts[i];
    n += w;
    mx += w * rx[i];
    my += w * ry[i];
  }
  if (n < 2) return Number.NaN;
  mx /= n;
  my /= n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k],
      w = counts[i];
    const dx = rx[i] - mx,
      dy = ry[i] - my;
    sxy += w * dx * dy;
    sxx += w * dx * dx;
    syy += w * dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
