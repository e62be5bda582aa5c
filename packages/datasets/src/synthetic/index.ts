export * from './options.ts';
export * from './generate.ts';
export * from './plugin.ts';
