export * from './rdkit.ts';
export * from './morgan.ts';
export * from './scaffold.ts';
export * from './cache.ts';
export * from './featurize.ts';
export * from './csr.ts';
