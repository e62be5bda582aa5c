// @transferbench/core/testing — helpers for the packages' tests (not part of the library's surface).
export * from './requirements.ts';
