export * from './options.ts';
export * from './indices.ts';
export * from './random.ts';
export * from './kfold.ts';
export * from './scaffold.ts';
export * from './holdout.ts';
export * from './make-split.ts';
