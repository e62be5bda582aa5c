export * from './label-table.ts';
export * from './select-tasks.ts';
export * from './build-dataset.ts';
export * from './featurization-report.ts';
