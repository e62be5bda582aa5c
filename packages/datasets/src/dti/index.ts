export * from './variants.ts';
export * from './affinity-table.ts';
export * from './ordered-json.ts';
export * from './affinity-matrix.ts';
export * from './deepdta.ts';
export * from './long-csv.ts';
export * from './plugin.ts';
