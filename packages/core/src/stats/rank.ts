/**
 * Average ranks (1-based; ties share the mean of the ranks they span), as scipy.stats.rankdata(method='average')
 * and R's rank(ties.method = 'average'). Used by ROC-AUC (Mann–Whitney form) and Spearman.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new Error(`averageRanks: values[${i}] is NaN; drop NaN entries before ranking`);
  }
  order.sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    const r = (i + 1 + j) / 2; // mean of ranks i+1 .. j
    for (let k = i; k < j; k++) ranks[order[k]] = r;
    i = j;
  }
  return ranks;
}
