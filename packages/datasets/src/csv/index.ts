export * from './multitask-csv.ts';
export * from './plugin.ts';
